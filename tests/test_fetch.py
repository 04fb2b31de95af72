"""`python -m pipeline fetch` (issue 12): a page's HTML from the REST API into raw/, with its
provenance, never overwriting. A fake wiki on 127.0.0.1 answers; nothing touches the internet."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import __version__, cli, fetch, ids, provenance
from pipeline.page import parse_page
from pipeline.provenance import Provenance
from pipeline.storage import find_inputs, write_new

NOW = datetime(2025, 6, 1, 10, 0, 0, tzinfo=UTC)
STAMP = "2025-06-01T10:00:00Z"
TITLE = "2014 Copa Perú"
NAME = "2014_copa_perú.html"
CONTACT = "copa-tests@example.org"
# Parsoid HTML as /revision/{id}/html serves it (the shape of test_html's PARSOID).
TABLE = """<table class="wikitable"><tbody>
<tr><th>Pos</th><th>Team</th><th>Pld</th><th>W</th><th>D</th><th>L</th><th>GF</th>
<th>GA</th><th>GD</th><th>Pts</th></tr>
<tr><td>1</td><td><a rel="mw:WikiLink" href="./Alianza_Lima" title="Alianza Lima">Alianza Lima</a>
</td><td>2</td><td>1</td><td>1</td><td>0</td><td>3</td><td>1</td><td>+2</td><td>4</td></tr>
<tr><td>2</td><td>Cienciano</td><td>2</td><td>0</td><td>1</td><td>1</td><td>1</td><td>3</td>
<td>−2</td><td>1</td></tr></tbody></table>"""
PARSOID = f"""<!DOCTYPE html>
<html about="https://en.wikipedia.org/wiki/Special:Redirect/revision/1234"><head>
<meta charset="utf-8"/><title>2014 Copa Perú</title></head>
<body class="mw-content-ltr parsoid-body mediawiki mw-parser-output">
<section data-mw-section-id="0"><p>The <b>2014 Copa Perú</b> season.</p></section>
<section data-mw-section-id="1"><div class="mw-heading mw-heading2"><h2 id="Group_A">Group A</h2>
</div>{TABLE}</section></body></html>"""
# The same page without `<title>` or `<h1>`: the title can only come from the comment.
UNTITLED = f"<p>The season.</p><h2>Group A</h2>{TABLE}"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def page(title: str, latest: int) -> Reply:
    """`/page/{title}/bare` as MediaWiki answers it (the fields fetch reads, and a few more)."""
    bare = {"id": 42, "key": title.replace(" ", "_"), "title": title, "latest": {"id": latest}}
    return Reply(body=json.dumps({**bare, "content_model": "wikitext"}).encode())


def html(text: str) -> Reply:
    return Reply(body=text.encode(), headers={"Content-Type": "text/html; charset=utf-8"})


@dataclass
class Wiki:
    """A fake wiki: scripted replies per path (the last repeats), every request recorded."""

    base: str = ""
    routes: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def reply(self, path: str, headers: dict[str, str]) -> Reply:
        with self.lock:
            self.requests.append((path, headers))
            replies = self.routes.get(path, [Reply(404, b'{"httpCode": 404}')])
            return replies.pop(0) if len(replies) > 1 else replies[0]


@pytest.fixture
def wiki() -> Iterator[Wiki]:
    state = Wiki()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urllib.parse.unquote(self.path)
            answer = state.reply(path, dict(self.headers.items()))
            body, headers = answer.body, dict(answer.headers)
            if "gzip" in self.headers.get("Accept-Encoding", "") and path.endswith("/html"):
                body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
            self.send_response(answer.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A known contact, no endpoint from the environment, no proxy between us and 127.0.0.1."""
    monkeypatch.setenv(fetch.CONTACT_ENV, CONTACT)
    monkeypatch.delenv(fetch.ENDPOINT_ENV, raising=False)
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


def run(wiki: Wiki, out: Path, target: str, *more: str) -> tuple[int, list[float]]:
    """Run `fetch` against the fake wiki with a fake clock; the waits it asked for."""
    delays: list[float] = []
    argv = ["fetch", target, "--out", str(out), "--endpoint", wiki.base + "/{lang}", *more]
    code = cli.run_fetch(cli.build_parser().parse_args(argv), sleep=delays.append, now=lambda: NOW)
    return code, delays


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if not line.startswith("note:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_the_latest_revision_is_saved_with_its_provenance_and_extract_reads_it(
    wiki: Wiki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wiki.answer(f"/es/page/{TITLE.replace(' ', '_')}/bare", page(TITLE, 1234))
    wiki.answer("/es/revision/1234/html", html(PARSOID))
    code, _ = run(wiki, tmp_path / "raw", TITLE, "--lang", "es")
    assert code == 0
    assert wiki.paths() == ["/es/page/2014_Copa_Perú/bare", "/es/revision/1234/html"]
    saved = tmp_path / "raw" / NAME
    assert f"saved {saved}" in capsys.readouterr().out
    data = saved.read_bytes()
    first, _, rest = data.partition(b"\n")
    url = f"{wiki.base}/es/revision/1234/html"
    assert first.decode() == provenance.render(Provenance(TITLE, "1234", url, STAMP))
    assert rest == PARSOID.encode()  # the HTML as served (un-gzipped), unchanged
    result = parse_page(data, ids.page_id(saved.name), f"raw/{saved.name}")
    info = result.info
    assert (info.source_url, info.revision, info.retrieved) == (url, "1234", STAMP)
    assert (info.title, info.rendering) == (TITLE, "html")
    rows = [(s.team, s.points) for t in result.tables for s in t.standings]
    assert rows == [("Alianza Lima", 4), ("Cienciano", 1)]


def test_a_page_without_a_title_element_takes_its_title_from_the_comment(
    wiki: Wiki, tmp_path: Path
) -> None:
    wiki.answer("/en/page/2014_Copa_Perú/bare", page(TITLE, 7))
    wiki.answer("/en/revision/7/html", html(UNTITLED))
    assert run(wiki, tmp_path, TITLE)[0] == 0
    result = parse_page((tmp_path / NAME).read_bytes(), "x", "raw/x.html")
    assert (result.info.title, result.info.revision) == (TITLE, "7")


def test_a_render_capture_comment_gives_url_revision_and_time() -> None:
    capture = (
        "<!-- http%3A//en.wikipedia.org/wiki%3Faction%3Drender%26curid%3D1%26oldid%3D2 "
        "2014-06-19-10-55-31 -->\n" + UNTITLED
    )
    info = parse_page(capture.encode(), "x", "raw/x.html").info
    assert (info.source_url, info.retrieved, info.revision) == (
        "http://en.wikipedia.org/wiki?action=render&curid=1&oldid=2", "2014-06-19T10:55:31", "2",
    )  # fmt: skip


def test_a_revision_asked_for_is_fetched_by_its_id_and_named_by_the_title_typed(
    wiki: Wiki, tmp_path: Path
) -> None:
    bare = {"id": 999, "page": {"id": 42, "key": "2014_Copa_Perú", "title": TITLE}}
    wiki.answer("/en/revision/999/bare", Reply(body=json.dumps(bare).encode()))
    wiki.answer("/en/revision/999/html", html(PARSOID))
    assert run(wiki, tmp_path, "2014_Copa_Perú@999")[0] == 0
    assert wiki.paths() == ["/en/revision/999/bare", "/en/revision/999/html"]
    stated = provenance.parse((tmp_path / NAME).read_text(encoding="utf-8"))
    assert stated is not None and (stated.title, stated.revision) == (TITLE, "999")


@pytest.mark.parametrize(
    "redirect",
    [
        # Newer MediaWiki: the bare answer of a redirect names its target.
        Reply(body=b'{"title": "Copa Peru 2014", "latest": {"id": 5}, '
                   b'"redirect_target": "/en/page/2014_Copa_Per%C3%BA/bare?redirect=no"}'),
        # Older MediaWiki: a 307 to the target.
        Reply(307, headers={"Location": "/en/page/2014_Copa_Per%C3%BA/bare?redirect=no"}),
    ],
    ids=["redirect_target", "307"],
)  # fmt: skip
def test_a_redirect_is_followed_and_the_file_named_by_the_title_typed(
    redirect: Reply, wiki: Wiki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wiki.answer("/en/page/Copa_Peru_2014/bare", redirect)
    wiki.answer("/en/page/2014_Copa_Perú/bare?redirect=no", page(TITLE, 1234))
    wiki.answer("/en/revision/1234/html", html(PARSOID))
    assert run(wiki, tmp_path, "Copa Peru 2014")[0] == 0
    assert wiki.paths()[-1] == "/en/revision/1234/html"  # the target's revision, not the stub's
    stated = provenance.parse((tmp_path / "copa_peru_2014.html").read_text(encoding="utf-8"))
    assert stated is not None and (stated.title, stated.revision) == (TITLE, "1234")
    assert f'note: the wiki names the page "{TITLE}"' in capsys.readouterr().err


def test_a_revision_already_saved_is_not_fetched_or_written_again(
    wiki: Wiki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wiki.answer("/en/page/2014_Copa_Perú/bare", page(TITLE, 1234))
    wiki.answer("/en/revision/1234/html", html(PARSOID))
    assert run(wiki, tmp_path, TITLE)[0] == 0
    before = (tmp_path / NAME).read_bytes()
    wiki.requests.clear()
    capsys.readouterr()
    assert run(wiki, tmp_path, TITLE)[0] == 0  # the latest is still 1234: one small request
    assert wiki.paths() == ["/en/page/2014_Copa_Perú/bare"]
    assert run(wiki, tmp_path, f"{TITLE}@1234")[0] == 0  # asked by id: no request at all
    assert wiki.paths() == ["/en/page/2014_Copa_Perú/bare"]
    out = capsys.readouterr().out
    assert out.count("already holds revision 1234; nothing written") == 2
    assert [p.name for p in tmp_path.iterdir()] == [NAME]
    assert (tmp_path / NAME).read_bytes() == before


def test_another_revision_gets_its_own_name_and_both_are_pages(wiki: Wiki, tmp_path: Path) -> None:
    wiki.answer("/en/page/2014_Copa_Perú/bare", page(TITLE, 1234), page(TITLE, 1300))
    wiki.answer("/en/revision/1234/html", html(PARSOID))
    wiki.answer("/en/revision/1300/html", html(PARSOID.replace("season.", "season, edited.")))
    assert run(wiki, tmp_path, TITLE)[0] == 0
    before = (tmp_path / NAME).read_bytes()
    assert run(wiki, tmp_path, TITLE)[0] == 0
    newer = tmp_path / "2014_copa_perú@1300.html"
    assert b"edited" in newer.read_bytes() and (tmp_path / NAME).read_bytes() == before
    found = sorted(path.name for path, _ in find_inputs([tmp_path]).files)
    assert [ids.page_id(name) for name in found] == ["2014_copa_perú", "2014_copa_perú@1300"]


def test_a_file_fetch_did_not_write_is_kept_and_the_page_saved_beside_it(
    wiki: Wiki, tmp_path: Path
) -> None:
    (tmp_path / NAME).write_text("<p>saved by hand</p>", encoding="utf-8")
    wiki.answer("/en/page/2014_Copa_Perú/bare", page(TITLE, 1234))
    wiki.answer("/en/revision/1234/html", html(PARSOID))
    assert run(wiki, tmp_path, TITLE)[0] == 0
    assert (tmp_path / NAME).read_text(encoding="utf-8") == "<p>saved by hand</p>"
    assert (tmp_path / "2014_copa_perú@1234.html").read_bytes().endswith(PARSOID.encode())


def test_write_new_never_replaces_a_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"old a")
    assert write_new(tmp_path, ["a.html", "b.html"], b"new") == tmp_path / "b.html"
    with pytest.raises(FileExistsError):
        write_new(tmp_path, ["a.html", "b.html"], b"newer")
    contents = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert contents == {"a.html": b"old a", "b.html": b"new"}


def test_429_and_5xx_are_retried_with_backoff_and_retry_after_is_honoured(
    wiki: Wiki, tmp_path: Path
) -> None:
    wiki.answer(
        "/en/page/2014_Copa_Perú/bare",
        Reply(503, b"busy", {"Retry-After": "3"}),  # seconds: more than the 1 s backoff
        Reply(429, b"slow down", {"Retry-After": "Sun, 01 Jun 2025 10:00:05 GMT"}),  # a date
        Reply(502, b"bad gateway"),  # no Retry-After: the backoff, doubled twice
        page(TITLE, 1234),
    )
    wiki.answer("/en/revision/1234/html", html(PARSOID))
    code, delays = run(wiki, tmp_path, TITLE)
    assert code == 0 and delays == [3.0, 5.0, 4.0]
    assert wiki.paths().count("/en/page/2014_Copa_Perú/bare") == 4
    assert (tmp_path / NAME).exists()


def test_a_server_failing_every_attempt_is_one_line_and_exit_2(
    wiki: Wiki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wiki.answer("/en/page/2014_Copa_Perú/bare", Reply(500, b"oops"))
    code, delays = run(wiki, tmp_path / "raw", TITLE)
    assert (code, delays) == (2, [1.0, 2.0, 4.0])
    assert "kept failing (HTTP 500" in one_error_line(capsys.readouterr().err)
    assert not (tmp_path / "raw").exists()


def test_a_retry_after_beyond_a_minute_stops_at_once(
    wiki: Wiki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wiki.answer("/en/page/2014_Copa_Perú/bare", Reply(429, b"", {"Retry-After": "3600"}))
    code, delays = run(wiki, tmp_path, TITLE)
    assert (code, delays, len(wiki.requests)) == (2, [], 1)
    assert "asks to wait 3600 s" in one_error_line(capsys.readouterr().err)


def test_no_such_page_is_one_line_exit_2_and_not_retried(
    wiki: Wiki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, delays = run(wiki, tmp_path / "raw", "No Such Season")
    assert (code, delays, len(wiki.requests)) == (2, [], 1)
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith('error: no such page: "No Such Season"') and "HTTP 404" in line
    assert not (tmp_path / "raw").exists()


def test_another_4xx_is_one_line_exit_2_and_not_retried(
    wiki: Wiki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wiki.answer("/en/page/2014_Copa_Perú/bare", Reply(403, b"forbidden"))
    code, delays = run(wiki, tmp_path, TITLE)
    assert (code, delays, len(wiki.requests)) == (2, [], 1)
    assert "refused the request: HTTP 403" in one_error_line(capsys.readouterr().err)


def test_no_network_is_one_line_exit_2_after_the_retries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nothing listens on: connections are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = Wiki(base=f"http://127.0.0.1:{port}")
    code, delays = run(closed, tmp_path / "raw", TITLE)
    assert (code, delays) == (2, [1.0, 2.0, 4.0])
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith(f"error: network unreachable: cannot reach 127.0.0.1:{port}")
    assert not (tmp_path / "raw").exists()


def test_the_user_agent_names_the_tool_and_the_contact_and_the_env_names_the_endpoint(
    wiki: Wiki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(fetch.ENDPOINT_ENV, wiki.base + "/w/{lang}")
    wiki.answer("/w/en/page/2014_Copa_Perú/bare", page(TITLE, 1234))
    wiki.answer("/w/en/revision/1234/html", html(PARSOID))
    assert cli.main(["fetch", TITLE, "--out", str(tmp_path)]) == 0  # the whole CLI path
    agents = {headers["User-Agent"] for _, headers in wiki.requests}
    assert len(wiki.requests) == 2 and len(agents) == 1
    (agent,) = agents
    assert agent.startswith(f"copa-pipeline/{__version__} ({CONTACT}) ")


def test_without_a_contact_the_user_agent_and_a_note_say_to_set_one(
    wiki: Wiki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(fetch.CONTACT_ENV)
    run(wiki, tmp_path, TITLE)
    assert fetch.CONTACT_ENV in wiki.requests[0][1]["User-Agent"]
    assert f"note: set {fetch.CONTACT_ENV}" in capsys.readouterr().err


def test_fetch_has_help_naming_the_settings_and_the_naming_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["fetch", "--help"])
    assert exit_info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for needed in ("TITLE[@REVISION]", "--endpoint", fetch.CONTACT_ENV, fetch.ENDPOINT_ENV):
        assert needed in text
    assert "never overwritten" in text and "2014_copa_perú@1234567.html" in text


@pytest.mark.parametrize(
    ("typed", "title", "revision"),
    [
        ("2014 Copa Perú", "2014 Copa Perú", None),
        ("2014_Copa__Perú @1234", "2014 Copa Perú", "1234"),
        ("Mail@Home", "Mail@Home", None),  # `@` not followed by digits belongs to the title
        ("Club@2@0042", "Club@2", "42"),
    ],
)
def test_a_target_is_a_title_and_an_optional_revision_after_the_last_at(
    typed: str, title: str, revision: str | None
) -> None:
    assert fetch.parse_target(typed) == fetch.Target(title, revision)


@pytest.mark.parametrize("typed", ["", " _ ", "@1234", "Copa@0"])
def test_a_bad_target_is_a_usage_error(typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["fetch", typed])
    assert exit_info.value.code == 2
    assert "TITLE[@REVISION]" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("2014 Copa Perú", "2014_copa_perú"),
        ("1994–95 Belarusian Premier League", "1994-95_belarusian_premier_league"),
        ("AC/DC: Live?", "ac_dc_live"),  # separators and reserved characters
        ("Club@Home", "club_home"),  # `@` only ever separates the revision
        ("..", "page"),  # never a hidden file or an empty name
        ("é" * 150, "é" * 100),  # cut to 200 bytes, never inside a character
    ],
)
def test_a_file_name_is_the_title_made_safe(title: str, stem: str) -> None:
    assert fetch.file_stem(title) == stem


def test_a_bad_language_or_endpoint_is_refused_before_any_request() -> None:
    assert fetch.endpoint_for("es") == "https://es.wikipedia.org/w/rest.php/v1"
    for lang, endpoint in [("en.evil.org/x", None), ("en", "file:///etc/{lang}")]:
        with pytest.raises(ValueError):
            fetch.endpoint_for(lang, endpoint)


TEXTS = st.text(st.characters(codec="utf-8"), max_size=40)


@given(st.builds(Provenance, TEXTS, TEXTS, TEXTS, TEXTS, TEXTS))
def test_the_provenance_comment_is_one_line_that_reads_back_unchanged(p: Provenance) -> None:
    line = provenance.render(p)
    assert "\n" not in line and len(line.splitlines()) == 1
    assert line.startswith("<!-- ") and line.endswith(" -->") and line.count("-->") == 1
    assert provenance.parse(line + "\n<p>body</p>") == p


@pytest.mark.parametrize(
    "text",
    [
        "<!-- http%3A//en.wikipedia.org/wiki%3Faction%3Drender 2014-06-19-10-55-31 -->\n<p>",
        '<p>x</p>\n<!-- title="a" revision="1" url="u" retrieved="t" licence="l" -->',
        '<!-- title="a" revision="1" url="u" retrieved="t" -->',  # a field missing
    ],
    ids=["render-capture", "not-the-first-line", "incomplete"],
)
def test_only_a_whole_provenance_comment_on_the_first_line_is_read(text: str) -> None:
    assert provenance.parse(text) is None

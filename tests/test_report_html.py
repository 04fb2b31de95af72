"""report.html: the seed's contradictions drawn and highlighted, page text escaped, nothing
fetched, one index row per page and detail only where there is something to look at."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from lxml import etree
from lxml import html as lxml_html

from pipeline.report_html import Limits, iter_html, render_html
from pipeline.run import RawPage, assemble, parse_pages
from tests.conftest import SEED

Frames = dict[str, pd.DataFrame]
PAGE = "2004_copa_peru"
PATH = "tests/fixtures/2004_copa_peru.txt"
HOSTILE = "<script>alert('x')</script> & Co"


@pytest.fixture(scope="module")
def seed_frames() -> Frames:
    """The seed page's frames, as `run._assemble` hands them to the reports."""
    return assemble(parse_pages([RawPage(PAGE, PATH, SEED.read_bytes())])).frames


def copy_frames(frames: Frames) -> Frames:
    return {name: frame.copy() for name, frame in frames.items()}


def parse(text: str) -> etree._Element:
    """Parse the report as XML: stricter than an HTML parser, so it is well-formed."""
    return etree.fromstring(text.encode("utf-8"))


def cells(root: etree._Element, css: str) -> list[etree._Element]:
    """The cells of a class (`bad`: stated ≠ computed; `cand`: could explain it)."""
    return [td for td in root.iter("td") if css in str(td.get("class", "")).split()]


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


def test_seed_contradictions_show_stated_and_computed_values_at_file_line(
    seed_frames: Frames,
) -> None:
    root = parse(render_html(seed_frames))
    flagged = []
    for td in cells(root, "bad"):
        row = td.getparent()
        assert row is not None
        team = next(text_of(c) for c in row if "team" in str(c.get("class", "")).split())
        flagged.append((team, td.get("data-field"), td.get("data-stated"), td.get("data-computed")))
        where = str(td.get("data-where"))
        assert where in str(td.get("title"))
        assert text_of(td).startswith(_shown(str(td.get("data-stated"))))
        assert _shown(str(td.get("data-computed"))) in text_of(td)
    assert sorted(flagged) == [
        ("Defensor Villa del Mar", "goal_difference", "-13", "−12"),
        ("Defensor Villa del Mar", "goals_for", "22", "23"),
        ("Somos Aduanas", "goal_difference", "-20", "−21"),
        ("Somos Aduanas", "goals_against", "43", "44"),
    ]
    wheres = sorted(str(td.get("data-where")) for td in cells(root, "bad"))
    assert wheres == [f"{PATH}:1307"] * 2 + [f"{PATH}:1439"] * 2


def _shown(value: str) -> str:
    """A goal difference as the table prints it (`−13`); other values unchanged."""
    return value.replace("-", "−")


def test_seed_candidate_cells_are_marked_with_their_file_line(seed_frames: Frames) -> None:
    root = parse(render_html(seed_frames))
    marked = cells(root, "cand")
    assert sorted(str(td.get("data-lines")) for td in marked) == ["1347", "1474"]
    assert sorted(str(td.get("title")) for td in marked) == [f"{PATH}:1347", f"{PATH}:1474"]
    assert sorted(text_of(td)[:3] for td in marked) == ["1–2", "2–1"]
    # The findings list links each candidate to its cell: the anchors exist.
    ids = {str(e.get("id")) for e in root.iter() if e.get("id")}
    targets = {str(a.get("href"))[1:] for a in root.iter("a") if str(a.get("href")).startswith("#")}
    assert {"p0-L1347", "p0-L1474", "p0-L1307", "p0-L1439"} <= ids
    assert {"p0-L1347", "p0-L1474"} <= targets


def test_findings_list_names_each_warning_by_file_line(seed_frames: Frames) -> None:
    root = parse(render_html(seed_frames))
    table = next(t for t in root.iter("table") if t.get("class") == "findings")
    rows = [[text_of(td) for td in tr.iter("td")] for tr in table.iter("tr") if tr.get("id")]
    assert [(r[2], r[5], r[6], r[7], r[8]) for r in rows] == [
        (f"{PATH}:1307", "goals_for", "22", "23", ":1347, :1474"),
        (f"{PATH}:1307", "goal_difference", "-13", "-12", ":1347, :1474"),
        (f"{PATH}:1439", "goals_against", "43", "44", ":1347, :1474"),
        (f"{PATH}:1439", "goal_difference", "-20", "-21", ":1347, :1474"),
    ]


def test_only_the_tables_findings_name_are_drawn(seed_frames: Frames) -> None:
    root = parse(render_html(seed_frames))
    captions = [text_of(c) for c in root.iter("figcaption")]
    assert len(captions) == 1
    assert captions[0].startswith("Regional Stage › Region VI (league, parsed)")
    standings = next(t for t in root.iter("table") if t.get("class") == "standings")
    assert len(list(standings.iter("tr"))) == 1 + 12
    matrix = next(t for t in root.iter("table") if t.get("class") == "matrix")
    assert len(list(matrix.iter("tr"))) == 1 + 12
    assert len(cells(root, "diag")) == 12


def test_a_candidate_cell_in_another_table_draws_that_table_too(seed_frames: Frames) -> None:
    # Renderings that print the matrix as a table of its own: the finding names the standings,
    # its candidate cells are in the matrix table.
    frames = copy_frames(seed_frames)
    matches = frames["matches"]
    grid = (matches["table_id"] == f"{PAGE}#11") & (matches["kind"] == "league")
    matches.loc[grid, "table_id"] = f"{PAGE}#11m"
    tables = frames["tables"]
    extra = tables[tables["table_id"] == f"{PAGE}#11"].copy()
    extra["table_id"] = f"{PAGE}#11m"
    extra["kind"] = "results_matrix"
    frames["tables"] = pd.concat([tables, extra], ignore_index=True)
    root = parse(render_html(frames))
    assert len(list(root.iter("figure"))) == 2
    assert len(cells(root, "bad")) == 4
    assert sorted(str(td.get("data-lines")) for td in cells(root, "cand")) == ["1347", "1474"]


def test_index_names_the_sections_the_export_has_no_table_for(seed_frames: Frames) -> None:
    root = parse(render_html(seed_frames))
    index = next(t for t in root.iter("table") if t.get("class") == "index")
    body = index.find("tbody")
    assert body is not None
    (row,) = list(body)
    listed = [text_of(li) for li in row.iter("li")]
    assert "Regional Stage › Region VII" in listed
    assert "Regional Stage › Region VIII" in listed
    assert "National Stage" in listed
    assert "Notes" not in listed


def test_without_the_pages_column_the_findings_name_the_sections(seed_frames: Frames) -> None:
    frames = copy_frames(seed_frames)
    frames["pages"] = frames["pages"].drop(columns="sections_without_table", errors="ignore")
    root = parse(render_html(frames))
    listed = [text_of(li) for li in root.iter("li")]
    assert "Region VII :1529" in listed
    assert any(x.startswith("National Stage :") for x in listed)
    assert "Notes :1553" in listed  # the findings name every heading, appendices too


def _hostile(frames: Frames) -> Frames:
    """Every team, title and section of the seed replaced by markup."""
    out = copy_frames(frames)
    for frame in out.values():
        for column in frame.columns:
            if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
                frame[column] = frame[column].map(_spike)
    out["pages"]["title"] = HOSTILE
    out["pages"]["path"] = f"raw/{HOSTILE}.txt"
    return out


def _spike(value: object) -> object:
    if isinstance(value, str):
        return value.replace("Defensor Villa del Mar", HOSTILE).replace("Region VII", HOSTILE)
    if isinstance(value, list):
        return [_spike(v) for v in value]
    return value


def test_page_text_is_escaped_everywhere(seed_frames: Frames) -> None:
    text = render_html(_hostile(seed_frames))
    assert "<script" not in text.lower()
    assert "&lt;script&gt;" in text
    root = parse(text)  # still well-formed
    assert not list(root.iter("script"))
    teams = [text_of(td) for td in root.iter("td") if td.get("class") == "team"]
    assert any(t.startswith("<script>alert('x')</script> & Co") for t in teams)
    assert len(cells(root, "bad")) == 4


def test_report_is_self_contained(seed_frames: Frames) -> None:
    frames = copy_frames(seed_frames)
    frames["pages"]["source_url"] = "https://en.wikipedia.org/wiki/2004_Copa_Per%C3%BA"
    text = render_html(frames)
    root = parse(text)
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert not list(root.iter(tag)), tag
    assert not [e for e in root.iter() if e.get("src") is not None]
    external = [
        str(a.get("href")) for a in root.iter("a") if not str(a.get("href")).startswith("#")
    ]
    assert external == ["https://en.wikipedia.org/wiki/2004_Copa_Per%C3%BA"]
    assert "@import" not in text and "url(" not in text
    frames["pages"]["source_url"] = "http://example.com/x.js"
    root = parse(render_html(frames))
    assert all(str(a.get("href")).startswith("#") for a in root.iter("a"))


def test_report_parses_as_html_with_title_and_style(seed_frames: Frames) -> None:
    document = lxml_html.document_fromstring(render_html(seed_frames))
    assert document.findtext(".//title") == "Validation report: 1 page(s)"
    assert document.find(".//head/style") is not None
    assert document.find(".//meta[@charset]") is not None


def test_chunks_join_to_the_whole_report(seed_frames: Frames) -> None:
    chunks = list(iter_html(seed_frames))
    assert len(chunks) > 3
    assert "".join(chunks) == render_html(seed_frames)


def _many_pages(frames: Frames, n: int, keep: Callable[[int], bool]) -> Frames:
    """`n` copies of the seed, renamed; copies where `keep(i)` is false hold infos only."""
    out: Frames = {}
    for key, frame in frames.items():
        big = pd.concat([frame] * n, ignore_index=True)
        copy = np.repeat(np.arange(n), len(frame))
        names = pd.Series([f"page_{i:05d}" for i in copy], dtype=big["page"].dtype)
        for column in ("page", "table_id", "match_id", "tie_id"):
            if column in big.columns:  # every ID starts with the page name
                big[column] = names + big[column].str.slice(len(PAGE))
        if "path" in big.columns:
            big["path"] = "raw/" + names + ".txt"
        if key == "findings":
            kept = np.array([keep(int(i)) for i in copy], dtype=bool)
            big = big[(big["severity"] == "info").to_numpy(dtype=bool) | kept]
        out[key] = big
    return out


def test_many_pages_one_index_row_each_detail_only_where_findings_are(
    seed_frames: Frames,
) -> None:
    n = 120
    frames = _many_pages(seed_frames, n, keep=lambda i: i % 3 == 0)
    chunks = list(iter_html(frames))
    root = parse("".join(chunks))
    index = next(t for t in root.iter("table") if t.get("class") == "index")
    body = index.find("tbody")
    assert body is not None
    assert len(body) == n
    details = [s for s in root.iter("section") if s.get("class") == "page"]
    assert [s.get("id") for s in details] == [f"p{i}" for i in range(0, n, 3)]
    for section in details:  # each page's detail holds its own rows only, never another's
        standings = next(t for t in section.iter("table") if t.get("class") == "standings")
        assert len(list(standings.iter("tr"))) == 1 + 12
        assert len([td for td in cells(section, "bad")]) == 4
        assert len(cells(section, "cand")) == 2
    assert len(chunks) >= len(details)  # one chunk at least per page detail: streamed
    warned = [tr for tr in body if tr.get("class") == "warning"]
    assert len(warned) == len(details)


def test_caps_say_what_they_leave_out(seed_frames: Frames) -> None:
    text = render_html(seed_frames, Limits(rows_per_table=5, matrix_teams=4, findings_per_page=2))
    root = parse(text)
    notes = [text_of(p) for p in root.iter("p") if p.get("class") == "note"]
    assert "Showing the first 5 of 12 standings rows; the rest are in the Parquet outputs." in notes
    assert (
        "Showing the first 4 of 12 teams of the matrix; the rest are in the Parquet outputs."
        in notes
    )
    assert any(re.match(r"2 more finding\(s\) on this page", n) for n in notes)


def test_a_page_with_infos_only_gets_an_index_row_and_no_detail(seed_frames: Frames) -> None:
    frames = copy_frames(seed_frames)
    findings = frames["findings"]
    frames["findings"] = findings[findings["severity"] == "info"]
    root = parse(render_html(frames))
    assert not [s for s in root.iter("section") if s.get("class") == "page"]
    assert not list(root.iter("figure"))


def test_ties_and_single_matches_are_drawn_as_rows_with_their_cells_marked(
    seed_frames: Frames,
) -> None:
    frames = copy_frames(seed_frames)
    findings = frames["findings"]
    extra = findings[findings["severity"] == "warning"].head(2).copy()
    # A tie's aggregate (row line 21; its first leg's score is line 27), and a tiebreaker's score.
    extra["table_id"] = [f"{PAGE}#1", f"{PAGE}#2"]
    extra["source_line"] = pd.array([21, 68], dtype="Int64")
    extra["team"] = ["Flamengo", "Academia Municipal"]
    extra["candidate_lines"] = [[27], []]
    frames["findings"] = pd.concat([findings, extra], ignore_index=True)
    root = parse(render_html(frames))
    captions = [text_of(c).split(" (")[0] for c in root.iter("figcaption")]
    assert captions == [
        "Regional Stage › Region I › Quarterfinals",
        "Regional Stage › Region I › Quarterfinals › Tiebreaker",
        "Regional Stage › Region VI",
    ]
    ties = next(t for t in root.iter("table") if t.get("class") == "ties")
    flagged = [tr for tr in ties.iter("tr") if tr.get("class") == "bad"]
    assert [text_of(tr[0]) for tr in flagged] == ["Flamengo"]
    assert [td.get("data-lines") for td in cells(ties, "cand")] == ["27"]
    single = next(t for t in root.iter("table") if t.get("class") == "matches")
    assert [td.get("title") for td in cells(single, "bad")] == [f"{PATH}:68"]

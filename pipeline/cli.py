"""Command-line shell: read raw pages, run the pure core, write clean/ and print a summary."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from pipeline import __version__, fetch, ids, provenance
from pipeline.findings import KINDS
from pipeline.frontends import suffixes
from pipeline.run import RawPage, assemble, configure_process, parse_each
from pipeline.storage import (
    InputError,
    OutputBusy,
    display_path,
    find_inputs,
    find_saved,
    read_page,
    unsafe_output,
    write_new,
    write_outputs,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Turn Wikipedia football pages, saved as HTML, as raw wikitext (wikitables and the
standings, results and knockout templates) or as text exports (cell per line, row per
line, rows joined by spaces), into validated, cross-checked Parquet tables and a
validation report. `fetch` saves a page's HTML from Wikipedia into raw/.
"""
EXTRACT_HELP = """\
Parse every page, validate the tables with the pandera schemas, cross-check each page
against itself, and replace OUT as a whole with pages/tables/standings/matches/ties/
findings .parquet plus report.md, report.json and junit.xml. Exit status: 0 when no
finding is an error (with --strict: no error and no warning), 1 otherwise, 2 when an
input cannot be read.
"""
CHECK_HELP = """\
Parse the given files and print their findings as `file:line: severity[code] message`,
writing nothing. Exit status as for extract.
"""
_WAITS = ", ".join(f"{fetch.BACKOFF * 2**k:g}" for k in range(fetch.ATTEMPTS - 1))
FETCH_HELP = f"""\
Save a Wikipedia page's HTML (Parsoid HTML, from the MediaWiki REST API) into OUT for
extract to read. TITLE is the article's title as on Wikipedia ("2014 Copa Perú"); with
@REVISION ("2014 Copa Perú@1234567") that revision is saved instead of the latest.

The file's first line is an HTML comment stating the title, revision, URL, retrieval time
(UTC, ISO 8601) and licence ({provenance.LICENCE}); extract reads pages.source_url, revision
and retrieved from it. The text is Wikipedia's, under that licence: keep the comment.

File names: the title as typed, in lower case, spaces as '_', dashes as '-', characters
unsafe in file names as '_' (OUT/2014_copa_perú.html; the page id is the name's stem). A
file in OUT is never overwritten: where that name already holds the revision, nothing is
written (exit 0; for TITLE@REVISION nothing is even fetched); where it holds another
revision, or is not a fetched page, this one is saved as OUT/2014_copa_perú@1234567.html.

Requests go one at a time to the REST endpoint: --endpoint, else ${fetch.ENDPOINT_ENV},
else {fetch.DEFAULT_ENDPOINT} ({{lang}} is replaced by --lang).
Each carries the User-Agent "copa-pipeline/{__version__} (CONTACT) Python-urllib/3.x" that
Wikimedia's User-Agent policy asks for: set ${fetch.CONTACT_ENV} to your e-mail address or a
URL where you can be reached (unset, CONTACT says it is not set, and a note reminds you).
Refused connections, timeouts, HTTP 429 and 5xx are retried: {fetch.ATTEMPTS} attempts in all,
waiting {_WAITS} s between them, or longer where the server's Retry-After asks.

Exit status: 0 saved or already there; 2 no such page, request refused, network
unreachable or OUT not writable (one line on stderr saying which).
"""


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser (every command has --help)."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description=DESCRIPTION,
        epilog="Finding codes: " + ", ".join(sorted(KINDS)),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = sub.add_parser(
        "extract", help="raw pages -> clean/ Parquet and report", description=EXTRACT_HELP
    )
    extract.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("raw")],
        metavar="PATH",
        help="raw .txt and .html files or folders of them (default: raw/)",
    )
    extract.add_argument(
        "--out",
        type=Path,
        default=Path("clean"),
        help="output folder, replaced whole at the end (default: clean/)",
    )
    extract.add_argument("--strict", action="store_true", help="also fail on warnings")
    extract.add_argument("--quiet", action="store_true", help="print no progress bar")
    extract.add_argument(
        "--wait",
        action="store_true",
        help="if another run is writing OUT, wait for it instead of stopping (exit 2)",
    )
    check = sub.add_parser(
        "check", help="print a file's findings, write nothing", description=CHECK_HELP
    )
    check.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="raw .txt or .html files"
    )
    check.add_argument("--strict", action="store_true", help="also fail on warnings")
    get = sub.add_parser(
        "fetch",
        help="save a page's HTML from Wikipedia into raw/",
        description=FETCH_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    get.add_argument(
        "target",
        type=_target,
        metavar="TITLE[@REVISION]",
        help="the article's title, and a revision id to save that revision",
    )
    get.add_argument("--lang", default="en", help="the Wikipedia's language code (default: en)")
    get.add_argument(
        "--out", type=Path, default=Path("raw"), help="folder to save into (default: raw/)"
    )
    get.add_argument(
        "--endpoint",
        metavar="URL",
        default=os.environ.get(fetch.ENDPOINT_ENV),
        help=f"REST API base URL, {{lang}} replaced (default: ${fetch.ENDPOINT_ENV}, else "
        f"{fetch.DEFAULT_ENDPOINT})",
    )
    return parser


def _target(text: str) -> fetch.Target:
    """argparse type of fetch's TITLE[@REVISION]: a usage error (exit 2) where it is bad."""
    try:
        return fetch.parse_target(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _progress(total: int, quiet: bool) -> object:
    count = 0

    def tick(raw: RawPage) -> None:
        nonlocal count
        count += 1
        if quiet:
            return
        width = 30
        done = width * count // max(total, 1)
        bar = "#" * done + "." * (width - done)
        sys.stderr.write(f"\r[{bar}] {count}/{total} {raw.page[:40]:40}")
        if count == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return tick


def _read_all(paths: list[Path], as_typed: bool) -> tuple[list[RawPage], bool]:
    """Read every input once; report unreadable inputs and clashing page names (exit 2).

    Pages are shown by their contract path (`as_typed`: as the user typed them, for `check`).
    """
    try:
        inputs = find_inputs(paths)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return [], False
    if inputs.skipped:
        shown = ", ".join(str(p) for p in inputs.skipped[:3])
        more = f", … +{len(inputs.skipped) - 3}" if len(inputs.skipped) > 3 else ""
        print(
            f"skipped {len(inputs.skipped)} file(s) no front end reads ({shown}{more})",
            file=sys.stderr,
        )
    files: dict[Path, tuple[Path, Path]] = {}
    for path, given in inputs.files:
        files.setdefault(path.resolve(), (path, given))  # a file named twice is read once
    pages: list[RawPage] = []
    by_name: dict[str, Path] = {}
    ok = True
    # The same article as `x.txt` and `x.html` is two pages: where stems meet, the file name
    # (with its suffix) names each, whatever the order the files come in.
    stems: dict[str, set[str]] = {}
    for path, _ in files.values():
        stems.setdefault(ids.page_id(path.name), set()).add(path.name)
    for path, given in files.values():
        page = ids.page_id(path.name)
        if len(stems[page]) > 1:
            page = path.name
        if page in by_name:
            print(
                f"error: {by_name[page]} and {path} would both be page '{page}'; "
                "rename one (page names key every output table)",
                file=sys.stderr,
            )
            ok = False
            continue
        try:
            seen_as = None if as_typed else display_path(path, given)
            pages.append(read_page(path, seen_as, page))
        except OSError as err:
            print(f"error: cannot read {path}: {err.strerror or err}", file=sys.stderr)
            ok = False
            continue
        by_name[page] = path
    return pages, ok


def _exit_code(severities: Counter[str], strict: bool) -> int:
    if severities["error"] or (strict and severities["warning"]):
        return EXIT_FINDINGS
    return EXIT_OK


def _missing(paths: list[Path]) -> bool:
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
    return bool(missing)


def _print_findings(frames: dict[str, pd.DataFrame], *, infos: bool, indent: str) -> None:
    """Print findings as `file:line: severity[code] message`, the compiler convention."""
    paths = dict(zip(frames["pages"]["page"], frames["pages"]["path"], strict=True))
    findings = frames["findings"]
    if not infos:
        findings = findings[findings["severity"] != "info"]
    for f in findings.itertuples(index=False):
        where = paths.get(str(f.page), f"{f.page}.txt")
        print(f"{indent}{where}:{f.source_line}: {f.severity}[{f.code}] {f.message}")


def _escape_what_the_terminal_cannot_show() -> None:
    """Team names outside the terminal's encoding (`PYTHONIOENCODING=ascii`) are escaped, so
    printing a summary never fails after the outputs were written."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def run_extract(args: argparse.Namespace) -> int:
    """Parse, validate, cross-check and write; print the summary."""
    if _missing(args.paths):
        return EXIT_USAGE
    reason = unsafe_output(args.out, args.paths)
    if reason:
        print(f"error: refusing to write there: {reason}", file=sys.stderr)
        return EXIT_USAGE
    pages, ok = _read_all(args.paths, as_typed=False)
    if not ok:
        return EXIT_USAGE
    if not pages:
        # Nothing to read is a usage error: replacing OUT with empty tables would lose it.
        readable = ", ".join(f"*{s}" for s in suffixes())
        where = ", ".join(map(str, args.paths))
        print(f"error: no pages ({readable}) under {where}; {args.out} left as it was",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    quiet = args.quiet or not sys.stderr.isatty()
    # Streamed: each page's parse result is dropped once its rows are taken.
    outputs = assemble(parse_each(pages, _progress(len(pages), quiet)))  # type: ignore[arg-type]
    try:
        notes = write_outputs(args.out, outputs.arrow, outputs.reports, wait=args.wait)
    except OutputBusy as err:
        print(f"error: {err}; run again when it is done, or pass --wait", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"error: cannot write {args.out}: {err}", file=sys.stderr)
        return EXIT_USAGE
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    frames = outputs.frames
    severities = Counter(frames["findings"]["severity"])
    print(f"pages: {len(frames['pages'])}  tables: {len(frames['tables'])}")
    print("rows: " + "  ".join(f"{n} {len(frames[n])}" for n in ("standings", "matches", "ties")))
    print(
        f"findings: {severities['error']} error, {severities['warning']} warning, "
        f"{severities['info']} info"
    )
    _print_findings(frames, infos=False, indent="  ")
    print(f"report: {args.out / 'report.md'}")
    return _exit_code(severities, args.strict)


def run_check(args: argparse.Namespace) -> int:
    """Parse, validate and cross-check like extract, print every finding, write nothing."""
    if _missing(args.files):
        return EXIT_USAGE
    pages, ok = _read_all(args.files, as_typed=True)  # findings name files as typed
    frames = assemble(parse_each(pages)).frames
    _print_findings(frames, infos=True, indent="")
    if not ok:
        return EXIT_USAGE
    return _exit_code(Counter(frames["findings"]["severity"]), args.strict)


def run_fetch(
    args: argparse.Namespace,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], datetime] = fetch.utc_now,
) -> int:
    """Save a page's HTML into OUT under a new name, or say it is there already.

    `sleep` and `now` are the waits between attempts and the clock (tests pass fakes).
    """
    target: fetch.Target = args.target
    try:
        endpoint = fetch.endpoint_for(args.lang, args.endpoint)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    if args.out.exists() and not args.out.is_dir():
        print(f"error: {args.out} is a file, not a folder to save into", file=sys.stderr)
        return EXIT_USAGE
    contact = os.environ.get(fetch.CONTACT_ENV, "").strip()
    if not contact:
        print(
            f"note: set {fetch.CONTACT_ENV} to your e-mail or a URL: Wikimedia's User-Agent "
            "policy asks every client for a contact",
            file=sys.stderr,
        )
    client = fetch.Client(endpoint, fetch.user_agent(contact), sleep=sleep, now=now)
    try:
        if target.revision is not None:
            # The name comes from the title as typed, so a revision saved before is found
            # without asking the wiki anything.
            names = fetch.file_names(target.title, target.revision)
            if _say_if_saved(args.out, names, target.revision):
                return EXIT_OK
            revision = client.revision(target.revision, target.title)
        else:
            revision = client.latest(target.title)
            names = fetch.file_names(target.title, revision.id)
            if _say_if_saved(args.out, names, revision.id):
                return EXIT_OK
        fetched = client.html(revision)
    except fetch.FetchError as err:
        print(f"error: {err}; nothing saved", file=sys.stderr)
        return EXIT_USAGE
    stated = provenance.Provenance(
        title=revision.title,
        revision=revision.id,
        url=fetched.url,
        retrieved=now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    data = (provenance.render(stated) + "\n").encode("utf-8") + fetched.html
    try:
        path = write_new(args.out, names, data)
    except FileExistsError:
        taken = " and ".join(str(args.out / n) for n in names)
        print(f"error: {taken} both hold other files; nothing saved", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"error: cannot write into {args.out}: {err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    if fetch.normalise_title(revision.title).casefold() != target.title.casefold():
        print(f'note: the wiki names the page "{revision.title}"', file=sys.stderr)
    print(f'saved {path} ("{revision.title}", revision {revision.id})')
    return EXIT_OK


def _say_if_saved(out: Path, names: tuple[str, ...], revision: str) -> bool:
    """Say so where one of `names` in `out` already holds `revision`."""

    def holds(head: str) -> bool:
        stated = provenance.parse(head)
        return stated is not None and stated.revision == revision

    saved = find_saved(out, names, holds)
    if saved is not None:
        print(f"{saved} already holds revision {revision}; nothing written")
    return saved is not None


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m pipeline`."""
    _escape_what_the_terminal_cannot_show()
    args = build_parser().parse_args(argv)
    configure_process()
    try:
        if args.command == "extract":
            return run_extract(args)
        if args.command == "fetch":
            return run_fetch(args)
        return run_check(args)
    except BrokenPipeError:  # output piped into `head`: stop quietly, as Unix tools do
        sys.stderr.close()
        return EXIT_OK

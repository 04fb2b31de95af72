"""Command-line shell: read raw pages, run the pure core, write clean/ and print a summary."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__, fetch, ids, provenance
from pipeline.findings import KINDS
from pipeline.frontends import suffixes

if TYPE_CHECKING:
    import pandas as pd

    from pipeline import ci, run, storage
    from pipeline import report as reporting
else:

    class _Later:
        """A module imported on first use: `--help` and `--version` need none of pandas,
        pyarrow or pandera (the heavy imports of a run)."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attr: str) -> Any:
            return getattr(importlib.import_module(self._name), attr)

    ci, reporting, run, storage = (
        _Later(f"pipeline.{m}") for m in ("ci", "report", "run", "storage")
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
against itself, and replace OUT as a whole with pages, tables, standings, matches, ties
and findings .parquet plus report.md, report.html (open it in a browser), report.json,
junit.xml, gl-code-quality.json and datapackage.json (what every column means). Exit
status: 0 when no finding is an error (with --strict: no error and no warning), 1
otherwise, 2 when an input cannot be read. With --baseline FILE, findings FILE accepts
do not count.
"""
CHECK_HELP = """\
Parse the given files and print their findings as `file:line: severity[code] message`,
writing nothing. Exit status as for extract.
"""
CI_HELP = """\
CI: --format github prints GitHub Actions annotations (the first 10 errors, then the first
10 warnings, file paths relative to $GITHUB_WORKSPACE, else the current folder) and a notice
with the totals, and appends a Markdown summary (under 1 MiB) to $GITHUB_STEP_SUMMARY where
it is set. --write-baseline FILE records every error and warning of this run as accepted
(sorted JSON, keyed by code, page, table label, team, field and stated value, never by
line, so edits above a finding keep it accepted); --baseline FILE then fails the run only
on findings FILE does not list, as ruff's and mypy's baselines do.
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
        "extract",
        help="raw pages -> clean/ Parquet and report",
        description=EXTRACT_HELP,
        epilog=CI_HELP,
    )
    extract.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("raw")],
        metavar="PATH",
        help="raw .txt, .html and .wikitext files or folders of them (default: raw/)",
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
    _add_ci_options(extract)
    check = sub.add_parser(
        "check",
        help="print a file's findings, write nothing",
        description=CHECK_HELP,
        epilog=CI_HELP,
    )
    check.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="raw .txt or .html files"
    )
    check.add_argument("--strict", action="store_true", help="also fail on warnings")
    _add_ci_options(check)
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


def _add_ci_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="how findings are printed: `file:line: severity[code] message` (text, the "
        "default) or GitHub Actions annotations (github)",
    )
    command.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="accepted findings (written by --write-baseline): only others fail the run",
    )
    command.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="write this run's errors and warnings to FILE as accepted (the run then passes)",
    )


def _target(text: str) -> fetch.Target:
    """argparse type of fetch's TITLE[@REVISION]: a usage error (exit 2) where it is bad."""
    try:
        return fetch.parse_target(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _progress(total: int, quiet: bool) -> object:
    count = 0

    def tick(raw: run.RawPage) -> None:
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


def _read_all(paths: list[Path], as_typed: bool) -> tuple[list[run.RawPage], dict[str, Path], bool]:
    """Read every input once; report unreadable inputs and clashing page names (exit 2).

    Pages are shown by their contract path (`as_typed`: as the user typed them, for `check`);
    the second value names each page's file as found (CI annotations are relative to it).
    """
    try:
        inputs = storage.find_inputs(paths)
    except storage.InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return [], {}, False
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
    pages: list[run.RawPage] = []
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
            seen_as = None if as_typed else storage.display_path(path, given)
            pages.append(storage.read_page(path, seen_as, page))
        except OSError as err:
            print(f"error: cannot read {path}: {err.strerror or err}", file=sys.stderr)
            ok = False
            continue
        by_name[page] = path
    return pages, by_name, ok


def _exit_code(severities: Counter[str], strict: bool) -> int:
    if severities["error"] or (strict and severities["warning"]):
        return EXIT_FINDINGS
    return EXIT_OK


def _missing(paths: list[Path]) -> bool:
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
    return bool(missing)


def _print_findings(
    frames: dict[str, pd.DataFrame],
    *,
    infos: bool,
    indent: str,
    accepted: ci.Baselined | None = None,
) -> None:
    """Print findings as `file:line: severity[code] message`, the compiler convention; those
    the baseline accepts are left out."""
    paths = dict(zip(frames["pages"]["page"], frames["pages"]["path"], strict=True))
    findings = frames["findings"]
    keep = [infos or s != "info" for s in findings["severity"].tolist()]
    if accepted is not None:
        keep = [k and not a for k, a in zip(keep, accepted.mask, strict=True)]
    for f in findings[keep].itertuples(index=False):
        where = paths.get(str(f.page), f"{f.page}.txt")
        print(f"{indent}{where}:{f.source_line}: {f.severity}[{f.code}] {f.message}")


def _read_baseline(args: argparse.Namespace) -> tuple[ci.Baseline | None, bool]:
    """The baseline --baseline names (None without one); False where it cannot be read."""
    if args.baseline is None:
        return None, True
    try:
        return ci.read_baseline(args.baseline), True
    except ci.BaselineError as err:
        print(f"error: {err}", file=sys.stderr)
        return None, False


def _judge(
    args: argparse.Namespace, frames: dict[str, pd.DataFrame], baseline: ci.Baseline | None
) -> tuple[ci.Baselined | None, Counter[str]]:
    """Which findings the baseline accepts (with --write-baseline: every error and warning of
    this run), and the severities of the others: those decide the exit status."""
    findings, tables = frames["findings"], frames["tables"]
    if args.write_baseline is not None:
        baseline = ci.Baseline(ci.accepted_counts(findings, tables))
    severities = findings["severity"].tolist()
    if baseline is None:
        return None, Counter(severities)
    accepted = ci.match_baseline(baseline, findings, tables)
    return accepted, Counter(s for s, a in zip(severities, accepted.mask, strict=True) if not a)


def _write_baseline(args: argparse.Namespace, frames: dict[str, pd.DataFrame]) -> bool:
    """Write --write-baseline's file, if asked; False (said on stderr) where it cannot be."""
    if args.write_baseline is None:
        return True
    text = ci.render_baseline(frames["findings"], frames["tables"])
    try:
        ci.write_baseline(args.write_baseline, text)
    except OSError as err:
        print(f"error: cannot write {args.write_baseline}: {err.strerror or err}",
              file=sys.stderr)  # fmt: skip
        return False
    n = sum(ci.accepted_counts(frames["findings"], frames["tables"]).values())
    print(f"baseline: {n} error(s) and warning(s) accepted in {args.write_baseline}",
          file=sys.stderr)  # fmt: skip
    return True


def _say_baseline(
    args: argparse.Namespace, accepted: ci.Baselined | None, new: Counter[str]
) -> str:
    """`baseline: 4 accepted (b.json); 0 new error, 1 new warning`, or "" without one."""
    if accepted is None or args.write_baseline is not None:
        return ""
    text = (
        f"baseline: {accepted.count} accepted ({args.baseline}); "
        f"{new['error']} new error, {new['warning']} new warning"
    )
    if accepted.gone:
        text += (
            f"; {accepted.gone} it lists no longer found (--write-baseline {args.baseline} "
            "drops them)"
        )
    return text


def _workspace_paths(files: dict[str, Path]) -> dict[str, str]:
    """Each page's file relative to $GITHUB_WORKSPACE, else the current folder (GitHub links an
    annotation to a file by its path in the repository); absolute where it is outside."""
    root = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).resolve()
    out = {}
    for page, path in files.items():
        resolved = path.resolve()
        try:
            out[page] = resolved.relative_to(root).as_posix()
        except ValueError:
            out[page] = resolved.as_posix()
    return out


def _print_github(
    frames: dict[str, pd.DataFrame],
    files: dict[str, Path],
    accepted: ci.Baselined | None,
    *,
    report: str | None,
    pointer: str,
) -> None:
    """Print the annotations and, where $GITHUB_STEP_SUMMARY names a file, append a summary."""
    paths = _workspace_paths(files)
    for line in ci.render_github(frames["findings"], paths, accepted, report):
        print(line)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    pages, tables, findings = frames["pages"], frames["tables"], frames["findings"]
    coverage = reporting.render_coverage(
        reporting.page_coverage(pages, tables, findings),
        limit=reporting.COVERAGE_REPORT,
        markdown=True,
        pointer=pointer,
    )
    target = Path(summary)
    text = ci.render_step_summary(
        pages,
        tables,
        findings,
        paths=paths,
        coverage=coverage,
        baselined=accepted,
        budget=ci.step_summary_budget(target),
    )
    try:
        ci.append_step_summary(target, text)
    except OSError as err:
        print(f"note: cannot append to {summary}: {err.strerror or err}", file=sys.stderr)


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
    reason = storage.unsafe_output(args.out, args.paths)
    if reason:
        print(f"error: refusing to write there: {reason}", file=sys.stderr)
        return EXIT_USAGE
    written = args.write_baseline
    if written is not None and args.out.resolve() in written.resolve().parents:
        print(f"error: {written} is inside {args.out}, which each run replaces whole; "
              "keep the baseline beside it", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    baseline, ok = _read_baseline(args)
    if not ok:
        return EXIT_USAGE
    pages, files, ok = _read_all(args.paths, as_typed=False)
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
    outputs = run.assemble(run.parse_each(pages, _progress(len(pages), quiet)))  # type: ignore[arg-type]
    frames = outputs.frames
    accepted, new = _judge(args, frames, baseline)
    reports = outputs.reports
    if args.strict or accepted is not None:  # the junit.xml run.py renders has neither
        junit = reporting.render_junit(
            frames["tables"],
            frames["findings"],
            pages=frames["pages"],
            strict=args.strict,
            baselined=accepted.mask if accepted else None,
        )
        reports = {**reports, "junit.xml": junit}
    try:
        notes = storage.write_outputs(args.out, outputs.arrow, reports, wait=args.wait)
    except storage.OutputBusy as err:
        print(f"error: {err}; run again when it is done, or pass --wait", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"error: cannot write {args.out}: {err}", file=sys.stderr)
        return EXIT_USAGE
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if not _write_baseline(args, frames):
        return EXIT_USAGE
    severities = Counter(frames["findings"]["severity"])
    print(f"pages: {len(frames['pages'])}  tables: {len(frames['tables'])}")
    html = args.out / "report.html"
    coverage = reporting.page_coverage(frames["pages"], frames["tables"], frames["findings"])
    for line in reporting.render_coverage(
        coverage, limit=reporting.COVERAGE_TERMINAL, markdown=False, pointer=str(html)
    ):
        print(f"  {line}")
    print("rows: " + "  ".join(f"{n} {len(frames[n])}" for n in ("standings", "matches", "ties")))
    print(
        f"findings: {severities['error']} error, {severities['warning']} warning, "
        f"{severities['info']} info"
    )
    said = _say_baseline(args, accepted, new)
    if said:
        print(said)
    report = args.out / "report.md"
    if args.format == "github":
        _print_github(frames, files, accepted, report=str(report), pointer=f"`{html}`")
    else:
        _print_findings(frames, infos=False, indent="  ", accepted=accepted)
    print(f"report: {report}")
    return _exit_code(new, args.strict)


def run_check(args: argparse.Namespace) -> int:
    """Parse, validate and cross-check like extract, print every finding, write nothing."""
    if _missing(args.files):
        return EXIT_USAGE
    baseline, ok = _read_baseline(args)
    if not ok:
        return EXIT_USAGE
    pages, files, ok = _read_all(args.files, as_typed=True)  # findings name files as typed
    frames = run.assemble(run.parse_each(pages)).frames
    accepted, new = _judge(args, frames, baseline)
    if args.format == "github":
        _print_github(frames, files, accepted, report=None, pointer="report.html (of extract)")
    else:
        _print_findings(frames, infos=True, indent="", accepted=accepted)
    said = _say_baseline(args, accepted, new)
    if said:
        print(said, file=sys.stderr)  # stdout holds findings only
    if not ok or not _write_baseline(args, frames):
        return EXIT_USAGE
    return _exit_code(new, args.strict)


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
        path = storage.write_new(args.out, names, data)
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

    saved = storage.find_saved(out, names, holds)
    if saved is not None:
        print(f"{saved} already holds revision {revision}; nothing written")
    return saved is not None


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m pipeline`."""
    _escape_what_the_terminal_cannot_show()
    args = build_parser().parse_args(argv)
    run.configure_process()
    try:
        if args.command == "extract":
            return run_extract(args)
        if args.command == "fetch":
            return run_fetch(args)
        return run_check(args)
    except BrokenPipeError:  # output piped into `head`: stop quietly, as Unix tools do
        sys.stderr.close()
        return EXIT_OK

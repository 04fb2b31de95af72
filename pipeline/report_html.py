"""Render `clean/report.html`: what each page gave, and its contradictions drawn in place.

The report has two parts. An index, one compact row per page: the tables found by kind, the rows
they gave, the findings by severity, and the sections the export has no table for. Then, for each
page with a warning or an error only, its findings and each table they are about, drawn as on the
page from the outputs (standings as Pos/Team/Pld/W/D/L/GF/GA/GD/Pts rows, a results matrix as a
home × away grid, ties as rows): the contradicting cells show the stated and the computed value,
the cells that could explain a disagreement (`candidate_lines`) are marked, and each is labelled
with `file:line`.

Self-contained: inline CSS, no script, no external resource (the only outside links are a page's
own Wikipedia address, where the file states one). Every text taken from a page is escaped. The
output is XHTML-compatible markup (every element closed, attributes quoted, no named entities) so
it parses as XML as well as HTML. Streamed: `iter_html` yields chunks (a page's detail at a time)
and every frame is grouped once, so the work is linear in rows and findings; per-page tables and
rows are capped (`Limits`), and the report says what it left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

import pandas as pd

from pipeline.report import CREDIT

Row = dict[str, Any]

SERIOUS = ("error", "warning")
LEGS = ("leg_1", "leg_2")
SEVERITIES = ("error", "warning", "info")

# Standings columns as a Wikipedia league table prints them: (output column, header, title).
STANDINGS_COLUMNS = (
    ("position", "Pos", "Position"),
    ("team", "Team", "Team"),
    ("played", "Pld", "Played"),
    ("won", "W", "Won"),
    ("drawn", "D", "Drawn"),
    ("lost", "L", "Lost"),
    ("goals_for", "GF", "Goals for"),
    ("goals_against", "GA", "Goals against"),
    ("goal_difference", "GD", "Goal difference"),
    ("points", "Pts", "Points"),
)
STANDINGS_FIELDS = frozenset(c for c, _, _ in STANDINGS_COLUMNS)

FINDING_COLUMNS = (
    "severity",
    "code",
    "page",
    "table_id",
    "source_line",
    "team",
    "field",
    "stated",
    "computed",
    "message",
    "candidate_lines",
)
PAGE_COLUMNS = (
    "page",
    "path",
    "title",
    "rendering",
    "season",
    "competition",
    "truncated",
    "source_url",
    "sections_without_table",
)
TABLE_COLUMNS = ("page", "table_id", "table_label", "kind", "rows", "status", "source_line")
STANDINGS_ROW_COLUMNS = (
    "page",
    "table_id",
    "source_line",
    "team_abbr",
    "qualification",
    *(c for c, _, _ in STANDINGS_COLUMNS),
)
MATCH_COLUMNS = (
    "page",
    "table_id",
    "source_line",
    "kind",
    "tie_id",
    "home_team",
    "away_team",
    "home_goals",
    "away_goals",
    "status",
    "winner",
    "date",
    "venue",
    "score_text",
)
TIE_COLUMNS = (
    "page",
    "table_id",
    "source_line",
    "tie_id",
    "team1",
    "team2",
    "aggregate_text",
    "team1_aggregate",
    "team2_aggregate",
    "decided_by",
    "winner",
)

# The heading a `heading-without-table` finding names (its template: "Heading '{heading}' has
# no table under it ..."); used only while `pages.sections_without_table` is absent.
HEADING_RE = re.compile(r"^Heading '(?P<heading>.*)' has no table under it")
# The count a `headings-without-table` finding states ("{count} more headings have no table").
MORE_HEADINGS_RE = re.compile(r"^(?P<count>\d+) more headings")
# A page's own address may be linked; nothing else outside the file is.
WIKI_URL_RE = re.compile(r"^https://[a-z0-9-]+(?:\.m)?\.wikipedia\.org/[^\s\"'<>]*$")

CSS = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 1.5em 3em;
color:#202122;background:#fff}
h1{font-size:1.6em;margin:.6em 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .3em;
border-bottom:1px solid #a2a9b1}h3{font-size:1.05em;margin:1em 0 .3em}
code,.loc{font:12px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.muted{color:#54595d}.note{color:#54595d;font-style:italic}
table{border-collapse:collapse;margin:.3em 0}
th,td{border:1px solid #c8ccd1;padding:2px 6px;vertical-align:top}
th{background:#eaecf0;text-align:center}
.index{width:100%;font-size:13px}.index thead th{position:sticky;top:0;z-index:1}
.index td.n{text-align:right;font-variant-numeric:tabular-nums}
.index tr.error td:first-child{border-left:4px solid #d33}
.index tr.warning td:first-child{border-left:4px solid #fc3}
.index details summary{cursor:pointer}.index ul{margin:.2em 0;padding-left:1.2em}
.sev-error{color:#b32424;font-weight:600}.sev-warning{color:#8a6100;font-weight:600}
.tables{display:flex;flex-wrap:wrap;gap:1em 2em;align-items:flex-start}
figure{margin:.5em 0}figcaption{font-weight:600;margin-bottom:.2em}
figcaption .loc{font-weight:400}
.standings td,.matrix td,.ties td,.matches td{text-align:center;font-variant-numeric:tabular-nums}
.standings td.team,.ties td.team,.matches td.team,.matrix th.row{text-align:left}
.matrix th.col{writing-mode:vertical-rl;transform:rotate(180deg);max-height:9em;font-size:12px}
.matrix td{min-width:2.4em}.matrix td.diag{background:#c8ccd1}
td.bad{background:#fee7e6;outline:2px solid #d33;outline-offset:-2px}
td.cand{background:#fef6e7;outline:2px dashed #e69500;outline-offset:-2px}
tr.bad>td:first-child{border-left:4px solid #d33}
td.bad .stated{font-weight:700;color:#b32424}
td.bad .computed{display:block;font-size:11px;color:#14866d;white-space:nowrap}
sup.ref{font-size:10px;margin-left:1px}sup.ref a{color:#36c}
.findings{width:100%}.findings td{font-size:13px}.findings td.msg{min-width:22em}
.findings code{white-space:nowrap}
.legend span{display:inline-block;padding:0 .5em;margin-right:.6em}
.legend .bad{background:#fee7e6;outline:2px solid #d33}
.legend .cand{background:#fef6e7;outline:2px dashed #e69500}
a{color:#36c;text-decoration:none}a:hover{text-decoration:underline}
"""


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of one page the detail draws; what is left out is said, and in the Parquet."""

    tables_per_page: int = 40
    rows_per_table: int = 200
    matrix_teams: int = 60
    findings_per_page: int = 300


@dataclass(slots=True)
class _PageParts:
    """One page's rows, grouped once (detail rows only for pages with findings to show)."""

    findings: list[Row] = field(default_factory=list)
    tables: list[Row] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)
    headings: list[tuple[str, int | None]] = field(default_factory=list)
    more_headings: int = 0


@dataclass(slots=True)
class _TableParts:
    """One table's output rows (standings, matches, ties), in frame (page) order."""

    standings: list[Row] = field(default_factory=list)
    matches: list[Row] = field(default_factory=list)
    ties: list[Row] = field(default_factory=list)


def render_html(frames: Mapping[str, pd.DataFrame], limits: Limits | None = None) -> str:
    """Render the whole report as one string (`"".join(iter_html(...))`)."""
    return "".join(iter_html(frames, limits))


def iter_html(frames: Mapping[str, pd.DataFrame], limits: Limits | None = None) -> Iterator[str]:
    """Yield the report in chunks, to be written to a file as they come."""
    lim = limits or Limits()
    pages = list(_rows(frames.get("pages"), PAGE_COLUMNS))
    parts: dict[str, _PageParts] = defaultdict(_PageParts)
    for f in _rows(frames.get("findings"), FINDING_COLUMNS):
        _add_finding(parts[str(f["page"])], f)
    shown = {p for p, part in parts.items() if any(part.severities[s] for s in SERIOUS)}
    for t in _rows(frames.get("tables"), TABLE_COLUMNS):
        part = parts[str(t["page"])]
        part.kinds[str(t["kind"])] += 1
        if t["page"] in shown:
            part.tables.append(t)
    for name in ("standings", "matches", "ties"):
        frame = frames.get(name)
        if frame is not None and len(frame) and "page" in frame.columns:
            for key, n in frame["page"].value_counts(sort=False).items():
                parts[str(key)].rows[name] = int(n)
    by_table = _group_rows(frames, shown)

    totals = Counter[str]()
    for part in parts.values():
        totals.update(part.severities)
    n_tables = len(frames["tables"]) if "tables" in frames else 0
    yield from _head(len(pages), n_tables, totals, pages, parts, shown)
    yield from _index(pages, parts, shown)
    for i, page in enumerate(pages):
        if page["page"] in shown:
            yield _page_detail(i, page, parts[str(page["page"])], by_table, lim)
    yield f'<footer><p class="muted">{escape(CREDIT)}</p></footer>\n</body>\n</html>\n'


# Grouping: one pass over each frame.


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _rows(frame: pd.DataFrame | None, columns: Sequence[str]) -> Iterator[Row]:
    """Yield each row as a dict of the named columns; absent columns and missing values are None."""
    if frame is None or not len(frame):
        return
    n = len(frame)
    values: list[list[Any]] = []
    for name in columns:
        if name in frame.columns:
            column = frame[name]
            # `isna` is False for a list cell (a list column's value is never missing).
            missing = column.isna().tolist()
            values.append([None if m else v for v, m in zip(column.tolist(), missing, strict=True)])
        else:
            values.append([None] * n)
    for row in zip(*values, strict=True):
        yield dict(zip(columns, row, strict=True))


def _add_finding(part: _PageParts, f: Row) -> None:
    severity = str(f["severity"])
    part.severities[severity] += 1
    if severity in SERIOUS:
        part.findings.append(f)
    if f["code"] == "heading-without-table":
        match = HEADING_RE.match(str(f["message"] or ""))
        heading = match.group("heading") if match else str(f["message"])
        part.headings.append((heading, _int(f["source_line"])))
    elif f["code"] == "headings-without-table":
        more = MORE_HEADINGS_RE.match(str(f["message"] or ""))
        part.more_headings += int(more.group("count")) if more else 0


def _group_rows(frames: Mapping[str, pd.DataFrame], pages: set[str]) -> dict[str, _TableParts]:
    """Group the output rows of the pages shown in detail by table, once per frame."""
    by_table: dict[str, _TableParts] = defaultdict(_TableParts)
    if not pages:
        return by_table
    for name, columns in (
        ("standings", STANDINGS_ROW_COLUMNS),
        ("matches", MATCH_COLUMNS),
        ("ties", TIE_COLUMNS),
    ):
        frame = frames.get(name)
        if frame is None or not len(frame) or "page" not in frame.columns:
            continue
        # One vectorised filter, then one pass: never a filter per page or per table.
        for row in _rows(frame[frame["page"].isin(pages)], columns):
            getattr(by_table[str(row["table_id"])], name).append(row)
    return by_table


# Head and index.


def _head(
    n_pages: int,
    n_tables: int,
    totals: Counter[str],
    pages: list[Row],
    parts: Mapping[str, _PageParts],
    shown: set[str],
) -> Iterator[str]:
    yield (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>Validation report: {n_pages} page(s)</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
    )
    yield (
        "<h1>Validation report</h1>\n"
        f"<p>{n_pages} page(s), {n_tables} table(s): "
        f'<span class="sev-error">{totals["error"]} error(s)</span>, '
        f'<span class="sev-warning">{totals["warning"]} warning(s)</span>, '
        f"{totals['info']} info. "
        f"{len(shown)} page(s) with warnings or errors are drawn below the index.</p>\n"
        '<p class="legend"><span class="bad">stated ≠ computed</span>'
        '<span class="cand">a cell that could explain it</span>'
        '<span class="muted">Hover a cell for its <code>file:line</code>.</span></p>\n'
    )
    if shown:
        links = []
        for severity in SERIOUS:
            for i, page in enumerate(pages):
                part = parts.get(str(page["page"]))
                if part is not None and page["page"] in shown and _worst(part) == severity:
                    links.append(
                        f'<a class="sev-{severity}" href="#p{i}">{escape(str(page["page"]))}</a>'
                    )
        yield (
            f'<details open="open"><summary>Pages to look at ({len(links)}), errors first'
            f"</summary>\n<p>{' · '.join(links)}</p></details>\n"
        )


def _worst(part: _PageParts) -> str:
    return next((s for s in SEVERITIES if part.severities[s]), "")


def _index(pages: list[Row], parts: Mapping[str, _PageParts], shown: set[str]) -> Iterator[str]:
    yield (
        '<h2 id="index">Pages</h2>\n<table class="index"><thead><tr>'
        "<th>#</th><th>Page</th><th>File</th><th>Rendering</th><th>Tables by kind</th>"
        '<th>Rows</th><th title="errors">E</th><th title="warnings">W</th>'
        '<th title="info">I</th><th>Sections with no table in the export</th>'
        "</tr></thead>\n<tbody>\n"
    )
    empty = _PageParts()
    for i, page in enumerate(pages):
        name = str(page["page"])
        part = parts.get(name, empty)
        label = escape(name)
        if name in shown:
            label = f'<a href="#p{i}">{label}</a>'
        kinds = ", ".join(f"{n} {escape(k)}" for k, n in sorted(part.kinds.items())) or "none"
        rows = " · ".join(f"{part.rows[k]} {k}" for k in ("standings", "matches", "ties"))
        rendering = escape(str(page["rendering"] or ""))
        if page["truncated"]:
            rendering += ' <span class="sev-warning">cut</span>'
        yield (
            f'<tr class="{_worst(part)}"><td class="n">{i + 1}</td><td>{label}</td>'
            f"<td><code>{escape(str(page['path'] or ''))}</code></td><td>{rendering}</td>"
            f"<td>{kinds}</td><td>{rows}</td>"
            + "".join(f'<td class="n">{part.severities[s]}</td>' for s in SEVERITIES)
            + f"<td>{_sections_cell(page, part)}</td></tr>\n"
        )
    yield "</tbody></table>\n"


def _sections_cell(page: Row, part: _PageParts) -> str:
    """The sections the export has no table for: the pages column if present, else findings."""
    listed = page["sections_without_table"]
    items: list[str]
    if listed is not None and not isinstance(listed, str):
        names = [str(s) for s in listed]
        items = [escape(s) for s in names]
        more = 0
    else:
        names = [h for h, _ in part.headings]
        items = [
            escape(h) + (f' <span class="loc">:{line}</span>' if line is not None else "")
            for h, line in part.headings
        ]
        more = part.more_headings
    if not items:
        return '<span class="muted">none</span>' if not more else f"{more} more"
    shown = ", ".join(escape(n) for n in names[:3]) + (", …" if len(names) > 3 else "")
    extra = f"<li>{more} more (see findings.parquet)</li>" if more else ""
    return (
        f"<details><summary>{len(items) + more}: {shown}</summary><ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + f"{extra}</ul></details>"
    )


# One page's detail.


@dataclass(slots=True)
class _Marks:
    """Which drawn cells a page's findings point at, by finding number (1-based)."""

    path: str
    anchor: str
    about: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    candidate: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    findings: dict[int, Row] = field(default_factory=dict)
    by_table: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    ids: set[str] = field(default_factory=set)

    def where(self, line: int | None) -> str:
        return f"{self.path}:{line}" if line is not None else self.path

    def cell_id(self, line: int | None) -> str:
        """An anchor for the first drawn cell of a line (the findings list links to it)."""
        if line is None:
            return ""
        anchor = f"{self.anchor}-L{line}"
        if anchor in self.ids:
            return ""
        self.ids.add(anchor)
        return f' id="{anchor}"'

    def refs(self, numbers: Iterable[int]) -> str:
        """Superscript links to the findings listed above the tables."""
        links = [f'<a href="#{self.anchor}-f{n}">{n}</a>' for n in sorted(set(numbers))]
        return f'<sup class="ref">{",".join(links)}</sup>' if links else ""


def _page_detail(
    i: int, page: Row, part: _PageParts, by_table: Mapping[str, _TableParts], lim: Limits
) -> str:
    name = str(page["page"])
    marks = _Marks(path=str(page["path"] or name), anchor=f"p{i}")
    for n, f in enumerate(part.findings, start=1):
        marks.findings[n] = f
        if f["table_id"] is not None:
            marks.by_table[str(f["table_id"])].append(n)
        line = _int(f["source_line"])
        if line is not None:
            marks.about[line].append(n)
        for c in _lines(f["candidate_lines"]):
            marks.candidate[c].append(n)
    out = [f'<section class="page" id="{marks.anchor}">\n<h2>{escape(name)} ']
    out.append(f'<span class="loc muted">{escape(marks.path)}</span></h2>\n')
    title = escape(str(page["title"] or ""))
    url = str(page["source_url"] or "")
    if WIKI_URL_RE.match(url):
        title = f'<a href="{escape(url)}">{title or escape(url)}</a>'
    counts = ", ".join(f"{part.severities[s]} {s}" for s in SEVERITIES)
    out.append(f'<p class="muted">{title} — {counts}. <a href="#index">Index</a></p>\n')
    out.append(_findings_list(part.findings, marks, lim))

    # Tables to draw: those a finding is about, and those holding a cell it names, in page order.
    wanted = set(marks.by_table)
    lines = set(marks.about) | set(marks.candidate)
    for t in part.tables:
        tp = by_table.get(str(t["table_id"]))
        if tp is not None and any(m["source_line"] in lines for m in tp.matches):
            wanted.add(str(t["table_id"]))
    drawn = [t for t in part.tables if str(t["table_id"]) in wanted]
    out.append('<div class="tables">\n')
    for n, t in enumerate(drawn[: lim.tables_per_page], start=1):
        out.append(_table(f"{marks.anchor}-t{n}", t, by_table.get(str(t["table_id"])), marks, lim))
    out.append("</div>\n")
    if len(drawn) > lim.tables_per_page:
        out.append(
            f'<p class="note">{len(drawn) - lim.tables_per_page} more table(s) with findings '
            "are not drawn here (see tables.parquet and findings.parquet).</p>\n"
        )
    out.append("</section>\n")
    return "".join(out)


def _findings_list(findings: list[Row], marks: _Marks, lim: Limits) -> str:
    out = [
        '<table class="findings"><thead><tr><th>#</th><th>Severity</th><th>Where</th>'
        "<th>Code</th><th>Team</th><th>Field</th><th>Stated</th><th>Computed</th>"
        "<th>Cells that could explain it</th><th>Message</th></tr></thead><tbody>\n"
    ]
    for n, f in enumerate(findings[: lim.findings_per_page], start=1):
        line = _int(f["source_line"])
        severity = escape(str(f["severity"]))
        cells = ", ".join(
            f'<a href="#{marks.anchor}-L{c}"><code>:{c}</code></a>'
            for c in _lines(f["candidate_lines"])
        )
        out.append(
            f'<tr id="{marks.anchor}-f{n}"><td>{n}</td>'
            f'<td class="sev-{severity}">{severity}</td>'
            f"<td>{_link(marks, line)}</td><td>"
            f"<code>{_text(f['code'])}</code></td><td>{_text(f['team'])}</td>"
            f"<td>{_text(f['field'])}</td><td>{_text(f['stated'])}</td>"
            f"<td>{_text(f['computed'])}</td><td>{cells}</td>"
            f'<td class="msg">{_text(f["message"])}</td></tr>\n'
        )
    out.append("</tbody></table>\n")
    if len(findings) > lim.findings_per_page:
        out.append(
            f'<p class="note">{len(findings) - lim.findings_per_page} more finding(s) on this '
            "page are not listed here (see findings.parquet).</p>\n"
        )
    return "".join(out)


def _table(anchor: str, t: Row, tp: _TableParts | None, marks: _Marks, lim: Limits) -> str:
    table_id = str(t["table_id"])
    line = _int(t["source_line"])
    own = marks.by_table.get(table_id, [])
    out = [
        f'<figure id="{anchor}"><figcaption>{_text(t["table_label"])} '
        f'<span class="muted">({_text(t["kind"])}, {_text(t["status"])})</span> '
        f'<span class="loc muted">{escape(marks.where(line))}</span>{marks.refs(own)}'
        "</figcaption>\n"
    ]
    if tp is None or not (tp.standings or tp.matches or tp.ties):
        out.append('<p class="note">No output rows.</p>')
    else:
        if tp.standings:
            out.append(_standings(tp.standings, own, marks, lim))
        grid = [m for m in tp.matches if m["kind"] == "league"]
        if grid:
            out.append(_matrix(grid, tp.standings, marks, lim))
        if tp.ties:
            out.append(_ties(tp.ties, tp.matches, marks, lim))
        # Legs are drawn in their tie's row; any other match gets a row of its own.
        tied = {t["tie_id"] for t in tp.ties}
        listed = [
            m
            for m in tp.matches
            if m["kind"] != "league" and not (m["kind"] in LEGS and m["tie_id"] in tied)
        ]
        if listed:
            out.append(_matches(listed, marks, lim))
    out.append("</figure>\n")
    return "".join(out)


def _standings(rows: list[Row], own: list[int], marks: _Marks, lim: Limits) -> str:
    # Each finding of this table lands on its row (by line, else by team) and field.
    by_line = {_int(r["source_line"]): r for r in rows}
    by_team = {str(r["team"]): r for r in rows}
    cells: dict[tuple[int | None, str | None], list[int]] = defaultdict(list)
    for n in own:
        f = marks.findings[n]
        row = by_line.get(_int(f["source_line"])) or by_team.get(str(f["team"]))
        if row is None:
            continue
        key = f["field"] if f["field"] in STANDINGS_FIELDS else "team"
        cells[(_int(row["source_line"]), key)].append(n)
    qualification = any(r["qualification"] is not None for r in rows)
    head = "".join(f'<th title="{t}">{h}</th>' for _, h, t in STANDINGS_COLUMNS)
    out = [
        f'<table class="standings"><thead><tr>{head}'
        + ("<th>Qualification</th>" if qualification else "")
        + "</tr></thead><tbody>\n"
    ]
    for r in rows[: lim.rows_per_table]:
        line = _int(r["source_line"])
        bad = any((line, c) in cells for c, _, _ in STANDINGS_COLUMNS)
        row_class = ' class="bad"' if bad else ""
        out.append(f"<tr{row_class}{marks.cell_id(line)}>")
        for column, _, _ in STANDINGS_COLUMNS:
            value = _show(column, r[column])
            css = "team" if column == "team" else ""
            numbers = cells.get((line, column))
            if numbers:
                out.append(_bad_cell(column, value, numbers, line, marks, css))
            else:
                title = f' title="{escape(marks.where(line))}"' if column == "team" else ""
                out.append(f'<td class="{css}"{title}>{escape(value)}</td>')
        if qualification:
            out.append(f"<td>{_text(r['qualification'])}</td>")
        out.append("</tr>\n")
    out.append("</tbody></table>\n")
    out.append(_cap_note(len(rows), lim.rows_per_table, "standings rows"))
    return "".join(out)


def _bad_cell(
    column: str, value: str, numbers: list[int], line: int | None, marks: _Marks, css: str
) -> str:
    """A stated value the page's own cells contradict: stated, computed, refs, file:line."""
    parts = []
    stated: list[str] = []
    computed: list[str] = []
    for n in numbers:
        f = marks.findings[n]
        if f["stated"] is not None:
            stated.append(str(f["stated"]))
        if f["computed"] is not None:
            computed.append(_show(column, f["computed"]))
    title = f"{marks.where(line)}: stated {value}"
    parts.append(f'<span class="stated">{escape(value)}</span>')
    if computed:
        title += ", computed " + " / ".join(computed)
        parts.append(
            f'<span class="computed">≠ {escape(" / ".join(computed))}{marks.refs(numbers)}</span>'
        )
    else:
        parts.append(marks.refs(numbers))
    return (
        f'<td class="bad {css}" title="{escape(title)}" data-field="{escape(column)}" '
        f'data-stated="{escape(" / ".join(stated) or value)}" '
        f'data-computed="{escape(" / ".join(computed))}" '
        f'data-where="{escape(marks.where(line))}">' + "".join(parts) + "</td>"
    )


def _matrix(grid: list[Row], standings: list[Row], marks: _Marks, lim: Limits) -> str:
    """A results matrix: row team at home, column team away, as the page draws it."""
    teams: dict[str, str] = {}  # name -> column label, standings order first
    for r in standings:
        teams.setdefault(str(r["team"]), str(r["team_abbr"] or r["team"]))
    cells: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for m in grid:
        home, away = m["home_team"], m["away_team"]
        if home is None or away is None:
            continue
        teams.setdefault(str(home), str(home))
        teams.setdefault(str(away), str(away))
        cells[(str(home), str(away))].append(m)
    names = list(teams)[: lim.matrix_teams]
    out = [
        '<table class="matrix"><thead><tr><th class="muted">Home \\ Away</th>'
        + "".join(f'<th class="col" title="{escape(t)}">{escape(teams[t])}</th>' for t in names)
        + "</tr></thead><tbody>\n"
    ]
    for home in names:
        out.append(f'<tr><th class="row">{escape(home)}</th>')
        for away in names:
            here = cells.get((home, away), [])
            if home == away and not here:
                out.append('<td class="diag"></td>')
            else:
                out.append(_match_cell(here, marks))
        out.append("</tr>\n")
    out.append("</tbody></table>\n")
    out.append(_cap_note(len(teams), lim.matrix_teams, "teams of the matrix"))
    return "".join(out)


def _match_cell(matches: list[Row], marks: _Marks) -> str:
    """One score cell (or several, where a pair met more than once), marked where named."""
    if not matches:
        return "<td></td>"
    lines = [_int(m["source_line"]) for m in matches]
    titles = [
        marks.where(line) + ("" if m["status"] in (None, "played") else f" ({m['status']})")
        for m, line in zip(matches, lines, strict=True)
    ]
    texts = "<br/>".join(escape(_score(m)) for m in matches)
    named = [line for line in lines if line in marks.about or line in marks.candidate]
    if not named:  # most cells: no finding names them
        return f'<td title="{escape("; ".join(titles))}">{texts}</td>'
    about = [n for line in named for n in marks.about.get(line or 0, ())]
    candidate = [n for line in named for n in marks.candidate.get(line or 0, ())]
    return (
        f'<td class="{"bad" if about else "cand"}"{marks.cell_id(named[0])} '
        f'title="{escape("; ".join(titles))}" data-lines="{" ".join(map(str, lines))}">'
        + texts
        + marks.refs(about + candidate)
        + "</td>"
    )


def _ties(ties: list[Row], matches: list[Row], marks: _Marks, lim: Limits) -> str:
    """Two-legged ties as the page draws them: team 1, aggregate, team 2, then each leg."""
    legs: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for m in matches:
        if m["tie_id"] is not None:
            legs[(str(m["tie_id"]), str(m["kind"]))].append(m)
    out = [
        '<table class="ties"><thead><tr><th>Team 1</th><th>Agg.</th><th>Team 2</th>'
        "<th>1st leg</th><th>2nd leg</th><th>Decided by</th></tr></thead><tbody>\n"
    ]
    for t in ties[: lim.rows_per_table]:
        line = _int(t["source_line"])
        numbers = marks.about.get(line, []) if line is not None else []
        agg = t["aggregate_text"]
        if agg is None and t["team1_aggregate"] is not None:
            agg = f"{t['team1_aggregate']}–{t['team2_aggregate']}"
        tie = str(t["tie_id"])
        cls = ' class="bad"' if numbers else ""
        out.append(
            f"<tr{cls}{marks.cell_id(line) if numbers else ''}>"
            f'<td class="team" title="{escape(marks.where(line))}">{_team(t["team1"], t)}</td>'
            f"<td>{_text(agg)}{marks.refs(numbers)}</td>"
            f'<td class="team">{_team(t["team2"], t)}</td>'
            + _match_cell(legs.get((tie, "leg_1"), []), marks)
            + _match_cell(legs.get((tie, "leg_2"), []), marks)
            + f"<td>{_text(t['decided_by'])}</td></tr>\n"
        )
    out.append("</tbody></table>\n")
    out.append(_cap_note(len(ties), lim.rows_per_table, "ties"))
    return "".join(out)


def _matches(matches: list[Row], marks: _Marks, lim: Limits) -> str:
    """Single matches, tiebreakers and legs with no tie row: one row each."""
    out = [
        '<table class="matches"><thead><tr><th>Home</th><th>Score</th><th>Away</th>'
        "<th>Kind</th><th>Date</th><th>Venue</th></tr></thead><tbody>\n"
    ]
    for m in matches[: lim.rows_per_table]:
        out.append(
            f'<tr><td class="team">{_team(m["home_team"], m)}</td>'
            + _match_cell([m], marks)
            + f'<td class="team">{_team(m["away_team"], m)}</td>'
            f"<td>{_text(m['kind'])}</td><td>{_text(m['date'])}</td>"
            f"<td>{_text(m['venue'])}</td></tr>\n"
        )
    out.append("</tbody></table>\n")
    out.append(_cap_note(len(matches), lim.rows_per_table, "matches"))
    return "".join(out)


# Values.


def _int(value: Any) -> int | None:
    if _missing(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _lines(value: Any) -> list[int]:
    if value is None or isinstance(value, str | bytes):
        return []
    try:
        return [int(v) for v in value]
    except (TypeError, ValueError):
        return []


def _link(marks: _Marks, line: int | None) -> str:
    """`file:line`, linked to the first drawn cell of that line."""
    code = f"<code>{escape(marks.where(line))}</code>"
    return code if line is None else f'<a href="#{marks.anchor}-L{line}">{code}</a>'


def _text(value: Any) -> str:
    return "" if _missing(value) else escape(str(value))


def _team(name: Any, row: Row) -> str:
    text = _text(name)
    return f"<b>{text}</b>" if name is not None and name == row.get("winner") else text


def _show(column: str, value: Any) -> str:
    """A value as the page prints it: goal difference signed (`+5`, `−13`)."""
    if _missing(value):
        return ""
    if column == "goal_difference":
        n = _int(str(value).replace("−", "-"))
        if n is not None:
            return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "0"
    return str(value)


def _score(m: Row) -> str:
    if m["score_text"] is not None:
        return str(m["score_text"])
    if m["home_goals"] is not None and m["away_goals"] is not None:
        return f"{m['home_goals']}–{m['away_goals']}"
    return str(m["status"] or "")


def _cap_note(total: int, cap: int, what: str) -> str:
    if total <= cap:
        return ""
    return (
        f'<p class="note">Showing the first {cap} of {total} {what}; '
        "the rest are in the Parquet outputs.</p>\n"
    )

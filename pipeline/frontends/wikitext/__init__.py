"""Read raw wikitext into the page document: headings, and the standings templates' arguments.

Parsed with wikitextparser (chosen on evidence, see README): every template and argument has
its span in the source, so each cell keeps its line, and `{{#invoke:Sports table|main …}}` is a
parser function whose first argument is the module (mwparserfromhell calls it a template
named `#invoke:Sports table` whose first positional argument is `main`). What this front end
reads so far: `== Heading ==` levels, the first sentence's bold name, `{{Fb cl2 team}}` rows
(and the `2pts` variant) and `{{#invoke:Sports table|main|style=WDL}}`. Values are stripped of
whitespace and `<!-- comments -->`; links show their label and keep their target as the link.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeAlias

import wikitextparser as wtp
from lxml import html

from pipeline import findings as F
from pipeline import ids
from pipeline.document import Grid, GridCell, GridRow, PageDocument, build_relations, make_cell
from pipeline.findings import Finding, Site
from pipeline.frontends.html import walk
from pipeline.frontends.html.boxes import LABELS as BOX_LABELS
from pipeline.frontends.html.boxes import read_boxes
from pipeline.frontends.html.fixtures import read_fixtures
from pipeline.frontends.html.tables import cell_text, read_table
from pipeline.frontends.text.decode import decode_bytes
from pipeline.frontends.wikitext import markup
from pipeline.rules import TEMPLATE_REDIRECTS
from pipeline.sections import Event, HeadingEvent, ProseEvent, TableEvent, build_tree

CLAIM_RE = re.compile(
    r"\{\{\s*(#invoke:\s*sports|fb[ _]+(cl2|r2?)[ _]|football[ _]*box"
    r"|(two|one)[ _]*leg[ _]*result)|^[ \t]*\{\||^\{\{[^{}|\n]{2,}(\||\}\}|\n)",
    re.I | re.M,
)
HEADING_RE = re.compile(r"^(={1,6})\s*(.+?)\s*\1\s*$", re.M)
COMMENT_TEXT_RE = re.compile(r"<!--(.*?)-->", re.S)
BOLD, ITALIC = "'" * 3, "'" * 2  # wikitext bold and italic quotes
BOLD_RE = re.compile(r"'''(.+?)'''")
REF_RE = re.compile(r"<ref[^>/]*/>|<ref[^>]*>.*?</ref>", re.S | re.I)
# The standings header the templates render (their labels are computed, never page text).
LABELS = ("Pos", "Team", "Pld", "W", "D", "L", "GF", "GA", "GD", "Pts", "Qualification")
# Template names after `template_name` (redirects followed).
FB_CL2 = {"fb cl2 team", "fb cl2 team 2pts"}
FOOTERS = {"fb cl footer"}  # `nt=`: the notes printed under the table
HEADERS = {"fb cl header"}
YES = ("y", "yes", "1", "true")
# `{{Fb …}}` templates read or known to carry no data (`{{Fb team X}}` is a team's link).
KNOWN_FB = ("fb cl3 qr", "fb team ")
FRAMING = (" header", " footer", " start", " end")  # a table's frame, not its data
# A page-specific template that draws a table kept elsewhere (`… Regular Season table`).
TRANSCLUDED_RE = re.compile(r"\b(tables?|standings|results|bracket|matrix)$")
GOAL_AVERAGE_RULE = "Rules for classification: 1) points; 2) goal average"
# Template:Football box and its redirects, names folded (case, spaces, underscores).
FOOTBALL_BOX = {"football box"}
# Template:TwoLegResult / OneLegResult: positional rows of a knockout round.
LEG_RESULTS = {"twolegresult": 2, "onelegresult": 1}
TWO_LEG_LABELS = ("Team 1", "Agg.", "Team 2", "1st leg", "2nd leg")
ONE_LEG_LABELS = ("Team 1", "Score", "Team 2")
FB_R = {"fb r2 header", "fb r2 team", "fb r", "fb r footer"}
# Sports table's per-team arguments (Module:Sports table/WDL): our key, the module's name.
MODULE_STATS = (("w", "win"), ("d", "draw"), ("l", "loss"), ("gf", "gf"), ("ga", "ga"))


def template_name(name: str) -> str:
    """A template's name as matched: case, spaces and underscores folded, then a redirect
    followed to the template it stands for (`TEMPLATE_REDIRECTS`, with the rules)."""
    folded = markup.fold(name)
    return TEMPLATE_REDIRECTS.get(folded, folded)


def note_text(value: str) -> str:
    """A note as read: its superscript number, refs, comments and link targets removed."""
    value = re.sub(r"<sup>.*?</sup>", "", value, flags=re.S | re.I)
    return label_and_link(clean_value(value))[0]


def clean_value(value: str) -> str:
    """An argument's value as read: comments, refs and whitespace removed."""
    return " ".join(REF_RE.sub("", markup.COMMENT_RE.sub("", value)).split())


def label_and_link(value: str) -> tuple[str, str | None]:
    """A team's text as shown (links by their label, display templates such as `{{nowrap}}`
    by what they show, flags and bold dropped) and its first link target."""
    if "[[" not in value and "{{" not in value:
        return " ".join(value.replace(BOLD, "").split()), None
    shown, targets = markup.plain(value)
    shown = shown.replace(BOLD, "").replace(ITALIC, "")
    return " ".join(shown.split()), targets[0] if targets else None


@dataclass(frozen=True, slots=True)
class _Row:
    """One team's arguments as stated, each with its line."""

    line: int
    values: dict[str, tuple[str, int]]  # argument -> (cleaned value, line)


# Fb cl2 rows: start, end, arguments, win points.
_Group: TypeAlias = list[tuple[int, int, _Row, int]]
_Item: TypeAlias = (
    "re.Match[str] | _Group | wtp.ParserFunction | _Matrix | _Boxes | _Legs | _Results"
    "| _Wikitable | _Note"
)


@dataclass(frozen=True, slots=True)
class _Note:
    """A table's note as the template prints it under the table (`{{Fb cl footer|nt=…}}`)."""

    text: str


@dataclass(frozen=True, slots=True)
class _Wikitable:
    """A `{| … |}` table: its first and last line indexes, and whether it is closed."""

    first: int
    last: int
    closed: bool


@dataclass(frozen=True, slots=True)
class _Results:
    """A `{{#invoke:Sports results|main …}}` call."""

    call: wtp.ParserFunction


@dataclass(frozen=True, slots=True)
class _Legs:
    """Consecutive `{{TwoLegResult}}` or `{{OneLegResult}}` rows."""

    rows: tuple[wtp.Template, ...]


@dataclass(frozen=True, slots=True)
class _Boxes:
    """Consecutive `{{football box}}` templates."""

    boxes: tuple[wtp.Template, ...]


@dataclass(frozen=True, slots=True)
class _Matrix:
    """A `{{Fb r2 header}}` and the `{{Fb r2 team}}` / `{{fb r}}` templates after it."""

    parts: tuple[tuple[int, str, wtp.Template], ...]


class WikitextFrontEnd:
    """Raw wikitext: claims files whose start shows templates, wikitables or `==` headings."""

    name = "wikitext"
    suffixes: tuple[str, ...] = (".wikitext", ".wiki", ".mediawiki")
    renderings: tuple[str, ...] = ("wikitext",)

    def claims(self, head: str) -> bool:
        # The templates it reads, a wikitable's `{|` or any template call opening a line
        # (`{{Infobox …`, `{{2019 League table}}`): a text export shows their output, never
        # their calls (no shared text export holds `{{`).
        return bool(CLAIM_RE.search(head))

    def read(self, data: bytes, site: Site) -> tuple[PageDocument, list[Finding]]:
        text, findings = decode_bytes(data, site)
        starts = [0] + [m.end() for m in re.finditer("\n", text)]

        def line_of(offset: int) -> int:
            return bisect_right(starts, offset)

        parsed = wtp.parse(text)
        items: list[tuple[int, str, _Item]] = []
        for m in HEADING_RE.finditer(text):
            items.append((m.start(), "heading", m))
        rows: list[tuple[int, int, _Row, int]] = []  # (start, end, row, win points)
        # `{{Fb cl3 qr|rows=N|competition=…}}` after a row: its qualification, over N rows.
        qrs: list[tuple[int, str, int]] = []
        matrix_parts: list[tuple[int, str, wtp.Template]] = []
        boxes: list[wtp.Template] = []
        results: list[wtp.Template] = []
        infobox = ""
        # `{{Fb cl header|gavg=yes}}` or a footer's `gavg=yes`, `u=`: (where, argument, value)
        # for the group of rows beside it.
        framing: list[tuple[int, str, str]] = []
        for t in parsed.templates:
            name = template_name(t.name)
            if name == "fb cl3 qr":
                found = {a.name.strip().lower(): clean_value(a.value) for a in t.arguments}
                span = _int(found.get("rows")) or 1
                shown = label_and_link(found.get("competition", ""))[0]
                qrs.append((t.span[0], shown, span))
                continue
            if name in FB_CL2:
                start, end = t.span
                rows.append((start, end, _args(t, line_of), 2 if name.endswith("2pts") else 3))
            elif name in FB_R:
                matrix_parts.append((t.span[0], name, t))
            elif name in FOOTBALL_BOX:
                boxes.append(t)
            elif name in LEG_RESULTS:
                results.append(t)
            elif name in FOOTERS or name in HEADERS:
                found = {a.name.strip().lower(): a.value for a in t.arguments}
                if clean_value(found.get("gavg", "")).lower() in YES:
                    framing.append((t.span[0], "gavg", "yes"))
                if name in FOOTERS and clean_value(found.get("u", "")):
                    # `u=`: the date the table was last updated (Template:Fb cl footer).
                    framing.append((t.span[0], "_updated", note_text(found["u"])))
                if found.get("orfc"):
                    # The order rules the footer prints (Template:Fb cl footer, `orfc`).
                    rules = f"Rules for classification: {note_text(found['orfc'])}"
                    items.append((t.span[0], "note", _Note(rules)))
                if found.get("nt"):
                    items.append((t.span[0], "note", _Note(note_text(found["nt"]))))
            elif name.startswith("infobox") and not infobox:
                found = {a.name.strip().lower(): clean_value(a.value) for a in t.arguments}
                year = found.get("season") or found.get("year") or ""
                # Read as the infobox's Season field (`pages.season`'s rule for every front end).
                infobox = f"Season: {label_and_link(year)[0]}" if year else ""
                # A league's or a tournament's season infobox names its competition (a club's
                # season infobox names the club's league, which is no competition of the page).
                competition = label_and_link(found.get("competition", ""))[0]
                if competition and "club" not in name:
                    infobox += f"\nCompetition: {competition}"
            elif TRANSCLUDED_RE.search(name) and _alone(text, t.span):
                # `{{2018–19 Austrian Football Bundesliga Regular Season table}}`, `{{2023–24
                # Serie A table|showteam=INT}}`: the table is kept on another page; this file
                # holds none of its rows.
                findings.append(
                    F.TABLE_TRANSCLUDED.at(site, line_of(t.span[0]), template=t.name.strip())
                )
            elif (
                name.startswith("fb ")
                and not name.startswith(KNOWN_FB)
                and not name.endswith(FRAMING)
                and _alone(text, t.span)
            ):
                # `{{Fb overview2}}`, `{{Fb rs}}`: a football template drawing data this
                # reader does not read; named, so nothing is lost unsaid.
                findings.append(
                    F.TEMPLATE_TABLE_UNREAD.at(site, line_of(t.span[0]), template=t.name.strip())
                )
        for pf in parsed.parser_functions:
            if template_name(pf.name) != "#invoke" or len(pf.arguments) < 2:
                continue
            module = template_name(pf.arguments[0].value)
            if module == "sports table":
                items.append((pf.span[0], "sports", pf))
            elif module == "sports results":
                items.append((pf.span[0], "results", _Results(pf)))
            elif "sports" in module or "football" in module:
                # `{{#invoke:Sports rbr table}}` (positions round by round) and the like.
                shown = f"#invoke:{pf.arguments[0].value.strip()}"
                findings.append(
                    F.TEMPLATE_TABLE_UNREAD.at(site, line_of(pf.span[0]), template=shown)
                )
        # A wikitable holding the templates read above is their frame (`{| … {{fb cl2 team}}
        # … |}`): the templates give its rows, so it is not read a second time.
        claimed = sorted(
            [r[0] for r in rows] + [m[0] for m in matrix_parts] + [b.span[0] for b in boxes]
            + [r.span[0] for r in results] + [i[0] for i in items if i[1] != "heading"]
        )  # fmt: skip
        lines = text.split("\n")
        for top, bottom, closed in markup.table_spans(lines):
            start = starts[top]
            stop = starts[bottom + 1] if bottom + 1 < len(starts) else len(text)
            k = bisect_right(claimed, start - 1)
            if k < len(claimed) and claimed[k] < stop:
                continue
            items.append((start, "wikitable", _Wikitable(top, bottom, closed)))
        # Consecutive Fb cl2 rows (only whitespace and other templates between) are one table.
        group: list[tuple[int, int, _Row, int]] = []
        ordered = sorted(rows, key=lambda r: r[0])
        for k, row in enumerate(ordered):
            if group and _broken(text, group[-1][1], row[0]):
                items.append((group[0][0], "fbcl2", list(group)))
                group = []
            # The row's rest: its own line after the template, and lines of cells after it.
            stop = ordered[k + 1][0] if k + 1 < len(ordered) else len(text)
            rest = text[row[1] : stop]
            kept: list[str] = []
            for n, ln in enumerate(rest.split("\n")):
                if n and not _extra_line(ln):
                    break  # only the lines of cells right after the row are its own
                kept.append(ln)
            rest = "\n".join(kept)
            values = {**row[2].values, "_rest": (rest, row[2].line)}
            qr = next((q for q in qrs if row[1] <= q[0] < stop), None)
            if qr is not None and qr[1]:
                values["_qr"] = (qr[1], qr[2])
            extra = _Row(row[2].line, values)
            group.append((row[0], row[1], extra, row[3]))
        if group:
            items.append((group[0][0], "fbcl2", list(group)))
        if framing:
            _mark_groups(items, framing)
        # `{{Fb r2 header}}` opens a results matrix; each `{{Fb r2 team}}` a row of `{{fb r}}`.
        for parts in _matrices(sorted(matrix_parts, key=lambda m: m[0])):
            items.append((parts[0][0], "matrix", _Matrix(tuple(parts))))
        # Consecutive football boxes are one table of single matches, as in the HTML.
        run: list[wtp.Template] = []
        for box in sorted(boxes, key=lambda b: b.span[0]):
            if run and _broken(text, run[-1].span[1], box.span[0]):
                items.append((run[0].span[0], "boxes", _Boxes(tuple(run))))
                run = []
            run.append(box)
        if run:
            items.append((run[0].span[0], "boxes", _Boxes(tuple(run))))
        # Consecutive TwoLegResult (or OneLegResult) rows are one table of a round.
        rows_of: list[wtp.Template] = []
        for result in sorted(results, key=lambda r: r.span[0]):
            same = (
                rows_of
                and LEG_RESULTS[template_name(rows_of[-1].name)]
                == LEG_RESULTS[template_name(result.name)]
            )
            if rows_of and (not same or _broken(text, rows_of[-1].span[1], result.span[0])):
                items.append((rows_of[0].span[0], "legs", _Legs(tuple(rows_of))))
                rows_of = []
            rows_of.append(result)
        if rows_of:
            items.append((rows_of[0].span[0], "legs", _Legs(tuple(rows_of))))
        events: list[Event] = []
        grids: list[Grid] = []
        notes = markup.Notes()
        shown_to = 0  # the text up to here has had its footnote marks numbered
        for start, _, item in sorted(items, key=lambda i: i[0]):
            if isinstance(item, re.Match):
                heading = label_and_link(clean_value(item.group(2)))[0]
                if heading:
                    events.append(HeadingEvent(heading, line_of(start), len(item.group(1))))
                continue
            if isinstance(item, _Note):
                if item.text:
                    events.append(ProseEvent(item.text, line_of(start)))
                continue
            if isinstance(item, _Wikitable):
                notes.skip(text[shown_to:start])
                for grid in _wikitable_grids(lines, item, notes, site, len(grids), findings):
                    grids.append(grid)
                    events.append(TableEvent(grid.table_id, grid.line))
                shown_to = starts[item.last + 1] if item.last + 1 < len(starts) else len(text)
                continue
            table_id = ids.table_id(site.page, len(grids) + 1)
            if isinstance(item, list):
                grid = _fb_cl2_grid(item, table_id)
                if goal_average(item):
                    # The template's GD column is goal average: not stored, and the order
                    # is judged on it (as a `Rules for classification` line would say).
                    findings.append(F.GOAL_AVERAGE.at(site.table(table_id), grid.line))
                    grids.append(grid)
                    events.append(TableEvent(table_id, grid.line))
                    events.append(ProseEvent(GOAL_AVERAGE_RULE, grid.line))
                    continue
            elif isinstance(item, _Matrix):
                grid = _fb_r_grid(item, table_id, line_of, text)
            elif isinstance(item, _Boxes):
                grid = _boxes_grid(item, table_id, line_of)
            elif isinstance(item, _Legs):
                grid = _legs_grid(item, table_id, line_of)
            elif isinstance(item, _Results):
                grid = _sports_results_grid(item.call, table_id, line_of)
            else:
                grid = _sports_table_grid(item, table_id, line_of)
                grids.append(grid)
                events.append(TableEvent(table_id, grid.line))
                # `note_X=` texts and `class_rules`, printed under the table (Module:Sports
                # table); `use_goal_ratio=yes` ranks on goal ratio, as `gavg` does.
                args = _module_args(item, line_of)
                for name, (value, at) in args.items():
                    if name.startswith("note_") and not re.fullmatch(r"[\w-]+", value):
                        events.append(ProseEvent(note_text(value), at))
                if "class_rules" in args:
                    rules = f"Rules for classification: {note_text(args['class_rules'][0])}"
                    events.append(ProseEvent(rules, args["class_rules"][1]))
                if args.get("use_goal_ratio", ("", 0))[0].lower() in YES:
                    findings.append(F.GOAL_AVERAGE.at(site.table(table_id), grid.line))
                    events.append(ProseEvent(GOAL_AVERAGE_RULE, grid.line))
                continue
            grids.append(grid)
            events.append(TableEvent(table_id, grid.line))
        title, first = _title(text)
        if first:
            events.insert(0, ProseEvent(first, 1))
        tree = build_tree(events, site)
        findings.extend(tree.findings)
        document = PageDocument(
            page=site.page,
            path=site.path,
            rendering="wikitext" if grids else "none",
            title=title or site.page,
            lines=len(text.splitlines()) or 1,
            root=tree.root,
            grids=tuple(grids),
            placements=tree.placements,
            intro="\n".join([title, infobox, first]),
            relations=build_relations(tree.root, tree.placements),
        )
        return document, findings


def _wikitable_grids(
    lines: list[str],
    table: _Wikitable,
    notes: markup.Notes,
    site: Site,
    before: int,
    findings: list[Finding],
) -> list[Grid]:
    """A wikitable's grids, read by the HTML table model from its translation (the same lines):
    a layout table's inner tables, football boxes and fixture lists as the HTML front end
    reads them. A template the translation does not know is named where it stood."""
    source = "\n".join(lines[table.first : table.last + 1])
    translated = markup.table_html(markup.inline(source, notes).split("\n"))
    # Blank lines before the table put each element on its own wikitext line.
    root = html.fromstring("<div>" + "\n" * table.first + translated + "</div>")
    grids: list[Grid] = []
    for kind, element, run in walk(root):
        table_id = ids.table_id(site.page, before + len(grids) + 1)
        if kind == "boxes":
            grid = read_boxes(run, table_id)
        elif kind == "fixtures":
            grid = read_fixtures(run, table_id)
        elif kind == "table":
            grid = read_table(element, table_id)
        else:
            continue
        if not table.closed and element is root[0]:
            grid = replace(grid, truncated=True)  # the file ends inside the table
        grids.append(replace(grid, rendering="wikitext"))
    for span in root.iter("span"):
        if span.get("class") != markup.UNKNOWN_CLASS:
            continue
        cell = next((a for a in span.iterancestors() if a.tag in ("td", "th", "caption")), None)
        alone = cell is not None and not cell_text(cell)
        unread = F.TEMPLATE_UNREAD_CELL if alone else F.TEMPLATE_UNREAD
        line = span.sourceline or table.first + 1
        # The grid it stands in: a table no kind reads turns the finding into an info later;
        # outside every grid (a layout table's own cell) it puts no value in doubt.
        held = next((g.table_id for g in grids if g.line <= line <= g.end_line), None)
        if held is None:
            unread = F.TEMPLATE_UNREAD
        findings.append(
            unread.at(
                site.table(held), line, stated=span.text or "",
                template=span.text or "", where="a cell" if cell is not None else "the table",
            )
        )  # fmt: skip
    return grids


def _alone(text: str, span: tuple[int, int]) -> bool:
    """The template stands on a line of its own."""
    before = text.rfind("\n", 0, span[0]) + 1
    after = text.find("\n", span[1])
    return (
        not text[before : span[0]].strip()
        and not text[span[1] : after if after >= 0 else None].strip()
    )


def _broken(text: str, end: int, start: int) -> bool:
    """Something other than templates, whitespace and the row's own extra cells (`|rowspan=4|
    Qualified …`, `||Possible …`) stands between two rows."""
    between = re.sub(r"\{\{[^{}]*\}\}", "", markup.COMMENT_RE.sub("", text[end:start]))
    return any(line.strip() and not _extra_line(line) for line in between.split("\n"))


def _extra_line(line: str) -> bool:
    """A line (or a row's rest) of wikitable cells: `|…` or `||…`, not `|}` or `|-`."""
    stripped = line.strip()
    return stripped.startswith("|") and not stripped.startswith(("|}", "|-"))


def _extra_cells(text: str, line: int) -> list[tuple[str, int]]:
    """The cells a row's rest adds (`||Possible …`, `|rowspan=4|Qualified …`): text and
    rowspan, in wikitable cell syntax (Help:Table); links keep their `|`."""
    cells: list[tuple[str, int]] = []
    for chunk in markup.COMMENT_RE.sub("", text).split("\n"):
        if not _extra_line(chunk):
            continue
        body = chunk.strip()[1:]
        for cell in re.split(r"\|\|(?![^\[]*\]\])", body):
            parts = re.split(r"\|(?![^\[]*\]\])", cell, maxsplit=1)
            attrs, content = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
            span = re.search(r"rowspan\s*=\s*\"?(\d+)", attrs)
            shown = label_and_link(REF_RE.sub("", re.sub(r"</?small>", "", content)))[0]
            if shown:
                cells.append((shown, int(span.group(1)) if span else 1))
    del line
    return cells


def _args(t: wtp.Template, line_of: Callable[[int], int]) -> _Row:
    values: dict[str, tuple[str, int]] = {}
    for a in t.arguments:
        values[a.name.strip().lower()] = (clean_value(a.value), line_of(a.span[0]))
    return _Row(line_of(t.span[0]), values)


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.replace("−", "-").replace("–", "-").strip()
    return int(value) if re.fullmatch(r"[+-]?\d{1,4}", value) else None


def _standing_cells(
    line: int,
    position: tuple[str, int] | None,
    team: tuple[str, int],
    stats: dict[str, tuple[str, int] | None],
    win_points: int,
    adjust: int,
    qualification: tuple[str, int] | None,
    status: tuple[str, ...] = (),
    average: bool = False,
    points_note: str = "",
    team_notes: tuple[str, ...] = (),
) -> tuple[GridCell | None, ...]:
    """One standings row: stated values as cells, Pld, GD and Pts computed as the module does
    (marked computed, so they are listed in `standings.derived`); status letters are the
    marks the templates print after the team (`Bootle (C)`). Under goal average the GD
    column is the average, which the contract does not store: the row has no GD cell."""
    shown, link = label_and_link(team[0])
    shown += "".join(f"[{note}]" for note in team_notes)
    if status:
        shown = f"{shown} ({', '.join(status)})"
    cells: list[GridCell | None] = [
        make_cell(position[0], position[1]) if position else make_cell("", line),
        make_cell(shown, team[1], links=(link,) if link else ()),
    ]
    n = {k: _int(v[0]) if (v := stats[k]) else None for k in ("w", "d", "l", "gf", "ga")}
    w, d, lost, gf, ga = n["w"], n["d"], n["l"], n["gf"], n["ga"]
    played = None if w is None or d is None or lost is None else w + d + lost
    cells.append(make_cell("" if played is None else str(played), line, computed=True))
    for key in ("w", "d", "l", "gf", "ga"):
        v = stats[key]
        cells.append(make_cell(v[0], v[1]) if v else make_cell("", line))
    if not average:
        gd = None if gf is None or ga is None else gf - ga
        shown_gd = "" if gd is None else f"{gd:+d}" if gd else "0"
        cells.append(make_cell(shown_gd, line, computed=True))
    pts = None if w is None or d is None else win_points * w + d + adjust
    shown_pts = "" if pts is None else str(pts)
    if shown_pts and (adjust or points_note):
        # A stated adjustment (`dp`, `bp`, `adjust_points`) or the template's points note
        # (`pn`): these points are explained by the page, as a marked points cell is.
        shown_pts += f"[{points_note or '*'}]"
    cells.append(make_cell(shown_pts, line, computed=True))
    cells.append(make_cell(qualification[0], qualification[1]) if qualification else None)
    return tuple(cells)


def _header(line: int, average: bool = False) -> tuple[tuple[GridCell, ...], ...]:
    labels = [label for label in LABELS if not (average and label == "GD")]
    return (tuple(make_cell(label, line, header=True, computed=True) for label in labels),)


def goal_average(group: _Group) -> bool:
    """`gavg=yes` on a row (Template:Fb cl2 team): the table ranks by goal average."""
    return any(row.values.get("gavg", ("", 0))[0].lower() in YES for _, _, row, _ in group)


def _mark_groups(items: list[tuple[int, str, _Item]], framing: list[tuple[int, str, str]]) -> None:
    """A header right before a group of rows, or a footer right after it, speaks for the whole
    group: `gavg=yes` ranks it by goal average (as on its rows), `u=` dates it."""
    starts = sorted(i[0] for i in items)
    for start, kind, item in items:
        if kind != "fbcl2" or not isinstance(item, list):
            continue
        end = item[-1][1]
        k = bisect_right(starts, start)
        before = starts[k - 2] if k >= 2 else -1  # the item before this group
        after = starts[k] if k < len(starts) else 1 << 62  # the item after it
        said = {key: value for p, key, value in framing if before < p < start or end < p <= after}
        if said:
            for n, (s, e, row, wpts) in enumerate(item):
                values = {**row.values, **{k: (v, row.line) for k, v in said.items()}}
                item[n] = (s, e, _Row(row.line, values), wpts)


def _fb_cl2_grid(group: _Group, table_id: str) -> Grid:
    """`{{Fb cl2 team|p=|t=|w=|d=|l=|gf=|ga=|dp=|bp=|wpts=}}` rows: points as the template
    gives them, `wpts` a win (2 in the `2pts` variant), less `dp`, plus `bp`."""
    line = group[0][2].line
    average = goal_average(group)
    body: list[GridRow] = []
    covering: tuple[GridCell, int] | None = None  # a rowspanned cell's copy, and rows left
    for n, (_, _, row, default_wpts) in enumerate(group):
        v = row.values
        wpts = _int(v["wpts"][0]) if "wpts" in v else default_wpts
        adjust = (_int(v["bp"][0]) if "bp" in v else 0) or 0
        adjust -= (_int(v["dp"][0]) if "dp" in v else 0) or 0
        stats = {k: v.get(k) for k in ("w", "d", "l", "gf", "ga")}
        extra = _extra_cells(v["_rest"][0], row.line) if "_rest" in v else []
        if not extra and "_qr" in v:
            extra = [v["_qr"]]
        qualification = (extra[0][0], row.line) if extra else None
        # `champion=y`, `promoted=y`, `relegated=y` print (C), (P), (R) (Template:Fb cl2 team).
        status = tuple(
            mark for key, mark in (("champion", "C"), ("promoted", "P"), ("relegated", "R"))
            if v.get(key, ("", 0))[0].lower() in ("y", "yes")
        )  # fmt: skip
        cells = _standing_cells(
            row.line, v.get("p"), v.get("t", ("", row.line)), stats, wpts or 3, adjust,
            qualification, status, average, v.get("pn", ("", 0))[0],
        )  # fmt: skip
        own = cells[-1]
        if own is not None and extra:
            origin = own.copied_to((n, len(cells) - 1))
            covering = (origin, extra[0][1] - 1) if extra[0][1] > 1 else None
        elif covering is not None and covering[1] > 0:
            # Under a `rowspan=` cell of a row above: a copy, as the HTML table model gives.
            cells = (*cells[:-1], covering[0])
            covering = (covering[0], covering[1] - 1)
        body.append(GridRow(cells, row.line, n))
    updated = group[0][2].values.get("_updated", ("", 0))[0]
    return Grid(
        table_id, line, body[-1].line, "table", header=_header(line, average),
        rows=tuple(body), rendering="wikitext", updated=updated or None,
    )  # fmt: skip


def _sports_table_grid(
    pf: wtp.ParserFunction, table_id: str, line_of: Callable[[int], int]
) -> Grid:
    """`{{#invoke:Sports table|main|style=WDL …}}`: teams from `team_order` or `team1…`,
    each team's `name_X`, `win_X`, … arguments; `winpoints` a win (default 3)."""
    args = _module_args(pf, line_of)
    line = line_of(pf.span[0])
    codes = _team_codes(args)
    wpts = _int(args["winpoints"][0]) if "winpoints" in args else 3
    average = args.get("use_goal_ratio", ("", 0))[0].lower() in YES
    body: list[GridRow] = []
    covering: GridCell | None = None  # the spanning qualification cell above, as a copy
    previous_code: str | None = None
    lettered: dict[str, str] = {}  # a team code whose note is printed -> its letter
    for n, code in enumerate(codes):
        team = args.get(f"name_{code}", (code, line))
        stats = {
            key: args.get(f"{name}_{code}")
            for key, name in (
                ("w", "win"),
                ("d", "draw"),
                ("l", "loss"),
                ("gf", "gf"),
                ("ga", "ga"),
            )
        }
        adjust = _int(args.get(f"adjust_points_{code}", ("0", line))[0]) or 0
        position = args.get(f"pos_{code}") or (str(n + 1), team[1])
        row_line = team[1]
        # `result<N>=CODE` and `text_CODE`: the qualification column; consecutive equal
        # codes are one spanning cell (Module:Sports table).
        result = args.get(f"result{n + 1}")
        shown = (
            result
            and label_and_link(
                re.sub(r"</?small>", "", args.get(f"text_{result[0]}", ("", line))[0])
            )[0]
        )
        qualification = (shown, result[1]) if result and shown else None
        # `status_X=C` (or `CP`): the letters Module:Sports table prints after the team.
        letters = args.get(f"status_{code}", ("", line))[0].replace(",", "").replace(" ", "")
        status = tuple(ch for ch in letters.upper() if ch.isalpha())
        # `note_X=text` (or `note_X=CODE`, sharing CODE's note): a lettered mark on the team.
        note = args.get(f"note_{code}", ("", 0))[0]
        if note in codes:
            note = args.get(f"note_{note}", ("", 0))[0] and note
        key = note if note in codes else code
        if note and key not in lettered:
            lettered[key] = markup.alpha(len(lettered) + 1)
        cells = _standing_cells(
            row_line, position, team, stats, wpts or 3, adjust, qualification, status, average,
            team_notes=(lettered[key],) if note else (),
        )  # fmt: skip
        if result and result[0] == previous_code and covering is not None:
            cells = (*cells[:-1], covering)
        elif qualification is not None and cells[-1] is not None:
            covering = cells[-1].copied_to((n, len(cells) - 1))
        else:
            covering = None
        previous_code = result[0] if result else None
        body.append(GridRow(cells, row_line, n))
    # `update=` is the date of the last result counted (Module:Sports table), `complete` when
    # the season is over; kept as the page writes it.
    updated = label_and_link(args["update"][0])[0] if "update" in args else ""
    return Grid(
        table_id, line, body[-1].line if body else line, "table",
        header=_header(line, average), rows=tuple(body), rendering="wikitext",
        updated=updated or None,
    )  # fmt: skip


def _matrices(
    parts: list[tuple[int, str, wtp.Template]],
) -> list[list[tuple[int, str, wtp.Template]]]:
    """Split the Fb r templates into matrices: each opens at a header, ends at a footer."""
    out: list[list[tuple[int, str, wtp.Template]]] = []
    current: list[tuple[int, str, wtp.Template]] = []
    for part in parts:
        if part[1] == "fb r2 header":
            if current:
                out.append(current)
            current = [part]
        elif part[1] == "fb r footer":
            if current:
                out.append(current)
            current = []
        elif current:
            current.append(part)
    if current:
        out.append(current)
    return out


def _fb_r_grid(matrix: _Matrix, table_id: str, line_of: Callable[[int], int], source: str) -> Grid:
    """`{{Fb r2 header|nt=N|[[A|ABC]]|…}}` then per team `{{Fb r2 team|t=…}}` and N `{{fb r
    |gf=|ga=}}` (or `r=null`): positional, the Nth cell against the Nth team of the header
    (Template:Fb r2 header). A `<!-- Team -->` comment beside a cell changes nothing."""
    head = matrix.parts[0][2]
    line = line_of(head.span[0])
    labels = [make_cell("Home \\ Away", line, header=True)]
    for a in head.arguments:
        if a.positional:
            shown, link = label_and_link(clean_value(a.value))
            labels.append(make_cell(shown, line_of(a.span[0]), header=True,
                                    links=(link,) if link else ()))  # fmt: skip
    body: list[GridRow] = []
    cells: list[GridCell | None] = []
    row_line = line

    def close() -> None:
        if cells:
            width = len(labels)
            padded = (cells + [None] * width)[:width] if len(cells) < width else cells
            body.append(GridRow(tuple(padded), row_line, len(body)))

    for start, name, t in matrix.parts[1:]:
        found = {a.name.strip().lower(): (clean_value(a.value), a.span[0]) for a in t.arguments}
        if name == "fb r2 team":
            close()
            row_line = line_of(start)
            team, link = label_and_link(found.get("t", ("", start))[0])
            cells = [make_cell(team, row_line, links=(link,) if link else ())]
        elif name == "fb r" and cells:
            at = line_of(start)
            gf, ga = found.get("gf", ("", 0))[0], found.get("ga", ("", 0))[0]
            result = found.get("r", ("", 0))[0]
            # `r=null` renders a dash (no match at this ground); empty gf/ga a blank cell.
            text = f"{gf}–{ga}" if gf and ga else ("—" if result.lower() == "null" else result)
            # A `<!-- Team -->` comment on the cell's line: kept aside, never read as a value.
            line_start = source.rfind("\n", 0, start) + 1
            line_end = source.find("\n", start)
            comment = COMMENT_TEXT_RE.search(
                source[line_start : line_end if line_end >= 0 else None]
            )
            aside = " ".join(comment.group(1).split()) if comment else ""
            cells.append(make_cell(text, at, aside=aside) if aside else make_cell(text, at))
    close()
    return Grid(
        table_id, line, body[-1].line if body else line, "table", header=(tuple(labels),),
        rows=tuple(body), rendering="wikitext",
    )  # fmt: skip


def _boxes_grid(run: _Boxes, table_id: str, line_of: Callable[[int], int]) -> Grid:
    """`{{football box|date=|team1=|score=|team2=|aet=|penaltyscore=|stadium=}}` (Template:
    Football box): one match a box, the columns the HTML boxes give, computed labels."""
    line = line_of(run.boxes[0].span[0])
    header = tuple(make_cell(label, line, header=True, computed=True) for label in BOX_LABELS)
    body: list[GridRow] = []
    for box in run.boxes:
        found = {a.name.strip().lower(): (a.value, line_of(a.span[0])) for a in box.arguments}
        at = line_of(box.span[0])

        def cell(
            key: str, text: str | None = None, found: dict[str, tuple[str, int]] = found
        ) -> GridCell | None:
            if key not in found:
                return None
            raw, where = found[key]
            value = clean_value(raw) if text is None else text
            shown, link = label_and_link(value)
            bold = "'''" in raw
            return make_cell(shown, where, links=(link,) if link else (), bold=bold)

        score = clean_value(found.get("score", ("", at))[0])
        if found.get("aet") and clean_value(found["aet"][0]).lower() in ("yes", "y"):
            score += " (a.e.t.)"
        # `aggregatescore=` (Template:Football box collapsible): the tie's aggregate, printed
        # under a second leg's score.
        aggregate = clean_value(found.get("aggregatescore", found.get("aggregate", ("", at)))[0])
        if aggregate and score:
            score += f" (Agg: {aggregate})"
        venue = ", ".join(
            v for v in (label_and_link(clean_value(found[k][0]))[0] for k in ("stadium", "location")
                        if k in found) if v
        )  # fmt: skip
        cells = (
            cell("date"), cell("team1"), cell("score", score), cell("team2"),
            make_cell(venue, at) if venue else None, None, None, cell("penaltyscore"),
        )  # fmt: skip
        body.append(GridRow(cells, at, len(body)))
    return Grid(
        table_id, line, body[-1].line, "table", header=(header,), rows=tuple(body),
        rendering="wikitext",
    )  # fmt: skip


def _legs_grid(run: _Legs, table_id: str, line_of: Callable[[int], int]) -> Grid:
    """`{{TwoLegResult|A|flagA|agg|B|flagB|leg1|leg2}}` (or `{{OneLegResult|A|flagA|score|B|
    flagB}}`): positional arguments, flags dropped, as the templates' documentation lists."""
    legs = LEG_RESULTS[template_name(run.rows[0].name)]
    labels = TWO_LEG_LABELS if legs == 2 else ONE_LEG_LABELS
    line = line_of(run.rows[0].span[0])
    header = tuple(make_cell(label, line, header=True, computed=True) for label in labels)
    body: list[GridRow] = []
    for t in run.rows:
        at = line_of(t.span[0])
        positional = [a for a in t.arguments if a.positional]
        # A, flagA, agg/score, B, flagB, leg1, leg2: the flags carry nothing stored.
        picks = (0, 2, 3, 5, 6) if legs == 2 else (0, 2, 3)
        cells: list[GridCell | None] = []
        for k in picks:
            if k >= len(positional):
                cells.append(None)
                continue
            raw = positional[k].value
            shown, link = label_and_link(clean_value(raw))
            cells.append(
                make_cell(shown, line_of(positional[k].span[0]), links=(link,) if link else (),
                          bold="\'\'\'" in raw)
            )  # fmt: skip
        body.append(GridRow(tuple(cells), at, len(body)))
    return Grid(
        table_id, line, body[-1].line, "table", header=(header,), rows=tuple(body),
        rendering="wikitext",
    )  # fmt: skip


def _module_args(
    pf: wtp.ParserFunction, line_of: Callable[[int], int]
) -> dict[str, tuple[str, int]]:
    """A module call's named arguments after `|Module|function`, cleaned, with their lines."""
    return {a.name.strip(): (clean_value(a.value), line_of(a.span[0])) for a in pf.arguments[2:]}


def _team_codes(args: dict[str, tuple[str, int]]) -> list[str]:
    """`team_order=A,B,C` or `team1=A|team2=B…` (Module:Sports table, Module:Sports results)."""
    if "team_order" in args:
        return [c.strip() for c in args["team_order"][0].split(",") if c.strip()]
    codes: list[str] = []
    while f"team{len(codes) + 1}" in args:
        codes.append(args[f"team{len(codes) + 1}"][0])
    return codes


def _sports_results_grid(
    pf: wtp.ParserFunction, table_id: str, line_of: Callable[[int], int]
) -> Grid:
    """`{{#invoke:Sports results|main …}}`: `match_X_Y` is home X against away Y; `null`,
    `—`, `–` and blank are no match (a dash, as the module renders them)."""
    args = _module_args(pf, line_of)
    line = line_of(pf.span[0])
    codes = _team_codes(args)
    labels = [make_cell("Home \\ Away", line, header=True)]
    for code in codes:
        shown, link = label_and_link(args.get(f"name_{code}", (code, line))[0])
        labels.append(make_cell(code, line, header=True, links=(link,) if link else ()))
    body: list[GridRow] = []
    noted = 0
    for x in codes:
        name = args.get(f"name_{x}", (x, line))
        shown, link = label_and_link(name[0])
        cells: list[GridCell | None] = [make_cell(shown, name[1], links=(link,) if link else ())]
        for y in codes:
            if x == y:
                cells.append(make_cell("", name[1]))  # the diagonal
                continue
            value, at = args.get(f"match_{x}_{y}", ("", name[1]))
            # A score may link to its match report (`[[#Matchday 3|2–1]]`): shown by its label.
            value, report = label_and_link(value)
            shown = "—" if value.lower() in ("", "null", "—", "–", "-") else value
            # `match_X_Y_note=`: the module prints a footnote mark on the score, lettered in
            # order (Module:Sports results), so the check reads the score as noted.
            if args.get(f"match_{x}_{y}_note", ("", 0))[0]:
                noted += 1
                # A blank noted meeting (an annulled match) is a mark alone, not a dash.
                mark = f"[{markup.alpha(noted)}]"
                shown = mark if not value else shown + mark
            cells.append(make_cell(shown, at, links=(report,)) if report else make_cell(shown, at))
        body.append(GridRow(tuple(cells), name[1], len(body)))
    return Grid(
        table_id, line, body[-1].line if body else line, "table", header=(tuple(labels),),
        rows=tuple(body), rendering="wikitext",
    )  # fmt: skip


def _title(text: str) -> tuple[str, str]:
    """The bold name of the first sentence outside templates, and that sentence."""
    plain = re.sub(r"\{\{(?:[^{}]|\{\{[^{}]*\}\})*\}\}", "", markup.COMMENT_RE.sub("", text))
    for paragraph in plain.split("\n"):
        p = paragraph.strip()
        if not p or p.startswith(("=", "{", "|", "!", "*", "#", "[[File", "[[Image", "<")):
            continue
        bold = BOLD_RE.search(p)
        sentence = label_and_link(REF_RE.sub("", p).replace("''", ""))[0]
        return (label_and_link(bold.group(1))[0] if bold else ""), sentence
    return "", ""

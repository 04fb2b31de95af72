"""Parse one page end to end, purely: document, kinds, tie decisions, checks, output records."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TypeVar

from pipeline import findings as F
from pipeline import kinds
from pipeline.checks import page_context, run_checks
from pipeline.document import Grid, GridCell, PageDocument, Placement, SectionNode
from pipeline.findings import Finding, FindingKind, Site
from pipeline.frontends import read_document
from pipeline.kinds import Account, TableContext
from pipeline.kinds.bracket import grid_pairs
from pipeline.model import Match, ParsedTable, StandingRow, Tie
from pipeline.rules import (
    APPENDIX_HEADINGS,
    NOTHING_TO_STORE,
    STANDINGS_ALIASES,
    TIE_ALIASES,
    canonical,
    is_filler,
    league_points_per_win,
    normalise_label,
)
from pipeline.teams import fold
from pipeline.ties import (
    DecidedTie,
    decide_ties,
    link_tiebreakers,
    merge_repeated_matches,
    pair_split_legs,
)

# A season: a year, or two years a season spans (`2015–16`, `2015/16`, `2015-2016`).
SEASON_RE = re.compile(r"\b(1[89]\d\d|20\d\d)(?:\s*[–\-/]\s*(\d{4}|\d{2}))?\b")
# The infobox's fields as a text export keeps them: `Season2003`, `- Season: 2011`.
INFOBOX_SEASON_RE = re.compile(r"^(?:-\s*)?Season\s*:?\s*(\S.*)$", re.M)
INFOBOX_COMPETITION_RE = re.compile(r"^(?:-\s*)?Competition\s*:\s*(\S.*)$", re.M)
FOUNDED_RE = re.compile(r"\b(founded|established|formed|created)\b[^.,;]*", re.I)
# Words around a competition's name in a season title: `(football)`, `season`, `– Wikipedia`.
NAME_END_RE = re.compile(r"\s(?:season|was|were|is|will|has|had)\b|[(,;.]")
TITLE_NOISE_RE = re.compile(r"\([^)]*\)|\bseason\b|[-–]\s*wikipedia\b", re.I)
_R = TypeVar("_R")
LEFTOVER_KINDS: dict[str, FindingKind] = {
    "row-unplaced": F.ROW_UNPLACED,
    "row-short": F.ROW_SHORT,
    "row-too-long": F.ROW_TOO_LONG,
    "table-truncated": F.TABLE_TRUNCATED,
    "row-ambiguous": F.ROW_AMBIGUOUS,
}
SKIPPED: dict[str, tuple[FindingKind, str]] = {
    "infobox": (F.INFOBOX_SKIPPED, "an infobox remnant"),
    "navbox": (F.NAVBOX_SKIPPED, "a navigation box"),
    "table": (F.TABLE_UNKNOWN, "a table-shaped block that is not a football table"),
}


@dataclass(frozen=True, slots=True)
class PageInfo:
    """One row of pages.parquet."""

    page: str
    path: str
    sha256: str
    bytes: int
    lines: int
    rendering: str
    title: str
    season: str | None
    competition: str | None
    tables: int
    truncated: bool
    source_url: str | None = None
    revision: str | None = None
    retrieved: str | None = None
    sections_without_table: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PageResult:
    """Everything extracted from one page."""

    info: PageInfo
    tables: tuple[ParsedTable, ...]
    ties: tuple[DecidedTie, ...]
    findings: tuple[Finding, ...]

    def rows(self, output: str) -> list[tuple[ParsedTable, object]]:
        """The records of one output with the table each comes from, in page order."""
        if output == "ties":  # the decided ties: what the page states plus the rule's verdict
            by_id = {t.table_id: t for t in self.tables}
            return [(by_id[d.table_id], d) for d in self.ties]
        return [(t, r) for t in self.tables for r in t.records(output)]


def parse_page(data: bytes, page: str, path: str) -> PageResult:
    """Parse a raw file's bytes; bad input gives findings, never an exception."""
    site = Site(page, path)
    doc, findings = read_document(data, page, path)
    tables: list[ParsedTable] = []
    labels = table_labels([doc.placement(g.table_id).path for g in doc.grids])
    for grid, label in zip(doc.grids, labels, strict=True):
        table, table_findings = read_table(grid, doc.placement(grid.table_id), site, label)
        tables.append(table)
        findings.extend(table_findings)
    # A cell whose template the reader did not know puts our reading in doubt only in a table
    # some kind reads; a skipped table's cells are already named as not output.
    skipped = {t.table_id for t in tables if t.kind == kinds.UNKNOWN}
    findings = [
        F.TEMPLATE_UNREAD.at(site.table(f.table_id), f.line, template=f.stated, where="a cell")
        if f.code == F.TEMPLATE_UNREAD_CELL.code and f.table_id in skipped
        else f
        for f in findings
    ]
    league_rules = {
        t.table_id: league_points_per_win([(r.points, r.won, r.drawn) for r in t.standings])
        for t in tables
        if t.kind == "league" and t.standings
    }
    tables, repeated = merge_repeated_matches(tables, site)
    findings.extend(repeated)
    tables, unpaired = pair_split_legs(tables, site)
    findings.extend(unpaired)
    tables, link_findings = link_tiebreakers(tables, doc, site)
    findings.extend(link_findings)
    tables, bracket_findings = reconcile_brackets(tables, doc, site)
    findings.extend(bracket_findings)
    decided, tie_rules, tie_findings = decide_ties(tables, doc, site, list(league_rules.values()))
    findings.extend(tie_findings)
    ctx = page_context(doc, site, tables, decided, league_rules, tie_rules)
    findings.extend(run_checks(ctx))
    if not any(t.kind != kinds.UNKNOWN for t in tables) and not _unreadable_input(findings):
        findings.append(_no_football_table(site, [(g.line, g.end_line) for g in doc.grids]))
    # A title that is only the file name states nothing: the page's first sentence does.
    stated = doc.title
    if doc.title == doc.page:
        stated = next((line for line in doc.intro.splitlines() if line.strip()), "")
    # `2008 F.C. Tokyo season`, `1960–61 Chelsea F.C. season`: a club's season, which names
    # a club, not a competition.
    club_season = stated.rstrip().lower().endswith(" season")
    info = PageInfo(
        page=page,
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        lines=doc.lines,
        rendering=doc.rendering,
        title=doc.title,
        season=_season(stated, doc.intro) or _infobox_season(doc),
        competition=_infobox_competition(doc.intro)
        if club_season
        else _competition(stated, doc.intro),
        tables=len(tables),
        truncated=any(t.truncated and t.kind != kinds.UNKNOWN for t in tables),
        source_url=doc.source_url,
        revision=doc.revision,
        retrieved=doc.retrieved,
        sections_without_table=sections_without_table(doc.root),
    )
    return PageResult(info, tuple(tables), tuple(decided), tuple(findings))


def _unreadable_input(findings: list[Finding]) -> bool:
    """The input itself was empty or binary: that finding already says why nothing came."""
    return any(f.code in ("empty-input", "binary-input") for f in findings)


def _no_football_table(site: Site, tables: list[tuple[int, int]]) -> Finding:
    """The page yields no football table: say so, naming the tabular lines it saw."""
    if tables:
        spans = ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in tables[:8])
        more = f" and {len(tables) - 8} more" if len(tables) > 8 else ""
        what = (
            f"No football table read in this page: the table-shaped lines it holds (lines "
            f"{spans}{more}) read as no standings, results matrix, tie or match table."
        )
    else:
        what = "No football table in this page: no line of it is table-shaped."
    first = tables[0][0] if tables else 1
    return F.NO_FOOTBALL_TABLE.at(site, first, what=what)


def reconcile_brackets(
    tables: list[ParsedTable], doc: PageDocument, site: Site
) -> tuple[list[ParsedTable], list[Finding]]:
    """A bracket's matches that a round's own table holds are kept there, not twice; a pair
    of legs no table holds is named (a bracket does not say who was at home in each leg).
    Brackets shorten names (`Racing Santander` for `Racing`), so teams meet by folded name,
    link, or one name's words inside the other's; both teams of a pair must meet."""
    if not any(t.kind == "bracket" for t in tables):
        return tables, []
    held: list[tuple[_Side, _Side]] = []
    for t in tables:
        if t.kind not in ("two_legged", "single_match"):
            continue
        held.extend(
            (_Side.of(x.team1, x.team1_link), _Side.of(x.team2, x.team2_link)) for x in t.ties
        )
        held.extend(
            (_Side.of(m.home_team, m.home_team_link), _Side.of(m.away_team, m.away_team_link))
            for m in t.matches
        )

    def is_held(t1: str, l1: str | None, t2: str, l2: str | None) -> bool:
        a, b = _Side.of(t1, l1), _Side.of(t2, l2)
        return any((a.meets(x) and b.meets(y)) or (a.meets(y) and b.meets(x)) for x, y in held)

    grids = {g.table_id: g for g in doc.grids}
    out: list[ParsedTable] = []
    findings: list[Finding] = []
    for t in tables:
        if t.kind != "bracket":
            out.append(t)
            continue
        for pair in grid_pairs(grids[t.table_id]):
            if not pair.single and not is_held(pair.team1, pair.link1, pair.team2, pair.link2):
                findings.append(
                    F.BRACKET_UNREAD.at(
                        site.table(t.table_id), pair.line, team=pair.team1,
                        round=pair.round_name, team1=pair.team1, team2=pair.team2,
                    )
                )  # fmt: skip
        kept = tuple(
            m for m in t.matches
            if not is_held(m.home_team or "", m.home_team_link, m.away_team or "",
                           m.away_team_link)
        )  # fmt: skip
        repeated = len(t.matches) - len(kept)
        # A repeated match's four cells were counted as data: the summary names them.
        out.append(
            replace(
                t, matches=kept, rows=len(kept), cells_data=t.cells_data - 4 * repeated,
                cells_unused=t.cells_unused + 4 * repeated,
            )
        )  # fmt: skip
    return out, findings


@dataclass(frozen=True, slots=True)
class _Side:
    """A team as a bracket or a table prints it, for meeting by name, link or words."""

    folded: str
    link: str | None
    words: frozenset[str]

    @staticmethod
    def of(name: str | None, link: str | None) -> _Side:
        text = name or ""
        return _Side(fold(text), link, frozenset(w for w in re.split(r"\W+", text.casefold()) if w))

    def meets(self, other: _Side) -> bool:
        if not self.folded or not other.folded:
            return False
        if self.folded == other.folded or (self.link and self.link == other.link):
            return True
        return (
            bool(self.words)
            and bool(other.words)
            and (self.words <= other.words or other.words <= self.words)
        )


def table_labels(paths: list[tuple[str, ...]]) -> list[str]:
    """Each table's label: its section path joined with ` › `, numbered ` (2)`, ` (3)` where
    tables of a page share a path, so every table of a page has a label of its own."""
    texts = [" › ".join(p) or "(no heading)" for p in paths]
    total = Counter(texts)
    seen: Counter[str] = Counter()
    labels = []
    for text in texts:
        seen[text] += 1
        labels.append(f"{text} ({seen[text]})" if total[text] > 1 and seen[text] > 1 else text)
    return labels


def read_table(
    grid: Grid, placement: Placement, site: Site, label: str = ""
) -> tuple[ParsedTable, list[Finding]]:
    """Read one grid with the kind that recognises it; account for every cell."""
    at = site.table(grid.table_id)
    findings = [
        _leftover_finding(at, left.code, left.reason, left.cells) for left in grid.leftovers
    ]
    unused = sum(len(left.cells) for left in grid.leftovers)
    layout = grid.layout_cells + grid.header_cells + len(grid.subheadings)
    found = kinds.recognise(grid)
    total = grid.cells
    base = ParsedTable(
        table_id=grid.table_id,
        page=site.page,
        section=placement,
        line=grid.line,
        rendering=grid.rendering,
        kind=kinds.UNKNOWN,
        status="skipped",
        cells=total,
        cells_layout=grid.layout_cells,
        cells_data=0,
        cells_unused=total - grid.layout_cells,
        label=label,
        updated=grid.updated,
    )
    if found is None:
        skipped = [
            *(c for row in grid.header for c in row if c.own),
            *(c for row in grid.rows for _, c in row.own_cells()),
            *grid.loose,
        ]
        kind, what = SKIPPED[grid.role]
        rows = _football_rows(grid) if grid.role == "table" else 0
        # The leftovers keep their own findings; the skip names every other cell. Two data
        # rows, or one match (a score between two names: a final, a play-off), are data we
        # could not read: the page holds them, we lost them (a warning).
        if rows >= 2 or (rows == 1 and _match_row(grid)):
            header = " | ".join(grid.labels) or "no header"
            findings.append(
                F.TABLE_UNREAD.at(
                    at, grid.line, cells=len(skipped), first=grid.line, last=grid.end_line,
                    rows=rows, header=header, count=len(skipped), quoted=_quote(skipped),
                )
            )  # fmt: skip
        else:
            findings.append(
                kind.at(
                    at, grid.line, cells=len(skipped), what=what, first=grid.line,
                    last=grid.end_line, count=len(skipped), quoted=_quote(skipped),
                )
            )  # fmt: skip
        return base, findings
    kind_spec, columns = found
    if columns.note is not None:
        findings.append(F.COLUMNS_FROM_CONTENT.at(at, grid.line, detail=columns.note))
    account = Account()
    records = kind_spec.read(TableContext(grid, columns, placement, at, kind_spec.reads), account)
    findings.extend(account.findings)
    unused += account.named
    moved, column_findings = _unstored_columns(grid, columns.roles, account, at)
    findings.extend(column_findings)
    unused += len(account.unused) + moved
    if grid.truncated and not any(left.code == "table-truncated" for left in grid.leftovers):
        findings.append(
            F.TABLE_TRUNCATED.at(
                at, grid.end_line,
                what=f"The file ends inside this table (line {grid.end_line}); its complete "
                "rows were kept.",
            )
        )  # fmt: skip
    by_output = dict(records.by_output)
    table = ParsedTable(
        table_id=grid.table_id,
        page=site.page,
        section=placement,
        line=grid.line,
        rendering=grid.rendering,
        kind=kind_spec.name,
        status="partial" if unused or grid.truncated else "parsed",
        cells=total,
        cells_layout=layout + account.layout - moved,
        cells_data=account.data,
        cells_unused=unused,
        rows=records.rows,
        standings=_typed(by_output.pop("standings", ()), StandingRow),
        matches=_typed(by_output.pop("matches", ()), Match),
        ties=_typed(by_output.pop("ties", ()), Tie),
        extra=by_output,
        abbreviations=records.abbreviations,
        points_column=records.points_column,
        truncated=grid.truncated,
        label=label,
        # Football boxes: a header the front end computed (the page prints none).
        boxes=bool(grid.header) and all(c.computed for c in grid.header[-1]),
        whole_rows=not grid.leftovers and not grid.truncated,
        updated=grid.updated,
    )
    return table, findings


def _football_rows(grid: Grid) -> int:
    """Rows that look like football data: a name with three or more integers (a standings
    row), or a score between two names (a match). Rows are the grid's, else the loose cells
    taken in order, so a cell-per-line block is judged too."""
    if grid.rows:
        rows = [[c for c in r.cells if c is not None] for r in grid.rows]
        return sum(_looks_like_data(r) for r in rows)
    cells = list(grid.loose)
    count = 0
    i = 0
    while i < len(cells):
        window = cells[i : i + 12]
        if cells[i].value.is_name and _looks_like_data(window):
            count += 1
            i += 3
        else:
            i += 1
    return count


def _match_row(grid: Grid) -> bool:
    """Some row (or run of loose cells) holds a score between two names."""
    rows = [[c for c in r.cells if c is not None] for r in grid.rows] or [list(grid.loose)]
    for cells in rows:
        if _club_match(cells):
            return True
        kinds = [c.value.kind for c in cells]
        for a, b, c in zip(kinds, kinds[1:], kinds[2:], strict=False):
            if (a, b, c) == ("name", "score", "name"):
                return True
    return False


def _looks_like_data(cells: list[GridCell]) -> bool:
    kinds = [c.value.kind for c in cells]
    if "name" not in kinds:
        return False
    first = kinds.index("name")
    after = kinds[first + 1 :]
    ints = 0
    for k in after:
        if k != "int":
            break
        ints += 1
    match = len(after) >= 2 and after[0] == "score" and after[1] == "name"
    return ints >= 3 or match or _club_match(cells)


VENUE_LETTERS = frozenset({"H", "A", "N"})


def _club_match(cells: list[GridCell]) -> bool:
    """A club's list of its own matches: opponent, venue `H`/`A`/`N`, result (1960–61
    Chelsea)."""
    return any(c.value.kind == "score" for c in cells) and any(
        c.text in VENUE_LETTERS for c in cells
    )


def _unstored_columns(
    grid: Grid, roles: tuple[str, ...], account: Account, at: Site
) -> tuple[int, list[Finding]]:
    """Name the cells of columns the kind does not store.

    A recognised column the kind has no place for, or a label known to carry nothing the
    contract stores (Notes, Attendance), is an info; a label no kind knows is a warning, and its
    header cell is unused too (only recognised labels are layout). Returns the header cells
    moved from layout to unused, and the findings.
    """
    by_column: dict[int, list[GridCell]] = {}
    for c, cell in account.unused:
        by_column.setdefault(c, []).append(cell)
    labels = grid.labels
    last_header = grid.header[-1] if grid.header else ()
    for c, role in enumerate(roles):
        # A column no row fills still has its header: a label no kind knows is named too.
        if role in ("ignored", "spacer") and c < len(last_header) and c not in by_column:
            text = last_header[c].text
            if last_header[c].raw and not _known_label(text):
                by_column[c] = []
    known: list[tuple[str, list[GridCell]]] = []
    findings: list[Finding] = []
    moved = 0
    for c in sorted(by_column):
        cells = by_column[c]
        label = labels[c] if c < len(labels) else ""
        role = roles[c] if c < len(roles) else "ignored"
        header = last_header[c] if c < len(last_header) else None
        if header is not None and (not header.raw or _known_label(header.text)):
            header = None  # an empty or filler header cell holds nothing: it stays layout
        named = [*([header] if header is not None else []), *cells]
        moved += header is not None
        if (
            role not in ("ignored", "spacer")
            or (label and _known_label(label))
            or (role == "spacer" and not cells)
        ):
            # Known to hold nothing stored, or a title word in the matrix corner (a spacer
            # column no row fills): named by an info, not a warning.
            known.append((label, named))
            continue
        findings.append(
            F.COLUMN_UNREAD.at(
                at, named[0].line, field=label or None, cells=len(named),
                label=label or "(no label)", first=named[0].line, last=named[-1].line,
                count=len(named), header=" with its header" if header is not None else "",
            )
        )  # fmt: skip
    if known:
        cells = [cell for _, column in known for cell in column]
        names = sorted({label for label, _ in known} - {""})
        findings.append(
            F.COLUMN_NOT_OUTPUT.at(
                at, cells[0].line, cells=len(cells), count=len(cells),
                labels=", ".join(f"'{n}'" for n in names) or "?",
                first=min(c.line for c in cells), last=max(c.line for c in cells),
            )
        )  # fmt: skip
    return moved, findings


def _known_label(text: str) -> bool:
    """A header text that names a column or carries nothing stored: layout, never data."""
    key = normalise_label(text)
    return bool(
        key in NOTHING_TO_STORE
        or canonical(text, STANDINGS_ALIASES)
        or canonical(text, TIE_ALIASES)
        or is_filler(text)
    )


def _typed(records: tuple[object, ...], kind: type[_R]) -> tuple[_R, ...]:
    """A built-in output's records, all of its record type: another type is a kind's bug."""
    for record in records:
        if not isinstance(record, kind):
            raise TypeError(f"a kind gave a {type(record).__name__} for {kind.__name__} records")
    return tuple(r for r in records if isinstance(r, kind))  # each one checked above


def _leftover_finding(at: Site, code: str, reason: str, cells: tuple[GridCell, ...]) -> Finding:
    first, last = cells[0].line, cells[-1].line
    what = f"{len(cells)} cell(s) on lines {first}–{last} not output: {reason} ({_quote(cells)})."
    return LEFTOVER_KINDS[code].at(at, first, cells=len(cells), what=what)


def _quote(cells: list[GridCell] | tuple[GridCell, ...]) -> str:
    # Each text cut at 60 characters: a navbox's one cell can hold a whole season's links.
    texts = [(c.raw[:57] + "…" if len(c.raw) > 60 else c.raw) or "∅" for c in cells[:6]]
    more = f", … +{len(cells) - 6}" if len(cells) > 6 else ""
    return ", ".join(f"'{t}'" for t in texts) + more


def sections_without_table(root: SectionNode) -> tuple[str, ...]:
    """The outermost sections with no table at any depth, as heading paths (` › `), in page
    order; appendix headings (Notes, References, …) hold no table by nature and are left out."""
    out: list[str] = []

    def visit(node: SectionNode, path: tuple[str, ...]) -> None:
        for child in node.children:
            if not isinstance(child, SectionNode):
                continue
            here = (*path, child.heading)
            if child.has_table:
                visit(child, here)
            elif child.heading.lower() not in APPENDIX_HEADINGS:
                out.append(" › ".join(here))

    visit(root, ())
    return tuple(out)


def _season(title: str, intro: str) -> str | None:
    """The season the page states: its title, else its infobox's Season field, else its first
    sentence; never a bare year (a previous/next-season link) or a founding date. A span is
    written `2015–16` whatever the page uses."""
    match = SEASON_RE.search(title.replace("_", " "))  # a file name's `_` is a space
    if match is None:
        field = INFOBOX_SEASON_RE.search(intro)
        match = SEASON_RE.search(field.group(1)) if field else None
    if match is None:
        # A sentence: five words or more (a year line is a previous/next-season link).
        sentence = next((s for s in intro.splitlines()[1:] if len(s.split(None, 5)) > 5), "")
        match = SEASON_RE.search(FOUNDED_RE.sub("", sentence.split(". ")[0]))
    if match is None:
        return None
    start, end = match.group(1), match.group(2)
    if end is None:
        return start
    following = str(int(start) + 1)
    return f"{start}–{following[-2:]}" if end in (following, following[-2:]) else start


def _infobox_season(doc: PageDocument) -> str | None:
    """The Season field of an infobox the rendering kept as a table (`Season | 2007–08`)."""
    for grid in doc.grids:
        if grid.role != "infobox":
            continue
        cells = [
            *(c for row in grid.header for c in row if c.own),
            *(c for row in grid.rows for c in row.cells if c is not None),
            *grid.loose,
        ]
        for label, value in pairwise(cells):
            if label.text.lower() == "season":
                return _season(value.text, "")
    return None


def _competition(title: str, intro: str) -> str | None:
    """The competition the page states: its title without the season (`2011–12 Costa Rican
    Primera División`), else its infobox's Competition field."""
    season = SEASON_RE.search(title)
    sentence = len(title) > 80 or title.rstrip().endswith(".")
    if sentence and season is None:
        title = ""  # a sentence naming no season names no competition either
    if season is not None and sentence:
        # The title line is the first sentence (`The 2004 Copa Perú season (Spanish: …), the
        # promotion tournament …`): the name runs from the season to the first clause break.
        title = NAME_END_RE.split(title[season.end() :], maxsplit=1)[0]
    name = TITLE_NOISE_RE.sub(" ", SEASON_RE.sub(" ", title))
    name = " ".join(name.split()).strip(" -–:,")
    if any(ch.isalpha() for ch in name):
        return name
    return _infobox_competition(intro)


def _infobox_competition(intro: str) -> str | None:
    """The infobox's Competition field, where the page keeps one."""
    field = INFOBOX_COMPETITION_RE.search(intro)
    return field.group(1).strip() if field else None

"""Find a text table's header and the column types its rows are rebuilt by; split merged tables.

The text renderings do not mark rows (cell per line) or drop covered cells, so rows can only be
rebuilt by knowing what each column holds; this is that knowledge, from the header vocabulary
in `pipeline.rules`. The kinds registry recognises tables again from the finished grid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from pipeline.document import GridCell as Cell
from pipeline.frontends.text.model import TableBlock
from pipeline.rules import (
    INFOBOX_LABELS,
    STANDINGS_ALIASES,
    STAT_FIELDS,
    TIE_ALIASES,
    canonical,
    header_vocabulary,
    is_abbreviation,
    is_filler,
    is_label,
    normalise_label,
    standings_prefix,
    standings_roles,
    tie_roles,
)
from pipeline.values import CellValue

# Columns whose cell a rowspan may cover (contract: Qualification; positions of level teams).
SPANNABLE = {"qualification", "spacer", "position"}
LABELS = {**STANDINGS_ALIASES, **TIE_ALIASES}

Kind = Literal["league", "results_matrix", "two_legged", "single_match", "unknown"]
TypeCheck = Callable[[CellValue], bool]


def _is_int(value: CellValue) -> bool:
    return value.is_int


def is_name_like(value: CellValue) -> bool:
    return value.is_name


def _name_or_empty(value: CellValue) -> bool:
    return value.kind in ("empty", "name")


def match_cell(value: CellValue) -> bool:
    return value.is_match


def _anything(value: CellValue) -> bool:
    return True


# What a cell of each column may hold; a row is rebuilt by these types, not by counting.
COLUMN_TYPES: dict[str, TypeCheck] = {
    "position": _is_int,
    "team": is_name_like,
    **{stat: _is_int for stat in STAT_FIELDS},
    "goals_for": lambda v: v.is_int or v.pair is not None,  # German `Tore`: `52:25`
    "team1": _name_or_empty,
    "team2": _name_or_empty,
    "aggregate": match_cell,
    "leg1": match_cell,
    "leg2": match_cell,
    "score": match_cell,
    "penalties": match_cell,
}


@dataclass(frozen=True, slots=True)
class Layout:
    """How a table's rows are laid out: kind, header size and the columns of one row."""

    kind: Kind
    header_cells: int  # cells (from the start of the stream) that form the header
    columns: tuple[str, ...]  # canonical column names of one full row ("ignored": unmodelled)
    abbreviations: tuple[str, ...] = ()
    skip_code: str | None = None  # for unknown tables: infobox-skipped, navbox-skipped, ...
    labels: tuple[str, ...] = ()  # header labels of the columns, as written

    @property
    def width(self) -> int:
        return len(self.columns)

    @property
    def prefix(self) -> tuple[str, ...]:
        """Leading columns with a fixed type (position, team, stats): what starts a row."""
        out: list[str] = []
        for col in self.columns:
            if col in {"qualification", "spacer", "matrix"}:
                break
            out.append(col)
        return tuple(out)

    def types(self) -> list[TypeCheck]:
        """The type check of each column, in order."""
        return [COLUMN_TYPES.get(col, _anything) for col in self.columns]


def marked_rows(cells: Sequence[Cell], starts: frozenset[int], offset: int = 0) -> list[list[Cell]]:
    """Group a marked block's cells into rows at their row-start marks.

    `starts` index the block's cells; `cells` begin at `offset` in the block.
    """
    rows: list[list[Cell]] = []
    for i, cell in enumerate(cells, offset):
        if i in starts or not rows:
            rows.append([])
        rows[-1].append(cell)
    return rows


def _is_label_row(row: list[Cell]) -> bool:
    """A header row opens with a known label (`Pos`, `Team 1`, `Teams`); results-matrix
    abbreviations may follow, so the other cells are not required to be labels."""
    return bool(row) and is_label(row[0].raw, LABELS)


def recognise(block: TableBlock) -> Layout:
    """Read the header and decide the table kind and the columns of its rows."""
    cells = block.cells
    if not cells:
        return Layout("unknown", 0, (), skip_code="table-unknown")
    first = normalise_label(cells[0].raw)
    if block.rows_marked:
        rows = marked_rows(cells, block.starts)
        n_header = 0
        head_rows = 0
        for row in rows:
            end = n_header + len(row)
            before_rule = block.header_end is not None and end <= block.header_end
            if before_rule or _is_label_row(row):
                n_header = end
                head_rows += 1
            else:
                break
        if head_rows == 0:
            return _unknown(block, first)
        labels = [c.raw for c in rows[head_rows - 1]]
        # Two-line headers (`Teams | Scores` over the real labels): the last line names columns.
        return _from_labels(labels, n_header, block, first)
    # Unmarked stream: labels (and the fillers of a two-line header) up to the first data cell.
    tie_first = is_label(cells[0].raw, TIE_ALIASES) or is_filler(cells[0].raw)
    family = TIE_ALIASES if tie_first else STANDINGS_ALIASES
    limit = block.header_end if block.header_end is not None else len(cells)
    n = 0
    while n < limit and (
        is_label(cells[n].raw, family)
        or (cells[n].raw and is_filler(cells[n].raw))
        or (n and not cells[n].raw and _labels_follow(cells, n, family))
    ):
        n += 1
    if block.header_end is not None:
        n = block.header_end
    labels = [c.raw for c in cells[:n]]
    # A two-line header's fillers (`Teams`, `Scores`, empty cells) come before the real row.
    last_filler = max((i for i, t in enumerate(labels) if is_filler(t)), default=-1)
    if family is TIE_ALIASES and 0 <= last_filler < len(labels) - 1:
        labels = labels[last_filler + 1 :]
    if family is TIE_ALIASES:
        n, labels = _extend_tie_header(cells, n, labels)
    return _from_labels(labels, n, block, first)


def _labels_follow(cells: Sequence[Cell], n: int, family: dict[str, str]) -> bool:
    """Empty cells belong to a header only where more labels follow them (two-line header)."""
    for cell in cells[n : n + 8]:
        if is_label(cell.raw, family):
            return True
        if cell.raw:
            return False
    return False


def _extend_tie_header(cells: Sequence[Cell], n: int, labels: list[str]) -> tuple[int, list[str]]:
    """Take unmodelled label cells (`Venue`) into the header until a row begins.

    A match row begins with a team (or an empty pending slot) followed by a score.
    """
    while n + 1 < len(cells) and cells[n].value.is_name:
        if cells[n + 1].value.is_match:
            break
        if canonical(cells[n].raw, header_vocabulary()) is None:
            break  # a value (a date, a team), not a label: the first row has begun
        labels.append(cells[n].raw)
        n += 1
    return n, labels


def _unknown(block: TableBlock, first: str) -> Layout:
    matrix = _standalone_matrix(block)
    if matrix is not None:
        return matrix
    if first in INFOBOX_LABELS:
        return Layout("unknown", 0, (), skip_code="infobox-skipped")
    if block.rendering == "mixed" or len(block.cells) <= 2:
        return Layout("unknown", 0, (), skip_code="navbox-skipped")
    return Layout("unknown", 0, (), skip_code="table-unknown")


def _from_labels(labels: list[str], n_header: int, block: TableBlock, first: str) -> Layout:
    std = list(standings_roles(tuple(labels)))
    tie = list(tie_roles(tuple(labels)))
    if "team" in std and "points" in std and ("played" in std or "won" in std):
        league = _league(labels, n_header, block)
        if league is not None:
            return league
    if {"team1", "team2", "leg1", "leg2"} <= set(tie) or (
        "team1" in tie and "aggregate" in tie and not block.rows_marked and len(labels) < 5
    ):
        cols = tuple(c if c else "ignored" for c in tie)
        return Layout("two_legged", n_header, cols, labels=tuple(labels))
    if {"team1", "team2"} <= set(tie) and block.rows_marked:
        # Only the team labels are left (a header row that lost the others): the kinds read
        # the columns by content, as far as the marked rows go.
        cols = tuple(c if c else "ignored" for c in tie)
        return Layout("two_legged", n_header, cols, labels=tuple(labels))
    if {"team1", "score", "team2"} <= set(tie):
        cols = tuple(c if c else "ignored" for c in tie)
        return Layout("single_match", n_header, cols, labels=tuple(labels))
    return _unknown(block, first)


def _league(labels: list[str], n_header: int, block: TableBlock) -> Layout | None:
    """Standings columns, then spacer/corner cells, then the results-matrix abbreviations."""
    cols = standings_prefix(standings_roles(tuple(labels)))
    i = len(cols)
    if "team" not in cols or "points" not in cols:
        return None  # the labels do not open the header: not a standings table we can read
    cells = block.cells
    j = n_header
    tail = labels[i:]
    if not block.rows_marked:
        # In an unmarked stream the header runs on past the labels (spacer, corner,
        # abbreviations) up to the first cell where a standings row starts.
        probe = Layout("league", 0, tuple(cols))
        types = [COLUMN_TYPES.get(c, _anything) for c in probe.prefix]
        while j < len(cells) and not starts_row(cells, j, types):
            tail.append(cells[j].raw)
            j += 1
    abbrs: list[str] = []
    gap = 0
    for text in tail:
        if not abbrs and (is_filler(text) or not is_abbreviation(text)):
            gap += 1
        else:
            abbrs.append(text.strip())
    columns = tuple(cols) + ("spacer",) * gap + ("matrix",) * len(abbrs)
    return Layout("league", j, columns, tuple(abbrs), labels=tuple(labels))


def starts_row(body: Sequence[Cell], i: int, types: list[TypeCheck]) -> bool:
    """Tell whether a row starts at `i`: its leading cells have the prefix's types.

    A prefix cut short by the end of the stream still counts (a truncated last row).
    """
    if not types:
        return False
    for k, check in enumerate(types):
        if i + k >= len(body):
            return k >= 2
        if not check(body[i + k].value):
            return False
    return True


def _standalone_matrix(block: TableBlock) -> Layout | None:
    """A results matrix with no standings beside it: a corner cell and N column labels, then
    rows of a team name and N match cells (the diagonal empty)."""
    cells = block.cells
    if block.rows_marked:
        rows = marked_rows(cells, block.starts)
        if len(rows) < 3:
            return None
        n = len(rows[0]) - 1
        ok = n >= 2 and all(
            len(r) == n + 1 and r[0].value.is_name and all(c.value.is_match for c in r[1:])
            for r in rows[1:-1]
        )
        abbrs = tuple(c.raw.strip() for c in rows[0][1:])
        return Layout("results_matrix", n + 1, ("team",) + ("matrix",) * n, abbrs) if ok else None
    # Unmarked: try each header width; the body must chunk into name + N match cells. Each
    # width stops at its first row that does not fit, so a long block costs one pass.
    for n in range(2, min(len(cells) // 3, 64) + 1):
        header = cells[: n + 1]
        if len(cells) < 2 * (n + 1) or any(c.value.is_match and c.raw for c in header[1:]):
            continue
        if _chunks_fit(cells, n):
            abbrs = tuple(c.raw.strip() for c in header[1:])
            return Layout("results_matrix", n + 1, ("team",) + ("matrix",) * n, abbrs)
    return None


def _chunks_fit(cells: Sequence[Cell], n: int) -> bool:
    """Every complete row after the header is a name and N match cells, one of them stated."""
    stated = False
    width = n + 1
    for start in range(width, len(cells) - width + 1, width):
        if not cells[start].value.is_name:
            return False
        for c in cells[start + 1 : start + width]:
            if not c.value.is_match:
                return False
            stated = stated or bool(c.raw)
    return stated


_NO_FAMILY = (False, False)


def _label_families(cells: Sequence[Cell]) -> list[tuple[bool, bool]]:
    """Per cell, once: is it a standings label, is it a tie label."""
    return [
        _families(c.raw) if c.value.kind in ("name", "unreadable") else _NO_FAMILY for c in cells
    ]


@lru_cache(maxsize=1 << 14)  # names and labels repeat across a page's tables
def _families(raw: str) -> tuple[bool, bool]:
    return (
        is_label(raw, STANDINGS_ALIASES),
        is_label(raw, TIE_ALIASES),
    )


def _header_start(families: Sequence[tuple[bool, bool]], i: int) -> bool:
    """Three label cells of one family in a row open a new table's header."""
    if i + 3 > len(families):
        return False
    a, b, c = families[i], families[i + 1], families[i + 2]
    return (a[0] and b[0] and c[0]) or (a[1] and b[1] and c[1])


def split_tables(block: TableBlock) -> list[tuple[TableBlock, Layout]]:
    """Split a block where a new header starts: tables whose heading the export lost.

    Each part comes with its layout (recognised once).
    """
    texts = [c.raw for c in block.cells]
    families = _label_families(block.cells)
    layout = recognise(block)
    start = max(layout.header_cells, 1)
    if block.rows_marked:
        cuts = [
            i for i in range(start, len(texts)) if i in block.starts and _header_start(families, i)
        ]
    else:
        cuts = []
        i = start
        while i < len(texts):
            if _header_start(families, i):
                cuts.append(i)
                i += 3
            else:
                i += 1
    if not cuts:
        return [(block, layout)]
    parts: list[TableBlock] = []
    bounds = [0, *cuts, len(texts)]
    for a, b in pairwise(bounds):
        parts.append(
            TableBlock(
                line=block.cells[a].line if a else block.line,
                end_line=block.cells[b - 1].line if b < len(texts) else block.end_line,
                rendering=block.rendering,
                cells=block.cells[a:b],
                rules=tuple(
                    (at - a, n) for at, n in block.rules if a <= at < b or (at == b == len(texts))
                ),
                rows_marked=block.rows_marked,
                cut=block.cut and b == len(texts),
                starts=frozenset(i - a for i in block.starts if a <= i < b),
            )
        )
    return [(part, recognise(part)) for part in parts]

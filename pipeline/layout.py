"""Recognise a table's kind and column layout from its header cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.model import Cell, Kind, TableBlock
from pipeline.rules import (
    HEADER_FILLERS,
    INFOBOX_LABELS,
    STANDINGS_ALIASES,
    TIE_ALIASES,
)
from pipeline.values import is_int, is_name_like, is_score_like, strip_tooltip

# Columns whose cell a rowspan may cover (contract: Qualification; positions of level teams).
SPANNABLE = {"qualification", "spacer", "position"}
ABBR_RE = re.compile(r"^[A-ZÀ-Þ0-9][A-ZÀ-Þ0-9.&'\-]{0,5}$")


@dataclass(frozen=True, slots=True)
class Layout:
    """How a table's rows are laid out: kind, header size and the columns of one row."""

    kind: Kind
    header_cells: int  # cells (from the start of the stream) that form the header
    columns: tuple[str, ...]  # canonical column names of one full row
    abbreviations: tuple[str, ...] = ()
    skip_code: str | None = None  # for unknown tables: infobox-skipped, navbox-skipped, ...

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


def canonical(label: str, aliases: dict[str, str]) -> str | None:
    """Map a header label to its canonical column name, tooltips and footnotes removed."""
    return aliases.get(_normalise_label(label))


@lru_cache(maxsize=1 << 14)
def _normalise_label(label: str) -> str:
    text = strip_tooltip(label).lower().strip()
    return re.sub(r"\[.*?\]", "", text).strip()


def _is_filler(text: str) -> bool:
    low = strip_tooltip(text).lower().strip()
    return low == "" or low in HEADER_FILLERS or "\\" in low


def _header_rows(block: TableBlock) -> list[list[Cell]]:
    """Group a marked block's cells into rows."""
    rows: list[list[Cell]] = []
    for cell in block.cells:
        if cell.row_start or not rows:
            rows.append([])
        rows[-1].append(cell)
    return rows


def _is_label_row(row: list[Cell]) -> bool:
    """A header row opens with a known label (`Pos`, `Team 1`, `Teams`); results-matrix
    abbreviations may follow, so the other cells are not required to be labels."""
    known = {**STANDINGS_ALIASES, **TIE_ALIASES}
    return bool(row) and canonical(row[0].text, known) is not None


def recognise(block: TableBlock) -> Layout:
    """Read the header and decide the table kind and the columns of its rows."""
    cells = block.cells
    if not cells:
        return Layout("unknown", 0, (), skip_code="table-unknown")
    first = strip_tooltip(cells[0].text).lower().strip()
    if block.rows_marked:
        rows = _header_rows(block)
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
        labels = [c.text for c in rows[head_rows - 1]]
        # Two-line headers (`Teams | Scores` over the real labels): the last line names columns.
        return _from_labels(labels, n_header, block, first, marked=True)
    # Unmarked stream: the header is the run of label cells before the first data cell.
    n = 0
    # One alias family per table, chosen by its first label: `A` is goals against in a
    # standings header but a team name after a `Team 1 | Score | Team 2` header.
    known = TIE_ALIASES if canonical(cells[0].text, TIE_ALIASES) else STANDINGS_ALIASES
    limit = block.header_end if block.header_end is not None else len(cells)
    while n < limit and canonical(cells[n].text, known) is not None:
        n += 1
    if block.header_end is not None:
        n = block.header_end
    return _from_labels([c.text for c in cells[:n]], n, block, first, marked=False)


def _unknown(block: TableBlock, first: str) -> Layout:
    matrix = _standalone_matrix(block)
    if matrix is not None:
        return matrix
    if first in INFOBOX_LABELS:
        return Layout("unknown", 0, (), skip_code="infobox-skipped")
    if block.rendering == "mixed" or len(block.cells) <= 2:
        return Layout("unknown", 0, (), skip_code="navbox-skipped")
    return Layout("unknown", 0, (), skip_code="table-unknown")


def _from_labels(
    labels: list[str], n_header: int, block: TableBlock, first: str, marked: bool
) -> Layout:
    std = [canonical(t, STANDINGS_ALIASES) for t in labels]
    tie = [canonical(t, TIE_ALIASES) for t in labels]
    if "team" in std and "points" in std and ("played" in std or "won" in std):
        return _league(labels, n_header, block, marked)
    if {"team1", "team2", "leg1", "leg2"} <= set(tie) or (
        "team1" in tie and "aggregate" in tie and not marked and len(labels) < 5
    ):
        cols = tuple(c if c else "ignored" for c in tie)
        return Layout("two_legged", n_header, cols)
    if {"team1", "score", "team2"} <= set(tie):
        cols = tuple(c if c else "ignored" for c in tie)
        return Layout("single_match", n_header, cols)
    return _unknown(block, first)


def _league(labels: list[str], n_header: int, block: TableBlock, marked: bool) -> Layout:
    """Standings columns, then spacer/corner cells, then the results-matrix abbreviations."""
    cols: list[str] = []
    i = 0
    while i < len(labels) and canonical(labels[i], STANDINGS_ALIASES):
        cols.append(str(canonical(labels[i], STANDINGS_ALIASES)))
        i += 1
    cells = block.cells
    j = n_header
    abbrs: list[str] = []
    gap = 0
    if not marked:
        # In an unmarked stream the header runs on past the labels: spacer, corner,
        # abbreviations, up to the first position number.
        tail = labels[i:]
        while j < len(cells) and not is_int(cells[j].text):
            tail.append(cells[j].text)
            j += 1
        for text in tail:
            if not abbrs and (_is_filler(text) or not ABBR_RE.match(text.strip())):
                gap += 1
            else:
                abbrs.append(text.strip())
    else:
        for text in labels[i:]:
            if not abbrs and (_is_filler(text) or not ABBR_RE.match(text.strip())):
                gap += 1
            else:
                abbrs.append(text.strip())
    columns = tuple(cols) + ("spacer",) * gap + ("matrix",) * len(abbrs)
    return Layout("league", j, columns, tuple(abbrs))


def split_repeated_header(block: TableBlock, layout: Layout) -> list[TableBlock]:
    """Split a block where its header recurs: two tables whose heading the export lost."""
    h = layout.header_cells
    if layout.kind == "unknown" or h < 2 or block.rows_marked:
        return [block]
    head = [c.text for c in block.cells[:h]]
    cells = block.cells
    for i in range(h, len(cells) - h + 1):
        if cells[i].text == head[0] and [c.text for c in cells[i : i + h]] == head:
            first = TableBlock(
                line=block.line,
                end_line=cells[i - 1].line,
                rendering=block.rendering,
                cells=cells[:i],
                rules=tuple(r for r in block.rules if r[0] < i),
                rows_marked=False,
                cut=False,
            )
            rest = TableBlock(
                line=cells[i].line,
                end_line=block.end_line,
                rendering=block.rendering,
                cells=cells[i:],
                rules=tuple((at - i, n) for at, n in block.rules if at >= i),
                rows_marked=False,
                cut=block.cut,
            )
            return [first, *split_repeated_header(rest, recognise(rest))]
    return [block]


def _matrix_cell(text: str) -> bool:
    return text == "" or is_score_like(text)


def _standalone_matrix(block: TableBlock) -> Layout | None:
    """A results matrix with no standings beside it: a corner cell and N column labels, then
    rows of a team name and N match cells (the diagonal empty)."""
    cells = block.cells
    if block.rows_marked:
        rows = _header_rows(block)
        if len(rows) < 3:
            return None
        n = len(rows[0]) - 1
        ok = n >= 2 and all(
            len(r) == n + 1 and is_name_like(r[0].text) and all(_matrix_cell(c.text) for c in r[1:])
            for r in rows[1:-1]
        )
        return (
            Layout(
                "results_matrix",
                n + 1,
                ("team",) + ("matrix",) * n,
                tuple(c.text.strip() for c in rows[0][1:]),
            )
            if ok
            else None
        )
    # Unmarked: try each header width; the body must chunk into name + N match cells.
    for n in range(2, min(len(cells) // 3, 64) + 1):
        header, rest = cells[: n + 1], cells[n + 1 :]
        if len(rest) < n + 1 or any(_matrix_cell(c.text) and c.text for c in header[1:]):
            continue
        chunks = [rest[i : i + n + 1] for i in range(0, len(rest), n + 1)]
        complete = [r for r in chunks if len(r) == n + 1]
        if (
            complete
            and all(
                is_name_like(r[0].text) and all(_matrix_cell(c.text) for c in r[1:])
                for r in complete
            )
            and any(c.text for r in complete for c in r[1:])
        ):
            abbrs = tuple(c.text.strip() for c in header[1:])
            return Layout("results_matrix", n + 1, ("team",) + ("matrix",) * n, abbrs)
    return None

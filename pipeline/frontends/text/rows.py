"""Rebuild table rows from the flat cell stream, filling rowspan-covered cells from above."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from pipeline.document import GridCell as Cell
from pipeline.document import Leftover
from pipeline.frontends.text.layout import (
    COLUMN_TYPES,
    SPANNABLE,
    Layout,
    TypeCheck,
    is_name_like,
    marked_rows,
    starts_row,
)
from pipeline.frontends.text.model import TableBlock
from pipeline.values import CellValue


@dataclass(frozen=True, slots=True)
class Row:
    """One rebuilt row: per layout column its own cell, or the spanning cell's value."""

    cells: tuple[Cell | None, ...]  # None where a rowspan covered the column
    values: tuple[str | None, ...]  # own text, or the text copied from the cell above
    line: int
    index: int  # the row's place in the table, counting rows that could not be placed
    subheading: str | None = None  # the full-width row above it inside the table, if any


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """The rows of a table, the cells left over, and whether the file cut the table off."""

    rows: tuple[Row, ...]
    unused: tuple[Leftover, ...]  # the document's own value: cells placed in no row
    truncated: bool
    subheadings: tuple[Cell, ...] = ()  # cells of full-width rows inside the table (layout)


def rebuild_rows(block: TableBlock, layout: Layout, at_eof: bool) -> Rebuilt:
    """Rebuild rows: marked rows as given, others by their cells' types, not by counting."""
    body = list(block.cells[layout.header_cells :])
    if layout.kind == "unknown" or not layout.width:
        return Rebuilt((), (), False)  # not a football table: its cells are named whole
    lead: list[Cell] = []
    if block.rows_marked:
        segments = marked_rows(body, block.starts, layout.header_cells)
    elif layout.kind == "league":
        lead, segments = _league_segments(body, layout)
    elif layout.kind == "results_matrix":
        segments = [body[i : i + layout.width] for i in range(0, len(body), layout.width)]
    else:
        segments = _typed_segments(body, layout)
    # Without `|` lines (or in HTML copied as text) an empty cell vanishes: an absent cell may
    # be empty as well as covered by a span, so nothing is copied into it.
    vanish = block.rendering in ("no_bars", "spaced_rows")
    at: list[int] = []  # where each segment starts in the block's cells
    position = layout.header_cells + len(lead)
    for segment in segments:
        at.append(position)
        position += len(segment)
    rows: list[Row] = []
    unused: list[Leftover] = []
    truncated = False
    if lead:
        unused.append(Leftover(tuple(lead), "row-unplaced", "cells before the first row start"))
    subheadings: list[Cell] = []
    subheading: str | None = None
    index = 0  # team rows and rows that could not be placed: what matrix columns count
    for n, segment in enumerate(segments):
        last = n == len(segments) - 1
        if block.ambiguous and at[n] in block.ambiguous:
            # Its words fit the columns more than one way (spaced rows): named, never guessed.
            why = "its words fit the columns in more than one way"
            unused.append(Leftover(tuple(segment), "row-ambiguous", why))
            index += 1
            continue
        if block.unaligned and at[n] in block.unaligned:
            why = "its words fit no reading of the table's columns"
            unused.append(Leftover(tuple(segment), "row-unplaced", why))
            index += 1
            continue
        if block.rows_marked and _full_width(segment, layout) and not (last and block.cut):
            # A full-width row inside the table (`| Northern zone |`) heads the rows below it.
            subheadings.extend(segment)
            subheading = next(c.value.base for c in segment if c.raw)
            continue
        above = rows[-1] if rows else None
        row, extra = _assign(segment, layout, above, index, subheading, vanish)
        index += 1
        if last and (block.cut or (at_eof and row is None)):
            # The file stops inside this row: its last cell is not whole if the file ends in
            # it (SOURCES.md). What is complete is kept: a standings row whose matrix was cut,
            # a tie row missing only its optional cells.
            whole = segment[:-1] if block.cut else segment
            row = _assign_cut(whole, layout, above, index - 1, subheading, vanish)
            if row is not None:
                rows.append(row)
                truncated = True
                cut = segment[len(whole) :]
                if cut:
                    why = "the file ends inside this cell"
                    unused.append(Leftover(tuple(cut), "table-truncated", why))
                continue
            row, extra = None, []
        if row is None:
            if last and (block.cut or at_eof):
                truncated = True
                unused.append(
                    Leftover(tuple(segment), "table-truncated", "the file ends inside this row")
                )
            else:
                unused.append(Leftover(tuple(segment), "row-short", "a row too short to place"))
            continue
        rows.append(row)
        if extra:
            unused.append(Leftover(tuple(extra), "row-too-long", "cells beyond the row's width"))
    return Rebuilt(tuple(rows), tuple(unused), truncated or block.cut, tuple(subheadings))


# Columns a cut row may lack and still be output: a results matrix, optional tie cells.
PADDABLE = {"matrix", "penalties", "extra", "ignored", "date", "venue", "qualification", "spacer"}
_PAD = Cell("", CellValue("empty", ""), 0)


def _assign_cut(
    cells: list[Cell],
    layout: Layout,
    above: Row | None,
    index: int,
    subheading: str | None,
    vanish: bool,
) -> Row | None:
    """A cut row's complete part as a row, its missing trailing cells absent; None unless
    only columns a row may lack (matrix, optional tie cells) are missing."""
    cols = layout.columns
    # The cut took the row's end: its cells stand left-aligned, so the reading that leaves
    # the fewest cells covered (the most missing at the end) is tried first.
    for missing in range(max(0, len(cols) - len(cells)), -1, -1):
        if any(c not in PADDABLE for c in cols[len(cols) - missing :]):
            continue
        padded = [*cells, *[_PAD] * missing]
        row, extra = _assign(padded, layout, above, index, subheading, vanish)
        if row is not None and not extra and cells:
            slots = tuple(None if c is _PAD else c for c in row.cells)
            values = tuple(
                None if c is _PAD else v for c, v in zip(row.cells, row.values, strict=True)
            )
            return Row(slots, values, row.line, row.index, row.subheading)
    return None


def _diagonal_vanished(tail: list[Cell], width: int) -> bool:
    """The row's trailing match cells number one fewer than the matrix's columns."""
    trailing = 0
    for cell in reversed(tail):
        if not cell.value.is_match:
            break
        trailing += 1
    return trailing == width - 1


def _full_width(segment: list[Cell], layout: Layout) -> bool:
    """One name and nothing else in a table of three or more columns: a section row."""
    texts = [c for c in segment if c.raw]
    return layout.width >= 3 and len(texts) == 1 and texts[0].value.is_name


def _typed_segments(body: list[Cell], layout: Layout) -> list[list[Cell]]:
    """Cut a match or tie stream into rows by cell types.

    Each cell fills the next column while its type fits; a cell that fits only the first
    column once the teams are placed starts the next row, so a missing cell shortens one row
    instead of shifting every later row. Empty cells fit every column (pending brackets), so
    where nothing but the width tells rows apart the width is the rule.
    """
    types = layout.types()
    first = types[0]
    team_cols = [i for i, c in enumerate(layout.columns) if c in {"team1", "team2"}]
    last_team = max(team_cols, default=0)
    segments: list[list[Cell]] = []
    current: list[Cell] = []
    for cell in body:
        k = len(current)
        fits = k < len(types) and types[k](cell.value)
        if current and (k >= len(types) or (not fits and k > last_team and first(cell.value))):
            segments.append(current)
            current = []
        current.append(cell)
    if current:
        segments.append(current)
    return segments


def _league_segments(body: list[Cell], layout: Layout) -> tuple[list[Cell], list[list[Cell]]]:
    """Cut a standings stream into rows where a position, a name and the stats begin."""
    types: list[TypeCheck] = [COLUMN_TYPES.get(col, is_name_like) for col in layout.prefix]
    if not types:
        return body, []
    # Level teams may share a rowspan-covered position: a row may also start at its name.
    no_pos = types[1:] if layout.prefix[:1] == ("position",) and len(types) >= 5 else None
    starts: list[int] = []
    i = 0
    while i < len(body):
        if starts_row(body, i, types):
            starts.append(i)
            i += len(types)
        elif no_pos and starts and _full(body, i, no_pos):
            starts.append(i)
            i += len(no_pos)
        else:
            i += 1
    if not starts:
        return body, []
    bounds = [*starts, len(body)]
    return body[: starts[0]], [body[a:b] for a, b in pairwise(bounds)]


def _full(body: Sequence[Cell], i: int, types: list[TypeCheck]) -> bool:
    return i + len(types) <= len(body) and all(
        check(body[i + k].value) for k, check in enumerate(types)
    )


def _assign(
    segment: list[Cell],
    layout: Layout,
    above: Row | None,
    index: int,
    subheading: str | None = None,
    vanish: bool = False,
) -> tuple[Row | None, list[Cell]]:
    """Map a row's cells to the layout's columns; absent spannable cells take the value above."""
    cols = layout.columns
    slots: list[Cell | None] = [None] * len(cols)
    k = 0
    prefix = layout.prefix
    for c, col in enumerate(prefix):
        if (
            col == "position"
            and above is not None
            and k < len(segment)
            and not segment[k].value.is_int
            and segment[k].value.is_name
        ):
            continue  # the position is covered by a rowspan (level teams)
        if k >= len(segment):
            return None, []
        slots[c] = segment[k]
        k += 1
    tail = segment[k:]
    rest = list(range(len(prefix), len(cols)))
    matrix = [c for c in rest if cols[c] == "matrix"]
    middle = [c for c in rest if cols[c] != "matrix"]
    own_matrix: list[Cell | None]
    if vanish and matrix and 0 <= index < len(matrix) and _diagonal_vanished(tail, len(matrix)):
        # The empty diagonal cell (a team against itself) vanished: it is this row's own
        # column, so the row's matrix cells are the others in order.
        cells = tail[len(tail) - len(matrix) + 1 :]
        own_matrix = [*cells[:index], None, *cells[index:]]
        mid = tail[: len(tail) - len(matrix) + 1]
    else:
        if len(tail) < len(matrix):
            return None, []
        own_matrix = list(tail[len(tail) - len(matrix) :]) if matrix else []
        mid = tail[: len(tail) - len(matrix)]
    extra: list[Cell] = []
    if len(mid) > len(middle):
        extra = mid[len(middle) :]
        mid = mid[: len(middle)]
    missing = len(middle) - len(mid)
    if missing:
        spannable = [c for c in middle if cols[c] in SPANNABLE]
        if len(spannable) < missing:
            return None, []
        # An empty cell is the spacer (present in every row of the seed); a text cell is the
        # Qualification. So with only empty cells left, the Qualification is the covered one.
        all_empty = all(not cell.raw for cell in mid)

        def rank(c: int) -> bool:
            is_qual = cols[c] == "qualification"
            return not is_qual if all_empty else is_qual

        order = sorted(spannable, key=rank)
        covered = set(order[:missing])
        present = [c for c in middle if c not in covered]
    else:
        present = middle
    for c, cell in zip(present, mid, strict=True):
        slots[c] = cell
    for c, own in zip(matrix, own_matrix, strict=True):
        slots[c] = own
    values: list[str | None] = []
    for c, slot in enumerate(slots):
        if slot is not None:
            values.append(slot.raw)
        elif above is not None and not vanish:
            values.append(above.values[c])  # contract: a covered cell takes the spanning value
        else:
            values.append(None)
    line = next(cell.line for cell in segment)
    return Row(tuple(slots), tuple(values), line, index, subheading), extra

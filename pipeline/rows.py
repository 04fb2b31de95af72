"""Rebuild table rows from the flat cell stream, filling rowspan-covered cells from above."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from pipeline.layout import SPANNABLE, Layout
from pipeline.model import Cell, TableBlock
from pipeline.rules import STAT_FIELDS
from pipeline.values import is_int, is_name_like

TypeCheck = Callable[[str], bool]
_TYPES: dict[str, TypeCheck] = {
    "position": is_int,
    "team": is_name_like,
    **{stat: is_int for stat in STAT_FIELDS},
}


@dataclass(frozen=True, slots=True)
class Row:
    """One rebuilt row: per layout column its own cell, or the spanning cell's value."""

    cells: tuple[Cell | None, ...]  # None where a rowspan covered the column
    values: tuple[str | None, ...]  # own text, or the text copied from the cell above
    line: int


@dataclass(frozen=True, slots=True)
class Unused:
    """Cells that went into no output row, and why (each becomes a finding)."""

    cells: tuple[Cell, ...]
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """The rows of a table, the cells left over, and whether the file cut the table off."""

    rows: tuple[Row, ...]
    unused: tuple[Unused, ...]
    truncated: bool


def rebuild_rows(block: TableBlock, layout: Layout, at_eof: bool) -> Rebuilt:
    """Rebuild rows: marked rows as given, league rows by content, other tables by width."""
    body = list(block.cells[layout.header_cells :])
    if layout.kind == "unknown" or not layout.width:
        return Rebuilt((), (), False)  # not a football table: its cells are named whole
    if block.rows_marked:
        segments = _marked_segments(body)
        lead: list[Cell] = []
    elif layout.kind == "league":
        lead, segments = _league_segments(body, layout)
    else:
        lead, segments = [], [body[i : i + layout.width] for i in range(0, len(body), layout.width)]
    rows: list[Row] = []
    unused: list[Unused] = []
    truncated = False
    if lead:
        unused.append(Unused(tuple(lead), "row-unplaced", "cells before the first row start"))
    for n, segment in enumerate(segments):
        last = n == len(segments) - 1
        row, extra = _assign(segment, layout, rows[-1] if rows else None)
        if row is None:
            if last and (block.cut or at_eof):
                truncated = True
                unused.append(
                    Unused(tuple(segment), "table-truncated", "the file ends inside this row")
                )
            else:
                unused.append(Unused(tuple(segment), "row-short", "a row too short to place"))
            continue
        rows.append(row)
        if extra:
            unused.append(Unused(tuple(extra), "row-too-long", "cells beyond the row's width"))
    if block.cut and not truncated:
        truncated = True  # the cut cell completed a row by chance; the table may go on
    return Rebuilt(tuple(rows), tuple(unused), truncated)


def _marked_segments(body: list[Cell]) -> list[list[Cell]]:
    segments: list[list[Cell]] = []
    for cell in body:
        if cell.row_start or not segments:
            segments.append([])
        segments[-1].append(cell)
    return segments


def _prefix_types(layout: Layout) -> list[TypeCheck]:
    return [_TYPES.get(col, is_name_like) for col in layout.prefix]


def _starts_at(body: Sequence[Cell], i: int, types: list[TypeCheck]) -> bool:
    """Tell whether a row starts at `i`: its leading cells have the prefix's types.

    A prefix cut short by the end of the stream still counts (a truncated last row).
    """
    for k, check in enumerate(types):
        if i + k >= len(body):
            return k >= 2
        if not check(body[i + k].text):
            return False
    return True


def _league_segments(body: list[Cell], layout: Layout) -> tuple[list[Cell], list[list[Cell]]]:
    """Cut a standings stream into rows where a position, a name and the stats begin."""
    types = _prefix_types(layout)
    # Level teams may share a rowspan-covered position: a row may also start at its name.
    no_pos = types[1:] if layout.prefix[:1] == ("position",) and len(types) >= 5 else None
    starts: list[int] = []
    i = 0
    while i < len(body):
        if _starts_at(body, i, types):
            starts.append(i)
            i += len(types)
        elif no_pos and starts and not is_int(body[i - 1].text) and _full(body, i, no_pos):
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
        check(body[i + k].text) for k, check in enumerate(types)
    )


def _assign(
    segment: list[Cell], layout: Layout, above: Row | None
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
            and not is_int(segment[k].text)
            and is_name_like(segment[k].text)
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
    if len(tail) < len(matrix):
        return None, []
    own_matrix = tail[len(tail) - len(matrix) :] if matrix else []
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
        all_empty = all(not cell.text for cell in mid)

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
    for c, cell in zip(matrix, own_matrix, strict=True):
        slots[c] = cell
    values: list[str | None] = []
    for c, slot in enumerate(slots):
        if slot is not None:
            values.append(slot.text)
        elif above is not None:
            values.append(above.values[c])  # contract: a covered cell takes the spanning value
        else:
            values.append(None)
    line = next(cell.line for cell in segment)
    return Row(tuple(slots), tuple(values), line), extra

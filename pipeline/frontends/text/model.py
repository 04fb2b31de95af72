"""Define the text front end's own values: numbered lines and blocks of grid cells."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pipeline.document import GridCell
from pipeline.sections import HeadingEvent, ProseEvent

Rendering = Literal["cell_per_line", "row_per_line", "spaced_rows", "no_bars", "mixed"]


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table-like run of lines turned into a flat cell stream by an input flavour."""

    line: int
    end_line: int
    rendering: Rendering
    cells: tuple[GridCell, ...]  # the grid's own cells, read once as the lines are claimed
    rules: tuple[tuple[int, int], ...]  # `---|` rule lines: (index into cells, cells it spans)
    rows_marked: bool  # every row start is marked (row-per-line, `| ` prefixes)
    cut: bool  # the file ends inside this block's last cell or row
    starts: frozenset[int] = frozenset()  # indices of cells the rendering marks as row starts
    ambiguous: frozenset[int] = frozenset()  # row starts of rows that align two ways (kept whole)
    unaligned: frozenset[int] = frozenset()  # row starts of data rows that align no way (whole)

    @property
    def header_end(self) -> int | None:
        """Index into cells where a `---|` rule closes the header, if one does.

        In marked rows a rule marks a header only right after the first or second row (a
        header is one or two rows); a stray rule later in the block ends nothing.
        """
        first = next((at for at, _ in self.rules if at > 0), None)
        if first is None or not self.rows_marked:
            return first
        ends = sorted(s for s in self.starts if s > 0)[:2]
        return next((at for at, _ in self.rules if at in ends), None)

    @property
    def layout_cells(self) -> int:
        """Cells of the rule lines: layout, never data."""
        return sum(n for _, n in self.rules)


# Headings and prose are the section builder's events as they are (no level in text).
Heading = HeadingEvent
Prose = ProseEvent
Block = Heading | Prose | TableBlock

"""Define the text front end's own values: numbered lines, stream cells, blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pipeline.sections import HeadingEvent, ProseEvent
from pipeline.values import CellValue, read_value

Rendering = Literal["cell_per_line", "row_per_line", "mixed"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the page with its 1-based number."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as written, with the line it stands on and its value read once."""

    text: str
    line: int = field(compare=False)
    row_start: bool = field(default=False, compare=False)  # the flavour marks a row start here
    value: CellValue = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", read_value(self.text))


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table-like run of lines turned into a flat cell stream by an input flavour."""

    line: int
    end_line: int
    rendering: Rendering
    cells: tuple[Cell, ...]
    rules: tuple[tuple[int, int], ...]  # `---|` rule lines: (index into cells, cells it spans)
    rows_marked: bool  # every row start is marked (row-per-line, `| ` prefixes)
    cut: bool  # the file ends inside this block's last cell or row

    @property
    def header_end(self) -> int | None:
        """Index into cells where the first `---|` rule closed the header, if any."""
        return next((at for at, _ in self.rules if at > 0), None)

    @property
    def layout_cells(self) -> int:
        """Cells of the rule lines: layout, never data."""
        return sum(n for _, n in self.rules)


# Headings and prose are the section builder's events as they are (no level in text).
Heading = HeadingEvent
Prose = ProseEvent
Block = Heading | Prose | TableBlock

"""Register the input flavours: plug-ins that turn a run of lines into table cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from pipeline.document import GridCell

# A `---|---|` rule line (GitHub-style table rule), with or without a leading `| `.
# A navigation box's title as copied: its view/talk/edit links first (`v t e`, `v · t · e`).
# A navbox's `v t e` (view, talk, edit) links: separated letters, never a glued `VTE` (a
# team code in a results-matrix header).
NAVBOX_RE = re.compile(r"^[vV](?:\s*[·•]\s*|\s+)[tT](?:\s*[·•]\s*|\s+)[eE](\s|$)")
RULE_RE = re.compile(r"^\s*\|?\s*(?::?-{3,}:?\s*\|\s*)+(?::?-{3,}:?\s*)?$")


@dataclass(frozen=True, slots=True)
class Claim:
    """Lines a flavour takes at one position, and the cells they hold."""

    name: str  # the flavour's rendering name
    consumed: int
    cells: tuple[GridCell, ...]
    cut: bool = False  # the last cell was cut by the end of the file
    starts: tuple[int, ...] = ()  # indices of the cells that start a row (a row line, `| `)
    ambiguous: tuple[int, ...] = ()  # row starts of rows kept whole: they align two ways
    unaligned: tuple[int, ...] = ()  # row starts of rows kept whole: they align no way


class Flavour(Protocol):
    """An input flavour: claims table lines and reads their cells."""

    name: str

    def claim(self, lines: tuple[str, ...], i: int, ends_mid_line: bool) -> Claim | None:
        """Take the table lines starting at `i` (the page's line `i + 1`), or None when that
        line is not this flavour's."""


def is_pipe(text: str) -> bool:
    """Tell whether a line is a bare `|` cell terminator."""
    return text.strip() == "|"


def is_rule(text: str) -> bool:
    """Tell whether a line is a `---|` rule: layout, not data."""
    return "---" in text and RULE_RE.match(text) is not None


def rule_cells(text: str) -> int:
    """Count the cells a rule line spans (one per `---`)."""
    return max(1, len(re.findall(r"-{3,}", text)))


def all_flavours() -> tuple[Flavour, ...]:
    """Return the flavours in the order they are tried."""
    from pipeline.frontends.text.flavours.cell_per_line import CellPerLine
    from pipeline.frontends.text.flavours.no_bars import NoBars
    from pipeline.frontends.text.flavours.row_per_line import RowPerLine
    from pipeline.frontends.text.flavours.spaced_rows import SpacedRows

    # The `|`-less flavours last: only lines no `|` flavour takes may be a header joined by
    # spaces, or header labels one a line.
    return (CellPerLine(), RowPerLine(), SpacedRows(), NoBars())

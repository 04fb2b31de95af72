"""Read one cell per line with no `|` lines at all: empty cells (diagonal, spacer, an empty
qualification) simply vanish, so rows are rebuilt from the header's width and cell types.

Nothing marks where such a table starts or ends, so it starts only at three or more lines that
are each a known header label naming a football table, and ends at a blank line, a `|` line, a
heading of a known kind, a sentence, or the next such header.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.document import GridCell, make_cell
from pipeline.frontends.text.flavours import Claim
from pipeline.rules import (
    APPENDIX_HEADINGS,
    canonical,
    header_vocabulary,
    heading_kind,
    standings_roles,
    tie_roles,
)

NAME = "no_bars"
MIN_LABELS = 3
MAX_CELL_WORDS = 8  # a longer line is prose, never a cell of a football table


@lru_cache(maxsize=1 << 14)
def line_label(text: str) -> str | None:
    """The line's role when the whole line is one known header label."""
    if not text or len(text) > 60 or "|" in text:
        return None
    return canonical(text, header_vocabulary())


def header_length(lines: tuple[str, ...], i: int) -> int:
    """How many label lines open a football table's header at `i` (0 if none does)."""
    labels: list[str] = []
    j = i
    while j < len(lines) and line_label(lines[j].strip()) is not None:
        labels.append(lines[j].strip())
        j += 1
    if len(labels) < MIN_LABELS:
        return 0
    std, tie = set(standings_roles(tuple(labels))), set(tie_roles(tuple(labels)))
    football = (
        ({"team", "points"} <= std and bool({"played", "won"} & std))
        or {"team1", "team2"} <= tie
        or {"team1", "score"} <= tie
    )
    return len(labels) if football else 0


def _ends_table(lines: tuple[str, ...], j: int) -> bool:
    """A line no table cell can be: prose, or a heading of a known kind that what follows
    confirms (a cell may read `National stage`; a heading is followed by a header, a heading,
    prose, a blank line or the end of the file)."""
    text = lines[j].strip()
    if "|" in text or ": " in text or _sentence(text):
        return True
    if heading_kind(text) is None and text.lower() not in APPENDIX_HEADINGS:
        return False
    nxt = lines[j + 1].strip() if j + 1 < len(lines) else ""
    return (
        not nxt
        or header_length(lines, j + 1) > 0
        or heading_kind(nxt) is not None
        or _sentence(nxt)
    )


def _sentence(text: str) -> bool:
    words = text.split()
    return len(words) > MAX_CELL_WORDS or (len(words) >= 5 and text.endswith("."))


class NoBars:
    """Claim a header of label lines and the cell lines under it."""

    name = NAME

    def claim(self, lines: tuple[str, ...], i: int, ends_mid_line: bool) -> Claim | None:
        """Take the table whose header opens at line `i`, up to the line that ends it."""
        head = header_length(lines, i)
        if head == 0:
            return None
        cells: list[GridCell] = [make_cell(lines[k].strip(), k + 1) for k in range(i, i + head)]
        j = i + head
        n = len(lines)
        while j < n:
            text = lines[j].strip()
            if not text or _ends_table(lines, j) or header_length(lines, j):
                break
            cells.append(make_cell(text, j + 1))
            j += 1
        if j == i + head:
            return None
        # The file's last line with no final newline was cut inside its cell.
        cut = j == n and ends_mid_line
        return Claim(NAME, j - i, tuple(cells), cut=cut)

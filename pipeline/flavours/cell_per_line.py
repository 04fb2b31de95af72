"""Read the cell-per-line flavour: each cell a line followed by a `|` line, rows unmarked."""

from __future__ import annotations

from pipeline.flavours import Claim, is_pipe, is_rule
from pipeline.model import Cell, Line


def _is_text(text: str) -> bool:
    return not is_pipe(text) and not is_rule(text)


class CellPerLine:
    """Claim runs of `text` + `|` pairs and bare `|` empty cells."""

    name = "cell_per_line"

    def claim(self, lines: tuple[Line, ...], i: int, ends_mid_line: bool) -> Claim | None:
        """Take one cell: a text line and its `|`, or a bare `|` (an empty cell)."""
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if is_pipe(line.text):
            # A bare `|` that no text line precedes is an empty cell (SOURCES.md).
            return Claim(self.name, 1, (Cell("", line.number),))
        if not _is_text(line.text):
            return None
        if nxt is not None and is_pipe(nxt.text):
            text, marked = line.text, False
            if text.lstrip().startswith("| ") or text.strip() == "|":
                text, marked = text.lstrip()[2:], True  # a `| ` prefix marks a row start
            return Claim(self.name, 2, (Cell(text.strip(), line.number, marked),))
        if nxt is None and ends_mid_line and i > 0 and is_pipe(lines[i - 1].text):
            # The file stops inside this cell: keep it, flagged, so it is counted and named.
            return Claim(self.name, 1, (Cell(line.text.strip(), line.number),), cut=True)
        return None

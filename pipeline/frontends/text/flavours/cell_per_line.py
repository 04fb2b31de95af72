"""Read the cell-per-line flavour: each cell a line followed by a `|` line, rows unmarked."""

from __future__ import annotations

from pipeline.document import make_cell
from pipeline.frontends.text.blocks import split_heading_text
from pipeline.frontends.text.flavours import Claim, is_pipe, is_rule
from pipeline.frontends.text.model import Line
from pipeline.rules import APPENDIX_HEADINGS, heading_kind


def _cut_cell(text: str) -> bool:
    """A last line that is no sentence and no recognised heading (`External links`, `Final`)."""
    stripped = text.strip()
    if not stripped or len(stripped) > 200 or stripped.endswith((".", ":", ";", "!", "?")):
        return False
    # A heading with its `Edit` link glued on (`Region IIEdit`) is a heading, not a cut cell.
    return all(
        heading_kind(part) is None and part.lower() not in APPENDIX_HEADINGS
        for part in split_heading_text(stripped) or [stripped]
    )


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
            return Claim(self.name, 1, (make_cell("", line.number),))
        if not _is_text(line.text):
            return None
        if nxt is not None and is_pipe(nxt.text):
            text, marked = line.text, False
            if text.lstrip().startswith("| ") or text.strip() == "|":
                text, marked = text.lstrip()[2:], True  # a `| ` prefix marks a row start
            return Claim(self.name, 2, (make_cell(text.strip(), line.number),), row_start=marked)
        last_after_cell = nxt is None and i > 0 and is_pipe(lines[i - 1].text)
        if last_after_cell and (ends_mid_line or _cut_cell(line.text)):
            # The file stops inside this cell (its `|` never came): keep it, flagged, so it
            # is counted and named. Without a final newline that is certain; with one, a last
            # line right after a cell is a cut cell unless it reads as a sentence or heading.
            return Claim(self.name, 1, (make_cell(line.text.strip(), line.number),), cut=True)
        return None

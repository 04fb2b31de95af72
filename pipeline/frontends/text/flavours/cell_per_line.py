"""Read the cell-per-line flavour: each cell a line followed by a `|` line, rows unmarked."""

from __future__ import annotations

from pipeline.document import GridCell
from pipeline.frontends.text.blocks import split_heading_text
from pipeline.frontends.text.flavours import NAVBOX_RE, Claim, is_pipe, is_rule
from pipeline.rules import APPENDIX_HEADINGS, heading_kind
from pipeline.values import read_value


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


def _bar_on_line(text: str) -> str | None:
    """The cell of a `text |` line (one cell, its bar at the end), else None."""
    if len(text) < 2 or not text.endswith("|") or text.startswith("|"):
        return None
    body = text[:-1]
    return body.strip() if "|" not in body else None


def _bar_run(lines: tuple[str, ...], j: int) -> bool:
    """A `text |` line opens cells only when the next line is one too, or a bare `|`: a
    lone `Zone North |` line may be a full-width row of a row-per-line table."""
    nxt = lines[j + 1].strip() if j + 1 < len(lines) else ""
    return nxt == "|" or _bar_on_line(nxt) is not None


def _in_bar_run(lines: tuple[str, ...], j: int) -> bool:
    """Line `j` is a `text |` cell that no row-per-line row precedes (where a `Row |` line
    is a one-cell row, not a cell)."""
    if j < 1 or _bar_on_line(lines[j].strip()) is None:
        return False
    before = lines[j - 1].strip()
    return "|" not in before or before == "|" or _bar_on_line(before) is not None


class CellPerLine:
    """Claim runs of `text` + `|` pairs and bare `|` empty cells."""

    name = "cell_per_line"

    def claim(self, lines: tuple[str, ...], i: int, ends_mid_line: bool) -> Claim | None:
        """Take the run of cells from line `i`: text lines each with its `|`, bare `|` lines
        (empty cells), up to the first line that is neither (a blank or rule line, prose)."""
        # One claim a run, not a cell: this is the loop every line of a page goes through, so
        # cells are built inline (`make_cell` spelled out) with the methods bound once.
        cells: list[GridCell] = []
        append = cells.append
        starts: list[int] = []
        cut = False
        n = len(lines)
        j = i
        empty = read_value("")
        while j < n:
            text = lines[j].strip()
            if text == "|":
                # A bare `|` that no text line precedes is an empty cell (SOURCES.md).
                append(GridCell("", empty, j + 1))
                j += 1
                continue
            if not text or is_rule(text):
                break
            own = _bar_on_line(text) if text[-1] == "|" else None  # inlined test: every line
            if own is not None and (j > i or _bar_run(lines, j)):
                # The `|` on the cell's own line (`Team 1 |`): the same cell, its bar moved.
                append(GridCell(own, read_value(own), j + 1))
                j += 1
                continue
            if j > i and NAVBOX_RE.match(text):
                break  # a navbox's title (`v t e Maltese First Division`) starts a block
            if j + 1 < n and is_pipe(lines[j + 1]):
                if text.startswith("| "):  # a `| ` prefix marks a row start
                    starts.append(len(cells))
                    text = text[2:].strip()
                append(GridCell(text, read_value(text), j + 1))
                j += 2
                continue
            last_after_cell = (
                j + 1 == n and j > 0 and (is_pipe(lines[j - 1]) or _in_bar_run(lines, j - 1))
            )
            if last_after_cell and (ends_mid_line or _cut_cell(text)):
                # The file stops inside this cell (its `|` never came): keep it, flagged, so
                # it is counted and named. Without a final newline that is certain; with one,
                # a last line right after a cell is a cut cell unless it reads as a sentence
                # or heading.
                append(GridCell(text, read_value(text), j + 1))
                cut = True
                j += 1
            break
        if j == i:
            return None
        return Claim(self.name, j - i, tuple(cells), cut=cut, starts=tuple(starts))

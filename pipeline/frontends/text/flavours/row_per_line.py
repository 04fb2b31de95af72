"""Read the row-per-line flavour: each row a line, cells split on `|`."""

from __future__ import annotations

import re

from pipeline.document import make_cell
from pipeline.frontends.text.flavours import Claim, is_pipe, is_rule

# A `|` that is not inside `[[...]]`: the next `]]` comes after another `[` or never.
LINK_PIPE_RE = re.compile(r"\|(?![^\[]*\]\])")


def is_row_line(text: str) -> bool:
    """Tell whether a line is a table row written on one line (`a | b |`)."""
    stripped = text.strip()
    if not stripped or is_pipe(stripped) or is_rule(stripped) or "|" not in stripped:
        return False
    return " | " in stripped or stripped.endswith("|") or stripped.startswith("| ")


def split_row(text: str) -> list[str]:
    """Split a row line into cell texts, dropping the outer `| ` and the closing `|`."""
    body = text.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    if "[[" in body:
        # A `|` inside a wiki link (`[[Target|Label]]`) separates nothing.
        return [part.strip() for part in LINK_PIPE_RE.split(body)]
    return [part.strip() for part in body.split("|")]


class RowPerLine:
    """Claim one row line; its first cell is marked as a row start."""

    name = "row_per_line"

    def claim(self, lines: tuple[str, ...], i: int, ends_mid_line: bool) -> Claim | None:
        """Take the row on line `i`, if it is one."""
        line = lines[i]
        if not is_row_line(line):
            return None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and is_pipe(nxt) and line.lstrip().startswith("| "):
            return None  # `| 1` then `|`: a marked cell of the cell-per-line flavour
        texts = split_row(line)
        cells = tuple(make_cell(t, i + 1) for t in texts)
        # The file's last line, with no final newline, that lacks the closing `|` the row
        # before it has, was cut inside its last cell: that cell is not the page's value
        # (points `11` cut to `1`). Otherwise only the row's width can tell (when rebuilt).
        before = lines[i - 1].rstrip() if i > 0 else ""
        cut = (
            nxt is None
            and ends_mid_line
            and not line.rstrip().endswith("|")
            and is_row_line(before)
            and before.endswith("|")
        )
        return Claim(self.name, 1, cells, cut=cut, starts=(0,))

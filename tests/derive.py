"""Derive the text renderings no shared page shows from a real page (issue 11).

Each function turns a cell-per-line export into another rendering of the same page, line for
line where it can, so a test can compare what both give:
- `bar_on_line`: each cell's `|` moved to the end of its own line (`Team 1 |`);
- `no_bars`: every bare `|` line removed, so empty cells vanish;
- `glued_edit`: `[edit]` glued after every heading line a reader sees as one.

`python -m tests.derive RENDERING FILE` prints the derived page.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


def _is_bar(line: str) -> bool:
    return line.strip() == "|"


def bar_on_line(text: str) -> str:
    """A cell line followed by its `|` line becomes one `cell |` line; empty cells stay `|`."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not _is_bar(line) and line.strip() and i + 1 < len(lines) and _is_bar(lines[i + 1]):
            out.append(f"{line} |")
            i += 2
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def no_bars(text: str) -> str:
    """Every bare `|` line removed: empty cells (spacers, diagonals, blanks) vanish."""
    return "\n".join(line for line in text.split("\n") if not _is_bar(line))


def glued_edit(text: str, headings: set[str]) -> str:
    """`[edit]` glued after each line whose text is one of `headings`."""
    return "\n".join(
        f"{line}[edit]" if line.strip() in headings else line for line in text.split("\n")
    )


DERIVATIONS: dict[str, Callable[[str], str]] = {"bar_on_line": bar_on_line, "no_bars": no_bars}


def main() -> None:
    rendering, path = sys.argv[1], Path(sys.argv[2])
    sys.stdout.write(DERIVATIONS[rendering](path.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()

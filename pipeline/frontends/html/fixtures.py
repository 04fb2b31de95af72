"""Read fixture lists: bulleted results written `Home 1-0 Away`, one table of single matches.

Older pages list a group's results as bullets (`<li>Romania 1-0 Finland</li>`, 2006 UEFA
European Under-21 Championship qualification), often inside a borderless layout table of
several columns. A list is fixtures when most of its items (two or more) read as a name, a
score and a name; its columns have no header in the page, so the grid's labels are computed
(marked so). An item that does not read so is a leftover named by a finding, never dropped.
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.document import Grid, GridCell, GridRow, Leftover, make_cell
from pipeline.frontends.html.tables import cell_text

LABELS = ("Home team", "Score", "Away team")
# `Home 1-0 Away`, the score possibly marked (`2-2*`) or followed by `(a.e.t.)`.
FIXTURE_RE = re.compile(
    r"^(?P<home>\S.*?)\s+(?P<score>\d{1,2}\s*[-–—]\s*\d{1,2}\*?(?:\s*\([^)]*\))?)\s+"
    r"(?P<away>\S.*)$"
)


def fixture_items(element: etree._Element) -> list[etree._Element] | None:
    """The list items of a fixture list, or of a layout table holding only such lists."""
    if element.tag in ("ul", "ol"):
        items = [li for li in element if li.tag == "li"]
    elif element.tag == "table":
        if "wikitable" in (element.get("class") or "").split() or any(
            True for _ in element.iter("th")
        ):
            return None
        lists = [e for e in element.iter("ul", "ol")]
        cells = [c for c in element.iter("td") if cell_text(c)]
        # Every cell with text holds a list: the table only lays the lists out.
        if not lists or any(not any(True for _ in c.iter("ul", "ol")) for c in cells):
            return None
        items = [li for lst in lists for li in lst if li.tag == "li"]
    else:
        return None
    matched = sum(1 for li in items if FIXTURE_RE.match(cell_text(li)))
    return items if matched >= 2 and 3 * matched >= 2 * len(items) else None


def read_fixtures(items: list[etree._Element], table_id: str) -> Grid:
    """One grid of single matches from a fixture list's items."""
    line = items[0].sourceline or 1
    header = tuple(make_cell(label, line, header=True, computed=True) for label in LABELS)
    rows: list[GridRow] = []
    left: list[GridCell] = []
    for li in items:
        at = li.sourceline or line
        text = cell_text(li)
        found = FIXTURE_RE.match(text)
        if found is None:
            if text:
                left.append(make_cell(text, at))
            continue
        cells = tuple(make_cell(found.group(k), at) for k in ("home", "score", "away"))
        rows.append(GridRow(cells, at, len(rows)))
    leftovers = (
        (Leftover(tuple(left), "row-unplaced", "list items that read as no match"),) if left else ()
    )
    end = max((li.sourceline or line) for li in items)
    return Grid(
        table_id, line, end, "table", header=(header,), rows=tuple(rows), leftovers=leftovers,
        rendering="html",
    )  # fmt: skip

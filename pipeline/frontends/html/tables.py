"""Turn one HTML `<table>` into a grid: rows and spans expanded by the HTML table model.

Cells are placed by the WHATWG HTML "forming a table" algorithm (§4.9.12.1): each cell takes
the first free slot of its row and covers `colspan` × `rowspan` slots, so a covered slot holds a
copy of the spanning cell (`copied_from`), never a value of its own. Spans that are not numbers
(`rowspan="{{{rows}}}"`, an unexpanded template parameter) count as 1, as the spec's parsing
rules for non-negative integers give; a `rowspan="0"` reaches the end of its row group.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote

from lxml import etree

from pipeline.document import Grid, GridCell, GridRole, GridRow, make_cell
from pipeline.rules import STANDINGS_ALIASES, TIE_ALIASES, is_filler, is_label

MAX_COLSPAN = 1000  # the HTML spec's caps
MAX_ROWSPAN = 65534
LINK_RE = re.compile(r"(?:^|/)wiki/([^?#]+)")
SPAN_RE = re.compile(r"^\s*(\d+)")
NOTE_RE = re.compile(r"^\(.+\)$")


def read_table(table: etree._Element, table_id: str) -> Grid:
    """The grid of one table: header rows (all `th`, or a first row of labels), data rows,
    full-width rows as sub-headings; cells carry their links, bold and spans."""
    rows = own_rows(table)
    slots: list[list[GridCell | None]] = []
    header_flags: list[bool] = []
    lines: list[int] = []
    for r, (tr, in_head) in enumerate(rows):
        while len(slots) <= r:
            slots.append([])
        line = tr.sourceline or 1
        # Contract: a row's source_line is its first cell's line (`<tr>` may stand alone).
        first_cell = next((c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")), None)
        lines.append((first_cell.sourceline if first_cell is not None else None) or line)
        c = 0
        own_th = True
        any_cell = False
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            any_cell = True
            own_th = own_th and cell.tag == "th"
            while c < len(slots[r]) and slots[r][c] is not None:
                c += 1
            colspan = min(_span(cell.get("colspan")), MAX_COLSPAN)
            rowspan = _span(cell.get("rowspan"), zero=len(rows) - r)
            rowspan = min(rowspan, MAX_ROWSPAN, len(rows) - r)
            own = make_cell(
                cell_text(cell),
                cell.sourceline or line,
                header=cell.tag == "th",
                links=cell_links(cell),
                bold=_bold(cell),
                span=(rowspan, colspan),
            )
            for dr in range(rowspan):
                target = r + dr
                while len(slots) <= target:
                    slots.append([])
                row_slots = slots[target]
                while len(row_slots) < c + colspan:
                    row_slots.append(None)
                for dc in range(colspan):
                    row_slots[c + dc] = own if (dr, dc) == (0, 0) else own.copied_to((r, c))
            c += colspan
        header_flags.append(any_cell and (own_th or in_head))
    width = max((len(s) for s in slots), default=0)
    n_header = 0
    while n_header < len(rows) and header_flags[n_header]:
        n_header += 1
    if n_header == 0 and rows and _label_row(slots[0]):
        n_header = 1  # results-matrix headers are often `td`: a first row of labels
    header = tuple(tuple(c for c in slots[r] if c is not None) for r in range(n_header))
    body: list[GridRow] = []
    subheadings: list[GridCell] = []
    subheading: str | None = None
    for r in range(n_header, len(rows)):
        cells = slots[r] + [None] * (width - len(slots[r]))
        own_cells = [c for c in cells if c is not None and c.own]
        # One cell of this row and nothing else: no cell spanning down from a row above.
        lone = len(own_cells) == 1 and all(
            c is None or c.own or (c.copied_from or (-1, 0))[0] == r for c in cells
        )
        texts = [c for c in own_cells if c.raw]
        if (
            width >= 3
            and body
            and len(texts) == 1
            and texts[0].span[1] >= width - 1
            and NOTE_RE.match(texts[0].text)
            and all(c is None or c.own or (c.copied_from or (-1, 0))[0] == r for c in cells)
        ):
            # A bracketed full-width row under a match is its note (FA Trophy 2002–03:
            # `(Rocester won 4-3 on penalties)`): the row above keeps it, no row is made.
            subheadings.extend(own_cells)
            body[-1] = replace(body[-1], note=texts[0].text.strip("() "))
            continue
        if width >= 3 and lone and (own_cells[0].span[1] >= width or _label_cell(own_cells[0])):
            # A full-width row heads the rows below it; so does a row of one label cell and
            # nothing else (`Home Matches:`, 1961–62 Segunda División's play-offs).
            subheadings.append(own_cells[0])
            subheading = own_cells[0].text or subheading
            continue
        if not own_cells and all(c is None for c in cells):
            continue
        body.append(GridRow(tuple(cells), lines[r], len(body), subheading))
    caption = table.find("caption")
    line = table.sourceline or 1
    end = max(lines, default=line)
    return Grid(
        table_id,
        line,
        end,
        _role(table),
        caption=cell_text(caption) if caption is not None else None,
        header=header,
        rows=tuple(body),
        subheadings=tuple(subheadings),
        rendering="html",
    )


def own_rows(table: etree._Element) -> list[tuple[etree._Element, bool]]:
    """The table's own rows in order (row groups included, nested tables' rows not)."""
    out: list[tuple[etree._Element, bool]] = []
    for child in table:
        if child.tag == "tr":
            out.append((child, False))
        elif child.tag in ("thead", "tbody", "tfoot"):
            out.extend((tr, child.tag == "thead") for tr in child if tr.tag == "tr")
    return out


def _span(value: str | None, zero: int = 1) -> int:
    """A span attribute by the spec's rules for non-negative integers: leading digits, else
    1; `0` (rowspan only) reaches the end of the row group."""
    match = SPAN_RE.match(value or "")
    if match is None:
        return 1
    number = int(match.group(1))
    return zero if number == 0 else number


def _label_row(cells: list[GridCell | None]) -> bool:
    first = next((c for c in cells if c is not None), None)
    return first is not None and (
        is_filler(first.raw)
        or is_label(first.raw, STANDINGS_ALIASES)
        or is_label(first.raw, TIE_ALIASES)
    )


def _label_cell(cell: GridCell) -> bool:
    """A cell that reads as a label, not data: words (no number, score or bare name of a
    match row), closed by a colon or set in bold."""
    return cell.value.kind == "name" and (cell.raw.rstrip().endswith(":") or cell.bold)


def _role(table: etree._Element) -> GridRole:
    classes = (table.get("class") or "").split()
    if "infobox" in classes or "vcard" in classes:
        return "infobox"
    if "navbox" in classes or "navbox-inner" in classes:
        return "navbox"
    return "table"


def cell_text(cell: etree._Element) -> str:
    """What a reader sees in a cell: hidden sort keys and `display:none` text dropped, a
    footnote `<sup>` as a `[mark]`, `<br>` as a space, non-breaking spaces folded."""
    parts: list[str] = []

    def visit(node: etree._Element, top: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if not top and (_hidden(node) or not tag):
            if node.tail:
                parts.append(node.tail)
            return
        if tag == "br":
            parts.append(" ")
        elif tag == "sup":
            mark = " ".join("".join(node.itertext()).split()).strip("[] ")
            if mark.startswith("("):
                parts.append(f" {mark}")  # a raised `(a.e.t.)` under a score is its text
            elif mark:
                parts.append(f"[{mark}]")
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            visit(child, False)
        if not top and node.tail:
            parts.append(node.tail)

    visit(cell, True)
    return " ".join("".join(parts).replace("\u00a0", " ").split())


def _hidden(node: etree._Element) -> bool:
    style = (node.get("style") or "").replace(" ", "").lower()
    classes = (node.get("class") or "").split()
    # A hidden alignment digit (`<span style="visibility:hidden">0</span>22`) is not `022`.
    return (
        "display:none" in style
        or "visibility:hidden" in style
        or "sortkey" in classes
        or "mw-editsection" in classes
    )


def cell_links(cell: etree._Element) -> tuple[str, ...]:
    """The article titles a cell links to (footnotes and files left out)."""
    titles: list[str] = []
    for a in cell.iter("a"):
        if any(p.tag == "sup" for p in a.iterancestors()):
            continue
        title = a.get("title")
        href = a.get("href") or ""
        if not title:
            match = LINK_RE.search(href)
            title = unquote(match.group(1)).replace("_", " ") if match else None
        if title and not title.startswith(("File:", "Image:")) and "redlink=1" not in href:
            titles.append(title)
    return tuple(titles)


def _bold(cell: etree._Element) -> bool:
    return any(True for _ in cell.iter("b", "strong"))

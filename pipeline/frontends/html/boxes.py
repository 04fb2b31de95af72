"""Read football boxes (`div.vevent`, `div.footballbox`): one match each, consecutive boxes
one table of single matches with their date and venue.

A box is the `{{Football box}}` template's output: a date block, a table whose first row is
home team, score, away team (the scorers in the row below), and a venue block. Its columns
have no header in the page, so the grid's labels are computed (marked so), never page text.
"""

from __future__ import annotations

import re
from itertools import pairwise

from lxml import etree

from pipeline.document import Grid, GridCell, GridRow, make_cell
from pipeline.frontends.html.tables import cell_links, cell_text
from pipeline.values import read_value

LABELS = (
    "Date", "Home team", "Score", "Away team", "Venue", "Home scorers", "Away scorers", "Pen.",
)  # fmt: skip
SHOOTOUT_LABELS = ("penalties", "penalty shoot-out", "penalty shootout", "pens")


def is_box(element: etree._Element) -> bool:
    """A football box's outer element."""
    classes = (element.get("class") or "").split()
    return element.tag == "div" and ("vevent" in classes or "footballbox" in classes)


VENUE_TAIL_RE = re.compile(r"\s*\b(attendance|referee|att\.|crowd)\s*:.*$", re.I)


def read_boxes(boxes: list[etree._Element], table_id: str) -> Grid:
    """One grid of single matches from consecutive boxes (a box with no match row is kept as
    a row of its texts, so nothing it holds is dropped unnamed)."""
    line = boxes[0].sourceline or 1
    header = tuple(make_cell(label, line, header=True, computed=True) for label in LABELS)
    rows = [_row(box, n) for n, box in enumerate(boxes)]
    end = max((b.sourceline or line) for b in boxes)
    return Grid(
        table_id,
        line,
        end,
        "table",
        header=(header,),
        rows=tuple(rows),
        rendering="html",
    )


def _row(box: etree._Element, ordinal: int) -> GridRow:
    line = box.sourceline or 1
    tables = [t for t in box.iter("table")]
    main = None
    match_cells: list[etree._Element] = []
    # The match row: three cells, a score between two teams; failing that, the first row of
    # three whose outer cells both hold text, so a score we cannot read still keeps its teams
    # (and is named as unparsed) instead of losing the row.
    for strict in (True, False):
        for table in tables:
            for tr in table.iter("tr"):
                found = [c for c in tr if isinstance(c.tag, str) and c.tag in ("th", "td")]
                if len(found) != 3 or not cell_text(found[0]):
                    continue
                if _is_score(cell_text(found[1])) if strict else bool(cell_text(found[2])):
                    main, match_cells = table, found
                    break
            if main is not None:
                break
        if main is not None:
            break
    date = _block_text(box, "summary") or _first_other(tables, main, before=True)
    venue = _block_text(box, "location") or _first_other(tables, main, before=False)
    if venue:
        # The venue block goes on with the crowd and the referee (`Attendance: 1,523`).
        venue = VENUE_TAIL_RE.sub("", venue) or None
    scorers: list[etree._Element] = []
    if main is not None and match_cells:
        rows = [tr for tr in main.iter("tr")]
        below = rows[1] if len(rows) > 1 else None
        if below is not None:
            scorers = [c for c in below if isinstance(c.tag, str) and c.tag in ("th", "td")]
    cells: list[GridCell | None] = [_cell(date, line)]
    if match_cells:
        for cell in match_cells:
            cells.append(
                make_cell(
                    cell_text(cell),
                    cell.sourceline or line,
                    links=cell_links(cell),
                    bold=any(True for _ in cell.iter("b", "strong")),
                )
            )
    else:
        cells.extend([None, None, None])
    cells.append(_cell(venue, line))
    home_scorers = cell_text(scorers[0]) if len(scorers) >= 1 else None
    away_scorers = cell_text(scorers[-1]) if len(scorers) >= 2 else None
    cells.append(_cell(home_scorers, line))
    cells.append(_cell(away_scorers, line))
    cells.append(_cell(_shootout(main), line))
    return GridRow(tuple(cells), line, ordinal)


def _shootout(main: etree._Element | None) -> str | None:
    """The score of a `Penalties` row of the box: the middle cell of the row after it."""
    if main is None:
        return None
    rows = [
        [c for c in tr if isinstance(c.tag, str) and c.tag in ("th", "td")]
        for tr in main.iter("tr")
    ]
    for here, after in pairwise(rows):
        if len(here) == 3 and cell_text(here[1]).lower() in SHOOTOUT_LABELS and len(after) == 3:
            return cell_text(after[1]) or None
    return None


def _cell(text: str | None, line: int) -> GridCell | None:
    return make_cell(text, line) if text else None


def _is_score(text: str) -> bool:
    value = read_value(text)
    return value.kind == "score" or text.strip().lower() in ("v", "vs", "vs.", "–", "-")


def _block_text(box: etree._Element, css: str) -> str | None:
    for element in box.iter():
        if isinstance(element.tag, str) and css in (element.get("class") or "").split():
            text = cell_text(element)
            return text or None
    return None


def _first_other(
    tables: list[etree._Element], main: etree._Element | None, before: bool
) -> str | None:
    """The text of the table before (the date) or after (the venue) the match table."""
    if main is None or main not in tables:
        return None
    at = tables.index(main)
    side = tables[:at] if before else tables[at + 1 :]
    for table in side if not before else reversed(side):
        text = cell_text(table)
        if text:
            return text
    return None

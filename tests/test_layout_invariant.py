"""The accounting invariant: layout cells are exactly the recognised header labels (and matrix
abbreviations), rule lines, full-width rows, and empty spacer and diagonal cells; no cell holding
a digit, score or name is ever booked as layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import kinds
from pipeline.frontends import read_document
from pipeline.page import parse_page
from pipeline.rules import (
    NOTHING_TO_STORE,
    STANDINGS_ALIASES,
    TIE_ALIASES,
    canonical,
    is_abbreviation,
    is_filler,
    normalise_label,
)
from tests.conftest import FIXTURES

PAGES = sorted([*FIXTURES.glob("*.txt"), *FIXTURES.glob("rows/*.txt"), *FIXTURES.glob("wild/*")])


def _recognised(text: str, role: str) -> bool:
    return bool(
        canonical(text, STANDINGS_ALIASES)
        or canonical(text, TIE_ALIASES)
        or is_filler(text)
        or normalise_label(text) in NOTHING_TO_STORE  # known to carry nothing stored
        or (role == "matrix" and is_abbreviation(text))
        or role not in ("ignored", "spacer")  # a column the kind claimed by its label
    )


def expected_layout(data: bytes) -> dict[str, tuple[int, int]]:
    """Per recognised table: (layout the invariant allows, layout the tool booked)."""
    result = parse_page(data, "p", "p.txt")
    doc, _ = read_document(data, "p", "p.txt")
    out: dict[str, tuple[int, int]] = {}
    by_id = {t.table_id: t for t in result.tables}
    for grid in doc.grids:
        found = kinds.recognise(grid)
        if found is None:
            continue
        _, columns = found
        roles = columns.roles
        allowed = grid.layout_cells + len(grid.subheadings)
        for r, row in enumerate(grid.header):
            last = r == len(grid.header) - 1
            for c, cell in enumerate(row):
                role = roles[c] if last and c < len(roles) else "filler"
                allowed += _recognised(cell.text, role) or (not last and not cell.raw)
        matrix = [c for c, role in enumerate(roles) if role == "matrix"]
        for body_row in grid.rows:
            for c, cell in body_row.own_cells():
                role = roles[c] if c < len(roles) else "ignored"
                diagonal = role == "matrix" and matrix.index(c) == body_row.ordinal
                if (role == "spacer" and not cell.raw) or diagonal:
                    allowed += 1
        out[grid.table_id] = (allowed, by_id[grid.table_id].cells_layout)
    return out


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_layout_is_only_what_the_invariant_allows_on_every_real_page(path: Path) -> None:
    for table_id, (allowed, booked) in expected_layout(path.read_bytes()).items():
        assert booked == allowed, table_id


def test_text_in_a_spacer_column_is_no_layout() -> None:
    header = "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts | | ALP | BET |\n" + "---|" * 13
    rows = (
        "1 | Alpha | 2 | 1 | 0 | 1 | 2 | 1 | +1 | 3 | Champions | | 1–0 |\n"
        "2 | Beta | 2 | 1 | 0 | 1 | 1 | 2 | −1 | 3 | | 1–0 | |\n"
    )
    result = parse_page(("League\nTable\n" + header + "\n" + rows).encode(), "p", "p.txt")
    (table,) = result.tables
    unread = [f for f in result.findings if f.code == "column-unread"]
    assert [(f.cells, f.line) for f in unread] == [(1, 5)]  # `Champions`, no header cell
    assert table.cells == table.cells_layout + table.cells_data + table.cells_unused


def test_a_cut_cell_taken_into_a_header_is_named_not_layout() -> None:
    # Found by `make fuzz`: the file stops in a marked cell right after a tie header, which
    # took the cut text for a label of no column; it was booked as layout.
    data = (
        b"Quarterfinals\n| Team 1\n|\nAgg.Tooltip Aggregate score\n|\nTeam 2\n|\n1st leg\n|\n"
        b"2nd leg\n|\n| S"
    )
    for table_id, (allowed, booked) in expected_layout(data).items():
        assert booked == allowed, table_id
    result = parse_page(data, "p", "p.txt")
    warnings = sorted(f.code for f in result.findings if f.severity == "warning")
    assert warnings == ["column-unread", "table-truncated"]

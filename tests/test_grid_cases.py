"""Run the grid case file (`tests/cases/grids.toml`): a rendering snippet -> the expected grid.

Each case holds one snippet per rendering it is written in; every snippet is read through the
front end `read_document` chooses, and its first grid is compared with the grid the case states
(header and row texts, covered copies, absent slots, values, leftovers, truncation). A case
written in several renderings must also give the same grid from each. The encoding is described
at the top of the case file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from pipeline.document import Grid, GridCell
from pipeline.findings import Site
from pipeline.frontends import choose, front_ends, read_document

CASE_FILE = Path(__file__).parent / "cases" / "grids.toml"
NULL = "~"  # the case file's None (TOML has no null)
COVERED = "^"  # prefix of a covered copy's text
# Cases whose expected grid the front end does not give yet: name -> the suspected bug.


def _load() -> list[dict[str, Any]]:
    with CASE_FILE.open("rb") as handle:
        cases: list[dict[str, Any]] = tomllib.load(handle)["case"]
    return cases


CASES = _load()
# Rendering name -> the front end that records it (`cell_per_line` -> `text`).
FRONT_END_OF = {r: f.name for f in front_ends() for r in f.renderings}


def _runs() -> list[Any]:
    runs = []
    for case in CASES:
        for rendering in case["inputs"]:
            runs.append(pytest.param(case, rendering, id=f"{case['name']}-{rendering}"))
    return runs


def _read(text: str) -> tuple[Any, Grid]:
    doc, _ = read_document(text.encode("utf-8"), "case", "case.txt")
    assert doc.grids, "the snippet gave no grid"
    return doc, doc.grids[0]


def _slot(cell: GridCell | None) -> str | bool:
    """A slot as the case file writes it: text, `^text` for a covered copy, false if absent."""
    if cell is None:
        return False
    return COVERED + cell.text if cell.copied_from is not None else cell.text


def _none(value: Any) -> Any:
    """The case file's `~` is None; lists are compared as tuples."""
    if value == NULL:
        return None
    if isinstance(value, list):
        return tuple(value)
    return value


def test_case_file_is_well_formed() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    for case in CASES:
        assert case["inputs"], f"{case['name']}: no input"
        for rendering in case["inputs"]:
            assert rendering in FRONT_END_OF, f"{case['name']}: unknown rendering {rendering}"
        for row in case["expect"]["rows"]:
            for slot in row:
                assert slot is False or isinstance(slot, str), f"{case['name']}: bad slot {slot!r}"


@pytest.mark.parametrize(("case", "rendering"), _runs())
def test_snippet_gives_the_stated_grid(case: dict[str, Any], rendering: str) -> None:
    expect = case["expect"]
    doc, grid = _read(case["inputs"][rendering])
    # The front end that declares the rendering reads the snippet and records the rendering.
    data = case["inputs"][rendering].encode("utf-8")
    assert choose(data, ".txt", Site("case", "case.txt")).front_end.name == FRONT_END_OF[rendering]
    assert grid.rendering == rendering
    assert len(doc.grids) == expect.get("grids", 1)
    assert grid.role == expect.get("role", "table")

    assert [[c.text for c in row] for row in grid.header] == expect["header"]
    assert [[_slot(c) for c in row.cells] for row in grid.rows] == expect["rows"]
    assert grid.labels == tuple(expect["header"][-1])
    ordinals = expect.get("ordinals", list(range(len(expect["rows"]))))
    assert [row.ordinal for row in grid.rows] == ordinals

    for r, c, r0, c0 in expect.get("copied_from", []):
        cell = grid.rows[r].cells[c]
        assert cell is not None and cell.copied_from == (r0, c0)
        origin = grid.rows[r0].cells[c0]
        assert origin is not None and origin.own, "a copy points at the own cell that spans"
        assert (cell.raw, cell.value) == (origin.raw, origin.value)

    for spec in expect.get("values", []):
        r, c = spec["at"]
        cell = grid.rows[r].cells[c]
        assert cell is not None, f"no cell at {r},{c}"
        value = cell.value
        assert value.kind == spec["kind"], (r, c, cell.raw)
        if "number" in spec:
            assert value.number == _none(spec["number"])
        if "pair" in spec:
            assert value.pair == _none(spec["pair"])
        if "marks" in spec:
            assert cell.marks == tuple(spec["marks"])
        if "raw" in spec:
            assert cell.raw == spec["raw"]
        if "status" in spec:
            assert value.score is not None and value.score.status == spec["status"]
        if "penalties" in spec:
            assert value.score is not None
            pens = (value.score.home_penalties, value.score.away_penalties)
            expected = _none(spec["penalties"])
            assert pens == (expected if expected is not None else (None, None))

    leftovers = [
        {"code": left.code, "cells": [c.text for c in left.cells]} for left in grid.leftovers
    ]
    assert leftovers == expect.get("leftovers", [])
    assert grid.truncated is expect.get("truncated", False)
    assert grid.layout_cells == expect.get("layout_cells", {}).get(rendering, 0)


def _multi() -> list[Any]:
    return [pytest.param(case, id=case["name"]) for case in CASES if len(case["inputs"]) > 1]


@pytest.mark.parametrize("case", _multi())
def test_every_rendering_of_a_table_gives_the_same_grid(case: dict[str, Any]) -> None:
    """Cells, rows, header and leftovers are equal across renderings (rule lines aside)."""
    grids = [_read(text)[1] for text in case["inputs"].values()]
    first = grids[0]
    for other in grids[1:]:
        assert other.header == first.header
        assert other.rows == first.rows
        assert other.leftovers == first.leftovers
        assert (other.truncated, other.role) == (first.truncated, first.role)


def _tsv_cases() -> list[Any]:
    # Cases whose grid a reader could state in TSV: a table with a header and no leftovers.
    return [
        pytest.param(case, id=case["name"])
        for case in CASES
        if case["expect"]["header"]
        and not case["expect"].get("leftovers")
        and case["expect"].get("grids", 1) == 1
    ]


@pytest.mark.parametrize("case", _tsv_cases())
def test_the_test_only_tsv_front_end_gives_the_stated_grid_too(case: dict[str, Any]) -> None:
    """Every front end, the plug-in one included, gives the grid the case states."""
    from pipeline import frontends
    from tests.plugins.tsv import TsvFrontEnd, render_tsv

    doc, _ = _read(next(iter(case["inputs"].values())))
    frontends.register(TsvFrontEnd())
    try:
        again, _ = read_document(render_tsv(doc).encode(), "case", "case.tsv")
    finally:
        frontends.unregister("tsv")
    grid = again.grids[0]
    assert again.rendering == "tsv"
    assert [[c.text for c in row] for row in grid.header] == case["expect"]["header"]
    assert [[_slot(c) for c in row.cells] for row in grid.rows] == case["expect"]["rows"]

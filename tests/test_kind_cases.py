"""Run the kind case file (`tests/cases/kinds.toml`): a grid -> its kind and the records read.

Each case writes a grid inline (raw cell texts, `^` for a covered copy, false for an absent
slot), builds it with `make_cell`, asks `pipeline.kinds.recognise` for its kind and reads it with
a fresh `Account`. The kind name, the column roles, selected record fields, the account's
counts and the findings are compared with what the case states; IDs and the cell accounting are
checked on every case. The encoding is described at the top of the case file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from pipeline.document import Grid, GridCell, GridRow, Placement, make_cell
from pipeline.findings import Site
from pipeline.kinds import Account, Records, TableContext, recognise, table_kinds
from pipeline.model import Match, StandingRow, Tie

CASE_FILE = Path(__file__).parent / "cases" / "kinds.toml"
TABLE_ID = "case#1"
SITE = Site("case", "case.txt", TABLE_ID)
NULL = "~"  # the case file's None (TOML has no null)
COVERED = "^"
NO_KIND = "none"
PLACEMENTS = {
    None: Placement(),
    "tiebreaker": Placement(path=("Tiebreaker",), kinds=("tiebreaker",)),
}
OUTPUTS = ("standings", "matches", "ties")


def _load() -> dict[str, Any]:
    with CASE_FILE.open("rb") as handle:
        return tomllib.load(handle)


DATA = _load()
FIELDS: dict[str, list[str]] = DATA["fields"]
CASES: list[dict[str, Any]] = DATA["case"]


def _params() -> list[Any]:
    return [pytest.param(case, id=case["name"]) for case in CASES]


def build_grid(case: dict[str, Any]) -> Grid:
    """The case's grid: own cells from raw text, covered copies pointing at their span."""
    header = tuple(tuple(make_cell(t, 1, header=True) for t in row) for row in case["header"])
    line = len(header) + 1
    ordinals = case.get("ordinals", list(range(len(case["rows"]))))
    rows: list[GridRow] = []
    for r, texts in enumerate(case["rows"]):
        cells: list[GridCell | None] = []
        for c, text in enumerate(texts):
            if text is False:
                cells.append(None)
            elif text == COVERED:
                above = rows[r - 1].cells[c]
                assert above is not None, f"{case['name']}: a copy needs a cell above"
                cells.append(above.copied_to(above.copied_from or (r - 1, c)))
            else:
                cells.append(make_cell(text, line + r))
        rows.append(GridRow(tuple(cells), line + r, ordinals[r]))
    return Grid(TABLE_ID, 1, line + len(rows), header=header, rows=tuple(rows))


def _value(value: Any) -> Any:
    """A case-file value as the records hold it: `~` is None, lists are tuples."""
    if value == NULL:
        return None
    if isinstance(value, list):
        return tuple(_value(v) for v in value)
    return value


def _expected(case: dict[str, Any], output: str) -> list[dict[str, Any]]:
    fields = FIELDS[output]
    out = []
    for record in case["expect"][output]:
        assert len(record) == len(fields), f"{case['name']}: {output} record {record}"
        out.append({f: _value(v) for f, v in zip(fields, record, strict=True)})
    return out


def _actual(records: tuple[object, ...], output: str) -> list[dict[str, Any]]:
    return [{f: getattr(r, f) for f in FIELDS[output]} for r in records]


def _read(case: dict[str, Any]) -> tuple[str, tuple[str, ...], Records, Account] | None:
    grid = build_grid(case)
    found = recognise(grid)
    if found is None:
        return None
    kind, columns = found
    ctx = TableContext(grid, columns, PLACEMENTS[case.get("placement")], SITE, kind.reads)
    account = Account()
    return kind.name, columns.roles, kind.read(ctx, account), account


def test_case_file_is_well_formed() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    kinds = {k.name for k in table_kinds()} | {NO_KIND}
    for case in CASES:
        assert case["kind"] in kinds, case["name"]
        assert case.get("placement") in PLACEMENTS, case["name"]
        widths = {len(row) for row in case["rows"]}
        assert widths == {len(case["header"][-1])}, f"{case['name']}: ragged rows"
    # Every built-in kind and the unknown header are exercised.
    assert {c["kind"] for c in CASES} == kinds


@pytest.mark.parametrize("case", _params())
def test_grid_is_read_into_the_stated_records(case: dict[str, Any]) -> None:
    result = _read(case)
    if case["kind"] == NO_KIND:
        assert result is None
        return
    assert result is not None, "no kind recognised the grid"
    kind, roles, records, account = result
    expect = case["expect"]
    assert kind == case["kind"]
    if "roles" in expect:
        assert roles == tuple(expect["roles"])

    # Every output the kind declares is stated, and each is read as stated.
    declared = next(k.outputs for k in table_kinds() if k.name == kind)
    assert set(records.by_output) == set(declared)
    assert {o for o in OUTPUTS if o in expect} == set(declared)
    for output in declared:
        assert _actual(records.by_output[output], output) == _expected(case, output), output

    assert {
        "data": account.data,
        "layout": account.layout,
        "unused": len(account.unused),
    } == expect["account"]
    assert sorted(account.unused_labels) == sorted(expect.get("unused_labels", []))
    assert [f.code for f in account.findings] == expect.get("findings", [])
    if "rows" in expect:
        assert records.rows == expect["rows"]
    if "points_column" in expect:
        assert records.points_column is expect["points_column"]


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["kind"] != NO_KIND], ids=lambda c: str(c["name"])
)
def test_every_own_cell_is_counted_once_and_ids_follow_reading_order(
    case: dict[str, Any],
) -> None:
    """Data + layout + unused + named = the rows' own cells (a named cell is unused, named by
    the kind's own finding); copies are never counted again."""
    result = _read(case)
    assert result is not None
    _, _, records, account = result
    grid = build_grid(case)
    own = sum(1 for row in grid.rows for _, _ in row.own_cells())
    assert account.data + account.layout + len(account.unused) + account.named == own

    matches = [m for m in records.by_output.get("matches", ()) if isinstance(m, Match)]
    assert len(matches) == len(records.by_output.get("matches", ()))
    assert [m.match_id for m in matches] == [f"{TABLE_ID}/m{n}" for n in range(1, len(matches) + 1)]
    ties = [t for t in records.by_output.get("ties", ()) if isinstance(t, Tie)]
    assert len(ties) == len(records.by_output.get("ties", ()))
    assert [t.tie_id for t in ties] == [f"{TABLE_ID}/t{n}" for n in range(1, len(ties) + 1)]
    if ties:
        # A tie's legs are the table's matches, in order, each carrying the tie's ID.
        assert [leg for t in ties for leg in t.legs] == list(matches)
        assert all(leg.tie_id == t.tie_id for t in ties for leg in t.legs)
    standings = records.by_output.get("standings", ())
    assert all(isinstance(s, StandingRow) for s in standings)

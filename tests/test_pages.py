"""The other real pages: every table, row and truncation pinned; no page crashes."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import FIXTURES, parse_fixture


def _summary(name: str) -> list[tuple[str, str, int, int]]:
    result = parse_fixture(name)
    return [
        (t.kind, t.status, t.line, len(t.standings) or len(t.ties) or len(t.matches))
        for t in result.tables
    ]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_fixture_accounts_for_every_cell(path) -> None:  # type: ignore[no-untyped-def]
    result = parse_fixture(path.name)
    named: Counter[str | None] = Counter()
    for f in result.findings:
        if f.table_id:
            named[f.table_id] += f.cells
    for t in result.tables:
        assert t.cells == t.cells_layout + t.cells_data + t.cells_unused, t.table_id
        # Every unused cell is named by a finding of its table.
        assert named[t.table_id] == t.cells_unused, t.table_id
    assert all(f.line >= 1 for f in result.findings)


def test_2005_rows_page_standings_infobox_and_status_marks() -> None:
    name = "2005_peruvian_segunda_division__rows_excerpt.txt"
    result = parse_fixture(name)
    assert _summary(name) == [("unknown", "skipped", 3, 0), ("league", "parsed", 11, 12)]
    assert result.info.rendering == "row_per_line"
    infobox = result.tables[0]
    assert infobox.cells_unused == 9 and infobox.cells_layout == 2
    assert [f.code for f in result.findings if f.table_id == infobox.table_id] == [
        "infobox-skipped"
    ]
    rows = result.tables[1].standings
    first, last = rows[0], rows[-1]
    assert (first.team, first.notes, first.points, first.goal_difference) == (
        "Olímpico Somos Peru", ("C",), 46, 30,
    )  # fmt: skip
    assert first.qualification == "2005 Copa Perú - National Stage"
    assert rows[5].team == "Sporting Cristal B" and rows[5].notes == ("note 1",)
    # The last row lacks its rowspan-covered cell: it takes the (empty) value above.
    assert (last.team, last.position, last.points, last.qualification) == (
        "Somos Aduanas", 12, 5, None,
    )  # fmt: skip
    assert rows[8].qualification == "2006 Copa Perú"
    # Legend and Source lines are prose, not headings; the table sits under "Standings".
    assert result.tables[1].section.path == ("Standings",)
    assert not [f for f in result.findings if f.severity != "info"]


def test_2012_rows_page_old_two_legged_layout() -> None:
    name = "2012_ligas_departamentales_peru__rows_excerpt.txt"
    result = parse_fixture(name)
    assert _summary(name) == [
        ("unknown", "skipped", 1, 0),
        ("two_legged", "parsed", 7, 7),
        ("league", "parsed", 19, 3),
        ("league", "parsed", 26, 4),
        ("two_legged", "parsed", 34, 1),
        ("two_legged", "partial", 40, 2),
    ]
    ties = {d.tie_id.split("#")[1]: d for d in result.ties}
    nieva = ties["2/t1"]
    assert (nieva.tie.team1, nieva.tie.team2, nieva.tie.stated_points) == (
        "Defensor Nieva", "Muni Ba", (0, 6),
    )  # fmt: skip
    assert (nieva.team1_points, nieva.team2_points, nieva.winner) == (0, 6, "Muni Ba")
    assert nieva.tie.aggregate_text is None  # no aggregate cell in this layout
    leg2 = nieva.tie.legs[1]
    assert (leg2.home_team, leg2.home_goals, leg2.away_goals) == ("Muni Ba", 12, 2)
    final = ties["5/t1"]
    assert [leg.status for leg in final.tie.legs] == ["played", "not_played"]
    assert final.tie.legs[1].home_goals is None
    assert (final.decided_by, final.winner) == ("points", "Deportivo Municipal (RdM)")
    assert result.tables[1].section.path == ("Liga Departamental de Amazonas", "First stage")
    assert result.tables[2].section.group == "Group A"
    truncated = [f for f in result.findings if f.code == "table-truncated"]
    assert [(f.line, f.cells) for f in truncated] == [(45, 3)]
    assert result.info.truncated is True


def test_2022_ligas_page_penalties_in_aggregate_and_cut_table() -> None:
    name = "2022_ligas_departamentales_peru__excerpt.txt"
    result = parse_fixture(name)
    assert _summary(name) == [
        ("two_legged", "parsed", 4, 5),
        ("two_legged", "parsed", 65, 4),
        ("two_legged", "partial", 119, 12),
    ]
    first = result.ties[0]
    assert (first.tie.team1_aggregate, first.tie.team2_aggregate) == (4, 4)
    assert (first.tie.team1_penalties, first.tie.team2_penalties) == (6, 5)
    assert (first.decided_by, first.winner) == ("penalties", "Defensor Mariscal Benavides")
    lopsided = [d.tie for d in result.ties if d.tie.aggregate_text == "0–25"]
    assert [(t.team1, t.team1_aggregate, t.team2_aggregate) for t in lopsided] == [
        ("Juventud Santa Rosa", 0, 25)
    ]
    assert [(f.code, f.line, f.cells) for f in result.findings if f.severity == "warning"] == [
        ("table-truncated", 249, 1)
    ]


def test_2025_page_pending_bracket_without_errors() -> None:
    name = "2025_copa_peru__excerpt.txt"
    result = parse_fixture(name)
    assert _summary(name) == [
        ("two_legged", "parsed", 8, 32),
        ("two_legged", "parsed", 275, 16),
        ("two_legged", "parsed", 414, 8),
        ("two_legged", "partial", 489, 0),
    ]
    assert {d.decided_by for d in result.ties} == {"pending"}
    legs = [m for t in result.tables for m in t.matches]
    assert {m.status for m in legs} == {"pending"}
    assert all(m.home_team is None and m.home_goals is None for m in legs)
    assert [(f.code, f.line) for f in result.findings if f.severity != "info"] == [
        ("table-truncated", 491)
    ]


def test_2022_femenina_mobile_single_matches_rules_and_edit_links() -> None:
    name = "2022_copa_peru_femenina__mobile_excerpt.txt"
    result = parse_fixture(name)
    kinds = Counter(t.kind for t in result.tables)
    assert kinds == {"single_match": 10}
    assert sum(len(t.matches) for t in result.tables) == 18
    first = result.tables[0]
    assert first.section.path == ("Regional Stage", "First round")
    assert first.cells_layout == 4  # three header cells and the `---|` rule
    m = first.matches[0]
    assert (m.home_team, m.away_team, m.home_goals, m.away_goals) == (
        "Real Chachapoyas", "UNT", 7, 0,
    )  # fmt: skip
    unplayed = result.tables[2].matches[0]
    assert (unplayed.status, unplayed.home_goals, unplayed.score_text) == ("not_played", None, "–")
    # Two tables back to back (the export lost the heading between them) are split.
    assert [t.line for t in result.tables[3:5]] == [66, 85]
    assert result.tables[5].section.path == ("Regional Stage", "Region III")
    headings = {
        f.message.split("'")[1] for f in result.findings if f.code == "heading-without-table"
    }
    assert "Departamental Stage" in headings  # glued `...StageEditRegional StageEdit` split
    assert [(f.code, f.line) for f in result.findings if f.severity != "info"] == [
        ("table-truncated", 192)
    ]


def test_spelled_out_labels_are_read_and_a_real_goal_difference_slip_is_named() -> None:
    result = parse_fixture("rows/1992-93_segunda_division_standings__wtq_203-csv_145.table.txt")
    table = result.tables[0]
    assert (table.kind, table.cells_layout, table.cells_unused) == ("league", 10, 0)
    villarreal = next(r for r in table.standings if r.team == "Villarreal CF")
    assert (villarreal.goals_for, villarreal.goals_against, villarreal.goal_difference) == (
        38, 51, -14,
    )  # fmt: skip
    slips = [f for f in result.findings if f.code == "row-arithmetic"]
    assert [(f.team, f.stated, f.computed) for f in slips] == [("Villarreal CF", "-14", "-13")]


def test_with_no_stated_rule_only_points_order_a_table() -> None:
    # 1961-62 ranked level teams by goal average: judging them on goal difference would be a
    # false alarm, so level teams are at most an info.
    result = parse_fixture(
        "rows/1961-62_segunda_division_group2_standings__wtq_204-csv_135.table.txt"
    )
    assert not [f for f in result.findings if f.severity != "info"]
    level = [f.team for f in result.findings if f.code == "order-level"]
    assert "Hércules CF" in level and "Real Jaén" in level

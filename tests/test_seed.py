"""The 2004 Copa Perú page end to end: the contract's counts and spot values across every table."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from pipeline.model import Match, ParsedTable, StandingRow
from pipeline.page import PageResult


def _leagues(seed: PageResult) -> list[ParsedTable]:
    return [t for t in seed.tables if t.kind == "league"]


def _row(seed: PageResult, team: str) -> StandingRow:
    rows = [r for t in _leagues(seed) for r in t.standings if r.team == team]
    assert len(rows) == 1, team
    return rows[0]


def _match(seed: PageResult, home: str, away: str, kind: str = "league") -> Match:
    found = [
        m
        for t in seed.tables
        for m in t.matches
        if (m.home_team, m.away_team, m.kind) == (home, away, kind)
    ]
    assert len(found) == 1, (home, away, kind)
    return found[0]


def test_seed_has_five_league_tables_and_32_standings_rows(seed: PageResult) -> None:
    leagues = _leagues(seed)
    assert len(leagues) == 5
    assert sum(len(t.standings) for t in leagues) == 32
    assert [len(t.standings) for t in leagues] == [4, 6, 6, 4, 12]


def test_rowspan_qualification_reaches_eight_teams(seed: PageResult) -> None:
    qualified = [r.team for t in _leagues(seed) for r in t.standings if r.qualification]
    assert qualified == [
        "José Gálvez",
        "Echa Muni",
        "Santa Rita",
        "San José",
        "Sport Alfonso Ugarte",
        "UNAP",
        "Olímpico Somos Perú",
        "Deportivo Municipal",
    ]
    assert {r.qualification for t in _leagues(seed) for r in t.standings} == {
        "National stage",
        None,
    }


def test_matches_count_216_matrix_18_legs_3_tiebreakers(seed: PageResult) -> None:
    kinds = Counter(m.kind for t in seed.tables for m in t.matches)
    assert kinds == {"league": 216, "leg_1": 9, "leg_2": 9, "tiebreaker": 3}


def test_three_walkovers_have_null_goals(seed: PageResult) -> None:
    walkovers = [m for t in seed.tables for m in t.matches if m.status == "walkover"]
    assert [(m.home_team, m.away_team, m.line) for m in walkovers] == [
        ("Sporting Caxamarca", "El Tumi", 270),
        ("Cultural Guadalupe", "UNDAC", 505),
        ("Deportivo Huáscar", "Lúcuma Dorada", 740),
    ]
    assert all(m.home_goals is None and m.away_goals is None for m in walkovers)


@pytest.mark.parametrize(
    ("team", "expected"),
    [
        # (position, abbr, Pld, W, D, L, GF, GA, GD, Pts, qualification, line)
        ("Sport Vallejo", (2, "SPV", 6, 4, 1, 1, 13, 7, 6, 13, None, 188)),
        ("Santa Rita", (2, "SRJ", 10, 4, 3, 3, 18, 16, 2, 15, "National stage", 349)),
        ("Deportivo Huáscar", (6, "DPH", 9, 0, 4, 5, 5, 19, -14, 4, None, 711)),
        ("Deportivo Siloe", (4, "DPS", 6, 1, 0, 5, 5, 13, -8, 3, None, 865)),
        ("Alcides Vigo", (12, "ALC", 22, 1, 5, 16, 14, 52, -38, 8, None, 1483)),
    ],
    ids=["region-ii-group-a", "region-iii", "region-iv", "region-v-group-a", "region-vi"],
)
def test_standings_row_of_each_table(
    seed: PageResult, team: str, expected: tuple[object, ...]
) -> None:
    r = _row(seed, team)
    got = (
        r.position, r.team_abbr, r.played, r.won, r.drawn, r.lost, r.goals_for,
        r.goals_against, r.goal_difference, r.points, r.qualification, r.line,
    )  # fmt: skip
    assert got == expected


def test_footnote_mark_moves_to_notes(seed: PageResult) -> None:
    row = _row(seed, "Sporting Cristal B")
    assert row.notes == ("note 1",)


@pytest.mark.parametrize(
    ("home", "away", "goals", "line"),
    [
        ("José Gálvez", "Sport Vallejo", (1, 0), 182),
        ("Santa Rita", "Echa Muni", (1, 3), 370),
        ("Lúcuma Dorada", "San José", (2, 1), 700),
        ("San Juan", "UNAP", (3, 1), 858),
        ("Defensor Villa del Mar", "Somos Aduanas", (1, 2), 1347),
    ],
    ids=["region-ii-group-a", "region-iii", "region-iv", "region-v-group-a", "region-vi"],
)
def test_matrix_cell_of_each_table(
    seed: PageResult, home: str, away: str, goals: tuple[int, int], line: int
) -> None:
    m = _match(seed, home, away)
    assert (m.home_goals, m.away_goals) == goals
    assert m.line == line
    assert m.status == "played" and not m.neutral


def test_matrix_diagonal_is_layout_not_a_match(seed: PageResult) -> None:
    for t in _leagues(seed):
        assert all(m.home_team != m.away_team for m in t.matches)
        n = len(t.standings)
        assert len(t.matches) == n * (n - 1)


TIES = [
    # tie_id, team1, team2, aggregate, legs (team 1 first as written), points, decided_by, winner
    ("#1/t1", "Flamengo", "Higos Urco", (3, 1), ((3, 1), (0, 0)), (4, 1), "points", "Flamengo"),
    ("#1/t2", "Sport Sealcas", "Universidad de Chiclayo", (1, 5), ((0, 1), (1, 4)), (0, 6),
     "points", "Universidad de Chiclayo"),
    ("#1/t3", "Olimpia", "Independiente (Tumbes)", (2, 0), ((2, 0), (0, 0)), (4, 1), "points",
     "Olimpia"),
    ("#1/t4", "Unión Pacífico", "Academia Municipal", (3, 2), ((1, 2), (2, 0)), (3, 3),
     "tiebreaker", "Academia Municipal"),
    ("#3/t1", "Universidad de Chiclayo", "Academia Municipal", (2, 3), ((2, 1), (0, 2)), (3, 3),
     "tiebreaker", "Universidad de Chiclayo"),
    ("#3/t2", "Olimpia", "Flamengo", (0, 0), ((0, 0), (0, 0)), (2, 2), "tiebreaker", "Flamengo"),
    ("#9/t1", "Juventud Torre Blanca", "Defensor Tacna", (10, 0), ((2, 0), (8, 0)), (6, 0),
     "points", "Juventud Torre Blanca"),
    ("#9/t2", "Las Mercedes", "Independiente", (1, 1), ((1, 0), (0, 1)), (3, 3), "tiebreaker",
     "Independiente"),
    ("#10/t1", "Juventud Torre Blanca", "Independiente", (1, 3), ((0, 2), (1, 1)), (1, 4),
     "points", "Independiente"),
]  # fmt: skip


@pytest.mark.parametrize("case", TIES, ids=[c[0] for c in TIES])
def test_each_tie(seed: PageResult, case: tuple[Any, ...]) -> None:
    suffix, t1, t2, agg, legs, points, decided_by, winner = case
    decided = {d.tie_id: d for d in seed.ties}[f"2004_copa_peru{suffix}"]
    tie = decided.tie
    assert (tie.team1, tie.team2) == (t1, t2)
    assert (tie.team1_aggregate, tie.team2_aggregate) == agg
    leg1, leg2 = tie.legs
    assert (leg1.home_team, leg1.away_team) == (t1, t2)
    assert (leg1.home_goals, leg1.away_goals) == legs[0]
    # Contract: leg 2 is at team 2's ground, written team 1 first.
    assert (leg2.home_team, leg2.away_team) == (t2, t1)
    assert (leg2.away_goals, leg2.home_goals) == legs[1]
    assert (decided.team1_points, decided.team2_points) == points
    assert (decided.decided_by, decided.winner) == (decided_by, winner)
    assert decided.winner_inferred == (suffix == "#9/t2")


def test_nine_ties_eighteen_legs(seed: PageResult) -> None:
    assert len(seed.ties) == 9
    assert sum(len(d.tie.legs) for d in seed.ties) == 18


@pytest.mark.parametrize(
    ("home", "away", "goals", "pens", "tie"),
    [
        ("Academia Municipal", "Unión Pacífico", (4, 0), (None, None), "#1/t4"),
        ("Universidad de Chiclayo", "Academia Municipal", (1, 0), (None, None), "#3/t1"),
        ("Flamengo", "Olimpia", (1, 1), (4, 2), "#3/t2"),
    ],
    ids=["region-i-quarterfinal", "region-i-semifinal-1", "region-i-semifinal-2-penalties"],
)
def test_each_tiebreaker(
    seed: PageResult,
    home: str,
    away: str,
    goals: tuple[int, int],
    pens: tuple[int | None, int | None],
    tie: str,
) -> None:
    m = _match(seed, home, away, "tiebreaker")
    assert (m.home_goals, m.away_goals) == goals  # the shoot-out is never added to the score
    assert (m.home_penalties, m.away_penalties) == pens
    assert m.neutral is True
    assert m.tie_id == f"2004_copa_peru{tie}"


def test_seed_sections_nest_by_heading_kind(seed: PageResult) -> None:
    paths = {t.table_id: t.section.path for t in seed.tables}
    assert paths["2004_copa_peru#2"] == (
        "Regional Stage",
        "Region I",
        "Quarterfinals",
        "Tiebreaker",
    )
    assert paths["2004_copa_peru#5"] == ("Regional Stage", "Region II", "Group A")
    # Region V's Semifinals after Group B is a sibling of Group B, not inside it.
    assert paths["2004_copa_peru#9"] == ("Regional Stage", "Region V", "Semifinals")
    t5 = seed.tables[4].section
    assert (t5.stage, t5.region, t5.group, t5.round) == (
        "Regional Stage", "Region II", "Group A", None,
    )  # fmt: skip


def test_every_cell_is_accounted_for_and_football_tables_use_all(seed: PageResult) -> None:
    for t in seed.tables:
        assert t.cells == t.cells_layout + t.cells_data + t.cells_unused, t.table_id
        if t.kind != "unknown":
            assert t.cells_unused == 0, t.table_id
    navbox = seed.tables[-1]
    assert (navbox.kind, navbox.status) == ("unknown", "skipped")
    assert navbox.cells_unused == navbox.cells - navbox.cells_layout > 0


def test_seed_warnings_are_exactly_the_contracts_four(seed: PageResult) -> None:
    serious = [
        (f.severity, f.code, f.team, f.field, f.stated, f.computed)
        for f in seed.findings
        if f.severity != "info"
    ]
    assert sorted(serious) == [
        ("warning", "standings-vs-results", "Defensor Villa del Mar", "goal_difference", "-13",
         "-12"),
        ("warning", "standings-vs-results", "Defensor Villa del Mar", "goals_for", "22", "23"),
        ("warning", "standings-vs-results", "Somos Aduanas", "goal_difference", "-20", "-21"),
        ("warning", "standings-vs-results", "Somos Aduanas", "goals_against", "43", "44"),
    ]  # fmt: skip


def test_seed_disagreements_point_to_the_two_meetings(seed: PageResult) -> None:
    dvm_v_sa = _match(seed, "Defensor Villa del Mar", "Somos Aduanas").line
    sa_v_dvm = _match(seed, "Somos Aduanas", "Defensor Villa del Mar").line
    for f in seed.findings:
        if f.code == "standings-vs-results":
            assert f.candidate_lines == tuple(sorted((dvm_v_sa, sa_v_dvm)))


def test_seed_infos_name_walkovers_level_teams_lost_tables_and_navbox(seed: PageResult) -> None:
    codes = Counter(f.code for f in seed.findings if f.severity == "info")
    assert codes["walkover-policy"] == 3
    assert codes["navbox-skipped"] == 1
    assert codes["tiebreaker-missing"] == 1
    assert codes["heading-without-table"] > 0
    level = [f for f in seed.findings if f.code == "order-level"]
    assert (level[0].team, level[0].line) == ("Sport Vallejo", 188)
    assert "Tiebreaker" in level[0].message
    policies = {f.stated for f in seed.findings if f.code == "walkover-policy"}
    assert policies == {"ignored"}


def test_seed_page_row(seed: PageResult) -> None:
    info = seed.info
    assert (info.season, info.competition, info.truncated) == ("2004", "Copa Perú", False)
    assert info.lines == 1622
    assert info.tables == 12


def test_seed_rendering_is_its_football_tables_flavour(seed: PageResult) -> None:
    # The navbox mixes `---|` rules and row lines, but the page is cell-per-line.
    assert seed.info.rendering == "cell_per_line"
    assert seed.tables[-1].rendering == "mixed"


def test_sections_the_export_has_no_table_for_are_listed_outermost_first(seed: PageResult) -> None:
    # Issue 14: the seed has no table for Regions VII and VIII or the National Stage; their
    # groups and rounds are not listed again, and Notes holds no table by nature.
    missing = seed.info.sections_without_table
    assert {"Regional Stage › Region VII", "Regional Stage › Region VIII", "National Stage"} <= set(
        missing
    )
    assert not [s for s in missing if s.startswith(("Regional Stage › Region VII ›", "National"))
                and s != "National Stage"]  # fmt: skip
    assert not [s for s in missing if s.endswith("Notes")]

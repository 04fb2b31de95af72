"""Each cross-check: a minimal page that trips it, and the real rows it passes on."""

from __future__ import annotations

import pytest

from pipeline.findings import Finding
from pipeline.page import PageResult, parse_page


def parse(text: str) -> PageResult:
    return parse_page(text.encode(), "case", "case.txt")


def flat(result: PageResult, *codes: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """Findings flattened as (code, team, field, stated/computed) for comparison."""
    return [
        (f.code, f.team, f.field, f"{f.stated}/{f.computed}")
        for f in result.findings
        if not codes or f.code in codes
    ]


def league(rows: list[str], *, rule: str | None = None, matrix: bool = False) -> str:
    """A row-per-line standings table (optionally with results-matrix columns)."""
    n = len(rows)
    header = "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts |"
    if matrix:
        header += " | " + " | ".join(f"T{i}" for i in range(1, n + 1)) + " |"
    width = header.count("|")
    text = "Group A\n" + header + "\n" + "---|" * width + "\n" + "\n".join(rows) + "\n"
    if rule:
        text += rule + "\n"
    return text


# --- row arithmetic -------------------------------------------------------------------------


def test_row_arithmetic_flags_wdl_not_adding_up_to_played() -> None:
    result = parse(league(["1 | Alfa | 4 | 2 | 1 | 0 | 5 | 2 | +3 | 7 |",
                           "2 | Beta | 3 | 0 | 1 | 2 | 2 | 5 | −3 | 1 |"]))  # fmt: skip
    assert flat(result, "row-arithmetic") == [("row-arithmetic", "Alfa", "played", "4/3")]


def test_row_arithmetic_flags_goal_difference() -> None:
    result = parse(league(["1 | Alfa | 3 | 2 | 1 | 0 | 5 | 2 | +4 | 7 |",
                           "2 | Beta | 3 | 0 | 1 | 2 | 2 | 5 | −3 | 1 |"]))  # fmt: skip
    assert flat(result, "row-arithmetic") == [
        ("row-arithmetic", "Alfa", "goal_difference", "+4/+3")
    ]


def test_two_points_a_win_table_is_one_info_not_a_wall_of_warnings() -> None:
    rows = [
        "1 | Alfa | 3 | 2 | 1 | 0 | 5 | 2 | +3 | 5 |",
        "2 | Beta | 3 | 1 | 1 | 1 | 4 | 4 | 0 | 3 |",
        "3 | Gamma | 2 | 0 | 0 | 2 | 1 | 4 | −3 | 0 |",
    ]
    result = parse(league(rows))
    assert [(f.code, f.stated) for f in result.findings if f.field == "points"] == [
        ("points-rule", "2")
    ]


def test_single_row_fitting_no_rule_is_a_points_deduction() -> None:
    rows = [
        "1 | Alfa | 3 | 2 | 1 | 0 | 5 | 2 | +3 | 7 |",
        "2 | Beta | 3 | 1 | 1 | 1 | 4 | 4 | 0 | 1 |",
        "3 | Gamma | 2 | 0 | 0 | 2 | 1 | 4 | −3 | 0 |",
    ]
    result = parse(league(rows))
    deductions = [f for f in result.findings if f.code == "points-deduction"]
    assert [(f.team, f.stated, f.computed) for f in deductions] == [("Beta", "1", "4")]
    assert "-3" in deductions[0].message


# --- standings vs results matrix ------------------------------------------------------------

CONSISTENT = [
    "1 | Alfa | 2 | 2 | 0 | 0 | 5 | 1 | +4 | 6 | | | 3–1 |",
    "2 | Beta | 2 | 0 | 0 | 2 | 1 | 5 | −4 | 0 | | 0–2 | |",
]


def test_consistent_matrix_gives_no_finding() -> None:
    result = parse(league(CONSISTENT, matrix=True))
    assert flat(result, "standings-vs-results", "table-totals", "row-arithmetic") == []
    (table,) = result.tables
    assert [(m.home_team, m.away_team, m.home_goals) for m in table.matches] == [
        ("Alfa", "Beta", 3), ("Beta", "Alfa", 0),
    ]  # fmt: skip


def test_one_wrong_goal_names_both_teams_and_both_meetings() -> None:
    rows = [CONSISTENT[0], CONSISTENT[1].replace("0–2", "1–2")]
    result = parse(league(rows, matrix=True))
    found = [f for f in result.findings if f.code == "standings-vs-results"]
    assert sorted((f.team, f.field) for f in found) == [
        ("Alfa", "goal_difference"), ("Alfa", "goals_against"),
        ("Beta", "goal_difference"), ("Beta", "goals_for"),
    ]  # fmt: skip
    assert {f.candidate_lines for f in found} == {(4, 5)}  # the changed cell and its return


def test_walkover_policy_is_chosen_by_what_reconciles_and_said_as_info() -> None:
    rows = [
        "1 | Alfa | 1 | 1 | 0 | 0 | 3 | 1 | +2 | 3 | | | 3–1 |",
        "2 | Beta | 1 | 0 | 0 | 1 | 1 | 3 | −2 | 0 | | W.O. | |",
    ]
    result = parse(league(rows, matrix=True))
    assert flat(result, "walkover-policy") == [("walkover-policy", None, "played", "ignored/None")]
    assert flat(result, "standings-vs-results") == []


def test_walkover_counted_as_awarded_win_when_that_reconciles() -> None:
    rows = [
        "1 | Alfa | 2 | 2 | 0 | 0 | 6 | 1 | +5 | 6 | | | 3–1 |",
        "2 | Beta | 2 | 0 | 0 | 2 | 1 | 6 | −5 | 0 | | W.O. | |",
    ]
    result = parse(league(rows, matrix=True))
    assert [f.stated for f in result.findings if f.code == "walkover-policy"] == ["away-win"]
    assert flat(result, "standings-vs-results") == []


# --- totals and order -----------------------------------------------------------------------


def test_totals_flag_goals_for_not_matching_goals_against() -> None:
    rows = ["1 | Alfa | 1 | 1 | 0 | 0 | 3 | 1 | +2 | 3 |",
            "2 | Beta | 1 | 0 | 0 | 1 | 2 | 3 | −1 | 0 |"]  # fmt: skip
    result = parse(league(rows))
    assert flat(result, "table-totals") == [("table-totals", None, "goals_for", "5/4")]


def test_order_level_on_points_is_info_and_a_forbidden_order_a_warning() -> None:
    rule = "Rules for classification: 1) points; 2) goal difference; 3) number of goals scored."
    rows = [
        "1 | Alfa | 2 | 1 | 1 | 0 | 2 | 1 | +1 | 4 |",
        "2 | Beta | 2 | 1 | 1 | 0 | 3 | 1 | +2 | 4 |",
        "3 | Gamma | 2 | 0 | 0 | 2 | 1 | 4 | −3 | 0 |",
    ]
    result = parse(league(rows, rule=rule))
    assert [(f.code, f.team) for f in result.findings if f.code.startswith("order")] == [
        ("order-violation", "Beta")
    ]
    by_points = parse(
        "Stage\nOn every stage qualification is decided by points, no matter the goal "
        "difference.\n" + league(rows)
    )
    assert [(f.code, f.team) for f in by_points.findings if f.code.startswith("order")] == [
        ("order-level", "Beta")
    ]


# --- two-legged ties ------------------------------------------------------------------------

TIE_HEADER = "Team 1\n|\nAgg.Tooltip Aggregate score\n|\nTeam 2\n|\n1st leg\n|\n2nd leg\n|\n"


def ties(rows: list[tuple[str, str, str, str, str]], heading: str = "Semifinals") -> str:
    cells = "".join(f"{c}\n|\n" for row in rows for c in row)
    return f"{heading}\n{TIE_HEADER}{cells}"


def test_aggregate_not_the_sum_of_legs_is_a_warning() -> None:
    result = parse(ties([("Alfa", "3–1", "Beta", "2–0", "0–0")]))
    assert flat(result, "aggregate-mismatch") == [
        ("aggregate-mismatch", "Alfa", "aggregate", "3–1/2–0")
    ]


def test_penalties_written_where_the_aggregate_is_not_level() -> None:
    result = parse(ties([("Alfa", "3–1 (4–2 p)", "Beta", "2–0", "1–1")]))
    assert [f.code for f in result.findings if f.severity == "warning"] == ["penalties-not-level"]


def test_level_aggregate_decided_on_penalties_by_default_rule() -> None:
    result = parse(ties([("Alfa", "2–2 (4–2 p)", "Beta", "1–1", "1–1")]))
    (decided,) = result.ties
    assert (decided.decided_by, decided.winner) == ("penalties", "Alfa")
    assert [f for f in result.findings if f.severity != "info"] == []


def test_stated_points_disagreeing_with_legs() -> None:
    text = (
        "First stage\nTeams | Scores | ||||\n---|---|---|---|---|---|\n"
        "1st leg home team | Points | 2nd leg home team | 1st leg | 2nd leg | Pen. |\n"
        "Alfa | 4:1 | Beta | 2–0 | 0–1 | – |\n"
    )
    result = parse(text)
    assert flat(result, "tie-points-mismatch") == [
        ("tie-points-mismatch", "Alfa", "points", "4:1/3:3")
    ]


POINTS_RULE = "Stage\nQualification is decided by points. Third match played in neutral ground.\n"


def test_tie_level_on_points_without_third_match_is_reported() -> None:
    result = parse(POINTS_RULE + ties([("Alfa", "1–1", "Beta", "1–0", "0–1")]))
    assert [f.code for f in result.findings if f.code.startswith("tiebreaker")] == [
        "tiebreaker-missing-unresolved"
    ]
    (decided,) = result.ties
    assert (decided.decided_by, decided.winner) == ("tiebreaker", None)


def test_lost_tiebreaker_winner_inferred_from_next_round() -> None:
    text = (
        POINTS_RULE
        + ties([("Alfa", "1–1", "Beta", "1–0", "0–1"), ("Gamma", "2–0", "Delta", "1–0", "1–0")])
        + "Tiebreaker\n"
        + ties([("Beta", "1–0", "Gamma", "1–0", "0–0")], heading="Final")
    )
    result = parse(text)
    first = result.ties[0]
    assert (first.decided_by, first.winner, first.winner_inferred) == ("tiebreaker", "Beta", True)
    assert {"tiebreaker-missing", "winner-inferred"} <= {f.code for f in result.findings}


def test_third_match_decides_and_is_linked_to_its_tie() -> None:
    text = (
        POINTS_RULE
        + ties([("Alfa", "1–1", "Beta", "1–0", "0–1")])
        + "Tiebreaker\nTeam 1\n|\nScore\n|\nTeam 2\n|\nBeta\n|\n1–1 (5–4 p)\n|\nAlfa\n|\n"
    )
    result = parse(text)
    (decided,) = result.ties
    assert (decided.decided_by, decided.winner) == ("tiebreaker", "Beta")
    third = result.tables[1].matches[0]
    assert (third.kind, third.neutral, third.tie_id) == ("tiebreaker", True, decided.tie_id)
    assert (third.home_goals, third.home_penalties) == (1, 5)


def test_loser_in_next_round_is_a_bracket_warning() -> None:
    # The final is exactly this round's winners' place: two ties decided, two teams, both
    # from this round; Beta lost, so Beta in the final contradicts the page.
    text = ties(
        [("Alfa", "2–0", "Beta", "1–0", "1–0"), ("Gamma", "2–0", "Delta", "1–0", "1–0")]
    ) + ties([("Beta", "1–0", "Gamma", "1–0", "0–0")], heading="Final")
    result = parse(text)
    assert flat(result, "bracket-mismatch") == [("bracket-mismatch", "Beta", "winner", "Beta/Alfa")]


def test_no_bracket_warning_where_the_next_round_is_not_only_this_rounds_winners() -> None:
    # Issue 11: a loser may go through where the next round has more places than this round
    # decided ties (best losers) or takes a team from outside it (a seeded entrant).
    more_places = ties([("Alfa", "2–0", "Beta", "1–0", "1–0")]) + ties(
        [("Beta", "1–0", "Alfa", "1–0", "0–0")], heading="Final"
    )
    outsider = ties(
        [("Alfa", "2–0", "Beta", "1–0", "1–0"), ("Gamma", "2–0", "Delta", "1–0", "1–0")]
    ) + ties([("Beta", "1–0", "Omega", "1–0", "0–0")], heading="Final")
    assert flat(parse(more_places), "bracket-mismatch") == []
    assert flat(parse(outsider), "bracket-mismatch") == []


# --- real rows pass -------------------------------------------------------------------------


def test_real_seed_rows_pass_every_check_but_the_known_four(seed: PageResult) -> None:
    codes = {f.code for f in seed.findings if f.severity != "info"}
    assert codes == {"standings-vs-results"}
    assert not [f for f in seed.findings if f.code in {"row-arithmetic", "table-totals"}]


@pytest.mark.parametrize(
    "name",
    [
        "2005_peruvian_segunda_division__rows_excerpt.txt",
        "2012_ligas_departamentales_peru__rows_excerpt.txt",
    ],
)
def test_real_row_per_line_pages_are_consistent(name: str) -> None:
    from tests.conftest import parse_fixture

    result = parse_fixture(name)
    checks = {"row-arithmetic", "points-deduction", "table-totals", "order-violation",
              "tie-points-mismatch", "aggregate-mismatch", "bracket-mismatch"}  # fmt: skip
    found: list[Finding] = [f for f in result.findings if f.code in checks]
    assert found == []

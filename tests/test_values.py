"""Case file for cell values: scores, penalties, statuses, marks, signed numbers, tooltips.

Each case names the rule it pins down and writes the expected value inline. The cells are written
as the real pages write them (en dash scores, Unicode minus, `[note 1]`, `(C)`), plus the
variations other real pages use (ASCII hyphen, `n.p.`, `w/o`, `a.e.t.`, non-breaking spaces).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from pipeline.values import parse_int, parse_pair, parse_score, split_marks, strip_tooltip

NBSP = "\u00a0"


class ScoreCase(NamedTuple):
    name: str
    text: str
    home: int | None
    away: int | None
    home_penalties: int | None
    away_penalties: int | None
    extra_time: bool
    status: str


SCORE_CASES = [
    # Goals as written, team 1 (home) first.
    ScoreCase("en-dash-score", "3–1", 3, 1, None, None, False, "played"),
    ScoreCase("ascii-hyphen-score", "1-0", 1, 0, None, None, False, "played"),
    ScoreCase("goalless-draw-is-zero-zero", "0–0", 0, 0, None, None, False, "played"),
    ScoreCase("lopsided-score-two-digits", "0–25", 0, 25, None, None, False, "played"),
    ScoreCase("spaces-around-the-dash", "2 – 1", 2, 1, None, None, False, "played"),
    # A shoot-out is kept apart: goals never include it.
    ScoreCase("penalties-in-a-score", "1–1 (4–2 p)", 1, 1, 4, 2, False, "played"),
    ScoreCase("penalties-in-an-aggregate", "3–3 (17–16 p)", 3, 3, 17, 16, False, "played"),
    ScoreCase("penalties-with-hyphens", "4-4 (6-5 p)", 4, 4, 6, 5, False, "played"),
    ScoreCase("penalties-after-extra-time", "1–1 (a.e.t.) (5–4 p)", 1, 1, 5, 4, True, "played"),
    # Extra time is true only where the page says so.
    ScoreCase("extra-time-bare", "2–1 a.e.t.", 2, 1, None, None, True, "played"),
    ScoreCase("extra-time-in-brackets", "2–1 (a.e.t.)", 2, 1, None, None, True, "played"),
    # Walkovers, unplayed and pending matches have no goals, never 0–0.
    ScoreCase("walkover-dotted", "W.O.", None, None, None, None, False, "walkover"),
    ScoreCase("walkover-slashed", "w/o", None, None, None, None, False, "walkover"),
    ScoreCase("not-played-np", "n.p.", None, None, None, None, False, "not_played"),
    ScoreCase("not-played-en-dash", "–", None, None, None, None, False, "not_played"),
    ScoreCase("empty-cell-is-pending", "", None, None, None, None, False, "pending"),
    # Awarded: a bare mark has no goals; a score with the mark keeps the awarded score.
    ScoreCase("awarded-bare", "awd", None, None, None, None, False, "awarded"),
    ScoreCase("awarded-after-score", "3–0 (awd)", 3, 0, None, None, False, "awarded"),
    # Footnote marks and non-breaking spaces do not change the reading.
    ScoreCase("footnote-after-score", "2–1[a]", 2, 1, None, None, False, "played"),
    ScoreCase(
        "nbsp-inside-a-shoot-out",
        f"1{NBSP}–{NBSP}1{NBSP}(4–2{NBSP}p)",
        1,
        1,
        4,
        2,
        False,
        "played",
    ),
]


@pytest.mark.parametrize("case", SCORE_CASES, ids=[c.name for c in SCORE_CASES])
def test_score_cell_reads_goals_shootout_extra_time_and_status(case: ScoreCase) -> None:
    score = parse_score(case.text)
    assert score.ok
    assert (score.home, score.away) == (case.home, case.away)
    assert (score.home_penalties, score.away_penalties) == (
        case.home_penalties,
        case.away_penalties,
    )
    assert score.extra_time is case.extra_time
    assert score.status == case.status


@pytest.mark.parametrize("case", SCORE_CASES, ids=[c.name for c in SCORE_CASES])
def test_score_cell_keeps_its_text_as_written(case: ScoreCase) -> None:
    assert parse_score(case.text).text == case.text


class UnreadableCase(NamedTuple):
    name: str
    text: str


UNREADABLE_CASES = [
    UnreadableCase("team-name-is-no-score", "Flamengo"),
    UnreadableCase("three-numbers-are-no-score", "1–2–3"),
    UnreadableCase("shootout-without-score", "(4–2 p)"),
]


@pytest.mark.parametrize("case", UNREADABLE_CASES, ids=[c.name for c in UNREADABLE_CASES])
def test_unreadable_score_cell_is_flagged_and_invents_no_goals(case: UnreadableCase) -> None:
    score = parse_score(case.text)
    assert not score.ok
    assert (score.home, score.away, score.home_penalties, score.away_penalties) == (
        None,
        None,
        None,
        None,
    )


class MarksCase(NamedTuple):
    name: str
    text: str
    base: str
    notes: tuple[str, ...]


MARKS_CASES = [
    # Footnote marks, in any cell, go to notes.
    MarksCase("letter-footnote", "Flamengo[a]", "Flamengo", ("a",)),
    MarksCase("note-footnote", "Sporting Cristal B[note 1]", "Sporting Cristal B", ("note 1",)),
    MarksCase("lower-alpha-footnote", "Olimpia[lower-alpha 1]", "Olimpia", ("lower-alpha 1",)),
    MarksCase("footnote-in-a-score-cell", "3–0[a]", "3–0", ("a",)),
    MarksCase("footnote-in-a-number-cell", "13[note 2]", "13", ("note 2",)),
    MarksCase(
        "footnote-in-a-qualification-cell",
        "National stage[a]",
        "National stage",
        ("a",),
    ),
    MarksCase("two-footnotes-in-order", "AELU[a][note 1]", "AELU", ("a", "note 1")),
    # Status marks after a team name go to notes.
    MarksCase("champions-mark", "Olímpico Somos Peru (C)", "Olímpico Somos Peru", ("C",)),
    MarksCase("relegated-mark", "Somos Aduanas (R)", "Somos Aduanas", ("R",)),
    MarksCase("qualified-mark", "Deportivo Aviación (Q)", "Deportivo Aviación", ("Q",)),
    MarksCase("two-status-marks", "Echa Muni (C, Q)", "Echa Muni", ("C", "Q")),
    MarksCase(
        "footnote-then-status-mark",
        "Sporting Cristal B[note 1] (C)",
        "Sporting Cristal B",
        ("note 1", "C"),
    ),
    # A parenthesised place name is part of the team's name, not a mark.
    MarksCase(
        "abbreviated-place-name-kept",
        "Deportivo Municipal (RdM)",
        "Deportivo Municipal (RdM)",
        (),
    ),
    MarksCase("place-name-kept", "Independiente (Tumbes)", "Independiente (Tumbes)", ()),
    MarksCase(
        "place-name-kept-before-status-mark",
        "Independiente (Tumbes) (C)",
        "Independiente (Tumbes)",
        ("C",),
    ),
    # Non-breaking and repeated spaces fold to one space.
    MarksCase("nbsp-inside-a-name", f"José{NBSP}Gálvez", "José Gálvez", ()),
    MarksCase("nbsp-before-a-status-mark", f"Echa{NBSP}Muni{NBSP}(C)", "Echa Muni", ("C",)),
    MarksCase("plain-name-unchanged", "Unión Pacífico", "Unión Pacífico", ()),
]


@pytest.mark.parametrize("case", MARKS_CASES, ids=[c.name for c in MARKS_CASES])
def test_marks_move_to_notes_and_place_names_stay(case: MarksCase) -> None:
    assert split_marks(case.text) == (case.base, case.notes)


class IntCase(NamedTuple):
    name: str
    text: str
    value: int | None


INT_CASES = [
    IntCase("plain-number", "13", 13),
    IntCase("plus-sign", "+5", 5),
    IntCase("unicode-minus", "−10", -10),
    IntCase("ascii-hyphen-minus", "-3", -3),
    IntCase("zero", "0", 0),
    IntCase("footnote-after-number", "22[a]", 22),
    IntCase("nbsp-around-number", f"{NBSP}7{NBSP}", 7),
    IntCase("empty-cell-is-no-number", "", None),
    IntCase("name-is-no-number", "AELU", None),
    IntCase("score-is-no-number", "3–1", None),
]


@pytest.mark.parametrize("case", INT_CASES, ids=[c.name for c in INT_CASES])
def test_signed_number_reads_any_minus_sign(case: IntCase) -> None:
    assert parse_int(case.text) == case.value


class PairCase(NamedTuple):
    name: str
    text: str
    value: tuple[int, int] | None


PAIR_CASES = [
    PairCase("points-cell-with-colon", "0:6", (0, 6)),
    PairCase("points-cell-level", "3:3", (3, 3)),
    PairCase("aggregate-with-en-dash", "3–1", (3, 1)),
    PairCase("aggregate-with-hyphen", "2-12", (2, 12)),
    PairCase("dash-cell-is-no-pair", "–", None),
    PairCase("empty-cell-is-no-pair", "", None),
]


@pytest.mark.parametrize("case", PAIR_CASES, ids=[c.name for c in PAIR_CASES])
def test_pair_cell_reads_points_and_aggregates(case: PairCase) -> None:
    assert parse_pair(case.text) == case.value


class TooltipCase(NamedTuple):
    name: str
    label: str
    header: str


TOOLTIP_CASES = [
    TooltipCase("aggregate-tooltip", "Agg.Tooltip Aggregate score", "Agg."),
    TooltipCase("played-tooltip", "PldTooltip Matches played", "Pld"),
    TooltipCase("goal-difference-tooltip", "GDTooltip Goal difference", "GD"),
    TooltipCase("nbsp-before-tooltip", f"Pts{NBSP}Tooltip Points", "Pts"),
    TooltipCase("header-without-tooltip", "Team 1", "Team 1"),
]


@pytest.mark.parametrize("case", TOOLTIP_CASES, ids=[c.name for c in TOOLTIP_CASES])
def test_tooltip_text_is_cut_from_a_header(case: TooltipCase) -> None:
    assert strip_tooltip(case.label) == case.header


@pytest.mark.parametrize(
    "text",
    ["3–3 (a)", "(a) 6–6", "(a)6-6"],
    ids=["away-goals-mark-after", "away-goals-mark-before", "away-goals-mark-glued"],
)
def test_away_goals_mark_reads_either_side_of_the_aggregate(text: str) -> None:
    score = parse_score(text)
    assert score.ok and score.away_goals_rule and score.home == score.away


def test_real_round_decided_on_away_goals_written_before_the_aggregate() -> None:
    from tests.conftest import FIXTURES, parse_fixture

    name = "rows/2008-09_copa_del_rey_round_of_32__wtq_203-csv_414.table.txt"
    assert (FIXTURES / name).exists()
    result = parse_fixture(name)
    first = result.ties[0]
    assert (first.team1, first.team1_aggregate, first.team2_aggregate) == ("Real Unión", 6, 6)
    assert (first.decided_by, first.winner) == ("away_goals", "Real Unión")  # 3 away goals to 2
    assert not [f for f in result.findings if f.severity != "info"]

"""Case file: header labels as real pages write them, in any case, with footnote marks."""

from __future__ import annotations

import pytest

from pipeline.kinds.league import league_columns
from pipeline.rules import STANDINGS_ALIASES, TIE_ALIASES, canonical, is_abbreviation, is_filler

STANDINGS_LABELS = [
    ("Pos", "position"), ("Position", "position"), ("Place", "position"), ("#", "position"),
    ("Team", "team"), ("Club", "team"), ("Pld", "played"), ("Played", "played"),
    ("W", "won"), ("Won", "won"), ("Wins", "won"), ("D", "drawn"), ("Draw", "drawn"),
    ("Draws", "drawn"), ("Drawn", "drawn"), ("L", "lost"), ("Lost", "lost"), ("Losses", "lost"),
    ("GF", "goals_for"), ("Goals for", "goals_for"), ("Goals scored", "goals_for"),
    ("GA", "goals_against"), ("Goals against", "goals_against"),
    ("Goals conceded", "goals_against"), ("GD", "goal_difference"),
    ("Goal Difference", "goal_difference"), ("+/-", "goal_difference"), ("Pts", "points"),
    ("Points", "points"), ("Qualification", "qualification"),
    ("Qualification or relegation", "qualification"),
    ("Promotion, qualification or relegation", "qualification"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "column"), STANDINGS_LABELS, ids=[x for x, _ in STANDINGS_LABELS]
)
def test_standings_label_names_its_column_in_any_case_and_with_a_footnote(
    label: str, column: str
) -> None:
    for written in (label, label.upper(), label.lower(), f"{label}[note 1]", f"{label}[a]"):
        assert canonical(written, STANDINGS_ALIASES) == column, written


TIE_LABELS = [
    ("Team 1", "team1"), ("Home team", "team1"), ("Agg.", "aggregate"),
    ("Agg.Tooltip Aggregate score", "aggregate"), ("Team 2", "team2"),
    ("Away team", "team2"), ("1st leg", "leg1"), ("2nd leg", "leg2"), ("Score", "score"),
    ("Pen.", "penalties"), ("Points", "points"), ("Date", "date"), ("Venue", "venue"),
    ("Stadium", "venue"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "column"), TIE_LABELS, ids=[x for x, _ in TIE_LABELS])
def test_match_label_names_its_column(label: str, column: str) -> None:
    assert canonical(label, TIE_ALIASES) == column
    assert canonical(label.upper(), TIE_ALIASES) == column


@pytest.mark.parametrize("corner", ["Home \\ Away", "home \\ away", "Home\\Away", "Teams"])
def test_matrix_corner_and_header_fillers_name_no_column(corner: str) -> None:
    assert is_filler(corner)


@pytest.mark.parametrize("abbr", ["ALI", "GAL", "Gal", "SpV", "C.A", "U.S.M", "2DM"])
def test_matrix_labels_are_abbreviations_in_any_case(abbr: str) -> None:
    assert is_abbreviation(abbr)


@pytest.mark.parametrize("word", ["Notes", "Qualification or relegation", "", "alianza"])
def test_words_are_no_matrix_labels(word: str) -> None:
    assert not is_abbreviation(word)


def test_a_standings_header_with_mixed_case_abbreviations_reads_its_matrix() -> None:
    labels = ("Pos", "Team", "Pld", "W", "D", "L", "GF", "GA", "GD", "Pts", "", "Gal", "SpV", "Ali")
    columns = league_columns(labels)
    assert columns is not None
    assert columns.roles[-4:] == ("spacer", "matrix", "matrix", "matrix")
    assert columns.abbreviations == ("Gal", "SpV", "Ali")


@pytest.mark.parametrize("first", ["", "[2]", " "])
def test_a_blank_first_label_before_team_heads_the_positions(first: str) -> None:
    # 1945–46 in Swedish football: the position column's header cell is empty (or holds a
    # footnote mark alone).
    from pipeline.rules import standings_roles

    labels = (first, "Team", "Pld", "W", "D", "L", "GF", "GA", "Pts")
    assert standings_roles(labels)[:2] == ("position", "team")
    # Not before anything else: a blank label elsewhere stays unknown.
    assert standings_roles(("Team", "", "Pld", "W", "D", "L", "Pts"))[1] is None

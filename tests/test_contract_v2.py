"""Contract v2 behaviour, each rule on real pages or the smallest page that shows it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli
from pipeline.checks import PageContext
from pipeline.checks.arithmetic import check_row
from pipeline.document import Placement
from pipeline.findings import Site
from pipeline.model import ParsedTable, StandingRow
from pipeline.run import assemble
from pipeline.storage import REPO_ROOT, display_path
from tests.conftest import FIXTURES, SEED, parse_fixture


def test_tables_sharing_a_path_get_numbered_labels() -> None:
    result = parse_fixture("2022_copa_peru_femenina__mobile_excerpt.txt")
    labels = [t.label for t in result.tables]
    assert labels.count("Regional Stage › Region II › Semifinals") == 1
    assert "Regional Stage › Region II › Semifinals (2)" in labels
    assert len(set(labels)) == len(labels)


def test_every_row_carries_its_page_season_and_competition() -> None:
    frames = assemble([parse_fixture(SEED.name)]).frames
    for name in ("tables", "standings", "matches", "ties"):
        assert set(frames[name]["season"]) == {"2004"}, name
        assert set(frames[name]["competition"]) == {"Copa Perú"}, name


def test_tiebreaker_matches_belong_to_the_round_they_decide() -> None:
    frames = assemble([parse_fixture(SEED.name)]).frames
    m = frames["matches"]
    third = m[m.kind == "tiebreaker"]
    assert list(third.round_name) == ["Quarterfinals", "Semifinals", "Semifinals"]
    assert all("Tiebreaker" in list(s) for s in third.section)
    ties = frames["ties"].set_index("tie_id")
    for tie_id, round_name in zip(third.tie_id, third.round_name, strict=True):
        assert ties.loc[tie_id, "round_name"] == round_name


def test_match_winner_follows_goals_then_the_shoot_out_and_never_a_walkover_guess() -> None:
    m = assemble([parse_fixture(SEED.name)]).frames["matches"]
    by_score = m[m.home_goals.notna() & (m.home_goals != m.away_goals)]
    expected = [
        h if hg > ag else a
        for h, a, hg, ag in zip(
            by_score.home_team, by_score.away_team, by_score.home_goals, by_score.away_goals,
            strict=True,
        )
    ]  # fmt: skip
    assert list(by_score.winner) == expected
    level = m[m.home_goals.notna() & (m.home_goals == m.away_goals)]
    assert list(level[level.home_penalties.notna()].winner) == ["Flamengo"]
    assert level[level.home_penalties.isna()].winner.isna().all()
    assert m[m.status == "walkover"].winner.isna().all()  # W.O. cells credit nobody by name


def test_walkover_ties_are_decided_by_walkover_and_their_legs_were_not_played() -> None:
    result = parse_fixture(
        "rows/2011_caf_u23_qualification_prelim_round__wtq_204-csv_324.table.txt"
    )
    walkovers = [d for d in result.ties if d.decided_by == "walkover"]
    assert [(d.team1, d.team2, d.winner) for d in walkovers] == [
        ("DR Congo", "Chad", None),
        ("Ethiopia", "Equatorial Guinea", None),
        ("Swaziland", "Mauritius", None),
        ("Djibouti", "Madagascar", None),
    ]
    for d in walkovers:
        assert [(leg.status, leg.home_goals) for leg in d.tie.legs] == [("not_played", None)] * 2
    sierra = next(d for d in result.ties if d.team1 == "Sierra Leone")
    leg2 = sierra.tie.legs[1]
    # 2–2 on aggregate, 1–3 on penalties after the second leg, at Liberia's ground.
    assert (leg2.home_team, leg2.home_penalties, leg2.away_penalties) == ("Liberia", 3, 1)
    assert (sierra.decided_by, sierra.winner, leg2.winner) == ("penalties", "Liberia", "Liberia")


def test_derived_fields_are_not_checked_against_the_page() -> None:
    row = StandingRow(3, 1, "Alpha", None, 9, 1, 1, 1, 5, 5, 0, 4, None, ())
    table = ParsedTable("p#1", "p", Placement(), 1, "text", "league", "parsed", 0, 0, 0, 0)
    ctx = PageContext(None, Site("p", "p.txt"), (table,), (), {}, {})  # type: ignore[arg-type]
    assert [f.field for f in check_row(row, table, ctx)] == ["played"]
    computed = StandingRow(3, 1, "Alpha", None, 9, 1, 1, 1, 5, 5, 0, 4, None, (), None, ("played",))
    assert list(check_row(computed, table, ctx)) == []


def test_page_path_is_relative_to_the_repository_or_the_input_folder_never_the_cwd(
    tmp_path: Path,
) -> None:
    assert REPO_ROOT is not None
    inside = FIXTURES / "2025_copa_peru__excerpt.txt"
    assert display_path(inside, FIXTURES) == "tests/fixtures/2025_copa_peru__excerpt.txt"
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(inside, raw / inside.name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    before = Path.cwd()
    try:
        os.chdir(elsewhere)  # the working folder must not show in pages.path
        assert cli.main(["extract", str(raw), "--out", str(tmp_path / "clean"), "--quiet"]) == 0
    finally:
        os.chdir(before)
    pages = pd.read_parquet(tmp_path / "clean" / "pages.parquet")
    assert list(pages.path) == ["raw/2025_copa_peru__excerpt.txt"]
    assert display_path(raw / inside.name, raw / inside.name) == "raw/2025_copa_peru__excerpt.txt"


@pytest.mark.parametrize("column", ["group", "round", "stage", "region"])
def test_no_output_column_is_an_sql_reserved_word_or_a_pandas_method(column: str) -> None:
    frames = assemble([parse_fixture(SEED.name)]).frames
    for name, frame in frames.items():
        assert column not in frame.columns, name
        for col in frame.columns:
            assert not hasattr(pd.DataFrame, col), f"{name}.{col}"


def test_a_leg_points_at_its_own_score_cell_and_its_tie_at_the_row() -> None:
    result = parse_fixture(SEED.name)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    tie = result.ties[0].tie
    assert lines[tie.line - 1] == "Flamengo"
    assert [lines[leg.line - 1] for leg in tie.legs] == ["3–1", "0–0"]


def test_dates_a_text_export_states_are_stored_and_an_unread_column_is_named() -> None:
    name = "rows/1978-79_scottish_league_cup_third_round_2nd_leg__wtq_204-csv_475.table.txt"
    result = parse_fixture(name)
    table = result.tables[0]
    assert [m.date for m in table.matches][:2] == ["11-10-1978", "10-10-1978"]
    # The Agg column states each tie's aggregate, but the first legs are not in this export:
    # no tie holds them, so each of the 8 cells is named, not counted as stored data.
    assert (table.cells_data, table.cells_unused) == (32, 8)
    named = [f for f in result.findings if f.code == "aggregate-unpaired"]
    assert len(named) == 8 and {f.line for f in named} == {m.line for m in table.matches}
    assert not [f for f in result.findings if f.code == "column-not-output"]


def test_a_shootout_column_of_single_matches_is_stored_or_named_never_dropped() -> None:
    page = (
        "Cup\nFinal\n| Team 1 | Score | Team 2 | Pen. |\n|---|---|---|---|\n"
        "| Alpha | 1–1 | Beta | 4–2 |\n| Gamma | 2–1 | Delta | 5–4 |\n"
    )
    from pipeline.page import parse_page

    result = parse_page(page.encode(), "cup", "cup.txt")
    first, second = result.tables[0].matches
    assert (first.home_penalties, first.away_penalties, first.winner) == (4, 2, "Alpha")
    assert (second.home_penalties, second.winner) == (None, "Gamma")
    contradiction = [f for f in result.findings if f.code == "penalties-not-level"]
    assert [(f.line, f.cells, f.severity) for f in contradiction] == [(6, 1, "warning")]
    table = result.tables[0]
    assert table.cells == table.cells_layout + table.cells_data + table.cells_unused
    assert table.cells_unused == 1


@pytest.mark.parametrize(
    ("title", "season"),
    [
        ("2015–16 Copa del Rey", "2015–16"),
        ("1978-79 Scottish League Cup", "1978–79"),
        ("2011/2012 Primera División", "2011–12"),
        ("2004 Copa Perú", "2004"),
        ("2004-12 results", "2004"),  # no season spans eight years: a year and something else
    ],
)
def test_season_spanning_two_years_is_written_with_an_en_dash(title: str, season: str) -> None:
    from pipeline.page import parse_page

    assert parse_page(f"{title}\n".encode(), "p", "p.txt").info.season == season

"""Contract v2 answers analysts' questions from clean/ in pandas, DuckDB (unquoted) and polars."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest

from pipeline import cli
from tests import contract_check
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every real text page the suite holds extracted into one clean/ (contract v2 checked)."""
    root = tmp_path_factory.mktemp("queries")
    raw = root / "raw"
    raw.mkdir()
    for path in [*FIXTURES.glob("*.txt"), *FIXTURES.glob("rows/*.txt"), *FIXTURES.glob("wild/*")]:
        shutil.copy(path, raw / path.name)
    out = root / "clean"
    assert cli.main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    assert contract_check.check(out) == []
    return out


def _duck(clean: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect()
    for name in ("standings", "matches", "ties"):
        con.execute(f"create view {name} as select * from '{(clean / name).as_posix()}.parquet'")
    return con.execute(sql).fetchall()


def test_standings_of_every_group_in_order(clean: Path) -> None:
    sql = (
        "select table_label, position, team from standings where page = '2004_copa_peru' "
        "and group_name is not null order by table_id, source_line"
    )
    duck = _duck(clean, sql)
    df = pd.read_parquet(clean / "standings.parquet")
    df = df[(df.page == "2004_copa_peru") & df.group_name.notna()]
    df = df.sort_values(["table_id", "source_line"])
    pandas_rows = list(zip(df.table_label, df.position, df.team, strict=True))
    polars_rows = (
        pl.read_parquet(clean / "standings.parquet")
        .filter((pl.col("page") == "2004_copa_peru") & pl.col("group_name").is_not_null())
        .sort(["table_id", "source_line"])
        .select(["table_label", "position", "team"])
        .rows()
    )
    assert duck == pandas_rows == polars_rows
    group_a = [r for r in duck if r[0] == "Regional Stage › Region II › Group A"]
    assert [r[1] for r in group_a] == [1, 2, 3, 4] and group_a[0][2] == "José Gálvez"
    assert {r[0] for r in duck} == {
        "Regional Stage › Region II › Group A",
        "Regional Stage › Region V › Group A",
    }


def test_every_match_decided_on_penalties_in_one_query(clean: Path) -> None:
    sql = (
        "select match_id, kind, home_team, away_team, home_penalties, away_penalties, winner, "
        "home_goals, away_goals from matches where home_penalties is not null order by match_id"
    )
    duck = _duck(clean, sql)
    m = pd.read_parquet(clean / "matches.parquet")
    pandas_ids = sorted(m[m.home_penalties.notna()].match_id)
    polars_ids = sorted(
        pl.read_parquet(clean / "matches.parquet")
        .filter(pl.col("home_penalties").is_not_null())["match_id"]
        .to_list()
    )
    assert [r[0] for r in duck] == pandas_ids == polars_ids
    kinds = {r[1] for r in duck}
    assert {"tiebreaker", "leg_2"} <= kinds  # a third match and shoot-outs after second legs
    for _, _, home, away, hp, ap, winner, hg, ag in duck:
        # A level match goes to the shoot-out; a second leg won on goals is its own winner's.
        decider = (hp, ap) if hg == ag else (hg, ag)
        assert winner == (home if decider[0] > decider[1] else away)
    seed = [r for r in duck if r[0].startswith("2004_copa_peru#")]
    assert [r[2:7] for r in seed] == [("Flamengo", "Olimpia", 4, 2, "Flamengo")]
    # Every tie decided on penalties has its shoot-out on its second leg.
    ties = pd.read_parquet(clean / "ties.parquet")
    shootouts = set(ties[ties.decided_by == "penalties"].tie_id)
    legs = set(m[(m.kind == "leg_2") & m.home_penalties.notna()].tie_id)
    assert shootouts and shootouts <= legs


def test_winner_of_every_tie_and_how_it_was_decided(clean: Path) -> None:
    duck = dict(
        ((t1, t2), (by, winner))
        for t1, t2, by, winner in _duck(
            clean, "select team1, team2, decided_by, winner from ties order by tie_id"
        )
    )
    frame = pl.read_parquet(clean / "ties.parquet").select(
        ["team1", "team2", "decided_by", "winner"]
    )
    assert {(r[0], r[1]): (r[2], r[3]) for r in frame.rows()} == duck
    assert duck[("Olimpia", "Flamengo")] == ("tiebreaker", "Flamengo")
    assert duck[("Real Unión", "Real Madrid")] == ("away_goals", "Real Unión")
    assert duck[("DR Congo", "Chad")] == ("walkover", None)
    assert duck[("Sierra Leone", "Liberia")] == ("penalties", "Liberia")
    assert duck[("Flamengo", "Higos Urco")] == ("points", "Flamengo")


def test_each_teams_goals_over_the_tournament(clean: Path) -> None:
    sql = """
        select team, sum(goals) as goals from (
            select home_team as team, home_goals as goals from matches
            where page = '2004_copa_peru' and home_goals is not null
            union all
            select away_team as team, away_goals as goals from matches
            where page = '2004_copa_peru' and away_goals is not null
        ) group by team order by team
    """
    duck = {team: int(goals) for team, goals in _duck(clean, sql)}
    m = pd.read_parquet(clean / "matches.parquet")
    m = m[m.page == "2004_copa_peru"]
    home = m.groupby("home_team")["home_goals"].sum()
    away = m.groupby("away_team")["away_goals"].sum()
    pandas_goals = home.add(away, fill_value=0).astype(int).to_dict()
    lf = pl.read_parquet(clean / "matches.parquet").filter(pl.col("page") == "2004_copa_peru")
    both = pl.concat(
        [
            lf.select(pl.col("home_team").alias("team"), pl.col("home_goals").alias("goals")),
            lf.select(pl.col("away_team").alias("team"), pl.col("away_goals").alias("goals")),
        ]
    )
    polars_goals = dict(both.group_by("team").agg(pl.col("goals").sum()).rows())
    assert duck == {k: int(v) for k, v in pandas_goals.items()} == polars_goals
    # By hand from the page: Flamengo 3–1 and 0–0 v Higos Urco, 0–0 and 0–0 v Olimpia, then
    # 1–1 in the tiebreaker (its 4–2 shoot-out is no goal).
    assert duck["Flamengo"] == 4

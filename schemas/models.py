"""Declare one pandera DataFrameModel per output table: types, ranges, allowed values, keys.

What a page claims (row arithmetic, standings vs results) is the cross-check's business and
never a schema rule: a page that contradicts itself is reported, not dropped.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from pipeline.frontends import rendering_names
from pipeline.kinds import kind_names

MATCH_KINDS = ["league", "leg_1", "leg_2", "tiebreaker", "single"]
MATCH_STATUS = ["played", "walkover", "not_played", "awarded", "pending"]
DECIDED_BY = ["aggregate", "points", "tiebreaker", "penalties", "pending", "unknown"]
SEVERITIES = ["error", "warning", "info"]
GOALS_MAX = 99  # 0–25 is real (2022 Ligas Departamentales); three digits is a typo


class SectionColumns(pa.DataFrameModel):
    """Columns every table but pages and findings carries."""

    page: Series[str]
    table_id: Series[str] = pa.Field(str_matches=r"^.+#\d+$")
    section: Series[object] = pa.Field(metadata={"arrow": "list<string>"})
    stage: Series[str] = pa.Field(nullable=True)
    region: Series[str] = pa.Field(nullable=True)
    group: Series[str] = pa.Field(nullable=True)
    round: Series[str] = pa.Field(nullable=True)
    source_line: Series[pd.Int64Dtype] = pa.Field(ge=1)


class PagesModel(pa.DataFrameModel):
    """pages.parquet: one row per raw file."""

    page: Series[str] = pa.Field(unique=True)
    path: Series[str]
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    bytes: Series[pd.Int64Dtype] = pa.Field(ge=0)
    lines: Series[pd.Int64Dtype] = pa.Field(ge=0)
    rendering: Series[str]
    title: Series[str]
    season: Series[str] = pa.Field(nullable=True)
    competition: Series[str] = pa.Field(nullable=True)
    tables: Series[pd.Int64Dtype] = pa.Field(ge=0)
    truncated: Series[bool]

    class Config:
        strict = True

    @pa.check("rendering")
    def rendering_is_declared(cls, series: Series[str]) -> Series[bool]:
        """A rendering some front end declares (or `mixed`, `none`)."""
        return series.isin(sorted(rendering_names()))


class TablesModel(SectionColumns):
    """tables.parquet: one row per table-like block; every cell accounted for."""

    rendering: Series[str]
    kind: Series[str]
    rows: Series[pd.Int64Dtype] = pa.Field(ge=0)
    cells: Series[pd.Int64Dtype] = pa.Field(ge=0)
    cells_layout: Series[pd.Int64Dtype] = pa.Field(ge=0)
    cells_data: Series[pd.Int64Dtype] = pa.Field(ge=0)
    cells_unused: Series[pd.Int64Dtype] = pa.Field(ge=0)
    status: Series[str] = pa.Field(isin=["parsed", "partial", "skipped"])

    class Config:
        strict = True
        unique = ["table_id"]

    @pa.check("rendering")
    def rendering_is_declared(cls, series: Series[str]) -> Series[bool]:
        """A rendering some front end declares (or `mixed`, `none`)."""
        return series.isin(sorted(rendering_names()))

    @pa.check("kind")
    def kind_is_registered(cls, series: Series[str]) -> Series[bool]:
        """A registered table kind, or `unknown`."""
        return series.isin(list(kind_names()))

    @pa.dataframe_check
    def cells_are_accounted_for(cls, df: pd.DataFrame) -> Series[bool]:
        """cells = cells_layout + cells_data + cells_unused (contract)."""
        return df["cells"] == df["cells_layout"] + df["cells_data"] + df["cells_unused"]


class StandingsModel(SectionColumns):
    """standings.parquet: one row per team per league table, values as the page states them."""

    position: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)
    team: Series[str] = pa.Field(str_length={"min_value": 1})
    team_abbr: Series[str] = pa.Field(nullable=True)
    played: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    won: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    drawn: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    lost: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    goals_for: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    goals_against: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    goal_difference: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    points: Series[pd.Int64Dtype] = pa.Field(nullable=True)  # deductions can make it negative
    qualification: Series[str] = pa.Field(nullable=True)
    notes: Series[object] = pa.Field(metadata={"arrow": "list<string>"})

    class Config:
        strict = True
        unique = ["table_id", "team"]


class MatchesModel(SectionColumns):
    """matches.parquet: results-matrix cells, legs, tiebreakers and single matches."""

    match_id: Series[str] = pa.Field(unique=True, str_matches=r"^.+#\d+/\d+$")
    kind: Series[str] = pa.Field(isin=MATCH_KINDS)
    tie_id: Series[str] = pa.Field(nullable=True)
    home_team: Series[str] = pa.Field(nullable=True)
    away_team: Series[str] = pa.Field(nullable=True)
    home_goals: Series[pd.Int64Dtype] = pa.Field(ge=0, le=GOALS_MAX, nullable=True)
    away_goals: Series[pd.Int64Dtype] = pa.Field(ge=0, le=GOALS_MAX, nullable=True)
    home_penalties: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    away_penalties: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    extra_time: Series[bool]
    status: Series[str] = pa.Field(isin=MATCH_STATUS)
    neutral: Series[bool]
    score_text: Series[str]

    class Config:
        strict = True

    @pa.dataframe_check
    def teams_missing_only_while_pending(cls, df: pd.DataFrame) -> Series[bool]:
        """home_team and away_team may be null only where status is pending."""
        missing = df["home_team"].isna() | df["away_team"].isna()
        return ~missing | (df["status"] == "pending")

    @pa.dataframe_check
    def no_goals_without_a_played_match(cls, df: pd.DataFrame) -> Series[bool]:
        """A walkover, unplayed or pending match has null goals, never 0–0 (never invent)."""
        unplayed = df["status"].isin(["walkover", "not_played", "pending"])
        return ~unplayed | (df["home_goals"].isna() & df["away_goals"].isna())

    @pa.dataframe_check
    def penalties_only_after_a_level_score(cls, df: pd.DataFrame) -> Series[bool]:
        """A shoot-out is stored only where the match score is level (a leg 2 shoot-out
        follows a level aggregate, not a level leg, so legs are exempt)."""
        pens = df["home_penalties"].notna() & (df["kind"] != "leg_2")
        level = (df["home_goals"] == df["away_goals"]).fillna(False).astype(bool)
        return ~pens | level


class TiesModel(SectionColumns):
    """ties.parquet: one row per two-legged tie, decided by the competition's rules."""

    tie_id: Series[str] = pa.Field(unique=True, str_matches=r"^.+#\d+/\d+$")
    team1: Series[str] = pa.Field(nullable=True)
    team2: Series[str] = pa.Field(nullable=True)
    team1_aggregate: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    team2_aggregate: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    team1_penalties: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    team2_penalties: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    team1_points: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    team2_points: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    decided_by: Series[str] = pa.Field(isin=DECIDED_BY)
    winner: Series[str] = pa.Field(nullable=True)
    winner_inferred: Series[bool]
    aggregate_text: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check
    def teams_missing_only_while_pending(cls, df: pd.DataFrame) -> Series[bool]:
        """team1 and team2 may be null only while the tie is pending."""
        missing = df["team1"].isna() | df["team2"].isna()
        return ~missing | (df["decided_by"] == "pending")

    @pa.dataframe_check
    def winner_is_one_of_the_teams(cls, df: pd.DataFrame) -> Series[bool]:
        """The winner, where known, is team 1 or team 2."""
        return df["winner"].isna() | (df["winner"] == df["team1"]) | (df["winner"] == df["team2"])


class FindingsModel(pa.DataFrameModel):
    """findings.parquet: the validation report as data."""

    severity: Series[str] = pa.Field(isin=SEVERITIES)
    code: Series[str] = pa.Field(str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    page: Series[str]
    table_id: Series[str] = pa.Field(nullable=True)
    source_line: Series[pd.Int64Dtype] = pa.Field(ge=1)
    team: Series[str] = pa.Field(nullable=True)
    field: Series[str] = pa.Field(nullable=True)
    stated: Series[str] = pa.Field(nullable=True)
    computed: Series[str] = pa.Field(nullable=True)
    message: Series[str] = pa.Field(str_length={"min_value": 1})
    # addition: matrix/leg cells that could explain it
    candidate_lines: Series[object] = pa.Field(metadata={"arrow": "list<int64>"})

    class Config:
        strict = True

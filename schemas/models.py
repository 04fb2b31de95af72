"""Declare one pandera DataFrameModel per output table (contract v2): types, ranges, allowed
values, keys, and each column's description (the data dictionary is generated from them).

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
DECIDED_BY = [
    "aggregate", "away_goals", "points", "tiebreaker", "penalties", "walkover", "pending",
    "unknown",
]  # fmt: skip
SEVERITIES = ["error", "warning", "info"]
GOALS_MAX = 99  # 0–25 is real (2022 Ligas Departamentales); three digits is a typo
LIST_STR = {"arrow": "list<string>"}
LIST_INT = {"arrow": "list<int64>"}


class SectionColumns(pa.DataFrameModel):
    """Columns every row of tables, standings, matches and ties carries."""

    page: Series[str] = pa.Field(description="The raw file's stem, e.g. `2004_copa_peru`.")
    table_id: Series[str] = pa.Field(
        str_matches=r"^.+#\d+$",
        description="`<page>#<n>`: the n-th table of the page, in page order.",
    )
    table_label: Series[str] = pa.Field(
        description="The section path joined with ` › `, plus ` (2)`, ` (3)` where tables of a "
        "page share a path; `(no heading)` for a table above every heading.",
    )
    season: Series[str] = pa.Field(
        nullable=True, description="The page's season, e.g. `2004` or `2015–16`."
    )
    competition: Series[str] = pa.Field(
        nullable=True, description="The page's competition, e.g. `Copa Perú`."
    )
    section: Series[object] = pa.Field(
        metadata=LIST_STR,
        description="The heading path above the table, outermost first.",
    )
    stage_name: Series[str] = pa.Field(
        nullable=True, description="The stage heading on the path (`Regional Stage`)."
    )
    region_name: Series[str] = pa.Field(
        nullable=True,
        description="The region heading on the path (`Region II`, `Zona Norte`).",
    )
    group_name: Series[str] = pa.Field(
        nullable=True, description="The group heading on the path (`Group A`)."
    )
    round_name: Series[str] = pa.Field(
        nullable=True,
        description="The round heading on the path (`Semifinals`); for a tiebreaker match, "
        "the round of the tie it decides (`Tiebreaker` stays in `section`).",
    )
    source_line: Series[pd.Int64Dtype] = pa.Field(
        ge=1,
        description="The line of the row's first cell in the raw file (for a results-matrix "
        "match or a leg, its own score cell: a leg is one cell of its tie's row).",
    )


class PagesModel(pa.DataFrameModel):
    """pages.parquet: one row per raw file."""

    page: Series[str] = pa.Field(unique=True, description="The raw file's stem.")
    path: Series[str] = pa.Field(
        description="The raw file's path: relative to the repository root when the file is "
        "inside it, else relative to the input folder's parent."
    )
    sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the bytes read."
    )
    bytes: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Bytes read.")
    lines: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Lines read.")
    rendering: Series[str] = pa.Field(
        description="The rendering of the page's football tables (`cell_per_line`, "
        "`row_per_line`, ...), `mixed`, or `none` with no table."
    )
    title: Series[str] = pa.Field(description="The page's title as the file states it.")
    season: Series[str] = pa.Field(nullable=True, description="The season the page states.")
    competition: Series[str] = pa.Field(
        nullable=True, description="The competition the page states."
    )
    tables: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Tables found (any kind).")
    truncated: Series[bool] = pa.Field(
        description="The file ends inside a recognised football table."
    )
    source_url: Series[str] = pa.Field(
        nullable=True, description="Where the page was fetched from, where the file says."
    )
    revision: Series[str] = pa.Field(
        nullable=True, description="The page revision, where the file says."
    )
    retrieved: Series[str] = pa.Field(
        nullable=True, description="When the page was fetched (ISO 8601), where the file says."
    )
    sections_without_table: Series[object] = pa.Field(
        metadata=LIST_STR,
        description="The sections the export has no table for (their heading paths joined "
        "with ` › `, outermost only; Notes, References and the like left out).",
    )

    class Config:
        strict = True

    @pa.check("rendering")
    def rendering_is_declared(cls, series: Series[str]) -> Series[bool]:
        """A rendering some front end declares (or `mixed`, `none`)."""
        return series.isin(sorted(rendering_names()))


class TablesModel(SectionColumns):
    """tables.parquet: one row per table-like block; every cell accounted for."""

    rendering: Series[str] = pa.Field(description="The table's rendering.")
    kind: Series[str] = pa.Field(
        description="`league`, `results_matrix`, `two_legged`, `single_match`, `bracket` (a "
        "knockout tree: its single matches only), a plug-in's kind, or `unknown` (navbox, "
        "infobox, anything else table-shaped)."
    )
    rows: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Output rows the table gave.")
    cells: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Cells read.")
    cells_layout: Series[pd.Int64Dtype] = pa.Field(
        ge=0, description="Header cells, matrix spacer and diagonal, rule lines."
    )
    cells_data: Series[pd.Int64Dtype] = pa.Field(
        ge=0, description="Cells that went into output rows."
    )
    cells_unused: Series[pd.Int64Dtype] = pa.Field(
        ge=0, description="The rest, each named by a finding."
    )
    status: Series[str] = pa.Field(
        isin=["parsed", "partial", "skipped"],
        description="`parsed`, `partial` (cells unused or the file cut it), `skipped`.",
    )
    updated: Series[str] = pa.Field(
        nullable=True,
        description="When the table says it was last updated, as written (`update=` of "
        "Module:Sports table; `complete` for a finished season); null where it does not say.",
    )

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
    """standings.parquet: one row per team row of a league table, values as stated."""

    position: Series[pd.Int64Dtype] = pa.Field(
        ge=1, nullable=True, description="The position as stated (`1`, `1.`, `=5`)."
    )
    team: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The team as displayed, footnote and status marks removed.",
    )
    team_link: Series[str] = pa.Field(
        nullable=True, description="The team's article title, where the rendering links it."
    )
    team_abbr: Series[str] = pa.Field(
        nullable=True, description="The team's results-matrix abbreviation."
    )
    played: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="Matches played (Pld), as stated."
    )
    won: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True, description="Won (W), as stated.")
    drawn: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="Drawn (D), as stated."
    )
    lost: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True, description="Lost (L), as stated.")
    goals_for: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="Goals for (GF), as stated."
    )
    goals_against: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="Goals against (GA), as stated."
    )
    goal_difference: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, description="Goal difference (GD), as stated."
    )
    points: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, description="Pts (a deduction can make it negative)."
    )
    qualification: Series[str] = pa.Field(
        nullable=True, description="Qualification or relegation (a rowspan's value copied)."
    )
    notes: Series[object] = pa.Field(
        metadata=LIST_STR,
        description="Footnote marks (`note 1`) and status marks (`C`, `R`) of the team cell.",
    )
    derived: Series[object] = pa.Field(
        metadata=LIST_STR,
        description="Fields the rendering computed rather than stated (a wikitext Sports "
        "table derives Pld, GD and Pts); the row-arithmetic check skips them.",
    )

    class Config:
        strict = True
        unique = ["table_id", "source_line"]


class MatchesModel(SectionColumns):
    """matches.parquet: results-matrix cells, legs, tiebreakers and single matches."""

    match_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^.+#\d+/m\d+$", description="`<table_id>/m<n>`."
    )
    kind: Series[str] = pa.Field(
        isin=MATCH_KINDS,
        description="`league` (a matrix cell), `leg_1`, `leg_2`, `tiebreaker`, `single`.",
    )
    tie_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^.+#\d+/t\d+$",
        description="The tie a leg or tiebreaker belongs to (`<table_id>/t<n>`).",
    )
    home_team: Series[str] = pa.Field(
        nullable=True, description="Null only while `pending` (an empty bracket slot)."
    )
    away_team: Series[str] = pa.Field(
        nullable=True, description="Null only while `pending` (an empty bracket slot)."
    )
    home_team_link: Series[str] = pa.Field(
        nullable=True, description="The home team's article title, where linked."
    )
    away_team_link: Series[str] = pa.Field(
        nullable=True, description="The away team's article title, where linked."
    )
    home_goals: Series[pd.Int64Dtype] = pa.Field(
        ge=0, le=GOALS_MAX, nullable=True, description="Goals, never a shoot-out's."
    )
    away_goals: Series[pd.Int64Dtype] = pa.Field(
        ge=0, le=GOALS_MAX, nullable=True, description="Goals, never a shoot-out's."
    )
    home_penalties: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        nullable=True,
        description="The home team's shoot-out goals where the shoot-out happened here (after "
        "a second leg: on that leg, the home team being team 2).",
    )
    away_penalties: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="The away team's shoot-out goals."
    )
    extra_time: Series[bool] = pa.Field(description="The page says a.e.t.")
    status: Series[str] = pa.Field(
        isin=MATCH_STATUS,
        description="`played`, `walkover`, `not_played`, `awarded`, `pending`.",
    )
    neutral: Series[bool] = pa.Field(description="Played on neutral ground (a third match).")
    winner: Series[str] = pa.Field(
        nullable=True,
        description="More goals; on level goals the shoot-out winner; for a walkover or an "
        "award the team the page credits; null for draws, `not_played`, `pending`.",
    )
    date: Series[str] = pa.Field(nullable=True, description="The date, where stated.")
    venue: Series[str] = pa.Field(nullable=True, description="The venue, where stated.")
    score_text: Series[str] = pa.Field(description="The score cell as written.")

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
        follows a level aggregate, not a level leg, so legs are exempt), or where the page
        states the shoot-out and no score (`4-3(pens.)`: goals null, never invented)."""
        pens = df["home_penalties"].notna() & (df["kind"] != "leg_2")
        level = (df["home_goals"] == df["away_goals"]).fillna(False).astype(bool)
        unstated = df["home_goals"].isna() & df["away_goals"].isna()
        return ~pens | level | unstated

    @pa.dataframe_check
    def winner_is_one_of_the_teams(cls, df: pd.DataFrame) -> Series[bool]:
        """The winner, where known, is the home or the away team."""
        return (
            df["winner"].isna()
            | (df["winner"] == df["home_team"])
            | (df["winner"] == df["away_team"])
        )


class TiesModel(SectionColumns):
    """ties.parquet: one row per two-legged tie, decided by the competition's rules."""

    tie_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^.+#\d+/t\d+$", description="`<table_id>/t<n>`."
    )
    team1: Series[str] = pa.Field(
        nullable=True, description="Team 1 (at home in leg 1); null only while pending."
    )
    team2: Series[str] = pa.Field(
        nullable=True, description="Team 2 (at home in leg 2); null only while pending."
    )
    team1_link: Series[str] = pa.Field(
        nullable=True, description="Team 1's article title, where linked."
    )
    team2_link: Series[str] = pa.Field(
        nullable=True, description="Team 2's article title, where linked."
    )
    team1_aggregate: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="The aggregate as stated."
    )
    team2_aggregate: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="The aggregate as stated."
    )
    team1_penalties: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="A shoot-out after the second leg."
    )
    team2_penalties: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="A shoot-out after the second leg."
    )
    team1_points: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        nullable=True,
        description="As stated in a Points column, else from the legs under the table's "
        "points-a-win rule.",
    )
    team2_points: Series[pd.Int64Dtype] = pa.Field(
        ge=0, nullable=True, description="As `team1_points`, for team 2."
    )
    decided_by: Series[str] = pa.Field(
        isin=DECIDED_BY,
        description="`aggregate`, `away_goals`, `points`, `tiebreaker`, `penalties`, "
        "`walkover`, `pending`, `unknown`.",
    )
    winner: Series[str] = pa.Field(nullable=True, description="The team that went through.")
    winner_inferred: Series[bool] = pa.Field(
        description="The winner follows from the next round, not from the tie's own rows."
    )
    aggregate_text: Series[str] = pa.Field(
        nullable=True, description="The aggregate cell as written."
    )

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

    severity: Series[str] = pa.Field(
        isin=SEVERITIES,
        description="`error` (our output would be wrong or we lost cells), `warning` (the "
        "page contradicts itself, is cut, or holds data we could not read), `info`.",
    )
    code: Series[str] = pa.Field(
        str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="Stable kebab-case code, documented in the README.",
    )
    page: Series[str] = pa.Field(description="The raw file's stem.")
    table_id: Series[str] = pa.Field(nullable=True, description="The table it is about.")
    source_line: Series[pd.Int64Dtype] = pa.Field(ge=1, description="The line it is about.")
    team: Series[str] = pa.Field(nullable=True, description="The team it is about.")
    field: Series[str] = pa.Field(nullable=True, description="The field it is about.")
    stated: Series[str] = pa.Field(nullable=True, description="The value the page states.")
    computed: Series[str] = pa.Field(
        nullable=True, description="The value the page's own cells give."
    )
    message: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="One sentence a person can act on."
    )
    candidate_lines: Series[object] = pa.Field(
        metadata=LIST_INT, description="Lines of the cells that could explain a disagreement."
    )

    class Config:
        strict = True

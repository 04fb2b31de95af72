"""Define the records the table kinds read from grids, and a table's result: what checks see.

Field names are the output columns' names (frames take them by name, never by position); `line`
is the row's `source_line`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from pipeline.document import Placement


@dataclass(frozen=True, slots=True)
class StandingRow:
    """One team's row of a league table, values exactly as the page states them."""

    line: int
    position: int | None
    team: str
    team_abbr: str | None
    played: int | None
    won: int | None
    drawn: int | None
    lost: int | None
    goals_for: int | None
    goals_against: int | None
    goal_difference: int | None
    points: int | None
    qualification: str | None
    notes: tuple[str, ...]
    team_link: str | None = None
    derived: tuple[str, ...] = ()  # fields the rendering computed rather than stated
    points_marks: tuple[str, ...] = ()  # footnote marks on the points cell (`22[*]`)

    @property
    def goal_average(self) -> Fraction | None:
        """Goals for divided by goals against, exactly (older seasons ranked by it); None
        where either is unknown or nothing was conceded (the rule then has no value)."""
        if self.goals_for is None or not self.goals_against:
            return None
        return Fraction(self.goals_for, self.goals_against)


@dataclass(frozen=True, slots=True)
class Match:
    """One match: a results-matrix cell, a leg, a tiebreaker or a single match."""

    line: int
    kind: str
    home_team: str | None
    away_team: str | None
    home_goals: int | None
    away_goals: int | None
    home_penalties: int | None
    away_penalties: int | None
    extra_time: bool
    status: str
    neutral: bool
    score_text: str
    match_id: str = ""
    tie_id: str | None = None
    winner: str | None = None
    home_team_link: str | None = None
    away_team_link: str | None = None
    date: str | None = None
    venue: str | None = None
    round_name: str | None = None  # set where it is not the table's (a tiebreaker's round)
    commented: str | None = None  # the opponent a hidden source comment beside it names
    # A tie's aggregate stated with this match (`1–1 AGG. (2–4)`, an `Agg:` cell), home
    # team's goals first; not an output column: the tie it belongs to stores it.
    stated_aggregate: tuple[int, int] | None = None
    # A second leg's shoot-out after a score that is not level, home team's kicks first: it
    # followed the tie's level aggregate, so it goes to the tie these legs make.
    tie_shootout: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Tie:
    """One two-legged tie as the page states it, before the rules decide it."""

    line: int
    tie_id: str
    team1: str | None
    team2: str | None
    team1_aggregate: int | None
    team2_aggregate: int | None
    team1_penalties: int | None
    team2_penalties: int | None
    stated_points: tuple[int, int] | None
    aggregate_text: str | None
    legs: tuple[Match, ...]
    away_goals: bool = False  # the aggregate cell marks an away-goals win `(a)`
    walkover: bool = False  # the aggregate cell says the tie was a walkover
    credited: str | None = None  # the team a walkover's scoreline credits (`3–0 w/o`)
    team1_link: str | None = None
    team2_link: str | None = None
    # A third match written in the tie's own row (an `Extra` column, team 1 first): it counts
    # towards the tie's points, never its aggregate.
    extra: Match | None = None
    bold: str | None = None  # `team1` or `team2` where only that team's cell is bold


@dataclass(frozen=True, slots=True)
class ParsedTable:
    """A table after its kind read it: records, cell accounting, and where it sits."""

    table_id: str
    page: str
    section: Placement
    line: int
    rendering: str
    kind: str
    status: str  # parsed | partial | skipped
    cells: int
    cells_layout: int
    cells_data: int
    cells_unused: int
    rows: int = 0  # output rows of the kind's row unit (tables.rows)
    standings: tuple[StandingRow, ...] = ()
    matches: tuple[Match, ...] = ()
    ties: tuple[Tie, ...] = ()
    extra: dict[str, tuple[object, ...]] = field(default_factory=dict, compare=False)
    abbreviations: tuple[str, ...] = ()
    points_column: bool = False  # old two-legged layout states points
    truncated: bool = False
    label: str = ""  # the section path, numbered where tables share it (table_label)
    boxes: bool = False  # read from football boxes (its header computed, not printed)
    # Every row of the table was read whole (no cut, no row left unplaced): sums over the
    # rows mean what the page means, whatever columns were left unread.
    whole_rows: bool = True
    updated: str | None = None  # when the table says it was last updated, as written

    def records(self, output: str) -> tuple[object, ...]:
        """The table's records that go to one output."""
        built_in: dict[str, tuple[object, ...]] = {
            "standings": self.standings,
            "matches": self.matches,
            "ties": self.ties,
        }
        return built_in[output] if output in built_in else self.extra.get(output, ())

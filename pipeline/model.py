"""Define the small frozen values passed between stages: lines, cells, blocks, tables, records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Rendering = Literal["cell_per_line", "row_per_line", "mixed"]
Kind = Literal["league", "results_matrix", "two_legged", "single_match", "unknown"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the page with its 1-based number."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as written, with the line it stands on."""

    text: str
    line: int = field(compare=False)
    row_start: bool = field(default=False, compare=False)  # the flavour marks a row start here


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading (the text renderings give it no level)."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Prose:
    """A line of running text: paragraphs, legends, `Source:` lines."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table-like run of lines turned into a flat cell stream by an input flavour."""

    line: int
    end_line: int
    rendering: Rendering
    cells: tuple[Cell, ...]
    rules: tuple[tuple[int, int], ...]  # `---|` rule lines: (index into cells, cells it spans)
    rows_marked: bool  # every row start is marked (row-per-line, `| ` prefixes)
    cut: bool  # the file ends inside this block's last cell or row

    @property
    def header_end(self) -> int | None:
        """Index into cells where the first `---|` rule closed the header, if any."""
        return next((at for at, _ in self.rules if at > 0), None)

    @property
    def layout_cells(self) -> int:
        """Cells of the rule lines: layout, never data."""
        return sum(n for _, n in self.rules)


Block = Heading | Prose | TableBlock


@dataclass(frozen=True, slots=True)
class Section:
    """The heading path above a table, and the headings' kinds where recognised."""

    path: tuple[str, ...] = ()
    stage: str | None = None
    region: str | None = None
    group: str | None = None
    round: str | None = None
    rule_text: str | None = None  # classification rule stated closest (table or stage prose)
    stage_prose: tuple[str, ...] = ()


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
    tie_index: int | None = None  # index of the tie within its table (legs)
    tie_id: str | None = None


@dataclass(frozen=True, slots=True)
class Tie:
    """One two-legged tie as the page states it, before the rules decide it."""

    line: int
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


@dataclass(frozen=True, slots=True)
class ParsedTable:
    """A table after rows are rebuilt and values read: what the frames are built from."""

    table_id: str
    page: str
    section: Section
    line: int
    rendering: Rendering
    kind: Kind
    status: str  # parsed | partial | skipped
    cells: int
    cells_layout: int
    cells_data: int
    cells_unused: int
    standings: tuple[StandingRow, ...] = ()
    matches: tuple[Match, ...] = ()
    ties: tuple[Tie, ...] = ()
    abbreviations: tuple[str, ...] = ()
    points_column: bool = False  # old two-legged layout states points

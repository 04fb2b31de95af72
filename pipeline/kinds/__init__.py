"""Register the table kinds: how each is recognised from a grid and how its records are read.

As mwparserfromhell's builder registers one handler per token type, each kind is one module with
one spec; the page stage asks the registry, never branches on a kind's name. A kind's records go
to the outputs it declares (`pipeline.outputs`); its cells are accounted for as layout, data or
unused, and every unused cell is named by a finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol

from pipeline import findings as F
from pipeline.document import Grid, GridCell, GridRow, Placement
from pipeline.findings import Finding, Site
from pipeline.model import Match
from pipeline.values import Score, score_of

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Columns:
    """What each grid column holds, by role (`team`, `leg1`, `matrix`, `ignored`, ...)."""

    roles: tuple[str, ...]
    abbreviations: tuple[str, ...] = ()
    # Why the roles are not the labels' (the cells under a header that lost a label).
    note: str | None = None
    # Each role's first column, built once: every cell a kind reads is looked up here.
    _first: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first: dict[str, int] = {}
        for c, role in enumerate(self.roles):
            first.setdefault(role, c)
        object.__setattr__(self, "_first", first)

    def index(self, role: str) -> int | None:
        """The first column of a role, or None."""
        return self._first.get(role)

    def cell(self, row: GridRow, role: str) -> GridCell | None:
        """A row's cell (own or copied from a span) in the first column of a role."""
        c = self.index(role)
        return row.cells[c] if c is not None and c < len(row.cells) else None


@dataclass(frozen=True, slots=True)
class TableContext:
    """What a kind reads a table with: the grid, its columns, where it sits, its site."""

    grid: Grid
    columns: Columns
    placement: Placement
    site: Site  # with the table's ID
    reads: frozenset[str] = frozenset()  # the roles the kind stores; others are unused

    @property
    def table_id(self) -> str:
        return self.grid.table_id


@dataclass(slots=True)
class Account:
    """Cells counted while a kind reads its rows, and the findings it makes."""

    layout: int = 0
    data: int = 0
    # Own cells of columns the kind does not store, with their column.
    unused: list[tuple[int, GridCell]] = field(default_factory=list)
    unused_labels: set[str] = field(default_factory=set)
    named: int = 0  # cells not stored, each named by one of the kind's own findings
    findings: list[Finding] = field(default_factory=list)

    def row(self, ctx: TableContext, row: GridRow) -> None:
        """Count a row's own cells: data where the kind stores the column, else unused (a
        recognised column the kind has no place for is named, never counted and dropped)."""
        for c, cell in row.own_cells():
            role = ctx.columns.roles[c] if c < len(ctx.columns.roles) else "ignored"
            if role in ctx.reads:
                self.data += 1
            else:
                self.ignore(ctx, c, cell)

    def ignore(self, ctx: TableContext, c: int, cell: GridCell) -> None:
        """An own cell of a column the outputs have no place for: unused, named later."""
        self.unused.append((c, cell))
        labels = ctx.grid.labels
        if c < len(labels) and labels[c]:
            self.unused_labels.add(labels[c])

    def not_stored(self, finding: Finding) -> None:
        """A data cell the kind cannot store after all: counted unused, named by `finding`."""
        self.data -= 1
        self.named += 1
        self.findings.append(finding)

    def unparsed(self, ctx: TableContext, line: int, raw: str, what: str) -> None:
        """A cell whose value could not be read: stored as null, named."""
        self.findings.append(F.CELL_UNPARSED.at(ctx.site, line, stated=raw, what=what))


@dataclass(frozen=True, slots=True)
class Records:
    """What a kind read from one table, by output name, and its count of output rows."""

    by_output: Mapping[str, tuple[object, ...]]
    rows: int
    abbreviations: tuple[str, ...] = ()
    points_column: bool = False


class TableKind(Protocol):
    """A kind of football table: recognised from a grid, read into records."""

    name: str  # tables.kind
    outputs: tuple[str, ...]  # the outputs its records go to (the first is tables.rows' unit)
    reads: frozenset[str]  # the column roles it stores somewhere

    def recognise(self, grid: Grid) -> Columns | None:
        """The columns' roles if the grid is a table of this kind, else None."""

    def read(self, ctx: TableContext, account: Account) -> Records:
        """Read the records; count every own cell in `account`."""


_REGISTRY: list[TableKind] = []


def register(kind: TableKind) -> TableKind:
    """Add a kind; kinds are tried in registration order (plug-ins last)."""
    _REGISTRY[:] = [k for k in _REGISTRY if k.name != kind.name]
    _REGISTRY.append(kind)
    return kind


def unregister(name: str) -> None:
    """Remove a kind by name (tests that plug one in take it out again)."""
    _REGISTRY[:] = [k for k in _REGISTRY if k.name != name]


def table_kinds() -> tuple[TableKind, ...]:
    """Every registered kind, built-ins first."""
    _ensure_builtins()
    return tuple(_REGISTRY)


def kind_names() -> tuple[str, ...]:
    """tables.kind values: every registered kind and `unknown`."""
    return (*(k.name for k in table_kinds()), UNKNOWN)


def recognise(grid: Grid) -> tuple[TableKind, Columns] | None:
    """The first kind that recognises a grid, with its columns."""
    if grid.role != "table":
        return None
    for kind in table_kinds():
        if not grid.header and not getattr(kind, "headerless", False):
            continue  # only a kind that says so reads a table with no header row
        columns = kind.recognise(grid)
        if columns is not None:
            return kind, columns
    return None


def cell_link(cell: GridCell | None) -> str | None:
    """A cell's first link target: the team's article title, where the rendering links it."""
    return cell.links[0] if cell is not None and cell.links else None


def match_from_cell(
    cell: GridCell,
    kind: str,
    home: str | None,
    away: str | None,
    *,
    swap: bool = False,
    line: int | None = None,
    match_id: str = "",
    tie_id: str | None = None,
    links: tuple[str | None, str | None] = (None, None),
    neutral: bool = False,
    date: str | None = None,
    venue: str | None = None,
) -> Match:
    """Build a match from a score cell; `swap` reads a leg-2 cell written team 1 first."""
    score: Score = score_of(cell.value, cell.raw)
    hg, ag, hp, ap = score.home, score.away, score.home_penalties, score.away_penalties
    if swap:
        hg, ag, hp, ap = ag, hg, ap, hp
    status = score.status
    if not home or not away:
        status = "pending"  # contract: teams may be missing only while pending
    home, away = home or None, away or None
    credited = (
        score.credited if not swap else {"home": "away", "away": "home"}.get(score.credited or "")
    )
    winner = (
        (home if credited == "home" else away)
        if status == "walkover" and credited
        else winner_of(home, away, hg, ag, hp, ap, status)
    )
    return Match(
        line=cell.line if line is None else line,
        kind=kind,
        home_team=home,
        away_team=away,
        home_goals=hg,
        away_goals=ag,
        home_penalties=hp,
        away_penalties=ap,
        extra_time=score.extra_time,
        status=status,
        neutral=neutral,
        score_text=cell.raw,
        match_id=match_id,
        tie_id=tie_id,
        winner=winner,
        home_team_link=links[0],
        away_team_link=links[1],
        date=date,
        venue=venue,
        stated_aggregate=(score.aggregate[::-1] if swap and score.aggregate else score.aggregate),
    )


def keep_level_shootout(ctx: TableContext, account: Account, match: Match) -> Match:
    """A shoot-out written after a score that is not level contradicts it: the match keeps its
    score and row, the shoot-out is named (one contradictory cell never drops a row). A second
    leg's shoot-out follows a level aggregate, not a level leg, so it stays."""
    if match.home_penalties is None or match.kind == "leg_2":
        return match
    if match.home_goals == match.away_goals:
        return match  # level, or no score stated at all (`4-3(pens.)`): nothing contradicted
    account.findings.append(
        F.PENALTIES_NOT_LEVEL.at(
            ctx.site, match.line, team=match.home_team, field="penalties",
            stated=f"{match.home_penalties}–{match.away_penalties}", team1=match.home_team,
            team2=match.away_team, aggregate=match.score_text,
        )
    )  # fmt: skip
    winner = winner_of(
        match.home_team, match.away_team, match.home_goals, match.away_goals, None, None,
        match.status,
    )  # fmt: skip
    return replace(match, home_penalties=None, away_penalties=None, winner=winner)


def winner_of(
    home: str | None,
    away: str | None,
    hg: int | None,
    ag: int | None,
    hp: int | None,
    ap: int | None,
    status: str,
) -> str | None:
    """A match's winner (contract v2): more goals, on level goals the shoot-out; for a walkover
    or an award the team its score credits; null for a draw, an unplayed or pending match."""
    if status in ("not_played", "pending"):
        return None
    if hg is None and ag is None and hp is not None and ap is not None and hp != ap:
        return home if hp > ap else away  # a shoot-out stated with no score (`4-3(pens.)`)
    if hg is None or ag is None:
        return None
    if hg != ag:
        return home if hg > ag else away
    if hp is not None and ap is not None and hp != ap:
        return home if hp > ap else away
    return None


def _ensure_builtins() -> None:
    if any(k.name == "league" for k in _REGISTRY):
        return
    from pipeline.kinds.bracket import BRACKET
    from pipeline.kinds.league import LEAGUE
    from pipeline.kinds.results_matrix import RESULTS_MATRIX
    from pipeline.kinds.single_match import SINGLE_MATCH
    from pipeline.kinds.two_legged import TWO_LEGGED

    # Built-ins first, in the order the header vocabulary needs (a league header also holds
    # tie labels such as `Pts`); plug-ins registered earlier follow them.
    _REGISTRY[:0] = [LEAGUE, TWO_LEGGED, SINGLE_MATCH, RESULTS_MATRIX, BRACKET]

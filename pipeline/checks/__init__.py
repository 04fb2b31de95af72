"""Register the cross-checks: each declares its scope (row, table, page) and the kinds it checks.

Checks ask the page context for relations (the results matrix of a standings table, the
Tiebreaker heading after a table, the next round) instead of walking the page again, and only
ever say where the page contradicts itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from pipeline import findings as F
from pipeline.document import PageDocument
from pipeline.findings import Finding, Site
from pipeline.model import Match, ParsedTable
from pipeline.rules import is_aggregate_table
from pipeline.teams import Pairing, Team, pair_teams
from pipeline.ties import DecidedTie

Scope = Literal["row", "table", "page"]


@dataclass(frozen=True, slots=True)
class PageContext:
    """A page's tables, decided ties and rules, with the relations checks ask for."""

    doc: PageDocument
    site: Site
    tables: tuple[ParsedTable, ...]
    ties: tuple[DecidedTie, ...]
    league_rules: dict[str, int]  # league table -> points a win it is read under
    tie_rules: dict[str, int]  # two-legged table -> points a win
    _matrices: dict[str, tuple[Match, ...]] = field(default_factory=dict, compare=False)
    _by_id: dict[str, ParsedTable] = field(default_factory=dict, compare=False)
    _pairings: dict[str, Pairing] = field(default_factory=dict, compare=False)

    def at(self, table: ParsedTable) -> Site:
        """The site of a table's findings."""
        return self.site.table(table.table_id)

    def matrix_for(self, table: ParsedTable) -> tuple[Match, ...]:
        """The results matrix of a standings table: in the table itself, or a standalone matrix
        of the same teams in the same section (standings and matrix printed as two tables)."""
        if table.matches:
            return table.matches
        return self._matrices.get(table.table_id, ())

    def pairing_for(self, table: ParsedTable) -> Pairing | None:
        """How a standalone matrix's team names were paired with the table's, where any
        differ."""
        return self._pairings.get(table.table_id)

    def tiebreaker_follows(self, table: ParsedTable) -> bool:
        """A Tiebreaker heading follows the table (as its child or its section's sibling)."""
        return self.doc.tiebreaker_after(table.table_id) is not None

    def table(self, table_id: str) -> ParsedTable:
        """A table of the page by its ID (an index: checks ask per tie)."""
        return self._by_id[table_id]


def page_context(
    doc: PageDocument,
    site: Site,
    tables: Iterable[ParsedTable],
    ties: Iterable[DecidedTie],
    league_rules: dict[str, int],
    tie_rules: dict[str, int],
) -> PageContext:
    """Build the context, pairing each standings table with a standalone matrix of its teams."""
    tables = tuple(tables)
    # A standalone matrix of a table's teams is its results, in its section or a sibling one
    # (`Standings` and `Results` headings of one stage); its names may differ from the
    # table's (`St.Georges`, `St. George's`), so teams are paired by name or link (`teams`).
    standalone = [t for t in tables if t.kind == "results_matrix" and t.matches]
    matrices: dict[str, tuple[Match, ...]] = {}
    pairings: dict[str, Pairing] = {}
    for t in tables:
        if t.kind != "league" or t.matches or not t.standings:
            continue
        near = [c for c in standalone if c.section.path[:-1] == t.section.path[:-1]]
        ours = [Team(r.team, r.team_link) for r in t.standings]
        found = _paired(ours, near)
        # A group's results listed as matches (`Romania 1-0 Finland` bullets) under the
        # table's own heading are its results, as a matrix would be.
        fixtures = [
            c for c in tables
            if c.kind == "single_match" and c.matches and c.section.path == t.section.path
        ]  # fmt: skip
        chosen = [f for f in found if f[0].line > t.line] or found or _paired(ours, fixtures)
        if chosen:
            results, pairing = chosen[0]
            matrices[t.table_id] = _renamed(results.matches, pairing.names)
            if pairing.renamed:
                pairings[t.table_id] = pairing
        elif is_aggregate_table(t.section.path[-1] if t.section.path else ""):
            # An `Aggregate table` sums the stages: its results are every stage matrix of
            # its teams together (2011–12 Costa Rica: Invierno and Verano).
            stages = _paired(ours, standalone)
            if len(stages) >= 2:
                matrices[t.table_id] = tuple(
                    m for c, p in stages for m in _renamed(c.matches, p.names)
                )
    by_id = {t.table_id: t for t in tables}
    return PageContext(
        doc, site, tables, tuple(ties), league_rules, tie_rules, matrices, by_id, pairings
    )


def _paired(ours: list[Team], candidates: list[ParsedTable]) -> list[tuple[ParsedTable, Pairing]]:
    """The candidates whose teams pair with ours, each with its pairing, in page order."""
    out = []
    for c in candidates:
        pairing = pair_teams(ours, _matrix_teams(c))
        if pairing is not None:
            out.append((c, pairing))
    return out


def _matrix_teams(matrix: ParsedTable) -> list[Team]:
    """A matrix's teams (its rows' teams) with their links, in order."""
    seen: dict[str, str | None] = {}
    for m in matrix.matches:
        if m.home_team is not None:
            seen.setdefault(m.home_team, m.home_team_link)
    for m in matrix.matches:  # a list of matches may give a team only away
        if m.away_team is not None:
            seen.setdefault(m.away_team, m.away_team_link)
    return [Team(name, link) for name, link in seen.items()]


def _renamed(matches: tuple[Match, ...], names: dict[str, str]) -> tuple[Match, ...]:
    """The matches with the matrix's names replaced by the table's."""
    if all(k == v for k, v in names.items()):
        return matches
    return tuple(
        replace(
            m,
            home_team=names.get(m.home_team or "", m.home_team),
            away_team=names.get(m.away_team or "", m.away_team),
        )
        for m in matches
    )


@dataclass(frozen=True, slots=True)
class RowCheck:
    """A check of one output row of a table (a standings row, a tie)."""

    name: str
    output: str  # the records it checks: `standings`, `ties`, ...
    kinds: frozenset[str]
    run: Callable[[object, ParsedTable, PageContext], Iterable[Finding]]
    scope: Scope = "row"


@dataclass(frozen=True, slots=True)
class TableCheck:
    """A check of one table as a whole."""

    name: str
    kinds: frozenset[str]
    run: Callable[[ParsedTable, PageContext], Iterable[Finding]]
    scope: Scope = "table"
    # The check sums over the whole table (totals, a team's matches): on a table the file cut
    # off it would blame the page for what the cut lost, so it is skipped with an info.
    whole: bool = False


@dataclass(frozen=True, slots=True)
class PageCheck:
    """A check across a page's tables (the bracket from one round to the next)."""

    name: str
    run: Callable[[PageContext], Iterable[Finding]]
    scope: Scope = "page"


Check = RowCheck | TableCheck | PageCheck
_REGISTRY: list[Check] = []


def register(check: Check) -> Check:
    """Add a check (run in registration order; a name registered again replaces the old)."""
    for i, old in enumerate(_REGISTRY):
        if old.name == check.name:
            _REGISTRY[i] = check
            return check
    _REGISTRY.append(check)
    return check


def unregister(name: str) -> None:
    """Remove a check by name (tests that plug one in take it out again)."""
    _REGISTRY[:] = [c for c in _REGISTRY if c.name != name]


def all_checks() -> tuple[Check, ...]:
    """Every registered check, built-ins first."""
    _ensure_builtins()
    return tuple(_REGISTRY)


def run_checks(ctx: PageContext) -> list[Finding]:
    """Run every check on a page: per table its row and table checks, then the page checks."""
    checks = all_checks()
    findings: list[Finding] = []
    for table in ctx.tables:
        if table.status == "skipped":
            continue
        skipped: list[str] = []
        for check in checks:
            if isinstance(check, RowCheck) and table.kind in check.kinds:
                for row in table.records(check.output):
                    findings.extend(check.run(row, table, ctx))
            elif isinstance(check, TableCheck) and table.kind in check.kinds:
                if check.whole and table.truncated:
                    skipped.append(check.name)
                    continue
                findings.extend(check.run(table, ctx))
        if skipped:
            findings.append(
                F.CHECKS_SKIPPED_CUT.at(ctx.at(table), table.line, checks=", ".join(skipped))
            )
    for check in checks:
        if isinstance(check, PageCheck):
            findings.extend(check.run(ctx))
    return findings


def _ensure_builtins() -> None:
    if any(c.name == "row-arithmetic" for c in _REGISTRY):
        return
    from pipeline.checks import arithmetic, bracket, notes, order, results, ties, totals

    builtins: list[Check] = [
        *arithmetic.CHECKS, *results.CHECKS, *totals.CHECKS, *order.CHECKS, *ties.CHECKS,
        *bracket.CHECKS, *notes.CHECKS,
    ]  # fmt: skip
    _REGISTRY[:0] = builtins

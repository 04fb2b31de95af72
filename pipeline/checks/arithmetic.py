"""Check each standings row against itself: W+D+L = Pld, GF−GA = GD, points under the rule."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline import findings as F
from pipeline.checks import PageContext, RowCheck, TableCheck
from pipeline.findings import Finding, Site
from pipeline.model import ParsedTable, StandingRow
from pipeline.rules import POINTS_PER_WIN_RULES, fits_points


def signed(value: int) -> str:
    """A goal difference as tables print it: `+7`, `−3` is `-3`, `0`."""
    return f"{value:+d}" if value else "0"


def check_row(row: object, table: ParsedTable, ctx: PageContext) -> Iterable[Finding]:
    """W+D+L = Pld and GF−GA = GD."""
    if not isinstance(row, StandingRow):
        return
    at = ctx.at(table)
    # A value the rendering computed (standings.derived) cannot contradict the page.
    if not {"played", "won", "drawn", "lost"} & set(row.derived):
        yield from _check_played(row, at)
    if not {"goals_for", "goals_against", "goal_difference"} & set(row.derived):
        yield from _check_goals(row, at)


def _check_played(row: StandingRow, at: Site) -> Iterable[Finding]:
    w, d, lost, pld = row.won, row.drawn, row.lost, row.played
    total = None if w is None or d is None or lost is None else w + d + lost
    if total is not None and pld is not None and total != pld:
        yield F.ROW_ARITHMETIC.at(
            at, row.line, team=row.team, field="played", stated=pld, computed=total,
            detail=f"{row.team}: W+D+L = {w}+{d}+{lost} = {total} but Pld is {pld}.",
        )  # fmt: skip


def _check_goals(row: StandingRow, at: Site) -> Iterable[Finding]:
    gf, ga, gd = row.goals_for, row.goals_against, row.goal_difference
    if gf is not None and ga is not None and gd is not None and gf - ga != gd:
        yield F.ROW_ARITHMETIC.at(
            at, row.line, team=row.team, field="goal_difference", stated=signed(gd),
            computed=signed(gf - ga),
            detail=f"{row.team}: GF−GA = {gf}−{ga} = {gf - ga:+d} but GD is {gd:+d}.",
        )  # fmt: skip


def check_points(table: ParsedTable, ctx: PageContext) -> Iterable[Finding]:
    """Name the points-a-win rule the table is read under, and each row that fits no rule."""
    rows = table.standings
    if not rows:
        return
    at = ctx.at(table)
    ppw = ctx.league_rules.get(table.table_id, POINTS_PER_WIN_RULES[0])
    if ppw != POINTS_PER_WIN_RULES[0]:
        fitting = sum(fits_points(r.points, r.won, r.drawn, ppw) for r in rows)
        yield F.POINTS_RULE.at(
            at, table.line, field="points", stated=ppw,
            detail=f"Every row that fits a rule fits {ppw} points a win ({fitting} of "
            f"{len(rows)} rows): read as such (an older season's rule).",
        )  # fmt: skip
    for row in rows:
        # Points a template computed fit its own row, but may still break the table's rule:
        # a row without the `wpts=2` its neighbours carry is printed at 3 points a win.
        if not fits_points(row.points, row.won, row.drawn, ppw):
            expected = ppw * (row.won or 0) + (row.drawn or 0)
            diff = f"{(row.points or 0) - expected:+d}"
            if row.points_marks:
                # The page marks these points with a note (`22[*]`): a deduction it explains,
                # not a contradiction.
                yield F.POINTS_DEDUCTION_NOTED.at(
                    at, row.line, team=row.team, field="points", stated=row.points,
                    computed=expected, ppw=ppw, won=row.won, drawn=row.drawn, diff=diff,
                    marks=", ".join(row.points_marks),
                )  # fmt: skip
                continue
            yield F.POINTS_DEDUCTION.at(
                at, row.line, team=row.team, field="points", stated=row.points,
                computed=expected, ppw=ppw, won=row.won, drawn=row.drawn, diff=diff,
            )  # fmt: skip


LEAGUE = frozenset({"league"})
CHECKS = (
    RowCheck("row-arithmetic", "standings", LEAGUE, check_row),
    TableCheck("points-rule", LEAGUE, check_points),
)

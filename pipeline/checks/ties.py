"""Check each tie against its legs: aggregate, stated points, and a shoot-out only when level."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline import findings as F
from pipeline.checks import PageContext, RowCheck
from pipeline.findings import Finding
from pipeline.model import ParsedTable, Tie
from pipeline.ties import leg_points, sum_legs


def check_tie(row: object, table: ParsedTable, ctx: PageContext) -> Iterable[Finding]:
    """Aggregate = sum of the legs; stated points = points from the legs; pens only if level."""
    if not isinstance(row, Tie):
        return
    tie = row
    at = ctx.at(table)
    legs = [leg.line for leg in tie.legs]
    summed = sum_legs(tie)
    if summed is not None:
        g1, g2 = summed
        if tie.team1_aggregate is not None and (tie.team1_aggregate, tie.team2_aggregate) != (
            g1,
            g2,
        ):
            yield F.AGGREGATE_MISMATCH.at(
                at, tie.line, team=tie.team1, field="aggregate", candidates=legs,
                stated=f"{tie.team1_aggregate}–{tie.team2_aggregate}", computed=f"{g1}–{g2}",
                team1=tie.team1, team2=tie.team2,
            )  # fmt: skip
        if tie.team1_penalties is not None and g1 != g2:
            yield F.PENALTIES_NOT_LEVEL.at(
                at, tie.line, team=tie.team1, field="penalties",
                stated=f"{tie.team1_penalties}–{tie.team2_penalties}", aggregate=f"{g1}–{g2}",
                team1=tie.team1, team2=tie.team2,
            )  # fmt: skip
    ppw = ctx.tie_rules.get(table.table_id, 3)
    computed = leg_points(tie, ppw)
    if tie.stated_points is not None and computed is not None and tie.stated_points != computed:
        yield F.TIE_POINTS_MISMATCH.at(
            at, tie.line, team=tie.team1, field="points", candidates=legs, ppw=ppw,
            stated=f"{tie.stated_points[0]}:{tie.stated_points[1]}",
            computed=f"{computed[0]}:{computed[1]}", team1=tie.team1, team2=tie.team2,
        )  # fmt: skip


CHECKS = (RowCheck("tie-legs", "ties", frozenset({"two_legged"}), check_tie),)

"""Read two-legged ties: Team 1, Agg., Team 2, 1st leg, 2nd leg (and the older Points layout)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from pipeline import ids
from pipeline.document import Grid, GridRow
from pipeline.kinds import (
    Account,
    Columns,
    Records,
    TableContext,
    cell_link,
    keep_level_shootout,
    match_from_cell,
    winner_of,
)
from pipeline.model import Match, Tie
from pipeline.rules import TIE_ALIASES, canonical
from pipeline.values import score_of


@lru_cache(maxsize=1 << 10)  # a page's tables share a few headers: read each once
def tie_columns(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Each label's tie role; a label of no known role is `ignored` (named, not output)."""
    return tuple(canonical(t, TIE_ALIASES) or "ignored" for t in labels)


class TwoLegged:
    """Ties over two legs; leg 2 is played at team 2's ground (contract)."""

    name = "two_legged"
    outputs: tuple[str, ...] = ("ties", "matches")
    reads = frozenset({"team1", "team2", "aggregate", "leg1", "leg2", "penalties", "points"})

    def recognise(self, grid: Grid) -> Columns | None:
        roles = tie_columns(grid.labels)
        if {"team1", "team2", "leg1", "leg2"} <= set(roles) or (
            "team1" in roles and "aggregate" in roles and len(roles) < 5
        ):
            return Columns(roles)
        return None

    def read(self, ctx: TableContext, account: Account) -> Records:
        ties: list[Tie] = []
        legs: list[Match] = []
        for n, row in enumerate(ctx.grid.rows, 1):
            account.row(ctx, row)
            tie = read_tie(ctx, row, account, ids.tie_id(ctx.table_id, n), len(legs))
            ties.append(tie)
            legs.extend(tie.legs)
        return Records(
            {"ties": tuple(ties), "matches": tuple(legs)},
            rows=len(ties),
            points_column="points" in ctx.columns.roles,
        )


def read_tie(
    ctx: TableContext, row: GridRow, account: Account, tie_id: str, matches_before: int
) -> Tie:
    """One tie row: teams, aggregate, legs, shoot-out and stated points, as the page states.

    Its legs are the table's matches `matches_before + 1`, ... (IDs in reading order).
    """
    cols = ctx.columns
    c1, c2 = cols.cell(row, "team1"), cols.cell(row, "team2")
    t1 = c1.text if c1 is not None else ""
    t2 = c2.text if c2 is not None else ""
    agg_cell = cols.cell(row, "aggregate")
    agg = score_of(agg_cell.value, agg_cell.raw) if agg_cell is not None else None
    if agg_cell is not None and agg_cell.raw and agg is not None and not agg.ok:
        account.unparsed(ctx, row.line, agg_cell.raw, "an aggregate")
    pen_cell = cols.cell(row, "penalties")
    pens = pen_cell.value.pair if pen_cell is not None and pen_cell.raw else None
    if pen_cell is not None and pen_cell.raw and pens is None:
        pen_score = score_of(pen_cell.value, pen_cell.raw)
        if pen_score.status == "played":
            # `–` is "no shoot-out"; anything else unreadable is named, not dropped silently.
            account.unparsed(ctx, row.line, pen_cell.raw, "a shoot-out")
    pts_cell = cols.cell(row, "points")
    stated_points = pts_cell.value.pair if pts_cell is not None and pts_cell.raw else None
    if pts_cell is not None and pts_cell.raw and stated_points is None:
        account.unparsed(ctx, row.line, pts_cell.raw, "tie points")
    l1, l2 = cell_link(c1), cell_link(c2)
    walkover = agg is not None and agg.status == "walkover"
    legs: list[Match] = []
    for leg, role in (("leg_1", "leg1"), ("leg_2", "leg2")):
        cell = cols.cell(row, role)
        if cell is None:
            continue
        home, away, links = (t1, t2, (l1, l2)) if leg == "leg_1" else (t2, t1, (l2, l1))
        match_id = ids.match_id(ctx.table_id, matches_before + len(legs) + 1)
        match = match_from_cell(
            cell, leg, home, away, swap=leg == "leg_2", match_id=match_id, tie_id=tie_id,
            links=links,
        )  # fmt: skip
        match = keep_level_shootout(ctx, account, match)
        if walkover and match.status == "pending" and home and away:
            # The aggregate says the tie was a walkover: its empty legs were never played.
            match = replace(match, status="not_played")
        legs.append(match)
        if not score_of(cell.value, cell.raw).ok:
            account.unparsed(ctx, cell.line, cell.raw, "a leg score")
    t1p = agg.home_penalties if agg else None
    t2p = agg.away_penalties if agg else None
    leg2 = next((m for m in legs if m.kind == "leg_2"), None)
    if t1p is None and leg2 is not None and leg2.home_penalties is not None:
        # A shoot-out written in the 2nd-leg cell (`1–1 (4–3 p)`) decides the tie.
        t1p, t2p = leg2.away_penalties, leg2.home_penalties
    if pens:
        t1p, t2p = pens
    if leg2 is not None and t1p is not None and leg2.home_penalties is None:
        # The shoot-out followed the second leg: it is that match's too (contract v2), where
        # the home team is team 2.
        legs[legs.index(leg2)] = _with_shootout(leg2, t2p, t1p)
    return Tie(
        line=row.line,
        tie_id=tie_id,
        team1=t1 or None,
        team2=t2 or None,
        team1_aggregate=agg.home if agg else None,
        team2_aggregate=agg.away if agg else None,
        team1_penalties=t1p,
        team2_penalties=t2p,
        stated_points=stated_points,
        aggregate_text=agg_cell.raw if agg_cell is not None else None,
        legs=tuple(legs),
        away_goals=bool(agg and agg.away_goals_rule),
        walkover=walkover,
        credited={"home": t1, "away": t2}.get(agg.credited or "") if agg else None,
        team1_link=l1,
        team2_link=l2,
    )


def _with_shootout(leg: Match, home: int | None, away: int | None) -> Match:
    """A leg with the tie's shoot-out on it, its winner decided again."""
    winner = winner_of(
        leg.home_team, leg.away_team, leg.home_goals, leg.away_goals, home, away, leg.status
    )
    return replace(leg, home_penalties=home, away_penalties=away, winner=winner)


TWO_LEGGED = TwoLegged()

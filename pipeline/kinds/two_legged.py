"""Read two-legged ties: Team 1, Agg., Team 2, 1st leg, 2nd leg (and the older Points layout)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from pipeline import findings as F
from pipeline import ids
from pipeline.document import Grid, GridCell, GridRow, make_cell
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
from pipeline.rules import tie_roles
from pipeline.ties import result_points
from pipeline.values import score_of


@lru_cache(maxsize=1 << 10)  # a page's tables share a few headers: read each once
def tie_columns(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Each label's tie role; a label of no known role is `ignored` (named, not output)."""
    return tuple(role or "ignored" for role in tie_roles(labels))


class TwoLegged:
    """Ties over two legs; leg 2 is played at team 2's ground (contract)."""

    name = "two_legged"
    outputs: tuple[str, ...] = ("ties", "matches")
    reads = frozenset(
        {"team1", "team2", "aggregate", "leg1", "leg2", "penalties", "points", "extra"}
    )

    def recognise(self, grid: Grid) -> Columns | None:
        roles = tie_columns(grid.labels)
        if {"team1", "team2", "leg1", "leg2"} <= set(roles) or (
            # `Home team | Score | Away team | Agg.` is a second leg's table, not a tie's.
            "team1" in roles and "aggregate" in roles and len(roles) < 5 and "score" not in roles
        ):
            return roles_by_content(grid, roles)
        if {"team1", "team2"} <= set(roles) and grid.rows:
            # Only the team labels are left (`1st leg home team | 2nd leg home team`) over
            # rows such as `| Grupo Malca | 1:4 |`: read by content as far as the rows go.
            columns = roles_by_content(grid, roles)
            if columns.note is not None and {"team1"} < set(columns.roles):
                return columns
        return None

    def read(self, ctx: TableContext, account: Account) -> Records:
        ties: list[Tie] = []
        legs: list[Match] = []
        partial = "team2" not in ctx.columns.roles
        for n, row in enumerate(ctx.grid.rows, 1):
            account.row(ctx, row)
            if partial:
                what = (
                    f"The row on line {row.line} holds only "
                    f"{', '.join(repr(c.raw) for _, c in row.own_cells())}: team 2 and the legs "
                    "are not in this export; what it states is kept, the rest is null."
                )
                account.findings.append(F.ROW_PARTIAL.at(ctx.site, row.line, what=what))
            if _is_bye(ctx, row, account):
                continue
            if ties and (replay := _replay(ctx, row, ties[-1], len(legs))) is not None:
                ties[-1] = replace(ties[-1], extra=replay)
                legs.append(replay)
                continue
            tie = read_tie(ctx, row, account, ids.tie_id(ctx.table_id, n), len(legs))
            ties.append(tie)
            legs.extend(tie.legs)
            if tie.extra is not None:
                legs.append(tie.extra)
        return Records(
            {"ties": tuple(ties), "matches": tuple(legs)},
            rows=len(ties),
            points_column="points" in ctx.columns.roles,
        )


# A team that goes through without playing: `bye` in the row (CONCACAF 1991), `exempt`.
BYE_RE = re.compile(r"^(bye|exempt|libre|exento|freilos)$", re.I)


def _is_bye(ctx: TableContext, row: GridRow, account: Account) -> bool:
    """A row saying one team had a bye is no tie and no match: its cells are named by one
    `tie-bye` info instead of becoming a tie with no opponent and pending legs."""
    cells = [c for _, c in row.own_cells() if c.raw]
    if not any(BYE_RE.match(c.text) for c in cells):
        return False
    teams = [c.text for role in ("team1", "team2") if (c := ctx.columns.cell(row, role)) and c.text]
    if len(teams) != 1:
        return False  # two teams: a tie whatever a cell says; none: not a team's bye
    counted = sum(
        1 for c, cell in row.own_cells()
        if c < len(ctx.columns.roles) and ctx.columns.roles[c] in ctx.reads
    )  # fmt: skip
    account.data -= counted
    account.named += counted
    account.findings.append(
        F.TIE_BYE.at(ctx.site, row.line, team=teams[0], cells=counted, count=counted)
    )
    return True


# A replay written as its own row under the tie it decides: `0 - 1 (Replay)` in the
# aggregate column, the same two teams, no legs (CONCACAF Champions' Cup 1991).
REPLAY_RE = re.compile(r"^(?P<score>.+?)\s*\(\s*(?:replay|replayed|play-?off)\s*\)$", re.I)


def _replay(ctx: TableContext, row: GridRow, previous: Tie, matches_before: int) -> Match | None:
    """The previous tie's replay, where this row is one; written team 1 first."""
    cols = ctx.columns
    agg = cols.cell(row, "aggregate")
    found = REPLAY_RE.match(agg.text) if agg is not None else None
    if agg is None or found is None or previous.extra is not None:
        return None
    c1, c2 = cols.cell(row, "team1"), cols.cell(row, "team2")
    t1, t2 = (c1.text if c1 else ""), (c2.text if c2 else "")
    if {t1, t2} != {previous.team1, previous.team2}:
        return None
    if any((c := cols.cell(row, role)) is not None and c.raw for role in ("leg1", "leg2")):
        return None
    cell = make_cell(found.group("score"), agg.line)
    if cell.value.kind != "score":
        return None
    return match_from_cell(
        cell, "tiebreaker", t1, t2, line=row.line, tie_id=previous.tie_id,
        match_id=ids.match_id(ctx.table_id, matches_before + 1),
        links=(cell_link(c1), cell_link(c2)),
    )  # fmt: skip


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
    extra = None
    extra_cell = cols.cell(row, "extra")
    if extra_cell is not None and extra_cell.raw:
        # A third match on neutral ground, written team 1 first like the legs (2003 Copa Perú).
        match_id = ids.match_id(ctx.table_id, matches_before + len(legs) + 1)
        extra = match_from_cell(
            extra_cell, "tiebreaker", t1, t2, match_id=match_id, tie_id=tie_id,
            links=(l1, l2), neutral=True,
        )  # fmt: skip
        if not score_of(extra_cell.value, extra_cell.raw).ok:
            account.unparsed(ctx, extra_cell.line, extra_cell.raw, "a third match's score")
    t1p = agg.home_penalties if agg else None
    t2p = agg.away_penalties if agg else None
    leg2 = next((m for m in legs if m.kind == "leg_2"), None)
    if agg is not None and agg.extra_time and leg2 is not None and not leg2.extra_time:
        # `2–4 (a.e.t.)` in the aggregate: extra time is played after the second leg only.
        leg2 = replace(leg2, extra_time=True)
        legs[legs.index(next(m for m in legs if m.kind == "leg_2"))] = leg2
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
        extra=extra,
        bold=_bold_team(c1, c2),
    )


def _bold_team(c1: GridCell | None, c2: GridCell | None) -> str | None:
    """Which team's cell alone is bold (the page marking who went through), if one is."""
    b1, b2 = c1 is not None and c1.bold, c2 is not None and c2.bold
    return "team1" if b1 and not b2 else "team2" if b2 and not b1 else None


def _with_shootout(leg: Match, home: int | None, away: int | None) -> Match:
    """A leg with the tie's shoot-out on it, its winner decided again."""
    winner = winner_of(
        leg.home_team, leg.away_team, leg.home_goals, leg.away_goals, home, away, leg.status
    )
    return replace(leg, home_penalties=home, away_penalties=away, winner=winner)


TWO_LEGGED = TwoLegged()


# What a tie column's cells must hold, by role: names, scores, or a points pair.
_ROLE_TYPE = {
    "team1": "name", "team2": "name", "aggregate": "score", "leg1": "score", "leg2": "score",
    "penalties": "score", "extra": "score", "points": "score",
}  # fmt: skip
_INSERTABLE = ("points", "aggregate")  # the labels a second header row is seen to lose


def roles_by_content(grid: Grid, roles: tuple[str, ...]) -> Columns:
    """Check the labels' roles against the cells under them (a team column holds names, a
    leg column scores); where they disagree, take the one reading with one label lost or
    one too many that every column fits, the legs confirming a points or aggregate column.

    A second header row may lose its `Points` label and end in an empty cell (2011 Ligas
    Departamentales): read by label, team 2 would be `0:6` and the legs shifted.
    """
    profile = [_column_type(grid, c) for c in range(len(roles))]
    teams_fit = all(
        kind in ("name", "empty") for role, kind in zip(roles, profile, strict=True)
        if role in ("team1", "team2")
    )  # fmt: skip
    if teams_fit:
        # The team columns hold names: the labels stand (a junk cell elsewhere is named).
        return Columns(roles)
    width = len(roles)
    candidates: set[tuple[str, ...]] = set()
    for k in range(width + 1):
        for role in _INSERTABLE:
            if role not in roles:
                shifted = (*roles[:k], role, *roles[k:])
                if shifted[width:] in ((), ("ignored",)):
                    candidates.add(shifted[:width])
        dropped = (*roles[:k], *roles[k + 1 :], "ignored")
        candidates.add(dropped)
    fitting = [c for c in candidates if _fits(c, profile) and _has_tie_roles(c)]
    if not fitting:
        # The labels explain nothing: the content alone names the columns.
        inferred = _roles_from_content(grid, profile)
        fitting = [inferred] if inferred is not None else []
    if len(fitting) > 1:
        # The legs decide: a stated points or aggregate column agrees with them.
        scored = [(_agreement(grid, c), c) for c in fitting]
        top = max(score for score, _ in scored)
        fitting = [c for score, c in scored if score == top]
    if len(fitting) != 1:
        return Columns(roles)  # no single reading: the labels stand, their misfits are named
    chosen = fitting[0]
    changed = [
        f"column {c + 1} '{label or '(no label)'}' as {new}"
        for c, (label, old, new) in enumerate(zip(grid.labels, roles, chosen, strict=True))
        if old != new
    ]
    note = (
        "The header's labels do not fit the cells under them (a label was lost); read by "
        f"content: {'; '.join(changed)}."
    )
    return Columns(chosen, note=note)


def _roles_from_content(grid: Grid, profile: list[str]) -> tuple[str, ...] | None:
    """Roles read off the cells alone: names are team 1 then team 2; a score between them
    the stated points (`1:4`) or the aggregate; scores after team 2 the legs, then the
    shoot-out. None unless the first column holds the names of team 1."""
    if not profile or profile[0] != "name":
        return None
    roles: list[str] = ["team1"]
    after = ["leg1", "leg2", "penalties"]
    for c, kind in enumerate(profile[1:], 1):
        if kind == "name" and "team2" not in roles:
            roles.append("team2")
        elif kind == "score" and "team2" not in roles and len(roles) == 1:
            roles.append("points" if _colon_pairs(grid, c) else "aggregate")
        elif kind == "score" and "team2" in roles and after:
            roles.append(after.pop(0))
        else:
            roles.append("ignored")
    return tuple(roles) if len(set(roles) - {"ignored"}) >= 2 else None


def _colon_pairs(grid: Grid, c: int) -> bool:
    """The column's scores are written `a:b`: stated points (the older Copa Perú layout)."""
    cells = [r.cells[c] for r in grid.rows if c < len(r.cells) and r.cells[c] is not None]
    return any(":" in cell.raw for cell in cells if cell is not None)


def _column_type(grid: Grid, c: int) -> str:
    """What a column's cells hold: `name`, `score`, `empty` or `mixed`."""
    kinds: set[str] = set()
    for row in grid.rows:
        cell = row.cells[c] if c < len(row.cells) else None
        if cell is None or not cell.raw:
            continue
        value = cell.value
        kinds.add("name" if value.is_name else "score" if value.kind == "score" else "other")
    if not kinds:
        return "empty"
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _fits(roles: tuple[str, ...], profile: list[str]) -> bool:
    return all(
        kind == "empty" or _ROLE_TYPE.get(role, kind) == kind
        for role, kind in zip(roles, profile, strict=True)
    )


def _has_tie_roles(roles: tuple[str, ...]) -> bool:
    return {"team1", "team2"} <= set(roles) and bool({"leg1", "aggregate", "points"} & set(roles))


def _agreement(grid: Grid, roles: tuple[str, ...]) -> int:
    """Rows whose points or aggregate column agrees with their legs (team 1 first)."""
    at = {role: c for c, role in reversed(list(enumerate(roles)))}
    agree = 0
    for row in grid.rows:
        pairs = {}
        for role in ("leg1", "leg2", "points", "aggregate"):
            c = at.get(role)
            cell = row.cells[c] if c is not None and c < len(row.cells) else None
            pairs[role] = cell.value.pair if cell is not None else None
        legs = [pairs["leg1"], pairs["leg2"]]
        if None in legs:
            continue
        g = [leg for leg in legs if leg is not None]
        if pairs["aggregate"] == (g[0][0] + g[1][0], g[0][1] + g[1][1]):
            agree += 1
        if pairs["points"] == result_points(g):
            agree += 1
    return agree

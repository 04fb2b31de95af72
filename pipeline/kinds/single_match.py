"""Read single matches: Team 1, Score, Team 2 (a round played once, or a tiebreaker)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pipeline import findings as F
from pipeline import ids
from pipeline.document import Grid, GridRow, make_cell
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
from pipeline.kinds.two_legged import tie_columns
from pipeline.model import Match
from pipeline.rules import NOTES_LABELS, is_tiebreaker
from pipeline.ties import SECOND_LEG_RE, heading_says


class SingleMatch:
    """One match a row; under a Tiebreaker heading it is a neutral-ground third match."""

    name = "single_match"
    outputs: tuple[str, ...] = ("matches",)
    reads = frozenset({"team1", "team2", "score", "penalties", "date", "venue", "aggregate"})

    def recognise(self, grid: Grid) -> Columns | None:
        roles = tie_columns(grid.labels)
        if {"team1", "score", "team2"} <= set(roles):
            return Columns(roles)
        return _columns_by_content(grid)

    def read(self, ctx: TableContext, account: Account) -> Records:
        matches: list[Match] = []
        for row in ctx.grid.rows:
            # A row under a `Deciding Match:` row of the table is a third match too.
            tiebreaker = ctx.placement.in_tiebreaker or is_tiebreaker(row.subheading)
            account.row(ctx, row)
            c1, c2 = ctx.columns.cell(row, "team1"), ctx.columns.cell(row, "team2")
            # A score the row lacks is an empty cell: a pending match, not a lost row.
            score = ctx.columns.cell(row, "score") or make_cell("", row.line)
            date, venue = ctx.columns.cell(row, "date"), ctx.columns.cell(row, "venue")
            match = match_from_cell(
                score,
                "tiebreaker" if tiebreaker else "single",
                c1.text if c1 is not None else "",
                c2.text if c2 is not None else "",
                line=row.line,
                match_id=ids.match_id(ctx.table_id, len(matches) + 1),
                links=(cell_link(c1), cell_link(c2)),
                neutral=tiebreaker,
                date=(date.text or None) if date is not None else None,
                venue=(venue.text or None) if venue is not None else None,
            )
            if (
                match.home_penalties is not None
                and match.home_goals != match.away_goals
                and heading_says(ctx.placement, SECOND_LEG_RE)
            ):
                # `2–1 (4–3 p)` in a second-leg table: the shoot-out is the tie's.
                pens = (match.home_penalties, match.away_penalties or 0)
                match = replace(match, home_penalties=None, away_penalties=None, tie_shootout=pens)
            match = keep_level_shootout(ctx, account, match)
            match = _with_shootout(ctx, row, account, match)
            match = _with_stated_aggregate(ctx, row, account, match)
            matches.append(_with_noted_shootout(ctx, row, match))
            if score.value.kind not in ("score", "empty"):
                account.unparsed(ctx, row.line, score.raw, "a score")
        return Records({"matches": tuple(matches)}, rows=len(matches))


def _columns_by_content(grid: Grid) -> Columns | None:
    """Columns of a header with no label at all (empty `<th>`s that only set widths, 1961–62
    Segunda División's play-offs): most rows hold a score between two names in the same
    three columns; a column of nothing but scores besides them is the tie's aggregate
    (`Agg: 2–1`)."""
    if not grid.rows or any(grid.labels):
        return None
    width = max(len(r.cells) for r in grid.rows)
    starts: Counter[int] = Counter()
    for row in grid.rows:
        kinds = [c.value.kind if c is not None and c.own else "none" for c in row.cells]
        for c in range(len(kinds) - 2):
            if kinds[c : c + 3] == ["name", "score", "name"]:
                starts[c] += 1
                break
    if not starts:
        return None
    start, count = starts.most_common(1)[0]
    if 3 * count < 2 * len(grid.rows):
        return None  # most rows must be matches
    roles = ["ignored"] * width
    roles[start : start + 3] = ["team1", "score", "team2"]
    for c in range(width):
        cells = [r.cells[c] for r in grid.rows if c < len(r.cells) and r.cells[c] is not None]
        values = [cell for cell in cells if cell is not None and cell.own and cell.raw]
        if roles[c] == "ignored" and values and all(v.value.kind == "score" for v in values):
            roles[c] = "aggregate"
    named = ", ".join(f"column {c + 1} as {r}" for c, r in enumerate(roles) if r != "ignored")
    note = f"The header has no labels; read by content: {named}."
    return Columns(tuple(roles), note=note)


def _with_stated_aggregate(
    ctx: TableContext, row: GridRow, account: Account, match: Match
) -> Match:
    """A tie's aggregate stated in the match's row (`Agg: 2–1` after a second leg), kept on
    the match for the tie its legs make; a cell we cannot read is named."""
    cell = ctx.columns.cell(row, "aggregate")
    if cell is None or not cell.own or not cell.raw:
        return match
    score = cell.value.score
    if cell.value.kind != "score" or score is None or score.home is None or score.away is None:
        account.unparsed(ctx, row.line, cell.raw, "an aggregate")
        return match
    return replace(match, stated_aggregate=(score.home, score.away))


def _with_shootout(ctx: TableContext, row: GridRow, account: Account, match: Match) -> Match:
    """Store a shoot-out the row states in a column of its own on its match."""
    pens = ctx.columns.cell(row, "penalties")
    pair = pens.value.pair if pens is not None else None
    if pens is None or not pens.own or pair is None:
        if pens is not None and pens.own and pens.raw and pens.value.kind != "score":
            account.unparsed(ctx, row.line, pens.raw, "a shoot-out")
        return match
    # A second leg: under its heading, or stating the tie's level aggregate with its score
    # (`2–1 (a.e.t.) Agg: 2–2`, a box's `aggregatescore`).
    agg = match.stated_aggregate
    second_leg = heading_says(ctx.placement, SECOND_LEG_RE) or (
        agg is not None and agg[0] == agg[1]
    )
    if match.home_goals is not None and match.home_goals != match.away_goals and second_leg:
        # A second leg's shoot-out follows a level aggregate, not a level leg: nothing is
        # contradicted; it belongs to the tie the legs make (paired later, else named).
        return replace(match, tie_shootout=pair)
    if match.home_goals is None or match.home_goals != match.away_goals:
        # A shoot-out after a score that is not level contradicts it: the match keeps its
        # score, the shoot-out cell is named and not stored.
        account.not_stored(
            F.PENALTIES_NOT_LEVEL.at(
                ctx.site, row.line, team=match.home_team, field="penalties", stated=pens.raw,
                cells=1, team1=match.home_team, team2=match.away_team,
                aggregate=match.score_text or "no score",
            )
        )  # fmt: skip
        return match
    winner = winner_of(
        match.home_team, match.away_team, match.home_goals, match.away_goals, *pair, match.status
    )
    return replace(match, home_penalties=pair[0], away_penalties=pair[1], winner=winner)


# A shoot-out stated only in a Notes cell: "Petroshimi progress 5-4 on penalties", "… won
# 8–7 on penalties". The sentence must name a team of the match and a score.
NOTED_SHOOTOUT_RE = re.compile(
    r"^(?P<team>.+?)\s+(?:progress(?:es|ed)?|advance[sd]?|won|wins?|go(?:es)? through|"
    r"qualif(?:y|ies|ied))\s+(?P<a>\d{1,2})\s*[–\-—]\s*(?P<b>\d{1,2})\s+on\s+penalt",
    re.I,
)


def _with_noted_shootout(ctx: TableContext, row: GridRow, match: Match) -> Match:
    """A level match's shoot-out written in its Notes cell goes to its penalties when the
    sentence names one of its teams and a score; otherwise the cell stays named, not read."""
    if match.home_penalties is not None or match.home_goals is None:
        return match
    if match.home_goals != match.away_goals:
        return match
    labels = ctx.grid.labels
    notes = [
        row.cells[c].text  # type: ignore[union-attr]
        for c, label in enumerate(labels)
        if label.strip().lower() in NOTES_LABELS and c < len(row.cells) and row.cells[c]
    ]
    if row.note:
        notes.append(row.note)  # a bracketed note row under the match
    for text in notes:
        found = NOTED_SHOOTOUT_RE.match(text)
        if found is None:
            continue
        team, won, lost = found.group("team").strip(), int(found.group("a")), int(found.group("b"))
        if team == match.home_team:
            home, away = won, lost
        elif team == match.away_team:
            home, away = lost, won
        else:
            continue
        winner = winner_of(
            match.home_team, match.away_team, match.home_goals, match.away_goals, home, away,
            match.status,
        )  # fmt: skip
        return replace(match, home_penalties=home, away_penalties=away, winner=winner)
    return match


SINGLE_MATCH = SingleMatch()

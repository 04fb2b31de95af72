"""Read single matches: Team 1, Score, Team 2 (a round played once, or a tiebreaker)."""

from __future__ import annotations

from dataclasses import replace

from pipeline import ids
from pipeline.document import Grid, make_cell
from pipeline.kinds import Account, Columns, Records, TableContext, match_from_cell
from pipeline.kinds.two_legged import tie_columns
from pipeline.model import Match


class SingleMatch:
    """One match a row; under a Tiebreaker heading it is a neutral-ground third match."""

    name = "single_match"
    outputs: tuple[str, ...] = ("matches",)

    def recognise(self, grid: Grid) -> Columns | None:
        roles = tie_columns(grid.labels)
        return Columns(roles) if {"team1", "score", "team2"} <= set(roles) else None

    def read(self, ctx: TableContext, account: Account) -> Records:
        tiebreaker = ctx.placement.in_tiebreaker
        matches: list[Match] = []
        for row in ctx.grid.rows:
            account.row(ctx, row)
            c1, c2 = ctx.columns.cell(row, "team1"), ctx.columns.cell(row, "team2")
            # A score the row lacks is an empty cell: a pending match, not a lost row.
            score = ctx.columns.cell(row, "score") or make_cell("", row.line)
            match = match_from_cell(
                score,
                "tiebreaker" if tiebreaker else "single",
                c1.text if c1 is not None else "",
                c2.text if c2 is not None else "",
                line=row.line,
                match_id=ids.match_id(ctx.table_id, len(matches) + 1),
            )
            matches.append(replace(match, neutral=True) if tiebreaker else match)
            if score.value.kind not in ("score", "empty"):
                account.unparsed(ctx, row.line, score.raw, "a score")
        return Records({"matches": tuple(matches)}, rows=len(matches))


SINGLE_MATCH = SingleMatch()

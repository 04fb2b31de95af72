"""Check the bracket: a team that lost its tie does not play the next round of its region."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline import findings as F
from pipeline.checks import PageCheck, PageContext
from pipeline.findings import Finding


def check_bracket(ctx: PageContext) -> Iterable[Finding]:
    """The loser of a decided tie must not appear among the next round's teams."""
    next_teams: dict[str, set[str]] = {}
    for d in ctx.ties:
        if d.winner is None or d.next_table is None:
            continue
        if d.next_table not in next_teams:
            nxt = ctx.table(d.next_table)
            next_teams[d.next_table] = {x for t in nxt.ties for x in (t.team1, t.team2) if x}
        tie = d.tie
        loser = tie.team2 if d.winner == tie.team1 else tie.team1
        if loser in next_teams[d.next_table]:
            yield F.BRACKET_MISMATCH.at(
                ctx.site.table(d.table_id), tie.line, team=loser, field="winner", stated=loser,
                computed=d.winner, next_table=d.next_table, team1=tie.team1, team2=tie.team2,
                by=d.decided_by,
            )  # fmt: skip


CHECKS = (PageCheck("bracket", check_bracket),)

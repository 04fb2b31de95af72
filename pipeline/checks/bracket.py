"""Check the bracket: a team that lost its tie does not play the next round of its region."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pipeline import findings as F
from pipeline.checks import PageCheck, PageContext
from pipeline.findings import Finding
from pipeline.ties import DecidedTie


def check_bracket(ctx: PageContext) -> Iterable[Finding]:
    """The loser of a decided tie must not appear among the next round's teams.

    Only where the next round is this round's winners and nobody else: as many teams as this
    round decided ties, none of them from outside this round. Otherwise losers may go through
    by design (best losers, seeded entrants, both zone finalists) and nothing contradicts.
    """
    next_teams: dict[str, set[str]] = {}
    by_table: dict[str, list[DecidedTie]] = defaultdict(list)
    for d in ctx.ties:
        by_table[d.table_id].append(d)
    closed: set[str] = set()  # tables whose next round is exactly their winners
    for table_id, decided in by_table.items():
        nxt_id = decided[0].next_table
        if nxt_id is None:
            continue
        nxt = ctx.table(nxt_id)
        teams = {x for t in nxt.ties for x in (t.team1, t.team2) if x}
        next_teams[nxt_id] = teams
        here = {x for d in decided for x in (d.tie.team1, d.tie.team2) if x}
        if len(teams) == sum(d.winner is not None for d in decided) and teams <= here:
            closed.add(table_id)
    for d in ctx.ties:
        if d.winner is None or d.next_table is None or d.table_id not in closed:
            continue
        tie = d.tie
        loser = tie.team2 if d.winner == tie.team1 else tie.team1
        if loser in next_teams[d.next_table]:
            yield F.BRACKET_MISMATCH.at(
                ctx.site.table(d.table_id), tie.line, team=loser, field="winner", stated=loser,
                computed=d.winner, next_table=d.next_table, team1=tie.team1, team2=tie.team2,
                by=d.decided_by,
            )  # fmt: skip


CHECKS = (PageCheck("bracket", check_bracket),)

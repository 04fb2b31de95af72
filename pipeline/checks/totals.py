"""Check a standings table's totals: goals for = goals against, wins = losses, Pld even."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline import findings as F
from pipeline.checks import PageContext, TableCheck
from pipeline.findings import Finding
from pipeline.model import ParsedTable, StandingRow


def check_totals(table: ParsedTable, ctx: PageContext) -> Iterable[Finding]:
    """Over a whole table every match counts twice, once for each side."""
    if not table.whole_rows or not table.standings:
        return  # a table that lost rows (cut, or a row left unplaced) cannot balance
    rows = table.standings
    if _excerpt(rows):
        return  # a few rows of a longer table (`p=9` first, or 34 games among 3 teams)
    at = ctx.at(table)

    def total(stat: str) -> int | None:
        values = [getattr(r, stat) for r in rows]
        return None if any(v is None for v in values) else sum(values)

    for a, b in (("goals_for", "goals_against"), ("won", "lost")):
        ta, tb = total(a), total(b)
        if ta is not None and tb is not None and ta != tb:
            yield F.TABLE_TOTALS.at(
                at, table.line, field=a, stated=ta, computed=tb,
                detail=f"Over the table {a} totals {ta} but {b} totals {tb}: some row is off by "
                f"{abs(ta - tb)}.",
            )  # fmt: skip
    played = total("played")
    if played is not None and played % 2:
        yield F.TABLE_TOTALS.at(
            at, table.line, field="played", stated=played,
            detail=f"Over the table Pld totals {played}, an odd number: every match counts twice.",
        )  # fmt: skip


def _excerpt(rows: tuple[StandingRow, ...]) -> bool:
    """Rows that are part of a table, not all of it: the first stated position is not 1, a
    team played more games than even a six-fold round robin of these teams gives, or the
    rows are a slice from the top or the bottom of a table."""
    first = rows[0].position
    if first is not None and first != 1:
        return True
    played = max((r.played for r in rows if r.played is not None), default=0)
    if played > 6 * (len(rows) - 1):
        return True
    # The top (or bottom) of a table: wins exceed losses and goals for exceed goals against,
    # both by at least one a row; a typo in a whole table moves one total, and by a little.
    if any(None in (r.won, r.lost, r.goals_for, r.goals_against) for r in rows):
        return False
    wins = sum(r.won or 0 for r in rows) - sum(r.lost or 0 for r in rows)
    goals = sum(r.goals_for or 0 for r in rows) - sum(r.goals_against or 0 for r in rows)
    return min(abs(wins), abs(goals)) >= len(rows) and (wins > 0) == (goals > 0)


CHECKS = (TableCheck("table-totals", frozenset({"league"}), check_totals, whole=True),)

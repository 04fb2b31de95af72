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
    """Rows that are part of a table, not all of it: the first stated position is not 1, or
    a team played more games than even a six-fold round robin of these teams gives."""
    first = rows[0].position
    if first is not None and first != 1:
        return True
    played = max((r.played for r in rows if r.played is not None), default=0)
    return played > 6 * (len(rows) - 1)


CHECKS = (TableCheck("table-totals", frozenset({"league"}), check_totals, whole=True),)

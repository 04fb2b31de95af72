"""Check the deductions a table's notes state against the points its rows give."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline import findings as F
from pipeline.checks import PageContext, TableCheck
from pipeline.findings import Finding
from pipeline.model import ParsedTable
from pipeline.rules import POINTS_PER_WIN_RULES, stated_deductions


def check_deduction_notes(table: ParsedTable, ctx: PageContext) -> Iterable[Finding]:
    """A team a note names as deducted N points must give N fewer points than W and D earn
    under the table's rule ("Bootle deducted 4 points", 1978–79 Cheshire County League); a
    row that deducts another amount contradicts its note."""
    ppw = ctx.league_rules.get(table.table_id, POINTS_PER_WIN_RULES[0])
    at = ctx.at(table)
    seen: set[str] = set()
    for note in table.section.prose:
        for subject, points in stated_deductions(note):
            for row in table.standings:
                if row.team in seen or not _names(subject, row.team):
                    continue
                if row.points is None or row.won is None or row.drawn is None:
                    continue
                seen.add(row.team)
                earned = ppw * row.won + row.drawn
                if earned - row.points == points:
                    continue
                yield F.DEDUCTION_NOTE.at(
                    at, row.line, team=row.team, field="points", stated=row.points,
                    computed=earned - points, points=points, note=_quote(note),
                    ppw=ppw, won=row.won, drawn=row.drawn, earned=earned,
                )  # fmt: skip


def _names(subject: str, team: str) -> bool:
    """The note's subject names the team: its whole name, as words."""
    return bool(team) and re.search(rf"(?<!\w){re.escape(team)}(?!\w)", subject, re.I) is not None


def _quote(note: str) -> str:
    text = " ".join(note.split())
    return text if len(text) <= 120 else text[:117] + "…"


CHECKS = (TableCheck("deduction-note", frozenset({"league"}), check_deduction_notes),)

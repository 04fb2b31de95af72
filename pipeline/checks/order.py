"""Check a standings table's order against the classification rule that governs it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from itertools import pairwise

from pipeline import findings as F
from pipeline.checks import PageContext, TableCheck
from pipeline.findings import Finding
from pipeline.model import ParsedTable, StandingRow
from pipeline.rules import classification_rule

STATUS_LETTER_RE = re.compile(r"^[A-Z]\d{0,2}$")  # (C), (R), (D3): the templates' status marks


def check_order(table: ParsedTable, ctx: PageContext) -> Iterable[Finding]:
    """Positions must follow the governing rule; teams level under it are an info."""
    criteria, stopped = classification_rule(table.section.rule_text)
    rule = " > ".join(criteria)
    at = ctx.at(table)
    follows = ctx.tiebreaker_follows(table)
    for upper, lower in pairwise(table.standings):
        ku = tuple(getattr(upper, c) for c in criteria)
        kl = tuple(getattr(lower, c) for c in criteria)
        if None in ku or None in kl:
            continue
        if ku == kl:
            if stopped:
                note = f"the stated rule goes on to '{stopped}', which no column here gives"
            elif follows:
                note = "a Tiebreaker heading under this section decides them"
            else:
                note = "no tiebreaker is shown"
            yield F.ORDER_LEVEL.at(
                at, lower.line, team=lower.team, field="position", stated=lower.position,
                upper=upper.team, rule=rule, key=_key(ku), note=note,
            )  # fmt: skip
        elif ku < kl and (noted := _footnoted(upper) + _footnoted(lower)):
            # A team the page footnotes (Juventus placed last in 2005–06 Serie A, a note
            # saying why): its place is explained, not a contradiction.
            yield F.ORDER_NOTED.at(
                at, lower.line, team=lower.team, field="position", stated=lower.position,
                computed=upper.position, upper=upper.team, upper_key=_key(ku), key=_key(kl),
                rule=rule, marks=", ".join(noted),
            )  # fmt: skip
        elif ku < kl:
            yield F.ORDER_VIOLATION.at(
                at, lower.line, team=lower.team, field="position", stated=lower.position,
                computed=upper.position, upper=upper.team, upper_key=_key(ku), key=_key(kl),
                rule=rule,
            )  # fmt: skip


def _footnoted(row: StandingRow) -> tuple[str, ...]:
    """The row's footnote marks (`a`, `1`, `note 2`, `*`), not its status letters (`C`, `R`)."""
    return tuple(f"{row.team} [{m}]" for m in row.notes if not STATUS_LETTER_RE.match(m))


def _key(values: tuple[object, ...]) -> str:
    """A ranking key as people read it: `12 pts, +5 GD` rather than a tuple repr."""
    return ", ".join(f"{float(v):.3f}" if isinstance(v, Fraction) else str(v) for v in values)


CHECKS = (TableCheck("order", frozenset({"league"}), check_order),)

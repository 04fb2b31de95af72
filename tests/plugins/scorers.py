"""A test-only table kind, output and check: a `Team | Goals` top-scorers table.

It proves the seams: registering these reaches Parquet and findings with no core module edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from pipeline import checks, kinds, outputs
from pipeline import findings as F
from pipeline.checks import PageContext, TableCheck
from pipeline.document import Grid
from pipeline.findings import Finding
from pipeline.kinds import Account, Columns, Records, TableContext
from pipeline.model import ParsedTable
from pipeline.rules import normalise_label
from schemas.models import SectionColumns

MAX_PLAUSIBLE = 60  # goals one team's top scorer could score in a season


class ScorersModel(SectionColumns):
    """scorers.parquet: one row a team."""

    team: Series[str] = pa.Field(str_length={"min_value": 1})
    goals: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)

    class Config:
        strict = True


@dataclass(frozen=True, slots=True)
class Scorer:
    line: int
    team: str
    goals: int | None


class TopScorers:
    name = "top_scorers"
    outputs: tuple[str, ...] = ("scorers",)
    reads = frozenset({"team", "goals"})

    def recognise(self, grid: Grid) -> Columns | None:
        labels = tuple(normalise_label(t) for t in grid.labels)
        return Columns(("team", "goals")) if labels == ("team", "goals") else None

    def read(self, ctx: TableContext, account: Account) -> Records:
        rows: list[Scorer] = []
        for row in ctx.grid.rows:
            account.row(ctx, row)
            team, goals = ctx.columns.cell(row, "team"), ctx.columns.cell(row, "goals")
            number = goals.value.number if goals is not None and goals.value.kind == "int" else None
            if goals is not None and number is None:
                account.unparsed(ctx, row.line, goals.raw, "goals")
            rows.append(Scorer(row.line, team.text if team else "", number))
        return Records({"scorers": tuple(rows)}, rows=len(rows))


def check_goals(table: ParsedTable, ctx: PageContext) -> Iterable[Finding]:
    for row in table.records("scorers"):
        if isinstance(row, Scorer) and row.goals is not None and row.goals > MAX_PLAUSIBLE:
            yield IMPLAUSIBLE.at(
                ctx.at(table), row.line, team=row.team, field="goals", stated=row.goals,
                limit=MAX_PLAUSIBLE,
            )  # fmt: skip


IMPLAUSIBLE = F.FindingKind(
    "scorer-implausible", "warning", "A scorer's goals are beyond belief.",
    "{team}: {stated} goals is more than {limit} in a season.",
)  # fmt: skip


def install() -> None:
    """Register the kind, its output, its check and its finding kind."""
    k = IMPLAUSIBLE
    F.declare(k.code, k.severity, k.meaning, k.template)
    outputs.register(outputs.Output("scorers", ScorersModel))
    kinds.register(TopScorers())
    checks.register(TableCheck("scorer-goals", frozenset({"top_scorers"}), check_goals))


def uninstall() -> None:
    checks.unregister("scorer-goals")
    kinds.unregister("top_scorers")
    outputs.unregister("scorers")
    F.undeclare(IMPLAUSIBLE.code)

"""Describe problems as `Finding` values with stable codes; never raise or print them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

# Stable codes are public API (README documents them): add, never rename.
# code -> (severity, what it means for the analyst)
CODES: dict[str, tuple[Severity, str]] = {
    # reading
    "empty-input": ("warning", "The file holds no text at all."),
    "not-utf8": ("warning", "The file is not valid UTF-8; bad bytes were replaced with U+FFFD."),
    "binary-input": ("warning", "The file looks binary (NUL bytes); nothing was parsed."),
    "line-too-long": ("warning", "A line exceeds the maximum line length and was cut."),
    "input-too-large": ("warning", "The file exceeds the size limit; only its start was read."),
    # tables
    "table-truncated": ("warning", "The file ends inside a table; complete rows were kept."),
    "row-unplaced": ("warning", "Cells that fit no row of the table; named, not output."),
    "row-too-long": ("warning", "A row has more cells than its header; the extra cells are named."),
    "row-short": ("warning", "A row lacks cells a rowspan cannot explain; it was not output."),
    "table-unknown": ("info", "A table-shaped block that is not a football table; skipped."),
    "infobox-skipped": ("info", "An infobox remnant rendered as a table; skipped."),
    "navbox-skipped": ("info", "A navigation box rendered as a table; skipped."),
    "heading-without-table": ("info", "A section heading with no table under it in this export."),
    "cell-unparsed": ("warning", "A cell whose value could not be read; stored as null."),
    "column-not-output": ("info", "A column the contract has no place for (e.g. Venue); named."),
    "utf16-input": ("info", "The file is UTF-16 text; it was decoded as such."),
    "matrix-size": ("warning", "The results matrix does not match the number of teams."),
    "tie-unmatched": ("info", "A tiebreaker match whose tie could not be found."),
    # validation
    "schema-violation": ("error", "A row our output would hold breaks the table's schema."),
    # cross-check
    "row-arithmetic": ("warning", "A standings row contradicts itself (W+D+L, GF-GA, points)."),
    "points-rule": ("info", "The table awards points other than 3 a win; read as such."),
    "points-deduction": ("warning", "A row's points fit no rule: a deduction or a typo."),
    "standings-vs-results": ("warning", "A standings value disagrees with its results matrix."),
    "walkover-policy": ("info", "How this table counts walkovers and unplayed matches."),
    "table-totals": ("warning", "Table totals do not balance (GF vs GA, wins vs losses)."),
    "order-level": ("info", "Teams level under the governing classification rule."),
    "order-violation": ("warning", "Positions break the classification rule that governs them."),
    "aggregate-mismatch": ("warning", "A tie's aggregate is not the sum of its legs."),
    "tie-points-mismatch": ("warning", "A tie's stated points disagree with its legs."),
    "tiebreaker-missing": ("info", "A tie level on the rule needs a third match the export lost."),
    "tiebreaker-missing-unresolved": ("warning", "A tie needs a deciding match that is missing."),
    "penalties-not-level": ("warning", "A shoot-out is written where the score is not level."),
    "bracket-mismatch": ("warning", "A team in the next round did not win its tie."),
    "winner-inferred": ("info", "A tie's winner was inferred from the next round."),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located by page and line; the unit of the validation report."""

    code: str
    message: str
    page: str
    line: int
    table_id: str | None = None
    team: str | None = None
    field: str | None = None
    stated: str | None = None
    computed: str | None = None
    cells: int = 0  # cells of the input this finding names as not output (accounting)
    candidate_lines: tuple[int, ...] = ()  # cells that could explain a disagreement

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    def format(self, file: str | None = None) -> str:
        """Render as `file:line: severity[code] message`, the compiler convention."""
        where = file if file is not None else f"{self.page}.txt"
        return f"{where}:{self.line}: {self.severity}[{self.code}] {self.message}"

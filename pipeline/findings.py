"""Declare every kind of finding once (code, severity, meaning, message template) and make them.

Frictionless-style: each kind is a constant of this module, so a mistyped kind fails type
checking; a finding is made from its kind, where it is, and the values its template names, and
every value is shown as people write it (never a Python repr such as `(13,)`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


def show(value: object) -> str:
    """Render a value for a message: numbers plain, pairs `a–b`, lists comma-joined."""
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple | list):
        return ", ".join(show(v) for v in value)
    if hasattr(value, "item"):  # numpy and pandas scalars
        return show(value.item())
    return str(value)


@dataclass(frozen=True, slots=True)
class Site:
    """Where findings of one page (and table) belong: the page, its input path, the table."""

    page: str
    path: str
    table_id: str | None = None

    def table(self, table_id: str | None) -> Site:
        """The same page, another table."""
        return Site(self.page, self.path, table_id)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located by page, input path and line; the unit of the validation report."""

    code: str
    severity: Severity
    message: str
    page: str
    line: int
    path: str = ""
    table_id: str | None = None
    team: str | None = None
    field: str | None = None
    stated: str | None = None
    computed: str | None = None
    cells: int = 0  # cells of the input this finding names as not output (accounting)
    candidate_lines: tuple[int, ...] = ()  # cells that could explain a disagreement

    def format(self, file: str | None = None) -> str:
        """Render as `file:line: severity[code] message`, the compiler convention."""
        where = file if file is not None else (self.path or f"{self.page}.txt")
        return f"{where}:{self.line}: {self.severity}[{self.code}] {self.message}"


@dataclass(frozen=True, slots=True)
class FindingKind:
    """A declared kind of finding: stable code, severity, meaning, message template."""

    code: str
    severity: Severity
    meaning: str
    template: str

    def at(
        self,
        site: Site,
        line: int,
        *,
        team: str | None = None,
        field: str | None = None,
        stated: object = None,
        computed: object = None,
        cells: int = 0,
        candidates: Iterable[int] = (),
        **values: object,
    ) -> Finding:
        """Make a finding of this kind at `line` of `site`, its message from the template."""
        shown: dict[str, str] = {k: show(v) for k, v in values.items()}
        shown.setdefault("team", show(team))
        shown.setdefault("field", show(field))
        shown.setdefault("stated", show(stated))
        shown.setdefault("computed", show(computed))
        return Finding(
            code=self.code,
            severity=self.severity,
            message=self.template.format_map(shown),
            page=site.page,
            line=max(line, 1),
            path=site.path,
            table_id=site.table_id,
            team=team,
            field=field,
            stated=None if stated is None else show(stated),
            computed=None if computed is None else show(computed),
            cells=cells,
            candidate_lines=tuple(candidates),
        )


KINDS: dict[str, FindingKind] = {}


def declare(code: str, severity: Severity, meaning: str, template: str) -> FindingKind:
    """Declare a kind once; stable codes are public API (add, never rename)."""
    if code in KINDS:
        raise ValueError(f"finding code {code!r} declared twice")
    kind = FindingKind(code, severity, meaning, template)
    KINDS[code] = kind
    return kind


def undeclare(code: str) -> None:
    """Take a plug-in's kind out again (tests that plug one in); built-ins are never removed."""
    if code in _BUILTIN_CODES:
        raise ValueError(f"finding code {code!r} is built in: stable codes are never removed")
    KINDS.pop(code, None)


# Reading the input.
EMPTY_INPUT = declare(
    "empty-input", "warning", "The file holds no text at all.",
    "File holds no text; nothing to parse.",
)  # fmt: skip
NOT_UTF8 = declare(
    "not-utf8", "warning", "The file is not valid UTF-8; bad bytes were replaced with U+FFFD.",
    "Byte {offset} is not UTF-8; undecodable bytes were replaced with U+FFFD (check the "
    "export's encoding).",
)  # fmt: skip
BINARY_INPUT = declare(
    "binary-input", "warning", "The file looks binary (NUL bytes); nothing was parsed.",
    "File holds NUL bytes: it is binary, not a text export; nothing was parsed.",
)  # fmt: skip
LINE_TOO_LONG = declare(
    "line-too-long", "warning", "A line exceeds the maximum line length and was cut.",
    "Line is {length} characters; only the first {limit} were read.",
)  # fmt: skip
INPUT_TOO_LARGE = declare(
    "input-too-large", "warning", "The file exceeds the size limit; only its start was read.",
    "File is larger than {limit} bytes; only the first {limit} were read (split the export "
    "to read it all).",
)  # fmt: skip
UTF16_INPUT = declare(
    "utf16-input", "info", "The file is UTF-16 text; it was decoded as such.",
    "File is UTF-16 text (byte-order mark); decoded as such.",
)  # fmt: skip
FRONT_END_CHOSEN = declare(
    "front-end-by-content", "info",
    "The file's content and its extension name different renderings; the content won.",
    "The file's extension suggests {suffix_reader} but its content reads as {reader}; read as "
    "{reader}.",
)  # fmt: skip
# Tables.
TABLE_TRUNCATED = declare(
    "table-truncated", "warning", "The file ends inside a table; complete rows were kept.",
    "{what}",
)  # fmt: skip
ROW_UNPLACED = declare(
    "row-unplaced", "warning", "Cells that fit no row of the table; named, not output.", "{what}"
)
ROW_TOO_LONG = declare(
    "row-too-long", "warning", "A row has more cells than its header; the extra cells are named.",
    "{what}",
)  # fmt: skip
ROW_SHORT = declare(
    "row-short", "warning", "A row lacks cells a rowspan cannot explain; it was not output.",
    "{what}",
)  # fmt: skip
TABLE_UNKNOWN = declare(
    "table-unknown", "info", "A table-shaped block that is not a football table; skipped.",
    "Skipped {what} on lines {first}–{last}: {count} cell(s) not output ({quoted}).",
)  # fmt: skip
TABLE_TRANSCLUDED = declare(
    "table-transcluded", "info",
    "A wikitext page draws a table from a template kept on another page: the file holds none "
    "of its rows (read that template's own page to have them).",
    "{{{{{template}}}}} draws a table kept on another page (Template:{template}); this file "
    "holds none of its rows.",
)  # fmt: skip
TEMPLATE_TABLE_UNREAD = declare(
    "template-table-unread", "warning",
    "A wikitext football template or module drawing data this reader does not read (`{{Fb "
    "rs}}`, `{{#invoke:Sports rbr table}}`): none of its data is in the outputs.",
    "{{{{{template}}}}} draws football data this reader does not read: none of it is in the "
    "outputs.",
)  # fmt: skip
GOAL_AVERAGE = declare(
    "goal-average", "info",
    "A wikitext table whose template ranks by goal average (`gavg=yes`): its GD column is the "
    "average, so goal_difference is null and the order is checked on goals for over against.",
    "This table ranks level teams by goal average (gavg=yes): its GD column is the average, "
    "so goal_difference is stored as null and the order is judged on points, then goal average.",
)  # fmt: skip
TEMPLATE_UNREAD = declare(
    "template-unread", "info",
    "A wikitext template in a table that the wikitext reader does not know, beside other text "
    "in its cell (a decoration, most often); it shows nothing.",
    "Template {{{{{template}}}}} in {where} is not read (it shows nothing here); the cell's other "
    "text is read.",
)  # fmt: skip
TEMPLATE_UNREAD_CELL = declare(
    "template-unread-cell", "error",
    "A wikitext template that is all its table cell holds, and that the wikitext reader does "
    "not know: the cell reads as empty, so a value may be missing. Our reading is in doubt.",
    "Template {{{{{template}}}}} is all {where} holds and is not read: the cell reads as "
    "empty, and a value it shows may be missing from the outputs.",
)  # fmt: skip
INFOBOX_SKIPPED = declare(
    "infobox-skipped", "info", "An infobox remnant rendered as a table; skipped.",
    "Skipped {what} on lines {first}–{last}: {count} cell(s) not output ({quoted}).",
)  # fmt: skip
NAVBOX_SKIPPED = declare(
    "navbox-skipped", "info", "A navigation box rendered as a table; skipped.",
    "Skipped {what} on lines {first}–{last}: {count} cell(s) not output ({quoted}).",
)  # fmt: skip
HEADING_WITHOUT_TABLE = declare(
    "heading-without-table", "info", "A section heading with no table under it in this export.",
    "Heading '{heading}' has no table under it in this export (the rendering lost it, or the "
    "page has none).",
)  # fmt: skip
HEADINGS_WITHOUT_TABLE = declare(
    "headings-without-table", "info",
    "More section headings with no table than are named one by one; counted in one finding.",
    "{count} more headings have no table under them (lines {first}–{last}); the first ones are "
    "named one by one.",
)  # fmt: skip
CELL_UNPARSED = declare(
    "cell-unparsed", "warning", "A cell whose value could not be read; stored as null.",
    "Could not read {what} from '{stated}'; stored as null.",
)  # fmt: skip
COLUMN_NOT_OUTPUT = declare(
    "column-not-output", "info", "A column the contract has no place for (e.g. Venue); named.",
    "{count} cell(s) of column(s) {labels} are not part of the output tables (lines "
    "{first}–{last}).",
)  # fmt: skip
MATRIX_SIZE = declare(
    "matrix-size", "warning", "The results matrix does not match the number of teams.",
    "The results matrix has {stated} columns but the table {computed} rows.",
)  # fmt: skip
TEAM_REPEATED = declare(
    "team-repeated", "warning", "A team is printed twice in one table; both rows are kept.",
    "{team} is printed again on line {stated} (first on line {first}); both rows are kept.",
)  # fmt: skip
SHOOTOUT_OF_TIE = declare(
    "shootout-of-tie", "info",
    "A second leg's shoot-out after a score that is not level: it decides the tie, not this match.",
    "{home} v {away} is a second leg: its shoot-out ({stated}) follows the tie's level aggregate "
    "and is not stored on this match.",
)  # fmt: skip
BRACKET_SUMMARY = declare(
    "bracket-summary", "info",
    "A knockout bracket: its single matches are read; its pairs of legs and the matches the "
    "rounds' own tables hold are not output again.",
    "A bracket of {rounds} ({count} pairs): its single matches are read where no round's "
    "table holds them; pairs of legs are checked against the ties read elsewhere, not output "
    "({named} cell(s) named).",
)  # fmt: skip
BRACKET_UNREAD = declare(
    "bracket-unread", "warning",
    "A pair of a bracket that no table of the page holds: data we could not output.",
    "The bracket's {round} pair {team1} v {team2} is in no tie or match read from the page's "
    "tables; a bracket does not say who was at home, so it is named, not output.",
)  # fmt: skip
TIE_BYE = declare(
    "tie-bye", "info",
    "A row saying a team had a bye: it goes through without playing, so no tie or match.",
    "{team} had a bye: the row's {count} cell(s) make no tie and no match.",
)  # fmt: skip
AGGREGATE_UNPAIRED = declare(
    "aggregate-unpaired", "info",
    "A tie's aggregate stated with a match whose other leg the page prints in no table we "
    "paired it with: named, not stored.",
    "{home} v {away} states the aggregate {stated}, but its other leg is in no table paired "
    "with this one, so no tie holds it; the aggregate is not stored.",
)  # fmt: skip
MATCHES_REPEATED = declare(
    "matches-repeated", "info",
    "A table repeats another table's matches (football boxes under a summary): kept once.",
    "These {count} match(es) repeat those of table {other} (the same teams and scores): kept "
    "once, there, with the dates and venues given here.",
)  # fmt: skip
CHECKS_SKIPPED_CUT = declare(
    "checks-skipped-cut", "info",
    "The file cuts a table off: checks over the whole table were not run on it.",
    "The file ends inside this table, so {checks} could not be checked (the cut lost cells "
    "they need); its complete rows were checked on their own.",
)  # fmt: skip
ROW_PARTIAL = declare(
    "row-partial", "info",
    "A row has fewer cells than its header: what it has was read, the rest is null.",
    "{what}",
)  # fmt: skip
COLUMNS_FROM_CONTENT = declare(
    "columns-from-content", "info",
    "The header's labels disagree with the cells under them; the columns were read by content.",
    "{detail}",
)  # fmt: skip
ROW_AMBIGUOUS = declare(
    "row-ambiguous", "error",
    "A row whose cells fit the columns in more than one way; no record was written.",
    "{what}",
)  # fmt: skip
TABLE_UNREAD = declare(
    "table-unread", "warning",
    "A table-shaped block holding football data that no kind could read; named, not output.",
    "Lines {first}–{last} hold {rows} rows that look like football data (team names with "
    "numbers or scores) but no table kind reads this header ({header}): {count} cell(s) not "
    "output ({quoted}).",
)  # fmt: skip
COLUMN_UNREAD = declare(
    "column-unread", "warning",
    "A column of a football table whose label no kind knows; its cells are named, not output.",
    "Column '{label}' (lines {first}–{last}, {count} cell(s){header}) is not read: no table "
    "kind knows the label, so its values are in no output.",
)  # fmt: skip
NO_FOOTBALL_TABLE = declare(
    "no-football-table", "warning", "The page yields no football table at all.", "{what}",
)  # fmt: skip
TIE_UNMATCHED = declare(
    "tie-unmatched", "info", "A tiebreaker match whose tie could not be found.",
    "Tiebreaker {home} v {away} matches no tie of the round before it.",
)  # fmt: skip
# Validation.
SCHEMA_VIOLATION = declare(
    "schema-violation", "error", "A row our output would hold breaks the table's schema.",
    "{output}.{column} fails {check} with '{stated}'; the row was not written (a parser bug or "
    "an input the contract does not allow).",
)  # fmt: skip
# Cross-checks.
ROW_ARITHMETIC = declare(
    "row-arithmetic", "warning", "A standings row contradicts itself (W+D+L, GF-GA, points).",
    "{detail}",
)  # fmt: skip
POINTS_RULE = declare(
    "points-rule", "info", "The table awards points other than 3 a win; read as such.",
    "{detail}",
)  # fmt: skip
POINTS_DEDUCTION = declare(
    "points-deduction", "warning", "A row's points fit no rule: a deduction or a typo.",
    "{team}: {stated} points where {ppw}·{won}+{drawn} gives {computed} ({diff}): a deduction "
    "or a typo; check the notes.",
)  # fmt: skip
DEDUCTION_NOTE = declare(
    "deduction-note", "warning",
    "A note says a team was deducted points, but its row deducts another amount.",
    "{team}: the notes say {points} point(s) deducted ('{note}'), but its row gives {stated} "
    "points where {ppw}·{won}+{drawn} = {earned}; with the deduction it would have {computed}.",
)  # fmt: skip
POINTS_DEDUCTION_NOTED = declare(
    "points-deduction-noted", "info",
    "A row's points fit no rule, and the page marks them with a note (a deduction it explains).",
    "{team}: {stated} points where {ppw}·{won}+{drawn} gives {computed} ({diff}); the page "
    "marks the points [{marks}]: a deduction its note explains.",
)  # fmt: skip
STANDINGS_VS_RESULTS = declare(
    "standings-vs-results", "warning", "A standings value disagrees with its results matrix.",
    "{team}: {field} stated {stated} but its results matrix gives {computed}; cells that could "
    "explain it: lines {where}.{comments}",
)  # fmt: skip
RESULTS_NOTED = declare(
    "results-noted", "info",
    "A team's row disagrees with results the page marks with a note (an awarded match) or "
    "leaves blank: explained, not a contradiction.",
    "{team}: {stats} disagree with its results, but the page marks its score(s) on lines "
    "{lines} with a note, or leaves them blank (an award, a replay or a result it does not "
    "give may count instead): not checked.",
)  # fmt: skip
MATRIX_NAMES_PAIRED = declare(
    "matrix-names-paired", "info",
    "The results matrix prints some teams under other names than the table; they were paired.",
    "Its results (line {matrix_line}) name {count} team(s) differently from this table; "
    "paired as: {pairs}.",
)  # fmt: skip
WALKOVER_POLICY = declare(
    "walkover-policy", "info", "How this table counts walkovers and unplayed matches.",
    "{count} walkover/unplayed cell(s) (lines {lines}) are {policy} in this table's Pld: that "
    "policy reconciles the stated table best.",
)  # fmt: skip
TABLE_TOTALS = declare(
    "table-totals", "warning", "Table totals do not balance (GF vs GA, wins vs losses).",
    "{detail}",
)  # fmt: skip
ORDER_LEVEL = declare(
    "order-level", "info", "Teams level under the governing classification rule.",
    "{upper} is above {team}, level under the governing rule ({rule}: {key}); {note}.",
)  # fmt: skip
ORDER_VIOLATION = declare(
    "order-violation", "warning", "Positions break the classification rule that governs them.",
    "{upper} ({upper_key}) is above {team} ({key}) though the governing rule ({rule}) ranks it "
    "lower.",
)  # fmt: skip
ORDER_NOTED = declare(
    "order-noted", "info",
    "Positions break the governing rule next to a team the page footnotes: the note explains "
    "its place (an expulsion, a sanction), so it is not a contradiction.",
    "{upper} ({upper_key}) is above {team} ({key}) though the governing rule ({rule}) ranks it "
    "lower; the page footnotes {marks}, which explains the place: not checked.",
)  # fmt: skip
AGGREGATE_MISMATCH = declare(
    "aggregate-mismatch", "warning", "A tie's aggregate is not the sum of its legs.",
    "{team1} v {team2}: aggregate stated {stated} but the legs sum to {computed}.",
)  # fmt: skip
TIE_POINTS_MISMATCH = declare(
    "tie-points-mismatch", "warning", "A tie's stated points disagree with its legs.",
    "{team1} v {team2}: points stated {stated} but the legs give {computed} ({ppw} a win, 1 a "
    "draw).",
)  # fmt: skip
TIEBREAKER_MISSING = declare(
    "tiebreaker-missing", "info", "A tie level on the rule needs a third match the export lost.",
    "{team1} v {team2} is level on points ({points}) and needs a third match{where}",
)  # fmt: skip
TIEBREAKER_MISSING_UNRESOLVED = declare(
    "tiebreaker-missing-unresolved", "warning", "A tie needs a deciding match that is missing.",
    "{team1} v {team2} is level on points ({points}) and needs a third match{where}",
)  # fmt: skip
PENALTIES_NOT_LEVEL = declare(
    "penalties-not-level", "warning", "A shoot-out is written where the score is not level.",
    "{team1} v {team2}: a shoot-out is written but the aggregate {aggregate} is not level.",
)  # fmt: skip
BRACKET_MISMATCH = declare(
    "bracket-mismatch", "warning", "A team in the next round did not win its tie.",
    "{team} plays the next round (table {next_table}) but lost {team1} v {team2} to {computed} "
    "({by}).",
)  # fmt: skip
WINNER_BOLD = declare(
    "winner-bold", "info", "A tie the legs leave undecided: the team the page prints in bold won.",
    "{team1} v {team2} is level on everything the page states; {team} is printed in bold, so it "
    "went through.",
)  # fmt: skip
WINNER_INFERRED = declare(
    "winner-inferred", "info", "A tie's winner was inferred from the next round.",
    "{team1} v {team2} is level on points and its third match is not in this export; {team} "
    "plays the next round, so won it.",
)  # fmt: skip


_BUILTIN_CODES = frozenset(KINDS)


def builtin_kinds() -> tuple[FindingKind, ...]:
    """The kinds this module declares (what the README documents)."""
    return tuple(KINDS[code] for code in sorted(_BUILTIN_CODES))

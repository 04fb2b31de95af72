"""Generate consistent random tournaments and render them as text pages with ground truth.

A tournament is a league (double round robin, standings computed from its results) and a round of
two-legged ties. `render` writes it in either pipe flavour with the quirks real exports show
(rowspan-dropped Qualification cells, empty diagonal, `W.O.`, `| ` row prefixes, `---|` rules,
CRLF, trailing spaces) and returns the text with what a correct parser must read back from it,
source lines included.

The renderings seen in the wild (`wild_quirks`) write the same tournament as HTML copied as text
(rows joined by spaces, no results matrix), cell per line with the `|` on the cell's own line or
with no `|` at all, headings glued to edit-link text or written as wikitext `== h ==`, and the
header in another Wikipedia's language (`pipeline.languages`). `tournaments(wild_names=True)`
adds team names with digits, hyphens and parentheses; `shootouts=True` settles level ties on
penalties (`2–2 (2–4 p)`).
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from hypothesis import strategies as st

Flavour = Literal["cell", "row", "spaced", "bar_on_line", "no_bars"]
Ending = Literal["none", "heading", "licence"]
Headings = Literal["plain", "glued_edit", "wiki"]
EditGlue = Literal["bracket", "suffix", "prefix"]  # `Group A[edit]`, `Group AEdit`, `editGroup A`
Tooltips = Literal["none", "ties", "all"]  # which abbreviations carry `Tooltip <long form>`
Language = Literal["en", "es", "pt", "fr", "it", "de", "nl", "pl", "tr"]

FLAVOURS: tuple[Flavour, ...] = ("cell", "row", "spaced", "bar_on_line", "no_bars")
LANGUAGES: tuple[Language, ...] = ("en", "es", "pt", "fr", "it", "de", "nl", "pl", "tr")

# Team names are built from two word lists: letters and spaces only, never a number or a score.
NAME_FIRST = (
    "Sport",
    "Deportivo",
    "Atlético",
    "Club",
    "Unión",
    "Defensor",
    "Juventud",
    "Real",
    "Cultural",
    "Academia",
    "Estudiantes",
    "Alianza",
)
NAME_SECOND = (
    "Vallejo",
    "Municipal",
    "Caxamarca",
    "Tumi",
    "Bolognesi",
    "Huracán",
    "Aurora",
    "Pacífico",
    "Los Andes",
    "San Martín",
    "Santa Rosa",
    "Higos Urco",
    "Villa del Mar",
    "Ayacucho",
    "Chalaco",
    "Grau",
)
# Names as the wild pages print them: a leading number (`2 de Mayo`), a founding year (`Unión
# 1908`), a town in parentheses (`Independiente (Tumbes)`), a hyphen (`Real Garcilaso-Cusco`).
WILD_DATES = ("2 de Mayo", "28 de Julio", "9 de Octubre", "1 de Mayo", "15 de Agosto")
WILD_YEARS = ("1908", "1961", "2000", "1914", "1927")
WILD_TOWNS = ("Tumbes", "Jazán", "Cusco", "Huánuco", "Áncash", "Puno", "Chota", "Ñaña")
WILD_FIXED = (
    "Independiente (Tumbes)",
    "Unión 1908",
    "Real Garcilaso-Cusco",
    "Deportivo Municipal (Jazán)",
    "Sport Áncash",
    "ADT-Tarma",
    "José Gálvez",
    "Unión Comercial",
    "San Juan de Luya",
)
QUALIFICATIONS = (
    "National stage",
    "Regional Final",
    "Copa Perú",
    "2005 Copa Perú - National Stage",
)
RELEGATIONS = ("Relegated", "Relegation playoff")
LEAGUE_HEADINGS = ("Group A", "Group B", "Group C", "Serie A", "Serie B")
TIE_HEADINGS = ("Quarterfinals", "Semifinals", "Final", "Round of 16", "First round")
STAGE_HEADINGS = ("Regional Stage", "National Stage", "First stage")
STANDINGS_HEADER = ("Pos", "Team", "Pld", "W", "D", "L", "GF", "GA", "GD", "Pts", "Qualification")
TIE_HEADER = ("Team 1", "Agg.Tooltip Aggregate score", "Team 2", "1st leg", "2nd leg")
STATS = (
    "played",
    "won",
    "drawn",
    "lost",
    "goals_for",
    "goals_against",
    "goal_difference",
    "points",
)
# A standings header per language, as each Wikipedia prints it, with the labels of
# `pipeline.languages.LANGUAGE_HEADERS` (German and Polish print goals as one `9:2` cell,
# `Tore`/`Bramki`: `PAIR_LABELS`; here GF and GA get a column each, `Tore`/`Gegentore`).
STANDINGS_LABELS: dict[Language, dict[str, str]] = {
    "en": {
        "position": "Pos", "team": "Team", "played": "Pld", "won": "W", "drawn": "D",
        "lost": "L", "goals_for": "GF", "goals_against": "GA", "goal_difference": "GD",
        "points": "Pts", "qualification": "Qualification",
    },
    "es": {
        "position": "Pos", "team": "Equipo", "played": "PJ", "won": "PG", "drawn": "PE",
        "lost": "PP", "goals_for": "GF", "goals_against": "GC", "goal_difference": "DG",
        "points": "Pts", "qualification": "Clasificación",
    },
    "pt": {
        "position": "Pos", "team": "Equipe", "played": "J", "won": "V", "drawn": "E",
        "lost": "D", "goals_for": "GP", "goals_against": "GC", "goal_difference": "SG",
        "points": "Pts", "qualification": "Qualificação ou rebaixamento",
    },
    "fr": {
        "position": "Pos", "team": "Équipe", "played": "J", "won": "G", "drawn": "N",
        "lost": "P", "goals_for": "BP", "goals_against": "BC", "goal_difference": "Diff",
        "points": "Pts", "qualification": "Qualification ou relégation",
    },
    "it": {
        "position": "Pos.", "team": "Squadra", "played": "G", "won": "V", "drawn": "N",
        "lost": "P", "goals_for": "GF", "goals_against": "GS", "goal_difference": "DR",
        "points": "Pt", "qualification": "Qualificazione o retrocessione",
    },
    "de": {
        "position": "Pl.", "team": "Verein", "played": "Sp.", "won": "S", "drawn": "U",
        "lost": "N", "goals_for": "Tore", "goals_against": "Gegentore",
        "goal_difference": "Diff.", "points": "Pkt.", "qualification": "Qualifikation oder Abstieg",
    },
    "nl": {
        "position": "Pos.", "team": "Club", "played": "Wed", "won": "W", "drawn": "G",
        "lost": "V", "goals_for": "DV", "goals_against": "DT", "goal_difference": "DS",
        "points": "Pnt", "qualification": "Kwalificatie of degradatie",
    },
    "pl": {
        "position": "Poz.", "team": "Drużyna", "played": "M", "won": "Z", "drawn": "R",
        "lost": "P", "goals_for": "Bramki zdobyte", "goals_against": "Bramki stracone",
        "goal_difference": "+/-", "points": "Pkt.", "qualification": "Kwalifikacja lub spadek",
    },
    "tr": {
        "position": "Sıra", "team": "Takım", "played": "O", "won": "G", "drawn": "B",
        "lost": "M", "goals_for": "A", "goals_against": "Y", "goal_difference": "Av",
        "points": "P", "qualification": "Katılım veya düşme",
    },
}  # fmt: skip
# One cell for goals for and against (`9:2`), as de.wikipedia and pl.wikipedia print them.
PAIR_LABELS: dict[Language, str] = {"de": "Tore", "pl": "Bramki"}
# A two-legged tie's header per language (`pipeline.languages.TIE_LABELS`): team 1, aggregate,
# team 2, 1st leg, 2nd leg.
TIE_LANGUAGE_LABELS: dict[Language, tuple[str, str, str, str, str]] = {
    "en": ("Team 1", "Agg.", "Team 2", "1st leg", "2nd leg"),
    "es": ("Equipo 1", "Global", "Equipo 2", "Ida", "Vuelta"),
    "pt": ("Equipe 1", "Agregado", "Equipe 2", "Ida", "Volta"),
    "fr": ("Équipe 1", "Score cumulé", "Équipe 2", "Aller", "Retour"),
    "it": ("Squadra 1", "Tot.", "Squadra 2", "Andata", "Ritorno"),
    "de": ("Heim", "Gesamt", "Gast", "Hinspiel", "Rückspiel"),
    "nl": ("Thuis", "Totaal", "Uit", "Heen", "Terug"),
    "pl": ("Drużyna 1", "Dwumecz", "Drużyna 2", "1. mecz", "2. mecz"),
    "tr": ("Takım 1", "Toplam", "Takım 2", "1. maç", "2. maç"),
}
# Free-text columns a tie table may add after the legs (`tie_extras`); neither is stored.
TIE_EXTRA_LABELS = ("Venue", "Notes")
# Long forms glued to abbreviations when HTML is copied as text (`PldTooltip Played`).
TOOLTIPS = {
    "Pld": "Played",
    "W": "Won",
    "D": "Drawn",
    "L": "Lost",
    "GF": "Goals for",
    "GA": "Goals against",
    "GD": "Goal difference",
    "Pts": "Points",
    "Agg.": "Aggregate score",
}
VENUE_WORDS = ("Estadio", "Nacional", "Municipal", "Lima", "Cusco", "Garcilaso", "Mansiche")
NOTE_WORDS = ("after", "extra", "time", "played", "behind", "closed", "doors", "replay")
LICENCE = (
    "This article is issued from Wikipedia. The text is licensed under Creative Commons - "
    "Attribution - Sharealike."
)
EN_DASH = "–"
MINUS = "−"


# ---------------------------------------------------------------------------------------------
# The tournament


@dataclass(frozen=True, slots=True)
class Result:
    """One matrix result: goals (home first), or a walkover with no goals."""

    home_goals: int | None
    away_goals: int | None

    @property
    def walkover(self) -> bool:
        return self.home_goals is None

    @property
    def text(self) -> str:
        return "W.O." if self.walkover else f"{self.home_goals}{EN_DASH}{self.away_goals}"


@dataclass(frozen=True, slots=True)
class Standing:
    """One team's row as the page states it (computed from the played matches)."""

    position: int
    team: str
    abbr: str
    played: int
    won: int
    drawn: int
    lost: int
    goals_for: int
    goals_against: int
    points: int
    qualification: str | None
    stated_gd: int | None = None  # a goal difference the page misstates (`with_stat`)

    @property
    def goal_difference(self) -> int:
        if self.stated_gd is not None:
            return self.stated_gd
        return self.goals_for - self.goals_against


@dataclass(frozen=True, slots=True)
class QualSpan:
    """A run of rows sharing one Qualification value; spanned: only its first row has the cell."""

    text: str
    rows: int
    spanned: bool


@dataclass(frozen=True, slots=True)
class League:
    """A league table with a results matrix; `standings` are in table order."""

    heading: str
    standings: tuple[Standing, ...]
    results: dict[tuple[str, str], Result] = field(hash=False)
    spans: tuple[QualSpan, ...]


@dataclass(frozen=True, slots=True)
class TwoLegTie:
    """A two-legged tie; both legs written team 1 first (leg 2 is at team 2's ground).

    A level aggregate may be settled by a shoot-out (team 1's kicks first), written in the
    aggregate cell; `venue` and `notes` fill the free-text columns of `Quirks.tie_extras`.
    """

    team1: str
    team2: str
    leg1: tuple[int, int]
    leg2: tuple[int, int]
    penalties: tuple[int, int] | None = None
    venue: str = ""
    notes: str = ""

    @property
    def aggregate(self) -> tuple[int, int]:
        return self.leg1[0] + self.leg2[0], self.leg1[1] + self.leg2[1]


@dataclass(frozen=True, slots=True)
class Tournament:
    title: str
    stage: str | None
    league: League
    ties_heading: str
    ties: tuple[TwoLegTie, ...]
    ties_first: bool  # page order: the knockout round before the league


def compute_standings(
    abbrs: dict[str, str], results: dict[tuple[str, str], Result]
) -> list[Standing]:
    """Count played matches only (walkovers are not, as on the seed page); sort by Pts, GD, GF.

    Positions follow the order; qualifications are left empty for the caller to fill.
    """
    tally = {team: [0, 0, 0, 0, 0, 0] for team in abbrs}  # Pld, W, D, L, GF, GA
    for (home, away), result in results.items():
        if result.home_goals is None or result.away_goals is None:
            continue  # a walkover
        for team, mine, theirs in (
            (home, result.home_goals, result.away_goals),
            (away, result.away_goals, result.home_goals),
        ):
            row = tally[team]
            row[0] += 1
            row[1 if mine > theirs else 2 if mine == theirs else 3] += 1
            row[4] += mine
            row[5] += theirs
    rows = [
        Standing(0, team, abbrs[team], p, w, d, lost, gf, ga, 3 * w + d, None)
        for team, (p, w, d, lost, gf, ga) in tally.items()
    ]
    rows.sort(key=lambda r: (-r.points, -r.goal_difference, -r.goals_for, r.team))
    return [replace(r, position=pos) for pos, r in enumerate(rows, 1)]


def team_names(wild: bool = False) -> st.SearchStrategy[str]:
    """Two words from the lists; `wild`: also names with digits, hyphens and parentheses."""
    plain = st.builds(
        lambda a, b: f"{a} {b}", st.sampled_from(NAME_FIRST), st.sampled_from(NAME_SECOND)
    )
    if not wild:
        return plain
    first, second = st.sampled_from(NAME_FIRST), st.sampled_from(NAME_SECOND)
    town = st.sampled_from(WILD_TOWNS)
    return st.one_of(
        plain,
        st.sampled_from(WILD_FIXED),
        st.sampled_from(WILD_DATES),  # `2 de Mayo`: the name starts with a number
        st.builds(lambda a, d: f"{a} {d}", first, st.sampled_from(WILD_DATES)),
        st.builds(lambda a, y: f"{a} {y}", first, st.sampled_from(WILD_YEARS)),
        st.builds(lambda a, b, t: f"{a} {b} ({t})", first, second, town),
        st.builds(lambda a, t: f"{a} ({t})", first, town),
        st.builds(lambda a, b, t: f"{a} {b}-{t}", first, second, town),
    )


def abbreviations(n: int) -> st.SearchStrategy[list[str]]:
    code = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3)
    return st.lists(code, min_size=n, max_size=n, unique=True)


@st.composite
def results(draw: st.DrawFn, walkovers: bool = True) -> Result:
    """A score 0–9 each side, or rarely (1 in 16) a walkover."""
    if walkovers and draw(st.integers(0, 15)) == 15:
        return Result(None, None)
    return Result(draw(st.integers(0, 9)), draw(st.integers(0, 9)))


@st.composite
def qualification_spans(draw: st.DrawFn, n: int) -> tuple[QualSpan, ...]:
    """Top k rows share a qualification (one spanning cell); the rest empty, spanned or not."""
    spans: list[QualSpan] = []
    k = draw(st.integers(0, n))
    if k:
        spans.append(QualSpan(draw(st.sampled_from(QUALIFICATIONS)), k, spanned=True))
    rest = n - k
    while rest:
        spanned = rest > 1 and draw(st.booleans())
        size = draw(st.integers(2 if spanned else 1, rest))
        text = ""
        if rest == size and draw(st.integers(0, 3)) == 3:
            text = draw(st.sampled_from(RELEGATIONS))  # a bottom block of relegated teams
        spans.append(QualSpan(text, size, spanned))
        rest -= size
    return tuple(spans)


@st.composite
def leagues(draw: st.DrawFn, names: list[str], heading: str, walkovers: bool = True) -> League:
    n = len(names)
    codes = draw(abbreviations(n))
    abbrs = dict(zip(names, codes, strict=True))
    res = {
        (home, away): draw(results(walkovers)) for home in names for away in names if home != away
    }
    spans = draw(qualification_spans(n))
    quals = [span.text or None for span in spans for _ in range(span.rows)]
    standings = tuple(
        replace(row, qualification=qual)
        for row, qual in zip(compute_standings(abbrs, res), quals, strict=True)
    )
    return League(heading, standings, res, spans)


@st.composite
def two_leg_ties(draw: st.DrawFn, team1: str, team2: str, shootouts: bool = False) -> TwoLegTie:
    """Legs 0–5 each side; `shootouts`: a level aggregate is mostly settled on penalties."""
    goals = st.tuples(st.integers(0, 5), st.integers(0, 5))
    tie = TwoLegTie(team1, team2, draw(goals), draw(goals))
    a, b = tie.aggregate
    if shootouts and a == b and draw(st.integers(0, 3)) > 0:
        kicks = draw(st.tuples(st.integers(0, 9), st.integers(0, 9)).filter(lambda p: p[0] != p[1]))
        tie = replace(tie, penalties=kicks)
    return tie


@st.composite
def tournaments(
    draw: st.DrawFn,
    min_teams: int = 3,
    max_teams: int = 6,
    min_ties: int = 2,
    max_ties: int = 4,
    walkovers: bool = True,
    wild_names: bool = False,
    shootouts: bool = False,
) -> Tournament:
    """A consistent tournament: a league of 3–6 teams and 2–4 two-legged ties (scores 0–5)."""
    n = draw(st.integers(min_teams, max_teams))
    m = draw(st.integers(min_ties, max_ties))
    size = n + 2 * m
    names = draw(st.lists(team_names(wild_names), min_size=size, max_size=size, unique=True))
    league = draw(leagues(names[:n], draw(st.sampled_from(LEAGUE_HEADINGS)), walkovers))
    ties = tuple(
        draw(two_leg_ties(names[n + 2 * i], names[n + 2 * i + 1], shootouts)) for i in range(m)
    )
    return Tournament(
        title=f"{draw(st.integers(1990, 2025))} Copa Perú",
        stage=draw(st.none() | st.sampled_from(STAGE_HEADINGS)),
        league=league,
        ties_heading=draw(st.sampled_from(TIE_HEADINGS)),
        ties=ties,
        ties_first=draw(st.booleans()),
    )


# ---------------------------------------------------------------------------------------------
# Rendering quirks


@dataclass(frozen=True, slots=True)
class Quirks:
    """How a page is written: the flavour and the optional quirks of real exports.

    Flavours: `cell` (a cell a line, then a `|` line; empty: a bare `|`), `row` (`a | b |`),
    `spaced` (HTML copied as text: a row a line, cells joined by single spaces, empty cells
    vanish, no results matrix and no Qualification column), `bar_on_line` (a cell a line ending
    ` |`; empty: a bare `|`), `no_bars` (a cell a line, no `|` anywhere; empty cells vanish).
    """

    flavour: Flavour = "cell"
    row_prefix: bool = False  # `| ` before each row's first cell
    header_prefix: bool = False  # ... and before the header's first cell
    rule: bool = False  # a `---|` rule line after the header (always on in the row flavour)
    rule_lead: bool = False  # the rule line starts with `|`
    crlf: bool = False
    trailing_every: int = 0  # every n-th line gets trailing spaces (0: none)
    prose: bool = False  # an intro sentence and `Source:` lines
    ending: Ending = "none"  # after the last table: nothing, a bare heading, or the licence
    edit_suffix: bool = False  # `Edit` glued to headings (mobile rendering)
    headings: Headings = "plain"  # `glued_edit`: edit-link text glued as `edit_glue` says
    edit_glue: EditGlue = "suffix"
    edit_header: bool = False  # `edit` glued before each table's first header cell (`editPos`)
    language: Language = "en"  # the headers' language (`STANDINGS_LABELS`, `TIE_LANGUAGE_LABELS`)
    goals_pair: bool = False  # de/pl: goals for and against in one `9:2` cell (`Tore`, `Bramki`)
    tooltips: Tooltips = "ties"  # "ties": `Agg.Tooltip Aggregate score` only, as real exports
    stat_order: tuple[str, ...] = STATS  # the order of the standings' stat columns
    tie_extras: bool = False  # `Venue` and `Notes` columns after the legs


@st.composite
def quirks(draw: st.DrawFn, flavour: Flavour | None = None) -> Quirks:
    chosen: Flavour = flavour or draw(st.sampled_from(("cell", "row")))  # type: ignore[assignment]
    prefix = draw(st.booleans())
    return Quirks(
        flavour=chosen,
        row_prefix=prefix,
        header_prefix=prefix and draw(st.booleans()),
        rule=chosen == "row" or draw(st.booleans()),
        rule_lead=draw(st.booleans()),
        crlf=draw(st.booleans()),
        trailing_every=draw(st.sampled_from((0, 0, 1, 2, 3, 7))),
        prose=draw(st.booleans()),
        ending=draw(st.sampled_from(("none", "heading", "licence"))),
        edit_suffix=draw(st.booleans()),
    )


@st.composite
def wild_quirks(
    draw: st.DrawFn,
    flavour: Flavour | tuple[Flavour, ...],
    headings: Headings = "plain",
    language: Language | None = "en",
) -> Quirks:
    """Quirks of the renderings seen in the wild; `language=None` draws a language.

    The pipe flavours keep their own quirks (`quirks`); spaced rows also draw tooltips and a
    shuffled order of the stat columns.
    """
    chosen: Flavour = flavour if isinstance(flavour, str) else draw(st.sampled_from(flavour))
    if chosen in ("cell", "row"):
        base = draw(quirks(chosen))
    else:
        base = Quirks(
            flavour=chosen,
            crlf=draw(st.booleans()),
            trailing_every=draw(st.sampled_from((0, 0, 1, 2, 3, 7))),
            prose=draw(st.booleans()),
            ending=draw(st.sampled_from(("none", "heading", "licence"))),
        )
    lang: Language = language if language is not None else draw(st.sampled_from(LANGUAGES[1:]))
    tooltips: Tooltips = "ties"
    order: tuple[str, ...] = STATS
    if chosen == "spaced":
        tooltips = draw(st.sampled_from(("none", "ties", "all")))
        if draw(st.booleans()):
            order = tuple(draw(st.permutations(STATS)))
    glue: EditGlue = draw(st.sampled_from(("bracket", "suffix", "prefix")))
    return replace(
        base,
        edit_suffix=base.edit_suffix and headings == "plain",
        headings=headings,
        edit_glue=glue,
        edit_header=headings == "glued_edit" and draw(st.booleans()),
        language=lang,
        tooltips=tooltips,
        stat_order=order,
    )


# ---------------------------------------------------------------------------------------------
# Ground truth


@dataclass(frozen=True, slots=True)
class ExpectedStanding:
    line: int
    position: int
    team: str
    team_abbr: str | None  # None where no results matrix prints the abbreviations
    played: int
    won: int
    drawn: int
    lost: int
    goals_for: int
    goals_against: int
    goal_difference: int
    points: int
    qualification: str | None


@dataclass(frozen=True, slots=True)
class ExpectedMatch:
    line: int
    kind: str
    home_team: str
    away_team: str
    home_goals: int | None
    away_goals: int | None
    status: str
    home_penalties: int | None = None
    away_penalties: int | None = None


@dataclass(frozen=True, slots=True)
class ExpectedTie:
    line: int
    team1: str
    team2: str
    team1_aggregate: int
    team2_aggregate: int
    legs: tuple[ExpectedMatch, ExpectedMatch]
    team1_penalties: int | None = None
    team2_penalties: int | None = None


@dataclass(frozen=True, slots=True)
class Truth:
    standings: tuple[ExpectedStanding, ...]
    matches: tuple[ExpectedMatch, ...]  # results-matrix matches, row by row (none if unprinted)
    ties: tuple[ExpectedTie, ...]
    league_line: int  # first line of the league table
    ties_line: int  # first line of the two-legged table
    # Rows no careful reader can split into cells (spaced rows): an error each, no record.
    ambiguous: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    truth: Truth
    quirks: Quirks

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")

    @property
    def lines(self) -> list[str]:
        """The page's lines as the parser numbers them (1-based: lines[n - 1])."""
        return self.text.replace("\r\n", "\n").split("\n")


# ---------------------------------------------------------------------------------------------
# Rendering


class _Page:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, text: str) -> int:
        """Append a line; return its 1-based number."""
        self.lines.append(text)
        return len(self.lines)


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else f"{MINUS}{-n}" if n < 0 else "0"


def _heading(text: str, q: Quirks, level: int = 2) -> str:
    """A heading line: plain, glued to edit-link text, or wikitext at its nesting level."""
    if q.headings == "wiki":
        marks = "=" * level
        return f"{marks} {text} {marks}"
    if q.headings == "glued_edit":
        glued = {"bracket": f"{text}[edit]", "suffix": f"{text}Edit", "prefix": f"edit{text}"}
        return glued[q.edit_glue]
    return f"{text}Edit" if q.edit_suffix else text


def _has_matrix(q: Quirks) -> bool:
    """HTML copied as text loses the results matrix (out of scope): spaced leagues have none."""
    return q.flavour != "spaced"


def _write_table(
    page: _Page, header: list[str], rows: list[list[str]], q: Quirks
) -> tuple[int, list[list[int]]]:
    """Write a header and rows; return the table's first line and each written cell's line
    (0 for an empty cell the flavour does not write)."""
    if q.edit_header:
        header = [f"edit{header[0]}", *header[1:]]
    first = len(page.lines) + 1
    out: list[list[int]] = []
    if q.flavour == "cell":
        for k, text in enumerate(header):
            _write_cell(page, text, q.header_prefix and k == 0)
        if q.rule:
            page.add(_rule(len(header), q))
        for row in rows:
            out.append(
                [_write_cell(page, text, q.row_prefix and k == 0) for k, text in enumerate(row)]
            )
    elif q.flavour == "row":
        page.add(_row_line(header, q.row_prefix))
        page.add(_rule(len(header), q))
        for row in rows:
            n = page.add(_row_line(row, q.row_prefix))
            out.append([n] * len(row))
    elif q.flavour == "spaced":
        page.add(_spaced_line(header))
        for row in rows:
            n = page.add(_spaced_line(row))
            out.append([n if text else 0 for text in row])
    elif q.flavour == "bar_on_line":
        for text in header:
            page.add(f"{text} |" if text else "|")
        for row in rows:
            out.append([page.add(f"{text} |" if text else "|") for text in row])
    else:  # no_bars: an empty cell simply vanishes
        for text in header:
            if text:
                page.add(text)
        for row in rows:
            out.append([page.add(text) if text else 0 for text in row])
    return first, out


def _write_cell(page: _Page, text: str, prefix: bool) -> int:
    """A cell line and its `|`; an empty cell is a bare `|` right after the previous `|`."""
    if not text:
        return page.add("|")
    n = page.add(f"| {text}" if prefix else text)
    page.add("|")
    return n


def _row_line(cells: list[str], lead: bool) -> str:
    return ("| " if lead else "") + " | ".join(cells) + " |"


def _spaced_line(cells: list[str]) -> str:
    """Cells joined by single spaces, as a browser copies an HTML row; empty cells vanish."""
    return " ".join(text for text in cells if text)


def _rule(width: int, q: Quirks) -> str:
    return ("|" if q.rule_lead else "") + "---|" * width


def _label(text: str, q: Quirks, tie: bool = False) -> str:
    """A header label, with its tooltip's long form glued on where the quirks say so (English
    headers only: `TOOLTIPS` holds English long forms)."""
    glued = q.language == "en" and (q.tooltips == "all" or (tie and q.tooltips == "ties"))
    return f"{text}Tooltip {TOOLTIPS[text]}" if glued and text in TOOLTIPS else text


def _stat_columns(q: Quirks) -> list[tuple[str, str]]:
    """(role, label) of each stat column in the quirks' order; `goals` is a `9:2` pair."""
    labels = STANDINGS_LABELS[q.language]
    pair = PAIR_LABELS.get(q.language) if q.goals_pair else None
    out: list[tuple[str, str]] = []
    for stat in q.stat_order:
        if pair is not None and stat == "goals_against":
            continue
        if pair is not None and stat == "goals_for":
            out.append(("goals", pair))
        else:
            out.append((stat, labels[stat]))
    return out


def _stat_text(s: Standing, role: str) -> str:
    if role == "goal_difference":
        return _signed(s.goal_difference)
    if role == "goals":
        return f"{s.goals_for}:{s.goals_against}"
    value = getattr(s, role)
    assert isinstance(value, int)
    return str(value)


def _league_rows(league: League, q: Quirks) -> list[list[str]]:
    """Each team's written cells: stats, Qualification unless a rowspan covers it, matrix."""
    quals: list[str | None] = []  # None: covered by the span above
    for span in league.spans:
        for r in range(span.rows):
            quals.append(None if span.spanned and r > 0 else span.text)
    teams = [s.team for s in league.standings]
    stats = [role for role, _ in _stat_columns(q)]
    rows: list[list[str]] = []
    for s, qual in zip(league.standings, quals, strict=True):
        row = [str(s.position), s.team, *(_stat_text(s, role) for role in stats)]
        if _has_matrix(q):
            if qual is not None:
                row.append(qual)
            row.append("")  # the spacer between the standings and the matrix
            row.extend(
                "" if away == s.team else league.results[s.team, away].text for away in teams
            )
        rows.append(row)
    return rows


def _render_league(
    page: _Page, league: League, q: Quirks
) -> tuple[int, list[ExpectedStanding], list[ExpectedMatch]]:
    labels = STANDINGS_LABELS[q.language]
    header = [
        _label(labels["position"], q),
        _label(labels["team"], q),
        *(_label(label, q) for _, label in _stat_columns(q)),
    ]
    matrix = _has_matrix(q)
    if matrix:
        header += [labels["qualification"], "", *(s.abbr for s in league.standings)]
    rows = _league_rows(league, q)
    first, lines = _write_table(page, header, rows, q)
    n = len(league.standings)
    standings: list[ExpectedStanding] = []
    matches: list[ExpectedMatch] = []
    for s, row_lines in zip(league.standings, lines, strict=True):
        standings.append(
            ExpectedStanding(
                line=row_lines[0],
                position=s.position,
                team=s.team,
                team_abbr=s.abbr if matrix else None,
                played=s.played,
                won=s.won,
                drawn=s.drawn,
                lost=s.lost,
                goals_for=s.goals_for,
                goals_against=s.goals_against,
                goal_difference=s.goal_difference,
                points=s.points,
                qualification=s.qualification if matrix else None,
            )
        )
        if not matrix:
            continue
        matrix_lines = row_lines[len(row_lines) - n :]
        for other, line in zip(league.standings, matrix_lines, strict=True):
            if other.team == s.team:
                continue
            result = league.results[s.team, other.team]
            matches.append(
                ExpectedMatch(
                    line=line,
                    kind="league",
                    home_team=s.team,
                    away_team=other.team,
                    home_goals=result.home_goals,
                    away_goals=result.away_goals,
                    status="walkover" if result.walkover else "played",
                )
            )
    return first, standings, matches


def _aggregate_text(t: TwoLegTie) -> str:
    text = _pair(t.aggregate)
    if t.penalties is not None:
        text += f" ({_pair(t.penalties)} p)"
    return text


def _render_ties(
    page: _Page, ties: tuple[TwoLegTie, ...], q: Quirks
) -> tuple[int, list[ExpectedTie], list[int]]:
    """Write the ties; return the first line, the ties a reader gets back, and the lines of
    rows no reader can split (spaced rows with Venue or Notes text: the two free-text columns
    are adjacent and an empty one vanishes, so nothing tells where one ends)."""
    label1, agg, label2, first_leg, second_leg = TIE_LANGUAGE_LABELS[q.language]
    header = [label1, _label(agg, q, tie=True), label2, first_leg, second_leg]
    extras = list(TIE_EXTRA_LABELS) if q.tie_extras else []
    rows = [
        [
            t.team1,
            _aggregate_text(t),
            t.team2,
            _pair(t.leg1),
            _pair(t.leg2),
            *([t.venue, t.notes] if extras else []),
        ]
        for t in ties
    ]
    first, lines = _write_table(page, header + extras, rows, q)
    expected: list[ExpectedTie] = []
    ambiguous: list[int] = []
    for t, row_lines in zip(ties, lines, strict=True):
        if q.flavour == "spaced" and extras and (t.venue or t.notes):
            ambiguous.append(row_lines[0])
            continue
        pens = t.penalties or (None, None)
        leg1 = ExpectedMatch(
            row_lines[3], "leg_1", t.team1, t.team2, t.leg1[0], t.leg1[1], "played"
        )
        # Leg 2 is at team 2's ground but written team 1 first: home goals are the 2nd number.
        # A shoot-out follows leg 2, so it is that match's too (team 2 at home).
        leg2 = ExpectedMatch(
            row_lines[4], "leg_2", t.team2, t.team1, t.leg2[1], t.leg2[0], "played",
            home_penalties=pens[1], away_penalties=pens[0],
        )  # fmt: skip
        agg_goals = t.aggregate
        expected.append(
            ExpectedTie(
                row_lines[0],
                t.team1,
                t.team2,
                agg_goals[0],
                agg_goals[1],
                (leg1, leg2),
                team1_penalties=pens[0],
                team2_penalties=pens[1],
            )
        )
    return first, expected, ambiguous


def _pair(goals: tuple[int, int]) -> str:
    return f"{goals[0]}{EN_DASH}{goals[1]}"


def render(tournament: Tournament, q: Quirks | None = None) -> Rendered:
    """Write the tournament as a page; return the text and what must be read back from it."""
    q = q or Quirks()
    page = _Page()
    page.add(f"= {tournament.title} =" if q.headings == "wiki" else tournament.title)
    if q.prose:
        page.add(
            f"The {tournament.title} season, a fictional amateur tournament of Peruvian football."
        )
    if tournament.stage:
        page.add(_heading(tournament.stage, q))
    level = 3 if tournament.stage else 2  # wikitext levels follow the nesting

    def league_part() -> tuple[int, list[ExpectedStanding], list[ExpectedMatch]]:
        page.add(_heading(tournament.league.heading, q, level))
        out = _render_league(page, tournament.league, q)
        if q.prose:
            page.add("Source:")
        return out

    def ties_part() -> tuple[int, list[ExpectedTie], list[int]]:
        page.add(_heading(tournament.ties_heading, q, level))
        return _render_ties(page, tournament.ties, q)

    if tournament.ties_first:
        ties_line, ties, ambiguous = ties_part()
        league_line, standings, matches = league_part()
    else:
        league_line, standings, matches = league_part()
        ties_line, ties, ambiguous = ties_part()
    if q.ending != "none":
        # A heading right after the last cell: not a cut cell.
        page.add("External links" if q.headings == "plain" else _heading("External links", q))
    if q.ending == "licence":
        page.add(LICENCE)
    lines = page.lines
    if q.trailing_every:
        lines = [
            f"{line}{' ' * (1 + n % 3)}" if n % q.trailing_every == 0 else line
            for n, line in enumerate(lines)
        ]
    newline = "\r\n" if q.crlf else "\n"
    text = newline.join(lines) + newline
    truth = Truth(
        tuple(standings), tuple(matches), tuple(ties), league_line, ties_line, tuple(ambiguous)
    )
    return Rendered(text, truth, q)


def with_result(tournament: Tournament, home: str, away: str, result: Result) -> Tournament:
    """Change one matrix result and keep the stated standings: an inconsistent page."""
    league = tournament.league
    changed = {**league.results, (home, away): result}
    return replace(tournament, league=replace(league, results=changed))


def with_stat(tournament: Tournament, team: str, stat: str, value: int) -> Tournament:
    """Change one stated stat of one team's standings row (nothing else): an inconsistent page."""
    league = tournament.league

    def changed(s: Standing) -> Standing:
        if s.team != team:
            return s
        if stat == "goal_difference":
            return replace(s, stated_gd=value)
        assert stat in STATS, stat
        changes: dict[str, Any] = {stat: value}
        return replace(s, **changes)

    standings = tuple(changed(s) for s in league.standings)
    return replace(tournament, league=replace(league, standings=standings))


def with_tie_remarks(tournament: Tournament, index: int, venue: str, notes: str) -> Tournament:
    """Give one tie text under `Venue` and `Notes` (printed with `Quirks.tie_extras`)."""
    ties = list(tournament.ties)
    ties[index] = replace(ties[index], venue=venue, notes=notes)
    return replace(tournament, ties=tuple(ties))

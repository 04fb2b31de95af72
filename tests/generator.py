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
penalties (`2–2 (2–4 p)`), `away_goals=True` on away goals where they differ (`2–2 (a)`);
`finals=True` adds a final, one match, after both.

`render_html` writes the same tournament as Wikipedia HTML (the real pages of
tests/fixtures/html are the model; `HtmlQuirks` chooses the variants): rowspanned Qualification
cells, footnotes, status marks, hidden sort keys, a results matrix beside the standings or in a
table of its own, two-legged ties in one table or split into First leg / Second leg tables or
football boxes, shoot-outs in boxes' Penalties rows.

`render_wikitext` writes it as a page's wikitext (tests/fixtures/wikitext are the model;
`WikitextQuirks` chooses the variants): `{{Fb cl2 team}}` rows or `{{#invoke:Sports table}}`,
a results matrix as `{{Fb r2 header}}`/`{{fb r}}` or `{{#invoke:Sports results}}`, the round as
`{{TwoLegResult}}` rows, the final as a `{{football box}}` or a `{{OneLegResult}}` row.
"""

from __future__ import annotations

import html as html_lib
import random
import string
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any, Literal
from urllib.parse import quote as url_quote

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
FINAL_HEADING = "Final"  # a one-off final's heading; its tournament's ties take another
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
    win_points: int = 3  # points a win earns (`with_win_points`: 2, as before 1995)


@dataclass(frozen=True, slots=True)
class TwoLegTie:
    """A two-legged tie; both legs written team 1 first (leg 2 is at team 2's ground).

    A level aggregate may be settled by a shoot-out (team 1's kicks first), written in the
    aggregate cell, or on away goals (`away_goals`: `3–3 (a)`); `venue` and `notes` fill the
    free-text columns of `Quirks.tie_extras`.
    """

    team1: str
    team2: str
    leg1: tuple[int, int]
    leg2: tuple[int, int]
    penalties: tuple[int, int] | None = None
    venue: str = ""
    notes: str = ""
    away_goals: bool = False  # level on aggregate, won on away goals (`tournaments(away_goals)`)

    @property
    def aggregate(self) -> tuple[int, int]:
        return self.leg1[0] + self.leg2[0], self.leg1[1] + self.leg2[1]

    @property
    def away(self) -> tuple[int, int]:
        """Goals each team scored away: team 1 in leg 2, team 2 in leg 1."""
        return self.leg2[0], self.leg1[1]


@dataclass(frozen=True, slots=True)
class OneOff:
    """A match played once (a final): goals home first, a level score maybe settled on
    penalties (the home side's kicks first)."""

    heading: str
    home: str
    away: str
    goals: tuple[int, int]
    penalties: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Tournament:
    title: str
    stage: str | None
    league: League
    ties_heading: str
    ties: tuple[TwoLegTie, ...]
    ties_first: bool  # page order: the knockout round before the league
    final: OneOff | None = None  # a single match after both (`tournaments(finals=True)`)


def compute_standings(
    abbrs: dict[str, str], results: dict[tuple[str, str], Result], win_points: int = 3
) -> list[Standing]:
    """Count played matches only (walkovers are not, as on the seed page); sort by Pts, GD, GF
    (`win_points` a win, a draw one).

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
        Standing(0, team, abbrs[team], p, w, d, lost, gf, ga, win_points * w + d, None)
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


ShootoutAfter = Literal["level_aggregate", "level_legs"]


@st.composite
def two_leg_ties(
    draw: st.DrawFn,
    team1: str,
    team2: str,
    shootouts: bool = False,
    shootout_after: ShootoutAfter = "level_aggregate",
    away_goals: bool = False,
) -> TwoLegTie:
    """Legs 0–5 each side; `shootouts`: a level aggregate is mostly settled on penalties.

    `shootout_after="level_legs"`: only ties whose legs are both level go to penalties (a
    quarter of them are drawn so), never a level aggregate of legs won one each. `away_goals`:
    a level aggregate whose away goals differ is won on them (`3–3 (a)`), never on penalties.
    """
    goals = st.tuples(st.integers(0, 5), st.integers(0, 5))
    tie = TwoLegTie(team1, team2, draw(goals), draw(goals))
    if away_goals and tie.aggregate[0] == tie.aggregate[1] and tie.away[0] != tie.away[1]:
        return replace(tie, away_goals=True)
    level_legs = shootout_after == "level_legs"
    if shootouts and level_legs and draw(st.integers(0, 3)) == 0:
        x, y = draw(st.integers(0, 5)), draw(st.integers(0, 5))
        tie = replace(tie, leg1=(x, x), leg2=(y, y))
    a, b = tie.aggregate
    unlevel = tie.leg2[0] != tie.leg2[1]
    if shootouts and a == b and not (level_legs and unlevel) and draw(st.integers(0, 3)) > 0:
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
    finals: bool = False,
    shootout_after: ShootoutAfter = "level_aggregate",
    away_goals: bool = False,
) -> Tournament:
    """A consistent tournament: a league of 3–6 teams and 2–4 two-legged ties (scores 0–5);
    `finals`: also a final, one match between two more teams, after both; `shootout_after`
    and `away_goals`: see `two_leg_ties`."""
    n = draw(st.integers(min_teams, max_teams))
    m = draw(st.integers(min_ties, max_ties))
    size = n + 2 * m + (2 if finals else 0)
    names = draw(st.lists(team_names(wild_names), min_size=size, max_size=size, unique=True))
    league = draw(leagues(names[:n], draw(st.sampled_from(LEAGUE_HEADINGS)), walkovers))
    ties = tuple(
        draw(
            two_leg_ties(
                names[n + 2 * i], names[n + 2 * i + 1], shootouts, shootout_after, away_goals
            )
        )
        for i in range(m)
    )
    final = draw(one_offs(names[-2], names[-1], shootouts)) if finals else None
    return Tournament(
        title=f"{draw(st.integers(1990, 2025))} Copa Perú",
        stage=draw(st.none() | st.sampled_from(STAGE_HEADINGS)),
        league=league,
        ties_heading=draw(
            st.sampled_from(
                tuple(h for h in TIE_HEADINGS if h != FINAL_HEADING) if finals else TIE_HEADINGS
            )
        ),
        ties=ties,
        ties_first=draw(st.booleans()),
        final=final,
    )


@st.composite
def one_offs(draw: st.DrawFn, home: str, away: str, shootouts: bool = False) -> OneOff:
    """A final: 0–5 each side; `shootouts`: a level score is mostly settled on penalties."""
    goals = draw(st.tuples(st.integers(0, 5), st.integers(0, 5)))
    kicks = st.tuples(st.integers(0, 9), st.integers(0, 9)).filter(lambda p: p[0] != p[1])
    level = goals[0] == goals[1]
    penalties = draw(kicks) if shootouts and level and draw(st.integers(0, 3)) > 0 else None
    return OneOff(FINAL_HEADING, home, away, goals, penalties)


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
    notes: tuple[str, ...] = ()  # footnote and status marks after the team (HTML: `[1]`, `(C)`)
    points_marks: tuple[str, ...] = ()  # footnote marks after the points (HTML)
    team_link: str | None = None  # the article the team cell links to (HTML)


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
    team1_aggregate: int | None  # None where the page states none (legs in tables of their own)
    team2_aggregate: int | None
    legs: tuple[ExpectedMatch, ExpectedMatch]
    team1_penalties: int | None = None
    team2_penalties: int | None = None
    # The verdict (`tie_verdict`): how the tie was decided and who went through.
    decided_by: str | None = None
    winner: str | None = None


@dataclass(frozen=True, slots=True)
class Truth:
    standings: tuple[ExpectedStanding, ...]
    matches: tuple[ExpectedMatch, ...]  # results-matrix matches, row by row (none if unprinted)
    ties: tuple[ExpectedTie, ...]
    league_line: int  # first line of the league table
    ties_line: int  # first line of the two-legged table
    # Rows no careful reader can split into cells (spaced rows): an error each, no record.
    ambiguous: tuple[int, ...] = ()
    singles: tuple[ExpectedMatch, ...] = ()  # the final, if the tournament has one
    # Every football table as (first line, kind) in page order (the final's and the split
    # legs' tables too; a separate results matrix is `results_matrix`).
    tables: tuple[tuple[int, str], ...] = ()


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
    if t.away_goals:
        text += " (a)"
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
    tables = sorted([(league_line, "league"), (ties_line, "two_legged")])
    singles: list[ExpectedMatch] = []
    if tournament.final is not None:
        final = tournament.final
        page.add(_heading(final.heading, q, level))
        label1, _, label2, _, _ = TIE_LANGUAGE_LABELS[q.language]
        header = [label1, "Score", label2]  # `Score` is English: a final reads with English only
        row = [final.home, _one_off_text(final), final.away]
        final_line, final_lines = _write_table(page, header, [row], q)
        singles.append(_one_off_match(final, final_lines[0][0]))
        tables.append((final_line, "single_match"))
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
        tuple(standings),
        tuple(matches),
        tuple(ties),
        league_line,
        ties_line,
        tuple(ambiguous),
        singles=tuple(singles),
        tables=tuple(tables),
    )
    return Rendered(text, truth, q)


def _one_off_text(final: OneOff) -> str:
    text = _pair(final.goals)
    if final.penalties is not None:
        text += f" ({_pair(final.penalties)} p)"
    return text


def _one_off_match(final: OneOff, line: int) -> ExpectedMatch:
    pens = final.penalties or (None, None)
    return ExpectedMatch(
        line, "single", final.home, final.away, final.goals[0], final.goals[1], "played",
        home_penalties=pens[0], away_penalties=pens[1],
    )  # fmt: skip


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


def with_win_points(tournament: Tournament, win_points: int) -> Tournament:
    """The same results under another points rule: standings recomputed and re-ranked (their
    qualifications kept by position)."""
    league = tournament.league
    abbrs = {s.team: s.abbr for s in league.standings}
    rows = compute_standings(abbrs, league.results, win_points)
    quals = [s.qualification for s in league.standings]
    standings = tuple(replace(r, qualification=q) for r, q in zip(rows, quals, strict=True))
    changed = replace(league, standings=standings, win_points=win_points)
    return replace(tournament, league=changed)


# ---------------------------------------------------------------------------------------------
# HTML rendering
#
# The same tournament as Wikipedia's HTML writes it (the real pages of tests/fixtures/html are
# the model): `h2`–`h4` headings in `span.mw-headline` (older) or `div.mw-heading` (now);
# `table.wikitable` standings whose Qualification cell spans the rows sharing it (rowspan),
# footnotes (`<sup class="reference">`) after team names and points, status marks
# (`&nbsp;<b>(C)</b>`), hidden sort keys (`display:none`, `visibility:hidden`, `.sortkey`),
# Unicode minus in GD; a results matrix beside the standings or in a table of its own (column
# headers are abbreviations linking to the team's article, as the row teams do); two-legged
# ties in one table or their legs split into First leg / Second leg tables or football boxes
# (`div.vevent` as 2011–12 Costa Rica, or the current `div.footballbox`), a shoot-out in a
# box's Penalties row; a final as a football box or a one-row table.

HtmlDocument = Literal["fragment", "page"]
HtmlHeadings = Literal["span", "div"]
MatrixPlace = Literal["beside", "separate", "none"]
MatrixColumns = Literal["rows", "abbr"]  # the rows' order, or sorted by abbreviation
MatrixRows = Literal["table", "name"]  # a separate matrix's rows: the table's order, or by name
TieLayout = Literal["table", "split_tables", "split_boxes"]
SortKeys = Literal["none", "display_none", "visibility", "sortkey"]
NoteStyle = Literal["number", "letter", "note"]
BoxStyle = Literal["vevent", "footballbox"]
FinalLayout = Literal["box", "table"]

QUALIFICATION_LABELS = (
    "Qualification",
    "Qualification or relegation",
    "Promotion, qualification or relegation",
)
LEG_HEADINGS: tuple[tuple[str, str], ...] = (
    ("First leg", "Second leg"),
    ("First legs", "Second legs"),
    ("1st leg", "2nd leg"),
)
LONG_FORMS = {"Pos": "Position", **TOOLTIPS}
SCORERS = ("Pérez", "Quispe", "Rodríguez", "Flores", "Mendoza", "Vargas", "Huamán", "Torres")
VENUES = ("Estadio Nacional", "Estadio Garcilaso", "Estadio Mansiche", "Estadio Monumental")
MONTHS = ("March", "April", "May", "June", "August", "September", "October", "November")
PENALTY_ARTICLE = "Penalty shoot-out (association football)"
FLAG = (
    '<span class="flagicon"><img alt="" src="//upload.wikimedia.org/wikipedia/commons/thumb/'
    'c/cf/Flag_of_Peru.svg/23px-Flag_of_Peru.svg.png" width="23" height="15" '
    'class="thumbborder" /></span>'
)


@dataclass(frozen=True, slots=True)
class HtmlQuirks:
    """How a tournament is written as Wikipedia HTML; `seed` picks the per-cell details (which
    rows carry a footnote, which scores a link, which boxes an `<hr />` parts) so a drawn page
    is reproducible.

    Some variants the pipeline misreads today; tests/test_html_renderings.py (`GAPS`) names
    them and leaves them out of its properties until they are fixed.
    """

    seed: int = 0
    document: HtmlDocument = "fragment"  # an action=render capture, or a whole saved page
    headings: HtmlHeadings = "span"  # `<h2><span class="mw-headline">`, `div.mw-heading`
    edit_links: bool = False  # `span.mw-editsection` inside headings
    cell_lines: bool = False  # each cell on a line of its own (action=render), else a row a line
    crlf: bool = False
    abbr_labels: bool = False  # `<abbr title="Played">Pld</abbr>` header labels
    qualification_label: str = "Qualification"
    team_th: bool = False  # the team cell is `<th scope="row">` (Module:Sports table)
    links: bool = True  # team names link to their article (`title` differs from the name)
    flags: bool = False  # `span.flagicon` images beside team names
    team_notes: NoteStyle | None = None  # footnotes after some team names
    points_notes: bool = False  # footnotes after some points
    status_marks: bool = False  # `(C)`, `(Q)`, `(R)` after team names
    sort_keys: SortKeys = "none"
    bold_points: bool = False
    entities: bool = False  # `&minus;`, `&ndash;`, `&#160;` written as entities
    matrix: MatrixPlace = "beside"
    # A separate matrix under a `Results` heading, its table under `Standings`: siblings in the
    # group's section (2011–12 Costa Rica); else the matrix follows the table in its section.
    matrix_headings: bool = False
    matrix_rows: MatrixRows = "table"
    matrix_columns: MatrixColumns = "rows"
    matrix_spacer: bool = True  # an empty column between the standings and a beside matrix
    td_headers: bool = False  # header rows in `td` cells (a first row of labels)
    diagonal_dash: bool = False  # `—` on the diagonal, else an empty grey cell
    walkover: str = "W.O."
    ties: TieLayout = "table"
    leg_headings: tuple[str, str] = LEG_HEADINGS[0]
    leg_dates: bool = False  # a Date column in split-leg tables
    second_leg_aggregate: bool = False  # an Agg column in the second-leg table (1978–79 Scotland)
    aggregate_notes: bool = False  # `<p>… on aggregate</p>` after each second-leg box
    box_style: BoxStyle = "vevent"
    scorers: bool = True  # goal scorers under a box's teams
    final: FinalLayout = "box"
    bold_winners: bool = False  # the team that went through in bold (a two-legged table)
    prose: bool = False  # an intro paragraph and `Source:` paragraphs
    navbox: bool = False  # a navbox table at the end (skipped)


@st.composite
def html_quirks(draw: st.DrawFn) -> HtmlQuirks:
    """Draw HTML quirks, every option (`dataclasses.replace` pins one)."""
    ties: TieLayout = draw(st.sampled_from(("table", "split_tables", "split_boxes")))
    return HtmlQuirks(
        seed=draw(st.integers(0, 2**16)),
        document=draw(st.sampled_from(("fragment", "page"))),
        headings=draw(st.sampled_from(("span", "div"))),
        edit_links=draw(st.booleans()),
        cell_lines=draw(st.booleans()),
        crlf=draw(st.booleans()),
        abbr_labels=draw(st.booleans()),
        qualification_label=draw(st.sampled_from(QUALIFICATION_LABELS)),
        team_th=draw(st.booleans()),
        links=draw(st.booleans()),
        flags=draw(st.booleans()),
        team_notes=draw(st.sampled_from((None, "number", "letter", "note"))),
        points_notes=draw(st.booleans()),
        status_marks=draw(st.booleans()),
        sort_keys=draw(st.sampled_from(("none", "display_none", "visibility", "sortkey"))),
        bold_points=draw(st.booleans()),
        entities=draw(st.booleans()),
        matrix=draw(st.sampled_from(("beside", "separate", "none"))),
        matrix_headings=draw(st.booleans()),
        matrix_rows=draw(st.sampled_from(("table", "name"))),
        matrix_columns=draw(st.sampled_from(("rows", "abbr"))),
        matrix_spacer=draw(st.booleans()),
        td_headers=draw(st.booleans()),
        diagonal_dash=draw(st.booleans()),
        walkover=draw(st.sampled_from(("W.O.", "w/o"))),
        ties=ties,
        leg_headings=draw(st.sampled_from(LEG_HEADINGS)),
        leg_dates=draw(st.booleans()),
        second_leg_aggregate=draw(st.booleans()),
        aggregate_notes=draw(st.booleans()),
        box_style=draw(st.sampled_from(("vevent", "footballbox"))),
        scorers=draw(st.booleans()),
        final=draw(st.sampled_from(("box", "table"))),
        bold_winners=draw(st.booleans()),
        prose=draw(st.booleans()),
        navbox=draw(st.booleans()),
    )


@dataclass(frozen=True, slots=True)
class RenderedHtml:
    text: str
    truth: Truth
    quirks: HtmlQuirks

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")

    @property
    def lines(self) -> list[str]:
        """The page's lines as the parser numbers them (1-based: lines[n - 1])."""
        return self.text.replace("\r\n", "\n").split("\n")


def _esc(text: str) -> str:
    return html_lib.escape(text, quote=True)


def _article(team: str) -> str:
    """The article a team's name links to: never the name itself, as on real pages."""
    return f"{team} F.C." if len(team) % 2 else f"Club {team}"


def _href(title: str) -> str:
    return "//en.wikipedia.org/wiki/" + url_quote(title.replace(" ", "_"), safe="(),")


class _HtmlPage(_Page):
    """Lines of HTML with the per-cell details drawn from the quirks' seed."""

    def __init__(self, q: HtmlQuirks) -> None:
        super().__init__()
        self.q = q
        self.rng = random.Random(q.seed)
        self.notes: list[tuple[str, str]] = []  # (label, text) of each footnote, in order

    def heading(self, text: str, level: int) -> int:
        q = self.q
        anchor = _esc(text.replace(" ", "_"))
        edit = ""
        if q.edit_links:
            edit = (
                '<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>'
                f'<a href="/w/index.php?title=X&amp;action=edit&amp;section={len(self.lines)}" '
                f'title="Edit section: {_esc(text)}">edit</a>'
                '<span class="mw-editsection-bracket">]</span></span>'
            )
        if q.headings == "span":
            return self.add(
                f'<h{level}><span class="mw-headline" id="{anchor}">{_esc(text)}</span>'
                f"{edit}</h{level}>"
            )
        return self.add(
            f'<div class="mw-heading mw-heading{level}"><h{level} id="{anchor}">{_esc(text)}'
            f"</h{level}>{edit}</div>"
        )

    def row(self, cells: list[str], attrs: str = "") -> list[int]:
        """Write a row of complete cells; return each cell's line."""
        if self.q.cell_lines:
            self.add(f"<tr{attrs}>")
            out = [self.add(cell) for cell in cells]
            self.add("</tr>")
            return out
        n = self.add(f"<tr{attrs}>{''.join(cells)}</tr>")
        return [n] * len(cells)

    def open_table(self, css: str = "wikitable", style: str = "text-align:center") -> int:
        n = self.add(f'<table class="{css}" style="{style}">')
        if self.q.document == "page":
            self.add("<tbody>")
        return n

    def close_table(self) -> None:
        if self.q.document == "page":
            self.add("</tbody>")
        self.add("</table>")

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def header(self, content: str, attrs: str = "") -> str:
        """A header cell: `th`, or `td` where the quirks write header rows so (a first row of
        labels, as 2011–12 Costa Rica's results matrix)."""
        tag = "td" if self.q.td_headers else "th"
        return f"<{tag}{attrs}>{content}</{tag}>"

    # --- Cell contents ----------------------------------------------------------------------

    def dash(self) -> str:
        return "&ndash;" if self.q.entities else EN_DASH

    def nbsp(self) -> str:
        return "&#160;" if self.q.entities or self.chance(0.5) else "\u00a0"

    def pair(self, goals: tuple[int, int], spaced: bool = False) -> str:
        sep = f" {self.dash()} " if spaced else self.dash()
        return f"{goals[0]}{sep}{goals[1]}"

    def footnote(self, style: NoteStyle) -> tuple[str, str]:
        """A footnote reference and the mark a reader sees (`[2]` is mark `2`)."""
        k = len(self.notes) + 1
        label = {"number": str(k), "letter": string.ascii_lowercase[(k - 1) % 26],
                 "note": f"note {k}"}[style]  # fmt: skip
        self.notes.append((label, f"Note {k} on the standings."))
        inner = f"[{label}]"
        if self.chance(0.5):
            inner = f"<span>[</span>{label}<span>]</span>"
        return (
            f'<sup id="cite_ref-{k}" class="reference"><a href="#cite_note-{k}">{inner}</a></sup>',
            label,
        )

    def number(self, n: int, text: str | None = None) -> str:
        """A stat as printed, with the hidden sort key the quirks put before it."""
        shown = text if text is not None else str(n)
        keys = self.q.sort_keys
        if keys == "display_none" and 0 <= n < 10:
            return f'<span style="display:none">0</span>{shown}'
        if keys == "visibility" and 0 <= n < 10:
            return f'<span style="visibility:hidden;color:transparent">0</span>{shown}'
        if keys == "sortkey":
            return f'<span class="sortkey">{n + 500:04d}</span>{shown}'
        return shown

    def signed(self, n: int) -> str:
        text = _signed(n)
        if n < 0 and self.q.entities:
            text = f"&minus;{-n}"
        return self.number(n, text)

    def team(self, team: str, align: str = "", bold: bool = False, flag_after: bool = False) -> str:
        """A team as a cell's content: a link to its article, a flag, a sort key."""
        q = self.q
        name = _esc(team)
        if q.links:
            name = f'<a href="{_href(_article(team))}" title="{_esc(_article(team))}">{name}</a>'
        if q.flags:
            name = f"{name}{self.nbsp()}{FLAG}" if flag_after else f"{FLAG}{self.nbsp()}{name}"
        if bold:
            name = f"<b>{name}</b>"
        if q.sort_keys == "sortkey":
            words = team.split()
            name = f'<span class="sortkey">{_esc(" ".join(words[1:] + words[:1]))}</span>{name}'
        return name

    def status(self, mark: str) -> str:
        style = self.rng.randrange(3)
        if style == 0:
            return f"{self.nbsp()}<b>({mark})</b>"
        if style == 1:
            return f' <span style="font-weight:bold">({mark})</span>'
        return f"{self.nbsp()}({mark})"

    def score(self, text: str) -> str:
        """A score cell's content: plain, in a `nowrap` span, or linking to its match report."""
        roll = self.rng.randrange(3)
        if roll == 1:
            return f'<span class="nowrap">{text}</span>'
        if roll == 2 and "<" not in text:
            return f'<a href="#Matchday_{self.rng.randrange(1, 11)}">{text}</a>'
        return text

    def label(self, text: str) -> str:
        long = LONG_FORMS.get(text)
        if self.q.abbr_labels and long is not None:
            return f'<abbr title="{_esc(long)}">{_esc(text)}</abbr>'
        return _esc(text)


def _qual_cells(league: League) -> list[tuple[str, int] | None]:
    """Each row's Qualification cell as (text, rowspan), None where a span above covers it: a
    run of rows sharing a qualification is one cell; empty rows share one where the span says
    so, else each has its own."""
    cells: list[tuple[str, int] | None] = []
    for span in league.spans:
        if span.rows > 1 and (span.text or span.spanned):
            cells.append((span.text, span.rows))
            cells.extend([None] * (span.rows - 1))
        else:
            cells.extend([(span.text, 1)] * span.rows)
    return cells


def _status_mark(s: Standing) -> str | None:
    if s.position == 1:
        return "C"
    if s.qualification in RELEGATIONS[:1]:
        return "R"
    return "Q" if s.qualification else None


def _html_standings(
    page: _HtmlPage, league: League, level: int
) -> tuple[list[tuple[int, str]], list[ExpectedStanding], list[ExpectedMatch]]:
    """The standings table (with its matrix beside it, or after it in a table of its own)."""
    q = page.q
    beside = q.matrix == "beside"
    columns = _matrix_columns(league, q)
    if q.matrix == "separate" and q.matrix_headings:
        page.heading("Standings", level + 1)
    first = page.open_table()
    labels = ["Pos", "Team", "Pld", "W", "D", "L", "GF", "GA", "GD", "Pts"]
    header = [page.header(page.label(text), ' scope="col"') for text in labels]
    header.append(page.header(_esc(q.qualification_label), ' scope="col"'))
    if beside:
        if q.matrix_spacer:
            header.append(page.header(""))
        header.extend(page.header(_abbr_header(league, team, q)) for team in columns)
    page.row(header)
    quals = _qual_cells(league)
    standings: list[ExpectedStanding] = []
    matches: list[ExpectedMatch] = []
    for s, qual in zip(league.standings, quals, strict=True):
        notes: list[str] = []
        name = page.team(s.team)
        if q.team_notes is not None and page.chance(0.4):
            ref, label = page.footnote(q.team_notes)
            name += ref
            notes.append(label)
        status = _status_mark(s) if q.status_marks else None
        if status is not None:
            name += page.status(status)
            notes.append(status)
        team_cell = (
            f'<th scope="row" style="text-align:left;white-space:nowrap">{name}</th>'
            if q.team_th
            else f'<td style="text-align:left;white-space:nowrap">{name}</td>'
        )
        points = page.number(s.points)
        if q.bold_points:
            points = f"<b>{points}</b>"
        points_marks: list[str] = []
        if q.points_notes and page.chance(0.3):
            ref, label = page.footnote("letter")
            points += ref
            points_marks.append(label)
        cells = [
            f"<td>{page.number(s.position)}</td>",
            team_cell,
            *(f"<td>{page.number(getattr(s, stat))}</td>" for stat in STATS[:6]),
            f"<td>{page.signed(s.goal_difference)}</td>",
            f"<td>{points}</td>",
        ]
        if qual is not None:
            text, rows = qual
            span = f' rowspan="{rows}"' if rows > 1 else ""
            cells.append(f'<td{span} style="text-align:left">{_qual_html(page, text)}</td>')
        score_at = len(cells) + (1 if q.matrix_spacer else 0)
        if beside:
            if q.matrix_spacer:
                cells.append("<td></td>")
            cells.extend(_matrix_cell(page, league, s.team, away) for away in columns)
        lines = page.row(cells)
        standings.append(
            ExpectedStanding(
                line=lines[0],
                position=s.position,
                team=s.team,
                team_abbr=s.abbr if beside else None,
                played=s.played,
                won=s.won,
                drawn=s.drawn,
                lost=s.lost,
                goals_for=s.goals_for,
                goals_against=s.goals_against,
                goal_difference=s.goal_difference,
                points=s.points,
                qualification=s.qualification,
                notes=tuple(notes),
                points_marks=tuple(points_marks),
                team_link=_article(s.team) if q.links else None,
            )
        )
        if beside:
            score_lines = lines[score_at:]
            matches.extend(_matrix_matches(league, s.team, columns, score_lines))
    page.close_table()
    tables = [(first, "league")]
    if q.matrix == "separate":
        if q.matrix_headings:
            page.heading("Results", level + 1)
        line, found = _html_matrix(page, league, columns)
        tables.append((line, "results_matrix"))
        matches = found
    return tables, standings, matches


def _qual_html(page: _HtmlPage, text: str) -> str:
    """A qualification, its competition linked now and then."""
    for name in ("Copa Perú", "National Stage"):
        if name in text and page.chance(0.5):
            linked = f'<a href="{_href(name)}" title="{_esc(name)}">{_esc(name)}</a>'
            return _esc(text).replace(_esc(name), linked, 1)
    return _esc(text)


def _matrix_columns(league: League, q: HtmlQuirks) -> list[str]:
    """The matrix's column teams: the rows' order, or by abbreviation (where links say whose
    column is whose)."""
    rows = _matrix_rows(league, q) if q.matrix == "separate" else [s.team for s in league.standings]
    if q.matrix_columns == "abbr" and q.links:
        abbrs = {s.team: s.abbr for s in league.standings}
        return sorted(rows, key=lambda team: abbrs[team])
    return rows


def _matrix_rows(league: League, q: HtmlQuirks) -> list[str]:
    teams = [s.team for s in league.standings]
    return sorted(teams) if q.matrix_rows == "name" else teams


def _abbr_header(league: League, team: str, q: HtmlQuirks) -> str:
    abbr = next(s.abbr for s in league.standings if s.team == team)
    if q.links:
        return f'<a href="{_href(_article(team))}" title="{_esc(_article(team))}">{abbr}</a>'
    return f'<abbr title="{_esc(team)}">{abbr}</abbr>'


def _matrix_cell(page: _HtmlPage, league: League, home: str, away: str) -> str:
    if home == away:
        return (
            '<td style="background:#CCCCCC;">—</td>'
            if page.q.diagonal_dash
            else ('<td style="background:#CCCCCC;"></td>')
        )
    result = league.results[home, away]
    if result.walkover:
        return f"<td>{page.q.walkover}</td>"
    assert result.home_goals is not None and result.away_goals is not None
    home_goals, away_goals = result.home_goals, result.away_goals
    colour = "#BBF3BB" if home_goals > away_goals else "#FFBBBB"
    if home_goals == away_goals:
        colour = "#FFFFBB"
    text = page.pair((result.home_goals, result.away_goals))
    return f'<td style="background:{colour};">{page.score(text)}</td>'


def _matrix_matches(
    league: League, home: str, columns: list[str], lines: list[int]
) -> list[ExpectedMatch]:
    out: list[ExpectedMatch] = []
    for away, line in zip(columns, lines, strict=True):
        if away == home:
            continue
        result = league.results[home, away]
        status = "walkover" if result.walkover else "played"
        out.append(
            ExpectedMatch(line, "league", home, away, result.home_goals, result.away_goals, status)
        )
    return out


def _html_matrix(
    page: _HtmlPage, league: League, columns: list[str]
) -> tuple[int, list[ExpectedMatch]]:
    """A results matrix in a table of its own: `Home \\ Away`, then the abbreviations."""
    q = page.q
    first = page.open_table(style="text-align:center;font-size:100%")
    corner = "Home \\ Away"
    if q.team_notes is not None:
        corner += page.footnote(q.team_notes)[0]
    page.row(
        [page.header(corner)]
        + [page.header(_abbr_header(league, team, q), ' width="30"') for team in columns]
    )
    matches: list[ExpectedMatch] = []
    for home in _matrix_rows(league, q):
        tag = "th" if q.team_th else "td"
        lines = page.row(
            [f'<{tag} style="text-align:right">{page.team(home)}</{tag}>']
            + [_matrix_cell(page, league, home, away) for away in columns]
        )
        matches.extend(_matrix_matches(league, home, columns, lines[1:]))
    page.close_table()
    return first, matches


def tie_verdict(t: TwoLegTie) -> tuple[str, str | None]:
    """How a tie is decided and who goes through: the aggregate, then away goals where the
    page marks them `(a)`, then the shoot-out (never added to the aggregate); else unknown."""
    (a, b), (away1, away2) = t.aggregate, t.away
    if a != b:
        return "aggregate", t.team1 if a > b else t.team2
    if t.away_goals and away1 != away2:
        return "away_goals", t.team1 if away1 > away2 else t.team2
    if t.penalties is not None:
        return "penalties", t.team1 if t.penalties[0] > t.penalties[1] else t.team2
    return "unknown", None


def _winner(t: TwoLegTie) -> str | None:
    return tie_verdict(t)[1]


def _penalties_html(page: _HtmlPage, pens: tuple[int, int]) -> str:
    return (
        f' ({page.pair(pens)} <a href="{_href(PENALTY_ARTICLE)}" title="{PENALTY_ARTICLE}">p</a>)'
    )


def _html_tie_table(
    page: _HtmlPage, ties: tuple[TwoLegTie, ...]
) -> tuple[list[tuple[int, str]], list[ExpectedTie]]:
    """Team 1 | Agg. | Team 2 | 1st leg | 2nd leg: a tie a row (legs team 1 first)."""
    q = page.q
    first = page.open_table()
    page.row(
        [
            page.header("Team 1", ' width="200"'),
            page.header(page.label("Agg.")),
            page.header("Team 2", ' width="200"'),
            page.header("1st leg", ' width="80"'),
            page.header("2nd leg", ' width="80"'),
        ]
    )
    out: list[ExpectedTie] = []
    for t in ties:
        winner = _winner(t) if q.bold_winners else None
        agg = page.pair(t.aggregate)
        if t.penalties is not None:
            agg += _penalties_html(page, t.penalties)
        if t.away_goals:
            agg += " (a)"
        lines = page.row(
            [
                f'<td align="right">{page.team(t.team1, bold=winner == t.team1, flag_after=True)}'
                "</td>",
                f"<td>{agg}</td>",
                f'<td align="left">{page.team(t.team2, bold=winner == t.team2)}</td>',
                f"<td>{page.score(page.pair(t.leg1))}</td>",
                f"<td>{page.score(page.pair(t.leg2))}</td>",
            ]
        )
        out.append(_expected_tie(t, lines[0], lines[3], lines[4], stated=True))
    page.close_table()
    return [(first, "two_legged")], out


def _expected_tie(t: TwoLegTie, line: int, leg1: int, leg2: int, stated: bool) -> ExpectedTie:
    """A tie as read back; `stated`: the page states its aggregate (else the legs give it)."""
    pens = t.penalties or (None, None)
    agg: tuple[int | None, int | None] = t.aggregate if stated else (None, None)
    return ExpectedTie(
        line,
        t.team1,
        t.team2,
        agg[0],
        agg[1],
        (
            ExpectedMatch(leg1, "leg_1", t.team1, t.team2, t.leg1[0], t.leg1[1], "played"),
            ExpectedMatch(
                leg2,
                "leg_2",
                t.team2,
                t.team1,
                t.leg2[1],
                t.leg2[0],
                "played",
                home_penalties=pens[1],
                away_penalties=pens[0],
            ),
        ),
        team1_penalties=pens[0],
        team2_penalties=pens[1],
        decided_by=tie_verdict(t)[0],
        winner=tie_verdict(t)[1],
    )


def _date(page: _HtmlPage) -> str:
    return f"{page.rng.randrange(1, 29)} {page.rng.choice(MONTHS)} 2024"


def _html_split_tables(
    page: _HtmlPage, ties: tuple[TwoLegTie, ...], level: int
) -> tuple[list[tuple[int, str]], list[ExpectedTie]]:
    """First leg and Second leg tables (Home team | Score | Away team), each under a heading;
    the second may state the aggregate (home team first), as 1978–79 Scotland does."""
    q = page.q
    lines_by_leg: list[list[int]] = []
    tables: list[tuple[int, str]] = []
    for leg in (1, 2):
        page.heading(q.leg_headings[leg - 1], level + 1)
        tables.append((page.open_table(), "two_legged" if leg == 1 else "single_match"))
        header = [
            page.header("Home team", ' width="175"'),
            page.header("Score", ' width="20"'),
            page.header("Away team", ' width="175"'),
        ]
        if q.leg_dates:
            header.append(page.header("Date", ' width="75"'))
        if leg == 2 and q.second_leg_aggregate:
            header.append(page.header(page.label("Agg."), ' width="75"'))
        page.row(header)
        found: list[int] = []
        for t in ties:
            home, away = (t.team1, t.team2) if leg == 1 else (t.team2, t.team1)
            goals = t.leg1 if leg == 1 else (t.leg2[1], t.leg2[0])
            score = page.pair(goals)
            if leg == 2 and t.penalties is not None:
                score += _penalties_html(page, (t.penalties[1], t.penalties[0]))
            cells = [
                f"<td>{page.team(home)}</td>",
                f"<td>{page.score(score)}</td>",
                f"<td>{page.team(away)}</td>",
            ]
            if q.leg_dates:
                cells.append(f"<td>{_date(page)}</td>")
            if leg == 2 and q.second_leg_aggregate:
                cells.append(f"<td>{page.pair((t.aggregate[1], t.aggregate[0]))}</td>")
            found.append(page.row(cells)[0])
        page.close_table()
        lines_by_leg.append(found)
    # An Agg column in the second-leg table states each tie's aggregate: the tie stores it.
    expected = [
        _expected_tie(t, one, one, two, stated=q.second_leg_aggregate)
        for t, one, two in zip(ties, *lines_by_leg, strict=True)
    ]
    return tables, expected


def _html_box(
    page: _HtmlPage,
    home: str,
    away: str,
    goals: tuple[int, int],
    penalties: tuple[int, int] | None,
) -> int:
    """A football box: date, the match row (home, score, away), scorers, a Penalties row and
    the shoot-out's score, the venue. Returns the box's first line (the match's line)."""
    q = page.q
    score = page.pair(goals, spaced=page.chance(0.5))
    if penalties is not None and goals[0] == goals[1] and page.chance(0.5):
        score += ' (<a href="//en.wikipedia.org/wiki/Extra_time" title="Extra time">a.e.t.</a>)'
    scorers = [_scorers(page, n) if q.scorers else "" for n in goals]
    venue = page.rng.choice(VENUES)
    venue_link = f'<a href="{_href(venue)}" title="{_esc(venue)}">{_esc(venue)}</a>, Lima'
    shootout = f'<a href="{_href(PENALTY_ARTICLE)}" title="{PENALTY_ARTICLE}">Penalties</a>'
    home_team, away_team = page.team(home, flag_after=True), page.team(away)
    start = len(page.lines) + 1
    if q.box_style == "vevent":  # 2011–12 Costa Rica, 2011 CAF U-23: three floating tables
        lines = [
            '<div style="width: 100%; background-color: transparent; clear:both" class="vevent">',
            '<table style="float:left; width:15%; table-layout:fixed">',
            "<tr>",
            "<td>",
            f'<div style="text-align:right" class="summary">{_date(page)}<br />',
            '15:30 <a href="//en.wikipedia.org/wiki/UTC-5" title="UTC-5">UTC-5</a><br /></div>',
            "</td>",
            "</tr>",
            "</table>",
            '<table style="float:left; width:61%; table-layout:fixed; text-align:center">',
            '<tr style="vertical-align:top">',
            '<th style="width:39%; text-align:right" class="vcard attendee">'
            f'<span class="fn org">{home_team}</span></th>',
            f'<th style="width:22%; text-align:center">{score}</th>',
            '<th style="width:39%; text-align:left" class="vcard attendee">'
            f'<span class="fn org">{away_team}</span></th>',
            "</tr>",
            '<tr style="vertical-align:top;font-size:85%">',
            f'<td style="text-align:right">{scorers[0]}</td>',
            '<td style="text-align:center"></td>',
            f'<td style="text-align:left">{scorers[1]}</td>',
            "</tr>",
        ]
        if penalties is not None:
            lines += [
                "<tr>",
                "<td>&#160;</td>",
                f'<th align="center">{shootout}</th>',
                "<td>&#160;</td>",
                "</tr>",
                '<tr style="vertical-align:top;font-size:85%">',
                '<td style="text-align:right"></td>',
                f'<th style="text-align:center">{page.pair(penalties, spaced=True)}</th>',
                '<td style="text-align:left"></td>',
                "</tr>",
            ]
        lines += [
            "</table>",
            '<table style="float:left; width:24%; table-layout:fixed">',
            "<tr>",
            "<td>",
            f'<div style="font-size: 85%">{venue_link}<br /></div>',
            "</td>",
            "</tr>",
            "</table>",
            '<div style="clear:both;"></div>',
            "</div>",
        ]
    else:  # the current Module:Football box
        team = 'itemscope="" itemtype="http://schema.org/SportsTeam"><span itemprop="name">'
        lines = [
            '<div itemscope="" itemtype="http://schema.org/SportsEvent" class="footballbox">',
            f'<div class="fleft"><time><div class="fdate">{_date(page)}</div>'
            '<div class="ftime">15:30</div></time></div>',
            '<table class="fevent">',
            "<tbody>",
            f'<tr itemprop="name"><th class="fhome" itemprop="homeTeam" {team}{home_team}'
            f'</span></th><th class="fscore">{score}</th>'
            f'<th class="faway" itemprop="awayTeam" {team}{away_team}</span></th></tr>',
            f'<tr class="fgoals"><td class="fhgoal">{scorers[0]}</td>'
            f'<td><a href="#Report">Report</a></td><td class="fagoal">{scorers[1]}</td></tr>',
        ]
        if penalties is not None:
            lines += [
                f'<tr class="fgoals"><th class="fhgoal"></th><th>{shootout}</th>'
                '<th class="fagoal"></th></tr>',
                f'<tr class="fgoals"><td class="fhgoal"></td><th>{page.pair(penalties)}</th>'
                '<td class="fagoal"></td></tr>',
            ]
        lines += [
            "</tbody>",
            "</table>",
            '<div class="fright"><div itemprop="location" itemscope="" '
            'itemtype="http://schema.org/Place"><span itemprop="name address">'
            f"{venue_link}</span></div><div>Attendance: 4,500</div></div>",
            "</div>",
        ]
    for line in lines:
        page.add(line)
    return start


def _scorers(page: _HtmlPage, goals: int) -> str:
    minutes = sorted(page.rng.sample(range(1, 91), goals))
    entries = [
        f'{page.rng.choice(SCORERS)} <img alt="Goal" src="//upload.wikimedia.org/Soccerball.svg" '
        f'width="13" height="13" />{page.nbsp()}<span style="font-size: 10px;">{m}\'</span>'
        for m in minutes
    ]
    if page.q.box_style == "footballbox" and entries:
        return (
            '<div class="plainlist"><ul>'
            + "".join(f"<li>{e}</li>" for e in entries)
            + "</ul></div>"
        )
    return "<br />".join(entries)


def _html_split_boxes(
    page: _HtmlPage, ties: tuple[TwoLegTie, ...], level: int
) -> tuple[list[tuple[int, str]], list[ExpectedTie]]:
    """Each leg a football box: the first legs under one heading, the second legs (a tie's
    shoot-out in its second leg's box) under the next; `<hr />` between boxes."""
    q = page.q
    lines_by_leg: list[list[int]] = []
    tables: list[tuple[int, str]] = []
    for leg in (1, 2):
        page.heading(q.leg_headings[leg - 1], level + 1)
        found: list[int] = []
        for k, t in enumerate(ties):
            if k and page.chance(0.7):
                page.add("<hr />")
            if leg == 1:
                found.append(_html_box(page, t.team1, t.team2, t.leg1, None))
                continue
            pens = (t.penalties[1], t.penalties[0]) if t.penalties is not None else None
            found.append(_html_box(page, t.team2, t.team1, (t.leg2[1], t.leg2[0]), pens))
            if q.aggregate_notes:
                a, b = t.aggregate
                page.add(
                    f"<p><i>{_esc(t.team1)} {a}{page.dash()}{b} {_esc(t.team2)} on "
                    "aggregate.</i></p>"
                )
        if leg == 2 and q.aggregate_notes:
            # A paragraph parts consecutive boxes: each second-leg box is a table of its own.
            tables.extend((line, "single_match") for line in found)
        else:
            tables.append((found[0], "two_legged" if leg == 1 else "single_match"))
        lines_by_leg.append(found)
    expected = [
        _expected_tie(t, one, one, two, stated=False)
        for t, one, two in zip(ties, *lines_by_leg, strict=True)
    ]
    return tables, expected


def _html_final(page: _HtmlPage, final: OneOff) -> tuple[int, ExpectedMatch]:
    """A final: a football box, or a one-row Team 1 | Score | Team 2 table."""
    if page.q.final == "box":
        line = _html_box(page, final.home, final.away, final.goals, final.penalties)
        return line, _one_off_match(final, line)
    first = page.open_table()
    page.row([page.header("Team 1"), page.header("Score"), page.header("Team 2")])
    score = page.pair(final.goals)
    if final.penalties is not None:
        score += _penalties_html(page, final.penalties)
    lines = page.row(
        [
            f'<td align="right">{page.team(final.home, flag_after=True)}</td>',
            f"<td>{score}</td>",
            f'<td align="left">{page.team(final.away)}</td>',
        ]
    )
    page.close_table()
    return first, _one_off_match(final, lines[0])


def render_html(tournament: Tournament, q: HtmlQuirks | None = None) -> RenderedHtml:
    """Write the tournament as a Wikipedia HTML page; return it and what must be read back."""
    q = q or HtmlQuirks()
    page = _HtmlPage(q)
    title = tournament.title
    if q.document == "page":
        page.add("<!DOCTYPE html>")
        page.add('<html class="client-nojs" lang="en" dir="ltr">')
        page.add('<head><meta charset="UTF-8" />')
        page.add(f"<title>{_esc(title)} - Wikipedia</title>")
        page.add("</head>")
        page.add('<body class="mediawiki ltr sitedir-ltr">')
        page.add(f'<h1 id="firstHeading" class="firstHeading">{_esc(title)}</h1>')
        page.add('<div id="mw-content-text" class="mw-body-content">')
        page.add('<div class="mw-content-ltr mw-parser-output" lang="en" dir="ltr">')
    else:
        url = f"//en.wikipedia.org/w/index.php?title={title.replace(' ', '_')}&action=render"
        page.add(f"<!-- http%3A{url_quote(url, safe='/')} 2014-06-24-21-00-37 -->")
    if q.prose:
        page.add(
            f"<p>The <b>{_esc(title)}</b> season was a fictional amateur tournament of "
            '<a href="//en.wikipedia.org/wiki/Football_in_Peru" title="Football in Peru">'
            "Peruvian football</a>.</p>"
        )
    if tournament.stage:
        page.heading(tournament.stage, 2)
    level = 3 if tournament.stage else 2
    tables: list[tuple[int, str]] = []

    def league_part() -> tuple[list[ExpectedStanding], list[ExpectedMatch]]:
        page.heading(tournament.league.heading, level)
        found, standings, matches = _html_standings(page, tournament.league, level)
        tables.extend(found)
        if q.prose:
            page.add(
                '<p>Source: <a rel="nofollow" class="external text" '
                'href="http://www.rsssf.com/">RSSSF</a></p>'
            )
        return standings, matches

    def ties_part() -> list[ExpectedTie]:
        page.heading(tournament.ties_heading, level)
        if q.ties == "table":
            found, ties = _html_tie_table(page, tournament.ties)
        elif q.ties == "split_tables":
            found, ties = _html_split_tables(page, tournament.ties, level)
        else:
            found, ties = _html_split_boxes(page, tournament.ties, level)
        tables.extend(found)
        return ties

    if tournament.ties_first:
        ties = ties_part()
        standings, matches = league_part()
    else:
        standings, matches = league_part()
        ties = ties_part()
    singles: list[ExpectedMatch] = []
    if tournament.final is not None:
        page.heading(tournament.final.heading, level)
        line, match = _html_final(page, tournament.final)
        tables.append((line, "single_match"))
        singles.append(match)
    if page.notes:
        page.heading("Notes", 2)
        page.add('<div class="reflist" style="list-style-type: decimal;">')
        page.add('<ol class="references">')
        for k, (label, text) in enumerate(page.notes, 1):
            page.add(
                f'<li id="cite_note-{k}"><span class="mw-cite-backlink"><b>'
                f'<a href="#cite_ref-{k}">^</a></b></span> <span class="reference-text">'
                f"{_esc(label)}: {_esc(text)}</span></li>"
            )
        page.add("</ol>")
        page.add("</div>")
    if q.navbox:
        page.add('<table class="navbox" style="border-spacing:0">')
        page.add(
            '<tr><th class="navbox-title" colspan="2">Copa Perú seasons</th></tr>'
            '<tr><td class="navbox-list">1967 · 1968 · 1969 · 1970</td></tr>'
        )
        page.add("</table>")
    if q.document == "page":
        page.add("</div></div>")
        page.add("</body>")
        page.add("</html>")
    newline = "\r\n" if q.crlf else "\n"
    text = newline.join(page.lines) + newline
    league_line = next(line for line, kind in tables if kind == "league")
    ties_line = next(line for line, kind in tables if kind == "two_legged")
    truth = Truth(
        tuple(standings),
        tuple(matches),
        tuple(ties),
        league_line,
        ties_line,
        singles=tuple(singles),
        tables=tuple(tables),
    )
    return RenderedHtml(text, truth, q)


# Changes that break exactly one of a row's relations and nothing table-wide: points off the
# 3·W+D rule, GD off GF−GA, Pld off W+D+L (by 2: the table's Pld total stays even).
CHANGES: tuple[tuple[str, int], ...] = (
    ("points", 1),
    ("goal_difference", 1),
    ("goal_difference", -1),
    ("played", 2),
)


def ranked(tournament: Tournament) -> bool:
    """The rows stay in order by points, then goal difference, then goals for."""
    keys = [(s.points, s.goal_difference, s.goals_for) for s in tournament.league.standings]
    return all(upper >= lower for upper, lower in pairwise(keys))


# ---------------------------------------------------------------------------------------------
# Wikitext rendering
#
# A tournament as a page's source writes it (tests/fixtures/wikitext are the model). The league's
# standings: rows of `{{Fb cl2 team|p=|t=|w=|d=|l=|gf=|ga=}}` between `{{Fb cl header}}` and
# `{{Fb cl footer}}` (the `2pts` variant or `wpts=` where a win is worth 2), the qualification a
# `{{Fb cl3 qr|rows=N|competition=…}}` after a span's first row or wikitable cells after the row
# (`|rowspan=N|…`, `||…`); or one `{{#invoke:Sports table|main|style=WDL}}` with team codes
# (`team1=`… or `team_order=`), `name_X`, `win_X`…, `winpoints=`, `result<N>=`/`text_CODE=` and
# `pos_X`. The page states W, D, L, GF and GA only: Pld, GD and Pts are the templates' to compute,
# so the truth gives them as a reader must compute them.
#
# Its results matrix after the standings (`WikitextQuirks.matrix`), in the old positional form
# or the module:
#   https://en.wikipedia.org/wiki/Template:Fb_r2_header — `{{Fb r2 header|nt=N|[[A|ABC]]|…}}`:
#     `nt` the number of teams, then one positional argument a column (the team's code, linked);
#     then per row `{{Fb r2 team|t=[[Team]]}}` (Template:Fb r2 team, `t` the row's team) and N
#     `{{fb r|gf=|ga=}}` (Template:Fb r: `gf` the row team's goals at home, `ga` the column
#     team's; `r=` text in place of the score, `r=null` a dash: the diagonal), the Nth against
#     the Nth column; `{{Fb r footer}}` closes it (Template:Fb r footer: `s` source, `u` update).
#   https://en.wikipedia.org/wiki/Module:Sports_results — `{{#invoke:Sports results|main …}}`:
#     `team1=`… or `team_order=A,B,…` (rows and columns), `name_A=` a row's team, `match_A_B=`
#     team A at home to team B (a score, any text, `null` or blank: not played), `source=`,
#     `update=`.
# Its two-legged round:
#   https://en.wikipedia.org/wiki/Template:TwoLegResult — `{{TwoLegStart}}` opens the wikitable
#     (Team 1, Agg., Team 2, 1st leg, 2nd leg) and `|}` closes it; a row is `{{TwoLegResult|A|
#     flagA|agg|B|flagB|leg1|leg2}}`: positional, team 1, its flag's country code (may be
#     empty), the aggregate (`3–3 (4–2 p)`, `3–3 (a)`), team 2, its flag, then both legs
#     written team 1's goals first.
# Its final, one match:
#   https://en.wikipedia.org/wiki/Template:Football_box — `{{football box|date=|time=|team1=|
#     score=|report=|team2=|goals1=|goals2=|aet=|penaltyscore=|penalties1=|penalties2=|
#     stadium=|location=|attendance=|referee=}}`: `aet=yes` after extra time, `penaltyscore`
#     the shoot-out (team 1's kicks first, never added to `score`);
#   https://en.wikipedia.org/wiki/Template:OneLegResult — or `{{OneLegStart}}`, a row
#     `{{OneLegResult|A|flagA|score|B|flagB}}` (positional, as TwoLegResult's without legs),
#     `|}`.

WikiTemplate = Literal["fb_cl2", "sports_table"]
FbQualification = Literal["qr", "cells"]
ModuleTeams = Literal["numbered", "team_order"]
ModuleLayout = Literal["per_team", "grouped", "per_argument"]
WikiSpacing = Literal["tight", "spaced", "aligned"]
WikiMatrix = Literal["none", "fb_r", "sports_results"]
WikiFinal = Literal["box", "one_leg"]

WIKI_TEMPLATES: tuple[WikiTemplate, ...] = ("fb_cl2", "sports_table")
# How pages spell the row template: case, underscores and spaces are the wiki's to fold.
FB_CL2_SPELLINGS = ("Fb cl2 team", "fb cl2 team", "Fb_cl2_team", "Fb cl2 team ", " fb  cl2 team")
WIKI_COMMENTS = ("<!-- RSSSF -->", "<!-- updated after round 10 -->", "<!---->", "<!-- W D L -->")
FOOTERS = (
    "{{Fb cl footer|u=|s=[http://www.rsssf.com/ RSSSF]|date=June 2024}}",
    "{{Fb cl footer |s=[http://www.rsssf.com/tablesp/peru.html RSSSF] |date=June 2024}}",
    "{{fb cl footer|u=complete}}",
)
WIKI_CODES = ("NS", "Q", "QN", "PRO", "CH")  # codes for qualification spans (`result<N>=`)
WIKI_MATRICES: tuple[WikiMatrix, ...] = ("none", "fb_r", "sports_results")
# How pages spell the other templates (MediaWiki folds a name's first letter and its spaces).
FB_R_SPELLINGS = (("Fb r2 header", "Fb r2 team", "fb r"), ("fb r2 header", "fb_r2_team", "Fb r"))
BOX_SPELLINGS = ("football box", "Football box", "Footballbox", "Football box collapsible")
LEG_SPELLINGS = (("TwoLegStart", "TwoLegResult"), ("twoLegStart", "twoLegResult "))


@dataclass(frozen=True, slots=True)
class WikitextQuirks:
    """How a tournament is written as wikitext; `seed` picks the per-row details (which
    spelling of the template, which value carries a comment, which link is unpiped, which
    score links to its match report)."""

    seed: int = 0
    template: WikiTemplate = "fb_cl2"
    spellings: bool = False  # each row spells `Fb cl2 team` its own way (`FB_CL2_SPELLINGS`)
    shuffled: bool = False  # arguments in a drawn order, not the documented one
    spacing: WikiSpacing = "tight"  # `|w=5`, `| w = 5 `, or values padded into columns
    comments: bool = False  # `<!-- … -->` inside some template arguments' values
    cell_comments: bool = False  # ... and inside some qualification cells after Fb cl2 rows
    links: bool = True  # `[[Article|Team]]` (sometimes `[[Team]]`), else the bare name
    bold_champion: bool = False  # `'''[[…]]'''` for the first row's team
    flags: bool = False  # `{{flagicon|PER}}` before the name (and `nat=PER` in Fb cl2 rows)
    wpts: bool = False  # Fb cl2: `wpts=` on every row, not the `2pts` variant
    zero_adjust: bool = False  # some rows state `dp=0` / `adjust_points_X=0`
    qualification: FbQualification = "qr"  # Fb cl2: `{{Fb cl3 qr}}` or cells after the row
    cells_below: bool = False  # Fb cl2 cells on the line after the row, not on its line
    teams: ModuleTeams = "numbered"  # Sports table: `team1=`… or `team_order=`
    layout: ModuleLayout = "per_team"  # Sports table: a line a team, names then stats, or
    # an argument a line
    positions: bool = False  # Sports table: `pos_X` on every row (else only where level)
    winpoints: bool = False  # Sports table: `winpoints=` stated even when it is 3
    qual_links: bool = False  # competitions in qualifications linked now and then
    tight_headings: bool = False  # `==Group A==`
    linked_title: bool = False  # `'''2024 [[Copa Perú]]'''` in the first sentence
    # `{{Short description}}`, `{{Use dmy dates}}` and an infobox before the first sentence
    preamble: bool = True
    crlf: bool = False
    # The results matrix after the standings: none, `{{Fb r2 header}}` … (positional, the old
    # form) or `{{#invoke:Sports results}}` (the module; `teams` and `layout` as Sports table's,
    # `per_argument` also a `{{fb r}}` a line, else a row's on its team's line).
    matrix: WikiMatrix = "none"
    matrix_rows: MatrixRows = "table"  # the matrix's rows (and columns): table order, or by name
    matrix_headings: bool = False  # `Standings` and `Results` headings over table and matrix
    columns: bool = False  # `{{col-begin}}{{col-2}}` table `{{col-2}}` matrix `{{col end}}`
    walkover: str = "W.O."  # a walkover's cell (`r=W.O.` in a `{{fb r}}`)
    score_links: bool = False  # Sports results: some scores link to a report (`[[#R3|2–1]]`)
    bold_winners: bool = False  # the team through in bold in TwoLegResult / OneLegResult rows
    final: WikiFinal = "box"  # `{{football box}}` or a `{{OneLegResult}}` row
    box_details: bool = False  # date, time, scorers, report, venue, crowd, referee in the box


@st.composite
def wikitext_quirks(draw: st.DrawFn) -> WikitextQuirks:
    """Draw wikitext quirks, every option (`dataclasses.replace` pins one)."""
    return WikitextQuirks(
        seed=draw(st.integers(0, 2**16)),
        template=draw(st.sampled_from(WIKI_TEMPLATES)),
        spellings=draw(st.booleans()),
        shuffled=draw(st.booleans()),
        spacing=draw(st.sampled_from(("tight", "spaced", "aligned"))),
        comments=draw(st.booleans()),
        cell_comments=draw(st.booleans()),
        links=draw(st.booleans()),
        bold_champion=draw(st.booleans()),
        flags=draw(st.booleans()),
        wpts=draw(st.booleans()),
        zero_adjust=draw(st.booleans()),
        qualification=draw(st.sampled_from(("qr", "cells"))),
        cells_below=draw(st.booleans()),
        teams=draw(st.sampled_from(("numbered", "team_order"))),
        layout=draw(st.sampled_from(("per_team", "grouped", "per_argument"))),
        positions=draw(st.booleans()),
        winpoints=draw(st.booleans()),
        qual_links=draw(st.booleans()),
        tight_headings=draw(st.booleans()),
        linked_title=draw(st.booleans()),
        preamble=draw(st.booleans()),
        crlf=draw(st.booleans()),
        matrix=draw(st.sampled_from(WIKI_MATRICES)),
        matrix_rows=draw(st.sampled_from(("table", "name"))),
        matrix_headings=draw(st.booleans()),
        columns=draw(st.booleans()),
        walkover=draw(st.sampled_from(("W.O.", "w/o"))),
        score_links=draw(st.booleans()),
        bold_winners=draw(st.booleans()),
        final=draw(st.sampled_from(("box", "one_leg"))),
        box_details=draw(st.booleans()),
    )


@dataclass(frozen=True, slots=True)
class RenderedWikitext:
    text: str
    truth: Truth
    quirks: WikitextQuirks
    # The article each team written links to (None: written bare), whatever template wrote it.
    links: dict[str, str | None] = field(default_factory=dict, hash=False)

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")

    @property
    def lines(self) -> list[str]:
        """The page's lines as the parser numbers them (1-based: lines[n - 1])."""
        return self.text.replace("\r\n", "\n").split("\n")


class _WikiPage(_Page):
    """Lines of wikitext with the per-value details drawn from the quirks' seed."""

    def __init__(self, q: WikitextQuirks) -> None:
        super().__init__()
        self.q = q
        self.rng = random.Random(q.seed)
        self.links: dict[str, str | None] = {}  # each team's link, drawn once for the page

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def heading(self, text: str, level: int) -> int:
        marks = "=" * level
        return self.add(
            f"{marks}{text}{marks}" if self.q.tight_headings else f"{marks} {text} {marks}"
        )

    def value(self, text: str, cell: bool = False) -> str:
        """A value (`cell`: a wikitable cell's), now and then with a comment before or after."""
        # A cell's comment a time in two: cells are few (a qualification a span).
        if not (self.q.cell_comments if cell else self.q.comments):
            return text
        if not self.chance(0.5 if cell else 0.25):
            return text
        comment = self.rng.choice(WIKI_COMMENTS)
        return f"{comment}{text}" if self.chance(0.5) else f"{text}{comment}"

    def arg(self, name: str, value: str, width: int = 0) -> str:
        """One `|name=value` argument as the spacing writes it."""
        if self.q.spacing == "spaced":
            return f"| {name} = {value} "
        if self.q.spacing == "aligned":
            return f"|{name}={value}".ljust(width + len(name) + 2)
        return f"|{name}={value}"

    def order(self, args: list[tuple[str, str]]) -> list[tuple[str, str]]:
        if self.q.shuffled:
            args = list(args)
            self.rng.shuffle(args)
        return args

    def pos(self, value: str) -> str:
        """One positional `|value` argument as the spacing writes it."""
        return f"| {value} " if self.q.spacing == "spaced" else f"|{value}"

    def link(self, team: str) -> str | None:
        """The article a team links to on this page, drawn once: now and then its own name
        (`[[Team]]`), else an article named otherwise; None where the page writes names bare."""
        if team not in self.links:
            linked = self.q.links
            self.links[team] = (team if self.chance(0.25) else _article(team)) if linked else None
        return self.links[team]

    def linked(self, team: str, shown: str | None = None) -> str:
        """`[[Article|shown]]` (`[[Team]]` where the article is the name shown)."""
        link = self.link(team)
        shown = team if shown is None else shown
        if link is None:
            return shown
        return f"[[{link}]]" if link == shown else f"[[{link}|{shown}]]"

    def name(self, team: str, bold: bool = False, flag: bool = True) -> str:
        """A team as a value: linked, maybe bold, a flag before it (`flag`: where the
        template has no flag argument of its own), now and then a comment."""
        text = self.linked(team)
        if bold:
            text = f"'''{text}'''"
        if self.q.flags and flag:
            text = f"{{{{flagicon|PER}}}} {text}"
        return self.value(text)

    def team(self, s: Standing) -> tuple[str, str | None]:
        """A standings row's team and the article it links to."""
        text = self.name(s.team, bold=self.q.bold_champion and s.position == 1)
        return text, self.links[s.team]

    def write(
        self, args: list[tuple[str, str]], lines: dict[str, int], per_line: bool = False
    ) -> None:
        """Write named arguments on one line (`per_line`: a line each), noting each one's
        line in `lines`."""
        if per_line:
            for n, v in args:
                lines.setdefault(n, self.add(self.arg(n, v, 6)))
            return
        at = self.add("".join(self.arg(n, v, 6) for n, v in args))
        for n, _ in args:
            lines.setdefault(n, at)

    def qualification(self, text: str, cell: bool = False) -> str:
        """A qualification's text, its competition linked now and then."""
        if self.q.qual_links:
            for name in ("Copa Perú", "National Stage"):
                if name in text and self.chance(0.5):
                    target = f"2005 {name}" if self.chance(0.5) else name
                    linked = f"[[{target}|{name}]]" if target != name else f"[[{name}]]"
                    text = text.replace(name, linked, 1)
                    break
        return self.value(text, cell)


def _expected_wiki_row(
    s: Standing, line: int, win_points: int, link: str | None
) -> ExpectedStanding:
    """A row as the template shows it: Pld, GD and Pts computed from what it states."""
    return ExpectedStanding(
        line=line,
        position=s.position,
        team=s.team,
        team_abbr=None,
        played=s.won + s.drawn + s.lost,
        won=s.won,
        drawn=s.drawn,
        lost=s.lost,
        goals_for=s.goals_for,
        goals_against=s.goals_against,
        goal_difference=s.goals_for - s.goals_against,
        points=win_points * s.won + s.drawn,
        qualification=s.qualification,
        team_link=link,
    )


def _stat_args(s: Standing, names: tuple[str, ...], page: _WikiPage) -> list[tuple[str, str]]:
    """W, D, L, GF and GA under the template's argument names."""
    values = (s.won, s.drawn, s.lost, s.goals_for, s.goals_against)
    return [(n, page.value(str(v))) for n, v in zip(names, values, strict=True)]


def _fb_cl2_standings(page: _WikiPage, league: League) -> tuple[int, list[ExpectedStanding]]:
    """`{{Fb cl header}}`, a `{{Fb cl2 team}}` row a team, the qualification after the rows,
    `{{Fb cl footer}}`; the table's line is its first row's."""
    q = page.q
    wp = league.win_points
    page.add(page.rng.choice(("{{Fb cl header}}", "{{fb cl header}}", "{{Fb cl header|ucf=}}")))
    rows: list[ExpectedStanding] = []
    for s, cell in zip(league.standings, _qual_cells(league), strict=True):
        team, link = page.team(s)
        args = [("p", str(s.position)), ("t", team)]
        args += _stat_args(s, ("w", "d", "l", "gf", "ga"), page)
        if q.flags:
            args.append(("nat", "PER"))
        if q.wpts:
            args.append(("wpts", str(wp)))
        if q.zero_adjust and page.chance(0.3):
            args.append((page.rng.choice(("dp", "bp")), "0"))
        name = page.rng.choice(FB_CL2_SPELLINGS) if q.spellings else "Fb cl2 team"
        if wp == 2 and not q.wpts:
            name = name.rstrip() + page.rng.choice((" 2pts", "_2pts"))
        body = "".join(page.arg(n, v, 4) for n, v in page.order(args))
        line = f"{{{{{name}{body}}}}}"
        extra = ""
        if cell is not None and q.qualification == "cells":
            text, span = cell
            shown = page.qualification(text, cell=True) if text else ""
            if span > 1:
                style = page.rng.choice(("", ' style="background:#ACE1AF"'))
                extra = f"|rowspan={span}{style}|{shown}"
            elif text or page.chance(0.5):
                extra = f"||{shown}"
        if extra and not q.cells_below:
            line += extra
            extra = ""
        at = page.add(line)
        if extra:
            page.add(extra)
        if cell is not None and cell[0] and q.qualification == "qr":
            competition = page.arg("competition", page.qualification(cell[0]))
            page.add(f"{{{{Fb cl3 qr{page.arg('rows', str(cell[1]))}{competition}}}}}")
        rows.append(_expected_wiki_row(s, at, wp, link))
    page.add(page.rng.choice(FOOTERS))
    return rows[0].line, rows


def _sports_table_standings(page: _WikiPage, league: League) -> tuple[int, list[ExpectedStanding]]:
    """One `{{#invoke:Sports table|main|style=WDL}}`; a row's line is its `name_X`'s."""
    q = page.q
    wp = league.win_points
    first = page.add(
        page.rng.choice(
            (
                "{{#invoke:Sports table|main|style=WDL",
                "{{#invoke:sports table|main|style=WDL",
                "{{#invoke: Sports table | main | style = WDL",
            )
        )
    )
    page.add(page.arg("update", "complete") + page.arg("source", "[http://www.rsssf.com/ RSSSF]"))
    if wp != 3 or q.winpoints:
        page.add(page.arg("winpoints", str(wp)))
    standings = league.standings
    codes = [s.abbr for s in standings]
    if q.teams == "team_order":
        page.add(page.arg("team_order", ", ".join(codes)))
    keys = [(s.points, s.goals_for - s.goals_against, s.goals_for) for s in standings]
    level = {
        k
        for k in range(len(keys))
        for j in (k - 1, k + 1)
        if 0 <= j < len(keys) and keys[j] == keys[k]
    }
    names: list[list[tuple[str, str]]] = []
    stats: list[list[tuple[str, str]]] = []
    links: list[str | None] = []
    for k, (s, code) in enumerate(zip(standings, codes, strict=True)):
        team, link = page.team(s)
        links.append(link)
        own = [(f"name_{code}", team)]
        if q.teams == "numbered":
            own.insert(0, (f"team{k + 1}", code))
        if q.positions or k in level:
            own.append((f"pos_{code}", str(s.position)))
        names.append(own)
        module = tuple(f"{n}_{code}" for n in ("win", "draw", "loss", "gf", "ga"))
        more = _stat_args(s, module, page)
        if q.zero_adjust and page.chance(0.3):
            more.append((f"adjust_points_{code}", "0"))
        stats.append(more)
    lines: dict[str, int] = {}  # name_X -> its line

    def write(args: list[tuple[str, str]]) -> None:
        page.write(args, lines, q.layout == "per_argument")

    if q.layout == "grouped":
        for own in names:
            write(page.order(own))
        page.add("")
        for more in stats:
            write(page.order(more))
    else:
        for own, more in zip(names, stats, strict=True):
            write(page.order(own + more))
    # The qualification: a code a span (rows sharing no cell: a code each, maybe the same).
    results: list[tuple[str, str]] = []
    texts: dict[str, str] = {}
    n = 0
    for span_no, span in enumerate(league.spans):
        for r in range(span.rows):
            n += 1
            if not span.text:
                continue
            code = WIKI_CODES[span_no % len(WIKI_CODES)]
            if not span.spanned and r and page.chance(0.5):
                code = f"{code}{r}"  # its own code, its own cell (the same text)
            results.append((f"result{n}", code))
            texts.setdefault(code, span.text)
    if results:
        write(page.order(results))
        for code, text in texts.items():
            colour = page.arg(f"col_{code}", page.rng.choice(("green1", "blue1", "red1")))
            page.add(colour + page.arg(f"text_{code}", page.qualification(text)))
    page.add("}}")
    rows = [
        _expected_wiki_row(s, lines[f"name_{code}"], wp, link)
        for s, code, link in zip(standings, codes, links, strict=True)
    ]
    return first, rows


def _matrix_order(league: League, q: WikitextQuirks) -> list[Standing]:
    """The matrix's rows, and its columns in the same order: the table's, or by name (as the
    real pages of tests/fixtures/wikitext order theirs)."""
    rows = list(league.standings)
    return sorted(rows, key=lambda s: s.team) if q.matrix_rows == "name" else rows


def _fb_r_matrix(page: _WikiPage, league: League) -> tuple[int, list[ExpectedMatch]]:
    """`{{Fb r2 header|nt=N|[[A|ABC]]|…}}`, then a row a team: `{{Fb r2 team|t=…}}` and its N
    `{{fb r}}` cells (`gf`/`ga`; `r=null` on the diagonal, `r=W.O.` a walkover), a comment
    naming the column's team before each where the quirks write comments (as 2016–17 Toto Cup
    Leumit does); `{{Fb r footer}}`. Positional: the Nth cell is against the Nth column."""
    q = page.q
    header, team_row, cell = page.rng.choice(FB_R_SPELLINGS) if q.spellings else FB_R_SPELLINGS[0]
    teams = _matrix_order(league, q)
    columns = "".join(page.pos(page.value(page.linked(s.team, s.abbr))) for s in teams)
    first = page.add(f"{{{{{header}{page.arg('nt', str(len(teams)))}{columns}}}}}")
    matches: list[ExpectedMatch] = []
    for s in teams:
        if page.chance(0.5):
            page.add("")
        head = f"{{{{{team_row}{page.arg('t', page.name(s.team))}}}}}"
        cells: list[str] = []
        for other in teams:
            result = None if other is s else league.results[s.team, other.team]
            if result is None:  # the diagonal: a dash
                args = page.arg("r", "null")
            elif result.walkover:
                args = page.arg("r", page.value(q.walkover))
            else:
                args = page.arg("gf", page.value(str(result.home_goals)))
                args += page.arg("ga", page.value(str(result.away_goals)))
            comment = f"<!-- {other.team} --> " if q.comments else ""
            cells.append(f"{comment}{{{{{cell}{args}}}}}")
        if q.layout == "per_argument":
            page.add(head)
            lines = [page.add(c) for c in cells]
        else:
            lines = [page.add(" ".join([head, *cells]))] * len(cells)
        matches.extend(_matrix_matches(league, s.team, [t.team for t in teams], lines))
    page.add("{{Fb r footer|s=[http://www.rsssf.com/ RSSSF]|u=June 2024|date=June 2024}}")
    return first, matches


def _sports_results_matrix(page: _WikiPage, league: League) -> tuple[int, list[ExpectedMatch]]:
    """`{{#invoke:Sports results|main …}}`: the codes (`team1=`… or `team_order=`), `name_X`
    and `match_X_Y` (X at home to Y) a line a team, names then matches, or a line an argument;
    a walkover's text as written, some scores linked to a report where the quirks say so."""
    q = page.q
    teams = _matrix_order(league, q)
    codes = [s.abbr for s in teams]
    first = page.add(
        page.rng.choice(
            (
                "{{#invoke:Sports results|main",
                "{{#invoke:sports results|main",
                "{{#invoke: Sports results | main",
            )
        )
    )
    page.add(page.arg("source", "[http://www.rsssf.com/ RSSSF]") + page.arg("update", "complete"))
    lines: dict[str, int] = {}
    per_line = q.layout == "per_argument"
    if q.teams == "team_order":
        page.write([("team_order", ", ".join(codes))], lines)
    else:
        page.write([(f"team{k}", code) for k, code in enumerate(codes, 1)], lines, per_line)
    names = [[(f"name_{s.abbr}", page.name(s.team))] for s in teams]
    scores: list[list[tuple[str, str]]] = []
    for s in teams:
        own: list[tuple[str, str]] = []
        for other in teams:
            if other is s:
                continue
            result = league.results[s.team, other.team]
            text = q.walkover if result.walkover else result.text
            if q.score_links and not result.walkover and page.chance(0.3):
                text = f"[[#Matchday {page.rng.randrange(1, 11)}|{text}]]"
            own.append((f"match_{s.abbr}_{other.abbr}", page.value(text)))
        scores.append(own)
    if q.layout == "grouped":
        for own in names:
            page.write(own, lines)
        page.add("")
        for own in scores:
            page.write(page.order(own), lines)
    else:
        for name, own in zip(names, scores, strict=True):
            page.write(page.order(name + own), lines, per_line)
    page.add("}}")
    columns = [s.team for s in teams]
    matches: list[ExpectedMatch] = []
    for s in teams:
        at = [lines.get(f"match_{s.abbr}_{other.abbr}", 0) for other in teams]  # 0: the diagonal
        matches.extend(_matrix_matches(league, s.team, columns, at))
    return first, matches


def _two_leg_rows(page: _WikiPage, ties: tuple[TwoLegTie, ...]) -> list[ExpectedTie]:
    """`{{TwoLegStart}}`, a `{{TwoLegResult|A|flagA|agg|B|flagB|leg1|leg2}}` row a tie (the
    aggregate with its shoot-out or `(a)`, the team through in bold where the quirks say so),
    `|}`. A row is one line: the tie's and both its legs'."""
    q = page.q
    start, row = page.rng.choice(LEG_SPELLINGS) if q.spellings else LEG_SPELLINGS[0]
    page.add(f"{{{{{start}}}}}")
    flag = "PER" if q.flags else ""
    out: list[ExpectedTie] = []
    for t in ties:
        winner = tie_verdict(t)[1] if q.bold_winners else None
        args = (
            page.name(t.team1, bold=winner == t.team1, flag=False),
            flag,
            page.value(_aggregate_text(t)),
            page.name(t.team2, bold=winner == t.team2, flag=False),
            flag,
            page.value(_pair(t.leg1)),
            page.value(_pair(t.leg2)),
        )
        line = page.add(f"{{{{{row}{''.join(page.pos(a) for a in args)}}}}}")
        out.append(_expected_tie(t, line, line, line, stated=True))
    page.add("|}")
    return out


def _one_off_winner(final: OneOff) -> str | None:
    (a, b), pens = final.goals, final.penalties
    if a == b and pens is not None:
        a, b = pens
    return None if a == b else final.home if a > b else final.away


def _wiki_final(page: _WikiPage, final: OneOff) -> int:
    """The final: a `{{football box}}` (the match on its first line; `aet=yes` and
    `penaltyscore=` after a level score settled on penalties; with `box_details` the date,
    time, report, scorers as `{{goal}}` templates, venue, crowd and referee), or a
    `{{OneLegResult}}` row between `{{OneLegStart}}` and `|}`."""
    q = page.q
    winner = _one_off_winner(final) if q.bold_winners else None
    if q.final == "one_leg":
        page.add("{{OneLegStart}}")
        flag = "PER" if q.flags else ""
        row = (
            page.name(final.home, bold=winner == final.home, flag=False),
            flag,
            page.value(_one_off_text(final)),
            page.name(final.away, bold=winner == final.away, flag=False),
            flag,
        )
        line = page.add(f"{{{{OneLegResult{''.join(page.pos(a) for a in row)}}}}}")
        page.add("|}")
        return line
    first = page.add("{{" + (page.rng.choice(BOX_SPELLINGS) if q.spellings else "football box"))
    details = q.box_details
    args: list[tuple[str, str]] = []
    if details:
        args += [("date", f"{page.rng.randrange(1, 29)} November 2024"), ("time", "15:30")]
    args += [("team1", page.name(final.home)), ("score", page.value(_pair(final.goals)))]
    if details:
        args.append(("report", "[http://www.rsssf.com/ Report]"))
    args.append(("team2", page.name(final.away)))
    if details:
        for k, goals in enumerate(final.goals, 1):
            minutes = sorted(page.rng.sample(range(1, 91), goals))
            scorers = [f"[[{page.rng.choice(SCORERS)}]] {{{{goal|{m}}}}}" for m in minutes]
            args.append((f"goals{k}", "<br />".join(scorers)))
    if final.penalties is not None:
        args += [("aet", "yes"), ("penaltyscore", page.value(_pair(final.penalties)))]
        if details:  # the takers, `{{pengoal}}` or `{{penmiss}}` each
            for k, scored in enumerate(final.penalties, 1):
                kicks = ["{{pengoal}}"] * scored + ["{{penmiss}}"] * page.rng.randrange(3)
                takers = [f"[[{page.rng.choice(SCORERS)}]] {kick}" for kick in kicks]
                args.append((f"penalties{k}", "<br />".join(takers)))
    if details:
        args += [
            ("stadium", f"[[{page.rng.choice(VENUES)}]]"),
            ("location", "[[Lima]]"),
            ("attendance", "4,500"),
            ("referee", "[[Kevin Ortega]] ([[Peru|PER]])"),
        ]
    for n, v in page.order(args):
        page.add(page.arg(n, v, 12))
    page.add("}}")
    return first


def render_wikitext(tournament: Tournament, q: WikitextQuirks | None = None) -> RenderedWikitext:
    """Write the whole tournament as a page's wikitext (standings, results matrix, two-legged
    round, final); return it and what must be read back from it."""
    q = q or WikitextQuirks()
    page = _WikiPage(q)
    title = tournament.title
    if q.preamble:
        page.add("{{Short description|Football tournament season}}")
        page.add("{{Use dmy dates|date=June 2024}}")
        page.add("{{Infobox football tournament season")
        page.add("| title = [[Copa Perú]]")
        page.add(f"| year = {title.split()[0]}")
        page.add("| country = {{PER}}")
        page.add("}}")
    shown = title.replace("Copa Perú", "[[Copa Perú]]") if q.linked_title else title
    page.add(f"The '''{shown}''' was a fictional season of the amateur [[Copa Perú]].")
    page.add("")
    if tournament.stage:
        page.heading(tournament.stage, 2)
    level = 3 if tournament.stage else 2
    league = tournament.league
    tables: list[tuple[int, str]] = []
    standings: list[ExpectedStanding] = []
    matches: list[ExpectedMatch] = []
    ties: list[ExpectedTie] = []

    def league_part() -> None:
        page.heading(league.heading, level)
        matrix = q.matrix != "none"
        headings = matrix and q.matrix_headings
        columns = q.columns and not headings
        if headings:
            page.heading("Standings", level + 1)
        if columns:
            page.add("{{col-begin}}")
            page.add("{{col-2}}")
        if q.template == "fb_cl2":
            line, rows = _fb_cl2_standings(page, league)
        else:
            line, rows = _sports_table_standings(page, league)
        tables.append((line, "league"))
        standings.extend(rows)
        if matrix:
            if headings:
                page.heading("Results", level + 1)
            elif columns:
                page.add("{{col-2}}")
            write = _fb_r_matrix if q.matrix == "fb_r" else _sports_results_matrix
            first, found = write(page, league)
            tables.append((first, "results_matrix"))
            matches.extend(found)
        if columns:
            page.add("{{col end}}")

    def ties_part() -> None:
        page.heading(tournament.ties_heading, level)
        if tournament.ties:
            ties.extend(_two_leg_rows(page, tournament.ties))
            tables.append((ties[0].line, "two_legged"))
        else:
            page.add("No tie was played.")

    if tournament.ties_first:
        ties_part()
        league_part()
    else:
        league_part()
        ties_part()
    singles: list[ExpectedMatch] = []
    if tournament.final is not None:
        page.heading(tournament.final.heading, level)
        line = _wiki_final(page, tournament.final)
        tables.append((line, "single_match"))
        singles.append(_one_off_match(tournament.final, line))
    page.heading("References", 2)
    page.add("{{Reflist}}")
    newline = "\r\n" if q.crlf else "\n"
    text = newline.join(page.lines) + newline
    truth = Truth(
        tuple(standings),
        tuple(matches),
        tuple(ties),
        league_line=next(line for line, kind in tables if kind == "league"),
        ties_line=ties[0].line if ties else 0,
        singles=tuple(singles),
        tables=tuple(sorted(tables)),
    )
    return RenderedWikitext(text, truth, q, dict(page.links))

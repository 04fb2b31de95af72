"""Generate consistent random tournaments and render them as pipe-format pages with ground truth.

A tournament is a league (double round robin, standings computed from its results) and a round of
two-legged ties. `render` writes it in either input flavour with the quirks real exports show
(rowspan-dropped Qualification cells, empty diagonal, `W.O.`, `| ` row prefixes, `---|` rules,
CRLF, trailing spaces) and returns the text with what a correct parser must read back from it,
source lines included.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field, replace
from typing import Literal

from hypothesis import strategies as st

Flavour = Literal["cell", "row"]
Ending = Literal["none", "heading", "licence"]

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

    @property
    def goal_difference(self) -> int:
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
    """A two-legged tie; both legs written team 1 first (leg 2 is at team 2's ground)."""

    team1: str
    team2: str
    leg1: tuple[int, int]
    leg2: tuple[int, int]

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


def team_names() -> st.SearchStrategy[str]:
    return st.builds(
        lambda a, b: f"{a} {b}", st.sampled_from(NAME_FIRST), st.sampled_from(NAME_SECOND)
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
def tournaments(
    draw: st.DrawFn,
    min_teams: int = 3,
    max_teams: int = 6,
    min_ties: int = 2,
    max_ties: int = 4,
    walkovers: bool = True,
) -> Tournament:
    """A consistent tournament: a league of 3–6 teams and 2–4 two-legged ties (scores 0–5)."""
    n = draw(st.integers(min_teams, max_teams))
    m = draw(st.integers(min_ties, max_ties))
    names = draw(st.lists(team_names(), min_size=n + 2 * m, max_size=n + 2 * m, unique=True))
    league = draw(leagues(names[:n], draw(st.sampled_from(LEAGUE_HEADINGS)), walkovers))
    goals = st.tuples(st.integers(0, 5), st.integers(0, 5))
    ties = tuple(
        TwoLegTie(names[n + 2 * i], names[n + 2 * i + 1], draw(goals), draw(goals))
        for i in range(m)
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
    """How a page is written: the flavour and the optional quirks of real exports."""

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


# ---------------------------------------------------------------------------------------------
# Ground truth


@dataclass(frozen=True, slots=True)
class ExpectedStanding:
    line: int
    position: int
    team: str
    team_abbr: str
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


@dataclass(frozen=True, slots=True)
class ExpectedTie:
    line: int
    team1: str
    team2: str
    team1_aggregate: int
    team2_aggregate: int
    legs: tuple[ExpectedMatch, ExpectedMatch]


@dataclass(frozen=True, slots=True)
class Truth:
    standings: tuple[ExpectedStanding, ...]
    matches: tuple[ExpectedMatch, ...]  # results-matrix matches, row by row
    ties: tuple[ExpectedTie, ...]
    league_line: int  # first line of the league table
    ties_line: int  # first line of the two-legged table


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


def _heading(text: str, q: Quirks) -> str:
    return f"{text}Edit" if q.edit_suffix else text


def _write_table(
    page: _Page, header: list[str], rows: list[list[str]], q: Quirks
) -> tuple[int, list[list[int]]]:
    """Write a header and rows; return the table's first line and each written cell's line."""
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
    else:
        page.add(_row_line(header, q.row_prefix))
        page.add(_rule(len(header), q))
        for row in rows:
            n = page.add(_row_line(row, q.row_prefix))
            out.append([n] * len(row))
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


def _rule(width: int, q: Quirks) -> str:
    return ("|" if q.rule_lead else "") + "---|" * width


def _league_rows(league: League) -> list[list[str]]:
    """Each team's written cells: stats, Qualification unless a rowspan covers it, matrix."""
    quals: list[str | None] = []  # None: covered by the span above
    for span in league.spans:
        for r in range(span.rows):
            quals.append(None if span.spanned and r > 0 else span.text)
    teams = [s.team for s in league.standings]
    rows: list[list[str]] = []
    for s, qual in zip(league.standings, quals, strict=True):
        row = [
            str(s.position),
            s.team,
            *(str(v) for v in (s.played, s.won, s.drawn, s.lost, s.goals_for, s.goals_against)),
            _signed(s.goal_difference),
            str(s.points),
        ]
        if qual is not None:
            row.append(qual)
        row.append("")  # the spacer between the standings and the matrix
        row.extend("" if away == s.team else league.results[s.team, away].text for away in teams)
        rows.append(row)
    return rows


def _render_league(
    page: _Page, league: League, q: Quirks
) -> tuple[int, list[ExpectedStanding], list[ExpectedMatch]]:
    header = [*STANDINGS_HEADER, "", *(s.abbr for s in league.standings)]
    rows = _league_rows(league)
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
                team_abbr=s.abbr,
                played=s.played,
                won=s.won,
                drawn=s.drawn,
                lost=s.lost,
                goals_for=s.goals_for,
                goals_against=s.goals_against,
                goal_difference=s.goal_difference,
                points=s.points,
                qualification=s.qualification,
            )
        )
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


def _render_ties(
    page: _Page, ties: tuple[TwoLegTie, ...], q: Quirks
) -> tuple[int, list[ExpectedTie]]:
    rows = [
        [
            t.team1,
            _pair(t.aggregate),
            t.team2,
            _pair(t.leg1),
            _pair(t.leg2),
        ]
        for t in ties
    ]
    first, lines = _write_table(page, list(TIE_HEADER), rows, q)
    expected: list[ExpectedTie] = []
    for t, row_lines in zip(ties, lines, strict=True):
        leg1 = ExpectedMatch(
            row_lines[3], "leg_1", t.team1, t.team2, t.leg1[0], t.leg1[1], "played"
        )
        # Leg 2 is at team 2's ground but written team 1 first: home goals are the 2nd number.
        leg2 = ExpectedMatch(
            row_lines[4], "leg_2", t.team2, t.team1, t.leg2[1], t.leg2[0], "played"
        )
        agg = t.aggregate
        expected.append(ExpectedTie(row_lines[0], t.team1, t.team2, agg[0], agg[1], (leg1, leg2)))
    return first, expected


def _pair(goals: tuple[int, int]) -> str:
    return f"{goals[0]}{EN_DASH}{goals[1]}"


def render(tournament: Tournament, q: Quirks | None = None) -> Rendered:
    """Write the tournament as a page; return the text and what must be read back from it."""
    q = q or Quirks()
    page = _Page()
    page.add(tournament.title)
    if q.prose:
        page.add(
            f"The {tournament.title} season, a fictional amateur tournament of Peruvian football."
        )
    if tournament.stage:
        page.add(_heading(tournament.stage, q))

    def league_part() -> tuple[int, list[ExpectedStanding], list[ExpectedMatch]]:
        page.add(_heading(tournament.league.heading, q))
        out = _render_league(page, tournament.league, q)
        if q.prose:
            page.add("Source:")
        return out

    def ties_part() -> tuple[int, list[ExpectedTie]]:
        page.add(_heading(tournament.ties_heading, q))
        return _render_ties(page, tournament.ties, q)

    if tournament.ties_first:
        ties_line, ties = ties_part()
        league_line, standings, matches = league_part()
    else:
        league_line, standings, matches = league_part()
        ties_line, ties = ties_part()
    if q.ending != "none":
        page.add("External links")  # a heading right after the last cell: not a cut cell
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
    truth = Truth(tuple(standings), tuple(matches), tuple(ties), league_line, ties_line)
    return Rendered(text, truth, q)


def with_result(tournament: Tournament, home: str, away: str, result: Result) -> Tournament:
    """Change one matrix result and keep the stated standings: an inconsistent page."""
    league = tournament.league
    changed = {**league.results, (home, away): result}
    return replace(tournament, league=replace(league, results=changed))

"""Properties and cases: a generated tournament written as Wikipedia HTML reads back (issue 12).

The generator (tests/generator.py, `render_html`) writes a tournament as the real pages of
tests/fixtures/html write theirs: `span.mw-headline` or `div.mw-heading` headings; standings in a
`table.wikitable` whose Qualification cell spans the rows sharing it, with footnotes, status
marks, hidden sort keys and Unicode minus; a results matrix beside the standings or in a table of
its own (abbreviations linking to the teams' articles); two-legged ties in one table, or their
legs in First leg / Second leg tables or football boxes; a final as a box or a one-row table;
shoot-outs in aggregate cells, score cells and boxes' Penalties rows. It knows what a correct
reader must give back, source lines included.

1. Round trip: each drawn page gives back the tournament (standings, matrix matches, ties and
   their legs, the final, tables, sections, title), with no warning or error.
2. The HTML page and a text rendering (cell or row per line) of one tournament give the same
   standings, matches, ties and verdicts, save what the HTML page does not print (the truth
   says what: no matrix, no abbreviations, no aggregate where legs are split).
3. One changed stat cell gives exactly one warning, at that row's line; one changed matrix
   score gives findings for exactly its two teams, naming the score's line.

`GAPS` names the variants the pipeline misreads today: each is left out of the properties until
its flag is set (the pipeline fixed). The fixed cases below write none of them, save cells on
lines of their own, whose row lines `rows_exact` leaves unchecked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import pytest
from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st

from pipeline.findings import Finding
from pipeline.model import Match, ParsedTable, StandingRow
from pipeline.page import PageResult, parse_page
from pipeline.ties import DecidedTie
from tests.generator import (
    CHANGES,
    ExpectedMatch,
    ExpectedStanding,
    ExpectedTie,
    HtmlQuirks,
    League,
    MatrixPlace,
    OneOff,
    QualSpan,
    Quirks,
    RenderedHtml,
    Result,
    Tournament,
    TwoLegTie,
    compute_standings,
    html_quirks,
    quirks,
    ranked,
    render,
    render_html,
    tournaments,
    with_result,
    with_stat,
)

F = TypeVar("F", bound=Callable[..., None])

# A sixth of the profile's examples (16 under `ci`, 500 under `fuzz`): a drawn tournament costs
# ~20 ms to generate, so the file stays near 4 s. No shrinking: a failing page is small already.
HTML: Callable[[F], F] = settings(
    max_examples=max(10, settings().max_examples // 6),
    phases=tuple(p for p in Phase if p not in (Phase.shrink, Phase.explain)),
)

# Variants the pipeline misreads today, each found by these properties and shrunk to a minimal
# page in the report. Each is left out of the properties while its flag is False; set it to True
# once the pipeline reads the variant, and the properties draw it again.
GAPS: dict[str, bool] = {
    # `HtmlQuirks.cell_lines`: with a row's cells on lines of their own (as action=render
    # writes them) a row's source_line is its `<tr>`'s line, not its first cell's
    # (docs/contract.md). Row lines (standings, ties, split legs, a final's row) go unchecked.
    "row_line_is_first_cell_line": True,
    # `HtmlQuirks.second_leg_aggregate`: a `Home team | Score | Away team | Agg` second-leg
    # table is read as a two-legged table, so neither table's legs pair into ties.
    "second_leg_table_with_aggregate": True,
    # `HtmlQuirks.aggregate_notes`: a `<p>… on aggregate</p>` between second-leg boxes makes
    # each box a table of its own, and only the first pairs with the first legs.
    "aggregate_sentences_between_boxes": True,
    # `matrix="beside"` with `matrix_columns="abbr"`: a standings row takes the abbreviation in
    # its own position, not the one of the column its link names.
    "beside_matrix_columns_by_link": True,
    # `tournaments(shootout_after="level_aggregate")` with split legs: a shoot-out after a
    # second leg that is not level is lost (a box's is not stored; a table's score cell
    # `1–2 (4–3 p)` is a penalties-not-level warning), so the tie is undecided.
    "split_leg_shootout_after_unlevel_leg": True,
}


def supported(q: HtmlQuirks) -> HtmlQuirks:
    """The quirks with every unfixed gap's option turned off."""
    if not GAPS["second_leg_table_with_aggregate"]:
        q = replace(q, second_leg_aggregate=False)
    if not GAPS["aggregate_sentences_between_boxes"]:
        q = replace(q, aggregate_notes=False)
    if not GAPS["beside_matrix_columns_by_link"] and q.matrix == "beside":
        q = replace(q, matrix_columns="rows")
    return q


def rows_exact(q: HtmlQuirks) -> bool:
    """Row lines are checked: each row is one line, or the first-cell gap is fixed."""
    return not q.cell_lines or GAPS["row_line_is_first_cell_line"]


@st.composite
def html_cases(draw: st.DrawFn) -> tuple[Tournament, HtmlQuirks]:
    """Supported quirks, then a tournament (with a final) they can write."""
    q = supported(draw(html_quirks()))
    split_ok = q.ties == "table" or GAPS["split_leg_shootout_after_unlevel_leg"]
    tournament = draw(
        tournaments(
            wild_names=True,
            shootouts=True,
            finals=True,
            shootout_after="level_aggregate" if split_ok else "level_legs",
        )
    )
    return tournament, q


def parse(data: bytes, name: str = "generated.html") -> PageResult:
    return parse_page(data, name.split(".")[0], f"raw/{name}")


def only(result: PageResult, kind: str) -> ParsedTable:
    tables = [t for t in result.tables if t.kind == kind]
    assert len(tables) == 1, [(t.kind, t.line, t.status) for t in result.tables]
    return tables[0]


def problems(result: PageResult) -> list[Finding]:
    return [f for f in result.findings if f.severity in ("warning", "error")]


def football(result: PageResult) -> list[tuple[int, str]]:
    """Every football table as (line, kind), in page order (skipped furniture left out)."""
    return [(t.line, t.kind) for t in result.tables if t.kind != "unknown"]


# --- Keys -------------------------------------------------------------------------------------


def standing_key(row: StandingRow | ExpectedStanding, line: bool = True) -> tuple[object, ...]:
    return (
        row.line if line else None,
        row.position,
        row.team,
        row.team_abbr,
        row.played,
        row.won,
        row.drawn,
        row.lost,
        row.goals_for,
        row.goals_against,
        row.goal_difference,
        row.points,
        row.qualification,
        tuple(row.notes),
        tuple(row.points_marks),
        row.team_link,
    )


def stats_key(row: StandingRow | ExpectedStanding) -> tuple[object, ...]:
    """What every rendering prints: position, team, the eight stats, the qualification."""
    return (
        row.position,
        row.team,
        row.played,
        row.won,
        row.drawn,
        row.lost,
        row.goals_for,
        row.goals_against,
        row.goal_difference,
        row.points,
        row.qualification,
    )


def match_key(m: Match | ExpectedMatch, line: bool = True) -> tuple[object, ...]:
    return (
        m.line if line else None,
        m.kind,
        m.home_team,
        m.away_team,
        m.home_goals,
        m.away_goals,
        m.home_penalties,
        m.away_penalties,
        m.status,
    )


def tie_key(
    t: DecidedTie | ExpectedTie,
    line: bool = True,
    aggregate: bool = True,
    leg_lines: bool | None = None,
) -> tuple[object, ...]:
    """Teams, aggregate (where `aggregate`), shoot-out and legs; lines where asked (the legs'
    as the tie's unless `leg_lines` says)."""
    legs = t.tie.legs if isinstance(t, DecidedTie) else t.legs
    leg_lines = line if leg_lines is None else leg_lines
    return (
        t.line if line else None,
        t.team1,
        t.team2,
        t.team1_aggregate if aggregate else None,
        t.team2_aggregate if aggregate else None,
        t.team1_penalties,
        t.team2_penalties,
        tuple(match_key(leg, leg_lines) for leg in legs),
    )


def verdict_key(t: DecidedTie) -> tuple[object, ...]:
    return (t.team1, t.team2, t.decided_by, t.winner)


def in_order(keys: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Keys in one order whatever the page's (a matrix's rows, split legs' tables)."""
    return sorted(keys, key=repr)


def matrix_matches(result: PageResult) -> list[Match]:
    return [m for t in result.tables if t.kind in ("league", "results_matrix") for m in t.matches]


def leg_matches(result: PageResult) -> list[Match]:
    return [m for t in result.tables for m in t.matches if m.kind in ("leg_1", "leg_2")]


def single_matches(result: PageResult) -> list[Match]:
    return [m for t in result.tables for m in t.matches if m.kind == "single"]


# --- The round trip ---------------------------------------------------------------------------


def assert_round_trip(tournament: Tournament, rendered: RenderedHtml, result: PageResult) -> None:
    """The page gives back the tournament, with its lines, sections and title, and no warning
    or error (row lines only where `rows_exact`; a score cell's line always)."""
    truth, q = rendered.truth, rendered.quirks
    exact = rows_exact(q)
    assert (result.info.rendering, result.info.truncated) == ("html", False)
    assert result.info.title == tournament.title
    assert football(result) == list(truth.tables)
    league = only(result, "league")
    assert [standing_key(r, exact) for r in league.standings] == [
        standing_key(r, exact) for r in truth.standings
    ]
    matrix = matrix_matches(result)
    assert [match_key(m) for m in matrix] == [match_key(m) for m in truth.matches]
    lines = rendered.lines
    for m in matrix:
        # A matrix match's line is its own score cell's (contract), whatever the layout.
        assert m.score_text in html.unescape(lines[m.line - 1]), (m, lines[m.line - 1])
    # A box's match is on the box's first line; a leg of a tie's row is its own score cell:
    # both are checked whatever the rows.
    tie_lines = exact or q.ties == "split_boxes"
    leg_lines = exact or q.ties != "split_tables"
    assert [tie_key(t, tie_lines, leg_lines=leg_lines) for t in result.ties] == [
        tie_key(t, tie_lines, leg_lines=leg_lines) for t in truth.ties
    ]
    legs = [leg for t in truth.ties for leg in t.legs]
    assert in_order([match_key(m, leg_lines) for m in leg_matches(result)]) == in_order(
        [match_key(m, leg_lines) for m in legs]
    )
    box_final = q.final == "box"
    assert [match_key(m, exact or box_final) for m in single_matches(result)] == [
        match_key(m, exact or box_final) for m in truth.singles
    ]
    stage = (tournament.stage,) if tournament.stage else ()
    split = (q.leg_headings[0],) if q.ties != "table" else ()
    standings = ("Standings",) if q.matrix == "separate" and q.matrix_headings else ()
    assert league.section.path == (*stage, tournament.league.heading, *standings)
    assert only(result, "two_legged").section.path == (*stage, tournament.ties_heading, *split)
    assert problems(result) == []


@HTML
@given(html_cases())
def test_html_page_parses_back_to_its_tournament(case: tuple[Tournament, HtmlQuirks]) -> None:
    tournament, q = case
    rendered = render_html(tournament, q)
    assert_round_trip(tournament, rendered, parse(rendered.data))


# ---------------------------------------------------------------------------------------------
# 2. The HTML and the text renderings of one tournament give the same data


def assert_same_data(html_page: RenderedHtml, result: PageResult, text: PageResult) -> None:
    """The HTML page's records are the text page's, lines aside, save what the HTML page does
    not print (the truth says what)."""
    truth = html_page.truth
    league, ref_league = only(result, "league"), only(text, "league")
    assert [stats_key(r) for r in league.standings] == [stats_key(r) for r in ref_league.standings]
    printed = [r.team_abbr for r in truth.standings]  # None: the page prints none by the row
    assert [r.team_abbr for r in league.standings] == printed
    ref_abbrs = [r.team_abbr for r in ref_league.standings]
    assert [a for a in printed if a] == [a for a, p in zip(ref_abbrs, printed, strict=True) if p]
    expected_matrix = matrix_matches(text) if truth.matches else []
    assert in_order([match_key(m, False) for m in matrix_matches(result)]) == in_order(
        [match_key(m, False) for m in expected_matrix]
    )
    # A split round states no aggregate (its legs give it): compared where the page states it.
    stated = [t.team1_aggregate is not None for t in truth.ties]
    assert [tie_key(t, False, s) for t, s in zip(result.ties, stated, strict=True)] == [
        tie_key(t, False, s) for t, s in zip(text.ties, stated, strict=True)
    ]
    assert [verdict_key(t) for t in result.ties] == [verdict_key(t) for t in text.ties]
    assert in_order([match_key(m, False) for m in leg_matches(result)]) == in_order(
        [match_key(m, False) for m in leg_matches(text)]
    )
    assert [match_key(m, False) for m in single_matches(result)] == [
        match_key(m, False) for m in single_matches(text)
    ]


@HTML
@given(html_cases(), quirks())
def test_html_and_text_renderings_of_one_tournament_give_the_same_data(
    case: tuple[Tournament, HtmlQuirks], text_quirks: Quirks
) -> None:
    tournament, q = case
    rendered = render_html(tournament, q)
    text = render(tournament, text_quirks)
    assert_same_data(rendered, parse(rendered.data), parse(text.data, "generated.txt"))


# ---------------------------------------------------------------------------------------------
# 3. A changed stat or score is found where it was changed


@HTML
@given(html_cases(), st.data())
def test_html_row_with_one_changed_stat_gives_one_warning_at_its_line(
    case: tuple[Tournament, HtmlQuirks], data: st.DataObject
) -> None:
    # No matrix (a changed stat would also disagree with it: a second, fair finding), no
    # footnote on points (a marked deduction is an info), a row a line (the cell's line is
    # its row's: a finding names the row).
    tournament, drawn = case
    q = replace(drawn, matrix="none", points_notes=False, cell_lines=False)
    rendered = render_html(tournament, q)
    assert problems(parse(rendered.data)) == []
    k = data.draw(st.integers(0, len(tournament.league.standings) - 1), label="row")
    stat, delta = data.draw(st.sampled_from(CHANGES), label="change")
    row = tournament.league.standings[k]
    old: Any = getattr(row, stat)
    changed = with_stat(tournament, row.team, stat, old + delta)
    assume(ranked(changed))  # an order the rule breaks would be a second, fair finding
    mutated = render_html(changed, q)
    line = rendered.truth.standings[k].line
    assert mutated.truth.standings[k].line == line
    assert html.escape(row.team) in mutated.lines[line - 1]
    found = [(f.code, f.team, f.line) for f in problems(parse(mutated.data))]
    assert len(found) == 1, (stat, delta, found)
    assert found[0][1:] == (row.team, line), (stat, delta, found, mutated.lines[line - 1])


MATRICES: tuple[MatrixPlace, ...] = ("beside", "separate")


def names_line(finding: Finding, line: int) -> bool:
    """A finding points at a line: its candidate_lines if it has them, else its message."""
    if finding.candidate_lines:
        return line in finding.candidate_lines
    return re.search(rf"(?<!\d){line}(?!\d)", finding.message) is not None


@HTML
@given(html_cases(), st.sampled_from(MATRICES), st.data())
def test_one_changed_matrix_score_gives_findings_for_its_two_teams_at_its_line(
    case: tuple[Tournament, HtmlQuirks], place: MatrixPlace, data: st.DataObject
) -> None:
    tournament, drawn = case
    q = supported(replace(drawn, matrix=place))
    truth = render_html(tournament, q).truth
    played = [m for m in truth.matches if m.status == "played"]
    assume(played)
    target = data.draw(st.sampled_from(played), label="match")
    assert target.home_goals is not None and target.away_goals is not None
    home = data.draw(st.booleans(), label="home side")
    old = target.home_goals if home else target.away_goals
    new = data.draw(st.integers(0, 9).filter(lambda g: g != old), label="goals")
    changed = Result(new, target.away_goals) if home else Result(target.home_goals, new)
    mutated = render_html(with_result(tournament, target.home_team, target.away_team, changed), q)
    assert [m.line for m in mutated.truth.matches] == [m.line for m in truth.matches]
    assert changed.text in html.unescape(mutated.lines[target.line - 1])
    found = [f for f in parse(mutated.data).findings if f.code == "standings-vs-results"]
    assert {f.team for f in found} == {target.home_team, target.away_team}, found
    for f in found:
        assert names_line(f, target.line), (target, f)


# ---------------------------------------------------------------------------------------------
# Plain cases: one small fixed tournament in each layout, read against its truth

NAMES = ("2 de Mayo", "Independiente (Tumbes)", "Unión 1908")


def fixed_tournament() -> Tournament:
    """Three teams (a walkover among their matches), three ties (one settled on penalties
    after two level legs) and a final settled on penalties."""
    a, b, c = NAMES
    results = {
        (a, b): Result(2, 1),
        (a, c): Result(3, 0),
        (b, a): Result(1, 1),
        (b, c): Result(None, None),
        (c, a): Result(0, 2),
        (c, b): Result(2, 2),
    }
    spans = (QualSpan("National stage", 2, spanned=True), QualSpan("Relegated", 1, False))
    rows = compute_standings(dict(zip(NAMES, ("DMA", "IND", "UNI"), strict=True)), results)
    quals = ("National stage", "National stage", "Relegated")
    standings = tuple(replace(r, qualification=q) for r, q in zip(rows, quals, strict=True))
    ties = (
        TwoLegTie("Real Garcilaso-Cusco", "Sport Áncash", (2, 0), (1, 1)),
        TwoLegTie("Unión Comercial", "San Juan de Luya", (1, 1), (0, 0), penalties=(2, 4)),
        TwoLegTie("Deportivo Municipal (Jazán)", "28 de Julio", (2, 2), (0, 5)),
    )
    return Tournament(
        title="2024 Copa Perú",
        stage="Regional Stage",
        league=League("Group A", standings, results, spans),
        ties_heading="Quarterfinals",
        ties=ties,
        ties_first=False,
        final=OneOff("Final", "José Gálvez", "ADT-Tarma", (1, 1), penalties=(5, 4)),
    )


FIXED = fixed_tournament()
RICH = HtmlQuirks(
    seed=3,  # two team footnotes and one on points (the written-as test counts them)
    document="page",
    headings="div",
    edit_links=True,
    abbr_labels=True,
    team_th=True,
    flags=True,
    team_notes="number",
    points_notes=True,
    status_marks=True,
    sort_keys="display_none",
    bold_points=True,
    entities=True,
    bold_winners=True,
    prose=True,
    navbox=True,
)
CASES: dict[str, HtmlQuirks] = {
    "plain": HtmlQuirks(),
    "rich": RICH,
    "cell-lines": replace(RICH, cell_lines=True, crlf=True),
    "sortkey-spans": replace(RICH, sort_keys="sortkey", team_notes="letter"),
    "visibility-keys": replace(RICH, sort_keys="visibility", team_notes="note", links=False),
    "separate-matrix": HtmlQuirks(matrix="separate", matrix_headings=True),
    "separate-matrix-by-name-and-abbreviation": HtmlQuirks(
        matrix="separate", matrix_rows="name", matrix_columns="abbr", td_headers=True
    ),
    "beside-matrix-no-spacer": HtmlQuirks(matrix_spacer=False, diagonal_dash=True, walkover="w/o"),
    "no-matrix": HtmlQuirks(matrix="none"),
    "split-tables": HtmlQuirks(ties="split_tables", leg_dates=True, final="table"),
    "split-vevent-boxes": HtmlQuirks(
        ties="split_boxes", leg_headings=("First legs", "Second legs")
    ),
    "split-footballboxes": replace(
        RICH, ties="split_boxes", box_style="footballbox", leg_headings=("1st leg", "2nd leg")
    ),
    "final-table": replace(RICH, final="table"),
}


@pytest.mark.parametrize("q", CASES.values(), ids=CASES.keys())
def test_fixed_tournament_reads_back_in_each_layout(q: HtmlQuirks) -> None:
    rendered = render_html(FIXED, q)
    result = parse(rendered.data)
    assert_round_trip(FIXED, rendered, result)
    assert [(t.decided_by, t.winner) for t in result.ties] == [
        ("aggregate", "Real Garcilaso-Cusco"),
        ("penalties", "San Juan de Luya"),
        ("aggregate", "28 de Julio"),
    ]
    (final,) = single_matches(result)
    assert (final.home_penalties, final.away_penalties, final.winner) == (5, 4, "José Gálvez")


def test_fixed_html_is_written_as_wikipedia_writes_it() -> None:
    # The renderer writes what it claims (the properties then read it): one Qualification
    # cell for the two rows sharing it, footnotes and status marks after team names, hidden
    # sort keys, Unicode minus, linked abbreviations, a box's Penalties row.
    rich = render_html(FIXED, RICH)
    assert rich.text.count('rowspan="2"') == 1
    # Each row's last mark is its status (C, Q, R); the others and the points' are footnotes.
    assert [r.notes[-1] for r in rich.truth.standings] == ["C", "Q", "R"]
    footnotes = [m for r in rich.truth.standings for m in (*r.notes[:-1], *r.points_marks)]
    assert len(footnotes) == 3 and rich.text.count('class="reference"') == 3
    assert '<span style="display:none">0</span>' in rich.text and "&minus;5" in rich.text
    assert '<div class="mw-heading mw-heading3"><h3 id="Group_A">Group A</h3>' in rich.text
    assert '<th scope="row"' in rich.text
    assert "<title>2024 Copa Perú - Wikipedia</title>" in rich.text
    plain = render_html(FIXED)
    assert '<h3><span class="mw-headline" id="Group_A">Group A</span></h3>' in plain.text
    # The matrix column and the row link to the team's article (not its name): once each.
    link = plain.truth.standings[0].team_link
    assert link == "2 de Mayo F.C." and f'title="{link}">DMA</a>' in plain.text
    assert plain.text.count(f'title="{link}"') == 2
    assert "<td>−5</td>" in plain.text  # Unión 1908's goal difference
    boxes = render_html(FIXED, CASES["split-vevent-boxes"]).text
    assert boxes.count('class="vevent"') == 7  # six legs and the final
    assert boxes.count(">Penalties</a></th>") == 2  # the tie's second leg and the final


def test_fixed_html_and_cell_per_line_text_give_the_same_data() -> None:
    rendered = render_html(FIXED, CASES["split-tables"])
    text = parse(render(FIXED, Quirks()).data, "generated.txt")
    assert_same_data(rendered, parse(rendered.data), text)
    assert [r.qualification for r in only(text, "league").standings] == [
        "National stage", "National stage", "Relegated",
    ]  # fmt: skip

"""Properties and cases: the renderings seen in the wild give the data of the cell-per-line page.

The generator (tests/generator.py) writes one tournament as HTML copied as text (rows joined by
spaces, no results matrix), cell per line with the `|` on the cell's own line or with no `|` at
all, headings glued to edit-link text or written as wikitext, and headers in other Wikipedias'
languages. Each rendering must give the standings, matches and ties the cell-per-line rendering
of the same tournament gives (source lines aside), save what the rendering does not print: a
spaced league has no results matrix (no matches, no abbreviations, no Qualification column), and
where empty cells vanish (`no_bars`) a missing Qualification cell is either covered by a rowspan
or empty, which no reader can tell, so qualifications are not compared there. German and
Polish headers are also written with goals as one `9:2` cell (`Tore`, `Bramki`), as those
Wikipedias print them (fixed cases only).

On spaced rows also: one changed stat gives exactly one finding at its row's line, and a row
whose words fit the columns more than one way is an error at its line and gives no record.
"""

from __future__ import annotations

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
    LANGUAGES,
    NOTE_WORDS,
    PAIR_LABELS,
    STATS,
    VENUE_WORDS,
    ExpectedMatch,
    ExpectedStanding,
    ExpectedTie,
    Flavour,
    League,
    QualSpan,
    Quirks,
    Rendered,
    Result,
    Tournament,
    TwoLegTie,
    compute_standings,
    ranked,
    render,
    tournaments,
    wild_quirks,
    with_stat,
    with_tie_remarks,
)

F = TypeVar("F", bound=Callable[..., None])

# A quarter of the profile's examples (25 under `ci`): the file stays well under 20 s. No
# shrinking: a failing example is already small (3–6 teams, 2–4 ties) and shrinking a page
# takes minutes a property; the fixed cases below show each rendering's failure plainly.
WILD: Callable[[F], F] = settings(
    max_examples=max(10, settings().max_examples // 4),
    phases=tuple(p for p in Phase if p not in (Phase.shrink, Phase.explain)),
)
# The flavours a heading or header-language rendering is drawn with.
HOST_FLAVOURS: tuple[Flavour, ...] = ("cell", "row", "spaced")
REFERENCE = Quirks()  # cell per line, English, plain headings


def parse(text: str) -> PageResult:
    return parse_page(text.encode(), "p", "raw/p.txt")


def only(result: PageResult, kind: str) -> ParsedTable:
    tables = [t for t in result.tables if t.kind == kind]
    assert len(tables) == 1, [(t.kind, t.line, t.rendering, t.status) for t in result.tables]
    return tables[0]


def problems(result: PageResult) -> list[Finding]:
    return [f for f in result.findings if f.severity in ("warning", "error")]


# --- Keys: what is compared, source lines left out ----------------------------------------------


def stats_key(row: StandingRow | ExpectedStanding) -> tuple[object, ...]:
    """Position, team and the eight stats."""
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
    )


def match_key(m: Match | ExpectedMatch) -> tuple[object, ...]:
    return (
        m.kind,
        m.home_team,
        m.away_team,
        m.home_goals,
        m.away_goals,
        m.home_penalties,
        m.away_penalties,
        m.status,
    )


def tie_key(t: DecidedTie | ExpectedTie) -> tuple[object, ...]:
    """Teams, aggregate, shoot-out and both legs."""
    legs = t.tie.legs if isinstance(t, DecidedTie) else t.legs
    return (
        t.team1,
        t.team2,
        t.team1_aggregate,
        t.team2_aggregate,
        t.team1_penalties,
        t.team2_penalties,
        tuple(match_key(leg) for leg in legs),
    )


def verdict_key(t: DecidedTie) -> tuple[object, ...]:
    return (t.team1, t.team2, t.decided_by, t.winner)


def states_empty_cells(q: Quirks) -> bool:
    """An empty cell is written (`|`): a covered Qualification cell is told from an empty one."""
    return q.flavour != "no_bars"


# --- The comparison -------------------------------------------------------------------------------


def assert_same_data(rendered: Rendered, result: PageResult, reference: PageResult) -> None:
    """The rendering's page gives what the cell-per-line page of the tournament gives, save
    what it does not print (the truth says what: no matrix, no abbreviations), in the same
    sections (save wikitext headings: their levels state a nesting plain headings leave to the
    reader; `test_wikitext_heading_levels_nest_the_sections` checks it)."""
    truth = rendered.truth
    league, ref_league = only(result, "league"), only(reference, "league")
    knockout, ref_knockout = only(result, "two_legged"), only(reference, "two_legged")
    assert not result.info.truncated
    assert [stats_key(r) for r in league.standings] == [stats_key(r) for r in ref_league.standings]
    assert [r.team_abbr for r in league.standings] == [r.team_abbr for r in truth.standings]
    if states_empty_cells(rendered.quirks):
        expected = [r.qualification for r in truth.standings]
        assert [r.qualification for r in league.standings] == expected
    expected_matches = ref_league.matches if truth.matches else ()
    assert [match_key(m) for m in league.matches] == [match_key(m) for m in expected_matches]
    assert [tie_key(t) for t in result.ties] == [tie_key(t) for t in reference.ties]
    assert [verdict_key(t) for t in result.ties] == [verdict_key(t) for t in reference.ties]
    legs = [match_key(m) for m in knockout.matches]
    assert legs == [match_key(m) for m in ref_knockout.matches]
    if rendered.quirks.headings == "wiki":
        return
    # Same sections: glued edit-link text is no part of a heading.
    assert (league.section.path, knockout.section.path) == (
        ref_league.section.path,
        ref_knockout.section.path,
    )


def check_rendering(tournament: Tournament, q: Quirks) -> None:
    rendered = render(tournament, q)
    reference = parse(render(tournament, REFERENCE).text)
    assert_same_data(rendered, parse(rendered.text), reference)


# ---------------------------------------------------------------------------------------------
# 1–6. Each rendering gives the data of the cell-per-line page


@WILD
@given(tournaments(wild_names=True, shootouts=True), wild_quirks("spaced"))
def test_spaced_rows_give_the_data_of_the_cell_per_line_page(
    tournament: Tournament, q: Quirks
) -> None:
    check_rendering(tournament, q)


@WILD
@given(tournaments(wild_names=True, shootouts=True), wild_quirks("bar_on_line"))
def test_bar_on_line_cells_give_the_data_of_the_cell_per_line_page(
    tournament: Tournament, q: Quirks
) -> None:
    check_rendering(tournament, q)


@WILD
@given(tournaments(wild_names=True, shootouts=True), wild_quirks("no_bars"))
def test_cells_without_bars_give_the_data_of_the_cell_per_line_page(
    tournament: Tournament, q: Quirks
) -> None:
    check_rendering(tournament, q)


@WILD
@given(
    tournaments(wild_names=True, shootouts=True), wild_quirks(HOST_FLAVOURS, headings="glued_edit")
)
def test_headings_glued_to_edit_links_give_the_data_of_the_plain_page(
    tournament: Tournament, q: Quirks
) -> None:
    check_rendering(tournament, q)


@WILD
@given(tournaments(wild_names=True, shootouts=True), wild_quirks(HOST_FLAVOURS, headings="wiki"))
def test_wikitext_headings_give_the_data_of_the_plain_page(
    tournament: Tournament, q: Quirks
) -> None:
    check_rendering(tournament, q)


@WILD
@given(tournaments(wild_names=True, shootouts=True), wild_quirks(HOST_FLAVOURS, headings="wiki"))
def test_wikitext_heading_levels_nest_the_sections(tournament: Tournament, q: Quirks) -> None:
    result = parse(render(tournament, q).text)
    stage = (tournament.stage,) if tournament.stage else ()
    assert only(result, "league").section.path == (*stage, tournament.league.heading)
    assert only(result, "two_legged").section.path == (*stage, tournament.ties_heading)
    assert result.info.title == tournament.title


@WILD
@given(tournaments(wild_names=True, shootouts=True), wild_quirks(HOST_FLAVOURS, language=None))
def test_headers_in_another_language_give_the_data_of_the_english_page(
    tournament: Tournament, q: Quirks
) -> None:
    check_rendering(tournament, q)


# ---------------------------------------------------------------------------------------------
# Spaced rows: a changed stat is found at its row; an ambiguous row is named, never guessed


@WILD
@given(
    tournaments(wild_names=True, shootouts=True),
    wild_quirks("spaced"),
    st.data(),
)
def test_spaced_row_with_one_changed_stat_gives_one_finding_at_its_line(
    tournament: Tournament, q: Quirks, data: st.DataObject
) -> None:
    rendered = render(tournament, q)
    assert problems(parse(rendered.text)) == []
    k = data.draw(st.integers(0, len(tournament.league.standings) - 1), label="row")
    stat, delta = data.draw(st.sampled_from(CHANGES), label="change")
    row = tournament.league.standings[k]
    old = getattr(row, stat)
    assert isinstance(old, int)
    changed = with_stat(tournament, row.team, stat, old + delta)
    assume(ranked(changed))  # an order the rule breaks would be a second, fair finding
    mutated = render(changed, q)
    line = rendered.truth.standings[k].line
    assert mutated.truth.standings[k].line == line
    found = [(f.code, f.severity, f.line) for f in problems(parse(mutated.text))]
    assert len(found) == 1, (stat, delta, found)
    assert found[0][2] == line, (stat, delta, found, mutated.lines[line - 1])


def remark(words: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), min_size=1, max_size=3).map(" ".join)


@WILD
@given(
    tournaments(wild_names=True, shootouts=True),
    wild_quirks("spaced"),
    st.data(),
)
def test_spaced_row_split_two_ways_is_an_error_at_its_line_and_no_record(
    tournament: Tournament, q: Quirks, data: st.DataObject
) -> None:
    # Venue and Notes: two adjacent free-text columns, an empty one vanishing. With at least
    # three words under them the row splits several ways that all keep both columns.
    index = data.draw(st.integers(0, len(tournament.ties) - 1), label="tie")
    venue = data.draw(remark(VENUE_WORDS), label="venue")
    notes = data.draw(remark(NOTE_WORDS), label="notes")
    assume(len(f"{venue} {notes}".split()) >= 3)
    rendered = render(
        with_tie_remarks(tournament, index, venue, notes), replace(q, tie_extras=True)
    )
    (line,) = rendered.truth.ambiguous
    result = parse(rendered.text)
    found = [(f.code, f.severity, f.line) for f in result.findings]
    assert ("row-ambiguous", "error", line) in found
    knockout = only(result, "two_legged")
    assert line not in [t.line for t in result.ties] + [m.line for m in knockout.matches]
    assert [tie_key(t) for t in result.ties] == [tie_key(t) for t in rendered.truth.ties]


# ---------------------------------------------------------------------------------------------
# Plain cases: one small fixed tournament in each rendering, read against its truth

NAMES = ("2 de Mayo", "Independiente (Tumbes)", "Unión 1908")


def fixed_tournament() -> Tournament:
    """Three teams (a walkover among their matches) and three ties, one settled on penalties."""
    a, b, c = NAMES
    results = {
        (a, b): Result(2, 1),
        (a, c): Result(3, 0),
        (b, a): Result(1, 1),
        (b, c): Result(None, None),
        (c, a): Result(0, 2),
        (c, b): Result(2, 2),
    }
    spans = (QualSpan("National stage", 2, spanned=True), QualSpan("", 1, spanned=False))
    rows = compute_standings(dict(zip(NAMES, ("DMA", "IND", "UNI"), strict=True)), results)
    quals = ("National stage", "National stage", None)
    standings = tuple(replace(r, qualification=q) for r, q in zip(rows, quals, strict=True))
    ties = (
        TwoLegTie("Real Garcilaso-Cusco", "Sport Áncash", (2, 0), (1, 1)),
        TwoLegTie("Unión Comercial", "San Juan de Luya", (0, 1), (2, 1), penalties=(2, 4)),
        TwoLegTie("Deportivo Municipal (Jazán)", "28 de Julio", (2, 2), (0, 5)),
    )
    return Tournament(
        title="2024 Copa Perú",
        stage="Regional Stage",
        league=League("Group A", standings, results, spans),
        ties_heading="Quarterfinals",
        ties=ties,
        ties_first=False,
    )


FIXED = fixed_tournament()
SHUFFLED = ("points", "played", "won", "drawn", "lost", "goal_difference", "goals_for",
            "goals_against")  # fmt: skip
assert sorted(SHUFFLED) == sorted(STATS)


def _cases() -> dict[str, Quirks]:
    cases: dict[str, Quirks] = {
        "spaced": Quirks(flavour="spaced", tooltips="none"),
        "spaced-tooltips": Quirks(flavour="spaced", tooltips="all"),
        "spaced-shuffled": Quirks(flavour="spaced", stat_order=SHUFFLED),
        "spaced-tooltips-shuffled": Quirks(flavour="spaced", tooltips="all", stat_order=SHUFFLED),
        "bar_on_line": Quirks(flavour="bar_on_line"),
        "no_bars": Quirks(flavour="no_bars"),
    }
    for flavour in HOST_FLAVOURS:
        for glue in ("bracket", "suffix", "prefix"):
            cases[f"glued_edit-{glue}-{flavour}"] = Quirks(
                flavour=flavour, headings="glued_edit", edit_glue=glue
            )
        cases[f"edit_header-{flavour}"] = Quirks(
            flavour=flavour, headings="glued_edit", edit_glue="bracket", edit_header=True
        )
        cases[f"wiki_headings-{flavour}"] = Quirks(flavour=flavour, headings="wiki")
        for language in LANGUAGES[1:]:
            cases[f"language-{language}-{flavour}"] = Quirks(flavour=flavour, language=language)
        for language in PAIR_LABELS:
            cases[f"goals_pair-{language}-{flavour}"] = Quirks(
                flavour=flavour, language=language, goals_pair=True
            )
    return cases


CASES = _cases()


def expected_standings(rendered: Rendered) -> list[tuple[object, ...]]:
    keep_qual = states_empty_cells(rendered.quirks)
    return [
        (*stats_key(r), r.team_abbr, *((r.qualification,) if keep_qual else ()))
        for r in rendered.truth.standings
    ]


def read_standings(rendered: Rendered, table: ParsedTable) -> list[tuple[object, ...]]:
    keep_qual = states_empty_cells(rendered.quirks)
    return [
        (*stats_key(r), r.team_abbr, *((r.qualification,) if keep_qual else ()))
        for r in table.standings
    ]


@pytest.mark.parametrize("q", CASES.values(), ids=CASES.keys())
def test_fixed_tournament_reads_back_in_each_rendering(q: Quirks) -> None:
    rendered = render(FIXED, q)
    result = parse(rendered.text)
    league, knockout = only(result, "league"), only(result, "two_legged")
    assert read_standings(rendered, league) == expected_standings(rendered)
    assert [match_key(m) for m in league.matches] == [match_key(m) for m in rendered.truth.matches]
    assert [tie_key(t) for t in result.ties] == [tie_key(t) for t in rendered.truth.ties]
    legs = [match_key(leg) for t in rendered.truth.ties for leg in t.legs]
    assert [match_key(m) for m in knockout.matches] == legs
    assert (league.section.path, knockout.section.path) == (
        ("Regional Stage", "Group A"),
        ("Regional Stage", "Quarterfinals"),
    )
    assert problems(result) == []


def test_fixed_tournament_reference_is_what_the_truth_says() -> None:
    # The plain cases' truth, read from the cell-per-line page the properties compare with.
    rendered = render(FIXED, REFERENCE)
    result = parse(rendered.text)
    assert read_standings(rendered, only(result, "league")) == expected_standings(rendered)
    assert [tie_key(t) for t in result.ties] == [tie_key(t) for t in rendered.truth.ties]
    assert [(t.decided_by, t.winner) for t in result.ties] == [
        ("aggregate", "Real Garcilaso-Cusco"),
        ("penalties", "San Juan de Luya"),
        ("aggregate", "28 de Julio"),
    ]


def test_fixed_spaced_page_reads_as_copied() -> None:
    rendered = render(FIXED, CASES["spaced-tooltips"])
    assert rendered.lines[3:8] == [
        "Pos Team PldTooltip Played WTooltip Won DTooltip Drawn LTooltip Lost GFTooltip Goals "
        "for GATooltip Goals against GDTooltip Goal difference PtsTooltip Points",
        "1 2 de Mayo 4 3 1 0 8 2 +6 10",
        "2 Independiente (Tumbes) 3 0 2 1 4 5 −1 2",
        "3 Unión 1908 3 0 1 2 2 7 −5 1",
        "Quarterfinals",
    ]
    assert rendered.lines[10] == "Unión Comercial 2–2 (2–4 p) San Juan de Luya 0–1 2–1"
    assert rendered.truth.matches == ()


@pytest.mark.parametrize(("stat", "delta"), CHANGES, ids=[f"{s}{d:+d}" for s, d in CHANGES])
def test_fixed_spaced_row_with_one_changed_stat_gives_one_finding(stat: str, delta: int) -> None:
    q = CASES["spaced"]
    row = FIXED.league.standings[1]  # Independiente (Tumbes), 2 points: the order holds
    old: Any = getattr(row, stat)
    mutated = render(with_stat(FIXED, row.team, stat, old + delta), q)
    line = mutated.truth.standings[1].line
    found = [(f.code, f.severity, f.line) for f in problems(parse(mutated.text))]
    assert len(found) == 1 and found[0][2] == line, (mutated.lines[line - 1], found)


@pytest.mark.parametrize("index", [0, 1, 2], ids=["first-row", "second-row", "last-row"])
def test_fixed_spaced_row_split_two_ways_is_an_error_and_no_record(index: int) -> None:
    q = replace(CASES["spaced"], tie_extras=True)
    rendered = render(with_tie_remarks(FIXED, index, "Estadio Garcilaso", "played behind"), q)
    assert rendered.lines[8] == "Team 1 Agg. Team 2 1st leg 2nd leg Venue Notes"
    line = 10 + index
    assert rendered.lines[line - 1].endswith(" Estadio Garcilaso played behind")
    assert rendered.truth.ambiguous == (line,)
    result = parse(rendered.text)
    assert [(f.code, f.line) for f in problems(result)] == [("row-ambiguous", line)]
    others = [t.team1 for i, t in enumerate(FIXED.ties) if i != index]
    assert [t.team1 for t in result.ties] == others


def test_fixed_spaced_row_split_two_ways_after_a_team_named_like_a_label() -> None:
    # `Club (Tumbes)` is a team, not the header label `Club` with a disambiguation.
    first = replace(FIXED.ties[0], team1="Club (Tumbes)")
    tournament = replace(FIXED, ties=(first, *FIXED.ties[1:]))
    q = replace(CASES["spaced"], tie_extras=True)
    rendered = render(with_tie_remarks(tournament, 1, "Estadio Garcilaso", "played behind"), q)
    assert rendered.lines[9] == "Club (Tumbes) 3–1 Sport Áncash 2–0 1–1"
    result = parse(rendered.text)
    assert [(f.code, f.line) for f in problems(result)] == [("row-ambiguous", 11)]
    assert [t.team1 for t in result.ties] == ["Club (Tumbes)", "Deportivo Municipal (Jazán)"]


@pytest.mark.parametrize(
    ("q", "last"),
    [
        (Quirks(flavour="spaced", ending="heading"), "External links"),
        (Quirks(flavour="spaced", prose=True), "Source:"),
    ],
    ids=["heading", "source-line"],
)
def test_fixed_spaced_page_ending_after_a_table_is_not_cut(q: Quirks, last: str) -> None:
    # The file ends with a newline after a heading or a `Source:` line: no row was cut.
    rendered = render(replace(FIXED, ties_first=True), q)
    assert rendered.lines[-2:] == [last, ""]
    result = parse(rendered.text)
    assert not result.info.truncated
    assert problems(result) == []

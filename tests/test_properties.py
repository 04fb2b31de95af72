"""Properties: a generated consistent tournament, rendered with real quirks, parses back exactly.

The generator (tests/generator.py) writes a league with a results matrix and a round of
two-legged ties in either input flavour and knows what a correct parser must read back,
source lines included. Beyond the round trip: both flavours agree (issue 5), every cell is
accounted for on damaged and arbitrary input, and one changed goal gives findings for
exactly the two teams of that match, naming the changed cell's line.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import assume, given
from hypothesis import strategies as st

from pipeline.findings import KINDS as CODES
from pipeline.model import Match, ParsedTable, StandingRow, Tie
from pipeline.page import PageResult, parse_page
from tests.generator import (
    ExpectedMatch,
    ExpectedStanding,
    ExpectedTie,
    Quirks,
    Rendered,
    Result,
    Tournament,
    quirks,
    render,
    tournaments,
    with_result,
)

PAGE = "generated"


def parse(data: bytes) -> PageResult:
    return parse_page(data, PAGE, f"raw/{PAGE}.txt")


def only(result: PageResult, kind: str) -> ParsedTable:
    tables = [t for t in result.tables if t.kind == kind]
    assert len(tables) == 1, [(t.kind, t.line) for t in result.tables]
    return tables[0]


def standing_key(row: StandingRow | ExpectedStanding) -> tuple[object, ...]:
    return (
        row.line,
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
    )


def match_key(m: Match | ExpectedMatch) -> tuple[object, ...]:
    return (m.line, m.kind, m.home_team, m.away_team, m.home_goals, m.away_goals, m.status)


def tie_key(t: Tie | ExpectedTie) -> tuple[object, ...]:
    return (
        t.line,
        t.team1,
        t.team2,
        t.team1_aggregate,
        t.team2_aggregate,
        tuple(match_key(leg) for leg in t.legs),
    )


def without_line(key: tuple[object, ...]) -> tuple[object, ...]:
    """Drop the source line (the first element) from a key, and from nested leg keys."""
    return tuple(
        tuple(without_line(k) for k in part) if isinstance(part, tuple) else part
        for part in key[1:]
    )


def assert_round_trip(rendered: Rendered, result: PageResult) -> None:
    """The page gives back the tournament: standings, matrix matches, ties, with their lines."""
    truth = rendered.truth
    tables = [(t.line, t.kind) for t in result.tables]
    assert tables == sorted([(truth.league_line, "league"), (truth.ties_line, "two_legged")])
    assert not result.info.truncated
    league = only(result, "league")
    assert league.status == "parsed"
    assert [standing_key(r) for r in league.standings] == [standing_key(r) for r in truth.standings]
    assert [r.notes for r in league.standings] == [()] * len(truth.standings)
    assert [match_key(m) for m in league.matches] == [match_key(m) for m in truth.matches]
    lines = rendered.lines
    for m in league.matches:
        # The source line of a matrix match is its own score cell.
        assert m.score_text in lines[m.line - 1], (m, lines[m.line - 1])
    knockout = only(result, "two_legged")
    assert knockout.status == "parsed"
    assert [tie_key(t) for t in knockout.ties] == [tie_key(t) for t in truth.ties]
    legs = [leg for t in truth.ties for leg in t.legs]
    assert [match_key(m) for m in knockout.matches] == [match_key(m) for m in legs]


def assert_accounted(result: PageResult) -> None:
    """Every cell read is layout, data or unused, and every unused cell is named by a finding."""
    named: Counter[str | None] = Counter()
    for f in result.findings:
        assert f.code in CODES, f
        assert f.severity in {"error", "warning", "info"}
        assert 1 <= f.line <= max(1, result.info.lines), (f, result.info.lines)
        named[f.table_id] += f.cells
    for t in result.tables:
        assert t.cells == t.cells_layout + t.cells_data + t.cells_unused, t
        assert min(t.cells_layout, t.cells_data, t.cells_unused) >= 0, t
        assert named[t.table_id] == t.cells_unused, (t.table_id, t.cells_unused, result.findings)


# ---------------------------------------------------------------------------------------------
# 1–2. Round trip in each flavour, and both flavours agree


@given(tournaments(), quirks("cell"))
def test_cell_per_line_page_parses_back_to_its_tournament(
    tournament: Tournament, q: Quirks
) -> None:
    rendered = render(tournament, q)
    assert_round_trip(rendered, parse(rendered.data))


@given(tournaments(), quirks("row"))
def test_row_per_line_page_parses_back_to_its_tournament(tournament: Tournament, q: Quirks) -> None:
    rendered = render(tournament, q)
    assert_round_trip(rendered, parse(rendered.data))


@given(tournaments(), quirks("cell"), quirks("row"))
def test_both_flavours_of_one_tournament_give_the_same_data(
    tournament: Tournament, cell_quirks: Quirks, row_quirks: Quirks
) -> None:
    cell = parse(render(tournament, cell_quirks).data)
    row = parse(render(tournament, row_quirks).data)
    for kind in ("league", "two_legged"):
        a, b = only(cell, kind), only(row, kind)
        assert [without_line(standing_key(r)) for r in a.standings] == [
            without_line(standing_key(r)) for r in b.standings
        ]
        assert [without_line(match_key(m)) for m in a.matches] == [
            without_line(match_key(m)) for m in b.matches
        ]
        assert [without_line(tie_key(t)) for t in a.ties] == [
            without_line(tie_key(t)) for t in b.ties
        ]


@given(tournaments(), quirks())
def test_consistent_page_gives_no_warning_or_error(tournament: Tournament, q: Quirks) -> None:
    result = parse(render(tournament, q).data)
    assert [f for f in result.findings if f.severity != "info"] == []


# ---------------------------------------------------------------------------------------------
# 3–4. Accounting and robustness on damaged and arbitrary input


@st.composite
def damaged_pages(draw: st.DrawFn) -> bytes:
    """A generated page with 1–3 edits: a line deleted, duplicated or replaced; a byte cut."""
    rendered = render(draw(tournaments()), draw(quirks()))
    lines = rendered.text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(("delete", "duplicate", "replace")))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "replace":
            lines[i] = draw(st.text(max_size=40))
    data = "\n".join(lines).encode("utf-8")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # may cut a multi-byte character
    return data


@given(tournaments(), quirks())
def test_generated_page_accounts_for_every_cell(tournament: Tournament, q: Quirks) -> None:
    result = parse(render(tournament, q).data)
    assert_accounted(result)
    assert all(t.cells_unused == 0 for t in result.tables)


@given(damaged_pages())
def test_damaged_page_never_raises_and_accounts_for_every_cell(data: bytes) -> None:
    assert_accounted(parse(data))


# Fragments of real pages, so arbitrary input reaches the table paths, not just prose.
FRAGMENTS = (
    "|",
    "| ",
    "---|---|---|",
    "|---|",
    "Pos",
    "Team",
    "Pld",
    "W",
    "D",
    "L",
    "GF",
    "GA",
    "GD",
    "Pts",
    "Qualification",
    "Team 1",
    "Agg.Tooltip Aggregate score",
    "Team 2",
    "1st leg",
    "2nd leg",
    "Score",
    "Group A",
    "Tiebreaker",
    "Semifinals",
    "1",
    "2",
    "12",
    "+5",
    "−10",
    "2–1",
    "1–1 (4–2 p)",
    "W.O.",
    "–",
    "n.p.",
    "National stage",
    "Sport Vallejo",
    "GAL",
    "1 | Sport Vallejo | 6 | 4 | 1 | 1 | 13 | 7 | +6 | 13 | |",
    "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts |",
    "Sport Vallejo | 2–1 | El Tumi | 1–0 | 1–1 |",
    "Source:",
)


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    assert_accounted(parse(data))


@given(st.text(max_size=2000))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_accounted(parse(text.encode("utf-8")))


@given(
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=120),
    st.sampled_from(("\n", "\r\n", "\r")),
    st.booleans(),
)
def test_arbitrary_table_like_text_never_raises(
    lines: list[str], newline: str, final_newline: bool
) -> None:
    text = newline.join(lines) + (newline if final_newline else "")
    assert_accounted(parse(text.encode("utf-8")))


# ---------------------------------------------------------------------------------------------
# 5. One changed goal: findings for exactly the two teams, naming the changed cell


def names_line(finding: object, line: int) -> bool:
    """Tell whether a finding points at a line: its candidate_lines if it has them, else text."""
    candidates = getattr(finding, "candidate_lines", None)
    if candidates is not None:
        return line in candidates
    return re.search(rf"(?<!\d){line}(?!\d)", getattr(finding, "message", "")) is not None


@given(tournaments(), quirks(), st.data())
def test_one_changed_goal_gives_findings_for_the_two_teams_of_that_cell(
    tournament: Tournament, q: Quirks, data: st.DataObject
) -> None:
    truth = render(tournament, q).truth
    played = [m for m in truth.matches if m.status == "played"]
    assume(played)
    target = data.draw(st.sampled_from(played))
    assert target.home_goals is not None and target.away_goals is not None
    side = data.draw(st.sampled_from(("home", "away")))
    old = target.home_goals if side == "home" else target.away_goals
    new = data.draw(st.integers(0, 9).filter(lambda g: g != old))
    changed = Result(new, target.away_goals) if side == "home" else Result(target.home_goals, new)
    mutated = render(with_result(tournament, target.home_team, target.away_team, changed), q)
    assert mutated.truth.standings == truth.standings  # same layout, same lines
    assert changed.text in mutated.lines[target.line - 1]
    result = parse(mutated.data)
    found = [f for f in result.findings if f.code == "standings-vs-results"]
    assert {f.team for f in found} == {target.home_team, target.away_team}, found
    for f in found:
        assert names_line(f, target.line), (target, f)
    baseline = parse(render(tournament, q).data)
    assert not [f for f in baseline.findings if f.code == "standings-vs-results"]


@given(
    st.one_of(
        damaged_pages(), tournaments().flatmap(lambda t: quirks().map(lambda q: render(t, q).data))
    )
)
def test_layout_is_only_what_the_invariant_allows_on_generated_and_damaged_pages(
    data: bytes,
) -> None:
    from tests.test_layout_invariant import expected_layout

    for table_id, (allowed, booked) in expected_layout(data).items():
        assert booked == allowed, table_id

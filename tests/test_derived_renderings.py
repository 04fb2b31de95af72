"""Renderings no shared page shows, derived from real pages by tests/derive.py (issue 11):
each must give what the real page gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.page import PageResult, parse_page
from tests.derive import bar_on_line, glued_edit, no_bars

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = [
    "2004_copa_peru.txt",
    "2022_ligas_departamentales_peru__excerpt.txt",
    "2025_copa_peru__excerpt.txt",
]


def records(result: PageResult, qualification: bool = True) -> tuple[list[Any], ...]:
    standings = [
        (s.position, s.team, s.played, s.won, s.drawn, s.lost, s.goals_for, s.goals_against,
         s.goal_difference, s.points, s.qualification if qualification else None)
        for t in result.tables for s in t.standings
    ]  # fmt: skip
    matches = [
        (m.kind, m.home_team, m.away_team, m.home_goals, m.away_goals, m.home_penalties,
         m.status)
        for t in result.tables for m in t.matches
    ]  # fmt: skip
    ties = [
        (d.team1, d.team2, d.team1_aggregate, d.team2_aggregate, d.team1_penalties, d.winner)
        for d in result.ties
    ]
    # Lines move (a derived page has fewer): findings are compared without them.
    findings = [
        (f.code, f.team, f.field, f.stated, f.computed)
        for f in result.findings
        if f.severity != "info"
    ]
    return standings, matches, ties, findings


def parse(text: str) -> PageResult:
    return parse_page(text.encode(), "page", "raw/page.txt")


@pytest.mark.parametrize("name", PAGES)
def test_bar_on_the_cells_own_line_reads_as_the_page(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert records(parse(bar_on_line(text))) == records(parse(text))


def test_bar_on_line_mixed_with_bare_bar_lines() -> None:
    text = (FIXTURES / "2004_copa_peru.txt").read_text(encoding="utf-8")
    lines = bar_on_line(text).split("\n")
    # Undo every other `cell |` line: both forms in one table, as some exports mix them.
    mixed = "\n".join(
        f"{line[:-2]}\n|" if line.endswith(" |") and n % 2 else line for n, line in enumerate(lines)
    )
    assert records(parse(mixed)) == records(parse(text))


def test_no_bar_lines_rebuilds_rows_from_the_header_and_types() -> None:
    text = (FIXTURES / "2004_copa_peru.txt").read_text(encoding="utf-8")
    derived = parse(no_bars(text))
    # Rowspanned Qualification cells vanish with the `|` lines: compared without them.
    got, want = records(derived, qualification=False), records(parse(text), qualification=False)
    assert got[:3] == want[:3]
    assert got[3] == want[3]


def test_no_bars_never_copies_a_value_into_a_vanished_cell() -> None:
    # Without `|` lines an absent Qualification is empty or covered; it is never invented.
    text = (FIXTURES / "2004_copa_peru.txt").read_text(encoding="utf-8")
    real = {s.team: s.qualification for t in parse(text).tables for s in t.standings}
    derived = {s.team: s.qualification for t in parse(no_bars(text)).tables for s in t.standings}
    assert set(real) == set(derived)
    assert all(derived[team] in (None, real[team]) for team in real)
    assert sum(q is not None for q in derived.values()) >= 5


def test_glued_edit_links_on_headings_change_nothing() -> None:
    text = (FIXTURES / "2004_copa_peru.txt").read_text(encoding="utf-8")
    headings = {"Region I", "Region II", "Group A", "Group B", "Semifinals", "Tiebreaker"}
    glued = parse(glued_edit(text, headings))
    assert records(glued) == records(parse(text))
    assert [t.section.path for t in glued.tables] == [t.section.path for t in parse(text).tables]

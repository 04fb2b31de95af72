"""Text exports seen in the wild (issue 11): the real pages in tests/fixtures/wild, read as a
careful person reads them, plus small derived cases for each rule."""

from __future__ import annotations

from pathlib import Path

from pipeline.frontends.text.flavours.spaced_rows import align, parse_header, tokens_of
from pipeline.page import PageResult, parse_page

WILD = Path(__file__).parent / "fixtures" / "wild"


def read(name: str) -> PageResult:
    path = WILD / name
    return parse_page(path.read_bytes(), path.stem, f"raw/{path.name}")


def parse(text: str) -> PageResult:
    return parse_page(text.encode(), "case", "raw/case.txt")


def codes(result: PageResult, severity: str | None = None) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in result.findings if severity is None or f.severity == severity]


# --- Rows joined by spaces (HTML copied as text) ---------------------------------------------


def test_spaced_standings_are_read_with_signed_differences() -> None:
    result = read("2003_copa_peru__azureedge.txt")
    rows = [
        (s.position, s.team, s.played, s.won, s.drawn, s.lost, s.goals_for, s.goals_against,
         s.goal_difference, s.points, s.line)
        for t in result.tables for s in t.standings
    ]  # fmt: skip
    assert rows == [
        (1, "Flamengo", 4, 4, 0, 0, 9, 2, 7, 12, 42),
        (2, "Juan Aurich", 4, 1, 0, 3, 3, 3, 0, 3, 43),
        (3, "Banco de la Nación", 4, 1, 0, 3, 3, 10, -7, 3, 44),
        (1, "Universidad César Vallejo", 6, 4, 1, 1, 10, 5, 5, 13, 61),
        (2, "UTC", 6, 3, 0, 3, 7, 6, 1, 9, 62),
        (3, "José Gálvez", 6, 2, 2, 2, 9, 6, 3, 8, 63),
        (4, "Coopsol Trujillo", 6, 1, 1, 4, 6, 15, -9, 4, 64),
    ]


def test_older_layout_extra_column_is_the_ties_third_match() -> None:
    result = read("2003_copa_peru__azureedge.txt")
    (group_a,) = [
        d for d in result.ties if d.team1 == "Atlético Grau" and d.team2 == "Sporting Pizarro"
    ]
    assert (group_a.team1_points, group_a.team2_points) == (6, 3)  # stated, legs 3:3 + extra 3:0
    assert (group_a.decided_by, group_a.winner) == ("points", "Atlético Grau")
    matches = [m for t in result.tables for m in t.matches if m.tie_id == group_a.tie_id]
    assert [(m.kind, m.home_team, m.home_goals, m.away_goals, m.neutral) for m in matches] == [
        ("leg_1", "Atlético Grau", 3, 1, False),
        ("leg_2", "Sporting Pizarro", 1, 0, False),
        ("tiebreaker", "Atlético Grau", 1, 0, True),
    ]
    # The stated points agree with legs plus the third match: no false alarm.
    assert [c for c, _ in codes(result, "warning")] == []


def test_site_chrome_and_infobox_lines_are_not_headings() -> None:
    result = read("2003_copa_peru__azureedge.txt")
    named = [f.message for f in result.findings if f.code == "heading-without-table"]
    # Only the cut last region heading has no table; chrome, the infobox and rows do not count.
    assert len(named) == 1 and "Region III" in named[0]
    assert (result.info.title, result.info.season, result.info.competition) == (
        "2003 Copa Perú", "2003", "Copa Perú",
    )  # fmt: skip


def test_spaced_ties_with_tooltip_header_and_shootouts() -> None:
    result = read("2024_ligas_departamentales_peru__riteme.txt")
    assert len(result.ties) == 20
    shootouts = [
        (d.team1, d.team1_aggregate, d.team2_aggregate, d.team1_penalties, d.team2_penalties,
         d.winner)
        for d in result.ties if d.team1_penalties is not None
    ]  # fmt: skip
    assert shootouts == [
        ("Unión Comercial", 2, 2, 2, 4, "San Juan de Luya"),
        ("Unión Santo Domingo", 3, 3, 5, 4, "Unión Santo Domingo"),
        ("River Santa", 4, 4, 6, 5, "River Santa"),
    ]
    lopsided = next(d for d in result.ties if d.team1 == "FC Yacupampa")
    assert (lopsided.team2, lopsided.team1_aggregate, lopsided.team2_aggregate) == (
        "Sport Áncash", 0, 11,
    )  # fmt: skip
    # The file stops inside the last row: named, never a record; no false contradiction.
    assert codes(result, "warning") == [("table-truncated", 65)]
    assert (result.info.season, result.info.competition) == (
        "2024", "Ligas Departamentales del Perú",
    )  # fmt: skip


def test_spaced_header_reads_multiword_labels_and_tooltips() -> None:
    header = parse_header("Team 1 Agg.Tooltip Aggregate score Team 2 1st leg 2nd leg")
    assert header is not None
    assert [role for _, role in header] == ["team1", "aggregate", "team2", "leg1", "leg2"]
    glued = parse_header("editPos Team Pld W D L GF GA GD Pts")
    assert glued is not None and [r for _, r in glued][:2] == ["position", "team"]
    assert parse_header("The tournament has 5 stages.") is None
    assert parse_header("Group A") is None


def test_spaced_row_names_may_hold_digits_and_parentheses() -> None:
    text = (
        "Title\nFirst stage\nTeam 1 Agg. Team 2 1st leg 2nd leg\n"
        "2 de Mayo 3–1 Independiente (Tumbes) 2–0 1–1\n"
        "Unión 1908 0–2 Sport 1 de Mayo 0–1 0–1\n"
    )
    result = parse(text)
    assert [(d.team1, d.team2, d.team1_aggregate, d.team2_aggregate) for d in result.ties] == [
        ("2 de Mayo", "Independiente (Tumbes)", 3, 1),
        ("Unión 1908", "Sport 1 de Mayo", 0, 2),
    ]


def test_ambiguous_spaced_row_is_an_error_and_no_record() -> None:
    # Two adjacent free-text columns (Venue, Notes) split the same words several ways.
    header = parse_header("Team 1 Score Team 2 Venue Notes")
    assert header is not None
    text = (
        "Title\nFinal\nTeam 1 Score Team 2 Venue Notes\n"
        "Alfa 1–0 Beta Estadio Nacional Lima after extra time\n"
    )
    result = parse(text)
    assert ("row-ambiguous", 4) in codes(result, "error")
    assert [m for t in result.tables for m in t.matches] == []


def test_alignment_counts_ways() -> None:
    from pipeline.frontends.text.flavours.spaced_rows import _column

    cols = tuple(_column(r, False) for r in ("position", "team", "played", "points"))
    plan, ways = align(tokens_of("3 2 de Mayo 4 9"), cols)
    assert ways == 1 and plan == ((0, 1), (1, 4), (4, 5), (5, 6))
    assert align(tokens_of("Flamengo four 9"), cols) == (None, 0)


# --- Rows rendered from wikitext ---------------------------------------------------------------


def test_header_that_lost_a_label_is_read_by_content() -> None:
    result = read("2011_ligas_departamentales_peru__wikipedia.txt")
    info = [f for f in result.findings if f.code == "columns-from-content"]
    assert [(f.severity, f.line) for f in info] == [("info", 20), ("info", 34)]
    tie = next(d for d in result.ties if d.line == 36)
    assert (tie.team1, tie.team2, tie.team1_points, tie.team2_points) == (
        "Mariscal Benavides", "San Antonio de Chontapampa", 0, 6,
    )  # fmt: skip
    legs = [(m.home_team, m.home_goals, m.away_goals) for m in tie.tie.legs]
    assert legs == [("Mariscal Benavides", 5, 7), ("San Antonio de Chontapampa", 2, 0)]
    assert not [f for f in result.findings if f.severity == "warning"]


def test_wiki_links_show_their_label_and_keep_their_target() -> None:
    result = read("2011_ligas_departamentales_peru__wikipedia.txt")
    first = next(d for d in result.ties if d.line == 28)
    assert (first.team1, first.tie.team1_link) == ("Unión Santo Domingo", "Unión Santo Domingo")
    # `[[Points (association football)` is the Points column: stated points are read.
    assert (first.team1_points, first.team2_points) == (1, 4)
    text = "Title\nFinal\n| Team 1 | Agg. | Team 2 | 1st leg | 2nd leg |\n" + (
        "| [[Alianza Lima|Alianza]] | 2–1 | [[Club Sporting Cristal|Cristal]] | 1–0 | 1–1 |\n"
    )
    (tie,) = parse(text).ties
    assert (tie.team1, tie.tie.team1_link, tie.team2, tie.tie.team2_link) == (
        "Alianza", "Alianza Lima", "Cristal", "Club Sporting Cristal",
    )  # fmt: skip


def test_wikitext_heading_lines_nest_by_level() -> None:
    result = read("2011_ligas_departamentales_peru__wikipedia.txt")
    tie = next(d for d in result.ties if d.line == 36)
    table = next(t for t in result.tables if t.table_id == tie.table_id)
    assert table.section.path == ("Liga Departamental de Amazonas", "Zona Sur", "Second Stage")
    assert result.info.title == "2011 Ligas Departamentales del Peru"


def test_season_comes_from_the_page_statement_not_a_link_or_founding_date() -> None:
    text = "Liga Regional\nFounded1926\n2002\n2004\nSeason2003\n\nSome words of prose here.\n"
    result = parse(text + "Final\nTeam 1 | Score | Team 2 |\nA | 1–0 | B |\n")
    assert result.info.season == "2003"
    assert result.info.competition == "Liga Regional"
    span = parse("The 2015/16 Liga Uno season was the first.\nFinal\nTeam 1 | Score | Team 2 |\n")
    assert span.info.season == "2015–16"


# --- Headers in other languages ------------------------------------------------------------------


def _standings(result: PageResult) -> list[tuple[object, ...]]:
    return [
        (s.team, s.played, s.won, s.drawn, s.lost, s.goals_for, s.goals_against, s.points)
        for t in result.tables for s in t.standings
    ]  # fmt: skip


BALANCED = [("Alianza", 2, 1, 1, 0, 3, 1, 4), ("Unión 1908", 2, 0, 1, 1, 1, 3, 1)]


def test_spanish_header_joined_by_spaces() -> None:
    text = (
        "Título\nGrupo A\nPos Equipo PJ PG PE PP GF GC DG Pts\n"
        "1 Alianza 2 1 1 0 3 1 +2 4\n2 Unión 1908 2 0 1 1 1 3 −2 1\n"
    )
    assert _standings(parse(text)) == BALANCED


def test_french_header_where_n_is_drawn_and_p_is_lost() -> None:
    text = (
        "Titre\nGroupe A\n| Rang | Équipe | Pts | J | G | N | P | BP | BC | Diff |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
        "| 1 | Alianza | 4 | 2 | 1 | 1 | 0 | 3 | 1 | +2 |\n"
        "| 2 | Unión 1908 | 1 | 2 | 0 | 1 | 1 | 1 | 3 | −2 |\n"
    )
    result = parse(text)
    assert _standings(result) == BALANCED
    assert [f for f in result.findings if f.severity != "info"] == []


def test_german_header_where_n_is_lost() -> None:
    cells = ["Pl.", "Verein", "Sp.", "S", "U", "N", "Diff.", "Pkt."]
    cells += ["1", "Alianza", "2", "1", "1", "0", "+2", "4"]
    cells += ["2", "Unión 1908", "2", "0", "1", "1", "−2", "1"]
    result = parse("Titel\nGruppe A\n" + "".join(f"{c}\n|\n" for c in cells))
    rows = [(s.team, s.won, s.drawn, s.lost, s.points) for t in result.tables for s in t.standings]
    assert rows == [("Alianza", 1, 1, 0, 4), ("Unión 1908", 0, 1, 1, 1)]


def test_spanish_two_legged_header_and_walkover_words() -> None:
    text = (
        "Título\nOctavos de final\nEquipo 1 | Global | Equipo 2 | Ida | Vuelta |\n"
        "Alianza | 3–1 | Unión 1908 | 2–0 | 1–1 |\n"
        "Cienciano | w.o. | Sport Boys | | |\n"
    )
    ties = parse(text).ties
    first = ties[0]
    assert (first.team1, first.team1_aggregate, first.team2_aggregate, first.winner) == (
        "Alianza", 3, 1, "Alianza",
    )  # fmt: skip
    assert ties[1].tie.walkover and ties[1].team1_aggregate is None


# --- A table cut by the end of the file ----------------------------------------------------------

SEED = Path(__file__).parent / "fixtures" / "2004_copa_peru.txt"


def _seed_cut_after(team: str, lines_after: int, final_newline: bool = True) -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = lines.index(team) + lines_after
    return "\n".join(lines[:at]) + ("\n" if final_newline else "")


def test_cut_standings_row_with_whole_stats_is_kept_and_no_false_alarm() -> None:
    # Sport Vallejo's stats are whole; the file ends inside its results-matrix cells.
    for final_newline in (True, False):
        result = parse(_seed_cut_after("Sport Vallejo", 26, final_newline))
        table = result.tables[-1]
        assert [(s.team, s.points, s.team_abbr) for s in table.standings] == [
            ("José Gálvez", 13, "GAL"), ("Sport Vallejo", 13, "SPV"),
        ]  # fmt: skip
        vallejo = [
            (m.away_team, m.score_text) for m in table.matches if m.home_team == "Sport Vallejo"
        ]
        # The last cell before the cut (`6–3`) may itself be cut: never stored as a value.
        assert vallejo == [("José Gálvez", "2–1"), ("ETT", "1–1")]
        warnings = [(f.code, f.line) for f in result.findings if f.severity == "warning"]
        assert warnings == [("table-truncated", 215)]
        skipped = [f for f in result.findings if f.code == "checks-skipped-cut"]
        assert len(skipped) == 1 and "standings-vs-results" in skipped[0].message


def test_cut_tie_row_missing_only_its_shootout_is_kept() -> None:
    text = (
        "Title\nFirst stage\n| Team 1 | Agg. | Team 2 | 1st leg | 2nd leg | Pen. |\n"
        "| Alfa | 3–1 | Beta | 2–0 | 1–1 | |\n"
        "| Gamma | 2–2 | Delta | 1–1 | 1–1 |"
    )
    result = parse(text)
    assert [(d.team1, d.team2, d.team1_aggregate) for d in result.ties] == [
        ("Alfa", "Beta", 3), ("Gamma", "Delta", 2),
    ]  # fmt: skip
    assert [f.code for f in result.findings if f.severity == "warning"] == ["table-truncated"]


# --- Pages with no football table; lines that are no headings ------------------------------------


def test_page_with_no_football_table_says_so_naming_its_tabular_lines() -> None:
    result = parse("Title\nSome prose here, a sentence.\nA | B |\nC | D |\n")
    (finding,) = [f for f in result.findings if f.code == "no-football-table"]
    assert (finding.severity, finding.line) == ("warning", 3)
    assert "lines 3–4" in finding.message
    plain = parse("Just a title\nSome prose, a sentence.\n")
    assert [f.code for f in plain.findings] == ["no-football-table"]
    assert [f.code for f in parse("").findings] == ["empty-input"]
    assert "no-football-table" not in [
        f.code for f in read("2003_copa_peru__azureedge.txt").findings
    ]


def test_a_cut_last_line_is_no_heading() -> None:
    result = parse("Title\nFinal\nTeam 1 | Score | Team 2 |\nA | 1–0 | B |\nSecond sta")
    assert [f.code for f in result.findings if f.code == "heading-without-table"] == []


def test_partial_tie_row_is_read_as_far_as_it_goes() -> None:
    result = read("2011_ligas_departamentales_peru__wikipedia.txt")
    (tie,) = [d for d in result.ties if d.line == 22]
    assert (tie.team1, tie.team2, tie.team1_points, tie.team2_points) == ("Grupo Malca", None, 1, 4)
    codes_at = [(f.code, f.severity) for f in result.findings if f.line in (20, 22)]
    assert ("row-partial", "info") in codes_at and ("columns-from-content", "info") in codes_at


# --- Order: points only unless the page states more ----------------------------------------------

LEVEL = (
    "Title\nGroup A\n{rule}\nPos | Team | Pld | W | D | L | GF | GA | GD | Pts |\n"
    "1 | Alfa | 2 | 1 | 0 | 1 | 2 | 2 | 0 | 3 |\n"
    "2 | Beta | 2 | 1 | 0 | 1 | 4 | 3 | +1 | 3 |\n"
    "3 | Gamma | 2 | 1 | 0 | 1 | 3 | 4 | −1 | 3 |\n"
)


def test_level_teams_are_never_judged_on_goal_difference_by_default() -> None:
    result = parse(LEVEL.format(rule="Some prose about the group."))
    assert [f.code for f in result.findings if f.code.startswith("order")] == [
        "order-level", "order-level",
    ]  # fmt: skip


def test_a_stated_goal_average_rule_is_applied() -> None:
    rule = "Teams level on points were separated by goal average."
    result = parse(LEVEL.format(rule=rule))
    # Goal average: Alfa 1.000, Beta 1.333, Gamma 0.750: Beta ranks above Alfa.
    violations = [(f.team, f.line) for f in result.findings if f.code == "order-violation"]
    assert violations == [("Beta", 6)]


def test_edit_link_glued_to_the_first_header_cell() -> None:
    text = (
        "Title\nGroup A\neditPos | Team | Pld | W | D | L | GF | GA | GD | Pts |\n"
        "1 | Alfa | 2 | 1 | 1 | 0 | 3 | 1 | +2 | 4 |\n2 | Beta | 2 | 0 | 1 | 1 | 1 | 3 | −2 | 1 |\n"
    )
    assert [(s.team, s.points) for t in parse(text).tables for s in t.standings] == [
        ("Alfa", 4), ("Beta", 1),
    ]  # fmt: skip


def test_data_rows_and_header_lines_no_table_took_are_not_headings() -> None:
    from pipeline.frontends.text.blocks import looks_like_heading

    for line in ("1 Flamengo 4 4 0 0 9 2 +7 12", "Atlético Grau 6–3 Sporting Pizarro",
                 "Pos Team Pld W D L GF GA GD Pts", "Teams Scores"):  # fmt: skip
        assert not looks_like_heading(line), line
    for line in ("Group A", "Round of 16", "2015 Final", "2004–05 season", "Liga 2"):
        assert looks_like_heading(line), line


# --- Cut from text exports a helper made of the shared HTML articles (pages we did not develop
# against): HTML copied as text, and cell per line. Each snippet is verbatim from such a page.

BELARUS = """1994–95 Belarusian Premier League
Table
Pos Team Pld W D L GF GA GD Pts Qualification or relegation
1 Dinamo Minsk (C) 30 20 8 2 83 24 +59 48 1995–96 UEFA Cup Preliminary round
2 Dvina Vitebsk 30 16 13 1 46 15 +31 45
3 Dinamo-93 Minsk 30 16 10 4 52 22 +30 42 1995–96 UEFA Cup Winners' Cup Qualifying round
"""


def test_status_mark_in_a_spaced_row_stays_with_the_team() -> None:
    rows = [
        (s.position, s.team, s.notes, s.played, s.points, s.qualification)
        for t in parse(BELARUS).tables for s in t.standings
    ]  # fmt: skip
    assert rows == [
        (1, "Dinamo Minsk", ("C",), 30, 48, "1995–96 UEFA Cup Preliminary round"),
        # In HTML copied as text an empty cell vanishes: nothing is copied from above.
        (2, "Dvina Vitebsk", (), 30, 45, None),
        (3, "Dinamo-93 Minsk", (), 30, 42, "1995–96 UEFA Cup Winners' Cup Qualifying round"),
    ]


EGYPT = """2008–09 Egyptian Premier League
League table
Pos Prg Club Pld W D L F A ± Pts Comments
1 = Al-Ahly (C) 30 18 9 3 52 25 27 63 CAF Champions League 2010
1 = Ismaily 30 20 3 7 52 31 21 63
3 ▲ 2 Petrojet 30 13 12 5 47 38 9 51 CAF Confederation Cup 2010
"""


def test_unknown_header_labels_are_columns_of_their_own() -> None:
    result = parse(EGYPT)
    rows = [(s.position, s.team, s.points) for t in result.tables for s in t.standings]
    assert rows == [(1, "Al-Ahly", 63), (1, "Ismaily", 63), (3, "Petrojet", 51)]
    # `Prg` is a rank change (`=`, `▲ 2`): known to carry nothing the contract stores.
    quiet = [f for f in result.findings if f.code == "column-not-output"]
    assert len(quiet) == 1 and "'Prg'" in quiet[0].message
    assert not [f for f in result.findings if f.code == "column-unread"]
    # A label no kind knows in its place is a column of its own, named as unread.
    unknown = parse(EGYPT.replace(" Prg ", " Xyq "))
    rows = [(s.position, s.team, s.points) for t in unknown.tables for s in t.standings]
    assert rows == [(1, "Al-Ahly", 63), (1, "Ismaily", 63), (3, "Petrojet", 51)]
    unread = [f for f in unknown.findings if f.code == "column-unread"]
    assert len(unread) == 1 and "'Xyq'" in unread[0].message


MATRIX = """2011–12 Costa Rican Primera División
Results
Home \\ Away[1] ALA BEL CAR
Alajuelense 1–0 4–0
Belén 1–2 1–1
Cartaginés 0–2 2–2
"""


def test_spaced_results_matrix_places_the_vanished_diagonal() -> None:
    result = parse(MATRIX)
    matches = [(m.home_team, m.away_team, m.home_goals, m.away_goals) for t in result.tables
               for m in t.matches]  # fmt: skip
    assert matches == [
        ("Alajuelense", "Belén", 1, 0), ("Alajuelense", "Cartaginés", 4, 0),
        ("Belén", "Alajuelense", 1, 2), ("Belén", "Cartaginés", 1, 1),
        ("Cartaginés", "Alajuelense", 0, 2), ("Cartaginés", "Belén", 2, 2),
    ]  # fmt: skip


def test_p_before_the_team_is_the_position_where_pld_follows() -> None:
    cells = ["P", "Team", "Pld", "W", "D", "L", "F", "A", "GD", "Pts"]
    cells += ["1", "Tarxien (C)", "18", "12", "3", "3", "32", "17", "+15", "39"]
    cells += ["2", "Mosta", "18", "11", "4", "3", "30", "15", "+15", "37"]
    result = parse(
        "Maltese First Division\nFinal League Table\n" + "".join(f"{c}\n|\n" for c in cells)
    )
    rows = [(s.position, s.team, s.played, s.points) for t in result.tables for s in t.standings]
    assert rows == [(1, "Tarxien", 18, 39), (2, "Mosta", 18, 37)]


def test_a_navbox_title_starts_a_block_of_its_own() -> None:
    cells = ["Home \\ Away", "ALP", "BET", "Alpha", "", "1–0", "Beta", "2–2", ""]
    navbox = ["v t e Maltese First Division 2007-08", "", "Alpha Beta Gamma"]
    text = "Title\nResults\n" + "".join(f"{c}\n|\n" for c in cells + navbox)
    result = parse(text)
    kinds = [t.kind for t in result.tables]
    assert kinds == ["results_matrix", "unknown"]
    assert len(result.tables[0].matches) == 2


def test_a_team_code_vte_is_no_navbox_title() -> None:
    # `v t e` (view, talk, edit) are separate letters; a matrix header's `VTE` is a team code.
    cells = ["Home \\ Away", "ALP", "VTE", "Alpha", "", "1–0", "Vite", "2–2", ""]
    result = parse("Title\nResults\n" + "".join(f"{c}\n|\n" for c in cells))
    assert [t.kind for t in result.tables] == ["results_matrix"]
    assert len(result.tables[0].matches) == 2


def test_a_one_row_table_holding_a_match_is_an_unread_warning() -> None:
    # The 2003 Apertura final, written as `Team | Score | Team` under an unknown header.
    text = "Title\nFinal\nHome side | Outcome | Away side |\nFAS | 1–2 | Águila |\n"
    codes_ = [(f.code, f.severity) for f in parse(text).findings if f.code.startswith("table")]
    assert codes_ == [("table-unread", "warning")]


def test_a_standings_table_pairs_with_the_matrix_of_its_teams_under_a_sibling_heading() -> None:
    # 2011–12 Costa Rica: `Standings` and `Results` are sibling headings of one stage.
    text = (
        "Title\nFirst stage\nStandings\nPos Team Pld W D L GF GA GD Pts\n"
        "1 Alajuelense 4 2 2 0 6 2 +4 8\n2 Belén 4 1 2 1 4 4 0 5\n3 Cartaginés 4 0 2 2 2 6 −4 2\n"
        "Results\nHome \\ Away ALA BEL CAR\nAlajuelense 2–1 2–0\nBelén 1–1 2–1\n"
        "Cartaginés 1–1 0–0\n"
    )
    result = parse(text)
    found = [(f.code, f.team, f.field) for f in result.findings if f.severity == "warning"]
    # Alajuelense's matrix cells: 2–1, 2–0 at home, 1–1 and 1–1 away: GF 6, GA 3 (stated 2).
    assert ("standings-vs-results", "Alajuelense", "goals_against") in found


def test_scorer_lines_of_a_match_box_are_no_headings() -> None:
    from pipeline.frontends.text.blocks import looks_like_heading

    assert not looks_like_heading("Hamed 20'")
    assert not looks_like_heading("Ali 45+2′")


# --- From a second reading of text exports made from other shared HTML articles ------------


def test_points_with_a_bare_symbol_mark_keep_the_table_going() -> None:
    # 2012–13 Southern League, HTML copied as text: `22*` (a deduction's footnote).
    text = (
        "Title\nLeague table\nPos Team Pld W D L GF GA GD Pts Qualification or relegation\n"
        "21 Bedworth United (R) 42 11 9 22 39 73 −34 42 Relegation to the NPL Division One South\n"
        "22 Kettering Town (R) 42 8 8 26 47 102 −55 22* Relegation to the Division One Central\n"
    )
    rows = [(s.team, s.points, s.points_marks) for t in parse(text).tables for s in t.standings]
    assert rows == [("Bedworth United", 42, ()), ("Kettering Town", 22, ("*",))]


def test_a_row_that_fits_no_reading_is_named_and_the_table_goes_on() -> None:
    text = (
        "Title\nLeague table\nPos Team Pld W D L GF GA GD Pts\n"
        "1 Alfa 2 1 1 0 3 1 +2 4\n2 Beta 2 0 1 1 1 3 −2 one\n3 Gamma 2 0 1 1 1 1 0 1\n"
    )
    result = parse(text)
    assert [s.team for t in result.tables for s in t.standings] == ["Alfa", "Gamma"]
    assert [(f.code, f.severity, f.line) for f in result.findings if f.code == "row-unplaced"] == [
        ("row-unplaced", "warning", 5)
    ]


def test_a_date_column_in_spaced_rows_never_joins_a_team_name() -> None:
    # 1978–79 Scottish League Cup, HTML copied as text.
    text = (
        "Title\nFirst Round\nHome Team Score Away Team Date\n"
        "Alloa Athletic 4–1 Stirling Albion 16-08-1978\n"
        "Berwick Rangers 2–0 St. Johnstone 16-08-1978\n"
    )
    matches = [(m.home_team, m.away_team, m.home_goals, m.date) for t in parse(text).tables
               for m in t.matches]  # fmt: skip
    assert matches == [
        ("Alloa Athletic", "Stirling Albion", 4, "16-08-1978"),
        ("Berwick Rangers", "St. Johnstone", 2, "16-08-1978"),
    ]


def test_a_date_column_first_in_cell_per_line_is_no_header_cell() -> None:
    # 2007–08 Hazfi Cup, cell per line: the first row starts with its date.
    cells = ["Date", "Home team", "Score", "Away team", "Notes"]
    cells += ["15 October 2007", "Naft Tehran", "0-1", "Shahrdari Bandar Abbas", ""]
    cells += ["15 October 2007", "Steel Azin", "2-1", "Shahrdari Shahr Ray", ""]
    result = parse("Title\nFirst round\n" + "".join(f"{c}\n|\n" if c else "|\n" for c in cells))
    matches = [(m.home_team, m.away_team, m.home_goals, m.away_goals, m.date)
               for t in result.tables for m in t.matches]  # fmt: skip
    assert matches == [
        ("Naft Tehran", "Shahrdari Bandar Abbas", 0, 1, "15 October 2007"),
        ("Steel Azin", "Shahrdari Shahr Ray", 2, 1, "15 October 2007"),
    ]


def test_contents_lines_colour_keys_and_venues_are_no_headings() -> None:
    from pipeline.frontends.text.blocks import looks_like_heading

    for line in ("9 External links", "7.2 Specific", "16 clubs from the first stage",
                 "Relegated to Tercera División", "Narcís Sala, Barcelona"):  # fmt: skip
        assert not looks_like_heading(line), line


def test_status_marks_one_after_another_and_away_goals_written_first() -> None:
    from pipeline.frontends.text.flavours.spaced_rows import tokens_of
    from pipeline.values import read_value

    assert read_value("Leamington (C) (P)").marks == ("C", "P")
    assert tokens_of("Real Unión (a) 6–6 Real Madrid 4–3 2–3")[:3] == ["Real", "Unión", "(a) 6–6"]


def test_extra_time_in_the_aggregate_belongs_to_the_second_leg() -> None:
    text = (
        "Title\nRound of 16\n| Team 1 | Agg. | Team 2 | 1st leg | 2nd leg |\n"
        "| Racing | 2–4 (a.e.t.) | Valencia | 1–1 | 1–3 |\n"
    )
    legs = [(m.kind, m.extra_time) for t in parse(text).tables for m in t.matches]
    assert legs == [("leg_1", False), ("leg_2", True)]

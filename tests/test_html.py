"""The HTML front end on the shared Wikipedia articles (issue 12, first part): the same page
document as the text front end, so every kind and check works unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.page import PageResult, parse_page

HTML = Path(__file__).parent / "fixtures" / "html"


def read(stem: str) -> PageResult:
    (path,) = HTML.glob(f"{stem}*.html")
    return parse_page(path.read_bytes(), path.stem, f"raw/{path.name}")


def parse(text: str) -> PageResult:
    return parse_page(text.encode(), "case", "raw/case.html")


def test_league_table_matrix_and_links_of_a_whole_article() -> None:
    result = read("2007-08_maltese_first_division")
    assert result.info.rendering == "html"
    (league,) = [t for t in result.tables if t.kind == "league"]
    first = league.standings[0]
    assert (first.position, first.team, first.played, first.won, first.points, first.notes) == (
        1, "Tarxien", 18, 12, 39, ("C",),
    )  # fmt: skip
    assert first.team_link == "Tarxien Rainbows F.C."
    (matrix,) = [t for t in result.tables if t.kind == "results_matrix"]
    assert len(matrix.matches) == 90
    assert result.info.season == "2007–08"


def test_headings_nest_by_their_level_and_rowspans_expand() -> None:
    result = read("2011-12_costa_rican_primera_division")
    paths = [t.section.path for t in result.tables if t.kind == "league"]
    assert paths[0] == ("Campeonato de Invierno", "First stage", "Standings")
    assert paths[1] == ("Campeonato de Verano", "First stage", "Standings")
    # Qualification cells span rows (rowspan): the covered rows take the spanning value.
    invierno = next(t for t in result.tables if t.kind == "league")
    assert [s.qualification for s in invierno.standings[:2]] == [
        "Advances to the Semifinals", "Advances to the Semifinals",
    ]  # fmt: skip
    found = {(f.code, f.team, f.field) for f in result.findings if f.severity == "warning"}
    assert ("standings-vs-results", "San Carlos", "goals_against") in found


def test_hidden_alignment_digit_and_symbol_marks() -> None:
    result = read("2012-13_southern_football_league")
    kettering = next(s for t in result.tables for s in t.standings if s.team == "Kettering Town")
    assert (kettering.points, kettering.points_marks) == (22, ("*",))
    noted = [f for f in result.findings if f.code == "points-deduction-noted"]
    assert any(f.team == "Kettering Town" for f in noted)
    assert not [f for f in result.findings if f.code == "points-deduction"]


def test_two_legged_ties_walkovers_and_shootouts() -> None:
    result = read("2011_caf_u23_championship_qualification")
    shootouts = [d for d in result.ties if d.team1_penalties is not None]
    assert shootouts and all(d.decided_by == "penalties" for d in shootouts)
    walkovers = [d for d in result.ties if d.tie.walkover]
    assert walkovers
    legs = [m for t in result.tables for m in t.matches if m.tie_id == walkovers[0].tie_id]
    assert all(m.home_goals is None and m.away_goals is None for m in legs)


def test_malformed_html_is_findings_not_a_traceback() -> None:
    for text in ("<table><tr><td rowspan=99999 colspan=abc>x</td>", "<h2>", "<p>" * 50, "<table>"):
        result = parse(text)
        assert result.info.rendering in ("html", "none")


def test_spans_follow_the_html_table_model() -> None:
    text = (
        "<h2>Group A</h2><table class='wikitable'>"
        "<tr><th>Pos</th><th>Team</th><th>Pld</th><th>W</th><th>D</th><th>L</th><th>GF</th>"
        "<th>GA</th><th>GD</th><th>Pts</th><th>Qualification</th></tr>"
        "<tr><td>1</td><td><a href='/wiki/Alfa_FC' title='Alfa FC'>Alfa</a>&nbsp;(C)</td>"
        "<td>2</td><td>1</td><td>1</td><td>0</td><td>3</td><td>1</td><td>+2</td><td>4</td>"
        "<td rowspan='{{{rows}}}'>Final</td></tr>"
        "<tr><td>2</td><td>Beta</td><td>2</td><td>0</td><td>1</td><td>1</td><td>1</td>"
        "<td>3</td><td>−2</td><td><span style='display:none'>0</span>1</td><td></td></tr>"
        "</table>"
    )
    result = parse(text)
    rows = [(s.team, s.team_link, s.notes, s.points, s.qualification)
            for t in result.tables for s in t.standings]  # fmt: skip
    # `rowspan="{{{rows}}}"` is not a number: a span of 1 (the spec's integer parsing).
    assert rows == [("Alfa", "Alfa FC", ("C",), 4, "Final"), ("Beta", None, (), 1, None)]


def test_football_boxes_are_matches_and_split_legs_pair_into_ties() -> None:
    result = read("2011-12_costa_rican_primera_division")
    # `Semifinals › First legs` and `› Second legs` hold the legs as football boxes.
    first_legs = next(t for t in result.tables if t.section.path[-1:] == ("First legs",))
    assert first_legs.kind == "two_legged"
    m = first_legs.matches[0]
    assert (m.kind, m.home_team, m.away_team, m.home_goals, m.away_goals) == (
        "leg_1", "Cartaginés", "Herediano", 1, 2,
    )  # fmt: skip
    assert m.home_team_link == "C.S. Cartaginés"
    assert m.date is not None and m.date.startswith("27 November 2011")
    assert m.venue is not None and m.venue.startswith("Estadio José Rafael Fello Meza")
    tie = next(d for d in result.ties if d.team1 == "Cartaginés")
    legs = [(leg.kind, leg.home_team, leg.home_goals, leg.away_goals) for leg in tie.tie.legs]
    assert legs == [("leg_1", "Cartaginés", 1, 2), ("leg_2", "Herediano", 1, 0)]
    assert (tie.decided_by, tie.winner) == ("aggregate", "Herediano")
    second_final = next(t for t in result.tables if t.section.path[-1:] == ("Second leg",))
    assert second_final.matches[0].extra_time
    # The scorers are named as not stored, never counted as data.
    assert any(f.code == "column-not-output" for f in result.findings)


def test_first_and_second_leg_tables_pair_into_ties() -> None:
    result = read("1978-79_scottish_league_cup")
    alloa = next(d for d in result.ties if d.team1 == "Alloa Athletic")
    assert alloa.team2 == "Stirling Albion"
    assert [(leg.home_team, leg.home_goals, leg.away_goals) for leg in alloa.tie.legs] == [
        ("Alloa Athletic", 4, 1), ("Stirling Albion", 0, 1),
    ]  # fmt: skip
    assert (alloa.decided_by, alloa.winner) == ("aggregate", "Alloa Athletic")


ROWS = Path(__file__).parent / "fixtures" / "rows"


def _records(result: PageResult) -> tuple[list[tuple[object, ...]], ...]:
    standings: list[tuple[object, ...]] = [
        (s.position, s.team, s.played, s.won, s.drawn, s.lost, s.goals_for, s.goals_against,
         s.goal_difference, s.points)
        for t in result.tables for s in t.standings
    ]  # fmt: skip
    matches: list[tuple[object, ...]] = [
        (m.home_team, m.away_team, m.home_goals, m.away_goals, m.home_penalties, m.status)
        for t in result.tables for m in t.matches
    ]  # fmt: skip
    ties: list[tuple[object, ...]] = [
        (d.team1, d.team2, d.team1_aggregate, d.team2_aggregate) for d in result.ties
    ]
    return standings, matches, ties


def test_the_row_rendering_of_a_table_gives_the_html_tables_records() -> None:
    # SOURCES.md: each rows/ file is one table of an html/ page; both must give the same data.
    for rows_path in sorted(ROWS.glob("*.txt")):
        key = rows_path.name.split("__wtq_")[1].replace("-csv_", "-page_")
        key = key.removesuffix(".table.txt")
        (html_path,) = HTML.glob(f"*{key}.html")
        table = parse_page(rows_path.read_bytes(), rows_path.stem, f"raw/{rows_path.name}")
        page = parse_page(html_path.read_bytes(), html_path.stem, f"raw/{html_path.name}")
        mine, whole = _records(table), _records(page)
        for part, (got, everything) in enumerate(zip(mine, whole, strict=True)):
            missing = [r for r in got if r not in everything]
            if rows_path.name.startswith("1992-93") and part == 0:
                # The row rendering lost a footnote's brackets: `CE Sabadell FC 1` is the
                # HTML's `CE Sabadell FC` with the mark `1`.
                assert [r[1] for r in missing] == ["CE Sabadell FC 1"], rows_path.name
                continue
            assert missing == [], rows_path.name


def test_a_shootout_stated_only_in_a_notes_cell_goes_to_the_match() -> None:
    result = read("2007-08_hazfi_cup")
    steel = next(m for t in result.tables for m in t.matches if m.home_team == "Steel Azin"
                 and m.away_team == "Damash Iranian")  # fmt: skip
    # "Steel Azin progress 4-1 on penalties" after a 1-1 draw.
    assert (steel.home_goals, steel.away_goals, steel.home_penalties, steel.away_penalties) == (
        1, 1, 4, 1,
    )  # fmt: skip
    assert steel.winner == "Steel Azin"
    walkovers = [m for t in result.tables for m in t.matches if m.status == "walkover"]
    assert walkovers and all(m.home_goals is None for m in walkovers)


def test_matrix_columns_map_to_teams_through_their_links() -> None:
    result = read("2012-13_southern_football_league")
    found = {(f.code, f.team, f.field) for f in result.findings if f.severity == "warning"}
    # Hemel Hempstead's stated GA disagrees with its matrix; Kettering's marked points don't
    # count against the matrix (the page's note explains the deduction).
    assert ("standings-vs-results", "Hemel Hempstead Town", "goals_against") in found
    assert ("standings-vs-results", "Kettering Town", "points") not in found


def test_a_round_printed_as_a_table_and_as_boxes_is_kept_once() -> None:
    result = read("2008-09_copa_del_rey")
    second = [t for t in result.tables if t.label.startswith("Second round")]
    summary, boxes = second[0], second[1]
    assert len(summary.matches) == 22 and boxes.matches == ()
    # The summary's matches take the boxes' dates and venues.
    assert summary.matches[0].date == "3 September 2008"
    repeated = [f for f in result.findings if f.code == "matches-repeated"]
    assert any(f.line == boxes.line for f in repeated)


def test_a_football_box_shootout_decides_the_tie_its_legs_make() -> None:
    result = read("2011-12_costa_rican_primera_division")
    final = next(d for d in result.ties if d.team1 == "Alajuelense" and d.team2 == "Herediano")
    # Legs 1–1 and 1–1 (a.e.t.); the second-leg box states `Penalties` then `5 – 6` (Herediano
    # at home), so Alajuelense won the shoot-out 6–5.
    assert (final.team1_penalties, final.team2_penalties) == (6, 5)
    assert (final.decided_by, final.winner) == ("penalties", "Alajuelense")


# Current Parsoid HTML, written from its published specification (mediawiki.org "Parsoid/MediaWiki
# DOM spec"): a whole document, `<section>` per heading, `div.mw-heading` around `h2`,
# `typeof="mw:Transclusion"` tables and `./Title` links. Synthetic: no shared page is Parsoid.
PARSOID = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>2014 Copa Perú - Wikipedia</title></head>
<body class="mw-content-ltr parsoid-body mediawiki mw-parser-output">
<section data-mw-section-id="0"><p>The <b>2014 Copa Perú</b> season.</p></section>
<section data-mw-section-id="1"><div class="mw-heading mw-heading2"><h2 id="Group_A">Group A</h2>
</div><table class="wikitable" about="#mwt3" typeof="mw:Transclusion">
<tbody><tr><th>Pos</th><th>Team</th><th>Pld</th><th>W</th><th>D</th><th>L</th><th>GF</th>
<th>GA</th><th>GD</th><th>Pts</th></tr>
<tr><td>1</td><td><a rel="mw:WikiLink" href="./Alianza_Lima" title="Alianza Lima">Alianza Lima</a>
</td><td>2</td><td>1</td><td>1</td><td>0</td><td>3</td><td>1</td><td>+2</td><td>4</td></tr>
<tr><td>2</td><td>Cienciano</td><td>2</td><td>0</td><td>1</td><td>1</td><td>1</td><td>3</td>
<td>−2</td><td>1</td></tr></tbody></table></section></body></html>"""


def test_parsoid_html_reads_like_the_rendered_html() -> None:
    result = parse(PARSOID)
    assert (result.info.title, result.info.season, result.info.competition) == (
        "2014 Copa Perú", "2014", "Copa Perú",
    )  # fmt: skip
    rows = [(s.team, s.team_link, s.points) for t in result.tables for s in t.standings]
    assert rows == [("Alianza Lima", "Alianza Lima", 4), ("Cienciano", None, 1)]
    assert [t.section.path for t in result.tables] == [("Group A",)]


def test_a_round_column_is_named_not_stored_and_its_ties_are_read() -> None:
    result = read("1994-95_belarusian_premier_league")
    ties = [(d.team1, d.team2, d.team1_aggregate, d.team2_aggregate, d.winner) for d in result.ties]
    assert ties == [
        ("Dinamo Minsk", "Hibernians", 6, 5, "Dinamo Minsk"),
        ("Dinamo Minsk", "Lazio", 1, 4, "Lazio"),
        ("Bobruisk", "Tirana", 4, 4, "Tirana"),
    ]
    assert not [f for f in result.findings if f.code == "column-unread"]


def test_boxes_repeating_a_summary_tables_legs_are_kept_once() -> None:
    result = read("2011_caf_u23_championship_qualification")
    matches = [m for t in result.tables for m in t.matches]
    # 31 ties in the summary tables; their boxes (first and second legs) repeat the legs.
    assert len(result.ties) == 31 and len(matches) == 62
    assert not [f for f in result.findings if f.severity == "warning"]
    assert sum(f.code == "matches-repeated" for f in result.findings) >= 20


def test_a_bold_team_fills_the_winner_only_where_the_legs_leave_the_tie_undecided() -> None:
    head = (
        "<h2>Final</h2><table class='wikitable'><tr><th>Team 1</th><th>Agg.</th>"
        "<th>Team 2</th><th>1st leg</th><th>2nd leg</th></tr>"
    )
    level = head + (
        "<tr><td>Alfa</td><td>2–2</td><td><b>Beta</b></td><td>1–1</td><td>1–1</td></tr></table>"
    )
    decided = head + (
        "<tr><td>Alfa</td><td>3–2</td><td><b>Beta</b></td><td>2–1</td><td>1–1</td></tr></table>"
    )
    (tie,) = parse(level).ties
    assert (tie.winner, tie.decided_by) == ("Beta", "unknown")
    assert [f.code for f in parse(level).findings if f.code == "winner-bold"] == ["winner-bold"]
    (won,) = parse(decided).ties  # the legs decide: bold never overrides them
    assert (won.winner, won.decided_by) == ("Alfa", "aggregate")


def test_a_shootout_stated_with_no_score_keeps_null_goals() -> None:
    # Malta 2007–08, Promotion Play off: `4-3(pens.)` states the shoot-out, not the score.
    result = read("2007-08_maltese_first_division")
    (match,) = [m for t in result.tables if t.kind == "single_match" for m in t.matches]
    assert (match.home_team, match.away_team) == ("Qormi", "Mosta")
    assert (match.home_goals, match.away_goals) == (None, None)
    assert (match.home_penalties, match.away_penalties, match.winner) == (4, 3, "Qormi")
    assert not [f for f in result.findings if f.code == "cell-unparsed"]
    # `Mellieha (R))`: the status mark with a stray bracket is a mark, not part of the name.
    teams = [s.team for t in result.tables for s in t.standings]
    assert "Mellieha" in teams


def test_byes_replays_and_aggregates_written_with_a_leg() -> None:
    # 1991 CONCACAF Champions' Cup (WikiTableQuestions 203-page/571, read by a helper value by
    # value): `bye` rows, a `0 - 1 (Replay)` row, `1 - 0 AGG. (1 - 0)` under a leg's score.
    result = read("1991_concacaf_champions_cup")
    byes = [f for f in result.findings if f.code == "tie-bye"]
    assert [f.line for f in byes] == [113, 120, 273, 397, 445, 479, 506]  # first cells
    assert all(d.team1 and d.team2 for d in result.ties)  # a bye makes no tie
    ties = {(d.team1, d.team2): d for d in result.ties}
    motagua = ties[("C.D. Motagua", "CSD Comunicaciones")]
    assert (motagua.decided_by, motagua.winner, motagua.winner_inferred) == (
        "tiebreaker", "CSD Comunicaciones", False,
    )  # fmt: skip
    replay = next(m for t in result.tables for m in t.matches if m.kind == "tiebreaker")
    assert (replay.home_goals, replay.away_goals, replay.tie_id) == (0, 1, motagua.tie_id)
    # Final Series: two single-score tables, the second's score carrying the aggregate.
    semi = ties[("Real España", "Police F.C.")]
    assert (semi.team1_aggregate, semi.team2_aggregate, semi.winner) == (0, 1, "Police F.C.")
    # The final over two football boxes: `1 – 1 AGG. (2 - 4)` keeps its teams and score.
    final = ties[("Puebla F.C.", "Police F.C.")]
    assert (final.team1_aggregate, final.team2_aggregate, final.winner) == (4, 2, "Puebla F.C.")
    legs = [m for t in result.tables for m in t.matches if m.tie_id == final.tie_id]
    assert [(m.home_team, m.home_goals, m.away_goals, m.date) for m in legs] == [
        ("Puebla F.C.", 3, 1, "1991-09-18"), ("Police F.C.", 1, 1, "1991-09-24"),
    ]  # fmt: skip
    # Level on aggregate with no stated rule: the bold team in the tie's own row went through.
    reno = ties[("Police F.C.", "Reno F.C.")]
    assert (reno.winner, reno.winner_inferred) == ("Police F.C.", False)
    assert not [f for f in result.findings if f.severity != "info"]


def test_a_headerless_play_off_table_pairs_home_and_away_matches() -> None:
    # 1961–62 Segunda División: empty `<th>`s, `Home Matches:` / `Away Matches:` rows, `Agg:`.
    result = read("1961-62_segunda_division")
    ties = [(d.team1, d.team2, d.team1_aggregate, d.team2_aggregate, d.winner, d.decided_by)
            for d in result.ties]  # fmt: skip
    assert ties == [
        ("Espanyol", "Valladolid", 1, 2, "Valladolid", "aggregate"),
        ("Málaga", "Racing", 3, 1, "Málaga", "aggregate"),
        ("Condal", "Indautxu", 1, 4, "Indautxu", "aggregate"),
        ("Alcoyano", "Baskonia", 1, 2, "Baskonia", "aggregate"),
        ("Avilés Ind.", "San Fernando", 4, 8, "San Fernando", "aggregate"),
        ("Melilla", "Albacete", 0, 0, "Melilla", "tiebreaker"),
    ]
    assert not [f for f in result.findings if f.code in ("table-unread", "aggregate-unpaired")]


def test_spelled_out_goal_columns_are_goals_not_a_results_matrix() -> None:
    # 1926 in Brazilian football (203-page/654): `Points | Played | … | For | Against |
    # Difference`. Read as a matrix once, it invented 48 matches and 134 false warnings.
    result = read("1926_in_brazilian_football")
    leagues = [t for t in result.tables if t.kind == "league"]
    assert [len(t.standings) for t in leagues] == [10, 8]
    first = leagues[0].standings[0]
    assert (first.team, first.goals_for, first.goals_against, first.goal_difference) == (
        "Palestra Itália-SP", 33, 8, 25,
    )  # fmt: skip
    assert not [m for t in leagues for m in t.matches]
    assert not [f for f in result.findings if f.severity != "info"]


def test_capture_metadata_an_unlabelled_qualification_and_a_round_named_with_its_leg() -> None:
    # Primera División Clausura 2006 (203-page/30): no <title> or h1, a render capture comment.
    result = read("2006_clausura_el_salvador")
    assert result.info.title == "2006_clausura_el_salvador_primera_division__wtq_203-page_30"
    assert (result.info.revision, result.info.retrieved) == ("573342222", "2014-06-17T21:30:30")
    balboa = next(s for t in result.tables for s in t.standings if "Balboa" in s.team)
    assert balboa.qualification == "Relegated to Segunda División de Fútbol Salvadoreño"
    assert not [f for f in result.findings if f.code == "column-unread"]
    # `Semifinals 1st Leg` / `Semifinals 2nd Leg`: legs of the round `Semifinals`.
    (semis,) = [t for t in result.tables if t.kind == "two_legged"]
    assert semis.section.round == "Semifinals"
    warnings = [(f.code, f.team) for f in result.findings if f.severity == "warning"]
    assert warnings == [("row-arithmetic", "C.D. Chalatenango")]


BRACKET = """<h2>Semifinals</h2>
<table class="wikitable"><tr><th>Team 1</th><th>Agg.</th><th>Team 2</th><th>1st leg</th>
<th>2nd leg</th></tr>
<tr><td>Alfa</td><td>3–1</td><td>Beta</td><td>2–0</td><td>1–1</td></tr></table>
<h2>Bracket</h2>
<table border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="4">Semifinals</td><td></td><td colspan="2">Final</td></tr>
<tr><td>Alfa</td><td>2</td><td>1</td><td>3</td><td></td><td></td><td></td></tr>
<tr><td>Beta</td><td>0</td><td>1</td><td>1</td><td></td><td>Alfa</td><td>1</td></tr>
<tr><td>Gamma</td><td>1</td><td>0</td><td>1</td><td></td><td>Delta</td><td>0</td></tr>
<tr><td>Delta</td><td>2</td><td>2</td><td>4</td><td></td><td></td><td></td></tr>
</table>"""


def test_a_bracket_reads_its_single_matches_and_names_legs_no_table_holds() -> None:
    # The drawing of {{4TeamBracket}}-style tables (2008–09 Copa del Rey, 2011–12 Costa Rica):
    # round names over column groups, each tie two slots one above the other.
    result = parse(BRACKET)
    (bracket,) = [t for t in result.tables if t.kind == "bracket"]
    # The final (one score a slot) is a single match no other table holds: read, upper first.
    assert [(m.home_team, m.away_team, m.home_goals, m.away_goals, m.round_name)
            for m in bracket.matches] == [("Alfa", "Delta", 1, 0, "Final")]  # fmt: skip
    assert len(result.ties) == 1  # only the semifinal the page prints as a table
    unread = [(f.line, f.message) for f in result.findings if f.code == "bracket-unread"]
    # Gamma v Delta's legs are in no table, and a bracket draws no home side: named.
    assert [line for line, _ in unread] == [10]
    assert "Gamma v Delta" in unread[0][1]
    # A real bracket whose every pair is a round's tie: one info, no warning, no repeat.
    copa = read("2008-09_copa_del_rey")
    summary = [f for f in copa.findings if f.code == "bracket-summary"]
    assert len(summary) == 1 and "31 pairs" in summary[0].message
    assert not [f for f in copa.findings if f.code in ("bracket-unread", "table-unread")]
    assert not [t.matches for t in copa.tables if t.kind == "bracket" and t.matches]
    # 2012–13 Southern League: the play-offs are printed only as brackets: their matches.
    southern = read("2012-13_southern_football_league")
    playoffs = [m for t in southern.tables if t.kind == "bracket" for m in t.matches]
    assert len(playoffs) == 9
    final = next(m for m in playoffs if m.home_team == "Hemel Hempstead Town")
    assert (final.away_team, final.home_goals, final.away_goals) == ("Gosport Borough", 2, 2)
    assert (final.home_penalties, final.away_penalties, final.winner) == (4, 5, "Gosport Borough")


def test_note_rows_numbered_rounds_and_venues_of_a_cup_of_single_matches() -> None:
    # 2002–03 FA Trophy (204-page/146, read value by value by a helper).
    result = read("2002-03_fa_trophy")
    pens = {
        (m.home_team, m.away_team): (m.home_penalties, m.away_penalties, m.winner)
        for t in result.tables for m in t.matches if m.home_penalties is not None
    }  # fmt: skip
    # `(Rocester won 4-3 on penalties)` under the match: its shoot-out, never a match itself.
    assert pens == {
        ("Workington", "Rocester"): (3, 4, "Rocester"),
        ("Altrincham", "Kettering Town"): (5, 3, "Altrincham"),
        ("Windsor & Eton", "Aylesbury United"): (4, 5, "Aylesbury United"),
    }
    assert not [m for t in result.tables for m in t.matches if m.home_team == m.away_team]
    rounds = {t.section.round for t in result.tables if t.kind == "single_match"}
    assert {"1st Round", "5th Round"} <= rounds
    assert not [m for t in result.tables for m in t.matches if m.kind == "tiebreaker"]
    venues = [m.venue for t in result.tables for m in t.matches if m.venue]
    assert venues and not [v for v in venues if "Attendance" in v or "Referee" in v]
    assert (result.info.season, result.info.competition) == ("2002–03", "FA Trophy")


def test_bulleted_fixture_lists_are_matches_and_check_their_group() -> None:
    # 2006 UEFA European Under-21 Championship qualification (203-page/526): each group's
    # results as `<li>Romania 1-0 Finland</li>` in a layout table.
    result = read("2006_uefa_u21_championship_qualification")
    lists = [t for t in result.tables if t.kind == "single_match"]
    assert sum(len(t.matches) for t in lists) == 212
    first = lists[0].matches[0]
    assert (first.home_team, first.home_goals, first.away_goals, first.away_team) == (
        "Romania", 1, 0, "Finland",
    )  # fmt: skip
    found = {(f.code, f.team) for f in result.findings if f.severity == "warning"}
    assert ("standings-vs-results", "Moldova") in found
    # `Scotland 2-2* Italy` is marked (awarded 3–0): explained, not a contradiction.
    noted = {f.team for f in result.findings if f.code == "results-noted"}
    assert noted == {"Italy", "Scotland"}


def test_a_rules_line_inside_a_note_paragraph_governs_the_table() -> None:
    # 2001 Japan Football League (203-page/561): `Rules for classification:` after `Updated
    # to …` and `Source: …` in one paragraph; goal difference settles points ties.
    result = read("2001_japan_football_league")
    level = [f.message for f in result.findings if f.code == "order-level"]
    assert level and all("goal_difference" in m for m in level)
    assert not [m for m in level if "NTT West Kumamoto" in m]


NOTES_TABLE = """<p>The <b>2000 Úrvalsdeild</b> was the 89th season. The competition was known as
<b>Símadeild</b> due to its sponsorship.</p>
<h2>League table</h2>
<table class="wikitable">
<tr><th colspan="2">Pos</th><th>Team</th><th>Pld</th><th>W</th><th>D</th><th>L</th><th>GF</th>
<th>GA</th><th>GD</th><th>Pts</th><th>Notes</th></tr>
<tr><td>1</td><td></td><td>KR</td><td>2</td><td>2</td><td>0</td><td>0</td><td>4</td><td>1</td>
<td>+3</td><td>6</td><td rowspan="2">UEFA Cup</td></tr>
<tr><td>2</td><td></td><td>Fylkir</td><td>2</td><td>1</td><td>0</td><td>1</td><td>2</td><td>2</td>
<td>0</td><td>3</td></tr>
<tr><td>3</td><td></td><td>Fram</td><td>2</td><td>0</td><td>0</td><td>2</td><td>1</td><td>4</td>
<td>−3</td><td>0</td><td>Relegated</td></tr>
</table>
<table class="navbox"><tr><td>v t e Úrvalsdeild seasons
<table class="navbox-subgroup"><tr><td>1999 2000 2001</td></tr></table></td></tr></table>
"""


def test_a_notes_column_without_qualification_is_the_qualification() -> None:
    # After 2000 Úrvalsdeild (WikiTableQuestions 203-page/53, read by a helper): `Notes` holds
    # `UEFA Cup` (spanning rows) and `Relegated`; the only bold after the first sentence is a
    # sponsor's name, which names nothing; a navbox is named once, its inner table not again.
    result = parse(NOTES_TABLE + "\n")
    rows = [(s.team, s.qualification) for t in result.tables for s in t.standings]
    assert rows == [("KR", "UEFA Cup"), ("Fylkir", "UEFA Cup"), ("Fram", "Relegated")]
    assert result.info.competition != "Símadeild" and result.info.season == "2000"
    (league,) = [t for t in result.tables if t.kind == "league"]
    # `Pos` spans two columns but is one cell; the rowspanned `UEFA Cup` is one too.
    assert league.cells == 11 + 12 + 11 + 12
    assert [f.code for f in result.findings].count("navbox-skipped") == 1
    assert result.info.lines == NOTES_TABLE.count("\n") + 1  # `wc -l`: the final newline ends one


def test_a_clubs_own_match_list_is_named_and_a_club_season_names_no_competition() -> None:
    # After 1960–61 Chelsea F.C. season (204-page/411): `Opponent | Venue | Result` rows.
    page = """<p>The <b>1960–61 Chelsea F.C. season</b> was the club's 47th.</p>
<h2>First Division</h2><table class="wikitable">
<tr><th>Date</th><th>Opponent</th><th>Venue</th><th>Result</th><th>Attendance</th></tr>
<tr><td>20 August 1960</td><td>Aston Villa</td><td>A</td><td>2-3</td><td>43,776</td></tr>
<tr><td>24 August 1960</td><td>Tottenham Hotspur</td><td>H</td><td>2-4</td><td>51,303</td></tr>
</table>"""
    result = parse(page)
    assert [f.code for f in result.findings if f.code == "table-unread"] == ["table-unread"]
    assert (result.info.season, result.info.competition) == ("1960–61", None)


def test_a_multicol_wrapper_is_layout_and_division_tags_are_marks() -> None:
    # After 1948 Svenska Cupen (204-page/846, read by a helper): each round's table sits in a
    # `{{multicol}}` table; teams carry their division `<i><small>(D3)</small></i>`.
    page = """<h2>Preliminary round 1</h2>
<table class="multicol" role="presentation"><tr><td>
<table class="wikitable"><tr><th>Tie no</th><th>Home team</th><th>Score</th><th>Away team</th></tr>
<tr><td>1</td><td><b>BK Kenty</b> <i><small>(D3)</small></i></td><td>4-1</td>
<td>Olofströms IF <i><small>(D4)</small></i></td></tr></table>
</td></tr></table>"""
    result = parse(page)
    assert [t.kind for t in result.tables] == ["single_match"]
    (table,) = result.tables
    assert table.section.round == "Preliminary round 1" and table.label == "Preliminary round 1"
    (match,) = table.matches
    assert (match.home_team, match.away_team, match.winner) == (
        "BK Kenty", "Olofströms IF", "BK Kenty",
    )  # fmt: skip


def test_a_stated_rule_that_goes_on_to_head_to_head_says_so() -> None:
    # After 2010 Chinese Super League (203-page/581): `1st points; 2nd head-to-head points`.
    page = """<h2>League table</h2><table class="wikitable">
<tr><th>Pos</th><th>Team</th><th>Pld</th><th>W</th><th>D</th><th>L</th><th>GF</th><th>GA</th>
<th>GD</th><th>Pts</th></tr>
<tr><td>1</td><td>Shanghai</td><td>2</td><td>1</td><td>0</td><td>1</td><td>2</td><td>3</td>
<td>−1</td><td>3</td></tr>
<tr><td>2</td><td>Hangzhou</td><td>2</td><td>1</td><td>0</td><td>1</td><td>3</td><td>2</td>
<td>+1</td><td>3</td></tr></table>
<p>Rules for classification: 1st points; 2nd head-to-head points; 3rd goal difference.</p>"""
    result = parse(page)
    (level,) = [f for f in result.findings if f.code == "order-level"]
    assert "'head-to-head points'" in level.message and level.field == "position"
    assert not [f for f in result.findings if f.code == "order-violation"]


@pytest.mark.parametrize(
    "text", ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\u2028b", "\n\n", "x\x0cy\n"]
)
def test_lines_are_counted_as_splitlines_counts_them(text: str) -> None:
    # pages.lines for HTML, counted without building a list of a long page's lines.
    from pipeline.frontends.html import count_lines

    assert count_lines(text) == (len(text.splitlines()) or 1)


FRIENDLIES = """<h2>{heading}</h2>
<table class="wikitable"><tr><th>Home team</th><th>Score</th><th>Away team</th></tr>
<tr><td>Sweden</td><td>7–2</td><td>Finland</td></tr></table>
<table class="wikitable"><tr><th>Home team</th><th>Score</th><th>Away team</th></tr>
<tr><td>Finland</td><td>1–6</td><td>Sweden</td></tr></table>
"""


def test_a_match_and_its_return_make_a_tie_only_in_a_knockout_section() -> None:
    # 1945–46 in Swedish football: friendlies home and away are two matches, not a tie.
    friendly = parse_page(
        FRIENDLIES.format(heading="National team results").encode(), "s", "s.html"
    )
    assert not [d for t in friendly.tables for d in t.ties]
    assert sum(len(t.matches) for t in friendly.tables) == 2
    playoff = parse_page(FRIENDLIES.format(heading="Promotion play-offs").encode(), "s", "s.html")
    (tie,) = [d for t in playoff.tables for d in t.ties]
    assert (tie.team1, tie.team2) == ("Sweden", "Finland")

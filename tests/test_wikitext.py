"""The wikitext front end (issue 13, first part): `== headings ==`, `{{Fb cl2 team}}` rows and
`{{#invoke:Sports table|main}}` into the same page document as the other front ends."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.page import PageResult, parse_page

WIKITEXT = Path(__file__).parent / "fixtures" / "wikitext"


def read(stem: str) -> PageResult:
    (path,) = WIKITEXT.glob(f"{stem}*")
    return parse_page(path.read_bytes(), path.stem, f"raw/{path.name}")


def test_fb_cl2_team_2pts_rows_with_points_deducted() -> None:
    result = read("1978-79_cheshire_county_league")
    assert result.info.rendering == "wikitext"
    (league,) = [t for t in result.tables if t.kind == "league"]
    assert len(league.standings) == 18
    bootle, _, prescot = league.standings[:3]
    # `{{Fb cl2 team 2pts}}`: 2 points a win; Pld, GD and Pts are the template's, derived.
    assert (bootle.team, bootle.team_link, bootle.played, bootle.points) == (
        "Bootle", "Bootle F.C.", 34, 47,
    )  # fmt: skip
    assert set(bootle.derived) == {"played", "goal_difference", "points"}
    assert bootle.notes == ("C", "P")  # `champion=y|promoted=y` print (C, P) after the team
    # `dp=2`: two points deducted (Template:Fb cl2 team, its `dp` parameter).
    assert (prescot.team, prescot.won, prescot.drawn, prescot.points) == ("Prescot Town", 20, 5, 43)
    assert result.info.season == "1978–79" or result.info.season is None


def test_group_tables_of_a_whole_page_sit_under_their_headings() -> None:
    result = read("2016-17_toto_cup_leumit")
    leagues = [t for t in result.tables if t.kind == "league"]
    assert [t.section.path[-1] for t in leagues] == ["Group A", "Group B", "Group C", "Group D"]
    first = leagues[0].standings[0]
    assert (first.team, first.played, first.won, first.points) == ("Maccabi Ahi Nazareth", 3, 2, 7)
    assert result.info.season == "2016–17"


def test_winning_points_per_row_are_read() -> None:
    result = read("intertoto_cup_group_stage")
    leagues = [t for t in result.tables if t.kind == "league"]
    assert leagues and all(len(t.standings) == 4 for t in leagues)
    # `wpts=2` on each row: a win is worth 2, so no row contradicts its points.
    assert not [f for f in result.findings if f.code == "row-arithmetic"]


def test_fb_cl2_tables_and_their_sports_table_conversions_give_the_same_standings() -> None:
    # Each pair of blocks is an old {{Fb cl2 team}} table and the {{#invoke:Sports table}}
    # text it was converted into (Module:Sports table's conversion spec).
    result = read("fb_cl2_to_sports_table_pairs")
    blocks: dict[int, list[tuple[object, ...]]] = {}
    for table in result.tables:
        number = int(re.match(r"block (\d+)", table.section.path[-1]).group(1))  # type: ignore[union-attr]
        blocks.setdefault(number, []).extend(
            (s.position, s.team, s.team_link, s.played, s.won, s.drawn, s.lost, s.goals_for,
             s.goals_against, s.goal_difference, s.points, s.qualification)
            for s in table.standings
        )  # fmt: skip
    pairs = [(n, n + 1) for n in sorted(blocks) if n % 2 == 0 and n + 1 in blocks]
    assert len(pairs) == 15
    differ = [old for old, new in pairs if blocks[old] != blocks[new]]
    # Block 18 alone: the conversion wrote `dp=2` as `adjust_points=2`, a bonus, where the
    # template deducts it (St Bernard's 2·11 + 4 − 2 = 24, converted 28; Abercorn's dp=−7 and
    # bp=9 give 18 + 3 + 7 + 9 = 37, converted `adjust_points=2` gives 23).
    assert differ == [18]
    old = {row[1]: row[10] for row in blocks[18]}
    new = {row[1]: row[10] for row in blocks[19]}
    assert (old["St Bernard's"], new["St Bernard's"]) == (24, 28)
    assert (old["Abercorn"], new["Abercorn"]) == (37, 23)
    # Extra cells after a row (`|rowspan=4|Qualified for …`) are its qualification column.
    matavera = next(row for row in blocks[20] if row[1] == "Matavera")
    assert matavera[11] == "Qualified for Knockout stage"


def test_fb_r_matrices_are_positional_and_football_boxes_are_matches() -> None:
    result = read("2016-17_toto_cup_leumit")
    matrices = [t for t in result.tables if t.kind == "results_matrix"]
    assert len(matrices) == 4
    # Group A's matrix as the template renders it (the Nth cell against the Nth header team):
    # two rows' cells follow their `<!-- Team -->` comments in another order, so the table
    # and its rendered matrix disagree for all four teams (a helper listed 22 values).
    found = [f for f in result.findings if f.code == "standings-vs-results"]
    assert len(found) == 22
    assert {f.team for f in found} == {
        "Maccabi Ahi Nazareth", "Hapoel Afula", "Hapoel Acre", "Hapoel Nazareth Illit",
    }  # fmt: skip
    boxes = [m for t in result.tables if t.kind == "single_match" for m in t.matches]
    assert len(boxes) == 7
    afula = next(m for m in boxes if m.away_team == "Hapoel Afula")
    assert (afula.home_goals, afula.away_goals, afula.extra_time) == (2, 2, True)
    assert (afula.home_penalties, afula.away_penalties, afula.winner) == (
        8,
        7,
        "Maccabi Sha'arayim",
    )
    assert (afula.date, afula.venue) == ("25 October 2016", "Ness Ziona Stadium, Ness Ziona")


def test_two_leg_and_one_leg_result_rows_are_ties_and_matches() -> None:
    # Written from Template:TwoLegResult's parameter list (A, flagA, agg, B, flagB, leg1,
    # leg2) and Template:OneLegResult's (A, flagA, score, B, flagB): no shared page uses them.
    page = """The '''2001 Example Cup''' was a cup.
==First round==
{{TwoLegStart}}
{{TwoLegResult|[[Alfa FC|Alfa]]|ESP|3–3 (5–4 p)|'''[[Beta FC|Beta]]'''|POR|2–1|1–2}}
{{TwoLegResult|'''Gamma'''|ESP|4–2|Delta|POR|3–0|1–2}}
|}
==Final==
{{OneLegStart}}
{{OneLegResult|Alfa|ESP|1–0|Gamma|ESP}}
|}
"""
    result = parse_page(page.encode(), "cup", "raw/cup.wikitext")
    ties = [(d.team1, d.team2, d.team1_aggregate, d.team2_aggregate, d.winner, d.decided_by)
            for d in result.ties]  # fmt: skip
    assert ties == [
        ("Alfa", "Beta", 3, 3, "Alfa", "penalties"),
        ("Gamma", "Delta", 4, 2, "Gamma", "aggregate"),
    ]
    legs = [(m.home_team, m.home_goals, m.away_goals) for m in result.tables[0].matches]
    # Leg 2 is written team 1's goals first and played at team 2's ground (contract).
    assert legs[:2] == [("Alfa", 2, 1), ("Beta", 2, 1)]
    assert result.tables[0].ties[0].team1_link == "Alfa FC"
    (final,) = result.tables[1].matches
    assert (final.home_team, final.away_team, final.winner) == ("Alfa", "Gamma", "Alfa")
    assert not [f for f in result.findings if f.severity != "info"]


SPORTS = """The '''2001 Example League''' was a league.
==Group A==
===Standings===
{{#invoke:Sports table|main|style=WDL
|team1=ALF |team2=BET |team3=GAM
|name_ALF=[[Alfa FC|Alfa]] |name_BET=[[Beta FC|Beta]] |name_GAM=[[Gamma FC|Gamma]]
|win_ALF=2|draw_ALF=0|loss_ALF=0|gf_ALF=4|ga_ALF=1
|win_BET=1|draw_BET=0|loss_BET=1|gf_BET=3|ga_BET=3
|win_GAM=0|draw_GAM=0|loss_GAM=2|gf_GAM=1|ga_GAM=4
}}
===Results===
{{#invoke:Sports results|main
|team1=ALF |team2=BET |team3=GAM
|name_ALF=[[Alfa FC|Alfa]] |name_BET=[[Beta FC|Beta]] |name_GAM=[[Gamma FC|Gamma]]
|match_ALF_BET=2–1 |match_ALF_GAM=null
|match_BET_ALF=— |match_BET_GAM=2–1
|match_GAM_ALF=0–2 |match_GAM_BET=
}}
"""


def test_sports_results_is_the_sports_tables_matrix() -> None:
    # Written from Module:Sports results' documentation (`match_X_Y` home X, away Y; `null`,
    # `—` and blank no match): no shared page uses it.
    result = parse_page(SPORTS.encode(), "sr", "raw/sr.wikitext")
    (matrix,) = [t for t in result.tables if t.kind == "results_matrix"]
    played = [(m.home_team, m.away_team, m.home_goals, m.away_goals) for m in matrix.matches
              if m.status == "played"]  # fmt: skip
    assert played == [("Alfa", "Beta", 2, 1), ("Beta", "Gamma", 2, 1), ("Gamma", "Alfa", 0, 2)]
    assert not [f for f in result.findings if f.severity != "info"]
    # One changed result: the two teams' rows disagree with it, named at the cell's line.
    changed = parse_page(SPORTS.replace("match_BET_GAM=2–1", "match_BET_GAM=1–1").encode(),
                         "sr", "raw/sr.wikitext")  # fmt: skip
    found = {(f.team, f.line) for f in changed.findings if f.code == "standings-vs-results"}
    assert {team for team, _ in found} == {"Beta", "Gamma"}


def test_season_from_the_infobox_and_no_competition_from_a_sentence_without_one() -> None:
    toto = read("2016-17_toto_cup_leumit")
    assert (toto.info.season, toto.info.competition) == ("2016–17", "Toto Cup Leumit")
    # Intertoto: no bold name and no season in its first sentence: nothing is made up.
    intertoto = read("intertoto_cup_group_stage")
    assert (intertoto.info.season, intertoto.info.competition) == (None, None)


def test_a_match_note_explains_a_disagreement_and_update_is_kept() -> None:
    # Module:Sports results: `match_X_Y_note=` prints a footnote on the score, so a row that
    # disagrees with that score is explained (as an awarded match is), not a contradiction.
    page = SPORTS.replace("match_BET_GAM=2–1", "match_BET_GAM=1–1 |match_BET_GAM_note=Awarded")
    page = page.replace("|team1=ALF |team2=BET |team3=GAM\n|name_ALF", "|update=5 May 2001\n"
                        "|team1=ALF |team2=BET |team3=GAM\n|name_ALF", 1)  # fmt: skip
    result = parse_page(page.encode(), "sr", "raw/sr.wikitext")
    assert not [f for f in result.findings if f.code == "standings-vs-results"]
    assert {f.team for f in result.findings if f.code == "results-noted"} == {"Beta", "Gamma"}
    # `update=` (Module:Sports table) is the table's `updated`, as written; the matrix has none.
    assert [(t.kind, t.updated) for t in result.tables] == [
        ("league", "5 May 2001"), ("results_matrix", None),
    ]  # fmt: skip


GAVG = """The '''1950 Example League''' was a league.
==Table==
{{Fb cl header}}
{{Fb cl2 team 2pts |p=1 |t=[[A]] |w=3 |d=1 |l=0 |gf=9 |ga=3 |gavg=yes}}
{{Fb cl2 team 2pts |p=2 |t=[[B]] |w=2 |d=1 |l=1 |gf=4 |ga=2 |gavg=yes}}
{{Fb cl2 team 2pts |p=3 |t=[[C]] |w=2 |d=1 |l=1 |gf=8 |ga=5 |gavg=yes}}
{{Fb cl2 team 2pts |p=4 |t=[[D]] |w=1 |d=1 |l=2 |gf=1 |ga=12 |gavg=yes}}
|}
"""


def test_goal_average_tables_store_no_goal_difference_and_rank_by_the_average() -> None:
    # `gavg=yes` (Template:Fb cl2 team): the GD column shows goal average, which the contract
    # does not store; B (4/2 = 2.0) above C (8/5 = 1.6), level on points, is in order.
    result = parse_page(GAVG.encode(), "g", "raw/g.wikitext")
    (table,) = result.tables
    assert [(s.team, s.goal_difference, s.points) for s in table.standings] == [
        ("A", None, 7), ("B", None, 5), ("C", None, 5), ("D", None, 3),
    ]  # fmt: skip
    assert [f.code for f in result.findings if f.code == "goal-average"] == ["goal-average"]
    assert not [f for f in result.findings if f.code.startswith("order")]
    # Swapped, the order contradicts goal average (B 8/5 above C 4/2), though not goal
    # difference (B's +3 above C's +2); the finding sits on the row ranked too low.
    swapped = GAVG.replace("|gf=4 |ga=2", "|gf=X |ga=Y").replace("|gf=8 |ga=5", "|gf=4 |ga=2")
    swapped = swapped.replace("|gf=X |ga=Y", "|gf=8 |ga=5")
    found = parse_page(swapped.encode(), "g", "raw/g.wikitext").findings
    assert [(f.code, f.team) for f in found if f.code.startswith("order")] == [
        ("order-violation", "C"),
    ]  # fmt: skip


def test_a_stated_adjustment_and_a_team_note_explain_what_the_results_do_not() -> None:
    # Module:Sports table: `adjust_points_X` is part of the points it prints, so a matrix
    # without the adjustment does not contradict them; `note_X` prints a lettered mark on the
    # team (`note_Y=X` shares X's), and a team the page footnotes explains its place.
    page = SPORTS.replace("|win_ALF=2", "|adjust_points_ALF=-6 |note_ALF=Docked six points."
                          "\n|note_GAM=ALF\n|win_ALF=2")  # fmt: skip
    result = parse_page(page.encode(), "sr", "raw/sr.wikitext")
    alfa, beta, gamma = result.tables[0].standings
    assert (alfa.points, alfa.notes, gamma.notes, beta.notes) == (0, ("a",), ("a",), ())
    assert not [f for f in result.findings if f.severity != "info"]
    noted = [(f.code, f.team) for f in result.findings if f.code == "order-noted"]
    assert noted == [("order-noted", "Beta")]  # Alfa (0 points) above Beta (3): footnoted
    # Without the note, the same order is a contradiction.
    bare = page.replace("|note_ALF=Docked six points.\n|note_GAM=ALF\n", "")
    found = parse_page(bare.encode(), "sr", "raw/sr.wikitext").findings
    assert [(f.code, f.team) for f in found if f.severity == "warning"] == [
        ("order-violation", "Beta"),
    ]  # fmt: skip


def test_a_table_drawn_from_another_page_is_named() -> None:
    page = "The '''2019 Example League''' was a league.\n==Table==\n{{2019 Example League table}}\n"
    result = parse_page(page.encode(), "t", "raw/t.wikitext")
    (found,) = [f for f in result.findings if f.code == "table-transcluded"]
    assert (found.line, found.severity) == (3, "info")
    assert "Template:2019 Example League table" in found.message


def test_display_templates_around_names_show_what_they_wrap() -> None:
    # `{{nowrap|[[Admira Wacker|Admira]]}}` (2018–19 Austrian Bundesliga's results) shows the
    # link it wraps: the name and its target are read, not dropped with the template.
    page = SPORTS.replace("|name_ALF=[[Alfa FC|Alfa]] |name_BET", "|name_ALF={{nowrap|[[Alfa FC"
                          "|Alfa]]}}{{flagicon|ESP}} |name_BET")  # fmt: skip
    result = parse_page(page.encode(), "sr", "raw/sr.wikitext")
    league, matrix = result.tables
    assert (league.standings[0].team, league.standings[0].team_link) == ("Alfa", "Alfa FC")
    assert [(m.home_team, m.home_team_link) for m in matrix.matches][:1] == [("Alfa", "Alfa FC")]
    assert not [f for f in result.findings if f.severity != "info"]


def test_a_league_season_infobox_names_the_competition_a_bold_season_name_does_not() -> None:
    # 1992–93 French Division 1: `The '''1992–93 Division 1 season''' was …` reads like a
    # club's season, but its `{{Infobox football league season|competition=…}}` names it.
    infobox = "{{Infobox football league season\n|competition = [[Ligue 1|Division 1]]\n"
    page = (
        infobox
        + "|season = 1992–93\n}}\n"
        + SPORTS.replace("'''2001 Example League'''", "'''1992–93 Division 1 season'''")
    )
    info = parse_page(page.encode(), "d1", "raw/d1.wikitext").info
    assert (info.season, info.competition) == ("1992–93", "Division 1")
    # A club's season infobox names the club's league, not the page's competition.
    club = page.replace("Infobox football league season", "Infobox football club season")
    assert parse_page(club.encode(), "d1", "raw/d1.wikitext").info.competition is None


FINAL_BOXES = """The '''2019 Example Cup''' was a cup.
=== {heading} ===
{{{{Football box|date=26 May 2019|team1=[[Rapid Wien]]|score=1–2|team2=[[Sturm Graz]]}}}}
{{{{Football box|date=30 May 2019|team1=[[Sturm Graz]]|score=0–1|team2=[[Rapid Wien]]}}}}
"""


def test_a_match_and_its_return_under_a_round_heading_are_one_tie() -> None:
    # 2018–19 Austrian Bundesliga's play-off final: two boxes, no aggregate stated.
    result = parse_page(FINAL_BOXES.format(heading="Final").encode(), "c", "raw/c.wikitext")
    (tie,) = [d for t in result.tables for d in t.ties]
    assert (tie.team1, tie.team2, tie.team1_aggregate) == ("Rapid Wien", "Sturm Graz", None)
    assert [(m.kind, m.home_team, m.home_goals, m.away_goals) for m in tie.legs] == [
        ("leg_1", "Rapid Wien", 1, 2), ("leg_2", "Sturm Graz", 0, 1),
    ]  # fmt: skip
    # Under a group's heading the same two boxes are a group's matches, not a tie.
    group = parse_page(FINAL_BOXES.format(heading="Group A").encode(), "c", "raw/c.wikitext")
    assert [t.kind for t in group.tables] == ["single_match"]
    assert not [d for t in group.tables for d in t.ties]


def test_comments_that_would_reconcile_a_matrix_are_named_and_change_nothing() -> None:
    # 2016–17 Toto Cup Leumit, Group A: two rows' cells carry `<!-- Team -->` comments in
    # another order than the header's; read by position (what the page shows) the table
    # disagrees with its matrix, read by the comments it would agree: every finding says so.
    toto = read("2016-17_toto_cup_leumit")
    group_a = [f for f in toto.findings if f.code == "standings-vs-results" and f.line <= 55]
    assert len(group_a) == 22
    assert all("read by the comments, the standings would agree" in f.message for f in group_a)
    # The values stay the positions' (Hapoel Afula's second cell is against Hapoel Afula's
    # own column: `r=null`, no match).
    (matrix,) = [t for t in toto.tables if t.kind == "results_matrix" and t.line == 58]
    acre_row = [m for m in matrix.matches if m.home_team == "Hapoel Acre"]
    assert [(m.away_team, m.home_goals, m.away_goals) for m in acre_row][-1:] == [
        ("Maccabi Ahi Nazareth", 1, 2),
    ]  # fmt: skip
    # Groups B–D: the footer's `u=` dates each table (tables.updated).
    leagues = [t for t in toto.tables if t.kind == "league"]
    assert [t.updated for t in leagues] == [
        "27 September 2016", "20 September 2016", "5 October 2016", "28 August 2016",
    ]  # fmt: skip


def test_comments_that_would_not_reconcile_say_nothing() -> None:
    page = (WIKITEXT / "2016-17_toto_cup_leumit__zackbot_heredoc.wikitext").read_text()
    # Swap one of Group A's comments so that reading by comments no longer reconciles.
    page = page.replace("<!-- Hapoel Afula --> {{fb r |gf=2 |ga=4 }}",
                        "<!-- Hapoel Acre --> {{fb r |gf=2 |ga=4 }}", 1)  # fmt: skip
    result = parse_page(page.encode(), "toto", "raw/toto.wikitext")
    group_a = [f for f in result.findings if f.code == "standings-vs-results" and f.line <= 55]
    assert len(group_a) == 22
    assert not any("comments" in f.message for f in group_a)


@pytest.mark.parametrize(
    "name", ["Football box", "football_box", "Footballbox collapsible", "Football box collapsible"]
)
def test_template_names_are_folded_and_redirects_followed(name: str) -> None:
    # Case, spaces and underscores folded; a redirect (rules.TEMPLATE_REDIRECTS) is the
    # template it stands for: each name gives the same tie.
    page = FINAL_BOXES.format(heading="Final").replace("{{Football box", "{{" + name)
    result = parse_page(page.encode(), "c", "raw/c.wikitext")
    (tie,) = [d for t in result.tables for d in t.ties]
    assert [(m.home_team, m.home_goals, m.away_goals) for m in tie.legs] == [
        ("Rapid Wien", 1, 2), ("Sturm Graz", 0, 1),
    ]  # fmt: skip


def test_redirects_name_templates_the_reader_knows() -> None:
    from pipeline.frontends.wikitext import (
        FB_CL2,
        FB_R,
        FOOTBALL_BOX,
        FOOTERS,
        HEADERS,
        LEG_RESULTS,
    )
    from pipeline.rules import TEMPLATE_REDIRECTS

    known = FB_CL2 | FB_R | FOOTBALL_BOX | FOOTERS | HEADERS | set(LEG_RESULTS)
    assert set(TEMPLATE_REDIRECTS.values()) <= known
    assert not set(TEMPLATE_REDIRECTS) & known  # a redirect is never itself a target


def test_a_second_leg_box_with_its_aggregate_and_shootout_decides_the_tie() -> None:
    # 2023–24 Inter Milan season: `aggregatescore=` and `penaltyscore=` on the second leg's
    # box (Template:Football box collapsible); the legs sit under a `Round of 16` heading.
    page = FINAL_BOXES.format(heading="Round of 16").replace(
        "|score=0–1|", "|score=1–2|aet=yes|aggregatescore=3–3|penaltyscore=3–2|"
    )
    result = parse_page(page.encode(), "c", "raw/c.wikitext")
    (tie,) = [d for t in result.tables for d in t.ties]
    assert (tie.team1_aggregate, tie.team2_aggregate) == (3, 3)
    assert [(m.home_penalties, m.away_penalties) for m in tie.legs] == [(None, None), (3, 2)]
    assert not [f for f in result.findings if f.severity != "info"]


def test_football_templates_and_tables_kept_elsewhere_are_named() -> None:
    page = """The '''2023–24 Example FC season''' was a season.
==League==
{{2023–24 Serie A table|showteam=INT}}
==Round by round==
{{Fb rs|…}}
{{Fb rs footer|s=source}}
{{#invoke:sports rbr table|header=Round|team=INT|res1=W}}
==Group==
{{2023–24 UEFA Champions League group tables|Group D}}
"""
    result = parse_page(page.encode(), "s", "raw/s.wikitext")
    named = sorted(
        (f.line, f.code) for f in result.findings if f.code.startswith(("table-t", "templ"))
    )
    assert named == [
        (3, "table-transcluded"), (5, "template-table-unread"),
        (7, "template-table-unread"), (9, "table-transcluded"),
    ]  # fmt: skip


def test_an_unknown_template_in_a_table_no_kind_reads_puts_nothing_in_doubt() -> None:
    page = (
        "The '''2023–24 Example FC season''' was a season.\n==Kit==\n{| class=wikitable\n"
        "! Home !! Away\n|-\n| {{Football kit|body=000}} || {{Football kit|body=fff}}\n|}\n"
    )
    found = [(f.code, f.severity) for f in parse_page(page.encode(), "k", "raw/k.w").findings]
    assert ("template-unread", "info") in found
    assert not [f for f in found if f[1] == "error"]


def test_a_score_linking_to_its_report_shows_its_label() -> None:
    # 1999–2000 Premier League: `match_ARS_MUN=[[Arsenal F.C.–Manchester United F.C.
    # rivalry|1–2]]` is shown, and stored, as `1–2`.
    page = SPORTS.replace("match_ALF_BET=2–1", "match_ALF_BET=[[#Matchday 1|2–1]]")
    result = parse_page(page.encode(), "sr", "raw/sr.wikitext")
    (first,) = [m for t in result.tables for m in t.matches if m.home_team == "Alfa"][:1]
    assert (first.score_text, first.home_goals, first.away_goals) == ("2–1", 2, 1)

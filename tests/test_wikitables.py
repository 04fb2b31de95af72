"""Wikitext tables (`{| … |}`, Help:Table) read into the same data as their HTML rendering.

Cases are written from Help:Table (cells on their own lines or joined by `||`/`!!`, `attributes
| content`, `|-` rows, `|+` captions, `rowspan`/`colspan`) and Help:Wikitext (links, bold,
`<ref>`, comments); the HTML beside each is what MediaWiki renders for it, so one table gives one
set of rows whichever rendering is read.
"""

from __future__ import annotations

from pipeline.frontends import read_document
from pipeline.page import PageResult, parse_page

INTRO = "The '''2010 Copa Perú''' was a season.\n\n"

STANDINGS_WIKI = """== Group A ==
{| class="wikitable" style="text-align:center"
|+ Group A
!width=20|Pos !! Team !! {{Abbr|Pld|Played}} !! W !! D !! L !! GF !! GA !! GD !! Pts
|- style="background:#cfc"
| 1 ||align=left| {{flagicon|PER}} [[Sporting Cristal|Cristal]] || 4 || 3 || 1 || 0
| 8 || 2 || +6 || 10
|-
| 2
|align=left| [[Alianza Lima]]<ref name="x">Deducted.</ref>
| 4 || 2 || 0 || 2 || 5 || 5 || 0 || 6
|-
| 3 ||align=left| '''[[FBC Melgar|Melgar]]''' <!-- was
4th --> || 4 || 1 || 1 || 2 || 3 || 5 || −2 || 4
|-
| 4 ||align=left| [[Cienciano]]{{efn|Relegated.}} || 4 || 0 || 2 || 2 || 2 || 6 || −4 || 2
|}
"""

STANDINGS_HTML = """<h2>Group A</h2>
<table class="wikitable" style="text-align:center">
<caption>Group A</caption>
<tr><th width="20">Pos</th><th>Team</th><th><abbr title="Played">Pld</abbr></th><th>W</th>
<th>D</th><th>L</th><th>GF</th><th>GA</th><th>GD</th><th>Pts</th></tr>
<tr style="background:#cfc"><td>1</td><td align="left"><span class="flagicon"><img alt=""></span>
<a href="/wiki/Sporting_Cristal" title="Sporting Cristal">Cristal</a></td><td>4</td><td>3</td>
<td>1</td><td>0</td><td>8</td><td>2</td><td>+6</td><td>10</td></tr>
<tr><td>2</td><td align="left"><a href="/wiki/Alianza_Lima" title="Alianza Lima">Alianza Lima</a>
<sup class="reference">[1]</sup></td><td>4</td><td>2</td><td>0</td><td>2</td><td>5</td><td>5</td>
<td>0</td><td>6</td></tr>
<tr><td>3</td><td align="left"><b><a href="/wiki/FBC_Melgar" title="FBC Melgar">Melgar</a></b></td>
<td>4</td><td>1</td><td>1</td><td>2</td><td>3</td><td>5</td><td>−2</td><td>4</td></tr>
<tr><td>4</td><td align="left"><a href="/wiki/Cienciano" title="Cienciano">Cienciano</a>
<sup class="reference">[a]</sup></td><td>4</td><td>0</td><td>2</td><td>2</td><td>2</td><td>6</td>
<td>−4</td><td>2</td></tr>
</table>
"""

TIES_WIKI = """== Final stage ==
{| class="wikitable" style="text-align:center"
! Team 1 !! Agg.{{efn|Aggregate.}} !! Team 2 !! 1st leg !! 2nd leg
|-
| [[Sporting Cristal|Cristal]] || 3–3 (4–2 p) || [[FBC Melgar|Melgar]] || 2–1 || 1–2
|-
| [[Alianza Lima]] || {{n/a}} || [[Cienciano]] || colspan=2 | W.O.
|}
"""

TIES_HTML = """<h2>Final stage</h2>
<table class="wikitable" style="text-align:center">
<tr><th>Team 1</th><th>Agg.<sup class="reference">[a]</sup></th><th>Team 2</th><th>1st leg</th>
<th>2nd leg</th></tr>
<tr><td><a href="/wiki/Sporting_Cristal" title="Sporting Cristal">Cristal</a></td>
<td>3–3 (4–2 p)</td><td><a href="/wiki/FBC_Melgar" title="FBC Melgar">Melgar</a></td><td>2–1</td>
<td>1–2</td></tr>
<tr><td><a href="/wiki/Alianza_Lima" title="Alianza Lima">Alianza Lima</a></td>
<td class="table-na">N/A</td><td><a href="/wiki/Cienciano" title="Cienciano">Cienciano</a></td>
<td colspan="2">W.O.</td></tr>
</table>
"""


def parse(text: str, name: str) -> PageResult:
    return parse_page(text.encode(), "copa", f"raw/{name}")


def rows(result: PageResult) -> list[tuple[object, ...]]:
    """Every stored value of every row, lines left out (the renderings' lines differ)."""
    out: list[tuple[object, ...]] = []
    for table in result.tables:
        out.append((table.kind, table.section.path, len(table.standings), len(table.matches)))
        for s in table.standings:
            out.append(
                (s.position, s.team, s.team_link, s.played, s.won, s.drawn, s.lost,
                 s.goals_for, s.goals_against, s.goal_difference, s.points, s.notes)
            )  # fmt: skip
        for t in table.ties:
            out.append(
                (t.team1, t.team2, t.team1_link, t.team1_aggregate, t.team2_aggregate,
                 t.team1_penalties, t.team2_penalties, t.walkover, t.away_goals)
            )  # fmt: skip
        for m in table.matches:
            out.append((m.home_team, m.away_team, m.home_goals, m.away_goals, m.status, m.kind))
    return out


def test_a_wikitable_gives_the_rows_its_html_rendering_gives() -> None:
    wiki = parse(INTRO + STANDINGS_WIKI + TIES_WIKI, "copa.wikitext")
    page = parse(f"<p>{INTRO}</p>" + STANDINGS_HTML + TIES_HTML, "copa.html")
    assert wiki.info.rendering == "wikitext" and page.info.rendering == "html"
    assert rows(wiki) == rows(page)
    standings = wiki.tables[0].standings
    # Links show their label and keep their target; the flag shows nothing; a comment is gone.
    assert [(s.team, s.team_link) for s in standings][:3] == [
        ("Cristal", "Sporting Cristal"), ("Alianza Lima", "Alianza Lima"),
        ("Melgar", "FBC Melgar"),
    ]  # fmt: skip
    # `<ref>` and `{{efn}}` are footnote marks, numbered as Cite numbers them.
    assert [s.notes for s in standings] == [(), ("1",), (), ("a",)]
    # A cell on its own line (`| 2` then `|align=left| …`) is the next cell of the same row.
    assert (standings[1].position, standings[1].played, standings[1].points) == (2, 4, 6)
    assert standings[2].goal_difference == -2  # `−2`, the minus sign


def test_each_cell_keeps_its_own_wikitext_line() -> None:
    result = parse(INTRO + STANDINGS_WIKI, "copa.wikitext")
    (table,) = result.tables
    lines = (INTRO + STANDINGS_WIKI).split("\n")
    for standing in table.standings:
        # The row's line is its first cell's line: the one holding `| <position>`.
        assert lines[standing.line - 1].lstrip("| ").startswith(str(standing.position))
    assert table.line == lines.index('{| class="wikitable" style="text-align:center"') + 1


def test_spans_are_expanded_by_the_table_model() -> None:
    text = INTRO + (
        "{| class=wikitable\n"
        "! Team 1 !! Score !! Team 2 !! Venue\n"
        "|-\n"
        '| [[A]] || 1–0 || [[B]] || rowspan="2" | Lima\n'
        "|-\n"
        "| [[C]] || 2–2 || [[D]]\n"
        "|}\n"
    )
    result = parse(text, "p.wikitext")
    (table,) = result.tables
    assert [(m.home_team, m.away_team, m.home_goals, m.away_goals) for m in table.matches] == [
        ("A", "B", 1, 0), ("C", "D", 2, 2),
    ]  # fmt: skip
    assert [m.venue for m in table.matches] == ["Lima", "Lima"]


def test_a_frame_around_template_rows_is_not_read_twice() -> None:
    # `{| … {{fb cl2 team}} … |}`: the templates give the rows; the frame adds nothing.
    text = INTRO + (
        '{| class="wikitable"\n'
        "!Pos!!Team!!Pld!!W!!D!!L!!GF!!GA!!GD!!Pts\n"
        "{{fb cl2 team |p=1 |t=[[A]] |w=1 |d=0 |l=0 |gf=2 |ga=0}}\n"
        "{{fb cl2 team |p=2 |t=[[B]] |w=0 |d=0 |l=1 |gf=0 |ga=2}}\n"
        "|}\n"
    )
    result = parse(text, "p.wikitext")
    assert [t.kind for t in result.tables] == ["league"]
    assert [s.team for s in result.tables[0].standings] == ["A", "B"]


def test_a_template_not_known_is_named_with_its_line() -> None:
    text = INTRO + (
        "{| class=wikitable\n"
        "! Team 1 !! Score !! Team 2\n"
        "|-\n"
        "| [[A]] {{Made up decoration|x}} || {{Score link|2|1}} || [[B]]\n"
        "|}\n"
    )
    result = parse(text, "p.wikitext")
    found = {(f.code, f.severity, f.line) for f in result.findings if "template" in f.code}
    # Beside the team it is a decoration (info); alone in the score cell a value may be
    # missing, so our reading is in doubt (error).
    assert found == {("template-unread", "info", 6), ("template-unread-cell", "error", 6)}
    assert "{{Score link}}" in next(
        f.message for f in result.findings if f.code == "template-unread-cell"
    )


def test_a_file_that_ends_inside_a_table_is_cut() -> None:
    text = INTRO + (
        "{| class=wikitable\n"
        "!Pos!!Team!!Pld!!W!!D!!L!!GF!!GA!!GD!!Pts\n"
        "|-\n| 1 || [[A]] || 2 || 2 || 0 || 0 || 4 || 0 || +4 || 6\n"
        "|-\n| 2 || [[B]] || 2 || 1 || 0 || 1 || 2 || 2 || 0 || 3\n"
    )
    result = parse(text, "p.wikitext")
    assert result.info.truncated
    assert [s.team for s in result.tables[0].standings] == ["A", "B"]


def test_a_page_of_wikitables_alone_is_claimed_by_the_wikitext_reader() -> None:
    text = "Text.\n{| class=wikitable\n! A !! B\n|-\n| 1 || 2\n|}\n"
    document, _ = read_document(text.encode(), "p", "raw/p.txt")
    assert document.rendering == "wikitext"

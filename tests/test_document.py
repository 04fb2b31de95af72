"""The page document and what it fixes: nesting, relations, rules per table, readable messages."""

from __future__ import annotations

import re

import pytest

from pipeline.document import PageDocument, SectionNode, TableRef
from pipeline.frontends import read_document
from pipeline.page import PageResult, parse_page
from tests.conftest import FIXTURES, SEED, parse_fixture


def parse_text(text: str, page: str = "snippet") -> PageResult:
    return parse_page(text.encode(), page, f"{page}.txt")


def document_of(text: str, page: str = "snippet") -> PageDocument:
    return read_document(text.encode(), page, f"{page}.txt")[0]


def _codes(result: PageResult, table_id: str | None = None) -> list[tuple[str, int]]:
    return sorted(
        (f.code, f.line) for f in result.findings if table_id is None or f.table_id == table_id
    )


# --- the document itself ---------------------------------------------------------------------


def test_seed_document_holds_every_table_in_its_section_tree() -> None:
    doc, _ = read_document(SEED.read_bytes(), "seed", "raw/seed.txt")
    refs = [
        c.table_id for node in doc.root.walk() for c in node.children if isinstance(c, TableRef)
    ]
    assert refs == [g.table_id for g in doc.grids]
    region_one = next(n for n in doc.headings() if n.heading == "Region I")
    assert region_one.kind == "region"
    assert [c.heading for c in region_one.children if isinstance(c, SectionNode)] == [
        "Quarterfinals",
        "Semifinals",
    ]
    # Headings whose table the export lost stay in the tree, with no table under them.
    lost = [n.heading for n in doc.headings() if not n.has_table]
    assert "Region VII" in lost and "National Stage" in lost


def test_seed_cells_carry_values_read_once_and_covered_cells_point_at_their_span() -> None:
    doc, _ = read_document(SEED.read_bytes(), "seed", "raw/seed.txt")
    region_three = doc.grids[5]
    assert region_three.labels[:3] == ("Pos", "Team", "Pld")
    second = region_three.rows[1]
    qualification = second.cells[10]
    assert qualification is not None and qualification.copied_from == (0, 10)
    assert qualification.text == region_three.rows[0].cells[10].text  # type: ignore[union-attr]
    gd = region_three.rows[-1].cells[8]
    assert gd is not None and gd.value.kind == "int" and gd.value.number is not None
    assert gd.value.number < 0 and gd.raw.startswith("−")  # Unicode minus, read as negative


def test_numbered_stages_are_peers_of_the_knockout_rounds_after_them() -> None:
    result = parse_fixture("2012_ligas_departamentales_peru__rows_excerpt.txt")
    final = next(t for t in result.tables if t.section.round == "Final")
    assert final.section.path == ("Liga Departamental de Amazonas", "Final")
    assert final.section.stage is None
    groups = [t for t in result.tables if t.section.group]
    assert {t.section.stage for t in groups} == {"Second stage"}


def test_named_stage_still_holds_its_rounds() -> None:
    result = parse_fixture("2025_copa_peru__excerpt.txt")
    assert {t.section.stage for t in result.tables} == {"National Stage"}


ZONES = """\
Season page
Zona Norte
Group A
| Team 1 | Score | Team 2 |
|---|---|---|
| Alpha | 1–0 | Beta |
Some words between the groups.
Group B
| Team 1 | Score | Team 2 |
|---|---|---|
| Gamma | 2–2 | Delta |
Zona Sur
Group A
| Team 1 | Score | Team 2 |
|---|---|---|
| Epsilon | 0–3 | Zeta |
"""


def test_a_heading_of_no_known_kind_holding_groups_is_a_region_by_its_position() -> None:
    result = parse_text(ZONES)
    places = [(t.section.region, t.section.group) for t in result.tables]
    assert places == [("Zona Norte", "Group A"), ("Zona Norte", "Group B"), ("Zona Sur", "Group A")]
    kinds = {n.heading: n.kind for n in document_of(ZONES).headings()}
    assert kinds["Zona Norte"] == kinds["Zona Sur"] == "region"


SPLIT_ROUND = """\
Season page
Semifinals
| Team 1 | Agg. | Team 2 | 1st leg | 2nd leg |
|---|---|---|---|---|
| Alpha | 2–2 | Beta | 1–1 | 1–1 |
| Team 1 | Agg. | Team 2 | 1st leg | 2nd leg |
| Gamma | 3–1 | Delta | 2–0 | 1–1 |
Tiebreaker
Final
| Team 1 | Agg. | Team 2 | 1st leg | 2nd leg |
|---|---|---|---|---|
| Beta | 1–0 | Gamma | 1–0 | 0–0 |
"""


def test_tiebreaker_heading_is_credited_to_the_last_part_of_a_split_block() -> None:
    result = parse_text(SPLIT_ROUND)
    doc = document_of(SPLIT_ROUND)
    first, second = (t.table_id for t in result.tables[:2])
    assert result.tables[0].line == result.tables[1].line - 3  # one block, split at its header
    assert doc.tiebreaker_after(first) is None
    node = doc.tiebreaker_after(second)
    assert node is not None and node.heading == "Tiebreaker" and not node.has_table


TWO_POINTS = """\
Old season
First round
Each tie was decided by points.
| Teams | Scores |
| 1st leg home team | Points | 2nd leg home team | 1st leg | 2nd leg |
|---|---|---|---|---|
| Alpha | 4:0 | Beta | 2–0 | 1–0 |
| Gamma | 2:2 | Delta | 1–1 | 1–1 |
| Epsilon | 1:3 | Zeta | 0–0 | 0–2 |
| Eta | 2:2 | Theta | 1–0 | 0–1 |
"""


def test_two_points_a_win_tie_table_is_read_under_its_own_rule() -> None:
    result = parse_text(TWO_POINTS)
    codes = [f.code for f in result.findings]
    assert "tie-points-mismatch" not in codes
    rule = [f for f in result.findings if f.code == "points-rule"]
    assert len(rule) == 1 and rule[0].stated == "2" and "stated points" in rule[0].message
    assert [(d.team1_points, d.team2_points, d.winner) for d in result.ties] == [
        (4, 0, "Alpha"),
        (2, 2, None),
        (1, 3, "Zeta"),
        (2, 2, None),
    ]


def test_a_typo_in_one_tie_is_a_mismatch_not_a_new_rule() -> None:
    result = parse_text(TWO_POINTS.replace("| Alpha | 4:0 |", "| Alpha | 6:0 |"))
    mismatches = [f for f in result.findings if f.code == "tie-points-mismatch"]
    assert [(f.team, f.stated, f.computed) for f in mismatches] == [("Alpha", "6:0", "4:0")]


def _group_a_as_two_tables(score_change: tuple[str, str] | None = None) -> str:
    """The seed's Region II Group A printed as a standings table and a separate matrix."""
    doc = read_document(SEED.read_bytes(), SEED.stem, SEED.name)[0]
    grid = next(g for g in doc.grids if doc.placement(g.table_id).group == "Group A")
    labels = grid.labels
    spacer = labels.index("Qualification") + 1
    abbrs = labels[spacer + 1 :]
    lines = ["2004 Copa Perú", "Regional Stage"]
    # The stage's rule, as the seed states it (line 7): points decide, then a third match.
    lines += ["On every stage qualification is decided by points, no matter the goal difference."]
    lines += ["Region II", "Group A"]
    lines.append("| " + " | ".join(labels[:spacer]) + " |")
    lines.append("|" + "---|" * spacer)
    for row in grid.rows:
        lines.append("| " + " | ".join(c.raw if c else "" for c in row.cells[:spacer]) + " |")
    lines.append("The results of the group, home team down the side.")
    lines.append("| Home \\ Away | " + " | ".join(abbrs) + " |")
    lines.append("|" + "---|" * (len(abbrs) + 1))
    for row in grid.rows:
        team = row.cells[1]
        cells = [c.raw if c else "" for c in row.cells[spacer + 1 :]]
        if score_change and team is not None and team.text == score_change[0]:
            first = next(i for i, c in enumerate(cells) if c[:1].isdigit())
            cells[first] = score_change[1]  # one home score of this team
        lines.append("| " + " | ".join([team.raw if team else "", *cells]) + " |")
    return "\n".join(lines) + "\n"


def test_standings_and_a_separate_matrix_of_the_same_teams_are_cross_checked() -> None:
    seed = parse_fixture(SEED.name)
    group = next(t for t in seed.tables if t.section.group == "Group A" and t.kind == "league")
    expected = sorted(f.code for f in seed.findings if f.table_id == group.table_id)
    split = parse_text(_group_a_as_two_tables())
    kinds = [t.kind for t in split.tables]
    assert kinds == ["league", "results_matrix"]
    standings = split.tables[0]
    got = sorted(f.code for f in split.findings if f.table_id == standings.table_id)
    assert got == expected == ["order-level", "walkover-policy"]


def test_a_changed_score_in_a_separate_matrix_is_named_against_the_standings() -> None:
    split = parse_text(_group_a_as_two_tables(("José Gálvez", "9–0")))
    warnings = [f for f in split.findings if f.code == "standings-vs-results"]
    assert warnings and all(f.table_id == split.tables[0].table_id for f in warnings)
    matrix_lines = {m.line for m in split.tables[1].matches}
    assert all(set(f.candidate_lines) <= matrix_lines for f in warnings)


# --- findings ----------------------------------------------------------------------------------

REPR = re.compile(r"\(\d+,\)|\bnp\.|\bint64\(|\bNone\b|\[\]|\(\)")


@pytest.mark.parametrize(
    "path",
    sorted([*FIXTURES.glob("*.txt"), *FIXTURES.glob("wild/*.txt"), *FIXTURES.glob("rows/*.txt")]),
    ids=lambda p: p.stem,
)
def test_messages_never_show_python_reprs_and_carry_the_input_path(path) -> None:  # type: ignore[no-untyped-def]
    rel = str(path.relative_to(FIXTURES.parent.parent))
    result = parse_page(path.read_bytes(), path.stem, rel)
    for f in result.findings:
        assert not REPR.search(f.message), f.message
        assert f.path == rel, f
        assert f.format().startswith(f"{rel}:{f.line}: {f.severity}[{f.code}] ")


def test_every_finding_kind_is_declared_once_with_a_template() -> None:
    from pipeline import findings

    kinds = [v for v in vars(findings).values() if isinstance(v, findings.FindingKind)]
    assert len({k.code for k in kinds}) == len(kinds) == len(findings.builtin_kinds())
    for kind in kinds:
        assert kind.severity in findings.SEVERITIES and kind.template and kind.meaning


def test_stated_levels_govern_nesting_and_zones_holding_rounds_are_regions() -> None:
    from pipeline.findings import Site
    from pipeline.sections import HeadingEvent, TableEvent, build_tree

    events: list[HeadingEvent | TableEvent] = [
        HeadingEvent("Liga Departamental de Amazonas", 2, level=2),
        HeadingEvent("Zona Norte", 3, level=3),
        HeadingEvent("Group A", 4, level=4),
        TableEvent("p#1", 5),
        HeadingEvent("Final", 6, level=4),
        TableEvent("p#2", 7),
        HeadingEvent("Zona Sur", 8, level=3),
        HeadingEvent("First Stage", 9, level=4),
        TableEvent("p#3", 10),
        HeadingEvent("Final", 11, level=4),
        TableEvent("p#4", 12),
        HeadingEvent("Semifinals", 13, level=3),
        TableEvent("p#5", 14),
    ]
    tree = build_tree(events, Site("p", "p.txt"))
    place = tree.placements
    assert place["p#1"].path == ("Liga Departamental de Amazonas", "Zona Norte", "Group A")
    assert (place["p#1"].region, place["p#1"].group) == ("Zona Norte", "Group A")
    assert (place["p#3"].region, place["p#3"].stage) == ("Zona Sur", "First Stage")
    # By level, the Final after `First Stage` is its sibling, and Semifinals a sibling of zones.
    assert place["p#4"].path == ("Liga Departamental de Amazonas", "Zona Sur", "Final")
    assert place["p#5"].path == ("Liga Departamental de Amazonas", "Semifinals")
    assert place["p#5"].region == "Liga Departamental de Amazonas"
    assert tree.findings == ()


def test_a_group_never_holds_a_region_found_by_position() -> None:
    page = (
        "Season page\nGroup A\n| Team 1 | Score | Team 2 |\n|---|---|---|\n| A | 1–0 | B |\n"
        "Zona Norte\nGroup B\n| Team 1 | Score | Team 2 |\n|---|---|---|\n| C | 2–0 | D |\n"
    )
    result = parse_text(page)
    paths = [t.section.path for t in result.tables]
    assert paths == [("Group A",), ("Zona Norte", "Group B")]
    assert (result.tables[1].section.region, result.tables[1].section.group) == (
        "Zona Norte",
        "Group B",
    )
    top = [c.heading for c in document_of(page).root.children if isinstance(c, SectionNode)]
    assert top == ["Group A", "Zona Norte"]


def test_full_width_rows_inside_a_table_head_the_rows_below_them() -> None:
    page = (
        "Cup\nFirst round\n| Team 1 | Agg. | Team 2 | 1st leg | 2nd leg |\n|---|---|---|---|---|\n"
        "| Northern zone |\n| Alpha | 3–1 | Beta | 2–0 | 1–1 |\n"
        "| Gamma | 0–2 | Delta | 0–1 | 0–1 |\n"
        "| Southern zone | | | | |\n| Eps | 1–0 | Zeta | 1–0 | 0–0 |\n"
    )
    result = parse_text(page)
    grid = document_of(page).grids[0]
    assert [c.text for c in grid.subheadings if c.text] == ["Northern zone", "Southern zone"]
    assert [r.subheading for r in grid.rows] == ["Northern zone", "Northern zone", "Southern zone"]
    (table,) = result.tables
    assert [(t.team1, t.team2) for t in table.ties] == [
        ("Alpha", "Beta"), ("Gamma", "Delta"), ("Eps", "Zeta"),
    ]  # fmt: skip
    assert table.status == "parsed" and table.cells_unused == 0
    assert table.cells == table.cells_layout + table.cells_data + table.cells_unused
    assert not [f for f in result.findings if f.severity != "info"]


def test_team_links_of_a_grid_reach_standings_and_matrix_matches() -> None:
    from pipeline import kinds
    from pipeline.document import Grid, GridRow, Placement, make_cell
    from pipeline.findings import Site
    from pipeline.kinds import Account, TableContext

    labels = ["Pos", "Team", "Pld", "W", "D", "L", "GF", "GA", "GD", "Pts", "ALP", "BET"]
    header = (tuple(make_cell(t, 1) for t in labels),)
    values = [
        ["1", "Alpha", "1", "1", "0", "0", "2", "1", "+1", "3", "", "2–1"],
        ["2", "Beta", "1", "0", "0", "1", "1", "2", "−1", "0", "", ""],
    ]
    rows = []
    for n, texts in enumerate(values):
        cells = [make_cell(t, n + 2) for t in texts]
        cells[1] = make_cell(texts[1], n + 2, links=(f"{texts[1]} FC",))
        rows.append(GridRow(tuple(cells), n + 2, n))
    grid = Grid("p#1", 1, 3, header=header, rows=tuple(rows))
    found = kinds.recognise(grid)
    assert found is not None
    kind, columns = found
    ctx = TableContext(grid, columns, Placement(), Site("p", "p.txt", "p#1"), kind.reads)
    records = kind.read(ctx, Account())
    standings = records.by_output["standings"]
    assert [r.team_link for r in standings] == ["Alpha FC", "Beta FC"]  # type: ignore[attr-defined]
    (match,) = [m for m in records.by_output["matches"] if m.home_goals is not None]  # type: ignore[attr-defined]
    assert (match.home_team_link, match.away_team_link) == ("Alpha FC", "Beta FC")  # type: ignore[attr-defined]

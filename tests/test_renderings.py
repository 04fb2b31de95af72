"""Case file for renderings: small page snippets in the real pages' styles, parsed end to end.

Each case is a few lines of a page written inline (cell-per-line tables through `cells()`, which
writes each cell as a text line then a `|` line, an empty cell as a bare `|`), the rule it pins
down, and what `parse_page` must give: table kinds, section paths, standings, matches, ties and
findings, written as flat tuples so a failure shows meaning, not prose. Every case also checks the
accounting identity `cells == cells_layout + cells_data + cells_unused`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.page import PageResult, parse_page

NBSP = "\u00a0"

# (position, team, played, goal_difference, points, qualification, notes)
Standing = tuple[int | None, str, int | None, int | None, int | None, str | None, tuple[str, ...]]
# (kind, home_team, away_team, home_goals, away_goals, home_penalties, away_penalties, status)
Game = tuple[str, str | None, str | None, int | None, int | None, int | None, int | None, str]
# (team1, team2, team1_aggregate, team2_aggregate, team1_penalties, team2_penalties,
#  team1_points, team2_points, decided_by, winner)
TieRow = tuple[
    str | None,
    str | None,
    int | None,
    int | None,
    int | None,
    int | None,
    int | None,
    int | None,
    str,
    str | None,
]
# (severity, code, line)
Found = tuple[str, str, int]


def cells(*texts: str) -> str:
    """Write cells the cell-per-line way: a text line then a `|` line; empty is a bare `|`."""
    return "".join(f"{text}\n|\n" if text else "|\n" for text in texts)


TITLE = "The 2022 Copa Perú season, the promotion tournament of Peruvian football.\n"
STANDINGS_HEADER = ("Pos", "Team", "Pld", "W", "D", "L", "GF", "GA", "GD", "Pts")


@dataclass(frozen=True)
class Case:
    """One rendering rule: a page snippet and what parsing it must give."""

    name: str
    rule: str
    text: str | bytes
    kinds: tuple[str, ...]  # kind of every table, in page order
    sections: tuple[tuple[str, ...], ...] | None = None  # section path of every table
    standings: tuple[tuple[Standing, ...], ...] | None = None  # per table
    matches: tuple[tuple[Game, ...], ...] | None = None  # per table
    ties: tuple[TieRow, ...] | None = None  # decided ties of the page
    findings: tuple[Found, ...] = ()  # findings that must be reported
    absent: tuple[str, ...] = ()  # finding codes that must not be reported
    unused: tuple[int, ...] | None = None  # cells_unused per table (default: none anywhere)
    truncated: bool = False  # pages.truncated


CASES = [
    # --- Header wording -------------------------------------------------------------------------
    Case(
        name="header-qualification-or-relegation",
        rule="`Qualification or relegation` names the qualification column",
        text=TITLE
        + "Group A\n"
        + cells(*STANDINGS_HEADER, "Qualification or relegation")
        + cells("1", "Sport Alfa", "2", "2", "0", "0", "5", "1", "+4", "6", "Promoted")
        + cells("2", "Sport Beta", "2", "0", "0", "2", "1", "5", "−4", "0", "Relegated"),
        kinds=("league",),
        sections=(("Group A",),),
        standings=(
            (
                (1, "Sport Alfa", 2, 4, 6, "Promoted", ()),
                (2, "Sport Beta", 2, -4, 0, "Relegated", ()),
            ),
        ),
        matches=((),),
    ),
    Case(
        name="header-promotion-or-relegation",
        rule="`Promotion or relegation` names the qualification column",
        text=TITLE + "Standings\n"
        "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts | Promotion or relegation |\n"
        "---|---|---|---|---|---|---|---|---|---|---|\n"
        "1 | Sport Alfa | 2 | 1 | 1 | 0 | 3 | 1 | +2 | 4 | Promotion to Liga 2 |\n"
        "2 | Sport Beta | 2 | 0 | 1 | 1 | 1 | 3 | −2 | 1 | |\n",
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 2, 2, 4, "Promotion to Liga 2", ()),
                (2, "Sport Beta", 2, -2, 1, None, ()),
            ),
        ),
    ),
    Case(
        name="header-without-qualification-column",
        rule="a standings header may end at Pts: rows are ten cells",
        text=TITLE
        + "Group B\n"
        + cells(*STANDINGS_HEADER)
        + cells("1", "Sport Alfa", "2", "1", "1", "0", "3", "1", "+2", "4")
        + cells("2", "Sport Beta", "2", "0", "1", "1", "1", "3", "−2", "1"),
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 2, 2, 4, None, ()),
                (2, "Sport Beta", 2, -2, 1, None, ()),
            ),
        ),
    ),
    Case(
        name="header-home-away-corner-before-abbreviations",
        rule="a `Home \\ Away` corner cell sits between the standings and the matrix",
        text=TITLE
        + "Group A\n"
        + cells(*STANDINGS_HEADER, "Qualification", "Home \\ Away", "ALF", "BET")
        + cells("1", "Sport Alfa", "2", "1", "1", "0", "3", "1", "+2", "4", "Final", "", "", "2–0")
        + cells("2", "Sport Beta", "2", "0", "1", "1", "1", "3", "−2", "1", "", "", "1–1", ""),
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 2, 2, 4, "Final", ()),
                (2, "Sport Beta", 2, -2, 1, None, ()),
            ),
        ),
        matches=(
            (
                ("league", "Sport Alfa", "Sport Beta", 2, 0, None, None, "played"),
                ("league", "Sport Beta", "Sport Alfa", 1, 1, None, None, "played"),
            ),
        ),
    ),
    Case(
        name="header-title-word-as-corner-cell",
        rule="a title word such as `Resultater` is a corner cell, not a team abbreviation; "
        "it holds a name, so it is no layout: named by an info",
        text=TITLE
        + "Group A\n"
        + cells(*STANDINGS_HEADER, "Qualification", "Resultater", "ALF", "BET")
        + cells("1", "Sport Alfa", "2", "2", "0", "0", "4", "1", "+3", "6", "Final", "", "", "3–1")
        + cells("2", "Sport Beta", "2", "0", "0", "2", "1", "4", "−3", "0", "", "", "0–1", ""),
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 2, 3, 6, "Final", ()),
                (2, "Sport Beta", 2, -3, 0, None, ()),
            ),
        ),
        matches=(
            (
                ("league", "Sport Alfa", "Sport Beta", 3, 1, None, None, "played"),
                ("league", "Sport Beta", "Sport Alfa", 0, 1, None, None, "played"),
            ),
        ),
        unused=(1,),
        absent=("column-unread",),
    ),
    Case(
        name="header-points-before-played",
        rule="columns are read by their header labels, not by a fixed order (`Pts` before `Pld`)",
        text=TITLE
        + "Group A\n"
        + cells("Pos", "Team", "Pts", "Pld", "W", "D", "L", "GF", "GA", "GD")
        + cells("1", "Sport Alfa", "7", "3", "2", "1", "0", "6", "2", "+4")
        + cells("2", "Sport Beta", "1", "3", "0", "1", "2", "2", "6", "−4"),
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 3, 4, 7, None, ()),
                (2, "Sport Beta", 3, -4, 1, None, ()),
            ),
        ),
    ),
    Case(
        name="header-tooltips-glued-to-labels",
        rule="tooltip text glued to a header label is dropped (`PldTooltip Matches played`)",
        text=TITLE
        + "Group A\n"
        + cells(
            "PosTooltip Position",
            "Team",
            "PldTooltip Matches played",
            "WTooltip Won",
            "DTooltip Drawn",
            "LTooltip Lost",
            "GFTooltip Goals for",
            "GATooltip Goals against",
            "GDTooltip Goal difference",
            "PtsTooltip Points",
        )
        + cells("1", "Sport Alfa", "2", "1", "1", "0", "3", "1", "+2", "4")
        + cells("2", "Sport Beta", "2", "0", "1", "1", "1", "3", "−2", "1"),
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 2, 2, 4, None, ()),
                (2, "Sport Beta", 2, -2, 1, None, ()),
            ),
        ),
    ),
    # --- Row marks, rules and headings ---------------------------------------------------------
    Case(
        name="rows-with-pipe-prefix-on-first-cell",
        rule="a `| ` prefix on a row's first cell (line `| 1` then line `|`) marks a row start",
        text=TITLE
        + "Group A\n"
        + cells("| Pos", *STANDINGS_HEADER[1:], "Qualification")
        + cells("| 1", "Sport Alfa", "2", "1", "1", "0", "3", "1", "+2", "4", "Final")
        + cells("| 2", "Sport Beta", "2", "0", "1", "1", "1", "3", "−2", "1", "Eliminated"),
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 2, 2, 4, "Final", ()),
                (2, "Sport Beta", 2, -2, 1, "Eliminated", ()),
            ),
        ),
    ),
    Case(
        name="rows-with-pipe-prefix-beside-results-matrix",
        rule="`| `-prefixed rows still read when abbreviations head a results matrix beside them",
        text=TITLE
        + "Region III\n"
        + cells("| Pos", *STANDINGS_HEADER[1:], "Qualification", "", "ALF", "BET", "GAM")
        + cells("| 1", "Sport Alfa", "4", "3", "1", "0", "6", "1", "+5", "10", "National stage")
        + cells("", "", "2–0", "1–0")
        + cells("| 2", "Sport Beta", "4", "1", "2", "1", "5", "5", "0", "5")
        + cells("", "1–1", "", "3–1")
        + cells("| 3", "Sport Gamma", "4", "0", "1", "3", "2", "7", "−5", "1")
        + cells("", "", "0–2", "1–1", ""),
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 4, 5, 10, "National stage", ()),
                (2, "Sport Beta", 4, 0, 5, "National stage", ()),
                (3, "Sport Gamma", 4, -5, 1, None, ()),
            ),
        ),
        matches=(
            (
                ("league", "Sport Alfa", "Sport Beta", 2, 0, None, None, "played"),
                ("league", "Sport Alfa", "Sport Gamma", 1, 0, None, None, "played"),
                ("league", "Sport Beta", "Sport Alfa", 1, 1, None, None, "played"),
                ("league", "Sport Beta", "Sport Gamma", 3, 1, None, None, "played"),
                ("league", "Sport Gamma", "Sport Alfa", 0, 2, None, None, "played"),
                ("league", "Sport Gamma", "Sport Beta", 1, 1, None, None, "played"),
            ),
        ),
        absent=("table-unknown",),
    ),
    Case(
        name="rule-line-under-cell-per-line-header",
        rule="a `---|` rule line under the header is layout, not data",
        text=TITLE
        + "Group A\n"
        + cells(*STANDINGS_HEADER)
        + "---|\n"
        + cells("1", "Sport Alfa", "2", "1", "1", "0", "3", "1", "+2", "4")
        + cells("2", "Sport Beta", "2", "0", "1", "1", "1", "3", "−2", "1"),
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 2, 2, 4, None, ()),
                (2, "Sport Beta", 2, -2, 1, None, ()),
            ),
        ),
    ),
    Case(
        name="heading-with-edit-glued-after",
        rule="`First roundEdit` is the heading `First round`",
        text=TITLE
        + "National StageEdit\nFirst roundEdit\n"
        + cells("Team 1", "Score", "Team 2")
        + "---|\n"
        + cells("Real Chachapoyas", "7–0", "UNT"),
        kinds=("single_match",),
        sections=(("National Stage", "First round"),),
        matches=((("single", "Real Chachapoyas", "UNT", 7, 0, None, None, "played"),),),
        absent=("heading-without-table",),
    ),
    Case(
        name="heading-with-edit-glued-before",
        rule="`editSerie A` is the heading `Serie A`, a group",
        text=TITLE
        + "Regional StageEdit\neditSerie A\n"
        + cells(*STANDINGS_HEADER)
        + cells("1", "Sport Alfa", "2", "1", "1", "0", "3", "1", "+2", "4")
        + cells("2", "Sport Beta", "2", "0", "1", "1", "1", "3", "−2", "1"),
        kinds=("league",),
        sections=(("Regional Stage", "Serie A"),),
        absent=("heading-without-table",),
    ),
    Case(
        name="headings-glued-on-one-line-stage-and-region",
        rule="`Regional StageEditRegion IIEdit` is two headings: a stage and a region inside it",
        text=TITLE
        + "Regional StageEditRegion IIEdit\nSemifinalsEdit\n"
        + cells("Team 1", "Score", "Team 2")
        + "---|\n"
        + cells("Defensores del Ilucán", "4–1", "Real Juanjuí"),
        kinds=("single_match",),
        sections=(("Regional Stage", "Region II", "Semifinals"),),
        absent=("heading-without-table",),
    ),
    Case(
        name="headings-glued-on-one-line-two-stages",
        rule="`Departamental StageEditRegional StageEdit` is two headings; stages are siblings",
        text=TITLE
        + "Departamental StageEditRegional StageEdit\nFirst roundEdit\n"
        + cells("Team 1", "Score", "Team 2")
        + "---|\n"
        + cells("Alianza Atlético", "5–2", "Fuerza Leonardina"),
        kinds=("single_match",),
        sections=(("Regional Stage", "First round"),),
        findings=(("info", "heading-without-table", 2),),
    ),
    # --- Short and cut rows --------------------------------------------------------------------
    Case(
        name="rowspan-qualification-reaches-second-row",
        rule="a row one cell short lacks its Qualification: it takes the spanning value above",
        text=TITLE
        + "Region III\n"
        + cells(*STANDINGS_HEADER, "Qualification", "", "ALF", "BET", "GAM")
        + cells("1", "Sport Alfa", "4", "3", "1", "0", "6", "1", "+5", "10", "National stage")
        + cells("", "", "2–0", "1–0")
        + cells("2", "Sport Beta", "4", "1", "2", "1", "5", "5", "0", "5")
        + cells("", "1–1", "", "3–1")
        + cells("3", "Sport Gamma", "4", "0", "1", "3", "2", "7", "−5", "1")
        + cells("", "", "0–2", "1–1", ""),
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 4, 5, 10, "National stage", ()),
                (2, "Sport Beta", 4, 0, 5, "National stage", ()),
                (3, "Sport Gamma", 4, -5, 1, None, ()),
            ),
        ),
        matches=(
            (
                ("league", "Sport Alfa", "Sport Beta", 2, 0, None, None, "played"),
                ("league", "Sport Alfa", "Sport Gamma", 1, 0, None, None, "played"),
                ("league", "Sport Beta", "Sport Alfa", 1, 1, None, None, "played"),
                ("league", "Sport Beta", "Sport Gamma", 3, 1, None, None, "played"),
                ("league", "Sport Gamma", "Sport Alfa", 0, 2, None, None, "played"),
                ("league", "Sport Gamma", "Sport Beta", 1, 1, None, None, "played"),
            ),
        ),
        absent=("row-short", "row-unplaced", "row-too-long", "matrix-size"),
    ),
    Case(
        name="rowspan-qualification-in-row-per-line",
        rule="a row-per-line row one cell short takes the Qualification above it",
        text=TITLE + "Standings\n"
        "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts | Qualification |\n"
        "---|---|---|---|---|---|---|---|---|---|---|\n"
        "1 | Sport Alfa | 2 | 2 | 0 | 0 | 5 | 1 | +4 | 6 | National stage |\n"
        "2 | Sport Beta | 2 | 1 | 0 | 1 | 3 | 3 | 0 | 3 |\n"
        "3 | Sport Gamma | 2 | 0 | 0 | 2 | 1 | 5 | −4 | 0 | Eliminated |\n",
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 2, 4, 6, "National stage", ()),
                (2, "Sport Beta", 2, 0, 3, "National stage", ()),
                (3, "Sport Gamma", 2, -4, 0, "Eliminated", ()),
            ),
        ),
        absent=("row-short",),
    ),
    Case(
        name="truncated-table-keeps-complete-rows",
        rule="a file ending mid-row keeps the complete rows and reports the cut at its line",
        # Lines: 1 title, 2 heading, 3-22 header, 23-62 two rows, 63-64 `3` `|`, 65 `Sport Gam`.
        text=TITLE
        + "Group A\n"
        + cells(*STANDINGS_HEADER)
        + cells("1", "Sport Alfa", "2", "1", "1", "0", "3", "1", "+2", "4")
        + cells("2", "Sport Beta", "2", "0", "1", "1", "1", "3", "−2", "1")
        + "3\n|\nSport Gam",
        kinds=("league",),
        standings=(
            (
                (1, "Sport Alfa", 2, 2, 4, None, ()),
                (2, "Sport Beta", 2, -2, 1, None, ()),
            ),
        ),
        findings=(("warning", "table-truncated", 63),),
        unused=(2,),
        truncated=True,
    ),
    # --- Match cells ---------------------------------------------------------------------------
    Case(
        name="matrix-scores-with-ascii-hyphen",
        rule="a results-matrix score may use an ASCII hyphen (`2-0`)",
        text=TITLE
        + "Group A\n"
        + cells(*STANDINGS_HEADER, "", "ALF", "BET")
        + cells("1", "Sport Alfa", "2", "1", "1", "0", "3", "1", "+2", "4", "", "", "2-0")
        + cells("2", "Sport Beta", "2", "0", "1", "1", "1", "3", "−2", "1", "", "1-1", ""),
        kinds=("league",),
        matches=(
            (
                ("league", "Sport Alfa", "Sport Beta", 2, 0, None, None, "played"),
                ("league", "Sport Beta", "Sport Alfa", 1, 1, None, None, "played"),
            ),
        ),
        absent=("cell-unparsed",),
    ),
    Case(
        name="matrix-np-and-dash-cells-are-not-played",
        rule="`n.p.` and `–` matrix cells are not_played with null goals, never 0–0",
        text=TITLE
        + "Group A\n"
        + cells(*STANDINGS_HEADER, "", "ALF", "BET")
        + cells("1", "Sport Alfa", "0", "0", "0", "0", "0", "0", "0", "0", "", "", "n.p.")
        + cells("2", "Sport Beta", "0", "0", "0", "0", "0", "0", "0", "0", "", "–", ""),
        kinds=("league",),
        matches=(
            (
                ("league", "Sport Alfa", "Sport Beta", None, None, None, None, "not_played"),
                ("league", "Sport Beta", "Sport Alfa", None, None, None, None, "not_played"),
            ),
        ),
        absent=("cell-unparsed",),
    ),
    Case(
        name="matrix-walkover-cell",
        rule="a `W.O.` matrix cell is a walkover with null goals",
        text=TITLE
        + "Group A\n"
        + cells(*STANDINGS_HEADER, "", "ALF", "BET")
        + cells("1", "Sport Alfa", "1", "1", "0", "0", "2", "0", "+2", "3", "", "", "2–0")
        + cells("2", "Sport Beta", "1", "0", "0", "1", "0", "2", "−2", "0", "", "W.O.", ""),
        kinds=("league",),
        matches=(
            (
                ("league", "Sport Alfa", "Sport Beta", 2, 0, None, None, "played"),
                ("league", "Sport Beta", "Sport Alfa", None, None, None, None, "walkover"),
            ),
        ),
        absent=("cell-unparsed",),
    ),
    Case(
        name="two-legged-penalties-in-aggregate",
        rule="a shoot-out written in the aggregate cell decides the tie; goals exclude it",
        text=TITLE
        + "Liga Departamental de Áncash\nFirst stage\n"
        + cells("Team 1", "Agg.Tooltip Aggregate score", "Team 2", "1st leg", "2nd leg")
        + cells("Sport Juvenil", "3–3 (17–16 p)", "Sipza Primavera", "2–1", "1–2"),
        kinds=("two_legged",),
        sections=(("Liga Departamental de Áncash", "First stage"),),
        matches=(
            (
                ("leg_1", "Sport Juvenil", "Sipza Primavera", 2, 1, None, None, "played"),
                # The shoot-out followed leg 2, where team 2 was at home (contract v2).
                ("leg_2", "Sipza Primavera", "Sport Juvenil", 2, 1, 16, 17, "played"),
            ),
        ),
        ties=(
            (
                "Sport Juvenil",
                "Sipza Primavera",
                3,
                3,
                17,
                16,
                3,
                3,
                "penalties",
                "Sport Juvenil",
            ),
        ),
    ),
    Case(
        name="bracket-with-empty-team-cells-is-pending",
        rule="an unplayed bracket (empty team cells, `–` scores) is pending, never an error",
        text=TITLE
        + "National Stage\nRound of 16\n"
        + cells("Team 1", "Agg.Tooltip Aggregate score", "Team 2", "1st leg", "2nd leg")
        + cells("", "–", "", "–", "–")
        + cells("", "–", "", "–", "–"),
        kinds=("two_legged",),
        matches=(
            (
                ("leg_1", None, None, None, None, None, None, "pending"),
                ("leg_2", None, None, None, None, None, None, "pending"),
                ("leg_1", None, None, None, None, None, None, "pending"),
                ("leg_2", None, None, None, None, None, None, "pending"),
            ),
        ),
        ties=(
            (None, None, None, None, None, None, None, None, "pending", None),
            (None, None, None, None, None, None, None, None, "pending", None),
        ),
        absent=("cell-unparsed", "row-short", "tiebreaker-missing-unresolved"),
    ),
    Case(
        name="footnote-marks-in-team-cells",
        rule="footnote marks after a team name go to notes, not into the name",
        text=TITLE
        + "Group A\n"
        + cells(*STANDINGS_HEADER)
        + cells("1", "Sporting Cristal B[note 1]", "2", "1", "1", "0", "3", "1", "+2", "4")
        + cells("2", "Sport Beta[a]", "2", "1", "0", "1", "2", "2", "0", "3")
        + cells("3", "Sport Gamma[lower-alpha 1]", "2", "0", "1", "1", "1", "3", "−2", "1"),
        kinds=("league",),
        standings=(
            (
                (1, "Sporting Cristal B", 2, 2, 4, None, ("note 1",)),
                (2, "Sport Beta", 2, 0, 3, None, ("a",)),
                (3, "Sport Gamma", 2, -2, 1, None, ("lower-alpha 1",)),
            ),
        ),
    ),
    Case(
        name="footnote-marks-in-tie-team-cells",
        rule="footnote marks after the team names of a tie are not part of the names",
        text=TITLE
        + "Quarterfinals\n"
        + cells("Team 1", "Agg.Tooltip Aggregate score", "Team 2", "1st leg", "2nd leg")
        + cells("Flamengo[a]", "3–1", "Higos Urco[note 1]", "3–1", "0–0"),
        kinds=("two_legged",),
        matches=(
            (
                ("leg_1", "Flamengo", "Higos Urco", 3, 1, None, None, "played"),
                ("leg_2", "Higos Urco", "Flamengo", 0, 0, None, None, "played"),
            ),
        ),
        ties=(("Flamengo", "Higos Urco", 3, 1, None, None, 4, 1, "aggregate", "Flamengo"),),
    ),
    Case(
        name="status-marks-kept-in-notes",
        rule="`(C)` and `(R)` go to notes; a place name in brackets stays in the team's name",
        text=TITLE + "Standings\n"
        "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts |\n"
        "---|---|---|---|---|---|---|---|---|---|\n"
        "1 | Olímpico Somos Peru (C) | 2 | 2 | 0 | 0 | 4 | 1 | +3 | 6 |\n"
        "2 | Deportivo Municipal (RdM) | 2 | 1 | 0 | 1 | 3 | 3 | 0 | 3 |\n"
        "3 | Somos Aduanas (R) | 2 | 0 | 0 | 2 | 1 | 4 | −3 | 0 |\n",
        kinds=("league",),
        standings=(
            (
                (1, "Olímpico Somos Peru", 2, 3, 6, None, ("C",)),
                (2, "Deportivo Municipal (RdM)", 2, 0, 3, None, ()),
                (3, "Somos Aduanas", 2, -3, 0, None, ("R",)),
            ),
        ),
    ),
    # --- Bad input -----------------------------------------------------------------------------
    Case(
        name="latin1-byte-is-replaced-with-a-finding",
        rule="a byte that is not UTF-8 is replaced with U+FFFD and named by a `not-utf8` finding",
        text=(
            TITLE
            + "Group A\n"
            + cells(*STANDINGS_HEADER)
            + cells("1", "Unión Comercial", "2", "1", "1", "0", "3", "1", "+2", "4")
            + cells("2", "Sport Beta", "2", "0", "1", "1", "1", "3", "−2", "1")
        )
        .replace("Unión", "Uni\udce9n")
        .encode("utf-8", errors="surrogateescape"),
        kinds=("league",),
        standings=(
            (
                (1, "Uni\ufffdn Comercial", 2, 2, 4, None, ()),
                (2, "Sport Beta", 2, -2, 1, None, ()),
            ),
        ),
        findings=(("warning", "not-utf8", 25),),
    ),
    Case(
        name="empty-file",
        rule="an empty file gives a finding and no table, never an exception",
        text=b"",
        kinds=(),
        findings=(("warning", "empty-input", 1),),
    ),
    Case(
        name="blank-lines-only",
        rule="a file of blank lines is empty too",
        text=b"\n  \n\r\n",
        kinds=(),
        findings=(("warning", "empty-input", 1),),
    ),
    Case(
        name="bom-only-file",
        rule="a file holding only a UTF-8 BOM is empty",
        text=b"\xef\xbb\xbf",
        kinds=(),
        findings=(("warning", "empty-input", 1),),
    ),
    Case(
        name="binary-file",
        rule="a binary file (NUL bytes) gives a finding and no table, never an exception",
        text=b"PK\x03\x04\x14\x00\x00\x00\x08\x00|\n\x00\xff\xfe|\n",
        kinds=(),
        findings=(("warning", "binary-input", 1),),
    ),
    # --- Row per line --------------------------------------------------------------------------
    Case(
        name="row-per-line-with-rule",
        rule="`a | b |` rows with a `---|---|` rule: one row per line",
        text=TITLE + "Second stage\nGroup A\n"
        "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts |\n"
        "---|---|---|---|---|---|---|---|---|---|\n"
        "1 | Grupo Malca | 4 | 2 | 0 | 2 | 7 | 6 | +1 | 6 |\n"
        "2 | Muni Ba | 4 | 2 | 0 | 2 | 8 | 8 | 0 | 6 |\n"
        "3 | Defensor Santa Isabel | 4 | 2 | 0 | 2 | 8 | 9 | −1 | 6 |\n"
        "Source:\n",
        kinds=("league",),
        sections=(("Second stage", "Group A"),),
        standings=(
            (
                (1, "Grupo Malca", 4, 1, 6, None, ()),
                (2, "Muni Ba", 4, 0, 6, None, ()),
                (3, "Defensor Santa Isabel", 4, -1, 6, None, ()),
            ),
        ),
    ),
    Case(
        name="row-per-line-two-line-header-with-points-column",
        rule="the older two-legged layout: a two-line header, stated points `0:6`, `–` legs",
        text=TITLE + "Liga Departamental de Amazonas\nFirst stage\n"
        "Teams | Scores | ||||\n"
        "---|---|---|---|---|---|\n"
        "1st leg home team | Points | 2nd leg home team | 1st leg | 2nd leg | Pen. |\n"
        "Defensor Nieva | 0:6 | Muni Ba | 2–4 | 2–12 | – |\n"
        "Grupo Malca | 0:3 | Deportivo Municipal (RdM) | 0–1 | – | – |\n",
        kinds=("two_legged",),
        sections=(("Liga Departamental de Amazonas", "First stage"),),
        matches=(
            (
                ("leg_1", "Defensor Nieva", "Muni Ba", 2, 4, None, None, "played"),
                ("leg_2", "Muni Ba", "Defensor Nieva", 12, 2, None, None, "played"),
                ("leg_1", "Grupo Malca", "Deportivo Municipal (RdM)", 0, 1, None, None, "played"),
                (
                    "leg_2",
                    "Deportivo Municipal (RdM)",
                    "Grupo Malca",
                    None,
                    None,
                    None,
                    None,
                    "not_played",
                ),
            ),
        ),
        ties=(
            ("Defensor Nieva", "Muni Ba", None, None, None, None, 0, 6, "points", "Muni Ba"),
            (
                "Grupo Malca",
                "Deportivo Municipal (RdM)",
                None,
                None,
                None,
                None,
                0,
                3,
                "points",
                "Deportivo Municipal (RdM)",
            ),
        ),
        absent=("cell-unparsed",),
    ),
    Case(
        name="row-per-line-infobox-remnant-is-skipped",
        rule="an infobox remnant is an unknown table, skipped with an info, its cells unused",
        text="2005 Peruvian Segunda División\n"
        "The 2005 Peruvian Segunda División was played by 3 teams.\n"
        "Season | 2005 |\n"
        "---|---|\n"
        "Champions | Olímpico Somos Perú |\n"
        "Standings\n"
        "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts |\n"
        "---|---|---|---|---|---|---|---|---|---|\n"
        "1 | Olímpico Somos Perú | 2 | 2 | 0 | 0 | 4 | 1 | +3 | 6 |\n"
        "2 | Deportivo Aviación | 2 | 0 | 0 | 2 | 1 | 4 | −3 | 0 |\n",
        kinds=("unknown", "league"),
        sections=((), ("Standings",)),
        standings=(
            (),
            (
                (1, "Olímpico Somos Perú", 2, 3, 6, None, ()),
                (2, "Deportivo Aviación", 2, -3, 0, None, ()),
            ),
        ),
        findings=(("info", "infobox-skipped", 3),),
        unused=(4, 0),
    ),
    Case(
        name="row-per-line-legend-and-source-lines-are-not-headings",
        rule="`Source:` and legend lines such as `(C) Champions` are prose, never headings",
        text=TITLE + "Group A\n"
        "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts |\n"
        "---|---|---|---|---|---|---|---|---|---|\n"
        "1 | Sport Alfa (C) | 2 | 1 | 1 | 0 | 3 | 1 | +2 | 4 |\n"
        "2 | Sport Beta (R) | 2 | 0 | 1 | 1 | 1 | 3 | −2 | 1 |\n"
        "Updated to match(es) played on 2005. Source:\n"
        "Source:\n"
        "Rules for classification: 1) points; 2) goal difference; 3) number of goals scored.\n"
        "(C) Champions\n"
        "(R) Relegated\n"
        "Group B\n"
        "Pos | Team | Pld | W | D | L | GF | GA | GD | Pts |\n"
        "---|---|---|---|---|---|---|---|---|---|\n"
        "1 | Sport Gamma | 2 | 2 | 0 | 0 | 5 | 0 | +5 | 6 |\n"
        "2 | Sport Delta | 2 | 0 | 0 | 2 | 0 | 5 | −5 | 0 |\n",
        kinds=("league", "league"),
        sections=(("Group A",), ("Group B",)),
        absent=("heading-without-table",),
    ),
    # --- A results matrix standing alone -------------------------------------------------------
    Case(
        name="results-matrix-alone-with-team-names",
        rule="a matrix with no standings beside it: row team is home, column team is away",
        text=TITLE
        + "Results\n"
        + cells("Home \\ Away", "Sport Alfa", "Sport Beta", "Sport Gamma")
        + cells("Sport Alfa", "", "2–0", "1–1")
        + cells("Sport Beta", "0–3", "", "2–2")
        + cells("Sport Gamma", "1–0", "0–1", ""),
        kinds=("results_matrix",),
        sections=(("Results",),),
        matches=(
            (
                ("league", "Sport Alfa", "Sport Beta", 2, 0, None, None, "played"),
                ("league", "Sport Alfa", "Sport Gamma", 1, 1, None, None, "played"),
                ("league", "Sport Beta", "Sport Alfa", 0, 3, None, None, "played"),
                ("league", "Sport Beta", "Sport Gamma", 2, 2, None, None, "played"),
                ("league", "Sport Gamma", "Sport Alfa", 1, 0, None, None, "played"),
                ("league", "Sport Gamma", "Sport Beta", 0, 1, None, None, "played"),
            ),
        ),
    ),
    Case(
        name="results-matrix-alone-with-abbreviations",
        rule="a matrix headed by abbreviations: column j is the team of row j",
        text=TITLE + "Results\n"
        "Home \\ Away | ALF | BET | GAM |\n"
        "---|---|---|---|\n"
        "Sport Alfa | | 2-0 | W.O. |\n"
        "Sport Beta | 0-3 | | n.p. |\n"
        "Sport Gamma | 1-0 | 0-1 | |\n",
        kinds=("results_matrix",),
        matches=(
            (
                ("league", "Sport Alfa", "Sport Beta", 2, 0, None, None, "played"),
                ("league", "Sport Alfa", "Sport Gamma", None, None, None, None, "walkover"),
                ("league", "Sport Beta", "Sport Alfa", 0, 3, None, None, "played"),
                ("league", "Sport Beta", "Sport Gamma", None, None, None, None, "not_played"),
                ("league", "Sport Gamma", "Sport Alfa", 1, 0, None, None, "played"),
                ("league", "Sport Gamma", "Sport Beta", 0, 1, None, None, "played"),
            ),
        ),
    ),
]
IDS = [case.name for case in CASES]


def parse(text: str | bytes, page: str = "snippet") -> PageResult:
    """Parse a snippet as `parse_page` reads a raw file."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_page(data, page, f"raw/{page}.txt")


def standings_of(result: PageResult) -> tuple[tuple[Standing, ...], ...]:
    return tuple(
        tuple(
            (
                s.position,
                s.team,
                s.played,
                s.goal_difference,
                s.points,
                s.qualification,
                s.notes,
            )
            for s in table.standings
        )
        for table in result.tables
    )


def matches_of(result: PageResult) -> tuple[tuple[Game, ...], ...]:
    return tuple(
        tuple(
            (
                m.kind,
                m.home_team,
                m.away_team,
                m.home_goals,
                m.away_goals,
                m.home_penalties,
                m.away_penalties,
                m.status,
            )
            for m in table.matches
        )
        for table in result.tables
    )


def ties_of(result: PageResult) -> tuple[TieRow, ...]:
    return tuple(
        (
            d.tie.team1,
            d.tie.team2,
            d.tie.team1_aggregate,
            d.tie.team2_aggregate,
            d.tie.team1_penalties,
            d.tie.team2_penalties,
            d.team1_points,
            d.team2_points,
            d.decided_by,
            d.winner,
        )
        for d in result.ties
    )


def findings_of(result: PageResult) -> set[Found]:
    return {(f.severity, f.code, f.line) for f in result.findings}


def with_(field: str) -> list[Case]:
    return [case for case in CASES if getattr(case, field) is not None]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_snippet_gives_tables_of_the_expected_kinds(case: Case) -> None:
    result = parse(case.text)
    assert tuple(t.kind for t in result.tables) == case.kinds


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_cell_is_counted_once(case: Case) -> None:
    result = parse(case.text)
    assert len(result.tables) == len(case.kinds)
    for table in result.tables:
        assert table.cells == table.cells_layout + table.cells_data + table.cells_unused, (
            table.table_id
        )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_unused_cells_are_only_those_expected(case: Case) -> None:
    result = parse(case.text)
    expected = case.unused if case.unused is not None else (0,) * len(case.kinds)
    assert tuple(t.cells_unused for t in result.tables) == expected


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_expected_findings_are_reported_at_their_line(case: Case) -> None:
    result = parse(case.text)
    assert set(case.findings) <= findings_of(result)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_no_error_and_no_unwanted_finding(case: Case) -> None:
    result = parse(case.text)
    assert [f for f in result.findings if f.severity == "error"] == []
    assert [f.code for f in result.findings if f.code in case.absent] == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_page_is_truncated_only_when_the_file_ends_inside_a_table(case: Case) -> None:
    assert parse(case.text).info.truncated is case.truncated


@pytest.mark.parametrize("case", with_("sections"), ids=[c.name for c in with_("sections")])
def test_tables_sit_in_their_heading_path(case: Case) -> None:
    result = parse(case.text)
    assert tuple(t.section.path for t in result.tables) == case.sections


@pytest.mark.parametrize("case", with_("standings"), ids=[c.name for c in with_("standings")])
def test_standings_rows_hold_the_stated_values(case: Case) -> None:
    assert standings_of(parse(case.text)) == case.standings


@pytest.mark.parametrize("case", with_("matches"), ids=[c.name for c in with_("matches")])
def test_match_cells_give_the_expected_matches(case: Case) -> None:
    assert matches_of(parse(case.text)) == case.matches


@pytest.mark.parametrize("case", with_("ties"), ids=[c.name for c in with_("ties")])
def test_ties_are_read_and_decided(case: Case) -> None:
    assert ties_of(parse(case.text)) == case.ties


def test_case_names_are_unique() -> None:
    assert len(IDS) == len(set(IDS))


# --- Encodings and whitespace: the same page, written differently, parses the same ------------

CLEAN = (
    "The 2004 Copa Perú season, the promotion tournament of Peruvian football.\n"
    "Regional Stage\n"
    "Region II\n"
    "Group A\n"
    + cells(*STANDINGS_HEADER, "Qualification", "", "GAL", "SPV")
    + cells("1", "José Gálvez", "2", "1", "1", "0", "3", "1", "+2", "4", "National stage")
    + cells("", "", "2–0")
    + cells("2", "Sport Vallejo", "2", "0", "1", "1", "1", "3", "−2", "1")
    + cells("", "1–1", "")
    + "Source:\n"
    "Quarterfinals\n"
    + cells("Team 1", "Agg.Tooltip Aggregate score", "Team 2", "1st leg", "2nd leg")
    + cells("Flamengo", "3–1", "Higos Urco", "3–1", "0–0")
    + cells("Unión Pacífico", "3–3 (4–2 p)", "Academia Municipal", "1–2", "2–1")
)


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _nbsp(text: str) -> str:
    return text.replace(" ", NBSP)


def _trailing(text: str) -> str:
    return text.replace("\n", "  \n")


VARIANTS = [
    ("utf8-with-bom", b"\xef\xbb\xbf" + CLEAN.encode("utf-8")),
    ("crlf-line-endings", _crlf(CLEAN).encode("utf-8")),
    ("non-breaking-spaces", _nbsp(CLEAN).encode("utf-8")),
    ("trailing-spaces", _trailing(CLEAN).encode("utf-8")),
    ("all-at-once", b"\xef\xbb\xbf" + _crlf(_trailing(_nbsp(CLEAN))).encode("utf-8")),
]


def _meaning(result: PageResult) -> tuple[object, ...]:
    """What a page means, without its bytes: tables, rows, ties, findings and page info."""
    tables = tuple(
        (
            t.kind,
            t.status,
            t.line,
            t.section.path,
            t.cells,
            t.cells_layout,
            t.cells_data,
            t.cells_unused,
            t.standings,
            t.matches,
            t.ties,
        )
        for t in result.tables
    )
    findings = tuple((f.code, f.line, f.message) for f in result.findings)
    info = (result.info.lines, result.info.title, result.info.tables, result.info.truncated)
    return tables, ties_of(result), findings, info


def test_clean_text_parses_as_expected() -> None:
    result = parse(CLEAN)
    assert tuple(t.kind for t in result.tables) == ("league", "two_legged")
    assert standings_of(result)[0] == (
        (1, "José Gálvez", 2, 2, 4, "National stage", ()),
        (2, "Sport Vallejo", 2, -2, 1, "National stage", ()),
    )
    assert [d.winner for d in result.ties] == ["Flamengo", "Unión Pacífico"]
    assert [f for f in result.findings if f.severity != "info"] == []


@pytest.mark.parametrize("data", [v[1] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_encoding_and_whitespace_variants_parse_identically_to_clean_text(data: bytes) -> None:
    assert _meaning(parse(data)) == _meaning(parse(CLEAN))


@pytest.mark.parametrize("data", [v[1] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_encoding_and_whitespace_variants_count_every_cell_once(data: bytes) -> None:
    for table in parse(data).tables:
        assert table.cells == table.cells_layout + table.cells_data + table.cells_unused

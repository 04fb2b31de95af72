"""Check standings against their results matrix: recompute each team's row from its matches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pipeline import findings as F
from pipeline.checks import PageContext, TableCheck
from pipeline.checks.arithmetic import signed
from pipeline.findings import Finding
from pipeline.model import Match, ParsedTable, StandingRow
from pipeline.rules import POINTS_PER_WIN_RULES, STAT_FIELDS
from pipeline.values import read_value

# How a table may count walkovers and unplayed cells (chosen per table by what reconciles).
POLICIES = {
    "ignored": "not counted at all",
    "played": "counted as played (Pld) without a result",
    "home-win": "counted as a 3–0 win for the home team",
    "away-win": "counted as a 3–0 win for the away team",
}
GOAL_FIELDS = {"goals_for", "goals_against", "goal_difference"}
SPECIAL = {"walkover", "not_played", "awarded"}


@dataclass(slots=True)
class Tally:
    """One team's row as its matches give it."""

    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0
    cells: list[int] = field(default_factory=list)

    def as_stats(self, ppw: int) -> dict[str, int]:
        return {
            "played": self.played,
            "won": self.won,
            "drawn": self.drawn,
            "lost": self.lost,
            "goals_for": self.goals_for,
            "goals_against": self.goals_against,
            "goal_difference": self.goals_for - self.goals_against,
            "points": ppw * self.won + self.drawn,
        }


def recompute_standings(
    teams: Iterable[str], matches: Iterable[Match], policy: str = "ignored"
) -> dict[str, Tally]:
    """Each team's Pld, W, D, L, GF, GA from its matches, walkovers counted under `policy`."""
    tallies: dict[str, Tally] = {t: Tally() for t in teams}
    for m in matches:
        home, away = m.home_team, m.away_team
        if home not in tallies or away not in tallies:
            continue
        h, a = tallies[home], tallies[away]
        h.cells.append(m.line)
        a.cells.append(m.line)
        if m.home_goals is not None and m.away_goals is not None and m.status == "played":
            hg, ag = m.home_goals, m.away_goals
        elif m.status in SPECIAL and policy != "ignored":
            if policy == "played":
                h.played += 1
                a.played += 1
                continue
            hg, ag = (3, 0) if policy == "home-win" else (0, 3)
        elif m.home_goals is not None and m.away_goals is not None:
            hg, ag = m.home_goals, m.away_goals  # awarded with a score as written
        else:
            continue
        h.played += 1
        a.played += 1
        h.goals_for += hg
        h.goals_against += ag
        a.goals_for += ag
        a.goals_against += hg
        if hg > ag:
            h.won += 1
            a.lost += 1
        elif hg < ag:
            a.won += 1
            h.lost += 1
        else:
            h.drawn += 1
            a.drawn += 1
    return tallies


def _disagreements(
    rows: tuple[StandingRow, ...], tallies: dict[str, Tally], ppw: int
) -> list[tuple[StandingRow, str, int, int]]:
    out = []
    for row in rows:
        computed = tallies[row.team].as_stats(ppw)
        for stat in STAT_FIELDS:
            stated = getattr(row, stat)
            if stat == "points" and row.points_marks:
                continue  # points the page marks with a note (a deduction it explains)
            if stated is not None and stated != computed[stat]:
                out.append((row, stat, stated, computed[stat]))
    return out


def check_against_matrix(table: ParsedTable, ctx: PageContext) -> Iterable[Finding]:
    """Recompute each team's row from its home row and away column of the results matrix."""
    matches = ctx.matrix_for(table)
    rows = table.standings
    if not matches or not rows:
        return
    at = ctx.at(table)
    pairing = ctx.pairing_for(table)
    if pairing is not None:
        pairs = "; ".join(f"{o} = {t} (by {how})" for o, t, how in pairing.renamed)
        yield F.MATRIX_NAMES_PAIRED.at(
            at, table.line, matrix_line=matches[0].line, count=len(pairing.renamed), pairs=pairs
        )
    ppw = ctx.league_rules.get(table.table_id, POINTS_PER_WIN_RULES[0])
    special = [m for m in matches if m.status in SPECIAL]
    policies = list(POLICIES) if special else ["ignored"]
    teams = [r.team for r in rows]
    scored = []
    for policy in policies:
        tallies = recompute_standings(teams, matches, policy)
        scored.append((len(_disagreements(rows, tallies, ppw)), policies.index(policy), policy))
    _, _, policy = min(scored)
    tallies = recompute_standings(teams, matches, policy)
    if special:
        yield F.WALKOVER_POLICY.at(
            at, special[0].line, field="played", stated=policy,
            candidates=[m.line for m in special], count=len(special),
            lines=", ".join(str(m.line) for m in special), policy=POLICIES[policy],
        )  # fmt: skip
    wrong = _disagreements(rows, tallies, ppw)
    by_team: dict[str, set[str]] = defaultdict(set)
    for row, stat, _, _ in wrong:
        by_team[row.team].add(stat)
    # A team one of whose scores the page marks with a note (`2-2*`, "Match awarded 3–0 to
    # Italy") may be counted as the note says: its disagreement is explained, not a
    # contradiction (an info, as a marked points cell is).
    # A meeting the matrix leaves blank (no score, the two teams named) where the row counts
    # more games than the matrix gives is missing data, not a contradiction (2016–17 Toto Cup
    # Leumit); a blank future meeting explains nothing.
    short = {
        r.team for r in rows
        if r.played is not None and r.played > tallies[r.team].played
    }  # fmt: skip
    noted = {
        team: [
            m for m in matches
            if team in (m.home_team, m.away_team)
            and (_marked(m) or (m.status == "pending" and team in short))
        ]
        for team in by_team
    }  # fmt: skip
    for team in sorted(t for t, marked in noted.items() if marked):
        yield F.RESULTS_NOTED.at(
            at, next(r.line for r in rows if r.team == team), team=team,
            candidates=[m.line for m in noted[team]],
            stats=", ".join(sorted(by_team[team])),
            lines=", ".join(str(m.line) for m in noted[team]),
        )  # fmt: skip
    wrong = [w for w in wrong if not noted[w[0].team]]
    comments = ""
    if wrong and _commented_reading_agrees(rows, matches, policy, ppw):
        comments = (
            " The matrix's hidden <!-- Team --> comments name other opponents than its cells'"
            " positions; read by the comments, the standings would agree (comments change no"
            " value: the positions are what the page shows)."
        )
    for row, stat, stated, computed in wrong:
        cells = explain(row.team, stat, by_team, matches)
        show = signed if stat == "goal_difference" else str
        yield F.STANDINGS_VS_RESULTS.at(
            at, row.line, team=row.team, field=stat, stated=show(stated), computed=show(computed),
            candidates=cells, where=", ".join(map(str, cells)) if cells else "none",
            comments=comments,
        )  # fmt: skip


def _commented_reading_agrees(
    rows: tuple[StandingRow, ...], matches: tuple[Match, ...], policy: str, ppw: int
) -> bool:
    """Read each cell against the opponent its source comment names (2016–17 Toto Cup Leumit:
    `<!-- Hapoel Afula -->` beside the Nazareth Illit row's first cell): do the standings
    then agree with every result? Only where some comment names another opponent."""
    teams = {r.team.casefold(): r.team for r in rows}
    moved = False
    read: list[Match] = []
    for m in matches:
        named = teams.get((m.commented or "").casefold())
        if named is not None and named != m.away_team:
            m = replace(m, away_team=named)
            moved = True
        read.append(m)
    if not moved:
        return False
    tallies = recompute_standings([r.team for r in rows], read, policy)
    return not _disagreements(rows, tallies, ppw)


def _marked(match: Match) -> bool:
    """The page marks the match's score with a note (`2-2*`, `1–0[a]`)."""
    return bool(read_value(match.score_text).marks) if match.score_text else False


def explain(
    team: str, stat: str, by_team: dict[str, set[str]], matches: tuple[Match, ...]
) -> tuple[int, ...]:
    """Name the matrix cells that could account for a team's disagreement.

    A wrong goal shows twice: as one team's goals for and its opponent's goals against (and
    in both results when it changes one). So the cells are the meetings with the teams that
    disagree too; with none, every cell of the team.
    """
    partners = {other for other in by_team if other != team}
    if stat in GOAL_FIELDS:
        complementary = {"goals_for": "goals_against", "goals_against": "goals_for"}
        want = complementary.get(stat)
        goal_partners = {
            o for o in partners if (want and want in by_team[o]) or "goal_difference" in by_team[o]
        }
        partners = goal_partners or partners
    own = [m for m in matches if team in (m.home_team, m.away_team)]
    meetings = [m for m in own if ({m.home_team, m.away_team} - {team}) & partners]
    chosen = meetings or own
    return tuple(sorted(m.line for m in chosen))


CHECKS = (
    TableCheck("standings-vs-results", frozenset({"league"}), check_against_matrix, whole=True),
)

"""Decide two-legged ties by the competition's rules; link tiebreakers; check the bracket."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.findings import Finding
from pipeline.model import Match, ParsedTable, Tie
from pipeline.rules import POINTS_RULE_RE, THIRD_MATCH_RE


@dataclass(frozen=True, slots=True)
class DecidedTie:
    """A tie with the rule's verdict: points, who won and how."""

    tie: Tie
    tie_id: str
    table_id: str
    team1_points: int | None
    team2_points: int | None
    decided_by: str
    winner: str | None
    winner_inferred: bool


@dataclass(frozen=True, slots=True)
class TieRule:
    """How a competition decides a two-legged tie (read from its prose, else the default)."""

    by_points: bool
    third_match: bool


def read_tie_rule(table: ParsedTable) -> TieRule:
    """Read the tie rule from the stage prose; a Points column implies points."""
    prose = " ".join(table.section.stage_prose)
    by_points = bool(POINTS_RULE_RE.search(prose)) or table.points_column
    return TieRule(by_points=by_points, third_match=bool(THIRD_MATCH_RE.search(prose)))


def team_goals(leg: Match) -> tuple[int, int] | None:
    """A leg's goals as (team 1, team 2): leg 2 is at team 2's ground (contract)."""
    if leg.home_goals is None or leg.away_goals is None:
        return None
    if leg.kind == "leg_1":
        return leg.home_goals, leg.away_goals
    return leg.away_goals, leg.home_goals


def sum_legs(tie: Tie) -> tuple[int, int] | None:
    """The aggregate the legs give (team 1, team 2); None unless every leg was played."""
    goals = [team_goals(leg) for leg in tie.legs]
    if not goals or any(g is None for g in goals):
        return None
    return sum(g[0] for g in goals if g), sum(g[1] for g in goals if g)


def leg_points(tie: Tie) -> tuple[int, int] | None:
    """Points from the legs, 3 a win and 1 a draw (team 1, team 2); None if no leg was played."""
    p1 = p2 = 0
    played = False
    for leg in tie.legs:
        goals = team_goals(leg)
        if goals is None:
            continue
        played = True
        g1, g2 = goals
        p1 += 3 if g1 > g2 else 1 if g1 == g2 else 0
        p2 += 3 if g2 > g1 else 1 if g1 == g2 else 0
    return (p1, p2) if played else None


def match_winner(match: Match) -> str | None:
    """The winner of one match: goals, then a shoot-out; None when level or unplayed."""
    if match.home_goals is None or match.away_goals is None:
        return None
    if match.home_goals != match.away_goals:
        return match.home_team if match.home_goals > match.away_goals else match.away_team
    hp, ap = match.home_penalties, match.away_penalties
    if hp is not None and ap is not None and hp != ap:
        return match.home_team if hp > ap else match.away_team
    return None


def _pair(a: str | None, b: str | None) -> frozenset[str]:
    return frozenset(x for x in (a, b) if x)


def link_tiebreakers(tables: list[ParsedTable]) -> tuple[list[ParsedTable], list[Finding]]:
    """Give each tiebreaker match the tie_id of the tie it decides (the round just before)."""
    out: list[ParsedTable] = []
    findings: list[Finding] = []
    last_ties: ParsedTable | None = None
    for table in tables:
        if table.kind == "two_legged":
            last_ties = table
            legs = tuple(
                replace(m, tie_id=f"{table.table_id}/{m.tie_index + 1}")
                if m.tie_index is not None
                else m
                for m in table.matches
            )
            table = replace(table, matches=legs)
        elif table.kind == "single_match" and any(m.kind == "tiebreaker" for m in table.matches):
            linked: list[Match] = []
            for m in table.matches:
                tie_id = None
                if last_ties is not None:
                    for n, tie in enumerate(last_ties.ties):
                        if _pair(tie.team1, tie.team2) == _pair(m.home_team, m.away_team):
                            tie_id = f"{last_ties.table_id}/{n + 1}"
                if tie_id is None:
                    findings.append(
                        Finding(
                            "tie-unmatched",
                            f"Tiebreaker {m.home_team} v {m.away_team} matches no tie of the "
                            "round before it.",
                            table.page,
                            m.line,
                            table_id=table.table_id,
                        )
                    )
                linked.append(replace(m, tie_id=tie_id))
            table = replace(table, matches=tuple(linked))
        out.append(table)
    return out, findings


def decide_ties(
    tables: list[ParsedTable], tiebreaker_headings: dict[str, list[int]]
) -> tuple[list[DecidedTie], list[Finding]]:
    """Decide every tie of a page; infer winners from the next round where a third match is lost.

    `tiebreaker_headings` maps a table_id to the lines of Tiebreaker headings right after it
    that have no table (the export lost them).
    """
    third: dict[str, Match] = {}
    for table in tables:
        for m in table.matches:
            if m.kind == "tiebreaker" and m.tie_id:
                third[m.tie_id] = m
    decided: list[DecidedTie] = []
    findings: list[Finding] = []
    rounds = [t for t in tables if t.kind == "two_legged"]
    following = _next_rounds(rounds)
    for r, table in enumerate(rounds):
        rule = read_tie_rule(table)
        nxt = following[r]
        next_teams = {x for t in (nxt.ties if nxt else ()) for x in (t.team1, t.team2) if x}
        for n, tie in enumerate(table.ties):
            tie_id = f"{table.table_id}/{n + 1}"
            computed = leg_points(tie)
            points = tie.stated_points if tie.stated_points is not None else computed
            by, winner, inferred = _verdict(tie, rule, points, third.get(tie_id))
            if by == "needs-third":
                by, winner = "tiebreaker", None
                lost = tiebreaker_headings.get(table.table_id)
                winner = _only_team_in(tie, next_teams)
                inferred = winner is not None
                if winner is not None:
                    findings.append(
                        Finding(
                            "winner-inferred",
                            f"{tie.team1} v {tie.team2} is level on points and its third match "
                            f"is not in this export; {winner} plays the next round, so won it.",
                            table.page,
                            tie.line,
                            table_id=table.table_id,
                            team=winner,
                            field="winner",
                            computed=winner,
                        )
                    )
                # Explained (info) only where the page shows the lost heading and the
                # next round shows who won; otherwise the data is missing (warning).
                code = "tiebreaker-missing" if lost and winner else "tiebreaker-missing-unresolved"
                findings.append(
                    Finding(
                        code,
                        f"{tie.team1} v {tie.team2} is level on points "
                        f"({points[0] if points else '?'}–{points[1] if points else '?'}) and "
                        "needs a third match"
                        + (
                            f"; the Tiebreaker heading on line {lost[0]} has no table."
                            if lost
                            else " that the page does not show."
                        ),
                        table.page,
                        lost[0] if lost else tie.line,
                        table_id=table.table_id,
                        team=tie.team1,
                    )
                )
            elif by == "unknown" and tie.team1 and tie.team2:
                winner = _only_team_in(tie, next_teams)
                inferred = winner is not None
            if winner is not None and nxt is not None:
                loser = tie.team2 if winner == tie.team1 else tie.team1
                if loser in next_teams:
                    findings.append(
                        Finding(
                            "bracket-mismatch",
                            f"{loser} plays the next round (table {nxt.table_id}) but lost "
                            f"{tie.team1} v {tie.team2} to {winner} ({by}).",
                            table.page,
                            tie.line,
                            table_id=table.table_id,
                            team=loser,
                            field="winner",
                            stated=loser,
                            computed=winner,
                        )
                    )
            decided.append(
                DecidedTie(
                    tie=tie,
                    tie_id=tie_id,
                    table_id=table.table_id,
                    team1_points=points[0] if points else None,
                    team2_points=points[1] if points else None,
                    decided_by=by,
                    winner=winner,
                    winner_inferred=inferred,
                )
            )
    return decided, findings


def _only_team_in(tie: Tie, next_teams: set[str]) -> str | None:
    """The one team of a tie that plays the next round: its winner, inferred (contract)."""
    candidates = [x for x in (tie.team1, tie.team2) if x and x in next_teams]
    return candidates[0] if len(candidates) == 1 else None


def _next_rounds(rounds: list[ParsedTable]) -> list[ParsedTable | None]:
    """For each round, the next two-legged round of the same region and stage (one pass)."""
    following: list[ParsedTable | None] = [None] * len(rounds)
    latest: dict[tuple[str | None, str | None], ParsedTable] = {}
    for r in range(len(rounds) - 1, -1, -1):
        key = (rounds[r].section.region, rounds[r].section.stage)
        following[r] = latest.get(key)
        latest[key] = rounds[r]
    return following


def _verdict(
    tie: Tie, rule: TieRule, points: tuple[int, int] | None, third: Match | None
) -> tuple[str, str | None, bool]:
    """Apply the rule: (decided_by, winner, inferred); `needs-third` asks for the bracket."""
    if not tie.team1 or not tie.team2:
        return "pending", None, False
    if all(leg.status == "pending" for leg in tie.legs) and tie.team1_aggregate is None:
        return "pending", None, False
    t1, t2 = tie.team1, tie.team2
    if rule.by_points and points is not None and points[0] != points[1]:
        return "points", t1 if points[0] > points[1] else t2, False
    if third is not None:
        return "tiebreaker", match_winner(third), False
    if rule.by_points and rule.third_match:
        return "needs-third", None, False
    a1, a2 = tie.team1_aggregate, tie.team2_aggregate
    if a1 is None or a2 is None:
        a1, a2 = sum_legs(tie) or (None, None)
    if a1 is not None and a2 is not None and a1 != a2:
        return "aggregate", t1 if a1 > a2 else t2, False
    away = _away_goals(tie)
    if tie.away_goals and away is not None and away[0] != away[1]:
        return "aggregate", t1 if away[0] > away[1] else t2, False  # away goals: an aggregate rule
    p1, p2 = tie.team1_penalties, tie.team2_penalties
    if p1 is not None and p2 is not None and p1 != p2:
        return "penalties", t1 if p1 > p2 else t2, False
    return "unknown", None, False


def _away_goals(tie: Tie) -> tuple[int, int] | None:
    """Goals each team scored away: team 1 in leg 2, team 2 in leg 1."""
    leg1 = next((m for m in tie.legs if m.kind == "leg_1"), None)
    leg2 = next((m for m in tie.legs if m.kind == "leg_2"), None)
    if leg1 is None or leg2 is None or leg1.away_goals is None or leg2.away_goals is None:
        return None
    return leg2.away_goals, leg1.away_goals

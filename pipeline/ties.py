"""Decide two-legged ties by the competition's rules; link tiebreakers; infer lost winners.

Relations come from the page document (the Tiebreaker heading after a round, the tables after it
in its region), never from another walk over the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline import findings as F
from pipeline import ids
from pipeline.document import PageDocument, Placement
from pipeline.findings import Finding, Site
from pipeline.model import Match, ParsedTable, Tie
from pipeline.rules import (
    POINTS_PER_WIN_RULES,
    POINTS_RULE_RE,
    THIRD_MATCH_RE,
    stated_points_per_win,
)


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
    next_table: str | None = None  # the next round of the same region, if any

    # ties.parquet columns the page states, read through from the tie.
    @property
    def line(self) -> int:
        return self.tie.line

    @property
    def team1(self) -> str | None:
        return self.tie.team1

    @property
    def team2(self) -> str | None:
        return self.tie.team2

    @property
    def team1_aggregate(self) -> int | None:
        return self.tie.team1_aggregate

    @property
    def team2_aggregate(self) -> int | None:
        return self.tie.team2_aggregate

    @property
    def team1_penalties(self) -> int | None:
        return self.tie.team1_penalties

    @property
    def team2_penalties(self) -> int | None:
        return self.tie.team2_penalties

    @property
    def aggregate_text(self) -> str | None:
        return self.tie.aggregate_text

    @property
    def team1_link(self) -> str | None:
        return self.tie.team1_link

    @property
    def team2_link(self) -> str | None:
        return self.tie.team2_link


@dataclass(frozen=True, slots=True)
class TieRule:
    """How a competition decides a two-legged tie (read from its prose, else the default)."""

    by_points: bool
    third_match: bool
    points_per_win: int = 3


def read_tie_rule(table: ParsedTable, points_per_win: int) -> TieRule:
    """Read the tie rule from the stage prose; a Points column implies points."""
    prose = " ".join(table.section.prose)
    by_points = bool(POINTS_RULE_RE.search(prose)) or table.points_column
    return TieRule(by_points, bool(THIRD_MATCH_RE.search(prose)), points_per_win)


def team_goals(leg: Match) -> tuple[int, int] | None:
    """A leg's goals as (team 1, team 2): leg 2 is at team 2's ground (contract)."""
    if leg.home_goals is None or leg.away_goals is None:
        return None
    if leg.kind == "leg_2":
        return leg.away_goals, leg.home_goals
    return leg.home_goals, leg.away_goals  # leg 1, or a third match written team 1 first


def sum_legs(tie: Tie) -> tuple[int, int] | None:
    """The aggregate the legs give (team 1, team 2); None unless every leg was played."""
    goals = [team_goals(leg) for leg in tie.legs]
    if not goals or any(g is None for g in goals):
        return None
    return sum(g[0] for g in goals if g), sum(g[1] for g in goals if g)


def result_points(results: Sequence[tuple[int, int]], points_per_win: int = 3) -> tuple[int, int]:
    """Points of two sides over their results (goals side 1, side 2): a win, 1 a draw."""
    p1 = p2 = 0
    for g1, g2 in results:
        p1 += points_per_win if g1 > g2 else 1 if g1 == g2 else 0
        p2 += points_per_win if g2 > g1 else 1 if g1 == g2 else 0
    return p1, p2


def leg_points(tie: Tie, points_per_win: int = 3) -> tuple[int, int] | None:
    """Points from the legs, `points_per_win` a win and 1 a draw; None if no leg was played."""
    legs = (*tie.legs, tie.extra) if tie.extra is not None else tie.legs
    played = [goals for leg in legs if (goals := team_goals(leg)) is not None]
    return result_points(played, points_per_win) if played else None


def tie_points_per_win(
    table: ParsedTable, prose: str, league_rules: Sequence[int]
) -> tuple[int, str]:
    """Points a win in a tie table, and why: its stated points, else the page, else 3.

    Stated points decide where the legs were played: the rule (2 or 3 a win) that fits the
    most ties, 3 on a tie, so one typo is a mismatch and not a new rule. Else the rule the prose
    above the table states; else the rule the page's league tables were read under.
    """
    stated = [t for t in table.ties if t.stated_points and leg_points(t) is not None]
    if stated:
        fits = {
            ppw: sum(t.stated_points == leg_points(t, ppw) for t in stated)
            for ppw in POINTS_PER_WIN_RULES
        }
        best = max(POINTS_PER_WIN_RULES, key=lambda p: (fits[p], p == POINTS_PER_WIN_RULES[0]))
        if fits[best]:
            return best, "stated"
    prose_rule = stated_points_per_win(prose)
    if prose_rule is not None:
        return prose_rule, "prose"
    if league_rules:
        return max(sorted(set(league_rules)), key=league_rules.count), "league"
    return POINTS_PER_WIN_RULES[0], "default"


def _pair(a: str | None, b: str | None) -> frozenset[str]:
    return frozenset(x for x in (a, b) if x)


def link_tiebreakers(
    tables: list[ParsedTable], doc: PageDocument, site: Site
) -> tuple[list[ParsedTable], list[Finding]]:
    """Give each tiebreaker match the tie_id of the tie it decides (the round it follows)."""
    by_id = {t.table_id: t for t in tables}
    out: list[ParsedTable] = []
    findings: list[Finding] = []
    last_ties: ParsedTable | None = None
    # A round's ties by their teams, built once a round: many tiebreaker tables may follow one
    # big round (rebuilding it for each was quadratic).
    index: dict[str, dict[frozenset[str], str]] = {}
    for table in tables:
        if table.kind == "two_legged":
            last_ties = table
        elif table.kind == "single_match" and any(m.kind == "tiebreaker" for m in table.matches):
            decided = doc.round_decided_by(table.table_id)
            round_table = by_id.get(decided) if decided else last_ties
            ties: dict[frozenset[str], str] = {}
            if round_table is not None:
                if round_table.table_id not in index:
                    index[round_table.table_id] = {
                        _pair(t.team1, t.team2): t.tie_id for t in round_table.ties
                    }
                ties = index[round_table.table_id]
            linked: list[Match] = []
            for m in table.matches:
                tie_id = ties.get(_pair(m.home_team, m.away_team))
                if tie_id is None:
                    findings.append(
                        F.TIE_UNMATCHED.at(
                            site.table(table.table_id), m.line, home=m.home_team, away=m.away_team
                        )
                    )
                # A third match belongs to the round of the tie it decides (contract v2).
                round_name = round_table.section.round if round_table and tie_id else None
                linked.append(replace(m, tie_id=tie_id, round_name=round_name))
            table = replace(table, matches=tuple(linked))
        out.append(table)
    return out, findings


def decide_ties(
    tables: list[ParsedTable], doc: PageDocument, site: Site, league_rules: Sequence[int]
) -> tuple[list[DecidedTie], dict[str, int], list[Finding]]:
    """Decide every tie of a page; infer winners from the next round where a third match is lost.

    Returns the decided ties, each tie table's points a win, and the findings.
    """
    third: dict[str, Match] = {
        m.tie_id: m for t in tables for m in t.matches if m.kind == "tiebreaker" and m.tie_id
    }
    by_id = {t.table_id: t for t in tables}
    decided: list[DecidedTie] = []
    findings: list[Finding] = []
    rules: dict[str, int] = {}
    for table in (t for t in tables if t.kind == "two_legged"):
        ppw, why = tie_points_per_win(table, " ".join(table.section.prose), league_rules)
        rules[table.table_id] = ppw
        rule = read_tie_rule(table, ppw)
        at = site.table(table.table_id)
        if rule.by_points and (why == "default" or ppw != POINTS_PER_WIN_RULES[0]):
            findings.append(
                F.POINTS_RULE.at(
                    at, table.line, field="points", stated=ppw, detail=_rule_note(ppw, why)
                )
            )
        nxt = next(
            (by_id[t] for t in doc.tables_after(table.table_id) if by_id[t].kind == "two_legged"),
            None,
        )
        next_teams = {x for t in (nxt.ties if nxt else ()) for x in (t.team1, t.team2) if x}
        node = doc.tiebreaker_after(table.table_id)
        lost = node.line if node is not None and not node.has_table else None
        for tie in table.ties:
            points = tie.stated_points if tie.stated_points is not None else leg_points(tie, ppw)
            by, winner, inferred = _verdict(tie, rule, points, third.get(tie.tie_id))
            if by == "needs-third":
                by = "tiebreaker"
                winner = _only_team_in(tie, next_teams)
                inferred = winner is not None
                if winner is not None:
                    findings.append(
                        F.WINNER_INFERRED.at(
                            at, tie.line, team=winner, field="winner", computed=winner,
                            team1=tie.team1, team2=tie.team2,
                        )
                    )  # fmt: skip
                # Explained (info) only where the page shows the lost heading and the next
                # round shows who won; otherwise the data is missing (warning).
                kind = F.TIEBREAKER_MISSING if lost and winner else F.TIEBREAKER_MISSING_UNRESOLVED
                where = (
                    f"; the Tiebreaker heading on line {lost} has no table."
                    if lost
                    else " that the page does not show."
                )
                findings.append(
                    kind.at(
                        at, lost or tie.line, team=tie.team1, team1=tie.team1, team2=tie.team2,
                        points=f"{points[0]}–{points[1]}" if points else "?–?", where=where,
                    )
                )  # fmt: skip
            elif by in ("unknown", "walkover") and winner is None and tie.team1 and tie.team2:
                if tie.bold in ("team1", "team2"):
                    # The legs leave it undecided; the page marks the team that went through
                    # in bold: its own statement comes before an inference from the next
                    # round. It fills the winner, never overrides the legs, and says so.
                    winner = tie.team1 if tie.bold == "team1" else tie.team2
                    findings.append(
                        F.WINNER_BOLD.at(
                            at, tie.line, team=winner, field="winner", computed=winner,
                            team1=tie.team1, team2=tie.team2,
                        )
                    )  # fmt: skip
                else:
                    winner = _only_team_in(tie, next_teams)
                    inferred = winner is not None
            decided.append(
                DecidedTie(
                    tie=tie,
                    tie_id=tie.tie_id,
                    table_id=table.table_id,
                    team1_points=points[0] if points else None,
                    team2_points=points[1] if points else None,
                    decided_by=by,
                    winner=winner,
                    winner_inferred=inferred,
                    next_table=nxt.table_id if nxt is not None else None,
                )
            )
    return decided, rules, findings


def _rule_note(ppw: int, why: str) -> str:
    source = {
        "stated": "its stated points fit",
        "prose": "the page states",
        "league": "the page's league tables are read under",
        "default": "no stated points, prose or league table says otherwise; assumed",
    }[why]
    return f"Ties are decided by points and {source} {ppw} points a win (1 a draw)."


def _only_team_in(tie: Tie, next_teams: set[str]) -> str | None:
    """The one team of a tie that plays the next round: its winner, inferred (contract)."""
    candidates = [x for x in (tie.team1, tie.team2) if x and x in next_teams]
    return candidates[0] if len(candidates) == 1 else None


def _verdict(
    tie: Tie, rule: TieRule, points: tuple[int, int] | None, third: Match | None
) -> tuple[str, str | None, bool]:
    """Apply the rule: (decided_by, winner, inferred); `needs-third` asks for the bracket."""
    if not tie.team1 or not tie.team2:
        return "pending", None, False
    if tie.walkover:
        # Who was credited: the aggregate's scoreline where it has one (`3–0 w/o`), else the
        # next round (the caller infers it), else nobody the page names.
        return "walkover", tie.credited, False
    if all(leg.status == "pending" for leg in tie.legs) and tie.team1_aggregate is None:
        return "pending", None, False
    t1, t2 = tie.team1, tie.team2
    if rule.by_points and points is not None and points[0] != points[1]:
        return "points", t1 if points[0] > points[1] else t2, False
    if third is not None:
        return "tiebreaker", third.winner, False
    if rule.by_points and rule.third_match:
        return "needs-third", None, False
    a1, a2 = tie.team1_aggregate, tie.team2_aggregate
    if a1 is None or a2 is None:
        a1, a2 = sum_legs(tie) or (None, None)
    if a1 is not None and a2 is not None and a1 != a2:
        return "aggregate", t1 if a1 > a2 else t2, False
    away = _away_goals(tie)
    if tie.away_goals and away is not None and away[0] != away[1]:
        return "away_goals", t1 if away[0] > away[1] else t2, False
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


# Headings of legs printed as separate tables or sections (1978–79 Scottish League Cup,
# 2011–12 Costa Rica, 1961–62 Segunda: "Home Matches" / "Away Matches").
FIRST_LEG_RE = re.compile(r"\b(first|1st)\s+legs?\b|\bhome\s+matches\b|\bida\b", re.I)
SECOND_LEG_RE = re.compile(r"\b(second|2nd|return)\s+legs?\b|\baway\s+matches\b|\bvuelta\b", re.I)


def pair_split_legs(
    tables: list[ParsedTable], site: Site
) -> tuple[list[ParsedTable], list[Finding]]:
    """Pair single matches printed as a first-leg table and a second-leg table into ties.

    Two single-match tables hold the two legs of each tie when they sit under sibling
    headings (`First leg` / `Second leg`, `Home matches` / `Away matches`), or in one section
    where every match of the second is the return of one of the first (the same two teams,
    home reversed: 1961–62 Segunda División's play-offs, whose legs are labelled only inside
    the tables). A match and its return become leg 1 and leg 2 of one tie of the first table,
    which becomes a two-legged table; a match with no return stays a single match. Within one
    table, a match followed by its return that states the tie's aggregate (`1–1 AGG. (2–4)`,
    a final over two legs in football boxes) is a tie too. An aggregate stated with a match
    that makes no tie is named, never dropped unsaid.
    """
    out = list(tables)
    for i, first in enumerate(out):
        if first.kind != "single_match" or not first.matches:
            continue
        # The returns may come in several tables (boxes parted by an `… on aggregate` line).
        seconds = [k for k in range(i + 1, min(i + 12, len(out))) if _legs_of(first, out[k])]
        if not seconds:
            out[i] = _pair_within(first)
            continue
        ties: list[Tie] = []
        firsts = list(first.matches)
        for j in seconds:
            second = out[j]
            more, firsts, paired = _pair_returns(first.table_id, firsts, second.matches, len(ties))
            ties.extend(more)
            out[j] = replace(second, matches=tuple(paired.get(id(m), m) for m in second.matches))
        if ties:
            out[i] = replace(first, kind="two_legged", ties=tuple(ties), matches=tuple(firsts),
                             rows=len(ties))  # fmt: skip
    findings: list[Finding] = []
    for k, table in enumerate(out):
        lost = 0
        for m in table.matches:
            if m.tie_id is not None:
                continue
            # What a match states for the tie it would make: named where no tie holds it.
            for kind, field, pair in (
                (F.AGGREGATE_UNPAIRED, "aggregate", m.stated_aggregate),
                (F.SHOOTOUT_OF_TIE, "penalties", m.tie_shootout),
            ):
                if pair is None:
                    continue
                lost += 1
                findings.append(
                    kind.at(
                        site.table(table.table_id), m.line, team=m.home_team, field=field,
                        stated="–".join(map(str, pair)), home=m.home_team, away=m.away_team,
                    )
                )  # fmt: skip
        if lost:
            # Those cells were counted as data when read: no tie holds them.
            out[k] = replace(
                table, status="partial", cells_data=table.cells_data - lost,
                cells_unused=table.cells_unused + lost,
            )  # fmt: skip
    return out, findings


KNOCKOUT_RE = re.compile(
    r"play-?offs?|knock-?out|promotion|relegation|qualif|cup|final|legs?\b|elimin|repechage", re.I
)


def _legs_of(first: ParsedTable, second: ParsedTable) -> bool:
    """`second` holds the return legs of `first`'s matches."""
    if second.kind != "single_match" or not second.matches:
        return False
    if (
        heading_says(first.section, FIRST_LEG_RE)
        and heading_says(second.section, SECOND_LEG_RE)
        and second.section.path[:-1] == first.section.path[:-1]
    ):
        return True
    if second.section.path != first.section.path or not _knockout(first.section):
        return False
    outward = {(m.home_team, m.away_team) for m in first.matches if m.kind == "single"}
    returns = [m for m in second.matches if m.kind == "single"]
    return bool(returns) and all((m.away_team, m.home_team) in outward for m in returns)


def _knockout(section: Placement) -> bool:
    """A section where a match and its return make a tie: a round, a tiebreaker, or a heading
    naming a knockout (play-offs, a cup, a final, legs). Friendlies played home and away
    (1945–46 in Swedish football: `National team results`) are two matches, not a tie."""
    return bool({"round", "tiebreaker"} & set(section.kinds)) or any(
        KNOCKOUT_RE.search(h) for h in section.path
    )


def _pair_within(table: ParsedTable) -> ParsedTable:
    """A table's matches that pair with a later return stating the aggregate; under a round's
    heading (a knockout round: `Final`), matches that are all a match and its return (the
    2018–19 Austrian Bundesliga's final, two football boxes) are the legs of ties too."""
    if not any(m.stated_aggregate is not None for m in table.matches):
        pairs = _all_returns(table.matches) if "round" in table.section.kinds else None
        if pairs is None:
            return table
        firsts, returns = pairs
    else:
        firsts = [m for m in table.matches if m.stated_aggregate is None]
        returns = [m for m in table.matches if m.stated_aggregate is not None]
    ties, legs1, paired = _pair_returns(table.table_id, firsts, returns)
    if not ties:
        return table
    leg_of = dict(zip(map(id, firsts), legs1, strict=True))  # one out per first, in order
    merged = [paired.get(id(m)) or leg_of.get(id(m), m) for m in table.matches]
    return replace(table, kind="two_legged", ties=tuple(ties), matches=tuple(merged),
                   rows=len(ties))  # fmt: skip


def _all_returns(matches: Sequence[Match]) -> tuple[list[Match], list[Match]] | None:
    """The firsts and the returns, where every match is one or the other (else None)."""
    waiting: dict[tuple[str | None, str | None], Match] = {}
    firsts: list[Match] = []
    returns: list[Match] = []
    for m in matches:
        if m.kind != "single" or not m.home_team or not m.away_team:
            return None
        first = waiting.pop((m.away_team, m.home_team), None)
        if first is None:
            waiting[(m.home_team, m.away_team)] = m
            firsts.append(m)
        else:
            returns.append(m)
    return (firsts, returns) if returns and not waiting else None


def _pair_returns(
    table_id: str,
    firsts: Sequence[Match],
    seconds: Sequence[Match],
    before: int = 0,
) -> tuple[list[Tie], list[Match], dict[int, Match]]:
    """Ties of each first match and its return; the firsts (legs where paired), and the
    returns made legs 2, by the identity of the match they replace."""
    returns: dict[tuple[str | None, str | None], Match] = {}
    for m in seconds:
        if m.home_team and m.kind == "single":
            returns.setdefault((m.home_team, m.away_team), m)
    ties: list[Tie] = []
    out: list[Match] = []
    paired: dict[int, Match] = {}
    for match in firsts:
        back = returns.get((match.away_team, match.home_team))
        if back is None or id(back) in paired or not match.home_team or match.kind != "single":
            out.append(match)
            continue
        tie_id = ids.tie_id(table_id, before + len(ties) + 1)
        leg1 = replace(match, kind="leg_1", tie_id=tie_id)
        leg2 = replace(back, kind="leg_2", tie_id=tie_id)
        if back.tie_shootout is not None:
            # The shoot-out after the second leg is that match's too (contract v2).
            hp, ap = back.tie_shootout
            leg2 = replace(leg2, home_penalties=hp, away_penalties=ap, tie_shootout=None)
        paired[id(back)] = leg2
        out.append(leg1)
        # The aggregate where the page states it: with the return (home team first, so team
        # 2's goals first) or with the first leg.
        agg = back.stated_aggregate[::-1] if back.stated_aggregate else match.stated_aggregate
        ties.append(
            Tie(
                line=match.line,
                tie_id=tie_id,
                team1=match.home_team,
                team2=match.away_team,
                team1_aggregate=agg[0] if agg else None,
                team2_aggregate=agg[1] if agg else None,
                team1_penalties=leg2.away_penalties,
                team2_penalties=leg2.home_penalties,
                stated_points=None,
                aggregate_text=f"{agg[0]}–{agg[1]}" if agg else None,
                legs=(leg1, leg2),
                away_goals=False,
                team1_link=match.home_team_link,
                team2_link=match.away_team_link,
            )
        )
    return ties, out, paired


def heading_says(placement: Placement, pattern: re.Pattern[str]) -> bool:
    """The last heading over a table matches `pattern` (`Second leg`, `Home matches`)."""
    return bool(placement.path) and bool(pattern.search(placement.path[-1]))


def merge_repeated_matches(
    tables: list[ParsedTable], site: Site
) -> tuple[list[ParsedTable], list[Finding]]:
    """Keep a match once where a page prints a round twice: a summary table, then a football
    box for each of its matches (2008–09 Copa del Rey). The later table's matches, each the
    same two teams and score as one of the earlier table's, give their date and venue to it
    and are dropped; one info names the table, so no cell is lost unsaid."""
    out = list(tables)
    findings: list[Finding] = []
    for j, later in enumerate(out):
        if later.kind != "single_match" or not later.matches or not later.boxes:
            continue  # only football boxes repeat a summary; a page's own copies are data
        for i in range(j - 1, max(-1, j - 40), -1):
            earlier = out[i]
            path = earlier.section.path
            if earlier.kind not in ("single_match", "two_legged"):
                continue
            if later.section.path[: max(0, len(path) - 1)] != path[:-1]:
                continue  # only a summary in this section, a sibling or one above it
            index = {_key(m): k for k, m in enumerate(earlier.matches)}
            repeated = [m for m in later.matches if _key(m) in index]
            # Most of them (all of a lone box): a box that differs (a longer name) stays.
            if not repeated or len(repeated) < 0.8 * len(later.matches):
                continue
            merged = list(earlier.matches)
            for m in repeated:
                k = index[_key(m)]
                merged[k] = replace(
                    merged[k], date=merged[k].date or m.date, venue=merged[k].venue or m.venue
                )
            kept = tuple(m for m in later.matches if _key(m) not in index)
            out[i] = replace(earlier, matches=tuple(merged), ties=_relegged(earlier.ties, merged))
            out[j] = replace(later, matches=kept, rows=len(kept))
            findings.append(
                F.MATCHES_REPEATED.at(
                    site.table(later.table_id), later.line, count=len(repeated),
                    other=earlier.table_id,
                )
            )  # fmt: skip
            break
    return out, findings


def _relegged(ties: tuple[Tie, ...], matches: list[Match]) -> tuple[Tie, ...]:
    """A table's ties with their legs replaced by the merged matches of the same ID."""
    if not ties:
        return ties
    by_id = {m.match_id: m for m in matches}
    return tuple(
        replace(t, legs=tuple(by_id.get(leg.match_id, leg) for leg in t.legs)) for t in ties
    )


def _key(match: Match) -> tuple[str | None, str | None, int | None, int | None]:
    return (match.home_team, match.away_team, match.home_goals, match.away_goals)

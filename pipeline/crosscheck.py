"""Cross-check a page against itself: row arithmetic, standings vs matrix, totals, order, ties."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from pipeline.findings import Finding
from pipeline.model import Match, ParsedTable, StandingRow
from pipeline.rules import POINTS_PER_WIN_RULES, STAT_FIELDS, classification_criteria
from pipeline.ties import DecidedTie, leg_points, sum_legs

# How a table may count walkovers and unplayed cells (chosen per table by what reconciles).
POLICIES = {
    "ignored": "not counted at all",
    "played": "counted as played (Pld) without a result",
    "home-win": "counted as a 3–0 win for the home team",
    "away-win": "counted as a 3–0 win for the away team",
}
GOAL_FIELDS = {"goals_for", "goals_against", "goal_difference"}


@dataclass(slots=True)
class _Tally:
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


def cross_check(
    tables: Iterable[ParsedTable],
    ties: Iterable[DecidedTie],
    tiebreaker_after: set[str],
) -> list[Finding]:
    """Run every check on a page's tables and decided ties; return their findings."""
    findings: list[Finding] = []
    for table in tables:
        if table.kind == "league" and table.standings:
            ppw, ppw_findings = check_row_arithmetic(table)
            findings.extend(ppw_findings)
            if table.matches:
                findings.extend(check_against_matrix(table, ppw))
            if table.status == "parsed":  # a cut or partial table cannot balance
                findings.extend(check_totals(table))
            findings.extend(check_order(table, table.table_id in tiebreaker_after))
    findings.extend(check_ties(list(ties)))
    return findings


def _finding(
    table: ParsedTable,
    code: str,
    message: str,
    line: int,
    *,
    team: str | None = None,
    field_name: str | None = None,
    stated: object = None,
    computed: object = None,
    candidates: tuple[int, ...] = (),
) -> Finding:
    return Finding(
        code,
        message,
        table.page,
        line,
        table_id=table.table_id,
        team=team,
        field=field_name,
        stated=None if stated is None else _signed(stated, field_name),
        computed=None if computed is None else _signed(computed, field_name),
        candidate_lines=candidates,
    )


def _signed(value: object, field_name: str | None) -> str:
    if isinstance(value, int) and field_name == "goal_difference":
        return f"{value:+d}" if value else "0"
    return str(value)


def _fits(row: StandingRow, ppw: int) -> bool:
    if row.points is None or row.won is None or row.drawn is None:
        return True
    return row.points == ppw * row.won + row.drawn


def check_row_arithmetic(table: ParsedTable) -> tuple[int, list[Finding]]:
    """W+D+L = Pld and GF−GA = GD per row; pick the points-a-win rule the table fits."""
    findings: list[Finding] = []
    rows = table.standings
    for row in rows:
        w, d, lost, pld = row.won, row.drawn, row.lost, row.played
        if None not in (w, d, lost, pld) and w + d + lost != pld:  # type: ignore[operator]
            findings.append(
                _finding(
                    table, "row-arithmetic",
                    f"{row.team}: W+D+L = {w}+{d}+{lost} = {w + d + lost} but Pld is {pld}.",  # type: ignore[operator]
                    row.line, team=row.team, field_name="played", stated=pld,
                    computed=w + d + lost,  # type: ignore[operator]
                )
            )  # fmt: skip
        gf, ga, gd = row.goals_for, row.goals_against, row.goal_difference
        if gf is not None and ga is not None and gd is not None and gf - ga != gd:
            findings.append(
                _finding(
                    table, "row-arithmetic",
                    f"{row.team}: GF−GA = {gf}−{ga} = {gf - ga:+d} but GD is {gd:+d}.",
                    row.line, team=row.team, field_name="goal_difference", stated=gd,
                    computed=gf - ga,
                )
            )  # fmt: skip
    fitting = {ppw: sum(_fits(r, ppw) for r in rows) for ppw in POINTS_PER_WIN_RULES}
    ppw = max(POINTS_PER_WIN_RULES, key=lambda p: (fitting[p], p == POINTS_PER_WIN_RULES[0]))
    if ppw != POINTS_PER_WIN_RULES[0]:
        findings.append(
            _finding(
                table, "points-rule",
                f"Every row that fits a rule fits {ppw} points a win "
                f"({fitting[ppw]} of {len(rows)} rows): read as such (an older season's rule).",
                table.line, field_name="points", stated=str(ppw),
            )
        )  # fmt: skip
    for row in rows:
        if not _fits(row, ppw):
            expected = ppw * (row.won or 0) + (row.drawn or 0)
            diff = (row.points or 0) - expected
            findings.append(
                _finding(
                    table, "points-deduction",
                    f"{row.team}: {row.points} points where {ppw}·{row.won}+{row.drawn} gives "
                    f"{expected} ({diff:+d}): a deduction or a typo; check the notes.",
                    row.line, team=row.team, field_name="points", stated=row.points,
                    computed=expected,
                )
            )  # fmt: skip
    return ppw, findings


def _tally(
    rows: tuple[StandingRow, ...], matches: tuple[Match, ...], policy: str
) -> dict[str, _Tally]:
    tallies: dict[str, _Tally] = {r.team: _Tally() for r in rows}
    for m in matches:
        home, away = m.home_team, m.away_team
        if home not in tallies or away not in tallies:
            continue
        h, a = tallies[home], tallies[away]
        h.cells.append(m.line)
        a.cells.append(m.line)
        if m.home_goals is not None and m.away_goals is not None and m.status == "played":
            hg, ag = m.home_goals, m.away_goals
        elif m.status in {"walkover", "not_played", "awarded"} and policy != "ignored":
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
    rows: tuple[StandingRow, ...], tallies: dict[str, _Tally], ppw: int
) -> list[tuple[StandingRow, str, int, int]]:
    out = []
    for row in rows:
        computed = tallies[row.team].as_stats(ppw)
        for stat in STAT_FIELDS:
            stated = getattr(row, stat)
            if stated is not None and stated != computed[stat]:
                out.append((row, stat, stated, computed[stat]))
    return out


def check_against_matrix(table: ParsedTable, ppw: int) -> list[Finding]:
    """Recompute each team's row from its home row and away column of the results matrix."""
    rows = table.standings
    special = [m for m in table.matches if m.status in {"walkover", "not_played", "awarded"}]
    policies = list(POLICIES) if special else ["ignored"]
    scored = []
    for policy in policies:
        tallies = _tally(rows, table.matches, policy)
        scored.append((len(_disagreements(rows, tallies, ppw)), policy, tallies))
    scored.sort(key=lambda x: (x[0], policies.index(x[1])))
    _, policy, tallies = scored[0]
    findings: list[Finding] = []
    if special:
        lines = ", ".join(str(m.line) for m in special)
        findings.append(
            _finding(
                table, "walkover-policy",
                f"{len(special)} walkover/unplayed cell(s) (lines {lines}) are "
                f"{POLICIES[policy]} in this table's Pld: that policy reconciles the stated "
                "table best.",
                special[0].line, field_name="played", stated=policy,
                candidates=tuple(m.line for m in special),
            )
        )  # fmt: skip
    wrong = _disagreements(rows, tallies, ppw)
    by_team: dict[str, set[str]] = defaultdict(set)
    for row, stat, _, _ in wrong:
        by_team[row.team].add(stat)
    for row, stat, stated, computed in wrong:
        cells = _explain(row.team, stat, by_team, table.matches)
        where = ", ".join(map(str, cells)) if cells else "none"
        findings.append(
            _finding(
                table, "standings-vs-results",
                f"{row.team}: {stat} stated {_signed(stated, stat)} but its results matrix "
                f"gives {_signed(computed, stat)}; cells that could explain it: lines {where}.",
                row.line, team=row.team, field_name=stat, stated=stated, computed=computed,
                candidates=cells,
            )
        )  # fmt: skip
    return findings


def _explain(
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


def check_totals(table: ParsedTable) -> list[Finding]:
    """Over a table: goals for = goals against, wins = losses, matches played even."""
    rows = table.standings
    findings: list[Finding] = []

    def total(stat: str) -> int | None:
        values = [getattr(r, stat) for r in rows]
        return None if any(v is None for v in values) else sum(values)

    pairs = (("goals_for", "goals_against"), ("won", "lost"))
    for a, b in pairs:
        ta, tb = total(a), total(b)
        if ta is not None and tb is not None and ta != tb:
            findings.append(
                _finding(
                    table, "table-totals",
                    f"Over the table {a} totals {ta} but {b} totals {tb}: some row is off by "
                    f"{abs(ta - tb)}.",
                    table.line, field_name=a, stated=ta, computed=tb,
                )
            )  # fmt: skip
    played = total("played")
    if played is not None and played % 2:
        findings.append(
            _finding(
                table, "table-totals",
                f"Over the table Pld totals {played}, an odd number: every match counts twice.",
                table.line, field_name="played", stated=played,
            )
        )  # fmt: skip
    return findings


def check_order(table: ParsedTable, tiebreaker_follows: bool) -> list[Finding]:
    """Positions must follow the governing classification rule; level teams are info."""
    criteria = classification_criteria(table.section.rule_text)
    rule = " > ".join(criteria)
    findings: list[Finding] = []
    rows = table.standings
    for upper, lower in pairwise(rows):
        ku = tuple(getattr(upper, c) for c in criteria)
        kl = tuple(getattr(lower, c) for c in criteria)
        if None in ku or None in kl:
            continue
        if ku == kl:
            note = (
                "a Tiebreaker heading under this section decides them"
                if tiebreaker_follows
                else "no tiebreaker is shown"
            )
            findings.append(
                _finding(
                    table, "order-level",
                    f"{upper.team} is above {lower.team}, level under the governing rule "
                    f"({rule}: {ku}); {note}.",
                    lower.line, team=lower.team, field_name=criteria[0],
                    stated=str(lower.position),
                )
            )  # fmt: skip
        elif ku < kl:
            findings.append(
                _finding(
                    table, "order-violation",
                    f"{upper.team} ({ku}) is above {lower.team} ({kl}) though the governing rule "
                    f"({rule}) ranks it lower.",
                    lower.line, team=lower.team, field_name="position",
                    stated=str(lower.position), computed=str(upper.position),
                )
            )  # fmt: skip
    return findings


def check_ties(ties: list[DecidedTie]) -> list[Finding]:
    """Aggregate = sum of the legs; stated points = points from the legs; pens only if level."""
    findings: list[Finding] = []
    for d in ties:
        tie = d.tie
        legs = tie.legs
        summed = sum_legs(tie)
        if summed is not None:
            g1, g2 = summed
            stated_agg = (tie.team1_aggregate, tie.team2_aggregate)
            if tie.team1_aggregate is not None and stated_agg != (g1, g2):
                findings.append(
                    _tie_finding(
                        d, "aggregate-mismatch",
                        f"{tie.team1} v {tie.team2}: aggregate stated "
                        f"{tie.team1_aggregate}–{tie.team2_aggregate} but the legs sum to "
                        f"{g1}–{g2}.",
                        field_name="aggregate",
                        stated=f"{tie.team1_aggregate}–{tie.team2_aggregate}",
                        computed=f"{g1}–{g2}",
                        candidates=tuple(leg.line for leg in legs),
                    )
                )  # fmt: skip
            if tie.team1_penalties is not None and g1 != g2:
                findings.append(
                    _tie_finding(
                        d, "penalties-not-level",
                        f"{tie.team1} v {tie.team2}: a shoot-out is written but the aggregate "
                        f"{g1}–{g2} is not level.",
                        field_name="penalties",
                        stated=f"{tie.team1_penalties}–{tie.team2_penalties}",
                    )
                )  # fmt: skip
        computed = leg_points(tie)
        if tie.stated_points is not None and computed is not None and tie.stated_points != computed:
            findings.append(
                _tie_finding(
                    d, "tie-points-mismatch",
                    f"{tie.team1} v {tie.team2}: points stated "
                    f"{tie.stated_points[0]}:{tie.stated_points[1]} but the legs give "
                    f"{computed[0]}:{computed[1]} (3 a win, 1 a draw).",
                    field_name="points",
                    stated=f"{tie.stated_points[0]}:{tie.stated_points[1]}",
                    computed=f"{computed[0]}:{computed[1]}",
                    candidates=tuple(leg.line for leg in legs),
                )
            )  # fmt: skip
    return findings


def _tie_finding(
    d: DecidedTie,
    code: str,
    message: str,
    *,
    field_name: str,
    stated: str | None = None,
    computed: str | None = None,
    candidates: tuple[int, ...] = (),
) -> Finding:
    page = d.table_id.rsplit("#", 1)[0]
    return Finding(
        code,
        message,
        page,
        d.tie.line,
        table_id=d.table_id,
        team=d.tie.team1,
        field=field_name,
        stated=stated,
        computed=computed,
        candidate_lines=candidates,
    )

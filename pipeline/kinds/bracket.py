"""Read knockout brackets: the tree a page draws of its rounds, often a summary of their tables.

A bracket (Wikipedia's `{{16TeamBracket}}` family, drawn as a borderless table) heads its
column groups with round names (`Round of 32`, `Semifinals`, `Final`) and writes each tie as
two slots one above the other in its round's columns: a team cell, then one to three score
cells (legs, aggregate), a seed before it where seeded. A pair with one score each is a
single match, team 1 (the upper slot) first as a `Team 1 | Score | Team 2` row is; a pair of
legs says nothing of who was at home in each, so it is kept only to check that the page
holds it elsewhere (else named). The page drops the matches other tables repeat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline import findings as F
from pipeline import ids
from pipeline.document import Grid, GridCell, make_cell
from pipeline.kinds import Account, Columns, Records, TableContext, cell_link, match_from_cell
from pipeline.model import Match

# A round's name opening a header cell (dates may follow it in the same cell).
ROUND_RE = re.compile(
    r"^(round of \d+|last \d+|(first|second|third|fourth|fifth) round|(quarter|semi)-?\s?finals?"
    r"|finals?|third[- ]place( match)?|play-?offs?)\b",
    re.I,
)
# A slot's score cell: goals, optionally with a shoot-out in brackets (`1 (5)`).
SLOT_SCORE_RE = re.compile(r"^\d{1,2}(\s*\(\d{1,2}\))?$")


# How a tie was won, written after the team: `Valencia (aet)`, `Real Unión (a)`, `(p)`.
SLOT_MARK_RE = re.compile(r"\s*\((a|aet|a\.e\.t\.|p|pen\.?|pens\.?)\)$", re.I)


@dataclass(frozen=True, slots=True)
class Slot:
    """One team's line of a bracket tie."""

    round_name: str
    team: str
    link: str | None
    line: int
    scores: tuple[str, ...]  # the score cells' texts, in order


@dataclass(frozen=True, slots=True)
class BracketPair:
    """Two slots of one round, one above the other: a tie the bracket restates."""

    round_name: str
    team1: str
    team2: str
    link1: str | None
    link2: str | None
    line: int
    scores1: tuple[str, ...] = ()
    scores2: tuple[str, ...] = ()
    line2: int = 0

    @property
    def single(self) -> bool:
        """One score a slot: a single match."""
        return len(self.scores1) == len(self.scores2) == 1


def _rows(grid: Grid) -> list[tuple[GridCell | None, ...]]:
    return [*(tuple(r) for r in grid.header), *(r.cells for r in grid.rows)]


def _round_columns(grid: Grid) -> dict[int, str] | None:
    """Each column's round, from the first row naming two rounds or more."""
    for row in _rows(grid)[:3]:
        names = {
            c: ROUND_RE.match(cell.text).group(0)  # type: ignore[union-attr]
            for c, cell in enumerate(row)
            if cell is not None and ROUND_RE.match(cell.text)
        }
        if len(set(names.values())) >= 2:
            return names
    return None


def _slots(grid: Grid, rounds: dict[int, str]) -> list[Slot]:
    slots: list[Slot] = []
    for row in grid.rows:
        cells = row.cells
        for c, cell in enumerate(cells):
            if cell is None or not cell.own or not cell.value.is_name or c not in rounds:
                continue
            k = c + 1
            while k < len(cells) and (x := cells[k]) is not None and not x.own:
                if (x.copied_from or (0, -1))[1] != c:
                    break
                k += 1  # the team cell's own colspan (its copies point back to column c)
            scores = 0
            while k + scores < len(cells):
                nxt = cells[k + scores]
                if nxt is None or not nxt.own or not SLOT_SCORE_RE.match(nxt.text):
                    break
                scores += 1
            if 1 <= scores <= 3:
                team = SLOT_MARK_RE.sub("", cell.text)
                texts = tuple(x.text for x in cells[k : k + scores] if x is not None)
                slots.append(Slot(rounds[c], team, cell_link(cell), row.line, texts))
    return slots


def grid_pairs(grid: Grid) -> list[BracketPair]:
    """A bracket grid's pairs, in page order by round."""
    rounds = _round_columns(grid)
    return bracket_pairs(_slots(grid, rounds)) if rounds else []


def bracket_pairs(slots: list[Slot]) -> list[BracketPair]:
    """Consecutive slots of each round, in page order, two by two."""
    by_round: dict[str, list[Slot]] = {}
    for slot in slots:
        by_round.setdefault(slot.round_name, []).append(slot)
    pairs: list[BracketPair] = []
    for name, found in by_round.items():
        for a, b in zip(found[::2], found[1::2], strict=False):
            pairs.append(
                BracketPair(
                    name, a.team, b.team, a.link, b.link, a.line, a.scores, b.scores, b.line
                )
            )
    return pairs


# A slot's goals and the shoot-out in brackets after them (`1 (5)`).
SLOT_GOALS_RE = re.compile(r"^(\d{1,2})(?:\s*\((\d{1,2})\))?$")


def pair_match(ctx: TableContext, pair: BracketPair, n: int) -> Match | None:
    """The single match a pair of one score each states, team 1 first; else None."""
    if not pair.single:
        return None
    a, b = SLOT_GOALS_RE.match(pair.scores1[0]), SLOT_GOALS_RE.match(pair.scores2[0])
    if a is None or b is None:
        return None
    text = f"{a.group(1)}–{b.group(1)}"
    if a.group(2) and b.group(2):
        text += f" ({a.group(2)}–{b.group(2)} p)"
    match = match_from_cell(
        make_cell(text, pair.line), "single", pair.team1, pair.team2, line=pair.line,
        match_id=ids.match_id(ctx.table_id, n), links=(pair.link1, pair.link2),
    )  # fmt: skip
    return replace(match, round_name=pair.round_name, score_text=f"{pair.scores1[0]} / "
                   f"{pair.scores2[0]}")  # fmt: skip


class Bracket:
    """A knockout bracket: single matches read, pairs of legs checked against the page."""

    name = "bracket"
    outputs: tuple[str, ...] = ("matches",)
    reads = frozenset({"bracket"})
    headerless = True  # its round names stand in a row of ordinary cells

    def recognise(self, grid: Grid) -> Columns | None:
        rounds = _round_columns(grid)
        if rounds is None or len(_slots(grid, rounds)) < 2:
            return None
        width = max((len(r.cells) for r in grid.rows), default=0)
        return Columns(("bracket",) * width)

    def read(self, ctx: TableContext, account: Account) -> Records:
        rounds = _round_columns(ctx.grid) or {}
        pairs = bracket_pairs(_slots(ctx.grid, rounds))
        matches: list[Match] = []
        for pair in pairs:
            match = pair_match(ctx, pair, len(matches) + 1)
            if match is not None:
                matches.append(match)
        own = sum(1 for row in ctx.grid.rows for _, c in row.own_cells() if c.raw)
        empty = sum(1 for row in ctx.grid.rows for _, c in row.own_cells() if not c.raw)
        # Empty cells draw the tree's lines; a single match's two team and two score cells
        # are data; every other cell with text is named by the summary.
        data = 4 * len(matches)
        account.layout += empty
        account.data += data
        account.named += own - data
        account.findings.append(
            F.BRACKET_SUMMARY.at(
                ctx.site, ctx.grid.line, cells=own - data, named=own - data, count=len(pairs),
                rounds=", ".join(dict.fromkeys(p.round_name for p in pairs)),
            )
        )  # fmt: skip
        return Records({"matches": tuple(matches)}, rows=len(matches))


BRACKET = Bracket()

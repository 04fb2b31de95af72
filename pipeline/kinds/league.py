"""Read league standings tables, with the results matrix printed beside them if any."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from pipeline import findings as F
from pipeline import ids
from pipeline.document import Grid, GridRow
from pipeline.kinds import (
    Account,
    Columns,
    Records,
    TableContext,
    cell_link,
    keep_level_shootout,
    match_from_cell,
)
from pipeline.model import Match, StandingRow
from pipeline.rules import (
    NOTES_LABELS,
    STAT_FIELDS,
    is_abbreviation,
    is_filler,
    normalise_label,
    standings_prefix,
    standings_roles,
)


@lru_cache(maxsize=1 << 10)  # a page's tables share a few headers: read each once
def league_columns(labels: tuple[str, ...]) -> Columns | None:
    """Standings labels, then spacer or corner cells, then the matrix abbreviations."""
    std = standings_roles(labels)
    if not ("team" in std and "points" in std and ("played" in std or "won" in std)):
        return None
    roles = standings_prefix(std)
    i = len(roles)
    if "team" not in roles or "points" not in roles:
        return None  # the labels do not open the header: not a standings table we can read
    abbrs: list[str] = []
    gap = 0
    for text in labels[i:]:
        if not abbrs and (is_filler(text) or not is_abbreviation(text)):
            gap += 1
        else:
            abbrs.append(text.strip())
    if not all(is_abbreviation(a) for a in abbrs):
        # A matrix is a run of team abbreviations: one label that is none (`Against`) means
        # these are columns we do not know, named as unread, never read as results.
        return Columns((*roles, *("ignored",) * (len(labels) - i)))
    return Columns((*roles, *("spacer",) * gap, *("matrix",) * len(abbrs)), tuple(abbrs))


# Points glued to their positives/negatives (`57+19`, `36-2`): the relative count is a note.
POINTS_RELATIVE_RE = re.compile(r"^(\d{1,3})\s*([+\-−]\d{1,3})$")


def read_standing(
    ctx: TableContext, row: GridRow, account: Account, abbr: str | None = None
) -> StandingRow:
    """One standings row, values as stated; unreadable numbers are named and stored as null.
    `abbr` is the row's matrix abbreviation (by default the one in its own position)."""
    cols = ctx.columns
    team_cell = cols.cell(row, "team")
    stats: dict[str, int | None] = {}
    derived: list[str] = []
    notes: list[str] = []
    for stat in STAT_FIELDS:
        if stat in stats:
            continue  # goals against, taken from a goals pair
        cell = cols.cell(row, stat)
        value = cell.value if cell is not None else None
        stats[stat] = value.number if value is not None and value.kind == "int" else None
        relative = POINTS_RELATIVE_RE.match(cell.text) if cell is not None else None
        goals = value.pair if value is not None and stat == "goals_for" else None
        if goals is not None and cols.index("goals_against") is None:
            # One goals cell `52:25` (German `Tore`, Polish `Bramki`): for, then against.
            stats["goals_for"], pair_against = goals
            stats["goals_against"] = pair_against
            continue
        if stat == "points" and stats[stat] is None and relative is not None:
            # `57+19`: points, then how far above one a game (Spanish tables' positives).
            stats[stat] = int(relative.group(1))
            notes.append(relative.group(2).replace("−", "-"))
        elif cell is not None and stats[stat] is None and cell.raw.strip():
            account.unparsed(ctx, row.line, cell.raw, stat)
        if cell is not None and cell.computed:
            derived.append(stat)
    pos = cols.cell(row, "position")
    qual = cols.cell(row, "qualification")
    points_cell = cols.cell(row, "points")
    abbrs = cols.abbreviations
    return StandingRow(
        line=row.line,
        position=pos.value.number if pos is not None and pos.value.is_int else None,
        team=team_cell.text if team_cell is not None else "",
        team_abbr=abbr or (abbrs[row.ordinal] if row.ordinal < len(abbrs) else None),
        qualification=(qual.text or None) if qual is not None else None,
        notes=(*(team_cell.marks if team_cell is not None else ()), *notes),
        played=stats["played"],
        won=stats["won"],
        drawn=stats["drawn"],
        lost=stats["lost"],
        goals_for=stats["goals_for"],
        goals_against=stats["goals_against"],
        goal_difference=stats["goal_difference"],
        points=stats["points"],
        team_link=cell_link(team_cell),
        derived=tuple(derived),
        points_marks=points_cell.marks if points_cell is not None else (),
    )


def read_matrix(
    ctx: TableContext,
    account: Account,
    teams: dict[int, str],
    links: dict[int, str | None] | None = None,
    kind: str = "league",
) -> list[Match]:
    """Matches of a results matrix (row team at home, column team away), counting every own
    cell of the rows: the diagonal and spacers are layout.

    Matrix column j is the team of body row j, counting rows that could not be placed; a
    column whose row was lost is named by its abbreviation.
    """
    roles = ctx.columns.roles
    abbrs = ctx.columns.abbreviations
    matrix_index = {c: j for j, c in enumerate(i for i, r in enumerate(roles) if r == "matrix")}
    by_link = _columns_by_link(ctx, matrix_index, links or {})
    matrix_index = {c: by_link.get(j, j) for c, j in matrix_index.items()}
    matches: list[Match] = []
    for row in ctx.grid.rows:
        for c, cell in row.own_cells():
            role = roles[c] if c < len(roles) else "ignored"
            if role == "spacer":
                # Only an empty spacer is layout: text there is data no column holds.
                if cell.raw:
                    account.ignore(ctx, c, cell)
                else:
                    account.layout += 1
            elif role == "matrix":
                j = matrix_index[c]
                if j == row.ordinal:
                    account.layout += 1  # the diagonal: a team does not play itself
                    continue
                account.data += 1
                away = teams.get(j) or (abbrs[j] if j < len(abbrs) else None)
                match_id = ids.match_id(ctx.table_id, len(matches) + 1)
                pair = (links.get(row.ordinal), links.get(j)) if links else (None, None)
                match = match_from_cell(
                    cell, kind, teams[row.ordinal], away, match_id=match_id, links=pair
                )
                if cell.style.aside:
                    match = replace(match, commented=cell.style.aside)
                matches.append(keep_level_shootout(ctx, account, match))
                if cell.value.kind not in ("score", "empty"):
                    account.unparsed(ctx, cell.line, cell.raw, "a score")
            elif role in ctx.reads:
                account.data += 1
            else:
                account.ignore(ctx, c, cell)
    return matches


def _columns_by_link(
    ctx: TableContext, matrix_index: dict[int, int], links: dict[int, str | None]
) -> dict[int, int]:
    """Matrix column -> the row of its team, through the link of the column's header cell and
    the row's team link (HTML: `ALA` links to the club's article). Only when every column
    links to exactly one row's team; otherwise columns follow rows in order, as printed."""
    header = ctx.grid.header[-1] if ctx.grid.header else ()
    rows_by_link: dict[str, list[int]] = {}
    for ordinal, link in links.items():
        if link:
            rows_by_link.setdefault(link, []).append(ordinal)
    mapping: dict[int, int] = {}
    for c, j in matrix_index.items():
        cell = header[c] if c < len(header) else None
        target = cell.links[0] if cell is not None and cell.links else None
        found = rows_by_link.get(target or "", [])
        if len(found) != 1:
            return {}
        mapping[j] = found[0]
    return mapping if len(set(mapping.values())) == len(mapping) else {}


def team_columns(ctx: TableContext) -> tuple[dict[int, str], dict[int, str | None]]:
    """Each body row's team name and link, by the row's ordinal (matrix columns follow it)."""
    teams: dict[int, str] = {}
    links: dict[int, str | None] = {}
    for row in ctx.grid.rows:
        cell = ctx.columns.cell(row, "team")
        teams[row.ordinal] = cell.text if cell is not None else ""
        links[row.ordinal] = cell_link(cell)
    return teams, links


def check_repeated_teams(
    ctx: TableContext, account: Account, standings: tuple[StandingRow, ...]
) -> None:
    """A team printed twice in one table keeps both rows, and is named (contract v2 key)."""
    first: dict[str, int] = {}
    for row in standings:
        if row.team in first:
            account.findings.append(
                F.TEAM_REPEATED.at(
                    ctx.site, row.line, team=row.team, stated=row.line, first=first[row.team]
                )
            )
        else:
            first[row.team] = row.line


def check_matrix_size(ctx: TableContext, account: Account, rows: int) -> None:
    """A matrix with more or fewer columns than the table has teams is named."""
    abbrs = ctx.columns.abbreviations
    if abbrs and len(abbrs) != rows:
        line = ctx.grid.rows[0].line if ctx.grid.rows else 1
        account.findings.append(F.MATRIX_SIZE.at(ctx.site, line, stated=len(abbrs), computed=rows))


def _row_abbreviations(ctx: TableContext, links: dict[int, str | None]) -> dict[int, str]:
    """Each row's abbreviation: the column its link names, where the columns map by link."""
    roles = ctx.columns.roles
    abbrs = ctx.columns.abbreviations
    matrix_index = {c: j for j, c in enumerate(i for i, r in enumerate(roles) if r == "matrix")}
    by_link = _columns_by_link(ctx, matrix_index, links)
    return {row: abbrs[j] for j, row in by_link.items() if j < len(abbrs)}


def _qualification_beyond_header(grid: Grid, columns: Columns) -> Columns:
    """A table with no qualification column whose rows hold one more cell than the header,
    and that cell words (`Relegated to Segunda División`, El Salvador Clausura 2006): the
    page's qualification column, its label lost; read as one, and said so."""
    width = len(columns.roles)
    extra = [
        row.cells[width] for row in grid.rows
        if len(row.cells) == width + 1 and row.cells[width] is not None
    ]  # fmt: skip
    if any(len(r.cells) > width + 1 for r in grid.rows):
        return columns
    own = [c for c in extra if c is not None and c.own and c.raw]
    if not own or not all(c.value.kind == "name" for c in own):
        return columns
    note = (
        f"Column {width + 1} has no label but holds words beyond the header "
        f"({own[0].text!r}); read as the qualification column."
    )
    return Columns((*columns.roles, "qualification"), note=note)


class League:
    """A league standings table: Pos, Team, Pld, W, D, L, GF, GA, GD, Pts, Qualification."""

    name = "league"
    outputs: tuple[str, ...] = ("standings", "matches")
    reads = frozenset({"position", "team", "qualification", *STAT_FIELDS})

    def recognise(self, grid: Grid) -> Columns | None:
        columns = league_columns(grid.labels)
        if columns is None or "qualification" in columns.roles or columns.abbreviations:
            return columns
        # A standings table's `Notes` column, where it has no Qualification column, holds
        # what the rows qualified for or were relegated to (2000 Úrvalsdeild: `UEFA Cup`,
        # `Relegated`, spanning rows).
        notes = [
            c for c, label in enumerate(grid.labels)
            if normalise_label(label) in NOTES_LABELS and columns.roles[c] in ("spacer", "ignored")
        ]  # fmt: skip
        if len(notes) == 1:
            roles = list(columns.roles)
            roles[notes[0]] = "qualification"
            return Columns(tuple(roles))
        return _qualification_beyond_header(grid, columns)

    def read(self, ctx: TableContext, account: Account) -> Records:
        teams, links = team_columns(ctx)
        matches = tuple(read_matrix(ctx, account, teams, links))
        abbr = _row_abbreviations(ctx, links)
        standings = tuple(
            read_standing(ctx, row, account, abbr.get(row.ordinal)) for row in ctx.grid.rows
        )
        if not ctx.grid.truncated:  # a cut table lost rows: its size says nothing
            check_matrix_size(ctx, account, len(ctx.grid.rows))
        check_repeated_teams(ctx, account, standings)
        return Records(
            {"standings": standings, "matches": matches},
            rows=len(standings),
            abbreviations=ctx.columns.abbreviations,
        )


LEAGUE = League()

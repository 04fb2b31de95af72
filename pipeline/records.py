"""Turn rebuilt rows into standings rows, matches and ties, counting every cell."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.findings import Finding
from pipeline.layout import Layout
from pipeline.model import Cell, Match, ParsedTable, StandingRow, Tie
from pipeline.rows import Rebuilt, Row
from pipeline.rules import STAT_FIELDS, is_tiebreaker
from pipeline.sections import PlacedTable
from pipeline.values import Score, parse_int, parse_pair, parse_score, split_marks


@dataclass(slots=True)
class _Count:
    layout: int = 0
    data: int = 0
    ignored: list[Cell] = field(default_factory=list)  # cells of columns we do not model

    def row(self, layout: Layout, row: Row) -> None:
        """Count a row's own cells: data, except those of unmodelled columns."""
        for col, cell in zip(layout.columns, row.cells, strict=True):
            if cell is None:
                continue
            if col == "ignored":
                self.ignored.append(cell)
            else:
                self.data += 1


def build_table(
    placed: PlacedTable, layout: Layout, rebuilt: Rebuilt, page: str, table_id: str
) -> tuple[ParsedTable, list[Finding]]:
    """Build one table's records and findings; cells = layout + data + unused."""
    block = placed.block
    findings: list[Finding] = []
    count = _Count(layout=block.layout_cells + layout.header_cells)
    standings: tuple[StandingRow, ...] = ()
    matches: tuple[Match, ...] = ()
    ties: tuple[Tie, ...] = ()
    unused = 0
    for left in rebuilt.unused:
        unused += len(left.cells)
        first, last = left.cells[0].line, left.cells[-1].line
        findings.append(
            Finding(
                left.code,
                f"{len(left.cells)} cell(s) on lines {first}–{last} not output: {left.message} "
                f"({_quote(left.cells)}).",
                page,
                first,
                table_id=table_id,
                cells=len(left.cells),
            )
        )
    if layout.kind == "unknown":
        unused += len(block.cells)
        what = {
            "infobox-skipped": "an infobox remnant",
            "navbox-skipped": "a navigation box",
        }.get(layout.skip_code or "", "a table-shaped block that is not a football table")
        findings.append(
            Finding(
                layout.skip_code or "table-unknown",
                f"Skipped {what} on lines {block.line}–{block.end_line}: "
                f"{len(block.cells)} cell(s) not output ({_quote(block.cells)}).",
                page,
                block.line,
                table_id=table_id,
                cells=len(block.cells),
            )
        )
    elif layout.kind == "league":
        standings, matches = _league(layout, rebuilt.rows, count, findings, page, table_id)
    elif layout.kind == "results_matrix":
        # Team names are the rows' data (home teams); there is no standings row to write.
        _, matches = _league(layout, rebuilt.rows, count, findings, page, table_id)
    elif layout.kind == "two_legged":
        ties, matches = _ties(layout, rebuilt.rows, count, findings, page, table_id)
    elif layout.kind == "single_match":
        matches = _singles(layout, rebuilt.rows, count, findings, page, table_id, placed)
    if count.ignored:
        unused += len(count.ignored)
        names = sorted({lab for lab, col in zip(layout.labels, layout.columns, strict=False)
                        if col == "ignored" and lab})  # fmt: skip
        findings.append(
            Finding(
                "column-not-output",
                f"{len(count.ignored)} cell(s) of column(s) {', '.join(map(repr, names)) or '?'} "
                f"are not part of the output tables (lines {count.ignored[0].line}–"
                f"{count.ignored[-1].line}).",
                page,
                count.ignored[0].line,
                table_id=table_id,
                cells=len(count.ignored),
            )
        )
    if rebuilt.truncated and not any(f.code == "table-truncated" for f in findings):
        findings.append(
            Finding(
                "table-truncated",
                f"The file ends inside this table (line {block.end_line}); "
                "its complete rows were kept.",
                page,
                block.end_line,
                table_id=table_id,
            )
        )
    status = "skipped" if layout.kind == "unknown" else "partial" if unused else "parsed"
    if rebuilt.truncated and layout.kind != "unknown":
        status = "partial"
    table = ParsedTable(
        table_id=table_id,
        page=page,
        section=placed.section,
        line=block.line,
        rendering=block.rendering,
        kind=layout.kind,
        status=status,
        cells=len(block.cells) + block.layout_cells,
        cells_layout=count.layout,
        cells_data=count.data,
        cells_unused=unused,
        standings=standings,
        matches=matches,
        ties=ties,
        abbreviations=layout.abbreviations,
        points_column="points" in layout.columns,
    )
    return table, findings


def _quote(cells: tuple[object, ...] | list[object]) -> str:
    texts = [getattr(c, "text", "") or "∅" for c in cells[:6]]
    more = f", … +{len(cells) - 6}" if len(cells) > 6 else ""
    return ", ".join(repr(t) for t in texts) + more


def _col(layout: Layout, row: Row, name: str) -> str | None:
    if name not in layout.columns:
        return None
    return row.values[layout.columns.index(name)]


def _own(layout: Layout, row: Row, name: str) -> bool:
    return name in layout.columns and row.cells[layout.columns.index(name)] is not None


def _unparsed(page: str, table_id: str, line: int, text: str, what: str) -> Finding:
    return Finding(
        "cell-unparsed",
        f"Could not read {what} from {text!r}; stored as null.",
        page,
        line,
        table_id=table_id,
        stated=text,
    )


def _league(
    layout: Layout,
    rows: tuple[Row, ...],
    count: _Count,
    findings: list[Finding],
    page: str,
    table_id: str,
) -> tuple[tuple[StandingRow, ...], tuple[Match, ...]]:
    standings: list[StandingRow] = []
    abbrs = layout.abbreviations
    # Matrix column j is the team of row j, counting rows that could not be placed; a
    # column whose row was lost is named by its abbreviation.
    teams: dict[int, str] = {
        row.index: split_marks(_col(layout, row, "team") or "")[0] for row in rows
    }
    matrix_index = {
        c: j for j, c in enumerate(i for i, x in enumerate(layout.columns) if x == "matrix")
    }
    matches: list[Match] = []
    for row in rows:
        k = row.index
        for c, (col, cell) in enumerate(zip(layout.columns, row.cells, strict=True)):
            if cell is None:
                continue
            if col == "spacer":
                count.layout += 1
            elif col == "matrix":
                j = matrix_index[c]
                if j == k:
                    count.layout += 1  # the diagonal: a team does not play itself
                    continue
                count.data += 1
                away = teams.get(j) or (abbrs[j] if j < len(abbrs) else None)
                matches.append(_match_from_cell(cell.text, cell.line, "league", teams[k], away))
                if not parse_score(cell.text).ok:
                    findings.append(_unparsed(page, table_id, cell.line, cell.text, "a score"))
            elif col == "ignored":
                count.ignored.append(cell)
            else:
                count.data += 1
        team, notes = split_marks(_col(layout, row, "team") or "")
        stats: dict[str, int | None] = {}
        for stat in STAT_FIELDS:
            text = _col(layout, row, stat)
            stats[stat] = parse_int(text) if text is not None else None
            if text is not None and stats[stat] is None and text.strip():
                findings.append(_unparsed(page, table_id, row.line, text, stat))
        pos_text = _col(layout, row, "position")
        qual_text = _col(layout, row, "qualification")
        qual = split_marks(qual_text)[0] if qual_text else None
        standings.append(
            StandingRow(
                line=row.line,
                position=parse_int(pos_text) if pos_text else None,
                team=team,
                team_abbr=abbrs[row.index] if row.index < len(abbrs) else None,
                qualification=qual or None,
                notes=notes,
                **stats,
            )
        )
    if abbrs and len(abbrs) != len(rows):
        findings.append(
            Finding(
                "matrix-size",
                f"The results matrix has {len(abbrs)} columns but the table {len(rows)} rows.",
                page,
                rows[0].line if rows else 1,
                table_id=table_id,
                stated=str(len(abbrs)),
                computed=str(len(rows)),
            )
        )
    return tuple(standings), tuple(matches)


def _match_from_cell(
    text: str, line: int, kind: str, home: str | None, away: str | None, *, swap: bool = False
) -> Match:
    """Build a match from a score cell; `swap` reads a leg-2 cell written team 1 first."""
    score: Score = parse_score(text)
    hg, ag, hp, ap = score.home, score.away, score.home_penalties, score.away_penalties
    if swap:
        hg, ag, hp, ap = ag, hg, ap, hp
    status = score.status
    if not home or not away:
        status = "pending"  # contract: teams may be missing only while pending
    return Match(
        line=line,
        kind=kind,
        home_team=home or None,
        away_team=away or None,
        home_goals=hg,
        away_goals=ag,
        home_penalties=hp,
        away_penalties=ap,
        extra_time=score.extra_time,
        status=status,
        neutral=False,
        score_text=text,
    )


def _ties(
    layout: Layout,
    rows: tuple[Row, ...],
    count: _Count,
    findings: list[Finding],
    page: str,
    table_id: str,
) -> tuple[tuple[Tie, ...], tuple[Match, ...]]:
    ties: list[Tie] = []
    matches: list[Match] = []
    for n, row in enumerate(rows):
        count.row(layout, row)
        t1, _ = split_marks(_col(layout, row, "team1") or "")
        t2, _ = split_marks(_col(layout, row, "team2") or "")
        agg_text = _col(layout, row, "aggregate")
        agg = parse_score(agg_text) if agg_text is not None else None
        if agg_text and agg is not None and not agg.ok:
            findings.append(_unparsed(page, table_id, row.line, agg_text, "an aggregate"))
        pen_text = _col(layout, row, "penalties")
        pen_score = parse_score(pen_text) if pen_text else None
        pens = parse_pair(pen_text) if pen_text else None
        if pen_text and pens is None and pen_score is not None and pen_score.status == "played":
            # `–` is "no shoot-out"; anything else unreadable is named, not dropped silently.
            findings.append(_unparsed(page, table_id, row.line, pen_text, "a shoot-out"))
        pts_text = _col(layout, row, "points")
        stated_points = parse_pair(pts_text) if pts_text else None
        if pts_text and stated_points is None:
            findings.append(_unparsed(page, table_id, row.line, pts_text, "tie points"))
        legs: list[Match] = []
        for leg, name in (("leg_1", "leg1"), ("leg_2", "leg2")):
            text = _col(layout, row, name)
            if text is None:
                continue
            idx = layout.columns.index(name)
            line = (row.cells[idx] or row).line
            home, away = (t1, t2) if leg == "leg_1" else (t2, t1)
            match = _match_from_cell(text, line, leg, home, away, swap=leg == "leg_2")
            legs.append(replace(match, tie_index=n))
            if not parse_score(text).ok:
                findings.append(_unparsed(page, table_id, line, text, "a leg score"))
        matches.extend(legs)
        t1p = agg.home_penalties if agg else None
        t2p = agg.away_penalties if agg else None
        leg2 = next((m for m in legs if m.kind == "leg_2"), None)
        if t1p is None and leg2 is not None and leg2.home_penalties is not None:
            # A shoot-out written in the 2nd-leg cell (`1–1 (4–3 p)`) decides the tie.
            t1p, t2p = leg2.away_penalties, leg2.home_penalties
        if pens:
            t1p, t2p = pens
        ties.append(
            Tie(
                line=row.line,
                team1=t1 or None,
                team2=t2 or None,
                team1_aggregate=agg.home if agg else None,
                team2_aggregate=agg.away if agg else None,
                team1_penalties=t1p,
                team2_penalties=t2p,
                stated_points=stated_points,
                aggregate_text=agg_text if "aggregate" in layout.columns else None,
                legs=tuple(legs),
                away_goals=bool(agg and agg.away_goals_rule),
            )
        )
    return tuple(ties), tuple(matches)


def _singles(
    layout: Layout,
    rows: tuple[Row, ...],
    count: _Count,
    findings: list[Finding],
    page: str,
    table_id: str,
    placed: PlacedTable,
) -> tuple[Match, ...]:
    tiebreaker = is_tiebreaker(placed.section.round)
    matches: list[Match] = []
    for row in rows:
        count.row(layout, row)
        t1, _ = split_marks(_col(layout, row, "team1") or "")
        t2, _ = split_marks(_col(layout, row, "team2") or "")
        text = _col(layout, row, "score") or ""
        match = _match_from_cell(text, row.line, "tiebreaker" if tiebreaker else "single", t1, t2)
        matches.append(replace(match, neutral=tiebreaker))
        if not parse_score(text).ok:
            findings.append(_unparsed(page, table_id, row.line, text, "a score"))
    return tuple(matches)

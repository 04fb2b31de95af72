"""Parse one page's text into tables, decided ties and findings: the pure core, end to end."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.blocks import split_blocks
from pipeline.crosscheck import cross_check
from pipeline.findings import Finding
from pipeline.layout import recognise, split_tables
from pipeline.model import Heading, ParsedTable, Prose, TableBlock
from pipeline.records import build_table
from pipeline.rows import rebuild_rows
from pipeline.rules import is_tiebreaker
from pipeline.sections import PlacedTable, place_tables
from pipeline.text import decode_bytes, split_lines
from pipeline.ties import DecidedTie, decide_ties, link_tiebreakers

SEASON_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
COMPETITION_RE = re.compile(
    r"(Copa Per[uú](?: Femenina)?|Peru Cup|Ligas? Departamental(?:es)?(?: del Per[uú])?"
    r"|Peruvian Segunda Divisi[oó]n|Torneo Descentralizado|Liga \d)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PageInfo:
    """One row of pages.parquet."""

    page: str
    path: str
    sha256: str
    bytes: int
    lines: int
    rendering: str
    title: str
    season: str | None
    competition: str | None
    tables: int
    truncated: bool


@dataclass(frozen=True, slots=True)
class PageResult:
    """Everything extracted from one page."""

    info: PageInfo
    tables: tuple[ParsedTable, ...]
    ties: tuple[DecidedTie, ...]
    findings: tuple[Finding, ...]


def parse_page(data: bytes, page: str, path: str) -> PageResult:
    """Parse a raw file's bytes; bad input gives findings, never an exception."""
    text, findings = decode_bytes(data, page)
    page_text, line_findings = split_lines(text, page)
    findings.extend(line_findings)
    blocks = split_blocks(page_text)
    placed, section_findings = place_tables(blocks, page)
    findings.extend(section_findings)
    last_line = page_text.lines[-1].number if page_text.lines else 0
    tables: list[ParsedTable] = []
    truncated = False
    parts = [
        PlacedTable(part, item.section) for item in placed for part in split_tables(item.block)
    ]
    for n, item in enumerate(parts, 1):
        table_id = f"{page}#{n}"
        layout = recognise(item.block)
        at_eof = item.block.end_line == last_line
        rebuilt = rebuild_rows(item.block, layout, at_eof)
        table, table_findings = build_table(item, layout, rebuilt, page, table_id)
        truncated = truncated or (rebuilt.truncated and layout.kind != "unknown")
        tables.append(table)
        findings.extend(table_findings)
    tables, link_findings = link_tiebreakers(tables)
    findings.extend(link_findings)
    decided, tie_findings = decide_ties(tables, _lost_tiebreakers(blocks, tables))
    findings.extend(tie_findings)
    findings.extend(cross_check(tables, decided, _tiebreaker_after(blocks, tables)))
    title = next((b.text for b in blocks if isinstance(b, Prose | Heading)), "")
    # The page's flavour is its football tables' (a navbox's mixed lines do not make it mixed).
    football = [t for t in tables if t.kind != "unknown"] or tables
    renderings = {t.rendering for t in football}
    info = PageInfo(
        page=page,
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        lines=len(page_text.lines),
        rendering=renderings.pop() if len(renderings) == 1 else "mixed" if renderings else "none",
        title=title,
        season=_season(title, blocks),
        competition=_competition(title, blocks),
        tables=len(tables),
        truncated=truncated,
    )
    return PageResult(info, tuple(tables), tuple(decided), tuple(findings))


def _lost_tiebreakers(blocks: Sequence[object], tables: list[ParsedTable]) -> dict[str, list[int]]:
    """Map each two-legged table to the Tiebreaker headings after it that have no table."""
    out: dict[str, list[int]] = {}
    by_line = {t.line: t for t in tables}
    current: ParsedTable | None = None
    pending: int | None = None
    for block in blocks:
        if isinstance(block, TableBlock):
            table = by_line.get(block.line)
            if pending is not None and current is not None and table is not None:
                if table.kind != "single_match":
                    out.setdefault(current.table_id, []).append(pending)
                pending = None
            if table is not None and table.kind == "two_legged":
                current = table
        elif isinstance(block, Heading):
            if is_tiebreaker(block.text) and current is not None:
                if pending is not None:
                    out.setdefault(current.table_id, []).append(pending)
                pending = block.line
            elif pending is not None and current is not None:
                out.setdefault(current.table_id, []).append(pending)
                pending = None
    if pending is not None and current is not None:
        out.setdefault(current.table_id, []).append(pending)
    return out


def _tiebreaker_after(blocks: Sequence[object], tables: list[ParsedTable]) -> set[str]:
    """Tables followed, before any other heading, by a Tiebreaker heading."""
    by_line = {t.line: t for t in tables}
    out: set[str] = set()
    last: ParsedTable | None = None
    for block in blocks:
        if isinstance(block, TableBlock):
            last = by_line.get(block.line, last)
        elif isinstance(block, Heading):
            if last is not None and is_tiebreaker(block.text):
                out.add(last.table_id)
            last = None
    return out


def _first_sentences(title: str, blocks: Sequence[object]) -> str:
    prose = [b.text for b in blocks[:4] if isinstance(b, Prose)]
    return " ".join([title, *prose])


def _season(title: str, blocks: Sequence[object]) -> str | None:
    match = SEASON_RE.search(title) or SEASON_RE.search(_first_sentences(title, blocks))
    return match.group(1) if match else None


def _competition(title: str, blocks: Sequence[object]) -> str | None:
    match = COMPETITION_RE.search(title) or COMPETITION_RE.search(_first_sentences(title, blocks))
    if not match:
        return None
    name = match.group(1)
    return "Copa Perú" if name.lower() == "peru cup" else name

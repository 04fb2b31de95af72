"""Nest headings into section paths by their kind, and attach each table's governing rule text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.findings import Finding
from pipeline.model import Block, Heading, Prose, Section, TableBlock
from pipeline.rules import (
    APPENDIX_HEADINGS,
    IGNORE_GD_RE,
    POINTS_RULE_RE,
    RULES_LINE_RE,
    SIBLING_CLASS,
    THIRD_MATCH_RE,
    heading_kind,
)


@dataclass(slots=True)
class _Entry:
    heading: Heading
    kind: str | None
    prose: list[str] = field(default_factory=list)
    has_table: bool = False


@dataclass(frozen=True, slots=True)
class PlacedTable:
    """A table block with the section it sits in."""

    block: TableBlock
    section: Section


def _class(kind: str | None) -> str | None:
    return SIBLING_CLASS.get(kind or "", kind)


def _is_rule_prose(text: str) -> bool:
    return bool(
        RULES_LINE_RE.match(text)
        or POINTS_RULE_RE.search(text)
        or IGNORE_GD_RE.search(text)
        or THIRD_MATCH_RE.search(text)
    )


def place_tables(blocks: list[Block], page: str) -> tuple[list[PlacedTable], list[Finding]]:
    """Give each table its heading path; name the headings that have no table under them."""
    stack: list[_Entry] = []
    entries: list[tuple[_Entry, list[_Entry]]] = []  # each heading with its ancestors
    ranks = _ranks(blocks)
    page_prose: list[str] = []
    placed: list[PlacedTable] = []
    last_table_index: int | None = None

    for block in blocks:
        if isinstance(block, Heading):
            last_table_index = None
            kind = heading_kind(block.text)
            entry = _Entry(block, kind)
            _push(stack, entry, ranks)
            entries.append((entry, list(stack[:-1])))
        elif isinstance(block, Prose):
            if last_table_index is not None and RULES_LINE_RE.match(block.text):
                # A `Rules for classification` line right after a table governs that table.
                old = placed[last_table_index]
                section = replace(old.section, rule_text=block.text)
                placed[last_table_index] = PlacedTable(old.block, section)
                continue
            if not _is_rule_prose(block.text):
                continue  # only rule prose matters downstream; keeping all would be quadratic
            if stack:
                stack[-1].prose.append(block.text)
            else:
                page_prose.append(block.text)
        else:
            for entry in stack:
                entry.has_table = True
            placed.append(PlacedTable(block, _section(stack, page_prose)))
            last_table_index = len(placed) - 1

    findings = [
        Finding(
            "heading-without-table",
            f"Heading '{entry.heading.text}' has no table under it in this export "
            "(the rendering lost it, or the page has none).",
            page,
            entry.heading.line,
        )
        for entry, _ in entries
        if not entry.has_table
    ]
    return placed, findings


def _ranks(blocks: list[Block]) -> dict[str, int]:
    """Rank heading classes, outermost first: stage > region > sub by default (contract).

    A page that opens with a region before any stage (2012 Ligas Departamentales:
    `Liga Departamental de Amazonas` > `First stage`) nests its stages inside regions.
    """
    order = [
        _class(heading_kind(b.text))
        for b in blocks
        if isinstance(b, Heading) and _class(heading_kind(b.text)) in {"stage", "region"}
    ]
    if order and order[0] == "region":
        return {"region": 1, "stage": 2, "sub": 3}
    return {"stage": 1, "region": 2, "sub": 3}


def _push(stack: list[_Entry], entry: _Entry, ranks: dict[str, int]) -> None:
    """Place a heading: siblings replace each other; known kinds never nest in unknown ones."""
    kind = entry.kind
    if kind is None:
        if entry.heading.text.lower() in APPENDIX_HEADINGS:
            stack.clear()  # Notes, See also, External links: top-level article sections
        else:
            # An unrecognised heading (`Liguilla`, `Zona Norte`) nests under the known path;
            # consecutive unrecognised headings are siblings.
            while stack and stack[-1].kind in (None, "tiebreaker"):
                stack.pop()
        stack.append(entry)
        return
    if kind == "tiebreaker":
        # Contract: only a Tiebreaker nests under the group or round just before it.
        while stack and stack[-1].kind == "tiebreaker":
            stack.pop()
        stack.append(entry)
        return
    rank = ranks[_class(kind) or ""]
    while stack and (
        stack[-1].kind in (None, "tiebreaker") or ranks[_class(stack[-1].kind) or ""] >= rank
    ):
        stack.pop()
    stack.append(entry)


def _section(stack: list[_Entry], page_prose: list[str]) -> Section:
    """Build the Section of a table from the heading stack."""
    by_kind: dict[str, str] = {}
    for entry in stack:
        if entry.kind == "tiebreaker":
            by_kind["round"] = entry.heading.text
        elif entry.kind:
            by_kind[entry.kind] = entry.heading.text
    prose = tuple(page_prose) + tuple(p for e in stack for p in e.prose)
    rule = next((p for p in reversed(prose) if _is_rule_prose(p)), None)
    return Section(
        path=tuple(e.heading.text for e in stack),
        stage=by_kind.get("stage"),
        region=by_kind.get("region"),
        group=by_kind.get("group"),
        round=by_kind.get("round"),
        rule_text=rule,
        stage_prose=prose,
    )

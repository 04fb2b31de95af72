"""Build a page's section tree from its headings, prose and tables, in page order.

Every front end hands over the same events; nesting follows heading levels where the rendering
states them, else heading kinds (contract: stage > region > group or round; a Tiebreaker nests
under the group or round just before it; numbered stages are peers of the knockout rounds that
follow them). A heading of no known kind whose first child is a group or round heading is a
region, by its place in the tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pipeline import findings as F
from pipeline.document import Placement, SectionKind, SectionNode, TableRef
from pipeline.findings import Finding, Site
from pipeline.rules import (
    APPENDIX_HEADINGS,
    RULES_LINE_RE,
    SIBLING_CLASS,
    heading_kind,
    is_deduction_prose,
    is_numbered_stage,
    is_rule_prose,
)

HEADING_FINDINGS_MAX = 100  # headings without a table named one by one, per page


@dataclass(frozen=True, slots=True)
class HeadingEvent:
    """A heading as the rendering gives it: text, line, and level where stated."""

    text: str
    line: int
    level: int | None = None


@dataclass(frozen=True, slots=True)
class ProseEvent:
    """A line or paragraph of running text."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class TableEvent:
    """A table's position in the page."""

    table_id: str
    line: int


Event = HeadingEvent | ProseEvent | TableEvent


@dataclass(slots=True)
class _Entry:
    text: str
    kind: SectionKind | None  # None: no known kind (yet)
    line: int
    level: int | None
    children: list[_Entry | TableRef] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)
    by_position: bool = False  # made a region by its place in the tree

    def freeze(self) -> SectionNode:
        return SectionNode(
            heading=self.text,
            kind=self.kind or "other",
            line=self.line,
            level=self.level,
            children=tuple(c.freeze() if isinstance(c, _Entry) else c for c in self.children),
            prose=tuple(self.prose),
        )


@dataclass(frozen=True, slots=True)
class SectionTree:
    """The tree, each table's placement, and the headings that have no table under them."""

    root: SectionNode
    placements: Mapping[str, Placement]
    findings: tuple[Finding, ...]


def _class(kind: SectionKind | None) -> str | None:
    return SIBLING_CLASS.get(kind or "", kind)


def build_tree(events: Iterable[Event], site: Site) -> SectionTree:
    """Nest headings, place every table, and name the headings with no table under them."""
    events = list(events)
    root = _Entry("", "other", 0, 0)
    stack: list[_Entry] = []
    all_entries: list[_Entry] = []
    placed: dict[str, tuple[tuple[_Entry, ...], tuple[str, ...], str | None]] = {}
    page_prose: list[str] = []
    last_table: str | None = None
    leveled = any(isinstance(e, HeadingEvent) and e.level is not None for e in events)
    ranks = _ranks(events)

    for event in events:
        if isinstance(event, HeadingEvent):
            last_table = None
            entry = _Entry(event.text, heading_kind(event.text), event.line, event.level)
            if leveled and event.level is not None:
                _push_by_level(stack, entry)
            else:
                _push_by_kind(stack, entry, ranks, root)
            parent = stack[-2] if len(stack) > 1 else root
            parent.children.append(entry)
            all_entries.append(entry)
        elif isinstance(event, ProseEvent):
            if last_table is not None and RULES_LINE_RE.search(event.text):
                # A `Rules for classification` line right after a table governs that table.
                entries, prose, _ = placed[last_table]
                placed[last_table] = (entries, prose, event.text)
                continue
            if last_table is not None and is_deduction_prose(event.text):
                # A note right after a table ("Bootle deducted 4 points") is that table's.
                entries, prose, rule = placed[last_table]
                placed[last_table] = (entries, (*prose, event.text), rule)
                continue
            if not is_rule_prose(event.text):
                continue  # only rule prose matters downstream; keeping all would be quadratic
            (stack[-1].prose if stack else page_prose).append(event.text)
        else:
            (stack[-1] if stack else root).children.append(TableRef(event.table_id, event.line))
            prose = tuple(page_prose) + tuple(p for e in stack for p in e.prose)
            rule = next((p for p in reversed(prose) if is_rule_prose(p)), None)
            placed[event.table_id] = (tuple(stack), prose, rule)
            last_table = event.table_id

    for entry in all_entries:
        if entry.kind is None and any(
            isinstance(c, _Entry) and c.kind in ("group", "round") for c in entry.children
        ):
            entry.kind = "region"  # by position: it holds groups or rounds (Zona Norte)
    frozen = root.freeze()
    # Placements are made last, so kinds decided by position reach the tables under them.
    placements = {
        table_id: Placement(
            path=tuple(e.text for e in entries),
            kinds=tuple(e.kind or "other" for e in entries),
            rule_text=rule,
            prose=prose,
        )
        for table_id, (entries, prose, rule) in placed.items()
    }
    lost = [node for node in _walk(frozen) if not node.has_table]
    found = [
        F.HEADING_WITHOUT_TABLE.at(site, node.line, heading=node.heading)
        for node in lost[:HEADING_FINDINGS_MAX]
    ]
    rest = lost[HEADING_FINDINGS_MAX:]
    if rest:
        # Bounded memory and report on pages of thousands of bare headings: the rest in one.
        found.append(
            F.HEADINGS_WITHOUT_TABLE.at(
                site, rest[0].line, count=len(rest), first=rest[0].line, last=rest[-1].line
            )
        )
    return SectionTree(frozen, MappingProxyType(placements), tuple(found))


def _walk(root: SectionNode) -> list[SectionNode]:
    nodes = list(root.walk())
    return nodes[1:]


def _ranks(events: list[Event]) -> dict[str, int]:
    """Rank heading classes, outermost first: stage > region > sub by default (contract).

    A page that opens with a region before any stage (2012 Ligas Departamentales:
    `Liga Departamental de Amazonas` > `First stage`) nests its stages inside regions.
    """
    for e in events:
        if isinstance(e, HeadingEvent):
            cls = _class(heading_kind(e.text))
            if cls == "region":
                return {"region": 1, "stage": 2, "sub": 3}
            if cls == "stage":
                break
    return {"stage": 1, "region": 2, "sub": 3}


def _push_by_level(stack: list[_Entry], entry: _Entry) -> None:
    """Nest by stated level: pop headings of the same or a deeper level."""
    level = entry.level or 0
    while stack and (stack[-1].level or 0) >= level:
        stack.pop()
    stack.append(entry)


def _lift(stack: list[_Entry], ranks: dict[str, int], root: _Entry) -> None:
    """Move the region on top of the stack out of any group or round it was placed under
    (a group never holds a region): it becomes a child of the nearest outer heading."""
    region = stack.pop()
    old_parent = stack[-1] if stack else root
    while stack and (
        stack[-1].kind in (None, "tiebreaker")
        or ranks[_class(stack[-1].kind) or ""] >= ranks["region"]
    ):
        stack.pop()
    new_parent = stack[-1] if stack else root
    if new_parent is not old_parent:
        old_parent.children.remove(region)
        new_parent.children.append(region)
    stack.append(region)


def _push_by_kind(stack: list[_Entry], entry: _Entry, ranks: dict[str, int], root: _Entry) -> None:
    """Place a heading by kind: siblings replace each other; known kinds never nest in unknown
    ones, except an unknown heading right before a group or round: that one is a region."""
    kind = entry.kind
    if kind is None:
        if entry.text.lower() in APPENDIX_HEADINGS:
            stack.clear()  # Notes, See also, External links: top-level article sections
        else:
            # Consecutive unrecognised headings are siblings, and so is one after a region
            # found by position (`Zona Sur` after `Zona Norte`'s groups).
            held = next((i for i, e in enumerate(stack) if e.by_position), None)
            if held is not None:
                del stack[held:]
            while stack and stack[-1].kind in (None, "tiebreaker"):
                stack.pop()
        stack.append(entry)
        return
    if kind == "tiebreaker":
        while stack and stack[-1].kind == "tiebreaker":
            stack.pop()
        stack.append(entry)
        return
    top = stack[-1] if stack else None
    if (
        kind in ("group", "round")
        and top is not None
        and top.kind is None
        and not top.children
        and top.text.lower() not in APPENDIX_HEADINGS
    ):
        top.kind, top.by_position = "region", True  # its place makes it a region
        _lift(stack, ranks, root)
    rank = ranks[_class(kind) or ""]
    while stack and (
        stack[-1].kind in (None, "tiebreaker")
        or ranks[_class(stack[-1].kind) or ""] >= rank
        or (kind == "round" and stack[-1].kind == "stage" and is_numbered_stage(stack[-1].text))
    ):
        stack.pop()
    stack.append(entry)

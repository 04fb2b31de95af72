"""Define the page document: the one contract between every front end and every table kind.

A front end turns a raw file into a `PageDocument`: a title, a section tree whose ordered
children are headings and tables (and headings whose table was lost), and each table as a
`Grid` of cells whose values are parsed once. Nothing after the document knows the rendering
(the name is recorded for `pages.rendering` only). Source details (lines, offsets) are kept out
of equality (`compare=False`) so tests compare meaning, as sqlite-utils' tokens do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pipeline.rules import without_leg
from pipeline.values import CellValue, link_targets, read_value

SectionKind = Literal["stage", "region", "group", "round", "tiebreaker", "other"]
GridRole = Literal["table", "infobox", "navbox"]
LeftoverCode = Literal[
    "row-unplaced", "row-short", "row-too-long", "table-truncated", "row-ambiguous"
]


@dataclass(frozen=True, slots=True)
class CellStyle:
    """How the rendering marks a cell. Most cells carry none of it, so they share one."""

    offset: int | None = field(default=None, compare=False)  # column or byte offset, if known
    header: bool = False  # the rendering marks it a header cell (`th`, `!`)
    links: tuple[str, ...] = ()  # article titles the cell links to
    bold: bool = False
    span: tuple[int, int] = (1, 1)  # (rowspan, colspan) as stated
    copied_from: tuple[int, int] | None = None  # (row, column) of the spanning cell if covered
    computed: bool = False  # a template computed the value rather than the page stating it
    # What the source says beside the cell and the reader never sees: a results cell's
    # `<!-- Team -->` comment naming its opponent (it changes no value).
    aside: str = ""


PLAIN = CellStyle()


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell: raw and cleaned text, where it stands, how it is marked, its value.

    The marks live in a shared `CellStyle`: four fields, not ten, make a cell cheap to build
    (every line of a text page is one).
    """

    raw: str  # as written in the rendering
    value: CellValue  # parsed once from the text; `value.base` is the cleaned text
    line: int = field(compare=False)
    style: CellStyle = PLAIN

    @property
    def text(self) -> str:
        """The cleaned text: marks removed, spaces folded."""
        return self.value.base

    @property
    def marks(self) -> tuple[str, ...]:
        """Footnote and status marks, in order (`note 1`, `C`)."""
        return self.value.marks

    @property
    def offset(self) -> int | None:
        return self.style.offset

    @property
    def header(self) -> bool:
        return self.style.header

    @property
    def links(self) -> tuple[str, ...]:
        return self.style.links

    @property
    def bold(self) -> bool:
        return self.style.bold

    @property
    def span(self) -> tuple[int, int]:
        return self.style.span

    @property
    def copied_from(self) -> tuple[int, int] | None:
        return self.style.copied_from

    @property
    def computed(self) -> bool:
        return self.style.computed

    @property
    def own(self) -> bool:
        """The cell stands in the rendering itself (not copied down from a span)."""
        return self.style.copied_from is None

    def copied_to(self, origin: tuple[int, int]) -> GridCell:
        """This cell as the copy a span leaves in a covered slot; `origin` is the span's."""
        return GridCell(self.raw, self.value, self.line, replace(self.style, copied_from=origin))


def make_cell(raw: str, line: int, **style: Any) -> GridCell:
    """Build a cell from its raw text, reading its value once; `style` as `CellStyle`'s."""
    if "[[" in raw and "links" not in style:
        style["links"] = link_targets(raw)  # a wiki link left in the text: keep its target
    if style:
        return GridCell(raw, read_value(raw), line, CellStyle(**style))
    return GridCell(raw, read_value(raw), line)


@dataclass(frozen=True, slots=True)
class GridRow:
    """A data row: one slot per column (None where the rendering has no cell at all)."""

    cells: tuple[GridCell | None, ...]
    line: int = field(compare=False)
    ordinal: int = 0  # place among the table's body rows, counting rows that were not placed
    subheading: str | None = None  # the full-width row above it inside the table, if any
    # A full-width note row right under it, in brackets: `(Rocester won 4-3 on penalties)`.
    note: str | None = None

    def own_cells(self) -> Iterator[tuple[int, GridCell]]:
        """The row's own cells with their column, covered copies left out."""
        for c, cell in enumerate(self.cells):
            if cell is not None and cell.own:
                yield c, cell


@dataclass(frozen=True, slots=True)
class Leftover:
    """Cells a front end could place in no row: each run becomes one finding."""

    cells: tuple[GridCell, ...]
    code: LeftoverCode
    reason: str


@dataclass(frozen=True, slots=True)
class Grid:
    """A table as rows of cells. The last header row names the columns, one cell a column."""

    table_id: str
    line: int = field(compare=False)
    end_line: int = field(compare=False)
    role: GridRole = "table"
    caption: str | None = None
    header: tuple[tuple[GridCell, ...], ...] = ()
    rows: tuple[GridRow, ...] = ()
    subheadings: tuple[GridCell, ...] = ()  # full-width rows inside the table
    leftovers: tuple[Leftover, ...] = ()
    layout_cells: int = 0  # rendering-only cells (rule lines): layout, never data
    loose: tuple[GridCell, ...] = ()  # cells of a block with no readable rows (not football)
    truncated: bool = False  # the file ends inside this table
    updated: str | None = None  # the table's own "updated" date, as written (`update=`)
    rendering: str = field(default="", compare=False)

    @property
    def labels(self) -> tuple[str, ...]:
        """The column labels: the last header row's cleaned texts."""
        return tuple(c.text for c in self.header[-1]) if self.header else ()

    @property
    def header_cells(self) -> int:
        """The header's own cells (a spanning label once, not once a column it covers)."""
        return sum(1 for r in self.header for c in r if c.own)

    @property
    def cells(self) -> int:
        """Every cell of the rendering: header, own row cells, leftovers, layout, loose."""
        own = sum(1 for r in self.rows for c in r.cells if c is not None and c.own)
        left = sum(len(x.cells) for x in self.leftovers)
        return (
            self.header_cells + own + left + self.layout_cells + len(self.subheadings)
            + len(self.loose)
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class TableRef:
    """A table's place among a section's children."""

    table_id: str
    line: int = field(compare=False)


@dataclass(frozen=True, slots=True)
class SectionNode:
    """A heading with its kind, its level where stated, and its ordered children."""

    heading: str
    kind: SectionKind
    line: int = field(compare=False)
    level: int | None = None
    children: tuple[SectionNode | TableRef, ...] = ()
    prose: tuple[str, ...] = ()  # classification-rule prose stated under this heading

    @property
    def has_table(self) -> bool:
        """A table stands under this heading, at any depth."""
        return any(
            isinstance(c, TableRef) or (isinstance(c, SectionNode) and c.has_table)
            for c in self.children
        )

    def walk(self) -> Iterator[SectionNode]:
        """This node and every heading below it, in page order."""
        stack: list[SectionNode] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, SectionNode))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a table sits: its heading path with kinds, and the rule prose that governs it."""

    path: tuple[str, ...] = ()
    kinds: tuple[SectionKind, ...] = ()
    rule_text: str | None = None  # the classification rule stated closest to the table
    prose: tuple[str, ...] = ()  # rule prose of the page and every heading above the table

    def name(self, kind: SectionKind) -> str | None:
        """The innermost heading of a kind on the path (a Tiebreaker is no round: a third match
        belongs to the round it decides, contract v2)."""
        for text, k in zip(reversed(self.path), reversed(self.kinds), strict=True):
            if k == kind:
                # `Semifinals 1st Leg` is a leg of the round `Semifinals`.
                return without_leg(text) if kind == "round" else text
        return None

    @property
    def stage(self) -> str | None:
        return self.name("stage")

    @property
    def region(self) -> str | None:
        return self.name("region")

    @property
    def group(self) -> str | None:
        return self.name("group")

    @property
    def round(self) -> str | None:
        return self.name("round")

    @property
    def in_tiebreaker(self) -> bool:
        """The innermost round on the path is a Tiebreaker heading."""
        for k in reversed(self.kinds):
            if k in ("round", "tiebreaker"):
                return k == "tiebreaker"
        return False


@dataclass(frozen=True, slots=True)
class PageDocument:
    """One page read by a front end: what every table kind and check works from."""

    page: str
    path: str
    rendering: str  # the front end's name for it (pages.rendering)
    title: str
    lines: int
    root: SectionNode  # a node of kind `other` holding the page's top-level children
    grids: tuple[Grid, ...]
    placements: Mapping[str, Placement] = field(compare=False)  # read-only (a mapping proxy)
    intro: str = ""  # the page's first sentences (season and competition are read there)
    source_url: str | None = None  # provenance, where the file states it
    revision: str | None = None
    retrieved: str | None = None
    truncated_at: int | None = None  # the file was cut (no final newline inside a table)
    relations: Relations | None = field(default=None, compare=False)

    def placement(self, table_id: str) -> Placement:
        return self.placements.get(table_id, Placement())

    def headings(self) -> Iterator[SectionNode]:
        """Every heading of the page in order (the root excluded)."""
        it = self.root.walk()
        next(it)
        yield from it

    def tiebreaker_after(self, table_id: str) -> SectionNode | None:
        """The Tiebreaker heading after a table: its child, or its section's next sibling."""
        return self._rel().tiebreaker_after.get(table_id)

    def round_decided_by(self, table_id: str) -> str | None:
        """For a table under a Tiebreaker heading, the table of the round whose ties it decides."""
        return self._rel().decides.get(table_id)

    def tables_after(self, table_id: str) -> Iterator[str]:
        """Tables after this one under the same region and stage, in page order (lazily)."""
        found = self._rel().tables_after.get(table_id)
        if found is not None:
            members, index = found
            for i in range(index + 1, len(members)):
                yield members[i]

    def _rel(self) -> Relations:
        if self.relations is None:
            raise ValueError("document built without relations")  # a front-end bug
        return self.relations


@dataclass(frozen=True, slots=True)
class Relations:
    """Page relations computed once when the document is built (never re-walked)."""

    tiebreaker_after: dict[str, SectionNode]
    decides: dict[str, str]  # table under a Tiebreaker heading -> the round table it follows
    tables_after: dict[str, tuple[tuple[str, ...], int]]  # (tables of the region, index)


def build_relations(root: SectionNode, placements: Mapping[str, Placement]) -> Relations:
    """Compute the relations the checks ask for, in one walk of the tree."""
    tiebreaker_after: dict[str, SectionNode] = {}

    def visit(node: SectionNode) -> None:
        children = node.children
        for i, child in enumerate(children):
            if isinstance(child, SectionNode):
                visit(child)
                continue
            # The Tiebreaker heading that follows this table before any other heading or
            # table: a later child of the same section (a table split in two by the export
            # credits the last part), else the section's next sibling (seen by the parent).
            later = children[i + 1] if i + 1 < len(children) else None  # no slice: linear
            if isinstance(later, SectionNode) and later.kind == "tiebreaker":
                tiebreaker_after[child.table_id] = later
        for i, child in enumerate(children):
            if not isinstance(child, SectionNode) or child.kind == "tiebreaker":
                continue
            last = _last_table(child)
            nxt = children[i + 1] if i + 1 < len(children) else None
            if (
                last is not None
                and last not in tiebreaker_after
                and isinstance(nxt, SectionNode)
                and nxt.kind == "tiebreaker"
            ):
                tiebreaker_after[last] = nxt

    visit(root)
    # Tables grouped by (region, stage) in page order; a table's followers are a slice.
    groups: dict[tuple[str | None, str | None], list[str]] = {}
    where: dict[str, tuple[tuple[str | None, str | None], int]] = {}
    for table_id, p in placements.items():
        key = (p.region, p.stage)
        members = groups.setdefault(key, [])
        where[table_id] = (key, len(members))
        members.append(table_id)
    frozen = {key: tuple(members) for key, members in groups.items()}
    tables_after = {t: (frozen[key], i) for t, (key, i) in where.items()}
    decides = {
        ref.table_id: round_table
        for round_table, node in tiebreaker_after.items()
        for ref in _tables_under(node)
    }
    return Relations(tiebreaker_after, decides, tables_after)


def _tables_under(node: SectionNode) -> Iterator[TableRef]:
    for section in node.walk():
        yield from (c for c in section.children if isinstance(c, TableRef))


def _last_table(node: SectionNode) -> str | None:
    """The last table directly in a section (not under a deeper heading)."""
    for child in reversed(node.children):
        if isinstance(child, TableRef):
            return child.table_id
        if child.kind != "tiebreaker":
            return None
    return None

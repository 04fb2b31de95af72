"""A test-only front end: a trivial tab-separated rendering, and a writer that renders to it.

The format: a first line `#tsv <title>`; `= <heading>` lines; `" <prose>` lines; table rows
as tab-separated cells, header rows starting with `!`; a cell `^<text>` is a copy covered by a
span, `∅` a slot with no cell; a blank line ends a table. It proves the seam: a document from
another reader gives the same outputs, with no core module edited.
"""

from __future__ import annotations

from pipeline import ids
from pipeline.document import (
    Grid,
    GridCell,
    GridRow,
    PageDocument,
    SectionNode,
    TableRef,
    build_relations,
    make_cell,
)
from pipeline.findings import Finding, Site
from pipeline.rules import RULES_LINE_RE
from pipeline.sections import Event, HeadingEvent, ProseEvent, TableEvent, build_tree

ABSENT = "∅"


class TsvFrontEnd:
    name = "tsv"
    suffixes: tuple[str, ...] = (".tsv",)
    renderings: tuple[str, ...] = ("tsv",)

    def claims(self, head: str) -> bool:
        return head.startswith("#tsv")

    def read(self, data: bytes, site: Site) -> tuple[PageDocument, list[Finding]]:
        lines = data.decode("utf-8").split("\n")
        title = lines[0].removeprefix("#tsv").strip() if lines else ""
        events: list[Event] = []
        grids: list[Grid] = []
        intro = [title]
        table: list[tuple[int, list[str]]] = []

        def close() -> None:
            if table:
                grid = _grid(ids.table_id(site.page, len(grids) + 1), table)
                grids.append(grid)
                events.append(TableEvent(grid.table_id, grid.line))
                table.clear()

        for number, line in enumerate(lines[1:], 2):
            if not line.strip():
                close()
            elif line.startswith("= "):
                close()
                events.append(HeadingEvent(line[2:], number))
            elif line.startswith('" '):
                close()
                events.append(ProseEvent(line[2:], number))
                if len(intro) < 4:
                    intro.append(line[2:])
            else:
                table.append((number, line.split("\t")))
        close()
        tree = build_tree(events, site)
        document = PageDocument(
            page=site.page,
            path=site.path,
            rendering="tsv",
            title=title,
            lines=len(lines),
            root=tree.root,
            grids=tuple(grids),
            placements=tree.placements,
            intro=" ".join(intro),
            relations=build_relations(tree.root, tree.placements),
        )
        return document, list(tree.findings)


def _grid(table_id: str, lines: list[tuple[int, list[str]]]) -> Grid:
    header = tuple(
        tuple(make_cell(t, n, header=True) for t in cells[1:])
        for n, cells in lines
        if cells[0] == "!"
    )
    rows: list[GridRow] = []
    for n, cells in (x for x in lines if x[1][0] != "!"):
        slots: list[GridCell | None] = []
        for c, text in enumerate(cells):
            if text == ABSENT:
                slots.append(None)
            elif text.startswith("^") and rows and rows[-1].cells[c] is not None:
                above = rows[-1].cells[c]
                slots.append(above.copied_to(above.copied_from or (len(rows) - 1, c)))  # type: ignore[union-attr]
            else:
                slots.append(make_cell(text, n))
        rows.append(GridRow(tuple(slots), n, len(rows)))
    return Grid(
        table_id, lines[0][0], lines[-1][0], header=header, rows=tuple(rows), rendering="tsv"
    )


def render_tsv(doc: PageDocument) -> str:
    """Render a document's football tables, headings and rule prose in the TSV rendering."""
    out = [f"#tsv {doc.title}"]
    grids = {g.table_id: g for g in doc.grids}

    def walk(node: SectionNode) -> None:
        for child in node.children:
            if isinstance(child, TableRef):
                grid = grids[child.table_id]
                if grid.loose:  # a navbox: one row of its cells (TSV says no more about it)
                    out.extend(["\t".join(c.raw for c in grid.loose), ""])
                    continue
                for row in grid.header:
                    out.append("\t".join(["!", *(c.raw for c in row)]))
                for data_row in grid.rows:
                    out.append("\t".join(_show(c) for c in data_row.cells))
                out.append("")
                rule = doc.placement(child.table_id).rule_text
                if rule and RULES_LINE_RE.match(rule) and rule not in node.prose:
                    out.append(f'" {rule}')
            else:
                out.append(f"= {child.heading}")
                out.extend(f'" {p}' for p in child.prose)
                walk(child)

    walk(doc.root)
    return "\n".join(out) + "\n"


def _show(cell: GridCell | None) -> str:
    if cell is None:
        return ABSENT
    return ("^" if cell.copied_from is not None else "") + cell.raw

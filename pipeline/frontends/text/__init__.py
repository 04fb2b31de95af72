"""Read text exports (cell per line, row per line, mixed per table) into the page document.

The text renderings' quirks stay here: flavours claim lines per table, headings are told from
prose by form, rows are rebuilt from cell types (rows are unmarked and rowspan-covered cells are
simply absent), covered cells are inferred and copied down, a cut last cell is never a value.
"""

from __future__ import annotations

from itertools import islice, takewhile

from pipeline import ids
from pipeline.document import (
    Grid,
    GridCell,
    GridRole,
    GridRow,
    PageDocument,
    build_relations,
)
from pipeline.findings import Finding, Site
from pipeline.frontends.text.blocks import is_chrome, split_blocks
from pipeline.frontends.text.decode import decode_bytes, split_lines
from pipeline.frontends.text.layout import Layout, marked_rows, split_tables
from pipeline.frontends.text.model import Block, Heading, Prose, TableBlock
from pipeline.frontends.text.rows import Rebuilt, rebuild_rows
from pipeline.sections import Event, TableEvent, build_tree

RENDERINGS = ("cell_per_line", "row_per_line", "spaced_rows", "no_bars")
INTRO_CHARS = 2000  # a statement of the season sits in a line's start; a huge line is cut
ROLES: dict[str | None, GridRole] = {"infobox-skipped": "infobox", "navbox-skipped": "navbox"}


class TextFrontEnd:
    """Plain-text exports: the fallback front end (it claims no markup of its own)."""

    name = "text"
    suffixes: tuple[str, ...] = (".txt",)
    renderings: tuple[str, ...] = RENDERINGS

    def claims(self, head: str) -> bool:
        """Text has no markup to recognise: it reads whatever no other front end claims."""
        return False

    def read(self, data: bytes, site: Site) -> tuple[PageDocument, list[Finding]]:
        """Decode, split into blocks, rebuild each table's rows, and nest the sections."""
        text, findings = decode_bytes(data, site)
        page_text, line_findings = split_lines(text, site)
        del text  # each stage lets go of what the next no longer needs: bounded peak memory
        findings.extend(line_findings)
        blocks = split_blocks(page_text)
        last_line = len(page_text.lines)
        del page_text
        events: list[Event] = []
        grids: list[Grid] = []
        layouts: list[Layout] = []
        for block in blocks:
            if isinstance(block, Heading | Prose):
                events.append(block)  # the text blocks are the section builder's events
            else:
                for part, layout in split_tables(block):
                    table_id = ids.table_id(site.page, len(grids) + 1)
                    rebuilt = rebuild_rows(part, layout, part.end_line == last_line)
                    grids.append(to_grid(part, layout, rebuilt, table_id))
                    layouts.append(layout)
                    events.append(TableEvent(table_id, part.line))
        tree = build_tree(events, site)
        findings.extend(tree.findings)
        title = next(
            (b.text for b in blocks if isinstance(b, Prose | Heading) and not is_chrome(b.text)),
            "",
        )
        # The page's own statements before its first table: infobox fields, first sentences.
        opening = takewhile(lambda b: not isinstance(b, TableBlock), blocks)
        prose = (b.text[:INTRO_CHARS] for b in islice(opening, 12) if isinstance(b, Prose))
        intro = "\n".join([title[:INTRO_CHARS], *prose])
        # The page's rendering is its football tables' (a navbox's mixed lines do not count).
        football = [g for g, lay in zip(grids, layouts, strict=True) if lay.kind != "unknown"]
        names = {g.rendering for g in (football or grids)}
        rendering = names.pop() if len(names) == 1 else "mixed" if names else "none"
        document = PageDocument(
            page=site.page,
            path=site.path,
            rendering=rendering,
            title=title,
            lines=last_line,
            root=tree.root,
            grids=tuple(grids),
            placements=tree.placements,
            intro=intro,
            relations=build_relations(tree.root, tree.placements),
        )
        return document, findings


def to_grid(block: TableBlock, layout: Layout, rebuilt: Rebuilt, table_id: str) -> Grid:
    """Turn a rebuilt text table into a grid; covered cells are copies of the cell above."""
    role = ROLES.get(layout.skip_code, "table")
    # Each grid is built once, never through `dataclasses.replace` (costly on 14 fields).
    at = (table_id, block.line, block.end_line, role)
    if (layout.kind == "unknown" or not layout.width) and block.rows_marked:
        # Rows are marked: the grid is plain whatever the kind (a plug-in kind may read it),
        # its header the rows a rule closes, else its first row; unread, every cell stays
        # named by the skip finding.
        marked = marked_rows(block.cells, block.starts)
        end = block.header_end or len(marked[0])
        split = next(
            (i for i in range(len(marked) + 1) if sum(map(len, marked[:i])) >= end),
            len(marked),
        )
        header = tuple(tuple(row) for row in marked[:split])
        body = tuple(GridRow(tuple(row), row[0].line, n) for n, row in enumerate(marked[split:]))
        return Grid(
            *at,
            header=header,
            rows=body,
            layout_cells=block.layout_cells,
            rendering=block.rendering,
        )
    if layout.kind == "unknown" or not layout.width:
        return Grid(
            *at, loose=block.cells, layout_cells=block.layout_cells, rendering=block.rendering
        )
    # Text marks no header cell (no `th`): `header` stays false; the grid's header rows say it.
    head = list(block.cells[: layout.header_cells])
    width = min(layout.width, len(head))
    header = (tuple(head[:-width]), tuple(head[-width:])) if len(head) > width else (tuple(head),)
    rows: list[GridRow] = []
    for row in rebuilt.rows:
        above = rows[-1] if rows else None
        slots: list[GridCell | None] = []
        for c, own in enumerate(row.cells):
            if own is not None:
                slots.append(own)
                continue
            spanning = above.cells[c] if above is not None else None
            if row.values[c] is not None and spanning is not None:
                origin = spanning.copied_from or (len(rows) - 1, c)
                slots.append(spanning.copied_to(origin))
            else:
                slots.append(None)
        rows.append(GridRow(tuple(slots), row.line, row.index, row.subheading))
    return Grid(
        *at,
        header=tuple(h for h in header if h),
        rows=tuple(rows),
        leftovers=rebuilt.unused,
        truncated=rebuilt.truncated,
        subheadings=rebuilt.subheadings,
        layout_cells=block.layout_cells,
        rendering=block.rendering,
    )


__all__ = ["RENDERINGS", "Block", "TextFrontEnd", "to_grid"]

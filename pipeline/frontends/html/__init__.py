"""Read Wikipedia HTML (action=render fragments, whole pages, kiwix) into the page document.

Headings are `h2`–`h6` whatever wraps them (`span.mw-headline` in older HTML, `div.mw-heading`
now); tables are grids whose `rowspan`/`colspan` are expanded by the HTML table model; cell text
is what a reader sees (footnotes and status marks become marks, hidden sort keys are dropped).
The section tree and relations are the shared ones: nothing after this knows the rendering.
"""

from __future__ import annotations

import re

from lxml import etree, html

from pipeline import ids, provenance
from pipeline.document import Grid, PageDocument, build_relations
from pipeline.findings import Finding, Site
from pipeline.frontends.html.boxes import is_box, read_boxes
from pipeline.frontends.html.fixtures import fixture_items, read_fixtures
from pipeline.frontends.html.tables import own_rows, read_table
from pipeline.frontends.text.decode import decode_bytes
from pipeline.sections import Event, HeadingEvent, ProseEvent, TableEvent, build_tree

# Markup that says the file is HTML: a tag a Wikipedia page always holds near its start.
HTML_RE = re.compile(r"<(?:!doctype html|html|body|table|h[1-6]|p|div)[\s>]", re.I)
# The action=render capture's first-line comment: the URL (percent-encoded) and a timestamp.
OLDID_RE = re.compile(r"[?&]oldid=(\d+)")
CAPTURE_TIME_RE = re.compile(r"^(\d{4}-\d\d-\d\d)-(\d\d)-(\d\d)-(\d\d)$")
CAPTURE_RE = re.compile(r"^\s*<!--\s*(\S+)\s+(\d{4}-\d\d-\d\d[-\d]*)\s*-->")
# A wikitext table's opening line: wikitext may hold tags (`<ref>`, `<br>`), never this in HTML.
WIKITABLE_RE = re.compile(r"^\{\|", re.M)
# A saved page's `<title>`: the article's title, then the site (`… - Wikipedia`).
TITLE_SUFFIX_RE = re.compile(r"\s+[-–—]\s+Wikipedia.*$")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Page furniture, never content: edit links, the table of contents, navboxes, hidden text.
# A sentence's end: a full stop after a lower-case letter, digit or bracket, then a capital
# (`F.C. Tokyo` and `St. George's` do not end one).
SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])")
SKIP_CLASSES = ("mw-editsection", "toc", "navbox", "reflist", "references", "noprint", "metadata")


class HtmlFrontEnd:
    """Wikipedia HTML: claims files whose start holds HTML markup."""

    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")
    renderings: tuple[str, ...] = ("html",)

    def claims(self, head: str) -> bool:
        """HTML markup in the file's start (a tag of a page, not `<ref>` in wikitext)."""
        return bool(HTML_RE.search(head)) and not WIKITABLE_RE.search(head)

    def read(self, data: bytes, site: Site) -> tuple[PageDocument, list[Finding]]:
        """Parse the HTML leniently (lxml's recovering parser) and walk it in page order."""
        text, findings = decode_bytes(data, site)
        lines = count_lines(text)
        url, revision, retrieved, stated = _capture(text)
        # Parsed from UTF-8 bytes, the text dropped first: a long page's markup is held once,
        # not as a wide `str`, its copy and lxml's own encoding of it at the same time.
        body = text.encode("utf-8", errors="replace")
        del text
        root = _parse(body)
        del body
        events: list[Event] = []
        grids: list[Grid] = []
        prose: list[str] = []
        named = ""  # the bold name in the first paragraph, where the page has no title
        title = ""
        if root is not None:
            head_title = root.find(".//title")  # a whole page (Parsoid, a saved page) has one
            if head_title is not None:
                title = TITLE_SUFFIX_RE.sub("", _clean(_text(head_title)))
            for kind, element, run in walk(root):
                line = element.sourceline or 1
                if kind == "heading":
                    heading = _clean(_text(element))
                    if not heading:
                        continue
                    level = int(element.tag[1])
                    if level == 1:
                        title = title or heading
                        continue
                    events.append(HeadingEvent(heading, line, level))
                elif kind == "prose":
                    sentence = _clean(_text(element))
                    if sentence:
                        events.append(ProseEvent(sentence, line))
                        if not prose:
                            # The article's name, bold in its first sentence (MOS:BOLDTITLE);
                            # a bold word later (a sponsor's name) names nothing.
                            bold = next(iter(element.iter("b")), None)
                            named = _clean(_text(bold)) if bold is not None else ""
                            if named not in SENTENCE_END_RE.split(sentence, maxsplit=1)[0]:
                                named = ""
                        prose.append(sentence)
                else:
                    table_id = ids.table_id(site.page, len(grids) + 1)
                    if kind == "boxes":
                        grid = read_boxes(run, table_id)
                    elif kind == "fixtures":
                        grid = read_fixtures(run, table_id)
                    else:
                        grid = read_table(element, table_id)
                    grids.append(grid)
                    events.append(TableEvent(table_id, grid.line))
        tree = build_tree(events, site)
        findings.extend(tree.findings)
        title = title or stated or _title_from(url) or ""
        document = PageDocument(
            page=site.page,
            path=site.path,
            rendering="html" if grids else "none",
            title=title or site.page,  # the order: <title>, h1, the comment, the file
            lines=lines,
            root=tree.root,
            grids=tuple(grids),
            placements=tree.placements,
            intro="\n".join([title or named, *prose[:12]]),
            source_url=url,
            revision=revision,
            retrieved=retrieved,
            relations=build_relations(tree.root, tree.placements),
        )
        return document, findings


LINE_BREAK_RE = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def count_lines(text: str) -> int:
    """Lines as `str.splitlines` counts them (as `wc -l`: a final break ends a line), at
    least 1, without building the list of lines."""
    breaks = sum(1 for _ in LINE_BREAK_RE.finditer(text))
    ends = bool(text) and LINE_BREAK_RE.fullmatch(text[-1]) is not None
    return max(1, breaks + (0 if ends or not text else 1))


def _parse(body: bytes) -> etree._Element | None:
    """The document's root, or None when nothing parses (never raises on bad markup)."""
    try:
        if not body.strip():
            return None
        # No id index (`collect_ids`): nothing here looks elements up by id, and a page of
        # footnotes holds thousands.
        parser = html.HTMLParser(encoding="utf-8", collect_ids=False)
        return html.fromstring(b"<div>" + body + b"</div>", parser=parser)
    except (etree.ParserError, ValueError):
        return None


def walk(root: etree._Element) -> list[tuple[str, etree._Element, list[etree._Element]]]:
    """Headings, prose paragraphs, tables and runs of football boxes in page order; a table's
    inner tables follow it as tables of their own; furniture (edit links, navboxes, the
    contents) is skipped. Each item is its kind, its element and the run of boxes it opens
    (only `boxes` items have more than the element itself)."""
    out: list[tuple[str, etree._Element, list[etree._Element]]] = []

    def visit(element: etree._Element) -> None:
        children = list(element)
        k = 0
        while k < len(children):
            child = children[k]
            k += 1
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and "navbox" in (child.get("class") or "").split():
                # A navigation box is a table the contract names (`navbox-skipped`), once:
                # its own table, not the group tables nested in it.
                table = child if tag == "table" else next(iter(child.iter("table")), None)
                if table is not None:
                    out.append(("table", table, [table]))
                continue
            if not tag or _skipped(child):
                continue
            if is_box(child):
                # Consecutive football boxes (an `<hr>` between them) are one table.
                run = [child]
                while k < len(children) and (
                    is_box(children[k]) or children[k].tag in ("hr", "br")
                ):
                    if is_box(children[k]):
                        run.append(children[k])
                    k += 1
                out.append(("boxes", child, run))
            elif tag in HEADINGS:
                out.append(("heading", child, [child]))
            elif tag in ("ul", "ol", "table") and (items := fixture_items(child)) is not None:
                out.append(("fixtures", child, items))  # `Home 1-0 Away` bullets
            elif tag == "table" and _layout_wrapper(child):
                visit_cells(child)  # a multicol layout: only what it lays out is read
            elif tag == "table":
                out.append(("table", child, [child]))
                for inner in child.iter("table"):
                    if inner is not child and not _skipped(inner):
                        out.append(("table", inner, [inner]))
            elif tag == "p":
                out.append(("prose", child, [child]))
            else:
                visit(child)

    def visit_cells(table: etree._Element) -> None:
        for tr, _ in own_rows(table):
            for cell in tr:
                if isinstance(cell.tag, str) and cell.tag in ("td", "th"):
                    visit(cell)

    visit(root)
    return out


def _layout_wrapper(table: etree._Element) -> bool:
    """A table that only lays content out in columns (`{{multicol}}`, `role="presentation"`)
    and holds tables: its cells are read in page order, the wrapper itself is no table."""
    classes = (table.get("class") or "").split()
    layout = table.get("role") == "presentation" or "multicol" in classes
    return layout and any(t is not table for t in table.iter("table"))


def _skipped(element: etree._Element) -> bool:
    classes = (element.get("class") or "").split()
    return any(c in SKIP_CLASSES for c in classes) or "display:none" in (
        element.get("style") or ""
    ).replace(" ", "")


def _text(element: etree._Element) -> str:
    """An element's visible text: edit links and hidden spans dropped, `<br>` as a space."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if isinstance(node.tag, str) and node is not element and _skipped(node):
            if node.tail:
                parts.append(node.tail)
            return
        if node.tag == "br":
            parts.append(" ")
        elif node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            visit(child)
        if node is not element and node.tail:
            parts.append(node.tail)

    visit(element)
    return "".join(parts)


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _capture(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    """The URL, revision, time and title the first line states, if it does: the comment
    `fetch` writes (`pipeline.provenance`), or an action=render capture's URL and time."""
    fetched = provenance.parse(text)
    if fetched is not None:
        return fetched.url, fetched.revision, fetched.retrieved, fetched.title
    match = CAPTURE_RE.match(text)
    if match is None:
        return None, None, None, None
    from urllib.parse import unquote

    url = unquote(match.group(1))
    # The render URL names its revision (`oldid=578573637`); the time is written
    # `2014-06-18-03-02-17`: as ISO 8601 (contract), with no zone, as the capture states none.
    oldid = OLDID_RE.search(url)
    stamp = CAPTURE_TIME_RE.match(match.group(2))
    when = (
        f"{stamp.group(1)}T{stamp.group(2)}:{stamp.group(3)}:{stamp.group(4)}"
        if stamp is not None
        else match.group(2)
    )
    full = "https:" + url if url.startswith("//") else url
    return full, oldid.group(1) if oldid else None, when, None


def _title_from(url: str | None) -> str | None:
    """An article title from a capture URL's `title=` (render URLs carry only a curid)."""
    if not url:
        return None
    match = re.search(r"[?&]title=([^&]+)|/wiki/([^?]+)$", url)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).replace("_", " ")

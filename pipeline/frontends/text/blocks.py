"""Split a page's lines into headings, prose and table blocks, whatever the input flavour."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.document import GridCell, make_cell
from pipeline.frontends.text.decode import PageText
from pipeline.frontends.text.flavours import (
    NAVBOX_RE,
    Claim,
    Flavour,
    all_flavours,
    is_rule,
    rule_cells,
)
from pipeline.frontends.text.flavours.no_bars import line_label
from pipeline.frontends.text.flavours.spaced_rows import parse_header
from pipeline.frontends.text.model import Block, Heading, Prose, Rendering, TableBlock

# Navbox lists render as `- item` lines between table lines (seed page, end).
LIST_ITEM_RE = re.compile(r"^\s*[-*•]\s+\S")
# `Edit` links glued to headings, either side: `First roundEdit`, `editSerie A`.
# `Group A[edit]` (any case, and the other Wikipedias' `[editar]`, `[modifier]`, ...).
GLUED_EDIT_RE = re.compile(
    r"(?<=\S)Edit(?=[A-Z(]|$)|^edit(?=[A-Z])"
    r"|\[\s*(?i:edit|editar|modifier|modifica|bearbeiten|bewerken|edytuj|düzenle)\s*\]"
)
SENTENCE_END = tuple(".:;,!?")
# A wikitext heading left in a text export: `== Group A ==` (level = the number of `=`).
WIKI_HEADING_RE = re.compile(r"^(={1,6})\s*([^=].*?)\s*\1\s*$")
# Site chrome a browser copy keeps around the article: never a heading, never the title.
CHROME_RE = re.compile(
    r"^(jump to (content|navigation|search)|from wikipedia, the free encyclopedia"
    r"|\(redirected from [^)]*\)|\[?edit\]?|\[?editar\]?|main menu|move to sidebar( hide)?"
    r"|toggle the table of contents|navigation|contents|hide|search|appearance"
    r"|retrieved from .*|this page was last edited .*|last updated\b.*|updated to match\b.*)$",
    re.I,
)
# An infobox field copied as text: its label glued to its value (`Season2003`,
# `ChampionsUniversidad César Vallejo`) or after a colon (`- Season: 2011`).
INFOBOX_FIELD_RE = re.compile(
    r"^(?:-\s*)?(?i:season|champions?|runners?-up|country|dates|relegated|promoted|founded"
    r"|matches played|goals scored|top goal ?scorers?|biggest home win|biggest away win"
    r"|number of teams|teams|competition|prevseason|nextseason|confederation|organising body"
    r"|level on pyramid|promotion to|relegation to|domestic cup\(s\)|website|current champions?)"
    r"(?=[A-Z0-9À-Þ(]|\s*:)",
)
INFOBOX_LINES = 40  # a copied infobox sits at the top of the article
DATA_ROW_RE = re.compile(r"(?<!\d)\d{1,3}\s*[–\-:]\s*\d{1,3}(?!\d)")  # a score or points pair
NUMBER_RE = re.compile(r"(?<![\w.])[+\-−]?\d+(?![\w.])")
TOC_RE = re.compile(r"^\d{1,2}(\.\d{1,2})*\s+\S|^\d+\s+[a-z]")
LEGEND_RE = re.compile(
    r"^(relegated|promoted|qualified|qualification|advance[sd]?|eliminated|withdrew)\s+"
    r"(to|for|from|into)\b",
    re.I,
)
MINUTE_RE = re.compile(r"\b\d{1,3}(\+\d{1,2})?[′']")
FOOTNOTE_END_RE = re.compile(r"(\[[^\]]{1,12}\])+$")
MAX_HEADING_CHARS = 80
MAX_HEADING_WORDS = 10
MARKING = {"row_per_line", "spaced_rows"}  # flavours whose every row is marked
WHOLE = {"spaced_rows", "no_bars"}  # flavours that claim a table whole: nothing joins it


class _Run:
    """Accumulates the cells of one table block while its lines are read."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.last = first
        self.cells: list[GridCell] = []
        self.starts: set[int] = set()
        self.ambiguous: set[int] = set()
        self.unaligned: set[int] = set()
        self.flavours: set[str] = set()
        self.rules: list[tuple[int, int]] = []
        self.cut = False

    def add_claim(self, claim: Claim, last_line: int) -> None:
        base = len(self.cells)
        self.starts.update(base + s for s in claim.starts)
        self.ambiguous.update(base + s for s in claim.ambiguous)
        self.unaligned.update(base + s for s in claim.unaligned)
        self.cells.extend(claim.cells)
        self.flavours.add(claim.name)
        self.cut = self.cut or claim.cut
        self.last = last_line

    def add_rule(self, text: str, number: int) -> None:
        self.rules.append((len(self.cells), rule_cells(text)))
        self.last = number

    def freeze(self) -> TableBlock:
        rendering: Rendering
        if len(self.flavours) > 1:
            rendering = "mixed"
        elif self.flavours:
            (rendering,) = self.flavours  # type: ignore[assignment]  # a flavour's name
        else:
            rendering = "row_per_line"  # rule lines only
        marked = bool(self.flavours & MARKING) or bool(self.starts)
        return TableBlock(
            line=self.first,
            end_line=self.last,
            rendering=rendering,
            cells=tuple(self.cells),
            rules=tuple(self.rules),
            rows_marked=marked and rendering != "mixed",
            cut=self.cut,
            starts=frozenset(self.starts),
            ambiguous=frozenset(self.ambiguous),
            unaligned=frozenset(self.unaligned),
        )


def split_heading_text(text: str) -> list[str]:
    """Cut `Edit` links off a heading line; several glued headings give several texts."""
    parts = GLUED_EDIT_RE.split(text.strip())
    return [p.strip() for p in parts if p.strip()]


def looks_like_heading(text: str) -> bool:
    """Tell a heading from prose by form: short, no sentence punctuation, no list or legend."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS:
        return False
    bare = FOOTNOTE_END_RE.sub("", stripped)  # `… Cairo, Egypt.[5]` ends as a sentence
    if len(stripped.split()) > MAX_HEADING_WORDS or bare.endswith(SENTENCE_END):
        return False
    # Sentences, legends (`(C) Champions`), lists, `Source: [citation needed]` lines.
    if ". " in stripped or ":" in stripped or stripped[0] in "([-*•←^|" or "|" in stripped:
        return False
    if not (stripped[0].isalnum() and any(ch.isalpha() for ch in stripped)):
        return False
    # A data row or a header line no table took (`1 Flamengo 4 4 0 0 9 2 +7 12`, `Pos Team
    # Pld W D L`): a score or three numbers, or a line wholly of header labels.
    if TOC_RE.match(stripped) or LEGEND_RE.match(stripped) or ", " in stripped:
        # A contents line (`9 External links`), a list item (`16 clubs from …`), a colour
        # key (`Relegated to Tercera División`) or a venue (`Narcís Sala, Barcelona`).
        return False
    if MINUTE_RE.search(stripped):
        return False  # a scorer line of a match box (`Hamed 20'`, `Ali 45+2' (pen.)`)
    numbers = NUMBER_RE.findall(stripped)
    if DATA_ROW_RE.search(stripped) or len(numbers) >= 3:
        return False
    words = stripped.split()
    if len(numbers) >= 2 and NUMBER_RE.fullmatch(words[0]) and NUMBER_RE.fullmatch(words[-1]):
        return False  # `1 Ernest Papa Arko El Geish 12`: a ranked row, a number each end
    return parse_header(stripped) is None


@lru_cache(maxsize=1 << 14)  # a page's chrome and infobox lines repeat across a collection
def is_chrome(text: str) -> bool:
    """Site chrome or an infobox field line: text around the article, never a heading."""
    stripped = text.strip()
    return bool(CHROME_RE.match(stripped) or INFOBOX_FIELD_RE.match(stripped))


def text_blocks(text: str, number: int, is_title: bool) -> list[Block]:
    """Classify one non-table line as heading(s) or prose."""
    wiki = WIKI_HEADING_RE.match(text.strip())
    if wiki is not None:
        level = len(wiki.group(1))
        if level == 1:  # `= Title =`: the page's title, not a section
            return [Prose(wiki.group(2), number)]
        return [Heading(wiki.group(2), number, level)]
    parts = None if is_title or is_chrome(text) else _heading_parts(text)
    if parts:
        return [Heading(p, number) for p in parts]
    return [Prose(text.strip(), number)]


@lru_cache(maxsize=1 << 14)  # heading texts repeat (`Group A`, `Tiebreaker`) on every page
def _heading_parts(text: str) -> tuple[str, ...] | None:
    """The heading texts a line holds, or None for prose."""
    parts = split_heading_text(text)
    if parts and all(looks_like_heading(p) for p in parts):
        return tuple(parts)
    return None


def split_blocks(page: PageText, flavours: tuple[Flavour, ...] | None = None) -> list[Block]:
    """Turn numbered lines into headings, prose and table blocks, in page order."""
    tried = flavours if flavours is not None else all_flavours()
    lines = page.lines
    blocks: list[Block] = []
    run: _Run | None = None
    pending_items: list[int] = []  # list lines (indices) that may sit inside a navbox
    seen_text = False
    i = 0

    def close() -> None:
        nonlocal run
        if run is not None:
            blocks.append(run.freeze())
            run = None

    def flush_items() -> None:
        for item in pending_items:
            blocks.extend(text_blocks(lines[item], item + 1, False))
        pending_items.clear()

    while i < len(lines):
        line = lines[i]  # the page's line i + 1
        if not line.strip():
            i += 1
            continue
        if is_rule(line):
            if run is None:
                flush_items()
                run = _Run(i + 1)
            if pending_items:
                _absorb_items(run, lines, pending_items)
            run.add_rule(line, i + 1)
            i += 1
            continue
        claim = None
        if (
            flavours is not None
            or "|" in line
            or (i + 1 < len(lines) and "|" in lines[i + 1])
            or _may_open_table(line.strip())
        ):
            for flavour in tried:  # a plain loop: this runs once a line
                claim = flavour.claim(lines, i, page.ends_mid_line)
                if claim is not None:
                    break
        if claim is not None:
            if (
                claim.name in WHOLE
                or (run is not None and run.flavours & WHOLE)
                or (claim.cells and NAVBOX_RE.match(claim.cells[0].raw))
            ):
                close()  # a copied table is whole: nothing around it joins it
            if run is None:
                flush_items()
                run = _Run(i + 1)
            if pending_items:
                _absorb_items(run, lines, pending_items)
            run.add_claim(claim, i + claim.consumed)
            i += claim.consumed
            continue
        if run is not None and LIST_ITEM_RE.match(line):
            pending_items.append(i)
            i += 1
            continue
        close()
        flush_items()
        chrome = is_chrome(line)
        if not chrome and i < INFOBOX_LINES and _infobox_follows(lines, i):
            chrome = True  # the infobox's caption (`Copa Perú` above `Season2003`)
        # The file's last line with no final newline was cut: never a heading.
        cut_last = page.ends_mid_line and i == len(lines) - 1
        blocks.extend(text_blocks(line, i + 1, is_title=not seen_text or chrome or cut_last))
        seen_text = seen_text or not chrome
        i += 1
    close()
    flush_items()
    return _order(blocks)


@lru_cache(maxsize=1 << 14)
def _may_open_table(text: str) -> bool:
    """A line with no `|` near it opens a table only as a header: labels joined by spaces, a
    label alone (one cell a line, no bars), or a matrix corner (`Home \\ Away`). Every
    prose and heading line is asked, so the built-in flavours' own tests are made once."""
    return "\\" in text or parse_header(text) is not None or line_label(text) is not None


def _infobox_follows(lines: tuple[str, ...], i: int) -> bool:
    """The next non-blank line is an infobox field: this line is the infobox's caption."""
    for line in lines[i + 1 : i + 4]:
        if line.strip():
            return bool(INFOBOX_FIELD_RE.match(line.strip()))
    return False


def _absorb_items(run: _Run, lines: tuple[str, ...], items: list[int]) -> None:
    """List lines between two table runs belong to the table (a navbox's lists)."""
    for item in items:
        run.cells.append(make_cell(re.sub(r"^\s*[-*•]\s+", "", lines[item]).strip(), item + 1))
    items.clear()


def _order(blocks: list[Block]) -> list[Block]:
    """Keep blocks in line order (list items flushed late must not jump ahead)."""
    return sorted(blocks, key=lambda b: b.line)

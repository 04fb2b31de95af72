"""Turn wikitext tables (`{| … |}`) into HTML on the same lines, for the HTML table model.

A wikitable is read by the HTML front end's table model (spans by the WHATWG algorithm, header
rows, note rows, marks), so both renderings of one table give one grid. The translation keeps
every line where it stands: a construct replaced (a comment, a template, a reference) leaves
its newlines behind it, so each cell's `sourceline` is its wikitext line. Table syntax follows
Help:Table (`{|`, `|+`, `|-`, `!`/`!!`, `|`/`||`, `attributes | content`); inline markup
follows Help:Wikitext (links, bold, references) and a short list of display templates
(`TEMPLATES`), matched after folding case, spaces and underscores. A template not listed
there shows nothing and is named, with its line, so nothing is dropped silently.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.S)
INCLUDEONLY_RE = re.compile(r"<includeonly>.*?(?:</includeonly>|$)", re.S | re.I)
WRAPPER_TAG_RE = re.compile(r"</?(?:noinclude|onlyinclude|nowiki)\s*/?>", re.I)
REF_RE = re.compile(r"<ref(\s[^>]*?)?(?:/>|>(.*?)</ref\s*>)", re.S | re.I)
REF_NAME_RE = re.compile(r"""name\s*=\s*["']?([^"'/>]+?)["']?\s*(?:/|$|\s\w+=)""", re.I)
GROUP_RE = re.compile(r"""group\s*=\s*["']?([^"'/>]+?)["']?\s*(?:/|$|\s\w+=)""", re.I)
PARAM_RE = re.compile(r"\{\{\{([^{}]*)\}\}\}")
TEMPLATE_RE = re.compile(r"\{\{([^{}]*)\}\}")
LINK_RE = re.compile(r"\[\[([^\[\]]*)\]\]")
EXTERNAL_RE = re.compile(r"\[(?:https?:)?//[^\s\]]+(?:\s+([^\]]*))?\]")
BOLD_ITALIC_RE = re.compile(r"'''''(.+?)'''''")
BOLD_RE = re.compile(r"'''(.+?)'''")
ITALIC_RE = re.compile(r"''(.+?)''")
# Each construct's own cap: bounded work on nested markup (a template in a link in a template).
MAX_PASSES = 12

# What a display template shows (Template:Flagicon, Template:Nowrap, Template:Sort, …):
# `drop` shows nothing, `first`/`last`/`second` one positional argument, a string itself.
TEMPLATES: dict[str, str] = {
    **dict.fromkeys(
        (
            "flagicon",
            "flag icon",
            "flagdeco",
            "flagicon image",
            "flagathlete icon",
            "fbaicon",
            "0",
            "00",
            "000",
            "clear",
            "anchor",
            "hs",
            "hidden sort key",
            "sortkey",
            "ntsh",
            "sort key",
            "nts hidden",
            "legend",
            "color box",
            "colour box",
            "small caps",
            "refbegin",
            "refend",
            "col-begin",
            "col-end",
            "col-break",
            "col-2",
            "col-3",
        ),
        "drop",
    ),
    **dict.fromkeys(
        (
            "nowrap",
            "nobr",
            "no wrap",
            "small",
            "smaller",
            "big",
            "larger",
            "center",
            "centre",
            "abbr",
            "abbreviation",
            "tooltip",
            "hover title",
            "nts",
            "number table sorting",
            "flag",
            "flagcountry",
            "flagu",
            "flagteam",
            "fb",
            "fbw",
            "fb-rt",
            "fbu",
            "fbaw",
            "bold",
            "strong",
            "em",
            "lang-en",
            "nowrap begin",
        ),
        "first",
    ),
    **dict.fromkeys(("resize", "color", "colour", "font color", "transl"), "last"),
    **dict.fromkeys(("sort", "sorttext", "lang"), "second"),
    "sortname": "join",
    **dict.fromkeys(("ndash", "–", "snd", "spaced ndash", "dash"), "–"),
    **dict.fromkeys(("mdash", "—", "spaced mdash"), "—"),
    **dict.fromkeys(("nbsp", "pad", "space", "thinsp"), " "),
    **dict.fromkeys(("·", "dot", "middot", "dot separator"), "·"),
    "!": "|",
    "!!": "||",
    "=": "=",
    "aet": "(a.e.t.)",
    "a.e.t.": "(a.e.t.)",
    "agg": "agg.",
    "pen.": "pen.",
    "pso": "(p)",
    "w.o.": "w/o",
    "wo": "w/o",
}
# Footnote templates (Template:Efn, Template:Refn, Template:Cref): a mark, as `<ref>` is.
FOOTNOTES = {"efn", "efn-ua", "efn-la", "efn-lr", "efn-ur", "refn", "notetag", "r", "rp", "sfn",
             "cref", "ref label", "note label", "ref", "#tag:ref"}  # fmt: skip
FOOTNOTE_RE = re.compile(r"\{\{\s*efn(?:-[a-z]+)?\s*\|", re.I)
# Cell templates (Template:Table cell templates): attributes, a pipe, then their text.
CELLS = {"n/a": "N/A", "na": "N/A", "yes": "Yes", "no": "No", "dunno": "?", "tba": "TBA",
         "tbd": "TBD", "won": "Won", "lost": "Lost"}  # fmt: skip
# A template argument `name = value` (a link's `title="…"` is no argument name).
NAMED_RE = re.compile(r"^\s*([\w \-]+?)\s*=")
# A cell template's pipe between its attributes and its text (the cell's own may come first).
CELL_BAR = "\x00"
UNKNOWN_CLASS = "wikitext-template-unread"
# A `{{Fb team Sporting Cristal}}`-style template shows its team, linked.
TEAM_TEMPLATE_RE = re.compile(r"^fb team (.+)$")


def fold(name: str) -> str:
    """A template's name as matched: case, spaces and underscores folded."""
    return " ".join(name.replace("_", " ").split()).lower()


def keep_lines(text: str) -> str:
    """The newlines a replaced construct leaves behind, so later lines keep their numbers."""
    return "\n" * text.count("\n")


@dataclass
class Notes:
    """The page's footnote marks as Cite numbers them: references 1, 2, … (a named one keeps
    its number), `{{efn}}` a, b, …, a group `note` as `note 1`."""

    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def mark(self, group: str, name: str | None) -> str:
        key = (group, name) if name else None
        if key is not None and key in self.numbers:
            n = self.numbers[key]
        else:
            n = self.counts.get(group, 0) + 1
            self.counts[group] = n
            if key is not None:
                self.numbers[key] = n
        if group == "lower-alpha":
            label = alpha(n)
        elif group:
            label = f"{group} {n}"
        else:
            label = str(n)
        return f"<sup>[{html.escape(label)}]</sup>"

    def skip(self, text: str) -> None:
        """Number the marks of text this translation does not show (prose between tables),
        so a table's marks carry the numbers the page gives them."""
        for m in REF_RE.finditer(COMMENT_RE.sub("", text)):
            attrs = (m.group(1) or "") + " "
            name, group = REF_NAME_RE.search(attrs), GROUP_RE.search(attrs)
            self.mark(group.group(1).strip() if group else "", name and name.group(1).strip())
        for _ in FOOTNOTE_RE.finditer(text):
            self.mark("lower-alpha", None)


def alpha(n: int) -> str:
    """A footnote's letter as Cite gives it: a, b, …, z, aa, ab, …."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def inline(text: str, notes: Notes) -> str:
    """Comments, references, templates, links and bold turned into HTML; lines kept. A
    template not known shows nothing and leaves a hidden `UNKNOWN_CLASS` span naming it."""
    text = COMMENT_RE.sub(lambda m: keep_lines(m.group(0)), text)
    text = INCLUDEONLY_RE.sub(lambda m: keep_lines(m.group(0)), text)
    text = WRAPPER_TAG_RE.sub("", text)

    def ref(m: re.Match[str]) -> str:
        attrs = m.group(1) or ""
        name = REF_NAME_RE.search(attrs + " ")
        group = GROUP_RE.search(attrs + " ")
        return notes.mark(
            group.group(1).strip() if group else "", name and name.group(1).strip()
        ) + keep_lines(m.group(0))

    text = REF_RE.sub(ref, text)
    text = PARAM_RE.sub(lambda m: html.escape("{{{" + m.group(1) + "}}}"), text)

    # Links first (a template's argument may be a link, whose pipe is not the template's),
    # then templates innermost first; again, for a link in a template in a link.
    for _ in range(MAX_PASSES):
        text, links = LINK_RE.subn(lambda m: _link(m.group(1)) + keep_lines(m.group(0)), text)
        text, templates = TEMPLATE_RE.subn(
            lambda m: _template(m.group(1), notes) + keep_lines(m.group(0)), text
        )
        if not links and not templates:
            break
    text = EXTERNAL_RE.sub(lambda m: m.group(1) or "", text)
    text = BOLD_ITALIC_RE.sub(r"<b><i>\1</i></b>", text)
    text = BOLD_RE.sub(r"<b>\1</b>", text)
    text = ITALIC_RE.sub(r"<i>\1</i>", text)
    return text


def plain(text: str) -> tuple[str, tuple[str, ...]]:
    """A value as a reader sees it, as plain text, and the articles it links to: links by
    their label, display templates by `TEMPLATES`, footnotes and unknown templates dropped."""
    targets: list[str] = []

    def link(m: re.Match[str]) -> str:
        target, _, label = m.group(1).partition("|")
        target = target.strip()
        if re.match(r"(?i)^:?(file|image|category|media):", target):
            return ""
        title = target.lstrip(":").split("#")[0].replace("_", " ").strip()
        if title:
            targets.append(title)
        return label if label.strip() else target.lstrip(":")

    for _ in range(MAX_PASSES):
        text, links = LINK_RE.subn(link, text)
        text, templates = TEMPLATE_RE.subn(lambda m: _plain_template(m.group(1)), text)
        if not links and not templates:
            break
    return text, tuple(targets)


def _plain_template(body: str) -> str:
    parts = body.split("|")
    name = fold(parts[0])
    if name in CELLS:
        positional, _ = _arguments(parts[1:])
        return positional[0] if positional else CELLS[name]
    team = TEAM_TEMPLATE_RE.match(name)
    if team:
        title = parts[0].strip()[len("fb team ") :].strip()
        return f"[[{title}]]"
    shown = _shown(name, *_arguments(parts[1:]))
    return shown or ""


def _template(body: str, notes: Notes) -> str:
    parts = body.split("|")
    name = fold(parts[0])
    args = parts[1:]
    positional, named = _arguments(args)
    if name.startswith("#tag:ref") or name in FOOTNOTES:
        group = named.get("group", "lower-alpha" if name.startswith("efn") else "")
        return notes.mark(group, named.get("name"))
    if name in CELLS:
        text = positional[0] if positional else CELLS[name]
        return f' class="table-{html.escape(name)}" {CELL_BAR} {text}'
    team = TEAM_TEMPLATE_RE.match(name)
    if team:
        title = parts[0].strip()[len("fb team ") :].strip()
        return _link(title)
    shown = _shown(name, positional, named)
    if shown is None:
        label = html.escape(" ".join(parts[0].split())[:80])
        return f'<span class="{UNKNOWN_CLASS}" style="display:none">{label}</span>'
    return shown


def _arguments(args: list[str]) -> tuple[list[str], dict[str, str]]:
    """A template's positional and named arguments (`name = value`), stripped."""
    positional = [a.strip() for a in args if not NAMED_RE.match(a)]
    named = {m.group(1).lower(): a[m.end() :].strip() for a in args if (m := NAMED_RE.match(a))}
    return positional, named


def _shown(name: str, positional: list[str], named: dict[str, str]) -> str | None:
    """What a display template listed in `TEMPLATES` shows; None for one not listed."""
    rule = TEMPLATES.get(name)
    if rule is None:
        return None
    if rule == "drop":
        return ""
    if rule == "first":
        return named.get("name") or (positional[0] if positional else "")
    if rule == "last":
        return positional[-1] if positional else ""
    if rule == "join":
        return " ".join(positional[:2])
    if rule == "second":
        return positional[1] if len(positional) > 1 else (positional[0] if positional else "")
    return rule


def _link(inner: str) -> str:
    """`[[Target|Label]]` as `<a title="Target">Label</a>`; files and categories show nothing."""
    target, _, label = inner.partition("|")
    target = target.strip()
    if re.match(r"(?i)^:?(file|image|category|media):", target):
        return ""
    shown = label if label.strip() else target.lstrip(":")
    if not target or target.startswith("#"):
        return shown
    title = html.escape(target.lstrip(":").split("#")[0].replace("_", " "), quote=True)
    return f'<a title="{title}">{shown}</a>'


def table_spans(lines: list[str]) -> list[tuple[int, int, bool]]:
    """The outermost `{| … |}` tables: (first, last) line indexes and whether it closes; an
    unclosed table runs to the end. A `|}` with no `{|` open (a template opened the table,
    as `{{Fb cl header}}` and `{{TwoLegStart}}` do) closes nothing."""
    spans: list[tuple[int, int, bool]] = []
    depth = 0
    start = 0
    for k, raw in enumerate(lines):
        line = raw.lstrip()
        if line.startswith("{|"):
            if depth == 0:
                start = k
            depth += 1
        elif line.startswith("|}") and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, k, True))
    if depth:
        spans.append((start, len(lines) - 1, False))
    return spans


def table_html(lines: list[str]) -> str:
    """One wikitable's lines (inline markup already HTML) as HTML, one line for each."""
    out: list[str] = []
    # Per open table: (a row is open, the open cell's tag or "").
    stack: list[list[str | bool]] = []

    def close_cell(state: list[str | bool]) -> str:
        tag = state[1]
        state[1] = ""
        return f"</{tag}>" if tag else ""

    def close_row(state: list[str | bool]) -> str:
        text = close_cell(state)
        if state[0]:
            state[0] = False
            text += "</tr>"
        return text

    for raw in lines:
        line = raw.lstrip()
        state = stack[-1] if stack else None
        if line.startswith("{|"):
            out.append(f"<table {_attrs(line[2:])}>")
            stack.append([False, ""])
        elif state is None:
            out.append(html.escape(raw))
        elif line.startswith("|}"):
            stack.pop()
            out.append(close_row(state) + "</table>" + html.escape(line[2:]))
        elif line.startswith("|+"):
            attrs, content = _cell(line[2:])
            out.append(close_cell(state) + f"<caption {attrs}>{content}")
            state[1] = "caption"
        elif line.startswith("|-"):
            out.append(close_row(state) + f"<tr {_attrs(line.lstrip('|-'))}>")
            state[0] = True
        elif line.startswith(("|", "!")):
            tag = "th" if line[0] == "!" else "td"
            text = close_cell(state)
            if not state[0]:
                text += "<tr>"
                state[0] = True
            # Help:Table: `||` separates cells on a line, and `!!` header cells too.
            cells = re.split(r"!!|\|\|" if tag == "th" else r"\|\|", line[1:])
            for n, cell in enumerate(cells):
                attrs, content = _cell(cell)
                text += f"<{tag} {attrs}>{content}"
                if n < len(cells) - 1:
                    text += f"</{tag}>"
            state[1] = tag
            out.append(text)
        else:
            out.append(raw)  # a cell's (or the caption's) next line
    while stack:
        out[-1] += close_row(stack.pop()) + "</table>"
    return "\n".join(out)


def _cell(cell: str) -> tuple[str, str]:
    """`attributes | content` or `content` (links and templates are gone: a pipe left is the
    attribute separator)."""
    attrs, bar, content = cell.partition("|")
    if not bar:
        attrs, content = "", cell
    extra, bar, rest = content.partition(CELL_BAR)
    if bar:
        attrs, content = f"{attrs} {extra}", rest
    return _attrs(attrs), content


def _attrs(text: str) -> str:
    """Attribute text kept as written, with anything that could end the tag removed."""
    return re.sub(r"[<>]", "", text).strip()

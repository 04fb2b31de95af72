"""Read rows joined by spaces (HTML copied as text): a header line of known labels, then rows
whose numbers and scores anchor the fields while names fill the gaps between them.

`1 Flamengo 4 4 0 0 9 2 +7 12` under `Pos Team Pld W D L GF GA GD Pts`: nothing marks the
cells, so a row is aligned to the header's columns by the type each column holds (an integer,
a signed integer, a score, a name of one or more words). An alignment fills as many columns as
it can, leftmost first (an empty cell vanishes from a copied row); a row that two alignments
read equally well is ambiguous and is never guessed (`row-ambiguous`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.document import GridCell, make_cell
from pipeline.frontends.text.flavours import Claim, is_pipe, is_rule
from pipeline.rules import (
    canonical,
    header_vocabulary,
    is_abbreviation,
    normalise_label,
    standings_roles,
    tie_roles,
)
from pipeline.values import read_value

NAME = "spaced_rows"
# A token runs over a bracket group holding spaces (`[note 1]`, `(2–4 p)`, `(Jazán)`).
TOKEN_RE = re.compile(r"\S*(?:\[[^\]\n]*\]|\([^)\n]*\))\S*|\S+")
# What may follow a score in the same cell: a shoot-out, away goals, a.e.t., a walkover mark.
SCORE_SUFFIX_RE = re.compile(
    r"^(\(\s*\d+\s*[–\-:]\s*\d+\s*(p|pen\.?|pens\.?)?\s*\)|\((a|aet|a\.e\.t\.|p|w/?o|awd)\)"
    r"|a\.e\.t\.|aet|\[[^\]]*\])$",
    re.I,
)
SCORE_RE = re.compile(r"^\d+\s*[–\-:]\s*\d+")
# A walkover word with a footnote's number glued on, as HTML copied as text gives `w/o<sup>1`.
GLUED_NOTE_RE = re.compile(r"^(w/o|W/O|w\.o\.|W\.O\.)(\d{1,2})$")
# Dates as match tables write them: `16-08-1978`, `16.08.1978`, `2013-04-30`, `15 October 2007`,
# `October 15, 2007`.
NUMERIC_DATE_RE = re.compile(r"^(\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{4}-\d\d-\d\d)$")
DATE_RE = re.compile(
    r"^(\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2} [A-Z][a-z]+ \d{4}"
    r"|[A-Z][a-z]+ \d{1,2}, \d{4})$"
)
RANK_RE = re.compile(r"^=?\d{1,3}\.?$")
SIGNED_RE = re.compile(r"^[+\-−–]?\d+(\[[^\]]*\])*$")
INT_RE = re.compile(r"^\d+(\[[^\]]*\])*$")
# `Edit` link text glued to a header (`editPos Team Pld`) or standing alone (`[edit]`).
GLUED_EDIT_RE = re.compile(r"^\[?edit\]?(?=[A-Z#])", re.I)
TOOLTIP = "tooltip"
MAX_LABEL_WORDS = 6
MAX_UNKNOWN = 2  # unknown one-word labels a header may hold (`Pos Prg Club … Comments`)
MAX_TOKENS = 60  # longer lines are prose, not a copied table row

Plan = tuple[tuple[int, int] | None, ...]  # per column: its token span, or None if absent


@dataclass(frozen=True, slots=True)
class _Column:
    role: str  # canonical column name (`ignored` for unmodelled labels)
    kind: str  # rank | int | signed | name | score | text
    optional: bool
    spannable: bool  # absent means covered by a rowspan: no cell (the rebuild copies it down)


def _column(role: str, tie_table: bool) -> _Column:
    if role == "position":
        return _Column(role, "rank", True, True)
    if role in ("team", "team1", "team2"):
        return _Column(role, "name", False, False)
    if role == "goal_difference":
        return _Column(role, "signed", False, False)
    if role == "points" and tie_table:
        return _Column(role, "score", False, False)  # a tie's points `6–3`, `0:6`
    if role == "goals_for":
        return _Column(role, "goals", False, False)  # `52` or, German `Tore`, `52:25`
    if role in ("played", "won", "drawn", "lost", "goals_against", "points"):
        return _Column(role, "int", False, False)
    if role == "date":
        return _Column(role, "date", True, False)  # `16-08-1978`, `15 October 2007`
    if role in ("aggregate", "score"):
        return _Column(role, "score", False, False)
    if role in ("leg1", "leg2", "penalties", "extra"):
        return _Column(role, "score", True, False)  # a walkover's legs, no shoot-out: empty
    return _Column(role, "text", True, role == "qualification")


def columns_of(roles: tuple[str, ...], tie_table: bool) -> tuple[_Column, ...]:
    """The columns of a header; an unknown column between known ones holds no words (a rank
    change `▲ 2`, a mark): else it could take any part of the name beside it."""
    cols = [_column(r, tie_table) for r in roles]
    for i, col in enumerate(cols[:-1]):
        if col.role == "ignored":
            cols[i] = _Column(col.role, "symbols", True, False)
    return tuple(cols)


def tokens_of(line: str) -> list[str]:
    """Split a row into tokens, a score and its suffix (`2–2 (2–4 p)`) kept as one, and a
    mark (`(C)`, `[1]`) kept with the token before it."""
    out: list[str] = []
    away_first = False  # `(a) 6–6`: the away-goals mark written before its score
    for tok in TOKEN_RE.findall(line):
        if tok.lower() == "(a)":
            away_first = True
            continue
        if away_first:
            tok = f"(a) {tok}" if SCORE_RE.match(tok) else tok
            if not tok.startswith("(a)"):
                out.append("(a)")
            away_first = False
        glued = GLUED_NOTE_RE.match(tok)
        if glued is not None:
            tok = f"{glued.group(1)}[{glued.group(2)}]"  # `w/o1`: a footnote's number glued
        if (out and SCORE_SUFFIX_RE.match(tok) and SCORE_RE.match(out[-1])) or (
            out and _is_mark(tok)
        ):
            out[-1] = f"{out[-1]} {tok}"
        else:
            out.append(tok)
    if away_first:
        out.append("(a)")
    return out


@lru_cache(maxsize=1 << 12)
def _is_mark(token: str) -> bool:
    """A status or footnote mark standing alone (`(C)`, `[1]`, `[note 2]`): no value."""
    return token[:1] in "([" and not read_value(token).base


def _header_words(line: str) -> list[str]:
    """Words of a candidate header line, edit-link text cut off and tooltips split out."""
    words: list[str] = []
    for word in line.split():
        if word.lower() in ("[edit]", "edit", "[editar]"):
            continue
        word = GLUED_EDIT_RE.sub("", word)
        low = word.lower()
        at = low.find(TOOLTIP)
        if at > 0:
            words.extend([word[:at], TOOLTIP])  # `Agg.Tooltip` -> `Agg.` + tooltip mark
            rest = word[at + len(TOOLTIP) :]
            if rest:
                words.append(rest)
        else:
            words.append(word)
    return words


@lru_cache(maxsize=1 << 12)
def parse_header(line: str) -> tuple[tuple[str, str], ...] | None:
    """The (label as printed, role) of each column of a header line, or None if the line is
    not wholly made of known labels.

    Labels may be several words (`1st leg home team`); the longest known label is tried first,
    and a label's tooltip text (`Agg.Tooltip Aggregate score`) is taken as its own long form
    where the vocabulary knows it, else as the fewest words after which the line still reads.
    """
    words = _header_words(line)
    if not words or len(words) > MAX_TOKENS:
        return None
    vocab = header_vocabulary()
    if _lookup(vocab, words[0]) is None and words[0].lower() not in _first_words():
        return None
    memo: dict[int, list[tuple[str, str]] | None] = {}
    unknown = [0]

    def parse(i: int) -> list[tuple[str, str]] | None:
        if i == len(words):
            return []
        if i in memo:
            return memo[i]
        memo[i] = None
        for j in range(min(len(words), i + MAX_LABEL_WORDS), i - 1, -1):
            if j == i:
                # No known label here: one unknown word is a column of its own (`Prg`), at
                # most MAX_UNKNOWN a header and never its first.
                if i == 0 or unknown[0] >= MAX_UNKNOWN or words[i] == TOOLTIP:
                    break
                unknown[0] += 1
                rest = parse(i + 1)
                if rest is not None:
                    memo[i] = [(words[i], "ignored"), *rest]
                    return memo[i]
                unknown[0] -= 1
                break
            if TOOLTIP in words[i:j]:
                continue
            role = _lookup(vocab, " ".join(words[i:j]))
            if role is None:
                continue
            label = " ".join(words[i:j])
            if j < len(words) and words[j] == TOOLTIP:
                for end in _tooltip_ends(words, j + 1, role, vocab):
                    rest = parse(end)
                    if rest is not None:
                        tip = " ".join(words[j + 1 : end])
                        memo[i] = [(f"{label}Tooltip {tip}", role), *rest]
                        return memo[i]
                continue
            rest = parse(j)
            if rest is not None:
                memo[i] = [(label, role), *rest]
                return memo[i]
        return None

    labels = parse(0)
    if not labels:
        return None
    labels = _read_in_one_language(labels)
    roles = [role for _, role in labels]
    fillers_only = all(r == "filler" for r in roles)
    if fillers_only and len(roles) >= 2:
        return tuple(labels)  # `Teams Scores`: the first line of a two-line header
    if "team" not in roles and "teams" in (normalise_label(t) for t, _ in labels):
        # `Teams` over a two-line header is a filler; in a header of its own, the team column.
        labels = [(t, "team" if normalise_label(t) == "teams" else r) for t, r in labels]
        roles = [role for _, role in labels]
    named = [r for r in roles if r not in ("filler", "ignored")]
    has_team = any(r in ("team", "team1", "team2") for r in roles)
    if not has_team or len(named) < 3:
        return None
    return tuple(labels)


def _read_in_one_language(labels: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Name each column in the header's language (`G`: won in Spanish, played in Dutch)."""
    texts = tuple(text for text, _ in labels)
    std, tie = standings_roles(texts), tie_roles(texts)
    if "team" in std and "points" in std:
        chosen = std
    elif "team1" in tie or "team2" in tie:
        chosen = tie
    else:
        return labels
    return [
        (text, "filler" if role == "filler" else found or "ignored")
        for (text, role), found in zip(labels, chosen, strict=True)
    ]


def _tooltip_ends(words: list[str], start: int, role: str, vocab: dict[str, str]) -> list[int]:
    """Where a tooltip's text may end: its long form if known (longest first), then any."""
    known = [
        end
        for end in range(min(len(words), start + MAX_LABEL_WORDS), start, -1)
        if TOOLTIP not in words[start:end] and _lookup(vocab, " ".join(words[start:end])) == role
    ]
    others = [end for end in range(start + 1, len(words) + 1) if end not in known]
    return known + others


def _lookup(vocab: dict[str, str], phrase: str) -> str | None:
    return canonical(phrase, vocab)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of multi-word labels: a cheap test before a line is parsed as a header."""
    return frozenset(p.split()[0] for p in header_vocabulary() if " " in p)


Key = tuple[int, int, tuple[bool, ...]]  # columns present, names opening on a word, presence
Found = tuple[Key, int, Plan]


def align(tokens: list[str], columns: tuple[_Column, ...]) -> tuple[Plan | None, int]:
    """The best alignment of a row's tokens to the columns and how many reach it.

    Best: the most columns present; then the most names opening on a word (`▲ 2 Ismaily`:
    the `2` belongs to the rank change before the name); then present columns leftmost. Two
    alignments equal on all three differ only in where words split: the row is ambiguous.
    """
    n, width = len(tokens), len(columns)
    kinds = [_token_kinds(t) for t in tokens]
    memo: dict[tuple[int, int], Found | None] = {}

    def best(c: int, t: int) -> Found | None:
        if c == width:
            return ((0, 0, ()), 1, ()) if t == n else None
        key = (c, t)
        if key in memo:
            return memo[key]
        col = columns[c]
        options: list[Found] = []
        if col.kind == "date":
            for end in range(t + 1, min(n, t + 4) + 1):
                if DATE_RE.match(" ".join(tokens[t:end])):
                    rest = best(c + 1, end)
                    if rest is not None:
                        options.append(_with(rest, (t, end), False, True))
        elif col.kind in ("name", "text", "symbols"):
            for end in range(t + 1, n + 1):
                if col.kind == "name" and not _name_span(kinds, t, end):
                    if "score" in kinds[end - 1]:
                        break
                    continue
                if col.kind == "symbols" and "word" in kinds[end - 1]:
                    break
                rest = best(c + 1, end)
                if rest is not None:
                    word = col.kind == "name" and "word" in kinds[t]
                    # Free text (Venue, Notes) counts for nothing: where two such columns
                    # could share the words, every split ties and the row is ambiguous.
                    options.append(_with(rest, (t, end), word, col.kind != "text"))
        elif t < n and col.kind in kinds[t]:
            rest = best(c + 1, t + 1)
            if rest is not None:
                options.append(_with(rest, (t, t + 1), False, True))
        if col.optional:
            rest = best(c + 1, t)
            if rest is not None:
                options.append(_with(rest, None, False, col.kind != "text"))
        if not options:
            memo[key] = None
            return None
        top = max(o[0] for o in options)
        ways = sum(o[1] for o in options if o[0] == top)
        plan = next(o[2] for o in options if o[0] == top)
        memo[key] = (top, ways, plan)
        return memo[key]

    found = best(0, 0)
    if found is None:
        return None, 0
    return found[2], found[1]


def _with(rest: Found, span: tuple[int, int] | None, word: bool, counts: bool) -> Found:
    (count, words, presence), ways, plan = rest
    here = span is not None and counts
    return (count + here, words + word, (here, *presence)), ways, (span, *plan)


def _name_span(kinds: list[frozenset[str]], start: int, end: int) -> bool:
    """A name: words holding at least one letter, and no score among them."""
    span = kinds[start:end]
    return any("word" in k for k in span) and not any("score" in k or "date" in k for k in span)


@lru_cache(maxsize=1 << 14)
def _token_kinds(token: str) -> frozenset[str]:
    """What a token may fill: rank, int, signed, score, word (a name or text word)."""
    kinds: set[str] = set()
    value = read_value(token)
    if RANK_RE.match(token):
        kinds.add("rank")
    if INT_RE.match(token) or (value.kind == "int" and value.base.isdigit()):
        kinds.update(("int", "signed"))  # `22*`: a marked number is a number
    elif SIGNED_RE.match(token) or value.kind == "int":
        kinds.add("signed")
    if value.is_match and not value.is_int:
        kinds.add("score")
    if "int" in kinds or value.pair is not None:
        kinds.add("goals")
    if NUMERIC_DATE_RE.match(token):
        return frozenset({"date"})  # never part of a name nor a score
    if any(ch.isalpha() for ch in token) and "score" not in kinds:
        kinds.add("word")
    return frozenset(kinds)


class SpacedRows:
    """Claim a header line of known labels and the rows joined by spaces under it."""

    name = NAME

    def claim(self, lines: tuple[str, ...], i: int, ends_mid_line: bool) -> Claim | None:
        """Take the header at line `i` (with a `Teams Scores` line above the labels) and every
        following line that aligns to its columns; the file's cut last line is kept, flagged."""
        header = _header_at(lines, i)
        if header is None:
            return _matrix_claim(lines, i, ends_mid_line)
        head_lines, labels = header
        roles = tuple(role for _, role in labels[-1])
        tie_table = any(r in ("team1", "team2") for r in roles)
        columns = columns_of(roles, tie_table)
        cells: list[GridCell] = []
        starts: list[int] = []
        ambiguous: list[int] = []
        unaligned: list[int] = []
        for k, row in enumerate(labels):
            starts.append(len(cells))
            cells.extend(make_cell(label, i + k + 1) for label, _ in row)
        j = i + head_lines
        n = len(lines)
        cut = False
        while j < n:
            text = lines[j].strip()
            if not text or is_pipe(text) or is_rule(text) or "|" in text:
                break
            tokens = tokens_of(text)
            plan, ways = align(tokens, columns) if len(tokens) <= MAX_TOKENS else (None, 0)
            last = j + 1 == n
            if plan is None and not last and _data_like(tokens):
                # A row of the table that fits no reading of its columns: named (never a
                # silent end of the table, never a guess), and the rows after it still read.
                starts.append(len(cells))
                unaligned.append(len(cells))
                cells.append(make_cell(text, j + 1))
                j += 1
                continue
            if plan is None or (last and ends_mid_line):
                # Only a last line the file stops inside (no final newline) is a cut row; a
                # whole last line that fits no column is the next heading or prose.
                if last and ends_mid_line and j > i + head_lines:
                    # The file stops inside this row: kept whole, flagged, never a value.
                    starts.append(len(cells))
                    cells.append(make_cell(text, j + 1))
                    cut = True
                    j += 1
                break
            starts.append(len(cells))
            if ways > 1:
                ambiguous.append(len(cells))
                cells.append(make_cell(text, j + 1))
            else:
                cells.extend(_row_cells(tokens, plan, columns, j + 1))
            j += 1
        if j == i + head_lines:
            return None  # a header with no row under it is a line of prose
        return Claim(
            NAME,
            j - i,
            tuple(cells),
            cut=cut,
            starts=tuple(starts),
            ambiguous=tuple(ambiguous),
            unaligned=tuple(unaligned),
        )


def _data_like(tokens: list[str]) -> bool:
    """Three numbers or scores: a table row, whatever else it holds."""
    return sum(bool({"int", "signed", "score"} & _token_kinds(t)) for t in tokens) >= 3


def _header_at(
    lines: tuple[str, ...], i: int
) -> tuple[int, list[tuple[tuple[str, str], ...]]] | None:
    """The header lines at `i`: one label line, or a filler line (`Teams Scores`) over one."""
    first = parse_header(lines[i].strip())
    if first is None:
        return None
    if all(role == "filler" for _, role in first):
        second = parse_header(lines[i + 1].strip()) if i + 1 < len(lines) else None
        if second is None or all(role == "filler" for _, role in second):
            return None
        return 2, [first, second]
    return 1, [first]


def _row_cells(
    tokens: list[str], plan: Plan, columns: tuple[_Column, ...], number: int
) -> list[GridCell]:
    """A row's cells: one per present column; an absent column an empty cell, unless a
    rowspan may cover it (position, qualification), which the rebuild copies from above."""
    cells: list[GridCell] = []
    for span, col in zip(plan, columns, strict=True):
        if span is None:
            if not col.spannable:
                cells.append(make_cell("", number))
            continue
        cells.append(make_cell(" ".join(tokens[span[0] : span[1]]), number))
    return cells


# A results matrix's corner (`Home \\ Away`, footnote marks allowed) before its abbreviations.
CORNER_RE = re.compile(r"^(\S+\s*\\\s*\S+)\s+(.+)$")
DIAGONAL = {"—", "–", "-", "×", "x", "X"}


def _matrix_claim(lines: tuple[str, ...], i: int, ends_mid_line: bool) -> Claim | None:
    """A results matrix joined by spaces: `Home \\ Away ALA BEL …`, then rows of a team and
    its match cells. An empty diagonal cell vanishes with the copy: a row one cell short with
    no diagonal mark has it at its own column; any other shortfall is ambiguous."""
    if "\\" not in lines[i]:
        return None  # no corner cell: the cheap test every line of a page goes through
    match = CORNER_RE.match(lines[i].strip())
    if match is None:
        return None
    abbrs = match.group(2).split()
    if len(abbrs) < 3 or not all(is_abbreviation(a) for a in abbrs):
        return None
    n = len(abbrs)
    cells: list[GridCell] = [make_cell(match.group(1), i + 1)]
    cells.extend(make_cell(a, i + 1) for a in abbrs)
    starts, ambiguous = [0], []
    j = i + 1
    row = 0
    while j < len(lines):
        text = lines[j].strip()
        tokens = tokens_of(text) if text and "|" not in text else []
        at = next((k for k, t in enumerate(tokens) if "score" in _token_kinds(t)), None)
        if (
            not tokens
            or at is None
            or at == 0
            or not _name_span([_token_kinds(t) for t in tokens], 0, at)
        ):
            break
        scores = tokens[at:]
        if not all("score" in _token_kinds(t) for t in scores) or len(scores) > n:
            break
        if j + 1 == len(lines) and ends_mid_line:
            break  # the file stops inside this row: named as prose, never a value
        starts.append(len(cells))
        team = " ".join(tokens[:at])
        if len(scores) == n - 1 and row < n and not DIAGONAL & set(scores):
            scores = [*scores[:row], "", *scores[row:]]  # the vanished diagonal
        if len(scores) != n:
            ambiguous.append(len(cells))
            cells.append(make_cell(text, j + 1))
        else:
            cells.append(make_cell(team, j + 1))
            cells.extend(make_cell(score, j + 1) for score in scores)
        row += 1
        j += 1
    if row < 2:
        return None
    return Claim(NAME, j - i, tuple(cells), starts=tuple(starts), ambiguous=tuple(ambiguous))

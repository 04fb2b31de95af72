"""Read a cell once into a typed value: numbers, ranks, pairs, scores and their marks, names."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from pipeline.languages import EXTRA_TIME_MARKS, NOT_PLAYED_WORDS, PENALTY_MARKS, WALKOVER_WORDS

# Footnote marks as MediaWiki renders them: [note 1], [a], [lower-alpha 1], [1], [nb 2].
FOOTNOTE_RE = re.compile(
    r"""\[\s*(
        (?:note|nb|lower-alpha|upper-alpha|lower-roman|n)\s*\d+   # named groups: [note 1]
      | [a-z]                                                     # letter marks: [a]
      | \d{1,3}                                                   # references: [1]
      | [*†‡§¶\#]{1,3}                                            # symbol marks: [*], [‡]
      | citation\ needed
    )\s*\]""",
    re.VERBOSE | re.IGNORECASE,
)
# Status marks after a team name, as the standings templates write them: (C), (R), (C, Q).
# `(D3)`: a division tag after a cup team (1948 Svenska Cupen); `(R))`: a stray bracket.
STATUS_RE = re.compile(r"\s*\(([A-Z]\d{0,2}(?:\s*,\s*[A-Z]\d{0,2})*)\)\)?\s*$")
# A signed integer: ASCII or Unicode minus (U+2212), plus sign, or en dash used as minus.
INT_RE = re.compile(r"^([+\-−–]?)\s*(\d{1,6})$")
# A positional rank as tables write it: `1.` (El Salvador), `=5` (level teams).
RANK_RE = re.compile(r"^(?:=\s*(\d{1,4})|(\d{1,4})\.)$")


def _alternatives(words: frozenset[str]) -> str:
    """A regex alternation of marks, longest first, dots and spaces as written."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Shoot-out and extra-time marks in the languages we read (`pipeline.languages`).
PEN_MARK = _alternatives(PENALTY_MARKS - {"(p)"})
AET_MARK = _alternatives(EXTRA_TIME_MARKS)
# A goal pair; the separator is an en dash, hyphen, em dash, or colon (points `0:6`).
PAIR = r"(\d{1,3})\s*[–\-—−:]\s*(\d{1,3})"
SCORE_RE = re.compile(
    rf"""^(\(a\)\s*)?                              # away goals written first: (a) 6–6
        {PAIR}                                     # the score itself: 3–1
        (?:\s*\(?\s*(a\.?e\.?t\.?|aet|{AET_MARK})\s*\)?)?  # extra time: a.e.t., (n.V.)
        (?:\s*\(\s*{PAIR}\s*(?:{PEN_MARK})\s*\))?   # penalties: (4–2 p), (5–4 pen.)
        (?:\s*\(?\s*(a\.?e\.?t\.?|aet|{AET_MARK})\s*\)?)?  # a.e.t. may follow it too
        (?:\s*\(?\s*(awd|awarded|w\.?/?o\.?)\s*\)?)?  # awarded or walkover mark after a score
        (?:\s*(\(a\)))?                            # away goals decided the tie: 3–3 (a)
        $""",
    re.VERBOSE | re.IGNORECASE,
)
WALKOVER_RE = re.compile(
    rf"^\(?(w\.?\s*/?\s*o\.?|walkover|{_alternatives(WALKOVER_WORDS)})\)?$", re.IGNORECASE
)
NOT_PLAYED_RE = re.compile(
    r"^(n\.?\s*p\.?|[–\-—−]|not played|postponed|canc\.?|cancelled|TBD"
    rf"|{_alternatives(NOT_PLAYED_WORDS)})$",
    re.IGNORECASE,
)
# A shoot-out stated with no match score (`4-3(pens.)`, Malta 2007–08): the goals are
# unknown, never invented; the shoot-out is kept.
SHOOTOUT_ONLY_RE = re.compile(
    rf"^{PAIR}\s*(?:\(\s*(?:pens?\.?|penalties|penales|pk)\s*\)|(?:on\s+)?(?:pens?\.?|penalties))$",
    re.I,
)
# A score cell that repeats its column's label (`Agg: 2–1`, `Agg.:2-1`): the label is layout.
LABELLED_SCORE_RE = re.compile(r"^(?:agg(?:regate)?\.?|on aggregate)\s*:\s*", re.I)
# A tie's aggregate written after a leg's score (`1 - 0 AGG. (1 - 0)`, `1–1 Agg: 2–4`): the
# cell states both, the leg's score first.
TRAILING_AGG_RE = re.compile(
    rf"^(?P<leg>.+?)\s*\(?\s*(?:agg(?:regate)?\.?|on aggregate)\s*:?\s*\(?\s*{PAIR}\s*\)?\s*\)?$",
    re.I,
)
AWARDED_RE = re.compile(r"^(awd\.?|awarded)$", re.IGNORECASE)
NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class Score:
    """A score cell read: goals, shoot-out, status; the text kept as written."""

    home: int | None
    away: int | None
    home_penalties: int | None
    away_penalties: int | None
    extra_time: bool
    status: str  # played | walkover | not_played | awarded | pending
    text: str
    ok: bool  # False when the cell could not be read
    away_goals_rule: bool = False  # `(a)`: level on aggregate, won on away goals
    # A walkover written with its scoreline (`3–0 (w/o)`): no goals were scored, but the page
    # credits the side with more of them.
    credited: Literal["home", "away"] | None = None
    # A tie's aggregate the cell states after the leg's score, home team's goals first.
    aggregate: tuple[int, int] | None = None


def clean_text(text: str) -> str:
    """Fold non-breaking and repeated spaces; strip the ends."""
    return " ".join(text.replace(NBSP, " ").split())


# A wiki link left in a rendering: `[[Target|Label]]` shows its label, `[[Target]]` and an
# unterminated `[[Target` their target (MediaWiki link syntax, Help:Links).
WIKILINK_RE = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?(?:\]\]|$)")


SYMBOLS = "*†‡§¶"
SYMBOL_MARKS = frozenset(SYMBOLS)


def unlink(text: str) -> str:
    """Show wiki links as a reader sees them: each link's label."""
    return WIKILINK_RE.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(1), text)


def link_targets(text: str) -> tuple[str, ...]:
    """The article titles a text's wiki links point to."""
    return tuple(m.group(1).strip() for m in WIKILINK_RE.finditer(text) if m.group(1).strip())


def split_marks(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove footnote and status marks from a cell; return the text and the marks, in order."""
    if "[[" in text:
        text = unlink(text)
    if text[-1:] in SYMBOL_MARKS:
        # A symbol glued to a value (`22*`, `46‡`: a footnote an HTML copy left bare).
        value = text.rstrip(SYMBOLS)
        base, marks = split_marks(value)
        return base, (*marks, text[len(value) :])
    if "[" not in text and "(" not in text:
        return clean_text(text), ()  # no mark can stand in it (both kinds are bracketed)
    notes: list[str] = []

    def keep(match: re.Match[str]) -> str:
        notes.append(clean_text(match.group(1)))
        return ""

    base = FOOTNOTE_RE.sub(keep, clean_text(text))
    found: list[str] = []
    status = STATUS_RE.search(base)
    while status:  # `Leamington (C) (P)`: each mark, in order
        found[:0] = [mark.strip() for mark in status.group(1).split(",")]
        base = base[: status.start()]
        status = STATUS_RE.search(base)
    notes.extend(found)
    return clean_text(base), tuple(notes)


def parse_int(text: str) -> int | None:
    """Read a signed integer such as `13`, `+5`, `−10`; None if the cell is not one."""
    value = read_value(text)
    return value.number if value.kind == "int" else None


def parse_pair(text: str) -> tuple[int, int] | None:
    """Read a pair such as the points cell `0:6` or an aggregate `3–1`."""
    return read_value(text).pair


def parse_score(text: str) -> Score:
    """Read a score cell; never invent goals: W.O., n.p., – and empty cells have none."""
    base, _ = split_marks(text)
    if not base:
        return Score(None, None, None, None, False, "pending", text, True)
    if WALKOVER_RE.match(base):
        return Score(None, None, None, None, False, "walkover", text, True)
    if AWARDED_RE.match(base):
        return Score(None, None, None, None, False, "awarded", text, True)
    if NOT_PLAYED_RE.match(base):
        return Score(None, None, None, None, False, "not_played", text, True)
    base = LABELLED_SCORE_RE.sub("", base)
    match = SCORE_RE.match(base)
    if not match and (trailing := TRAILING_AGG_RE.match(base)) is not None:
        leg = parse_score(trailing.group("leg"))
        if leg.ok and leg.status != "pending":
            pair = (int(trailing.group(2)), int(trailing.group(3)))
            return replace(leg, text=text, aggregate=pair)
    if not match:
        shootout = SHOOTOUT_ONLY_RE.match(base)
        if shootout is not None:
            hp, ap = int(shootout.group(1)), int(shootout.group(2))
            return Score(None, None, hp, ap, False, "played", text, True)
        return Score(None, None, None, None, False, "played", text, False)
    home, away = int(match.group(2)), int(match.group(3))
    pens = (int(match.group(5)), int(match.group(6))) if match.group(5) else (None, None)
    extra = bool(match.group(4) or match.group(7))
    mark = (match.group(8) or "").lower()
    status = "played"
    if mark.startswith("aw"):
        status = "awarded"
    elif mark.startswith("w"):
        status = "walkover"
    away_rule = bool(match.group(1) or match.group(9))
    if status == "walkover":
        # A walkover's scoreline is no goals (contract: null, never invented): keep the credit.
        side: Literal["home", "away"] | None = (
            None if home == away else "home" if home > away else "away"
        )
        return Score(None, None, None, None, extra, status, text, True, away_rule, side)
    return Score(home, away, pens[0], pens[1], extra, status, text, True, away_rule)


def strip_tooltip(label: str) -> str:
    """Drop tooltip text glued to a header (`Agg.Tooltip Aggregate score` -> `Agg.`)."""
    return clean_text(label.split("Tooltip", 1)[0])


ValueKind = Literal["empty", "int", "rank", "score", "name", "unreadable"]
_NO_MARKS: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CellValue:
    """A cell's value, parsed once: what every later stage reads instead of the text.

    `kind` is the primary reading (an `int` is never also a score; a `score` includes goal
    pairs, points pairs `0:6` and match words such as `W.O.`); `pair` is set wherever the
    base text is a bare pair `a–b` or `a:b`.
    """

    kind: ValueKind
    base: str  # the cleaned text, footnote and status marks removed
    marks: tuple[str, ...] = _NO_MARKS
    number: int | None = None  # int and rank
    pair: tuple[int, int] | None = None
    score: Score | None = None

    @property
    def is_int(self) -> bool:
        """An integer cell (a rank counts: a position column holds either)."""
        return self.kind in ("int", "rank")

    @property
    def is_name(self) -> bool:
        return self.kind == "name"

    @property
    def is_match(self) -> bool:
        """A match cell: a score, or empty (a pending bracket or an empty leg)."""
        return self.kind in ("score", "empty")


_PAIR_RE = re.compile(rf"^{PAIR}$")


# One bounded memo for the one reader: cell texts repeat (scores, numbers) across a page. An
# LRU, so a page of unique names cannot evict the scores nor hold more than it bounds.
@lru_cache(maxsize=1 << 13)
def read_value(text: str) -> CellValue:
    """Read a cell's text once into its typed value; never raises."""
    return _read_value(text)


def _read_value(text: str) -> CellValue:
    base, marks = split_marks(text)
    if not base:
        return CellValue("empty", base, marks, score=parse_score(text))
    match = INT_RE.match(base)
    if match:
        value = int(match.group(2))
        number = -value if match.group(1) in {"-", "−", "–"} and value else value
        return CellValue("int", base, marks, number=number)
    rank = RANK_RE.match(base)
    if rank:
        return CellValue("rank", base, marks, number=int(rank.group(1) or rank.group(2)))
    pair_match = _PAIR_RE.match(base)
    pair = (int(pair_match.group(1)), int(pair_match.group(2))) if pair_match else None
    score = parse_score(text)
    if score.ok:
        return CellValue("score", base, marks, pair=pair, score=score)
    if any(ch.isalpha() for ch in base):
        return CellValue("name", base, marks, score=score)
    return CellValue("unreadable", base, marks, score=score)


def score_of(value: CellValue, raw: str) -> Score:
    """A cell's score reading; a bare number is no score (unreadable as one)."""
    if value.score is not None:
        return value.score
    return Score(None, None, None, None, False, "played", raw, False)

"""Hold competition rules and vocabulary as data: heading kinds, header aliases, tie rules."""

from __future__ import annotations

import re

# Heading vocabulary -> section kind (contract: stage > region > group or round; Tiebreaker nests).
HEADING_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tiebreaker", re.compile(r"^(tie-?breakers?|third match|play-?off match)$", re.I)),
    ("group", re.compile(r"^(group|serie|grupo|pool|zona|zone)\s+\w{1,3}$", re.I)),
    (
        "round",
        re.compile(
            r"""^(round\ of\ \d+|(first|second|third|fourth|fifth|preliminary|qualifying)\ round
            |(quarter|semi)-?\s?finals?|(regional\ |grand\ |third[- ]place\ )?finals?
            |third\ place(\ match)?|play-?offs?|knockout\ (stage|round)|last\ \d+)$""",
            re.I | re.VERBOSE,
        ),
    ),
    ("region", re.compile(r"^(region|región)\s+[IVXL\d]+$|^liga departamental de\b", re.I)),
    ("stage", re.compile(r"\b(stage|phase|etapa|fase)\b", re.I)),
)
# Section kinds that are siblings of each other (contract: groups and rounds of a region).
SIBLING_CLASS = {"group": "sub", "round": "sub", "stage": "stage", "region": "region"}

# Header label aliases -> canonical column names.
STANDINGS_ALIASES = {
    "pos": "position",
    "position": "position",
    "#": "position",
    "rank": "position",
    "team": "team",
    "club": "team",
    "teams": "team",
    "pld": "played",
    "p": "played",
    "gp": "played",
    "mp": "played",
    "played": "played",
    "w": "won",
    "won": "won",
    "d": "drawn",
    "drawn": "drawn",
    "l": "lost",
    "lost": "lost",
    "gf": "goals_for",
    "f": "goals_for",
    "ga": "goals_against",
    "a": "goals_against",
    "gd": "goal_difference",
    "+/-": "goal_difference",
    "±": "goal_difference",
    "pts": "points",
    "points": "points",
    "qualification": "qualification",
    "qualification or relegation": "qualification",
    "promotion or relegation": "qualification",
    "relegation": "qualification",
    "promotion": "qualification",
    "qualification or promotion": "qualification",
}
STAT_FIELDS = (
    "played",
    "won",
    "drawn",
    "lost",
    "goals_for",
    "goals_against",
    "goal_difference",
    "points",
)
TIE_ALIASES = {
    "team 1": "team1",
    "home team": "team1",
    "1st leg home team": "team1",
    "agg.": "aggregate",
    "agg": "aggregate",
    "aggregate": "aggregate",
    "team 2": "team2",
    "away team": "team2",
    "2nd leg home team": "team2",
    "1st leg": "leg1",
    "first leg": "leg1",
    "2nd leg": "leg2",
    "second leg": "leg2",
    "points": "points",
    "pts": "points",
    "pen.": "penalties",
    "pen": "penalties",
    "penalties": "penalties",
    "score": "score",
    "result": "score",
}
# Labels of an older layout's first header line (`Teams | Scores`) and matrix corners.
HEADER_FILLERS = {"teams", "scores", "home \\ away", "home \\away", "home\\away"}
# Infobox remnants rendered as tables: their first label says so.
INFOBOX_LABELS = {
    "season",
    "dates",
    "champions",
    "relegated",
    "promoted",
    "matches played",
    "goals scored",
    "top goalscorer",
    "biggest home win",
    "biggest away win",
    "country",
    "founded",
}

# Wikipedia's appendix sections: top-level headings, never nested under a round.
APPENDIX_HEADINGS = {
    "notes", "references", "see also", "external links", "footnotes", "sources",
    "bibliography", "further reading", "citations",
}  # fmt: skip

# Points for a win; the default and the older rule a table may be read under (issue 5).
POINTS_PER_WIN_RULES = (3, 2)

# Prose that states how a tie or a table is decided (Copa Perú: points, then a third match).
POINTS_RULE_RE = re.compile(r"decided by points", re.I)
THIRD_MATCH_RE = re.compile(r"third match|tie-?breaker|play-?off", re.I)
IGNORE_GD_RE = re.compile(r"no matter (the )?goal difference", re.I)
RULES_LINE_RE = re.compile(r"^rules for classification\s*:\s*(.*)$", re.I)
# Criteria words in a `Rules for classification` line -> standings fields, in order.
CRITERIA_WORDS = (
    (re.compile(r"^points?$", re.I), "points"),
    (re.compile(r"goal difference", re.I), "goal_difference"),
    (re.compile(r"goals? (scored|for)|number of goals", re.I), "goals_for"),
)


def is_tiebreaker(text: str | None) -> bool:
    """Tell whether a heading names a tiebreaker (third match, play-off match)."""
    return bool(text) and heading_kind(text or "") == "tiebreaker"


def heading_kind(text: str) -> str | None:
    """Classify a heading by the vocabulary above; None when it names no known kind."""
    for kind, pattern in HEADING_KINDS:
        if pattern.search(text):
            return kind
    return None


def classification_criteria(rule_text: str | None) -> tuple[str, ...]:
    """Turn the governing rule text into ordered standings fields (default: points only)."""
    if not rule_text:
        return ("points", "goal_difference", "goals_for")  # the usual rule when none is stated
    match = RULES_LINE_RE.match(rule_text.strip())
    if match:
        fields: list[str] = []
        for part in re.split(r"\d\)|;", match.group(1)):
            part = part.strip(" .")
            for pattern, name in CRITERIA_WORDS:
                if part and pattern.search(part) and name not in fields:
                    fields.append(name)
                    break
            else:
                if part:
                    break  # head-to-head and other criteria we cannot recompute: stop there
        return tuple(fields) or ("points",)
    if POINTS_RULE_RE.search(rule_text):
        return ("points",)
    return ("points", "goal_difference", "goals_for")

"""Hold competition rules and vocabulary as data: heading kinds, header aliases, tie rules."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pipeline.languages import (
    LANGUAGE_HEADERS,
    TIE_LABELS,
    header_language,
    header_names,
)
from pipeline.values import strip_tooltip, unlink

DISAMBIGUATION_RE = re.compile(r"\s*\([^)]*\)\s*$")
# An article title's disambiguation naming the sport (`Points (association football)`): a
# team's place in brackets (`Club (Tumbes)`) is part of its name, never stripped.
SPORT_DISAMBIGUATION_RE = re.compile(r"\((association )?football\)$|\(soccer\)$|\(sport\)$")

HeadingKind = Literal["stage", "region", "group", "round", "tiebreaker"]

# Heading vocabulary -> section kind (contract: stage > region > group or round; Tiebreaker nests).
HEADING_KINDS: tuple[tuple[HeadingKind, re.Pattern[str]], ...] = (
    # A third match after level legs: `Deciding Match:` (1961–62 Segunda), `Replay`.
    (
        "tiebreaker",
        re.compile(r"^(tie-?breakers?|third match|play-?off match|deciding match(es)?):?$", re.I),
    ),
    # A group is named by a letter, a number or a Roman numeral (`Group A`, `Zona 2`); a zone
    # with a name (`Zona Sur`) is no group: its place in the tree decides what it is.
    (
        "group",
        re.compile(r"^(group|serie|grupo|pool|zona|zone)\s+([a-z]|\d{1,2}|[ivx]{1,4})$", re.I),
    ),
    (
        "round",
        re.compile(
            r"""^(round\ of\ \d+|round\ \d{1,2}|\d{1,2}(st|nd|rd|th)\ (qualifying\ )?round
            |((first|second|third|fourth|fifth|sixth|final|preliminary)\ (qualifying\ )?
              |qualifying\ )round(\ \d{1,2})?
            |(quarter|semi)-?\s?finals?|(regional\ |grand\ |third[- ]place\ )?finals?
            |third\ place(\ match)?|play-?offs?|knockout\ (stage|round)|last\ \d+)$""",
            re.I | re.VERBOSE,
        ),
    ),
    ("region", re.compile(r"^(region|región)\s+[IVXL\d]+$|^liga departamental de\b", re.I)),
    ("stage", re.compile(r"\b(stage|phase|etapa|fase)\b", re.I)),
)
# A numbered stage (`First stage`, `Stage 2`, `Segunda fase`) is a peer of the knockout rounds
# that follow it, not their parent (issue 8): the rounds are the next step of the competition.
NUMBERED_STAGE_RE = re.compile(
    r"""^((first|second|third|fourth|fifth|sixth|1st|2nd|3rd|\d+th
         |primera|segunda|tercera|cuarta|quinta|primer)\s+(stage|phase|etapa|fase)
      |(stage|phase|etapa|fase)\s+(\d+|[IVX]+))$""",
    re.I | re.VERBOSE,
)
# Section kinds that are siblings of each other (contract: groups and rounds of a region).
SIBLING_CLASS = {"group": "sub", "round": "sub", "stage": "stage", "region": "region"}

# Header label aliases -> canonical column names.
STANDINGS_ALIASES = {
    "pos": "position",
    "position": "position",
    "#": "position",
    "rank": "position",
    "place": "position",
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
    "wins": "won",
    "d": "drawn",
    "drawn": "drawn",
    "draw": "drawn",
    "draws": "drawn",
    "l": "lost",
    "lost": "lost",
    "losses": "lost",
    "gf": "goals_for",
    "f": "goals_for",
    "goals for": "goals_for",
    "goals scored": "goals_for",
    "ga": "goals_against",
    "a": "goals_against",
    "goals against": "goals_against",
    "goals conceded": "goals_against",
    # Older tables spell the goal columns out (1926 in Brazilian football): `For | Against |
    # Difference` after `Lost`.
    "for": "goals_for",
    "against": "goals_against",
    "difference": "goal_difference",
    "diff": "goal_difference",
    "diff.": "goal_difference",
    "gd": "goal_difference",
    "goal difference": "goal_difference",
    "+/-": "goal_difference",
    "±": "goal_difference",
    "pts": "points",
    "points": "points",
    "qualification": "qualification",
    "qualification or relegation": "qualification",
    "promotion, qualification or relegation": "qualification",
    "qualification, promotion or relegation": "qualification",
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
    "team #1": "team1",
    "home team": "team1",
    "1st leg home team": "team1",
    "agg.": "aggregate",
    "agg": "aggregate",
    "aggregate": "aggregate",
    "aggregate score": "aggregate",  # the long form of `Agg.` ({{Abbr|Agg.|Aggregate score}})
    "team 2": "team2",
    "team #2": "team2",
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
    "penalty shootout": "penalties",
    "penalty shoot-out": "penalties",
    # The older Copa Perú layout's third match, played when the points are level (2003).
    "extra": "extra",
    "score": "score",
    "result": "score",
    "date": "date",
    "venue": "venue",
    "stadium": "venue",
    "ground": "venue",
}
# Every label of another language's header (its role depends on the header's language).
STANDINGS_FOREIGN = frozenset(label for table in LANGUAGE_HEADERS.values() for label in table)
TIE_FOREIGN = frozenset(label for table in TIE_LABELS.values() for label in table)
ALL_LABELS = STANDINGS_FOREIGN | TIE_FOREIGN
# Labels of columns known to carry nothing the contract stores: named by an info, not a warning.
NOTHING_TO_STORE = {
    "notes", "note", "comments", "remarks", "attendance", "att.", "scorers", "goalscorers",
    "goal scorers", "home scorers", "away scorers",
    "referee", "ref.", "report", "time", "kick-off", "source", "ref",
    "round", "stage", "competition",  # the section already names them
    "prg",  # a rank change since the last round (`=`, `▲ 2`), not a stat of the table
    "tie", "tie no", "tie no.", "match no", "match no.",  # a tie's number in its round
}  # fmt: skip
# Labels of an older layout's first header line (`Teams | Scores`) and matrix corners.
# A Notes column's labels (where a shoot-out sentence or a table's qualification may stand).
NOTES_LABELS = frozenset({"notes", "note", "remarks", "comments"})
HEADER_FILLERS = {"teams", "scores", "home \\ away", "home \\away", "home\\away"}
# A results-matrix column label: a short abbreviation in any case after its first letter
# (`ALI`, `C.A`, `Gal`, `SpV`); a word known to carry nothing (`Notes`) is none.
ABBR_RE = re.compile(r"^[A-ZÀ-Þ0-9][A-Za-zÀ-ÿ0-9.&'\-]{0,5}$")
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

# Prose that states the points for a win: "two points for a win", "3 points per win".
POINTS_PER_WIN_RE = re.compile(r"\b(two|three|2|3)\s+points\s+(?:for|per)\s+(?:a\s+)?win", re.I)
# Prose that states how a tie or a table is decided (Copa Perú: points, then a third match).
POINTS_RULE_RE = re.compile(r"decided by points", re.I)
THIRD_MATCH_RE = re.compile(r"third match|tie-?breaker|play-?off", re.I)
GOAL_AVERAGE_RE = re.compile(r"\bgoal (average|ratio)\b", re.I)
IGNORE_GD_RE = re.compile(r"no matter (the )?goal difference", re.I)
# Anywhere in a note (2001 JFL: after `Updated to …` and `Source: …` lines in one paragraph).
RULES_LINE_RE = re.compile(r"\brules for classification\s*:\s*(.*)$", re.I)
# Criteria words in a `Rules for classification` line -> standings fields, in order.
CRITERIA_WORDS = (
    (re.compile(r"^points?$", re.I), "points"),
    (re.compile(r"goal difference", re.I), "goal_difference"),
    (re.compile(r"goal (average|ratio)", re.I), "goal_average"),
    (re.compile(r"goals? (scored|for)|number of goals", re.I), "goals_for"),
)


# A note stating a deduction: "Bootle deducted 4 points", "Milan, Fiorentina and Lazio were
# docked 30 points", "Glossop had two points deducted" (subject first, as notes write it).
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_N = r"(\d{1,3}|" + "|".join(NUMBER_WORDS) + ")"
_N1, _N2 = _N.replace("(", "(?P<n1>", 1), _N.replace("(", "(?P<n2>", 1)
DEDUCTION_RE = re.compile(
    rf"(?P<subject>[^.;:()\-–—]+?)\s+(?:(?:were|was|have been|has been|had been)\s+)?"
    rf"(?:deducted|docked)\s+{_N1}\s+points?"
    rf"|(?P<subject2>[^.;:()\-–—]+?)\s+(?:had|have|has)\s+{_N2}\s+points?\s+(?:deducted|docked)",
    re.I,
)


def stated_deductions(text: str) -> list[tuple[str, int]]:
    """Each deduction a note states: its subject (the team names) and the points."""
    out: list[tuple[str, int]] = []
    for m in DEDUCTION_RE.finditer(text):
        subject = m.group("subject") or m.group("subject2") or ""
        number = m.group("n1") or m.group("n2")
        value = int(number) if number.isdigit() else NUMBER_WORDS[number.lower()]
        out.append((subject.strip(), value))
    return out


# Wikitext templates read under another name: each name (folded: lower case, underscores as
# spaces) and the template it stands for. Redirects, and variants taking the same parameters
# (Template:Football box collapsible takes Template:Football box's). Keep it a list of data:
# a page met with a new redirect needs one line here.
TEMPLATE_REDIRECTS = {
    "footballbox": "football box",
    "football box collapsible": "football box",
    "footballbox collapsible": "football box",
    "football box collapsable": "football box",
    "football box small": "football box",
    "footballbox small": "football box",
    "two leg result": "twolegresult",
    "2legresult": "twolegresult",
    "one leg result": "onelegresult",
    "fb cl team": "fb cl2 team",
    "fb cl2 team 2pt": "fb cl2 team 2pts",
    "fb cl2 header": "fb cl header",
    "fb cl2 footer": "fb cl footer",
    "fb r header": "fb r2 header",
    "fb r team": "fb r2 team",
}


def is_tiebreaker(text: str | None) -> bool:
    """Tell whether a heading names a tiebreaker (third match, play-off match)."""
    return bool(text) and heading_kind(text or "") == "tiebreaker"


def stated_points_per_win(prose: str) -> int | None:
    """The points a win the prose states, if it states them."""
    match = POINTS_PER_WIN_RE.search(prose)
    if match is None:
        return None
    return 2 if match.group(1).lower() in ("two", "2") else 3


def is_numbered_stage(text: str) -> bool:
    """Tell whether a stage heading is numbered (`Second stage`), not named (`Regional Stage`)."""
    return bool(NUMBERED_STAGE_RE.match(text.strip()))


def is_deduction_prose(text: str) -> bool:
    """Tell whether prose states a points deduction (kept with the table it follows)."""
    return bool(DEDUCTION_RE.search(text))


def is_rule_prose(text: str) -> bool:
    """Tell whether prose states a classification or tie rule (kept with its section)."""
    return bool(
        RULES_LINE_RE.search(text)
        or GOAL_AVERAGE_RE.search(text)
        or POINTS_RULE_RE.search(text)
        or IGNORE_GD_RE.search(text)
        or THIRD_MATCH_RE.search(text)
    )


# A leg named after its round (`Semifinals 1st Leg`, El Salvador Clausura 2006): the round is
# the heading without it.
LEG_SUFFIX_RE = re.compile(r"\s*[-–—,:]?\s*\(?\b(1st|2nd|first|second|return)\s+legs?\)?$", re.I)


# A table summing a season's stages (`Aggregate table`, `Overall table`, `Cumulative table`).
AGGREGATE_TABLE_RE = re.compile(
    r"^(aggregate|overall|cumulative|combined|accumulated)\s+(table|standings)$|"
    r"^tabla\s+(acumulada|general)$",
    re.I,
)


def is_aggregate_table(heading: str) -> bool:
    """Tell whether a heading names a table summing the season's stages."""
    return bool(AGGREGATE_TABLE_RE.match(heading.strip()))


def without_leg(text: str) -> str:
    """A heading without a trailing leg qualifier (`Semifinals 1st Leg` -> `Semifinals`)."""
    return LEG_SUFFIX_RE.sub("", text)


@lru_cache(maxsize=1 << 14)
def heading_kind(text: str) -> HeadingKind | None:
    """Classify a heading by the vocabulary above; None when it names no known kind."""
    text = without_leg(text)
    for kind, pattern in HEADING_KINDS:
        if pattern.search(text):
            return kind
    return None


def classification_rule(rule_text: str | None) -> tuple[tuple[str, ...], str | None]:
    """The governing rule as ordered standings fields we can recompute (default: points
    only), and the stated criterion they stop at (the first no column gives: `head-to-head
    points`), if any.

    With no stated rule only points are assumed: seasons ranked level teams by goal average,
    head-to-head or goal difference, so judging them on any one would raise false alarms.
    """
    if not rule_text:
        return ("points",), None
    match = RULES_LINE_RE.search(rule_text.strip())
    if match:
        fields: list[str] = []
        # `1) points; 2) goal difference` or `1st points; 2nd head-to-head points; …`.
        for part in re.split(r"\d\)|;|\b\d(?:st|nd|rd|th)\b", match.group(1)):
            part = part.strip(" .")
            for pattern, name in CRITERIA_WORDS:
                if part and pattern.search(part) and name not in fields:
                    fields.append(name)
                    break
            else:
                if part:
                    # Head-to-head and other criteria we cannot recompute: stop there.
                    return tuple(fields) or ("points",), part
        return tuple(fields) or ("points",), None
    if GOAL_AVERAGE_RE.search(rule_text):
        return ("points", "goal_average"), None  # "level teams were separated by goal average"
    return ("points",), None


# Labels repeat on every table of a page and are looked up many times: bounded memos.
@lru_cache(maxsize=1 << 14)
def normalise_label(label: str) -> str:
    """A header label as looked up: tooltip text and footnote marks removed, lower case."""
    if label[:4] == "edit" and label[4:5].isupper():
        label = label[4:]  # an edit link's text glued before the first label (`editPos`)
    text = label.lower()
    if "tooltip" not in text and "[" not in text and "  " not in text:
        return text.strip()  # the common case: nothing to strip
    if "[[" in text:
        text = unlink(text)  # a link as a label shows its label
    text = strip_tooltip(text.replace("tooltip", "Tooltip", 1))
    return re.sub(r"\[.*?\]", "", text).strip() if "[" in text else text


def canonical(label: str, aliases: dict[str, str]) -> str | None:
    """Map a header label to its canonical column name, tooltips and footnotes removed.

    A label that is an article title keeps its disambiguation when a link lost its label
    (`[[Points (association football)`): it names what MediaWiki's pipe trick would show.
    """
    text = normalise_label(label)
    found = aliases.get(text)
    if found is None and text.endswith(")") and SPORT_DISAMBIGUATION_RE.search(text):
        found = aliases.get(DISAMBIGUATION_RE.sub("", text))
    return found


@lru_cache(maxsize=1 << 10)  # a page's tables share a few headers
def standings_roles(labels: tuple[str, ...]) -> tuple[str | None, ...]:
    """Each label's standings role, the header read in one language.

    A short label means different things on different Wikipedias (`N`: drawn in French, lost
    in German), so the language whose labels cover the header best names every column
    (`languages.header_language`); English labels fill what it does not know.
    """
    english = _position_first(tuple(canonical(t, STANDINGS_ALIASES) for t in labels))
    if len(labels) > 1 and english[:2] == (None, "team") and not normalise_label(labels[0]):
        # A blank first label (or a footnote mark alone) before Team heads the positions
        # (1945–46 in Swedish football: `| Team | Pld | …`).
        english = ("position", *english[1:])
    language = header_language([normalise_label(t) for t in labels])
    if language in (None, "en"):
        return english
    names = header_names([normalise_label(t) for t in labels], language)
    return tuple(name or eng for name, eng in zip(names, english, strict=True))


def standings_prefix(roles: tuple[str | None, ...]) -> list[str]:
    """The leading standings columns of a header: known roles, with an unknown label between
    two known ones kept as an `ignored` column (`Pos Prg Club Pld …`: Prg is a rank change)."""
    out: list[str] = []
    for i, role in enumerate(roles):
        if role is not None:
            out.append(role)
        elif any(r is not None for r in roles[i + 1 : i + 3]) and out:
            out.append("ignored")
        else:
            break
    return out


def _second_team(roles: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """A header that names team 1 twice and team 2 never (`Team #1 | Agg. | Team #1`, 1994–95
    Belarusian league) means team 2 by the second."""
    if roles.count("team1") == 2 and "team2" not in roles:
        second = [i for i, r in enumerate(roles) if r == "team1"][1]
        return (*roles[:second], "team2", *roles[second + 1 :])
    return roles


def _position_first(roles: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """`P` before the team where `Pld` follows it (2007–08 Maltese First Division) is the
    position: a table states its games played once."""
    if roles.count("played") > 1 and "team" in roles:
        first = roles.index("played")
        if first < roles.index("team"):
            return (*roles[:first], "position", *roles[first + 1 :])
    return roles


@lru_cache(maxsize=1 << 10)
def tie_roles(labels: tuple[str, ...]) -> tuple[str | None, ...]:
    """Each label's knockout-table role (`Equipo 1 | Global | Equipo 2 | Ida | Vuelta`)."""
    english = _second_team(tuple(canonical(t, TIE_ALIASES) for t in labels))
    norm = [normalise_label(t) for t in labels]
    best = max(TIE_LABELS.items(), key=lambda item: sum(t in item[1] for t in norm), default=None)
    if best is None or sum(t in best[1] for t in norm) <= sum(e is not None for e in english):
        return english
    return tuple(best[1].get(t) or eng for t, eng in zip(norm, english, strict=True))


def is_label(text: str, aliases: dict[str, str]) -> bool:
    """A label of this family (standings or knockout aliases) in any language we know."""
    if canonical(text, aliases) is not None:
        return True
    label = normalise_label(text)
    if aliases is STANDINGS_ALIASES:
        return label in STANDINGS_FOREIGN
    if aliases is TIE_ALIASES:
        return label in TIE_FOREIGN
    return label in ALL_LABELS


@lru_cache(maxsize=1)
def header_vocabulary() -> dict[str, str]:
    """Every known header label (normalised) -> its role; `filler` for labels that name no
    column (`Teams`), `ignored` for columns known to carry nothing the contract stores."""
    vocab = {label: "ignored" for label in NOTHING_TO_STORE}
    vocab.update({label: "filler" for label in HEADER_FILLERS})
    # Other languages' labels as phrases to find (their roles are read per header later).
    vocab.update({label: "foreign" for label in ALL_LABELS})
    vocab.update(STANDINGS_ALIASES)
    vocab.update(TIE_ALIASES)
    vocab["teams"] = "filler"  # above a two-line header; a lone `Teams` column is a team
    return vocab


def is_abbreviation(text: str) -> bool:
    """Tell whether a header cell reads as a results-matrix column (a team's abbreviation)."""
    stripped = text.strip()
    return bool(ABBR_RE.match(stripped)) and normalise_label(stripped) not in NOTHING_TO_STORE


@lru_cache(maxsize=1 << 14)
def is_filler(text: str) -> bool:
    """A header cell that names no column: empty, `Teams`/`Scores` above a header, a corner."""
    low = strip_tooltip(text).lower().strip()
    return low == "" or low in HEADER_FILLERS or "\\" in low


def fits_points(points: int | None, won: int | None, drawn: int | None, ppw: int) -> bool:
    """A row's points fit `ppw` a win and 1 a draw (a row missing a value fits any rule)."""
    if points is None or won is None or drawn is None:
        return True
    return points == ppw * won + drawn


def league_points_per_win(rows: list[tuple[int | None, int | None, int | None]]) -> int:
    """The points-a-win rule most (points, won, drawn) rows fit; the default on a tie."""
    fitting = {
        ppw: sum(fits_points(p, w, d, ppw) for p, w, d in rows) for ppw in POINTS_PER_WIN_RULES
    }
    return max(POINTS_PER_WIN_RULES, key=lambda p: (fitting[p], p == POINTS_PER_WIN_RULES[0]))

"""Write and read the provenance comment that opens a fetched page's file.

`python -m pipeline fetch` saves a page's HTML with one first line saying where it came from:

    <!-- title="2014 Copa Perú" revision="1234" url="https://…/revision/1234/html"
         retrieved="2025-06-01T10:00:00Z" licence="CC BY-SA 4.0" -->   (one line)

An HTML comment, so the file stays HTML to every reader; each value is a JSON string literal, so
any title reads back unchanged. The HTML front end fills `pages.source_url`, `revision` and
`retrieved` (and the title, where the page states none) from it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields

# Wikipedia's text licence since June 2023 (wikimediafoundation.org/wiki/Terms_of_Use); the
# attribution it asks for is the title and URL beside it.
LICENCE = "CC BY-SA 4.0"
# The comment is read from the file's start only: bounded work on a file of any size.
HEAD_CHARS = 8192
PROVENANCE_RE = re.compile(
    r"""
    \A\s*<!--                 # the file's first line opens a comment (after any blank space)
    (?P<pairs>
      (?:\s+[a-z]+="(?:[^"\\\n]|\\.)*")+   # key="JSON string body", one or more
    )
    \s*-->[^\n]*(?:\n|\Z)     # the comment closes on that same line
    """,
    re.VERBOSE,
)
PAIR_RE = re.compile(r'(?P<key>[a-z]+)=(?P<value>"(?:[^"\\\n]|\\.)*")')
# Escaped beyond JSON's own escapes: `>` so that no value can close the comment (`-->`), and
# the characters Python counts as line breaks, so the comment is always one line.
_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in ">\x85\u2028\u2029"}


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a saved page came from: pages.source_url, revision and retrieved, and its title."""

    title: str  # the article's title as the wiki states it
    revision: str  # the revision id
    url: str  # the URL the HTML was fetched from
    retrieved: str  # when, in UTC ISO 8601 (`2025-06-01T10:00:00Z`)
    licence: str = LICENCE


KEYS = tuple(f.name for f in fields(Provenance))


def render(p: Provenance) -> str:
    """Render the provenance as a one-line HTML comment (no line break at its end)."""
    pairs = " ".join(
        f"{key}={json.dumps(getattr(p, key), ensure_ascii=False).translate(_ESCAPES)}"
        for key in KEYS
    )
    return f"<!-- {pairs} -->"


def parse(text: str) -> Provenance | None:
    """Read the provenance from a file's first line, or None where it states none.

    Keys may come in any order and unknown keys are ignored (a later version may add some);
    every field of `Provenance` must be there.
    """
    match = PROVENANCE_RE.match(text[:HEAD_CHARS])
    if match is None:
        return None
    values: dict[str, str] = {}
    for pair in PAIR_RE.finditer(match.group("pairs")):
        try:
            value = json.loads(pair.group("value"))
        except ValueError:  # a bad escape: not our comment
            return None
        if isinstance(value, str):
            values.setdefault(pair.group("key"), value)
    if any(key not in values for key in KEYS):
        return None
    return Provenance(**{key: values[key] for key in KEYS})

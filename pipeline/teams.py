"""Pair the team names of two tables of one page (a league table and its results matrix).

Pages often print a team one way in the standings and another in the matrix (`St.Georges` and
`St. George's`, `Masry` and `Al Masry`). A pair is taken only on evidence, in this order: the
same name; the same link target (HTML and wikitext keep each team's article); the same name
once case, accents, punctuation and spaces are folded; one name's words all inside the other's,
where exactly one candidate fits each way; and, when every other team is paired, the one team
left on each side. The last two steps run only once three quarters of the teams are paired by
the first three, so two tables of different teams are never paired.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# How a pair was made, strongest first.
HOW = ("name", "link", "spelling", "words", "last left")


@dataclass(frozen=True, slots=True)
class Team:
    """A team as one table prints it."""

    name: str
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Pairing:
    """Each of the other table's names mapped to this table's, with how each pair was made."""

    names: dict[str, str]
    how: dict[str, str]

    @property
    def renamed(self) -> list[tuple[str, str, str]]:
        """The pairs whose names differ: (other name, this table's name, how)."""
        return [(o, t, self.how[o]) for o, t in sorted(self.names.items()) if o != t]


def fold(name: str) -> str:
    """A name with case, accents, punctuation and spaces folded (`St. George's` ->
    `stgeorges`)."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in plain if ch.isalnum())


def _words(name: str) -> frozenset[str]:
    plain = unicodedata.normalize("NFKD", name.casefold())
    return frozenset(w for w in re.split(r"[^\w]+", plain) if w)


def pair_teams(ours: Sequence[Team], other: Sequence[Team]) -> Pairing | None:
    """Map every team of `other` to one of `ours`, one to one; None unless all pair."""
    if len(ours) != len(other) or not ours:
        return None
    if len({t.name for t in ours}) != len(ours) or len({t.name for t in other}) != len(other):
        return None
    names: dict[str, str] = {}
    how: dict[str, str] = {}
    taken: set[str] = set()

    def take(o: str, t: str, why: str) -> None:
        names[o], how[o] = t, why
        taken.add(t)

    keys = (
        ("name", lambda t: t.name),
        ("link", lambda t: t.link),
        ("spelling", lambda t: fold(t.name) or None),
    )
    for why, key in keys:
        index: dict[str, list[str]] = {}
        for t in ours:
            k = key(t)
            if k and t.name not in taken:
                index.setdefault(k, []).append(t.name)
        wanted: dict[str, list[str]] = {}
        for o in other:
            k = key(o)
            if k and o.name not in names:
                wanted.setdefault(k, []).append(o.name)
        for k, os in wanted.items():
            ts = index.get(k, [])
            if len(ts) == 1 and len(os) == 1:
                take(os[0], ts[0], why)
    if len(names) * 4 < len(other) * 3:
        return None
    # One name's words inside the other's, one candidate each way (`Masry` in `Al Masry`).
    left = [o for o in other if o.name not in names]
    free = [t for t in ours if t.name not in taken]
    fits = {
        o.name: [
            t.name
            for t in free
            if _words(o.name) <= _words(t.name) or _words(t.name) <= _words(o.name)
        ]
        for o in left
    }
    for o in left:
        found = fits[o.name]
        if len(found) == 1 and sum(found[0] in f for f in fits.values()) == 1:
            take(o.name, found[0], "words")
    left = [o for o in other if o.name not in names]
    free = [t for t in ours if t.name not in taken]
    if len(left) == 1 and len(free) == 1:
        take(left[0].name, free[0].name, "last left")
    return Pairing(names, how) if len(names) == len(other) else None

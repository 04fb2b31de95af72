"""Register the front ends and choose one per file from its content (the extension breaks ties).

A front end turns one rendering's raw bytes into the page document; nothing after it knows the
rendering. Front ends that recognise their markup in the content (`claims`) are the candidates;
the text front end claims nothing and reads everything no markup claims. The extension only
breaks a tie between candidates; where it names another front end than the content, the content
wins and an `info` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pipeline import findings as F
from pipeline.document import PageDocument
from pipeline.findings import Finding, Site

SNIFF_BYTES = 64 * 1024  # content is judged on the file's start: bounded work


class FrontEnd(Protocol):
    """One rendering's reader."""

    name: str  # `text`, `html`, `wikitext`
    suffixes: tuple[str, ...]  # file suffixes it reads, lower case, with the dot
    renderings: tuple[str, ...]  # the names it records in pages.rendering

    def claims(self, head: str) -> bool:
        """Tell whether the file's start is this rendering's markup."""

    def read(self, data: bytes, site: Site) -> tuple[PageDocument, list[Finding]]:
        """Read a whole file into its page document; bad input gives findings, never raises."""


_REGISTRY: list[FrontEnd] = []


def register(front_end: FrontEnd) -> FrontEnd:
    """Add a front end (later registrations are asked first: plug-ins override built-ins)."""
    _REGISTRY[:] = [f for f in _REGISTRY if f.name != front_end.name]
    _REGISTRY.insert(0, front_end)
    return front_end


def unregister(name: str) -> None:
    """Remove a front end by name (tests that plug one in take it out again)."""
    _REGISTRY[:] = [f for f in _REGISTRY if f.name != name]


def front_ends() -> tuple[FrontEnd, ...]:
    """Every registered front end, the text front end last."""
    _ensure_builtins()
    return tuple(_REGISTRY)


def suffixes() -> tuple[str, ...]:
    """Every file suffix some front end reads."""
    return tuple(sorted({s for f in front_ends() for s in f.suffixes}))


def rendering_names() -> frozenset[str]:
    """Every name pages.rendering may hold: each front end's, plus `mixed` and `none`."""
    return frozenset({r for f in front_ends() for r in f.renderings} | {"mixed", "none"})


@dataclass(frozen=True, slots=True)
class Choice:
    """The front end chosen for a file, and the finding that explains an override."""

    front_end: FrontEnd
    finding: Finding | None


def choose(data: bytes, suffix: str, site: Site) -> Choice:
    """Choose the front end for a file from its content; the suffix only breaks ties.

    Front ends whose markup the content shows are candidates; of several, the one the suffix
    names wins, else the first registered; with none, the content is text.
    """
    registered = front_ends()
    head = data[:SNIFF_BYTES].decode("utf-8", errors="replace")
    claimants = [f for f in registered if f.claims(head)]
    by_suffix = next((f for f in registered if suffix.lower() in f.suffixes), None)
    if not claimants:
        chosen = registered[-1]  # the text front end: it reads what no markup claims
    elif by_suffix in claimants:
        chosen = by_suffix
    else:
        chosen = claimants[0]
    finding = None
    if by_suffix is not None and by_suffix is not chosen:
        finding = F.FRONT_END_CHOSEN.at(site, 1, suffix_reader=by_suffix.name, reader=chosen.name)
    return Choice(chosen, finding)


def read_document(
    data: bytes, page: str, path: str, suffix: str = ""
) -> tuple[PageDocument, list[Finding]]:
    """Read a raw file through the front end its content calls for."""
    site = Site(page, path)
    choice = choose(data, suffix or _suffix(path), site)
    document, findings = choice.front_end.read(data, site)
    if choice.finding is not None:
        findings.insert(0, choice.finding)
    return document, findings


def _suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _ensure_builtins() -> None:
    if not any(f.name == "text" for f in _REGISTRY):
        from pipeline.frontends.html import HtmlFrontEnd
        from pipeline.frontends.text import TextFrontEnd
        from pipeline.frontends.wikitext import WikitextFrontEnd

        _REGISTRY.append(HtmlFrontEnd())
        _REGISTRY.append(WikitextFrontEnd())
        _REGISTRY.append(TextFrontEnd())  # the fallback: last, claims nothing

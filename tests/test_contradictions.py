"""Each shared page's contradictions, as people listed them, are exactly what we warn about
(issue 11 for the text pages, issue 12 for the HTML articles, issue 13 for the wikitext): no
false alarm, no miss. The list is tests/fixtures/contradictions.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from pipeline.page import parse_page

FIXTURES = Path(__file__).parent / "fixtures"
LISTED = tomllib.loads((FIXTURES / "contradictions.toml").read_text(encoding="utf-8"))
# Warnings that say the page contradicts itself; the others say what a cut file lost.
CONTRADICTIONS = {
    "row-arithmetic", "points-deduction", "standings-vs-results", "table-totals",
    "order-violation", "aggregate-mismatch", "tie-points-mismatch", "penalties-not-level",
    "bracket-mismatch", "tiebreaker-missing-unresolved", "matrix-size", "team-repeated",
    "deduction-note",
}  # fmt: skip
READING = {"table-truncated"}  # the file ends inside a table: a fact of the export


def test_every_shared_page_is_listed() -> None:
    pages = {
        p.relative_to(FIXTURES).as_posix() for pattern in ("*.txt", "*.html", "*.wikitext")
        for p in FIXTURES.rglob(pattern)
    }  # fmt: skip
    assert set(LISTED["checked"]) == pages


@pytest.mark.parametrize("page", LISTED["checked"])
def test_warnings_are_exactly_the_listed_contradictions(page: str) -> None:
    path = FIXTURES / page
    result = parse_page(path.read_bytes(), path.stem, f"raw/{path.name}")
    warnings = [f for f in result.findings if f.severity == "warning"]
    assert [f.code for f in warnings if f.code not in CONTRADICTIONS | READING] == []
    found = [f for f in warnings if f.code in CONTRADICTIONS]
    expected: list[dict[str, Any]] = [c for c in LISTED["contradiction"] if c["page"] == page]
    unmatched = list(found)
    missed = []
    for item in expected:
        first, last = item["row_lines"]
        hit = next(
            (
                f for f in unmatched
                if f.code == item["code"] and first <= f.line <= last and f.field == item["field"]
                and str(f.stated).replace("−", "-") == item["stated"]
                and str(f.computed).replace("−", "-") == item["computed"]
            ),
            None,
        )  # fmt: skip
        if hit is None:
            missed.append(item)
        else:
            unmatched.remove(hit)
    assert missed == [], "contradictions we do not report"
    assert [(f.code, f.line, f.message) for f in unmatched] == [], "warnings nobody listed"

"""Line ends, BOM and padding: every variant of the seed gives the seed's outputs (differential)."""

from __future__ import annotations

import itertools

import pytest

from pipeline.page import PageResult, parse_page
from tests.conftest import SEED

ENDS = {"lf": "\n", "crlf": "\r\n", "cr": "\r", "crcrlf": "\r\r\n"}
PADS = {"none": "", "spaces": "   ", "tab": "\t", "nbsp": "\u00a0", "mixed": " \t\u00a0 "}


def _variant(ends: str, bom: bool, pad: str, final: bool, blank_tail: int) -> bytes:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    cycle = itertools.cycle(ENDS.values()) if ends == "mixed" else itertools.repeat(ENDS[ends])
    out = []
    for line in lines:
        out.append(line + PADS[pad] + next(cycle))
    out += [next(cycle) for _ in range(blank_tail)]
    text = "".join(out)
    if not final and not blank_tail:
        text = text.rstrip("\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


VARIANTS = [
    (ends, bom, pad, final, blank)
    for ends in [*ENDS, "mixed"]
    for bom in (False, True)
    for pad in PADS
    for final in (True, False)
    for blank in (0, 1, 3)
    if final or not blank
]


def _meaning(result: PageResult) -> tuple[object, ...]:
    return (
        [(t.kind, t.status, t.line, t.cells, t.cells_data) for t in result.tables],
        [t.standings for t in result.tables],
        [t.matches for t in result.tables],
        [d.tie for d in result.ties],
        sorted((f.code, f.line, f.message) for f in result.findings),
    )


@pytest.fixture(scope="module")
def expected() -> tuple[object, ...]:
    return _meaning(parse_page(SEED.read_bytes(), "seed", "raw/seed.txt"))


def test_there_are_enough_variants() -> None:
    assert len(VARIANTS) >= 190


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: "-".join(map(str, v)))
def test_every_line_end_bom_and_padding_variant_gives_the_seed_outputs(
    variant: tuple[str, bool, str, bool, int], expected: tuple[object, ...]
) -> None:
    result = parse_page(_variant(*variant), "seed", "raw/seed.txt")
    assert _meaning(result) == expected

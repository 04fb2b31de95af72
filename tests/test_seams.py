"""The seams: a plug-in kind, output, check and front end work with no core module edited."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli, frontends
from pipeline.findings import KINDS
from pipeline.frontends import read_document
from pipeline.run import RawPage, assemble, parse_pages
from tests.conftest import SEED
from tests.plugins import scorers
from tests.plugins.tsv import TsvFrontEnd, render_tsv

SCORERS_PAGE = """\
2010 Example League
Top scorers
| Team | Goals |
|---|---|
| Alpha | 21 |
| Beta | 75 |
| Gamma | 9 |
"""


@pytest.fixture
def scorers_plugin() -> Iterator[None]:
    scorers.install()
    try:
        yield
    finally:
        scorers.uninstall()


def test_a_plugin_kind_reaches_its_own_parquet_and_its_check_reaches_findings(
    scorers_plugin: None, tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "scorers.txt").write_text(SCORERS_PAGE, encoding="utf-8")
    out = tmp_path / "clean"
    assert cli.main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    table = pd.read_parquet(out / "scorers.parquet")
    assert list(table["team"]) == ["Alpha", "Beta", "Gamma"]
    assert list(table["goals"]) == [21, 75, 9]
    assert list(table["section"].map(list)) == [["Top scorers"]] * 3
    tables = pd.read_parquet(out / "tables.parquet")
    assert list(zip(tables["kind"], tables["rows"], tables["cells_unused"], strict=True)) == [
        ("top_scorers", 3, 0)
    ]
    findings = pd.read_parquet(out / "findings.parquet")
    flagged = findings[findings["code"] == "scorer-implausible"]
    assert list(zip(flagged["team"], flagged["source_line"], strict=True)) == [("Beta", 6)]
    assert flagged["severity"].tolist() == ["warning"]


def test_without_the_plugin_the_same_table_is_named_and_skipped(tmp_path: Path) -> None:
    assert "scorer-implausible" not in KINDS
    result = parse_pages([RawPage("scorers", "scorers.txt", SCORERS_PAGE.encode())])[0]
    assert [(t.kind, t.status, t.cells_unused) for t in result.tables] == [
        ("unknown", "skipped", 8)
    ]
    # With no kind to read it, the page holds no football table and says so (issue 11).
    assert [f.code for f in result.findings] == ["table-unknown", "no-football-table"]


@pytest.fixture
def tsv_front_end() -> Iterator[None]:
    frontends.register(TsvFrontEnd())
    try:
        yield
    finally:
        frontends.unregister("tsv")


def _frames(data: bytes, path: str) -> dict[str, pd.DataFrame]:
    return assemble(parse_pages([RawPage("2004_copa_peru", path, data)])).frames


def test_a_plugin_front_end_gives_the_seed_outputs(tsv_front_end: None) -> None:
    seed = SEED.read_bytes()
    doc, _ = read_document(seed, "2004_copa_peru", "raw/2004_copa_peru.txt")
    tsv = render_tsv(doc).encode()
    again, _ = read_document(tsv, "2004_copa_peru", "raw/2004_copa_peru.tsv")
    assert again.rendering == "tsv"  # chosen by its content
    text_frames = _frames(seed, "raw/2004_copa_peru.txt")
    tsv_frames = _frames(tsv, "raw/2004_copa_peru.tsv")
    for name in ("standings", "matches", "ties"):
        a = text_frames[name].drop(columns="source_line")
        b = tsv_frames[name].drop(columns="source_line")
        assert len(a) and a.to_dict("records") == b.to_dict("records"), name

    def meaning(frames: dict[str, pd.DataFrame]) -> list[tuple[object, ...]]:
        f = frames["findings"]
        # The TSV rendering does not mark a navbox: it is skipped as an unknown table.
        f = f[~f["code"].isin(["navbox-skipped", "table-unknown"])]
        cols = ["severity", "code", "table_id", "team", "field", "stated", "computed"]
        return sorted(tuple(r) for r in f[cols].itertuples(index=False))

    assert meaning(text_frames) == meaning(tsv_frames)
    assert ("warning", "standings-vs-results") in {r[:2] for r in meaning(tsv_frames)}


def test_content_chooses_the_front_end_and_says_so_when_the_suffix_disagrees(
    tsv_front_end: None,
) -> None:
    data = "#tsv A page\n= Final\n!\tTeam 1\tScore\tTeam 2\nAlpha\t1–0\tBeta\n".encode()
    doc, findings = read_document(data, "page", "raw/page.txt")
    assert doc.rendering == "tsv"
    assert [(f.code, f.severity, f.line) for f in findings] == [("front-end-by-content", "info", 1)]
    assert "text" in findings[0].message and "tsv" in findings[0].message
    # Content no markup claims is text, whatever its suffix.
    plain, found = read_document(b"A page\nFinal\n", "page", "raw/page.tsv")
    assert plain.rendering == "none"
    assert [f.code for f in found] == ["front-end-by-content", "heading-without-table"]


def test_a_plugin_kind_reads_row_lines_without_a_rule_too(scorers_plugin: None) -> None:
    page = SCORERS_PAGE.replace("|---|---|\n", "")
    result = parse_pages([RawPage("scorers", "scorers.txt", page.encode())])[0]
    (table,) = result.tables
    assert (table.kind, table.rows, table.cells_unused) == ("top_scorers", 3, 0)
    assert [(r.team, r.goals) for r in table.records("scorers")] == [  # type: ignore[attr-defined]
        ("Alpha", 21), ("Beta", 75), ("Gamma", 9),
    ]  # fmt: skip

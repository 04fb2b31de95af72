"""The README's analyst example runs against a real `clean/` and answers its questions."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).parent.parent
SEED = Path(__file__).parent / "fixtures" / "2004_copa_peru.txt"


def test_the_analyst_example_runs_on_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For analysts", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    (tmp_path / "raw").mkdir()
    shutil.copy(SEED, tmp_path / "raw" / SEED.name)
    monkeypatch.chdir(tmp_path)
    main(["extract", "raw", "--out", "clean", "--quiet"])
    capfd.readouterr()
    exec(compile(code, "README.md", "exec"), {})
    shown = capfd.readouterr().out
    # DuckDB's table of ties on penalties (none on the seed), the seed's four contradictions
    # (two teams, two fields each), and the sections it has no table for.
    assert "team1_penalties" in shown and "0 rows" in shown
    assert shown.count("Defensor Villa del Mar") == 2 and shown.count("Somos Aduanas") == 2
    assert "Regional Stage › Region VII" in shown and "National Stage" in shown

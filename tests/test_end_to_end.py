"""End to end through the CLI: raw/ -> clean/, read back with pandas and DuckDB, reproducible."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import cli
from tests import contract_check
from tests.conftest import FIXTURES, SEED


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture page extracted once into a temporary clean/."""
    root = tmp_path_factory.mktemp("run")
    raw = root / "raw"
    shutil.copytree(FIXTURES, raw)
    out = root / "clean"
    assert cli.main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    return out


def test_extract_writes_every_contract_file(extracted: Path) -> None:
    assert contract_check.check(extracted) == []
    for name in ("report.md", "report.json", "junit.xml"):
        assert (extracted / name).stat().st_size > 0


def test_outputs_read_back_with_pandas_keep_integer_types(extracted: Path) -> None:
    matches = pd.read_parquet(extracted / "matches.parquet")
    assert str(matches["home_goals"].dtype) in {"Int64", "int64"}
    text_pages = {p.stem for p in FIXTURES.rglob("*.txt")}
    walkovers = matches[(matches["status"] == "walkover") & matches["page"].isin(text_pages)]
    assert len(walkovers) == 3 and walkovers["home_goals"].isna().all()
    schema = pq.read_schema(extracted / "matches.parquet")
    assert str(schema.field("home_goals").type) == "int64"
    pages = pd.read_parquet(extracted / "pages.parquet")
    # Folders are read recursively, text, HTML and wikitext pages alike.
    read = [p for suffix in ("*.txt", "*.html", "*.wikitext") for p in FIXTURES.rglob(suffix)]
    assert len(pages) == len(read)
    assert set(pages.loc[pages["truncated"], "page"]) == {
        "2012_ligas_departamentales_peru__rows_excerpt",
        "2022_copa_peru_femenina__mobile_excerpt",
        "2022_ligas_departamentales_peru__excerpt",
        "2025_copa_peru__excerpt",
        "2024_ligas_departamentales_peru__riteme",  # its last row is cut: `Virgen`
    }


def test_outputs_query_with_duckdb(extracted: Path) -> None:
    con = duckdb.connect()
    path = (extracted / "matches.parquet").as_posix()
    n, nulls = con.execute(
        f"select count(*), count(*) filter (where home_goals is null) from '{path}' "
        "where page = '2004_copa_peru'"
    ).fetchone()  # type: ignore[misc]
    assert (n, nulls) == (237, 3)
    kind = con.execute(f"select typeof(home_goals) from '{path}' limit 1").fetchone()
    assert kind == ("BIGINT",)
    standings = (extracted / "standings.parquet").as_posix()
    row = con.execute(
        f"select team, section, notes from '{standings}' where team = 'Sporting Cristal B' "
        "and page = '2004_copa_peru'"
    ).fetchone()
    assert row == ("Sporting Cristal B", ["Regional Stage", "Region VI"], ["note 1"])


def test_tables_account_for_every_cell(extracted: Path) -> None:
    tables = pd.read_parquet(extracted / "tables.parquet")
    assert (
        tables["cells"] == tables["cells_layout"] + tables["cells_data"] + tables["cells_unused"]
    ).all()
    football = tables[tables["kind"] != "unknown"]
    seed = football[football["page"] == "2004_copa_peru"]
    assert (seed["cells_unused"] == 0).all()


def test_reports_name_file_and_line(extracted: Path) -> None:
    report = (extracted / "report.md").read_text(encoding="utf-8")
    assert "2004_copa_peru.txt:1307" in report  # Defensor Villa del Mar's row
    assert "CC BY-SA 4.0" in report
    doc = json.loads((extracted / "report.json").read_text(encoding="utf-8"))
    warnings = [f for f in doc["findings"] if f["severity"] == "warning"]
    assert all(isinstance(f["source_line"], int) and f["source_line"] >= 1 for f in warnings)
    # A test case per warning (skipped without --strict) and per table with none, all passing.
    suite = ET.parse(extracted / "junit.xml").getroot()
    tables = pd.read_parquet(extracted / "tables.parquet")
    findings = pd.read_parquet(extracted / "findings.parquet")
    warned = findings[findings["severity"] == "warning"]
    clean_tables = len(set(tables["table_id"]) - set(warned["table_id"].dropna()))
    assert int(suite.get("tests", "0")) == clean_tables + len(warned)
    assert (suite.get("failures"), suite.get("skipped")) == ("0", str(len(warned)))


def test_two_runs_give_byte_identical_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert cli.main(["extract", str(SEED), "--out", str(tmp_path / name), "--quiet"]) == 0
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_interrupted_write_leaves_previous_clean_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "clean"
    assert cli.main(["extract", str(SEED), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    real = pq.write_table

    def dies_midway(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C mid-run
        real(*args, **kwargs)

    monkeypatch.setattr(pq, "write_table", dies_midway)
    with pytest.raises(KeyboardInterrupt):
        cli.main(["extract", str(SEED), "--out", str(out), "--quiet"])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # No temporary folder left; the lock file stays beside the output (it holds no lock).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".clean.lock", "clean"]


def test_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["extract", str(SEED), "--out", str(tmp_path / "c"), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "4 warning" in out and "report:" in out


def test_check_prints_file_line_severity_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(SEED)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"{SEED}:1307: warning[standings-vs-results] Defensor Villa del Mar" in "\n".join(lines)
    assert all(line.startswith(f"{SEED}:") for line in lines)


@pytest.mark.parametrize("argv", [[], ["extract"], ["check"]], ids=["main", "extract", "check"])
def test_every_command_has_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*argv, "--help"])
    assert exit_info.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_missing_input_is_a_clear_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["extract", str(tmp_path / "nope"), "--out", str(tmp_path / "c")])
    assert code == 2
    err = capsys.readouterr().err
    assert "no such file or folder" in err and "Traceback" not in err


def test_binary_and_empty_inputs_give_findings(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (raw / "empty.txt").write_bytes(b"")
    assert cli.main(["extract", str(raw), "--out", str(tmp_path / "c"), "--quiet"]) == 0
    findings = pd.read_parquet(tmp_path / "c" / "findings.parquet")
    assert set(zip(findings["page"], findings["code"], strict=True)) == {
        ("binary", "binary-input"),
        ("empty", "empty-input"),
    }


def test_readme_documents_every_finding_code() -> None:
    from pipeline.findings import builtin_kinds

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert [k.code for k in builtin_kinds() if f"`{k.code}`" not in readme] == []


def test_an_input_with_no_pages_exits_2_and_leaves_out_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "notes.md").write_text("not a page\n", encoding="utf-8")
    out = tmp_path / "clean"
    assert cli.main(["extract", str(raw / ".." / "raw"), "--out", str(out), "--quiet"]) == 2
    assert not out.exists()
    (raw / "p.txt").write_text("A page\n", encoding="utf-8")
    assert cli.main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (raw / "p.txt").unlink()
    assert cli.main(["extract", str(raw), "--out", str(out), "--quiet"]) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert "left as it was" in capsys.readouterr().err


def test_a_terminal_that_cannot_show_a_name_gets_it_escaped(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "check", str(SEED)],
        capture_output=True, text=True, encoding="ascii", env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Jos\\xe9 G\\xe1lvez" in run.stdout and "Traceback" not in run.stderr


def test_help_and_version_import_no_pandas() -> None:
    # Issue 15's start-up target: `--help` and `--version` need none of pandas, pyarrow,
    # pandera or lxml (their time is printed by `make bench`, never asserted here).
    import subprocess
    import sys

    probe = (
        "import sys\nfrom pipeline.cli import main\n"
        "for argv in (['--version'], ['--help'], ['extract', '--help']):\n"
        "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
        "heavy = sorted(m for m in ('pandas', 'pyarrow', 'pandera', 'lxml') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        cwd=Path(__file__).parent.parent,
    )  # fmt: skip
    assert done.stdout.strip().splitlines()[-1] == "HEAVY []"

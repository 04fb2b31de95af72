"""The Python API: `extract` returns the frames the CLI writes, writes nothing, and fails clearly;
`recompute_standings` gives the values the cross-check compares with."""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import get_args

import pandas as pd
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline import Extraction, InputError, cli, extract, recompute_standings, storage
from pipeline.checks.results import POLICIES
from pipeline.frames import to_arrow
from pipeline.outputs import outputs
from pipeline.page import PageResult
from pipeline.rules import POINTS_PER_WIN_RULES, STAT_FIELDS
from tests.conftest import SEED

SEED_SHOWN = "tests/fixtures/2004_copa_peru.txt"  # pages.path of the seed (inside the repo)
REPO = Path(__file__).resolve().parent.parent
TINY = "A page\nFinal\n| Team 1 | Score | Team 2 |\n|---|---|---|\n| A | 1–0 | B |\n"
SEED_WARNINGS = [
    ("warning", "standings-vs-results", "Defensor Villa del Mar", "goal_difference", "-13", "-12"),
    ("warning", "standings-vs-results", "Defensor Villa del Mar", "goals_for", "22", "23"),
    ("warning", "standings-vs-results", "Somos Aduanas", "goal_difference", "-20", "-21"),
    ("warning", "standings-vs-results", "Somos Aduanas", "goals_against", "43", "44"),
]


@pytest.fixture(scope="module")
def by_path() -> Extraction:
    """The seed, extracted from its path (once for the module)."""
    return extract(SEED)


def _serious(
    x: Extraction,
) -> list[tuple[str, str, str | None, str | None, str | None, str | None]]:
    return sorted(
        (f.severity, f.code, f.team, f.field, f.stated, f.computed)
        for f in x.list_findings("error", "warning")
    )


def _assert_same_frames(a: Extraction, b: Extraction) -> None:
    assert list(a.frames) == list(b.frames)
    for name in a.frames:
        pd.testing.assert_frame_equal(a.frames[name], b.frames[name], obj=name)


# --- extract -------------------------------------------------------------------------------


def test_extract_by_path_and_by_name_and_bytes_gives_identical_frames(
    by_path: Extraction,
) -> None:
    by_bytes = extract([(SEED_SHOWN, SEED.read_bytes())])
    _assert_same_frames(by_path, by_bytes)
    assert list(by_path.pages["path"]) == [SEED_SHOWN]


def test_extract_gives_one_frame_per_output_in_the_order_they_are_written(
    by_path: Extraction,
) -> None:
    assert list(by_path.frames) == [o.name for o in outputs()]
    for name in ("pages", "tables", "standings", "matches", "ties", "findings"):
        assert getattr(by_path, name) is by_path.frames[name]
    assert (len(by_path.pages), len(by_path.standings)) == (1, 32)
    assert repr(by_path).startswith("Extraction(pages=1, tables=")


def test_extract_finds_the_seeds_four_standings_vs_results_warnings(by_path: Extraction) -> None:
    assert _serious(by_path) == SEED_WARNINGS
    first = by_path.list_findings("warning")[0]
    assert first.format().startswith(f"{SEED_SHOWN}:1307: warning[standings-vs-results] ")
    assert first.candidate_lines == (1347, 1474)
    assert len(by_path.list_findings()) == len(by_path.findings)


def test_an_unknown_severity_is_refused(by_path: Extraction) -> None:
    with pytest.raises(ValueError, match="no severity"):
        by_path.list_findings("fatal")  # type: ignore[arg-type]


def test_the_frames_are_those_the_cli_writes_for_the_same_folder(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "more").mkdir(parents=True)
    shutil.copy(SEED, raw / SEED.name)
    (raw / "more" / "tiny.txt").write_text(TINY, encoding="utf-8")
    (raw / "notes.md").write_text("not a page\n", encoding="utf-8")  # skipped, as by the CLI
    x = extract(raw)
    assert list(x.pages["path"]) == ["raw/2004_copa_peru.txt", "raw/more/tiny.txt"]
    assert _serious(x) == SEED_WARNINGS
    out = tmp_path / "clean"
    assert cli.main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    for name, frame in x.frames.items():
        assert to_arrow(name, frame).equals(pq.read_table(out / f"{name}.parquet")), name


def test_paths_and_pairs_mix_and_a_single_source_needs_no_list(tmp_path: Path) -> None:
    (tmp_path / "on_disk.txt").write_text(TINY, encoding="utf-8")
    mixed = extract([str(tmp_path / "on_disk.txt"), ("memory.txt", TINY.encode())])
    assert list(mixed.pages["page"]) == ["memory", "on_disk"]
    assert list(mixed.pages["path"]) == ["memory.txt", f"{tmp_path.name}/on_disk.txt"]
    single = extract(("tiny.txt", TINY.encode()))
    assert list(single.matches["home_team"]) == ["A"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "tiny.txt").write_text(TINY, encoding="utf-8")
    x = extract([tmp_path / "tiny.txt", str(tmp_path), tmp_path / "." / "tiny.txt"])
    assert list(x.pages["path"]) == [f"{tmp_path.name}/tiny.txt"]
    assert len(x.matches) == 1


def test_the_same_article_in_two_renderings_is_two_pages_named_by_file_name() -> None:
    x = extract([("x.txt", TINY.encode()), ("x.wiki", TINY.encode())])
    assert list(x.pages["page"]) == ["x.txt", "x.wiki"]


def test_two_sources_of_one_page_name_are_refused() -> None:
    with pytest.raises(InputError, match=re.escape("a/x.txt and b/x.txt would both be page 'x'")):
        extract([("a/x.txt", b""), ("b/x.txt", b"")])


def test_bad_bytes_give_findings_never_an_exception() -> None:
    x = extract(
        [
            ("junk.txt", bytes(range(256)) * 10),
            ("utf16.html", b"\xff\xfe<table><tr><td>"),
            ("empty.txt", b""),
        ]
    )
    assert list(x.pages["page"]) == ["empty", "junk", "utf16"]
    assert set(x.findings["page"]) == {"empty", "junk", "utf16"}
    assert {"binary-input", "empty-input"} <= set(x.findings["code"])


def test_no_sources_give_empty_frames_with_every_column() -> None:
    x = extract([])
    for out in outputs():
        assert list(x.frames[out.name].columns) == [n for n, _ in out.columns()]
        assert x.frames[out.name].empty


def test_a_missing_path_is_an_input_error_naming_it(tmp_path: Path) -> None:
    assert InputError is storage.InputError  # the CLI's: it exits 2 with the same message
    with pytest.raises(InputError, match=r"no such file or folder: .*nope\.txt"):
        extract([SEED, tmp_path / "nope.txt"])


def test_a_folder_without_pages_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not a page\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no pages \(.*\) under"):
        extract(tmp_path)


def test_a_fifo_is_refused_as_storage_refuses_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):
        extract(tmp_path / "pipe.txt")


@pytest.mark.parametrize("name", ["", "folder/", "a\nb.txt"])
def test_a_pair_needs_a_file_name_without_line_breaks(name: str) -> None:
    with pytest.raises(InputError):
        extract((name, b"x"))


def test_a_source_of_another_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"\(name, bytes\) pair"):
        extract(b"Final\n")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not int"):
        extract([SEED, 3])  # type: ignore[list-item]


def test_the_extraction_is_frozen_and_its_mapping_read_only(by_path: Extraction) -> None:
    with pytest.raises(FrozenInstanceError):
        by_path.frames = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        by_path.frames["pages"] = by_path.pages  # type: ignore[index]


_RECORDED: list[list[str]] = []  # the lists recording now (the hook stays; lists come and go)
_HOOKED: list[bool] = []  # the hook is added once a process
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGES = {"os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.link", "os.symlink",
            "os.truncate", "os.chmod", "shutil.rmtree", "shutil.copyfile"}  # fmt: skip


def _audit(event: str, args: tuple[object, ...]) -> None:
    if not _RECORDED:
        return
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        flags = args[2]
        if isinstance(flags, int) and flags & _WRITING:
            _RECORDED[-1].append(f"open {args[0]!r} {args[1]!r}")
    elif event in _CHANGES:
        _RECORDED[-1].append(f"{event} {args!r}")


@contextmanager
def recording_writes() -> Iterator[list[str]]:
    """Record every file-system change Python makes inside the block (an audit hook, PEP 578;
    hooks cannot be removed, so one is added once and records only inside a block)."""
    if not _HOOKED:
        sys.addaudithook(_audit)
        _HOOKED.append(True)
    recorded: list[str] = []
    _RECORDED.append(recorded)
    try:
        yield recorded
    finally:
        _RECORDED.remove(recorded)


def test_extract_writes_nothing_even_with_a_read_only_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "read-only"
    (folder / "raw").mkdir(parents=True)
    shutil.copy(SEED, folder / "raw" / SEED.name)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    folder.chmod(0o555)
    monkeypatch.chdir(folder)
    try:
        with recording_writes() as writes:
            x = extract(["raw", ("memory.txt", TINY.encode())])
    finally:
        folder.chmod(0o755)  # so that pytest can remove it
    assert _serious(x) == SEED_WARNINGS
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert writes == []
    with recording_writes() as control:  # the recorder sees a write where there is one
        (tmp_path / "written.txt").write_text("x", encoding="utf-8")
    assert control and "written.txt" in control[0]


def test_importing_the_api_loads_neither_pandas_nor_the_parser() -> None:
    code = (
        "import sys, pipeline\n"
        "from pipeline import Extraction, Finding, extract, recompute_standings\n"
        "heavy = ('pandas', 'pyarrow', 'pandera', 'pipeline.page')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert (run.returncode, run.stdout.strip(), run.stderr) == (0, "[]", "")


def test_every_public_name_resolves_and_others_are_attribute_errors() -> None:
    for name in pipeline.__all__:
        assert getattr(pipeline, name) is not None, name
        assert name in dir(pipeline)
    with pytest.raises(AttributeError, match="no attribute 'extrcat'"):
        pipeline.extrcat  # type: ignore[attr-defined]  # noqa: B018


def test_the_package_says_it_is_typed() -> None:
    assert (Path(pipeline.__file__).parent / "py.typed").is_file()


# --- recompute_standings --------------------------------------------------------------------


def test_recompute_standings_reproduces_the_matrix_values_the_check_uses(
    by_path: Extraction,
) -> None:
    computed = recompute_standings(by_path.matches)
    dvm = computed[computed["team"] == "Defensor Villa del Mar"].iloc[0]
    assert (dvm["table_id"], dvm["goals_for"], dvm["goal_difference"]) == (
        "2004_copa_peru#11",
        23,
        -12,
    )
    both = by_path.standings.merge(computed, on=["table_id", "team"], suffixes=("", "_c"))
    assert len(both) == len(by_path.standings) == len(computed)
    disagree = sorted(
        (str(row["team"]), field, str(row[field]), str(row[f"{field}_c"]))
        for _, row in both.iterrows()
        for field in STAT_FIELDS
        if row[field] != row[f"{field}_c"]
    )
    # Exactly the check's four disagreements, with the values it computed.
    assert disagree == sorted((t, f, s, c) for _, _, t, f, s, c in SEED_WARNINGS)


def test_recompute_standings_from_match_values_counts_them_as_one_table(
    seed: PageResult, by_path: Extraction
) -> None:
    table = next(t for t in seed.tables if t.table_id == "2004_copa_peru#11")
    from_values = recompute_standings(table.matches)
    from_frame = recompute_standings(by_path.matches)
    from_frame = from_frame[from_frame["table_id"] == table.table_id].reset_index(drop=True)
    assert from_values["table_id"].isna().all()
    pd.testing.assert_frame_equal(
        from_values.drop(columns="table_id"), from_frame.drop(columns="table_id")
    )


def _meetings() -> pd.DataFrame:
    """A beat B 2–1; A–C a walkover; B–C not played; a leg of a tie (not a matrix cell)."""
    return pd.DataFrame(
        {
            "table_id": ["p#1", "p#1", "p#1", "p#2"],
            "kind": ["league", "league", "league", "leg_1"],
            "home_team": ["A", "A", "B", "A"],
            "away_team": ["B", "C", "C", "B"],
            "home_goals": pd.array([2, None, None, 5], dtype="Int64"),
            "away_goals": pd.array([1, None, None, 0], dtype="Int64"),
            "status": ["played", "walkover", "not_played", "played"],
        }
    )


SHOWN = ("played", "won", "drawn", "lost", "goals_for", "goals_against", "points")


def _row(frame: pd.DataFrame, team: str) -> tuple[int, ...]:
    """A team's SHOWN counts."""
    row = frame[frame["team"] == team].iloc[0]
    return tuple(int(row[c]) for c in SHOWN)


def test_walkovers_and_unplayed_meetings_are_ignored_by_default_as_the_check_first_tries() -> None:
    computed = recompute_standings(_meetings())
    assert list(computed["team"]) == ["A", "B", "C"]  # order of appearance; legs not counted
    assert _row(computed, "A") == (1, 1, 0, 0, 2, 1, 3)
    assert _row(computed, "C") == (0, 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("policy", "a", "c"),
    [
        ("played", (2, 1, 0, 0, 2, 1, 3), (2, 0, 0, 0, 0, 0, 0)),
        ("home-win", (2, 2, 0, 0, 5, 1, 6), (2, 0, 0, 2, 0, 6, 0)),
        ("away-win", (2, 1, 0, 1, 2, 4, 3), (2, 2, 0, 0, 6, 0, 6)),
    ],
)
def test_walkovers_count_under_the_policy_asked_for(
    policy: pipeline.WalkoverPolicy, a: tuple[int, ...], c: tuple[int, ...]
) -> None:
    computed = recompute_standings(_meetings(), walkovers=policy)
    assert (_row(computed, "A"), _row(computed, "C")) == (a, c)


def test_the_walkover_policies_are_the_checks() -> None:
    assert set(get_args(pipeline.WalkoverPolicy)) == set(POLICIES)


def test_points_follow_points_for_win_and_other_kinds_count_when_asked() -> None:
    default = inspect.signature(recompute_standings).parameters["points_for_win"].default
    assert default == POINTS_PER_WIN_RULES[0]
    two = recompute_standings(_meetings(), points_for_win=2)
    assert _row(two, "A")[-1] == 2
    legs = recompute_standings(_meetings(), kinds={"leg_1"})
    assert list(legs["table_id"]) == ["p#2", "p#2"] and _row(legs, "A")[4] == 5


def test_a_frame_without_the_needed_columns_or_a_bad_policy_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="lacks away_goals, status"):
        recompute_standings(_meetings().drop(columns=["away_goals", "status"]))
    with pytest.raises(ValueError, match="choose one of ignored, played"):
        recompute_standings(_meetings(), walkovers="forfeit")  # type: ignore[arg-type]


def test_a_frame_without_table_or_kind_counts_as_one_table_of_matrix_cells() -> None:
    bare = _meetings().drop(columns=["table_id", "kind"]).iloc[:3]
    computed = recompute_standings(bare)
    assert computed["table_id"].isna().all() and _row(computed, "A") == (1, 1, 0, 0, 2, 1, 3)
    as_floats = bare.astype({"home_goals": "float64", "away_goals": "float64"})  # a CSV's
    pd.testing.assert_frame_equal(recompute_standings(as_floats), computed)


def test_matches_of_another_type_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="not dict"):
        recompute_standings([{"home_team": "A"}])  # type: ignore[list-item]


# --- the README's example --------------------------------------------------------------------


def test_the_readme_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "raw").mkdir()
    shutil.copy(SEED, tmp_path / "raw" / SEED.name)
    monkeypatch.chdir(tmp_path)
    # --- verbatim from README.md ---
    from pipeline import extract, recompute_standings

    x = extract("raw")  # files, folders or (name, bytes) pairs; nothing is written
    print(x)  # Extraction(pages=1, tables=12, standings=32, matches=237, ties=9, findings=36)
    for finding in x.list_findings("error", "warning"):
        print(finding.format())  # file:line: severity[code] message

    # Each team's record from its results, as the cross-check computes it: the page's
    # standings row says GF 22 and GD -13 where its results give 23 and -12.
    computed = recompute_standings(x.matches)
    team = computed[computed.team == "Defensor Villa del Mar"]
    print(team[["team", "goals_for", "goal_difference"]])
    # --- end of the example ---
    shown = capsys.readouterr().out
    # The README holds this example, line for line.
    this = Path(__file__).read_text(encoding="utf-8")
    example = this.split("# --- verbatim from README.md ---\n")[1].split("    # --- end")[0]
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert textwrap.dedent(example) in readme
    assert "Extraction(pages=1, tables=12, standings=32, matches=237, ties=9, findings=36)" in shown
    assert "raw/2004_copa_peru.txt:1307: warning[standings-vs-results] Defensor" in shown
    assert shown.count("\n") == 1 + 4 + 2  # the repr, four warnings, a header and one row
    row = shown.splitlines()[-1].split()
    assert row[-2:] == ["23", "-12"] and "Defensor" in row

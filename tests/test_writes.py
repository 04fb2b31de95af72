"""Writing clean/: one-step swap, a lock, cleaning after dead runs, ownership by manifest."""

from __future__ import annotations

import contextlib
import fcntl
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline import cli, storage
from pipeline.run import RawPage, assemble, parse_pages
from tests.conftest import FIXTURES

# An output folder, its files' bytes, and the files of another page's output.
Built = tuple[Path, dict[str, bytes], dict[str, bytes]]

# Two small real pages: each run writes every output, and the step sweep runs many.
SEED = FIXTURES / "2005_peruvian_segunda_division__rows_excerpt.txt"
OTHER = FIXTURES / "2022_copa_peru_femenina__mobile_excerpt.txt"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _extract(page: Path, out: Path, *extra: str) -> int:
    return cli.main(["extract", str(page), "--out", str(out), "--quiet", *extra])


@pytest.fixture
def outputs(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """An output of one page, and what an output of another page looks like."""
    other = tmp_path / "other"
    assert _extract(OTHER, other) == 0
    out = tmp_path / "clean"
    assert _extract(SEED, out) == 0
    return out, _files(out), _files(other)


def _built(page: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a run of one page writes: its Arrow tables and report texts."""
    outputs = assemble(parse_pages([RawPage(page.stem, page.name, page.read_bytes())]))
    return outputs.arrow, outputs.reports


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_write_stopped_at_any_step_leaves_the_previous_or_the_new_output_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:  # a platform without renameat2: the fallback must hold the same promise
        monkeypatch.setattr(storage, "_exchange", lambda a, b: False)
    first, second = _built(SEED), _built(OTHER)
    storage.write_outputs(tmp_path / "a", *first)
    storage.write_outputs(tmp_path / "b", *second)
    before, new = _files(tmp_path / "a"), _files(tmp_path / "b")
    out = tmp_path / "clean"
    seen: list[str] = []
    monkeypatch.setattr(storage, "STEP_HOOK", seen.append)
    storage.write_outputs(out, *second)
    storage.write_outputs(out, *first)
    steps = sorted(set(seen))
    swap = "exchanged" if exchange else "moved aside"
    assert {"written", swap, "retired"} <= set(steps) and len(steps) > 8
    for step in steps:

        def stop(name: str, at: str = step) -> None:
            if name == at:
                raise KeyboardInterrupt(at)  # as a Ctrl-C at this very step

        monkeypatch.setattr(storage, "STEP_HOOK", stop)
        with contextlib.suppress(KeyboardInterrupt):
            storage.write_outputs(out, *second)
        monkeypatch.setattr(storage, "STEP_HOOK", None)
        assert _files(out) in (before, new), step
        # The next write finishes the job and leaves no temporary folder behind.
        storage.write_outputs(out, *first)
        assert _files(out) == before
        assert sorted(p.name for p in tmp_path.iterdir() if "clean" in p.name) == [
            ".clean.lock", "clean",
        ], step  # fmt: skip


def test_the_folders_of_a_killed_run_are_cleaned_and_a_moved_output_put_back(
    tmp_path: Path,
    outputs: Built,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, before, _ = outputs
    (tmp_path / "clean.tmp-999999").mkdir()  # as a run killed with SIGKILL leaves them
    out.rename(tmp_path / "clean.old-999998")  # killed between its two renames
    assert _extract(SEED, out) == 0
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if "clean" in p.name) == [
        ".clean.lock", "clean",
    ]  # fmt: skip
    err = capsys.readouterr().err
    assert "restored" in err and "removed clean.tmp-999999" in err


def test_a_second_run_on_the_same_output_is_refused_naming_the_holder(
    tmp_path: Path,
    outputs: Built,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, before, _ = outputs
    lock = tmp_path / ".clean.lock"
    with open(lock, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        handle.write("4242")
        handle.flush()
        assert _extract(OTHER, out) == 2
    assert "being written by process 4242" in capsys.readouterr().err
    assert _files(out) == before
    assert _extract(OTHER, out, "--wait") == 0  # the lock died with its holder


def test_the_manifest_names_every_file_with_its_hash(
    outputs: Built,
) -> None:
    _, before, _ = outputs
    manifest = json.loads(before["manifest.json"])
    assert sorted(manifest["files"]) == sorted(n for n in before if n != "manifest.json")


def test_a_users_edit_makes_the_folder_not_ours_and_it_is_never_replaced(
    outputs: Built, capsys: pytest.CaptureFixture[str]
) -> None:
    out, _, _ = outputs
    (out / "report.md").write_text("my notes on the run\n", encoding="utf-8")
    assert _extract(OTHER, out) == 2
    assert "report.md" in capsys.readouterr().err
    assert (out / "report.md").read_text(encoding="utf-8") == "my notes on the run\n"


def test_a_file_saved_into_out_during_a_run_is_kept_and_named(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    outputs: Built,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, _, new = outputs

    def save_a_file(name: str) -> None:
        if name == "written":
            (out / "draft.txt").write_text("saved while the run was writing\n", encoding="utf-8")

    monkeypatch.setattr(storage, "STEP_HOOK", save_a_file)
    assert _extract(OTHER, out) == 0
    assert _files(out) == new
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("clean.kept-")]
    assert len(kept) == 1 and (kept[0] / "draft.txt").exists()
    assert "kept the previous output" in capsys.readouterr().err

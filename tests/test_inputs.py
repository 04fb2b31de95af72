"""The shell's inputs: folders read recursively and sorted, only regular files, clear refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli, storage

PAGE = "A page\nFinal\n| Team 1 | Score | Team 2 |\n|---|---|---|\n| A | 1–0 | B |\n"


def _run(*args: str) -> int:
    return cli.main(["extract", *args, "--quiet"])


def test_folders_are_read_recursively_in_sorted_order_and_other_files_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    (raw / "b" / "deep").mkdir(parents=True)
    (raw / "a").mkdir()
    (raw / "b" / "deep" / "z.TXT").write_text(PAGE, encoding="utf-8")
    (raw / "a" / "y.txt").write_text(PAGE, encoding="utf-8")
    (raw / "notes.md").write_text("not a page\n", encoding="utf-8")
    (raw / "b" / "image.png").write_bytes(b"\x89PNG")
    out = tmp_path / "clean"
    assert _run(str(raw), "--out", str(out)) == 0
    pages = pd.read_parquet(out / "pages.parquet")
    assert list(pages.path) == ["raw/a/y.txt", "raw/b/deep/z.TXT"]
    err = capsys.readouterr().err
    assert "skipped 2 file(s) no front end reads" in err and "notes.md" in err


def test_a_fifo_is_refused_never_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "p.txt").write_text(PAGE, encoding="utf-8")
    fifo = raw / "pipe.txt"
    os.mkfifo(fifo)
    out = tmp_path / "clean"
    assert _run(str(raw), "--out", str(out)) == 0  # in a folder: passed by, named
    assert "pipe.txt" in capsys.readouterr().err
    assert _run(str(fifo), "--out", str(tmp_path / "other")) == 2  # named: refused
    assert "not a regular file" in capsys.readouterr().err
    assert not (tmp_path / "other").exists()


def test_a_symlink_loop_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "p.txt").write_text(PAGE, encoding="utf-8")
    (raw / "loop").symlink_to(raw, target_is_directory=True)
    assert _run(str(raw), "--out", str(tmp_path / "clean")) == 2
    err = capsys.readouterr().err
    assert "symlink loop" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "bad", [b"bad\xffname.txt", b"two\nlines.txt"], ids=["not-utf8", "newline"]
)
def test_a_name_that_is_not_utf8_or_holds_a_newline_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: bytes
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    with open(os.path.join(os.fsencode(raw), bad), "wb") as handle:
        handle.write(PAGE.encode())
    assert _run(str(raw), "--out", str(tmp_path / "clean")) == 2
    assert "rename it" in capsys.readouterr().err
    assert not (tmp_path / "clean").exists()


def test_an_unlistable_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # CI runs as root, where chmod proves nothing: the listing itself is made to fail.
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "p.txt").write_text(PAGE, encoding="utf-8")

    def refuse(self: Path) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert _run(str(raw), "--out", str(tmp_path / "clean")) == 2
    assert f"cannot list folder {raw}: Permission denied" in capsys.readouterr().err


def test_check_follows_the_same_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert cli.main(["check", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert storage.find_inputs([tmp_path]).skipped == (fifo,)

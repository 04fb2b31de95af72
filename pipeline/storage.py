"""Read raw files and write clean/ atomically: the only module that touches the disk."""

from __future__ import annotations

import os
import shutil
import stat as stat_module
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import ids
from pipeline.frontends import suffixes
from pipeline.frontends.text.decode import MAX_BYTES
from pipeline.outputs import outputs
from pipeline.run import REPORT_NAMES, RawPage


def output_names() -> set[str]:
    """Every file a run writes into the output folder."""
    return {f"{o.name}.parquet" for o in outputs()} | set(REPORT_NAMES)


# The repository this package runs from (pages.path is relative to it for files inside it).
_HERE = Path(__file__).resolve().parent.parent
REPO_ROOT: Path | None = _HERE if (_HERE / "pyproject.toml").is_file() else None


class InputError(Exception):
    """An input that cannot be listed or read as a page (the CLI exits 2 with its message)."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """The raw files found, each with the input it came from, and the other files passed by."""

    files: tuple[tuple[Path, Path], ...]
    skipped: tuple[Path, ...]


def find_inputs(paths: list[Path]) -> Inputs:
    """List the raw files named: files as given, folders recursively in sorted order by the
    suffixes front ends read (any case). Only regular files are read: a FIFO or a device is
    refused, never waited on; a symlink loop, an unlistable folder or a name that is not UTF-8
    or holds a newline is an `InputError` with a clear message."""
    readable = set(suffixes())
    found: list[tuple[Path, Path]] = []
    skipped: list[Path] = []
    for given in paths:
        if not given.is_dir():
            _check_file(given)
            found.append((given, given))
            continue
        seen: set[tuple[int, int]] = set()
        for path in _walk(given, seen):
            if path.suffix.lower() in readable and _is_regular(path):
                found.append((path, given))
            else:
                skipped.append(path)
    return Inputs(tuple(found), tuple(skipped))


def _walk(folder: Path, seen: set[tuple[int, int]]) -> list[Path]:
    """Every entry below a folder, sorted, following symlinked folders once (no loops)."""
    try:
        stat = folder.stat()
    except OSError as err:
        raise InputError(f"cannot read folder {folder}: {err.strerror or err}") from err
    key = (stat.st_dev, stat.st_ino)
    if key in seen:
        raise InputError(f"{folder} links back into a folder already read (a symlink loop)")
    seen.add(key)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as err:
        raise InputError(f"cannot list folder {folder}: {err.strerror or err}") from err
    out: list[Path] = []
    for entry in entries:
        _check_name(entry)
        if entry.is_dir():
            out.extend(_walk(entry, seen))
        else:
            out.append(entry)
    seen.discard(key)
    return out


def _check_name(path: Path) -> None:
    name = path.name
    if "\n" in name or "\r" in name:
        raise InputError(f"a file name holds a line break: {name!r}; rename it")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError as err:  # undecodable bytes, surrogate-escaped by os.listdir
        raise InputError(f"a file name is not UTF-8: {name!r}; rename it") from err


def _is_regular(path: Path) -> bool:
    try:
        return stat_module.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _check_file(path: Path) -> None:
    _check_name(path)
    try:
        mode = path.stat().st_mode
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from err
    if not stat_module.S_ISREG(mode):
        raise InputError(f"{path} is not a regular file (a FIFO, device or socket): not read")


def display_path(file: Path, given: Path) -> str:
    """pages.path (contract v2): relative to the repository root when the file is inside it,
    else relative to the parent of the input folder it was found in; never to the cwd."""
    resolved = file.resolve()
    if REPO_ROOT is not None and REPO_ROOT in resolved.parents:
        return resolved.relative_to(REPO_ROOT).as_posix()
    folder = given.resolve() if given.is_dir() else resolved.parent
    try:
        return resolved.relative_to(folder.parent).as_posix()
    except ValueError:  # a symlinked input resolving elsewhere: its own folder's parent
        return resolved.relative_to(resolved.parent.parent).as_posix()


def read_page(path: Path, shown: str | None = None) -> RawPage:
    """Read one raw file's bytes, at most one past the size limit (bounded memory).

    `shown` is the path people see (default: as given). I/O errors propagate: the CLI
    reports them.
    """
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    return RawPage(page=ids.page_id(path.name), path=shown or path.as_posix(), data=data)


def unsafe_output(out: Path, inputs: list[Path]) -> str | None:
    """Say why `out` must not be replaced, or None: only a folder of our own outputs is."""
    target = out.resolve()
    if target.exists() and not target.is_dir():
        return f"{out} is a file, not an output folder"
    cwd = Path.cwd().resolve()
    if target == cwd or target in cwd.parents:
        return f"{out} holds the working folder; it would be replaced whole"
    for path in inputs:
        resolved = path.resolve()
        if resolved == target or target in resolved.parents:
            return f"{out} holds the input {path}; it would be replaced whole"
    if target.is_dir():
        foreign = sorted(p.name for p in target.iterdir() if p.name not in output_names())
        if foreign:
            shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
            return f"{out} holds files that are not outputs of this tool ({shown})"
    return None


def write_outputs(out: Path, arrow: dict[str, pa.Table], reports: dict[str, str]) -> None:
    """Write every file into a temporary folder beside `out`, then swap it in whole.

    An interrupted run leaves the previous `out` untouched (contract: replaced at once).
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f"{out.name}.tmp-{os.getpid()}"
    old = out.parent / f"{out.name}.old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for name, table in arrow.items():
            # Fixed writer options so that the same input gives byte-identical files.
            pq.write_table(
                table,
                tmp / f"{name}.parquet",
                compression="zstd",
                write_statistics=True,
                use_dictionary=True,
            )
        for name, text in reports.items():
            (tmp / name).write_text(text, encoding="utf-8")
        if out.exists():
            out.rename(old)
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not out.exists():
            old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)

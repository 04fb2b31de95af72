"""Read raw files and write clean/ atomically: the only module that touches the disk."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import stat as stat_module
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import ids
from pipeline.frontends import suffixes
from pipeline.frontends.text.decode import MAX_BYTES
from pipeline.outputs import outputs
from pipeline.provenance import HEAD_CHARS
from pipeline.run import REPORT_NAMES, RawPage


def output_names() -> set[str]:
    """Every file a run writes into the output folder."""
    return {f"{o.name}.parquet" for o in outputs()} | set(REPORT_NAMES) | {MANIFEST}


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


def read_page(path: Path, shown: str | None = None, page: str | None = None) -> RawPage:
    """Read one raw file's bytes, at most one past the size limit (bounded memory).

    `shown` is the path people see (default: as given); `page` the page's name (default: the
    file's stem). I/O errors propagate: the CLI reports them.
    """
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    name = page or ids.page_id(path.name)
    return RawPage(page=name, path=shown or path.as_posix(), data=data)


def find_saved(folder: Path, names: Sequence[str], holds: Callable[[str], bool]) -> Path | None:
    """The first of `names` in `folder` whose start `holds` says is what is sought, or None.

    `holds` gets the file's first `HEAD_CHARS` bytes decoded (bad bytes replaced), where a
    provenance comment stands; a name that is missing or unreadable holds nothing.
    """
    for name in names:
        try:
            with (folder / name).open("rb") as handle:
                head = handle.read(HEAD_CHARS).decode("utf-8", "replace")
        except OSError:
            continue
        if holds(head):
            return folder / name
    return None


def write_new(folder: Path, names: Sequence[str], data: bytes) -> Path:
    """Write `data` under the first of `names` free in `folder`; never replace a file.

    Raw files are immutable (cookiecutter-data-science). The bytes go to a temporary file
    beside, then `os.link` gives them the name: the link fails if the name exists, even when
    another process takes it meanwhile, and a reader sees no file or the whole file. Where the
    file system has no hard links, the file is created with O_EXCL and written in place.
    FileExistsError when every name is taken.
    """
    folder.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(dir=folder, prefix=".fetch-", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            mask = os.umask(0)
            os.umask(mask)
            os.fchmod(out.fileno(), 0o666 & ~mask)  # mkstemp's 0600 would pass to the name
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        for name in names:
            try:
                os.link(tmp, folder / name)
            except FileExistsError:
                continue
            except OSError as err:
                if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                    raise
                if _write_exclusive(folder / name, data):
                    return folder / name
                continue
            return folder / name
    finally:
        tmp.unlink(missing_ok=True)
    raise FileExistsError(errno.EEXIST, "every name is taken", str(folder / names[0]))


def _write_exclusive(path: Path, data: bytes) -> bool:
    """Create `path` with O_EXCL and write `data` (removed again if the write fails); False if
    the name exists."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return True


MANIFEST = "manifest.json"
STRAY_RE = re.compile(r"^(?P<name>.+)\.(?P<what>tmp|old)-(?P<pid>\d+)$")
# Test-only injection point: called with the name of each file-system step of a write, so the
# fault tests can stop a run at every step and look at what is left.
STEP_HOOK: Callable[[str], None] | None = None


class OutputBusy(Exception):
    """Another run holds the output folder's lock (the CLI exits 2, or waits with --wait)."""


def _step(name: str) -> None:
    if STEP_HOOK is not None:
        STEP_HOOK(name)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(folder: Path) -> dict[str, str] | None:
    """The output folder's manifest (file name -> SHA-256), or None if it has none."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else None


def foreign_files(folder: Path) -> list[str]:
    """Files of a folder that are not ours: not in its manifest with that hash (a folder of
    an older run without a manifest: not one of our output names)."""
    manifest = read_manifest(folder)
    names = sorted(p.name for p in folder.iterdir())
    if manifest is None:
        return [n for n in names if n not in output_names()]
    return [
        n
        for n in names
        if n != MANIFEST and (n not in manifest or _sha256(folder / n) != manifest[n])
    ]


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
        foreign = foreign_files(target)
        if foreign:
            shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
            return f"{out} holds files that are not outputs of this tool ({shown})"
    return None


@contextmanager
def output_lock(out: Path, wait: bool) -> Iterator[None]:
    """Hold an `fcntl` lock beside `out` while writing; it dies with its process.

    Another run on the same `out` is refused (`OutputBusy`, naming the holder) or, with
    `wait`, waits its turn.
    """
    lock = out.parent / f".{out.name}.lock"
    with open(lock, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as err:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise OutputBusy(f"{out} is being written by process {holder}") from err
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clean_strays(out: Path) -> list[str]:
    """Remove the temporary folders of dead runs beside `out` (we hold the lock, so no live
    run owns one); a previous output a dead run had moved aside is put back first."""
    notes: list[str] = []
    for entry in sorted(out.parent.iterdir()):
        match = STRAY_RE.match(entry.name)
        if not match or match["name"] != out.name or not entry.is_dir():
            continue
        if match["what"] == "old" and not out.exists():
            entry.rename(out)
            notes.append(f"restored {out} from {entry.name} (a run died while swapping)")
            continue
        shutil.rmtree(entry, ignore_errors=True)
        notes.append(f"removed {entry.name}, left by a run that died")
    return notes


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step with renameat2(RENAME_EXCHANGE) (Linux 3.15+, through
    ctypes); False where the platform or file system does not offer it."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def write_outputs(
    out: Path, arrow: dict[str, pa.Table], reports: dict[str, str], wait: bool = False
) -> list[str]:
    """Write every file into a temporary folder beside `out`, then swap it in in one step.

    At every instant `out` is the previous or the new output, whole: the folders are exchanged
    atomically (renameat2), or, where that is missing, renamed twice with the old one put back
    on failure. The old output is deleted only if it holds nothing but its manifest's files;
    else it is kept beside `out` and named. Returns notes for the person running it.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(out, wait):
        notes = _clean_strays(out)
        tmp = out.parent / f"{out.name}.tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            _write_files(tmp, arrow, reports)
            _step("written")
            if not out.exists():
                tmp.rename(out)
                _step("renamed")
                return notes
            if _exchange(tmp, out):
                _step("exchanged")
            else:
                _swap_by_renames(tmp, out)
        except BaseException:
            if tmp.exists() and out.exists():
                shutil.rmtree(tmp, ignore_errors=True)
            raise
        notes.extend(_retire(tmp, out))
        return notes


def _write_files(folder: Path, arrow: dict[str, pa.Table], reports: dict[str, str]) -> None:
    files: dict[str, str] = {}
    for name, table in arrow.items():
        # Fixed writer options so that the same input gives byte-identical files.
        path = folder / f"{name}.parquet"
        pq.write_table(table, path, compression="zstd", write_statistics=True, use_dictionary=True)
        files[path.name] = _sha256(path)
        _step(f"wrote {path.name}")
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
        files[name] = _sha256(folder / name)
        _step(f"wrote {name}")
    manifest = {"files": dict(sorted(files.items()))}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _swap_by_renames(tmp: Path, out: Path) -> None:
    """The fallback swap: out aside, new in, old back on failure."""
    old = out.parent / f"{out.name}.old-{os.getpid()}"
    out.rename(old)
    try:
        _step("moved aside")
        tmp.rename(out)
    except BaseException:
        old.rename(out)
        raise
    old.rename(tmp)  # the old output now sits where the new one was written


def _retire(previous: Path, out: Path) -> list[str]:
    """Delete the previous output, unless it holds files that are not its manifest's."""
    foreign = foreign_files(previous)
    if not foreign:
        shutil.rmtree(previous, ignore_errors=True)
        _step("retired")
        return []
    kept = out.parent / f"{out.name}.kept-{os.getpid()}"
    previous.rename(kept)
    shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
    return [f"kept the previous output as {kept}: it holds files this tool did not write ({shown})"]

"""Long sweeps for `make fuzz` only: mutated real pages, SIGKILLed extracts, 8 MB size cases.

1. `test_mutated_pages_keep_every_invariant`: FUZZ_INPUTS (default 100,000) seeded mutations
   of every fixture page and of a few generated pages; each must parse without raising, book
   every cell once, and book as layout exactly what `expected_layout` allows. Failures are
   collected, shrunk to a few lines and written to fuzz-report.txt (path printed).
2. `test_extract_killed_at_random_leaves_a_whole_output`: KILL_RUNS (default 50) extract runs
   killed with SIGKILL at a random instant; `clean/` must stay the previous or the new output,
   whole, and the next run must finish and leave nothing behind.
3. `test_size_suite_at_8_mb`: every shape of tests/sizes.py within its bounds at 8 MB.

Run one alone, small:
`FUZZ_INPUTS=2000 .venv/bin/python -m pytest -s -m fuzz tests/test_fuzz.py -k mutated`.
"""

from __future__ import annotations

import fcntl
import hashlib
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from hypothesis import HealthCheck, given, settings

from pipeline import storage
from pipeline.page import parse_page
from tests.conftest import FIXTURES
from tests.generator import Quirks, Tournament, quirks, render, tournaments
from tests.sizes import SECONDS_PER_MB, SHAPES, measure
from tests.test_layout_invariant import expected_layout
from tests.test_properties import FRAGMENTS

pytestmark = pytest.mark.fuzz

ROOT = Path(__file__).resolve().parent.parent
FUZZ_INPUTS = int(os.environ.get("FUZZ_INPUTS", "100000"))
KILL_RUNS = int(os.environ.get("KILL_RUNS", "50"))
SEED = int(os.environ.get("FUZZ_SEED", "20250101"))  # change it to explore other inputs
CHUNK = 250  # inputs a worker checks per task: big enough to amortise pickling
KEPT_PER_CHUNK = 5  # failing inputs a chunk sends back whole (all are counted)
GENERATED = "generated/"  # name prefix of the generated source pages
SHOWN = 5  # distinct failures shrunk and shown in the report
REPRO_BYTES = 2048

# ---------------------------------------------------------------------------------------------
# 1. Mutation sweep

# What a mutated cell may become: scores, names, numbers, dashes, nothing.
CELL_TEXTS = (
    "",
    " ",
    "2–1",
    "1–1 (4–2 p)",
    "0-0",
    "W.O.",
    "n.p.",
    "–",
    "−3",
    "+12",
    "7",
    "99",
    "Sport Vallejo",
    "El Tumi",
    "GAL",
    "Pts",
    "Team 1",
    "Agg.",
    "Group B",
)


def _sources() -> list[tuple[str, bytes]]:
    """Every real page under tests/fixtures/, then a few generated ones (cheap, fixed)."""
    pages = [(p.relative_to(FIXTURES).as_posix(), p.read_bytes()) for p in _fixture_pages()]
    generated: list[bytes] = []

    @settings(
        max_examples=24,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(tournaments(), quirks())
    def collect(tournament: Tournament, q: Quirks) -> None:
        generated.append(render(tournament, q).data)

    collect()
    return pages + [(f"{GENERATED}{i}", data) for i, data in enumerate(generated)]


def _fixture_pages() -> list[Path]:
    return sorted(FIXTURES.rglob("*.txt"))


def _pick_line(rng: random.Random, lines: list[bytes]) -> int:
    return rng.randrange(len(lines)) if lines else 0


def _replace_cell(rng: random.Random, line: bytes) -> bytes:
    text = rng.choice(CELL_TEXTS).encode()
    parts = line.split(b"|")
    if len(parts) < 3:  # a cell-per-line cell (or a bare `|`): the whole line is the cell
        return text
    i = rng.randrange(len(parts))
    parts[i] = b" " + text + b" "
    return b"|".join(parts)


def _flip_digit(rng: random.Random, line: bytes) -> bytes:
    digits = [i for i, b in enumerate(line) if 48 <= b <= 57]
    if not digits:
        return line
    i = rng.choice(digits)
    return line[:i] + str(rng.randrange(10)).encode() + line[i + 1 :]


def mutate(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """A window of a page with 0–4 line edits, then maybe other line ends and a byte cut.

    Returns the bytes and the edits made (for the report)."""
    lines = data.split(b"\n")
    ops: list[str] = []
    # Windows keep each parse to a few ms; a whole page now and then keeps the long-range paths.
    if len(lines) > 40 and rng.random() < 0.97:
        size = rng.randint(40, 200)
        start = rng.randrange(max(1, len(lines) - size + 1))
        lines = lines[start : start + size]
        ops.append(f"window {start + 1}+{len(lines)}")
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
        if not lines:
            lines = [b""]
        i = _pick_line(rng, lines)
        op = rng.choice(
            (
                "delete",
                "duplicate",
                "swap",
                "flip digit",
                "replace cell",
                "bar",
                "rule",
                "fragment",
                "join",
                "delete block",
                "duplicate block",
                "cr",
            )
        )
        ops.append(f"{op} @{i + 1}")
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = _pick_line(rng, lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "flip digit":
            lines[i] = _flip_digit(rng, lines[i])
        elif op == "replace cell":
            lines[i] = _replace_cell(rng, lines[i])
        elif op == "bar":
            lines.insert(i, rng.choice((b"|", b"| ", b" |", b"||")))
        elif op == "rule":
            lines.insert(i, b"---|" * rng.randint(1, 12))
        elif op == "fragment":
            lines.insert(i, rng.choice(FRAGMENTS).encode())
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + rng.choice((b"", b" ")) + lines[i + 1]]
        elif op == "delete block":
            del lines[i : i + rng.randint(2, 12)]
        elif op == "duplicate block":
            lines[i:i] = lines[i : i + rng.randint(2, 12)]
        elif op == "cr":
            lines[i] = lines[i].rstrip(b"\r") + b"\r"  # one CRLF line among LF ones
    newline = rng.choice((b"\n",) * 8 + (b"\r\n", b"\r"))
    if newline != b"\n":
        ops.append(f"line ends {newline!r}")
    out = newline.join(line.rstrip(b"\r") if newline != b"\n" else line for line in lines)
    if rng.random() < 0.5:
        out += newline
    if rng.random() < 0.2:
        cut = rng.randint(0, len(out))  # may split a multi-byte character
        out = out[:cut] + (newline if rng.random() < 0.5 else b"")
        ops.append(f"cut at byte {cut}")
    return out, ops


def input_for(index: int, sources: Sequence[tuple[str, bytes]]) -> tuple[bytes, str]:
    """Input number `index` of the sweep: the same bytes whatever the chunking."""
    rng = random.Random(SEED * 1_000_003 + index)
    real = [s for s in sources if not s[0].startswith(GENERATED)]
    # Mostly real pages: their quirks are what the generator does not know.
    pool = real if rng.random() < 0.8 or len(real) == len(sources) else sources[len(real) :]
    name, data = pool[rng.randrange(len(pool))]
    mutated, ops = mutate(rng, data)
    return mutated, f"{name}: {', '.join(ops) or 'unchanged'}"


@dataclass(frozen=True)
class Failure:
    index: int
    made: str  # the source page and the edits
    data: bytes
    kind: str  # what broke, and where: failures of one kind are likely one bug
    message: str


def check(data: bytes) -> tuple[str, str] | None:
    """(kind, message) of the first broken invariant on `data`, or None."""
    try:
        result = parse_page(data, "fuzz", "raw/fuzz.txt")
    except Exception as err:
        return _raised("parse_page", err)
    for t in result.tables:
        if t.cells != t.cells_layout + t.cells_data + t.cells_unused:
            return (
                "cells != layout + data + unused",
                f"{t.table_id}: {t.cells} != {t.cells_layout} + {t.cells_data} + {t.cells_unused}",
            )
    try:
        layout = expected_layout(data)
    except Exception as err:
        return _raised("expected_layout", err)
    for table_id, (allowed, booked) in layout.items():
        if allowed != booked:
            more = "more" if booked > allowed else "less"
            return (
                f"layout booked {more} than allowed",
                f"{table_id}: allowed {allowed}, booked {booked}",
            )
    return None


def _raised(where: str, err: Exception) -> tuple[str, str]:
    frame = traceback.extract_tb(err.__traceback__)[-1]
    site = f"{Path(frame.filename).name}:{frame.lineno}"
    return f"{where} raised {type(err).__name__} at {site}", f"{type(err).__name__}: {err}"


_SOURCES: list[tuple[str, bytes]] = []


def _init_worker(sources: list[tuple[str, bytes]]) -> None:
    _SOURCES[:] = sources


def _check_chunk(indices: range) -> tuple[int, Counter[str], list[Failure]]:
    """Check a run of inputs in a worker: how many, failures by kind, the first few whole."""
    kinds: Counter[str] = Counter()
    kept: list[Failure] = []
    for index in indices:
        data, made = input_for(index, _SOURCES)
        broken = check(data)
        if broken is None:
            continue
        kinds[broken[0]] += 1
        if sum(f.kind == broken[0] for f in kept) < KEPT_PER_CHUNK:
            kept.append(Failure(index, made, data, *broken))
    return len(indices), kinds, kept


def shrink(data: bytes, kind: str, budget: int = 3000) -> bytes:
    """Fewest lines (then fewest trailing bytes) that still break the same way: ddmin-like."""
    tries = 0

    def same(candidate: bytes) -> bool:
        nonlocal tries
        tries += 1
        broken = check(candidate)
        return broken is not None and broken[0] == kind

    lines = data.splitlines(keepends=True)  # any line end, kept as it was
    size = max(1, len(lines) // 2)
    while size >= 1 and tries < budget:
        i, removed = 0, False
        while i < len(lines) and tries < budget:
            candidate = lines[:i] + lines[i + size :]
            if candidate and same(b"".join(candidate)):
                lines, removed = candidate, True
            else:
                i += size
        if not removed:
            size //= 2
    out = b"".join(lines)
    while out and tries < budget and same(out[:-1]):
        out = out[:-1]
    return out


def _report(checked: int, kinds: Counter[str], failures: list[Failure], seconds: float) -> str:
    lines = [
        f"fuzz: {checked} inputs checked, {sum(kinds.values())} failures "
        f"({len(kinds)} kinds) in {seconds:.0f} s, seed {SEED}"
    ]
    for kind, n in kinds.most_common():
        lines.append(f"  {n:7}  {kind}")
    shown: set[str] = set()
    for f in sorted(failures, key=lambda f: f.index):
        if f.kind in shown or len(shown) >= SHOWN:
            continue
        shown.add(f.kind)
        small = shrink(f.data, f.kind)
        again = check(small)
        lines += [
            "",
            f"- {f.kind}: input #{f.index} ({f.made})",
            f"  {f.message}",
            f"  shrunk from {len(f.data)} to {len(small)} bytes: "
            f"{again[1] if again else 'no longer fails'}",
            f"  repro: parse_page({small[:REPRO_BYTES]!r}, 'p', 'p.txt')",
            f"  input: {f.data[:REPRO_BYTES]!r}{' …' if len(f.data) > REPRO_BYTES else ''}",
        ]
    return "\n".join(lines) + "\n"


def _chunks(total: int) -> Iterator[range]:
    for start in range(0, total, CHUNK):
        yield range(start, min(start + CHUNK, total))


def test_mutated_pages_keep_every_invariant(tmp_path: Path) -> None:
    sources = _sources()
    assert len(sources) > len(_fixture_pages()) >= 15
    start = time.monotonic()
    checked = 0
    kinds: Counter[str] = Counter()
    failures: list[Failure] = []
    # fork: the workers inherit the imported parser instead of importing it again.
    with ProcessPoolExecutor(
        2, multiprocessing.get_context("fork"), _init_worker, (sources,)
    ) as pool:
        for n, chunk_kinds, kept in pool.map(_check_chunk, _chunks(FUZZ_INPUTS)):
            checked += n
            kinds.update(chunk_kinds)
            failures.extend(kept)
    report = _report(checked, kinds, failures, time.monotonic() - start)
    path = Path(os.environ.get("FUZZ_REPORT", tmp_path / "fuzz-report.txt"))
    path.write_text(report, encoding="utf-8")
    print(f"\n{report}report: {path}")
    assert checked == FUZZ_INPUTS
    # Only an explicit FUZZ_INPUTS may make the sweep smaller than the 100,000.
    assert checked >= 100_000 or "FUZZ_INPUTS" in os.environ
    assert not kinds, report


# ---------------------------------------------------------------------------------------------
# 2. Kill sweep

# The pages of the two input states: the new state adds or drops OPTIONAL.
PAGES = (
    "2005_peruvian_segunda_division__rows_excerpt.txt",
    "2022_copa_peru_femenina__mobile_excerpt.txt",
    "rows/1977-78_copa_del_rey_second_round__wtq_204-csv_702.table.txt",
)
OPTIONAL = "2012_ligas_departamentales_peru__rows_excerpt.txt"


def _start_extract(work: Path, log: IO[str] | None = None) -> subprocess.Popen[str]:
    """Start `extract raw --out clean` in `work`; its output goes to `log` (a file, not a
    pipe: a pipe nobody reads while we poll could fill and stall the run)."""
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else "")}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", "raw", "--out", "clean", "--quiet"],
        cwd=work,
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        text=True,
    )


def _writing(work: Path) -> bool:
    """A run's temporary folder is beside clean/: it writes, or has swapped and not retired."""
    return any(".tmp-" in name for name in os.listdir(work))


@dataclass(frozen=True)
class Timing:
    seconds: float  # the whole run, interpreter start and exit included
    writing: float  # how long its temporary folder was seen (about the write and swap)


def _run_extract(work: Path) -> Timing:
    """Run extract to the end, timing it; it must write and print its summary."""
    start = time.monotonic()
    seen: list[float] = []
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        child = _start_extract(work, log)
        while child.poll() is None:
            if _writing(work):
                seen.append(time.monotonic())
            time.sleep(0.0005)
        log.seek(0)
        out = log.read()
    # Exit 1 is error findings (cli.EXIT_FINDINGS), but also an uncaught exception: only
    # the summary's last line, printed after the write, tells a finished run.
    assert child.returncode in (0, 1) and "report: clean/report.md" in out, out
    return Timing(time.monotonic() - start, seen[-1] - seen[0] if seen else 0.0)


def _kill(child: subprocess.Popen[str], work: Path, after: float, at_write: bool) -> bool:
    """SIGKILL `child` `after` seconds from now or, `at_write`, from when it starts writing.

    Returns whether it had exited before the signal."""
    if at_write:
        while child.poll() is None and not _writing(work):
            time.sleep(0.0002)
    time.sleep(after)
    exited = child.poll() is not None
    child.send_signal(signal.SIGKILL)
    child.wait()
    return exited


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _whole(folder: Path, names: set[str]) -> str | None:
    """Why `folder` is not a complete output with exactly `names`, or None."""
    if not folder.is_dir():
        return f"{folder.name} is missing"
    manifest = storage.read_manifest(folder)
    if manifest is None:
        return "no readable manifest"
    present = {p.name for p in folder.iterdir()}
    if present != names or set(manifest) != names - {storage.MANIFEST}:
        return f"files {sorted(present)}, manifest {sorted(manifest)}, want {sorted(names)}"
    for name, digest in manifest.items():
        if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest:
            return f"{name} does not match its hash"
    return None


def _leftovers(work: Path) -> list[str]:
    """Folders of runs beside clean/: storage names them clean.tmp-, .old- and .kept-<pid>."""
    return sorted(p.name for p in work.iterdir() if p.name.startswith("clean."))


def _lock_is_free(work: Path) -> bool:
    with open(work / ".clean.lock", "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def _set_state(raw: Path, with_optional: bool) -> None:
    target = raw / Path(OPTIONAL).name
    if with_optional:
        shutil.copyfile(FIXTURES / OPTIONAL, target)
    else:
        target.unlink(missing_ok=True)


def _held(clean: Path, expected: dict[bool, dict[str, bytes]], state: bool) -> str:
    """Which output clean/ holds, for failure messages."""
    files = _files(clean)
    if files == expected[state]:
        return "clean/ holds the new output"
    if files == expected[not state]:
        return "clean/ still holds the previous output"
    return "clean/ holds neither output"


def _phase(exited: bool, new: bool, tmp_left: bool) -> str:
    """Where the kill landed, told by what it left: which output, and a temporary folder."""
    if exited:
        return "after the run had exited"
    if not new:
        return "while writing (old output, temporary folder left)" if tmp_left else "before writing"
    if tmp_left:
        return "after the swap, before the old output was deleted"
    return "after the swap and clean-up (printing or exiting)"


def test_extract_killed_at_random_leaves_a_whole_output(tmp_path: Path) -> None:
    work = tmp_path / "work"
    raw = work / "raw"
    raw.mkdir(parents=True)
    for page in PAGES:
        shutil.copyfile(FIXTURES / page, raw / Path(page).name)
    clean = work / "clean"
    # The two expected outputs (runs are byte-reproducible), and how long a run takes.
    expected: dict[bool, dict[str, bytes]] = {}
    timings = []
    for state in (True, False, True, False):
        _set_state(raw, state)
        timings.append(_run_extract(work))
        assert expected.setdefault(state, _files(clean)) == _files(clean)
    assert expected[True] != expected[False]
    names = set(expected[False])
    assert storage.MANIFEST in names and _whole(clean, names) is None
    full = max(t.seconds for t in timings)
    window = max(t.writing for t in timings) + 0.005
    rng = random.Random(SEED)
    state = False
    phases: Counter[str] = Counter()
    for run in range(KILL_RUNS):
        state = not state
        _set_state(raw, state)
        # Even runs: a kill anywhere in the run. Writing takes ~1% of it (imports dominate),
        # so odd runs kill within the write window measured above, from its start.
        at_write = run % 2 == 1
        after = rng.uniform(0, window if at_write else full)
        exited = _kill(_start_extract(work), work, after, at_write)
        where = f"run {run}: killed {after:.3f} s after {'writing' if at_write else 'start'}"
        assert _whole(clean, names) is None, f"{where}: {_whole(clean, names)}"
        now = _files(clean)
        assert now in (expected[not state], expected[state]), where
        phases[_phase(exited, now == expected[state], _writing(work))] += 1
        # The next run cleans up after the killed one and ends with the new output.
        _run_extract(work)
        assert _files(clean) == expected[state], f"{where}; then {_held(clean, expected, state)}"
        assert _leftovers(work) == [], where
        assert _lock_is_free(work), where
    print(
        f"\nkill sweep: {KILL_RUNS} kills; a run takes {full:.2f} s, its temporary folder "
        f"lives {window * 1000:.0f} ms; where the kills landed:"
    )
    for phase, n in phases.most_common():
        print(f"  {n:4}  {phase}")
    assert sum(phases.values()) == KILL_RUNS


# ---------------------------------------------------------------------------------------------
# 3. Size suite at 8 MB


@pytest.mark.parametrize("shape", list(SHAPES))
def test_size_suite_at_8_mb(shape: str) -> None:
    m = measure(shape, 8)
    assert m.peak_rss_mb <= m.rss_bound_mb, m
    assert m.seconds_per_mb <= SECONDS_PER_MB, m

"""The size suite: one generator per shape of large input, and a runner that measures a shape.

Shapes (issue 10): heading lines, bare `|` lines, one huge table, prose between many small
tables, many ties with many tiebreakers, and the seed page repeated. `measure` runs one shape
in a fresh interpreter, as a user's `check` would, and returns the time of parse plus outputs
(imports excluded) and the peak RSS of the whole process, imports included.

`python -m tests.sizes [MB]` prints every shape's figures (used by `make bench`).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.run import RawPage, assemble, configure_process, parse_each

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "2004_copa_peru.txt"

# Bounds of the issue: peak RSS at most 200 MB + 20 x the file, at most 2 s a MB.
RSS_BASE_MB = 200
RSS_PER_INPUT = 20
SECONDS_PER_MB = 2.0


def _repeat(unit: str, size: int) -> bytes:
    return (unit * max(1, size // len(unit.encode()))).encode()


def headings(size: int) -> bytes:
    """Bare heading lines, none with a table under it."""
    return "".join(f"Group {chr(65 + i % 26)}\n" for i in range(size // 8)).encode()


def bars(size: int) -> bytes:
    """Bare `|` lines: one block of empty cells."""
    return b"|\n" * (size // 2)


def huge_table(size: int) -> bytes:
    """One two-legged table of as many ties as fit."""
    head = ["Team 1", "Agg.Tooltip Aggregate score", "Team 2", "1st leg", "2nd leg"]
    row = ["Home {n}", "3–1", "Away {n}", "2–0", "1–1"]
    unit = "".join(f"{c}\n|\n" for c in row)
    ties = size // len(unit.encode())
    body = "".join(unit.replace("{n}", str(n)) for n in range(ties))
    return ("Round of 64\n" + "".join(f"{c}\n|\n" for c in head) + body).encode()


def prose_tables(size: int) -> bytes:
    """A sentence of prose, then a one-match table, over and over."""
    unit = "Some prose line that is long enough to be prose, really.\n" + "".join(
        f"{c}\n|\n" for c in ["Team 1", "Score", "Team 2", "A", "1–0", "B"]
    )
    return _repeat(unit, size)


def ties(size: int) -> bytes:
    """Rounds of four two-legged ties, each round followed by two tiebreaker matches."""
    head = ["Team 1", "Agg.", "Team 2", "1st leg", "2nd leg"]
    legs = [f"T{k}a\n|\n2–2\n|\nT{k}b\n|\n1–1\n|\n1–1\n|\n" for k in range(4)]
    breakers = [f"T{k}a\n|\n1–0\n|\nT{k}b\n|\n" for k in range(2)]
    unit = (
        "Semifinals\n"
        + "".join(f"{c}\n|\n" for c in head)
        + "".join(legs)
        + "Tiebreaker\n"
        + "".join(f"{c}\n|\n" for c in ["Team 1", "Score", "Team 2"])
        + "".join(breakers)
    )
    return _repeat(unit, size)


def one_round_many_tiebreakers(size: int) -> bytes:
    """One round of level ties, then a Tiebreaker table for each of them."""
    head = "".join(f"{c}\n|\n" for c in ["Team 1", "Agg.", "Team 2", "1st leg", "2nd leg"])
    leg = "T{k}a\n|\n2–2\n|\nT{k}b\n|\n1–1\n|\n1–1\n|\n"
    breaker = "Tiebreaker\n" + "".join(f"{c}\n|\n" for c in ["Team 1", "Score", "Team 2"])
    breaker += "T{k}a\n|\n1–0\n|\nT{k}b\n|\n"
    n = size // (len(leg.encode()) + len(breaker.encode()) + 8)
    legs = "".join(leg.replace("{k}", str(k)) for k in range(n))
    breakers = "".join(breaker.replace("{k}", str(k)) for k in range(n))
    return ("First round\n" + head + legs + breakers).encode()


def seed_copies(size: int) -> bytes:
    """The seed page repeated: real tables at real density."""
    seed = SEED.read_bytes()
    return seed * max(1, size // len(seed))


HTML = ROOT / "tests" / "fixtures" / "html"
HTML_ARTICLE = HTML / "2006_clausura_el_salvador_primera_division__wtq_203-page_30.html"


def html_articles(size: int) -> bytes:
    """A real Wikipedia HTML article (standings, football boxes, legs) repeated: one
    page of HTML as big as asked, every copy's tables read."""
    article = HTML_ARTICLE.read_bytes()
    return article * max(1, size // len(article))


SHAPES: dict[str, Callable[[int], bytes]] = {
    "headings": headings,
    "bars": bars,
    "huge_table": huge_table,
    "prose_tables": prose_tables,
    "ties": ties,
    "one_round_many_tiebreakers": one_round_many_tiebreakers,
    "seed_copies": seed_copies,
    "html_articles": html_articles,
}


@dataclass(frozen=True)
class Measure:
    """One shape's figures."""

    shape: str
    megabytes: float
    seconds: float  # parse, cross-check, validate and render, imports excluded
    peak_rss_mb: float  # the whole process, imports included
    base_rss_mb: float  # the same process before the input: imports and a warm-up page
    tables: int

    @property
    def own_rss_mb(self) -> float:
        """What this input added to the process's peak."""
        return self.peak_rss_mb - self.base_rss_mb

    @property
    def rss_bound_mb(self) -> float:
        return RSS_BASE_MB + RSS_PER_INPUT * self.megabytes

    @property
    def seconds_per_mb(self) -> float:
        return self.seconds / self.megabytes


def peak_rss_mb() -> float:
    """This process's peak RSS in MB: the kernel's VmHWM, which starts afresh at exec.

    `getrusage`'s `ru_maxrss` keeps the high-water mark of the process that spawned us (Linux
    carries it across exec), so a child of a big test session would report the session's.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm_up() -> None:
    """Prepare a measuring process as the CLI is: imports loaded, its memory policy set."""
    assemble(parse_each([RawPage("warm", "raw/warm.txt", b"Warm-up\n")]))  # lazy imports
    configure_process()


def run_measured(data: bytes) -> dict[str, float]:
    """Run one input through parse and outputs, as the CLI does; return its figures."""
    base = peak_rss_mb()
    start = time.process_time()
    outputs = assemble(parse_each([RawPage("size", "raw/size.txt", data)]))
    seconds = time.process_time() - start
    tables = len(outputs.frames["tables"])
    return {"seconds": seconds, "peak": peak_rss_mb(), "base": base, "tables": tables}


# A fresh interpreter per input, as a user's run: its peak RSS is the bound's figure.
_SINGLE = """
import json, sys
from tests.sizes import run_measured, warm_up
warm_up()
print(json.dumps(run_measured(sys.stdin.buffer.read())))
"""

# Growth measures: one interpreter imports and warms up once, then forks a process an input.
# A fork's RSS counts only the library pages it touches (so its base is lower than a fresh
# run's), but what an input adds to it is that input's own, never an earlier input's.
_FORKS = """
import json, os, sys
from tests.sizes import SHAPES, run_measured, warm_up
warm_up()
for shape, megabytes in json.loads(sys.argv[1]):
    data = SHAPES[shape](int(megabytes * 1_000_000))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        figures = {"shape": shape, "bytes": len(data), **run_measured(data)}
        os.write(write, json.dumps(figures).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        answer = pipe.read()
    os.waitpid(pid, 0)
    print(answer.decode(), flush=True)
"""


def measure_many(jobs: list[tuple[str, float]]) -> list[Measure]:
    """Measure each (shape, megabytes) in one child interpreter, a fork each, in order
    (for what inputs add to the peak; `measure` gives the peak of a run of its own)."""
    done = subprocess.run(
        [sys.executable, "-c", _FORKS, json.dumps(jobs)],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    figures = [json.loads(line) for line in done.stdout.decode().splitlines() if line]
    if len(figures) != len(jobs):
        raise RuntimeError(f"size child answered {len(figures)} of {len(jobs)}: {done.stderr!r}")
    return [
        Measure(f["shape"], f["bytes"] / 1e6, f["seconds"], f["peak"], f["base"], f["tables"])
        for f in figures
    ]


def measure(shape: str, megabytes: float) -> Measure:
    """Generate `shape` at `megabytes` and run it through parse and outputs in a fresh
    interpreter of its own, as a user's run."""
    data = SHAPES[shape](int(megabytes * 1_000_000))
    done = subprocess.run(
        [sys.executable, "-c", _SINGLE], input=data, capture_output=True, check=True, cwd=ROOT
    )
    f = json.loads(done.stdout)
    return Measure(shape, len(data) / 1e6, f["seconds"], f["peak"], f["base"], f["tables"])


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    for m in (measure(shape, megabytes) for shape in SHAPES):
        print(
            f"{m.shape:13} {m.megabytes:5.2f} MB {m.tables:6} tables: {m.seconds:6.2f} s "
            f"({m.seconds_per_mb:4.2f} s/MB, bound {SECONDS_PER_MB}), peak RSS "
            f"{m.peak_rss_mb:5.0f} MB (bound {m.rss_bound_mb:.0f}; {m.own_rss_mb:4.0f} MB "
            f"over the {m.base_rss_mb:.0f} MB of imports)"
        )


if __name__ == "__main__":
    main()

"""Assemble the outputs of a run: frames validated in batch, findings, and rendered reports."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from pipeline.ci import render_code_quality
from pipeline.datapackage import render_datapackage
from pipeline.findings import Finding
from pipeline.frames import (
    append_rows,
    build_records,
    finding_columns,
    finding_record,
    to_arrow,
    to_frame,
)
from pipeline.kinds import table_kinds
from pipeline.outputs import outputs
from pipeline.page import PageResult, parse_page
from pipeline.report import render_json, render_junit, render_markdown
from pipeline.report_html import render_html
from pipeline.validate import validate_frame

REPORT_NAMES = (
    "report.md",
    "report.json",
    "junit.xml",
    "gl-code-quality.json",
    "report.html",
    "datapackage.json",
)
PAGE_LEVEL = ("pages", "tables", "findings")  # every other output holds a kind's records


@dataclass(frozen=True, slots=True)
class RawPage:
    """A raw file's name, path (as shown to people) and bytes."""

    page: str
    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Outputs:
    """Everything a run writes: Arrow tables and report texts, plus frames for the summary."""

    frames: dict[str, pd.DataFrame]
    arrow: dict[str, pa.Table]
    reports: dict[str, str]


def configure_process() -> None:
    """Set the process-wide memory policies of a run (the CLI calls this once, after imports).

    The objects of the imports (pandas, pyarrow, pandera) are moved out of the cyclic
    collector's sight (`gc.freeze`, as the CPython docs advise for long-lived objects), and
    Arrow allocates from the system allocator: its default (mimalloc) keeps what frames and
    validation free, which the rest of the run cannot reuse (about 14 MB a MB of input).
    """
    gc.freeze()
    pa.set_memory_pool(pa.system_memory_pool())


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause CPython's cyclic collector while a page is parsed or outputs are built.

    Both allocate millions of small acyclic objects (frozen dataclasses, tuples) that
    reference counting frees; the collector would rescan the survivors over and over (about
    a third of the run). `parse_each` collects the young generation after each page, so no
    cycle a page made outlives it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_each(
    pages: Iterable[RawPage], progress: Callable[[RawPage], None] | None = None
) -> Iterator[PageResult]:
    """Parse each page in turn; the callback reports progress (the CLI draws it)."""
    for raw in pages:
        if progress is not None:
            progress(raw)
        with no_cycle_collection():
            result = parse_page(raw.data, raw.page, raw.path)
            # Young objects only, once a page: a cycle a page made is freed with it, even while
            # `assemble` keeps the collector paused for the whole run. Linear: each object is
            # looked at once here.
            gc.collect(0)
        yield result


def parse_pages(
    pages: Iterable[RawPage], progress: Callable[[RawPage], None] | None = None
) -> list[PageResult]:
    """Parse every page (the results held together: for tests and tools that reuse them)."""
    return list(parse_each(pages, progress))


def assemble(results: Iterable[PageResult]) -> Outputs:
    """Build, validate (one batch per output table) and render everything a run writes.

    The results are read once, in order: given `parse_each(...)`, each page's result is
    dropped once its rows are taken, so a run never holds every page's objects at once.
    """
    with no_cycle_collection():
        return _assemble(results)


def _assemble(results: Iterable[PageResult]) -> Outputs:
    paths: dict[str, str] = {}  # findings name the input file
    records = build_records(results, paths)
    frames: dict[str, pd.DataFrame] = {}
    extra: list[Finding] = []
    rejected: dict[tuple[str, str], int] = {}
    # What one output row of a table is, by kind (tables.parquet `rows`): its first output.
    row_unit = {k.name: k.outputs[0] for k in table_kinds()}
    for name in (o.name for o in outputs() if o.name not in PAGE_LEVEL):
        built = to_frame(name, records.pop(name))  # popped: each output's rows held once
        frame, problems = validate_frame(name, built, paths)
        frames[name] = frame
        extra.extend(problems)
        if problems:
            before = built["table_id"].value_counts()
            after = frame["table_id"].value_counts().reindex(before.index, fill_value=0)
            for table_id, n in (before - after).items():
                if n:
                    rejected[(name, str(table_id))] = int(n)
    tables = records["tables"]
    for i, (kind, table_id) in enumerate(zip(tables["kind"], tables["table_id"], strict=True)):
        # Rows the schema rejected are not written: the table says so (named by findings).
        lost = rejected.get((row_unit.get(kind, ""), table_id), 0)
        if lost:
            tables["rows"][i] = max(0, tables["rows"][i] - lost)
            tables["status"][i] = "partial"
    for name in ("pages", "tables"):
        frame, problems = validate_frame(name, to_frame(name, records[name]), paths)
        frames[name] = frame
        extra.extend(problems)
    findings_columns = records.pop("findings")
    append_rows(findings_columns, (finding_record(f) for f in extra))
    findings, problems = validate_frame("findings", to_frame("findings", findings_columns))
    if problems:  # a finding that breaks its own schema is a bug; keep its message visible
        findings = pd.concat(
            [findings, to_frame("findings", finding_columns(problems))], ignore_index=True
        )
    frames["findings"] = findings
    arrow = {o.name: to_arrow(o.name, frames[o.name]) for o in outputs()}
    reports = {
        "report.md": render_markdown(frames["pages"], frames["tables"], findings),
        "report.json": render_json(frames["pages"], findings),
        "junit.xml": render_junit(frames["tables"], findings, pages=frames["pages"]),
        "gl-code-quality.json": render_code_quality(frames["pages"], frames["tables"], findings),
        "report.html": render_html(frames),
        "datapackage.json": render_datapackage(arrow),
    }
    return Outputs(frames, arrow, reports)

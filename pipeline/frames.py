"""Build the output DataFrames and Arrow tables from parsed pages, columns taken by name."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.findings import Finding
from pipeline.model import ParsedTable
from pipeline.outputs import Output, outputs
from pipeline.page import PageInfo, PageResult

SORT_KEYS = {"pages": ["page"]}  # every other output: page, source_line, reading order
ROW_ATTRIBUTES = {"source_line": "line"}  # output column -> record attribute, where they differ


def table_section_values(table: ParsedTable, info: PageInfo) -> dict[str, Any]:
    """The columns every sectioned output row carries from its table (once a table)."""
    s = table.section
    return {
        "page": table.page,
        "table_id": table.table_id,
        "table_label": table.label,
        "season": info.season,
        "competition": info.competition,
        "section": list(s.path),
        "stage_name": s.stage,
        "region_name": s.region,
        "group_name": s.group,
        "round_name": s.round,
    }


SECTION_COLUMNS = frozenset(
    ["page", "table_id", "table_label", "season", "competition", "section", "stage_name",
     "region_name", "group_name"]
)  # fmt: skip

# An output's rows held as one list per column, filled a column at a time: a dict per row
# would cost about 1 KB a row and a Python call per cell.
Columns = dict[str, list[Any]]


def append_rows(columns: Columns, rows: Iterable[dict[str, Any]]) -> None:
    """Add row dicts to column lists (each row has every column)."""
    for row in rows:
        for name, values in columns.items():
            values.append(row[name])


def _extend(
    out: Output,
    columns: Columns,
    rows: list[tuple[ParsedTable, Any]],
    info: PageInfo,
    lists: frozenset[str],
) -> None:
    """Add the records of one page to an output's columns, a column at a time."""
    records = [r for _, r in rows]
    sections: list[dict[str, Any]] = []  # per row, its table's section columns
    if out.sectioned:
        by_table: dict[int, dict[str, Any]] = {}
        for t, _ in rows:
            if id(t) not in by_table:
                by_table[id(t)] = table_section_values(t, info)
        sections = [by_table[id(t)] for t, _ in rows]
    for name, values in columns.items():
        if out.sectioned and name == "source_line":
            values.extend(map(attrgetter("line"), records))
        elif out.sectioned and name == "round_name":
            # A record may state its own round (a tiebreaker belongs to the round it decides).
            own = [getattr(r, name, None) for r in records]
            values.extend(
                s[name] if mine is None else mine for s, mine in zip(sections, own, strict=True)
            )
        elif out.sectioned and name in SECTION_COLUMNS:
            values.extend(map(itemgetter(name), sections))
        elif name in lists:  # Arrow lists are built from lists (tuples in the records)
            values.extend(map(list, map(attrgetter(ROW_ATTRIBUTES.get(name, name)), records)))
        else:
            values.extend(map(attrgetter(ROW_ATTRIBUTES.get(name, name)), records))


def _list_columns(out: Output) -> frozenset[str]:
    return frozenset(n for n, t in out.columns() if pa.types.is_list(t))


def build_records(
    results: Iterable[PageResult], paths: dict[str, str] | None = None
) -> dict[str, Columns]:
    """Flatten parsed pages into the columns of each output table (read once, in order);
    `paths`, if given, receives each page's input path."""
    specs = outputs()
    out: dict[str, Columns] = {o.name: {n: [] for n, _ in o.columns()} for o in specs}
    by_name = {o.name: o for o in specs}
    lists = {o.name: _list_columns(o) for o in specs}
    for result in results:
        info = result.info
        if paths is not None:
            paths[info.page] = info.path
        append_rows(out["pages"], [{c: getattr(info, c) for c in out["pages"]}])
        tables = [(t, t) for t in result.tables]
        _extend(by_name["tables"], out["tables"], tables, info, lists["tables"])
        for spec in specs:
            if spec.name not in ("pages", "tables", "findings"):
                rows = result.rows(spec.name)
                _extend(spec, out[spec.name], rows, info, lists[spec.name])
        append_rows(out["findings"], (finding_record(f) for f in result.findings))
    return out


def outputs_by_name() -> dict[str, Output]:
    return {o.name: o for o in outputs()}


def finding_record(f: Finding) -> dict[str, Any]:
    """One findings.parquet row."""
    return {
        "severity": f.severity,
        "code": f.code,
        "page": f.page,
        "table_id": f.table_id,
        "source_line": max(f.line, 1),
        "team": f.team,
        "field": f.field,
        "stated": f.stated,
        "computed": f.computed,
        "message": f.message,
        "candidate_lines": list(f.candidate_lines),
    }


def finding_columns(findings: Iterable[Finding]) -> Columns:
    """The findings output's columns for these findings."""
    names = [n for n, _ in outputs_by_name()["findings"].columns()]
    out: Columns = {n: [] for n in names}
    append_rows(out, (finding_record(f) for f in findings))
    return out


def to_frame(name: str, data: Columns) -> pd.DataFrame:
    """Make a typed DataFrame (nullable Int64, bool, str), sorted by page and line.

    Rows are put in order and typed a column at a time, before the frame exists: a frame of
    Python objects sorted and cast afterwards held three copies of every column.
    """
    columns = outputs_by_name()[name].columns()
    keys = [data[k] for k in SORT_KEYS.get(name, ["page", "source_line"])]
    n_rows = len(data[columns[0][0]]) if columns else 0
    # Python's sort is stable: rows with equal keys keep their reading order. Rows mostly
    # come in order already; then no column is copied to permute it.
    rows = list(zip(*keys, strict=True))
    order = sorted(range(n_rows), key=rows.__getitem__)
    in_order = order == list(range(n_rows))
    arrays: dict[str, Any] = {}
    for n, t in columns:
        values = data[n] if in_order else [data[n][i] for i in order]
        if t == pa.int64():
            arrays[n] = pd.array(values, dtype="Int64")
        elif t == pa.bool_():
            arrays[n] = np.array(values, dtype=bool)
        elif t == pa.string():
            arrays[n] = pd.array(values, dtype="str")
        else:  # lists stay Python lists, one an element (no broadcasting into 2-D)
            arrays[n] = np.fromiter(values, dtype=object, count=n_rows)
    return pd.DataFrame(arrays, columns=[n for n, _ in columns])


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """Convert a frame to Arrow with the fixed schema.

    The pandas metadata is kept so that pandas reads nullable integers back as Int64, not
    float64 (contract); it holds no timestamps, so the bytes stay reproducible.
    """
    return pa.Table.from_pandas(df, schema=outputs_by_name()[name].schema(), preserve_index=False)

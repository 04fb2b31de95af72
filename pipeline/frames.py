"""Build the output DataFrames and Arrow tables from parsed pages, columns taken by name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import pyarrow as pa

from pipeline.findings import Finding
from pipeline.model import ParsedTable
from pipeline.outputs import Output, outputs
from pipeline.page import PageInfo, PageResult

SORT_KEYS = {"pages": ["page"]}  # every other output: page, source_line, reading order
ROW_ATTRIBUTES = {"source_line": "line"}  # output column -> record attribute, where they differ


def section_columns(table: ParsedTable, line: int, info: PageInfo) -> dict[str, Any]:
    """The columns every sectioned output row carries."""
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
        "source_line": line,
    }


def _value(record: object, column: str) -> Any:
    value = getattr(record, ROW_ATTRIBUTES.get(column, column))
    return list(value) if isinstance(value, tuple) else value


def record_row(
    out: Output, table: ParsedTable, record: object, columns: list[str], info: PageInfo
) -> dict[str, Any]:
    """One output row: the table's section columns, then the record's columns by name.

    A record may state its own round (a tiebreaker belongs to the round of the tie it decides).
    """
    row = section_columns(table, _value(record, "source_line"), info) if out.sectioned else {}
    for column in columns:
        if column not in row:
            row[column] = _value(record, column)
    own_round = getattr(record, "round_name", None)
    if out.sectioned and own_round is not None:
        row["round_name"] = own_round
    return row


def build_records(results: Iterable[PageResult]) -> dict[str, list[dict[str, Any]]]:
    """Flatten parsed pages into row dicts per output table."""
    specs = outputs()
    columns = {o.name: [n for n, _ in o.columns()] for o in specs}
    out: dict[str, list[dict[str, Any]]] = {o.name: [] for o in specs}
    tables_spec = outputs_by_name()["tables"]
    for result in results:
        info = result.info
        out["pages"].append({c: getattr(info, c) for c in columns["pages"]})
        for table in result.tables:
            out["tables"].append(record_row(tables_spec, table, table, columns["tables"], info))
        for spec in specs:
            if spec.name in ("pages", "tables", "findings"):
                continue
            for table, record in result.rows(spec.name):
                out[spec.name].append(record_row(spec, table, record, columns[spec.name], info))
        out["findings"].extend(finding_record(f) for f in result.findings)
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


def to_frame(name: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    """Make a typed DataFrame (nullable Int64, bool, str), sorted by page and line."""
    columns = outputs_by_name()[name].columns()
    df = pd.DataFrame.from_records(records, columns=[n for n, _ in columns])
    df["_order"] = range(len(df))
    keys = SORT_KEYS.get(name, ["page", "source_line", "_order"])
    df = df.sort_values(keys, kind="stable").drop(columns="_order").reset_index(drop=True)
    for n, t in columns:
        if t == pa.int64():
            df[n] = df[n].astype("Int64")
        elif t == pa.bool_():
            df[n] = df[n].astype(bool)
        elif t == pa.string():
            df[n] = df[n].astype("str")
        elif not len(df):
            df[n] = df[n].astype(object)
    return df


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """Convert a frame to Arrow with the fixed schema.

    The pandas metadata is kept so that pandas reads nullable integers back as Int64, not
    float64 (contract); it holds no timestamps, so the bytes stay reproducible.
    """
    return pa.Table.from_pandas(df, schema=outputs_by_name()[name].schema(), preserve_index=False)

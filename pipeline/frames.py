"""Build the output DataFrames (and their Arrow schemas) from parsed pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import pyarrow as pa

from pipeline.findings import Finding
from pipeline.model import ParsedTable, Section
from pipeline.page import PageResult

STR, INT, BOOL, LIST = pa.string(), pa.int64(), pa.bool_(), pa.list_(pa.string())
SECTION_FIELDS: list[tuple[str, pa.DataType]] = [
    ("page", STR), ("table_id", STR), ("section", LIST), ("stage", STR), ("region", STR),
    ("group", STR), ("round", STR), ("source_line", INT),
]  # fmt: skip
FIELDS: dict[str, list[tuple[str, pa.DataType]]] = {
    "pages": [
        ("page", STR), ("path", STR), ("sha256", STR), ("bytes", INT), ("lines", INT),
        ("rendering", STR), ("title", STR), ("season", STR), ("competition", STR),
        ("tables", INT), ("truncated", BOOL),
    ],
    "tables": [
        *SECTION_FIELDS, ("rendering", STR), ("kind", STR), ("rows", INT), ("cells", INT),
        ("cells_layout", INT), ("cells_data", INT), ("cells_unused", INT), ("status", STR),
    ],
    "standings": [
        *SECTION_FIELDS, ("position", INT), ("team", STR), ("team_abbr", STR), ("played", INT),
        ("won", INT), ("drawn", INT), ("lost", INT), ("goals_for", INT),
        ("goals_against", INT), ("goal_difference", INT), ("points", INT),
        ("qualification", STR), ("notes", LIST),
    ],
    "matches": [
        *SECTION_FIELDS, ("match_id", STR), ("kind", STR), ("tie_id", STR), ("home_team", STR),
        ("away_team", STR), ("home_goals", INT), ("away_goals", INT), ("home_penalties", INT),
        ("away_penalties", INT), ("extra_time", BOOL), ("status", STR), ("neutral", BOOL),
        ("score_text", STR),
    ],
    "ties": [
        *SECTION_FIELDS, ("tie_id", STR), ("team1", STR), ("team2", STR),
        ("team1_aggregate", INT), ("team2_aggregate", INT), ("team1_penalties", INT),
        ("team2_penalties", INT), ("team1_points", INT), ("team2_points", INT),
        ("decided_by", STR), ("winner", STR), ("winner_inferred", BOOL),
        ("aggregate_text", STR),
    ],
    "findings": [
        ("severity", STR), ("code", STR), ("page", STR), ("table_id", STR),
        ("source_line", INT), ("team", STR), ("field", STR), ("stated", STR),
        ("computed", STR), ("message", STR), ("candidate_lines", pa.list_(INT)),
    ],
}  # fmt: skip
SORT_KEYS = {
    "pages": ["page"],
    "tables": ["page", "source_line", "_order"],
    "standings": ["page", "source_line", "_order"],
    "matches": ["page", "source_line", "_order"],
    "ties": ["page", "source_line", "_order"],
    "findings": ["page", "source_line", "_order"],
}


def arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema a table is written with: nullable integers stay integers."""
    return pa.schema([pa.field(n, t) for n, t in FIELDS[name]])


def _section(table: ParsedTable, line: int) -> dict[str, Any]:
    s: Section = table.section
    return {
        "page": table.page,
        "table_id": table.table_id,
        "section": list(s.path),
        "stage": s.stage,
        "region": s.region,
        "group": s.group,
        "round": s.round,
        "source_line": line,
    }


def build_records(results: Iterable[PageResult]) -> dict[str, list[dict[str, Any]]]:
    """Flatten parsed pages into row dicts per output table (findings last, all of them)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in FIELDS}
    for result in results:
        out["pages"].append({f: getattr(result.info, f) for f, _ in FIELDS["pages"]})
        tie_rows = {d.tie_id: d for d in result.ties}
        for table in result.tables:
            rows = (
                len(table.standings)
                if table.kind == "league"
                else (len(table.ties) if table.kind == "two_legged" else len(table.matches))
            )
            out["tables"].append(
                {
                    **_section(table, table.line),
                    "rendering": table.rendering,
                    "kind": table.kind,
                    "rows": rows,
                    "cells": table.cells,
                    "cells_layout": table.cells_layout,
                    "cells_data": table.cells_data,
                    "cells_unused": table.cells_unused,
                    "status": table.status,
                }
            )
            for row in table.standings:
                out["standings"].append(
                    {
                        **_section(table, row.line),
                        **{f: getattr(row, f) for f, _ in FIELDS["standings"][8:-1]},
                        "notes": list(row.notes),
                    }
                )
            for n, m in enumerate(table.matches, 1):
                out["matches"].append(
                    {
                        **_section(table, m.line),
                        "match_id": f"{table.table_id}/{n}",
                        **{f: getattr(m, f) for f, _ in FIELDS["matches"][9:]},
                    }
                )
            for n, tie in enumerate(table.ties, 1):
                decided = tie_rows[f"{table.table_id}/{n}"]
                out["ties"].append(
                    {
                        **_section(table, tie.line),
                        "tie_id": decided.tie_id,
                        "team1": tie.team1,
                        "team2": tie.team2,
                        "team1_aggregate": tie.team1_aggregate,
                        "team2_aggregate": tie.team2_aggregate,
                        "team1_penalties": tie.team1_penalties,
                        "team2_penalties": tie.team2_penalties,
                        "team1_points": decided.team1_points,
                        "team2_points": decided.team2_points,
                        "decided_by": decided.decided_by,
                        "winner": decided.winner,
                        "winner_inferred": decided.winner_inferred,
                        "aggregate_text": tie.aggregate_text,
                    }
                )
        out["findings"].extend(finding_record(f) for f in result.findings)
    return out


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
    columns = [n for n, _ in FIELDS[name]]
    df = pd.DataFrame.from_records(records, columns=columns)
    df["_order"] = range(len(df))
    df = df.sort_values(SORT_KEYS[name], kind="stable").drop(columns="_order", errors="ignore")
    df = df.reset_index(drop=True)
    for n, t in FIELDS[name]:
        if t == INT:
            df[n] = df[n].astype("Int64")
        elif t == BOOL:
            df[n] = df[n].astype(bool)
        elif t == STR:
            df[n] = df[n].astype("str")
        elif not len(df):
            df[n] = df[n].astype(object)
    return df


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """Convert a frame to Arrow with the fixed schema.

    The pandas metadata is kept so that pandas reads nullable integers back as Int64, not
    float64 (contract); it holds no timestamps, so the bytes stay reproducible.
    """
    return pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)

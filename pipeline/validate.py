"""Validate each output DataFrame with its pandera model in one lazy batch; failures → findings."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.errors as pa_errors

from pipeline import findings as F
from pipeline.findings import Finding, Site
from pipeline.outputs import output


def validate_frame(
    name: str, df: pd.DataFrame, paths: dict[str, str] | None = None
) -> tuple[pd.DataFrame, list[Finding]]:
    """Validate lazily; return the rows the schema accepts and one error finding per failure.

    Nothing the schema rejects is written, and nothing is dropped silently: each rejected
    row is named by an `error` finding with its page and line.
    """
    try:
        output(name).model.validate(df, lazy=True)
    except pa_errors.SchemaErrors as err:
        return _split(name, df, err.failure_cases, paths or {})
    return df, []


def _split(
    name: str, df: pd.DataFrame, cases: pd.DataFrame, paths: dict[str, str]
) -> tuple[pd.DataFrame, list[Finding]]:
    findings: list[Finding] = []
    bad: set[int] = set()
    for case in cases.itertuples(index=False):
        index = getattr(case, "index", None)
        column = getattr(case, "column", None)
        check = getattr(case, "check", "")
        value = getattr(case, "failure_case", None)
        if index is not None and not pd.isna(index) and int(index) in df.index:
            row = df.loc[int(index)]
            bad.add(int(index))
            page = str(row.get("page", "?"))
            raw_line: Any = row.get("source_line")
            line = int(raw_line) if raw_line is not None and pd.notna(raw_line) else 1
            table_id = row.get("table_id")
        else:
            page, line, table_id = "?", 1, None
        site = Site(page, paths.get(page, ""), str(table_id) if isinstance(table_id, str) else None)
        findings.append(
            F.SCHEMA_VIOLATION.at(
                site,
                line,
                field=str(column) if column else None,
                stated=value,
                output=name,
                column=column or "row",
                check=check,
            )
        )
    kept = df.drop(index=sorted(bad)).reset_index(drop=True) if bad else df
    return kept, findings

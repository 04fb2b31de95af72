"""Render the validation report for people (Markdown), machines (JSON) and CI (JUnit XML)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

CREDIT = (
    "Source pages: Wikipedia contributors, licensed CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/)."
)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    # A column at a time: `to_dict(orient="records")` boxes every cell on its own (slow).
    columns = {str(k): df[k].tolist() for k in df.columns}
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _opt(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def render_markdown(pages: pd.DataFrame, tables: pd.DataFrame, findings: pd.DataFrame) -> str:
    """Per page: counts by severity, then each warning and error with file:line and values."""
    out = ["# Validation report", ""]
    totals = Counter(findings["severity"]) if len(findings) else Counter()
    out.append(
        f"{len(pages)} page(s), {len(tables)} table(s): "
        f"{totals['error']} error(s), {totals['warning']} warning(s), {totals['info']} info."
    )
    out.append("")
    # Grouped once: filtering the findings per page would make the report quadratic.
    by_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in _records(findings):
        by_page[str(f["page"])].append(f)
    for page in pages.itertuples(index=False):
        mine = by_page.get(str(page.page), [])
        counts = Counter(f["severity"] for f in mine)
        out.append(f"## {page.page}")
        out.append("")
        out.append(
            f"`{page.path}` — {page.tables} table(s), "
            f"truncated: {'yes' if page.truncated else 'no'}"
            f" — {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
        )
        out.append("")
        serious = [f for f in mine if f["severity"] != "info"]
        if serious:
            out.append(
                "| severity | where | code | team | field | stated | computed | cells to check "
                "| message |"
            )
            out.append("|---|---|---|---|---|---|---|---|---|")
            for f in serious:
                cells = [
                    f["severity"],
                    f"`{page.path}:{f['source_line']}`",
                    f"`{f['code']}`",
                    _opt(f["team"]),
                    _opt(f["field"]),
                    _opt(f["stated"]),
                    _opt(f["computed"]),
                    ", ".join(f"{page.path}:{n}" for n in f["candidate_lines"]),
                    _opt(f["message"]).replace("|", "\\|"),
                ]
                out.append("| " + " | ".join(str(c) for c in cells) + " |")
            out.append("")
        infos = Counter(f["code"] for f in mine if f["severity"] == "info")
        if infos:
            out.append("Info: " + ", ".join(f"`{c}` × {n}" for c, n in sorted(infos.items())))
            out.append("")
    out.append(CREDIT)
    out.append("")
    return "\n".join(out)


def _json_value(key: str, value: Any) -> Any:
    if key == "candidate_lines":
        return [int(n) for n in value]
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return int(value) if key == "source_line" else value


def render_json(pages: pd.DataFrame, findings: pd.DataFrame) -> str:
    """The findings as JSON, with totals; stable key order for reproducible bytes."""
    records = [{k: _json_value(k, v) for k, v in r.items()} for r in _records(findings)]
    doc = {
        "pages": [str(p) for p in pages["page"]],
        "totals": dict(sorted(Counter(findings["severity"]).items())) if len(findings) else {},
        "findings": records,
        "credit": CREDIT,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def render_junit(tables: pd.DataFrame, findings: pd.DataFrame) -> str:
    """One test case per table, failing on its errors (warnings are listed as output)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    errors = findings[findings["severity"] == "error"]
    failing = set(errors["table_id"].dropna()) & set(tables["table_id"]) if len(errors) else set()
    n_fail = len(failing)  # test cases that fail, not the number of errors
    page_errors = errors[errors["table_id"].isna()] if len(errors) else errors
    lines.append(
        f'<testsuite name="validation" tests="{len(tables) + len(page_errors)}" '
        f'failures="{n_fail + len(page_errors)}">'
    )
    # Grouped once: filtering the findings per table would make the report quadratic.
    by_table: dict[str, list[Any]] = defaultdict(list)
    for f in findings.itertuples(index=False):
        if isinstance(f.table_id, str):
            by_table[f.table_id].append(f)
    for t in tables.itertuples(index=False):
        mine = by_table.get(str(t.table_id), [])
        name = quoteattr(f"{t.table_id} {t.kind} (line {t.source_line})")
        lines.append(f"  <testcase classname={quoteattr(str(t.page))} name={name}>")
        for f in mine:
            if f.severity == "error":
                lines.append(
                    f"    <failure message={quoteattr(str(f.message))} "
                    f"type={quoteattr(str(f.code))}>{escape(str(f.page))}:{f.source_line}</failure>"
                )
        others = [f for f in mine if f.severity != "error"]
        if others:
            text = "\n".join(
                f"{f.page}:{f.source_line}: {f.severity}[{f.code}] {f.message}" for f in others
            )
            lines.append(f"    <system-out>{escape(text)}</system-out>")
        lines.append("  </testcase>")
    for f in page_errors.itertuples(index=False):
        name = quoteattr(f"{f.page} page (line {f.source_line})")
        lines.append(f"  <testcase classname={quoteattr(str(f.page))} name={name}>")
        lines.append(
            f"    <failure message={quoteattr(str(f.message))} type={quoteattr(str(f.code))}/>"
        )
        lines.append("  </testcase>")
    lines.append("</testsuite>")
    return "\n".join(lines) + "\n"

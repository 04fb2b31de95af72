"""Render the validation report for people (Markdown), machines (JSON) and CI (JUnit XML)."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from pipeline.findings import HEADING_WITHOUT_TABLE, SEVERITIES
from pipeline.rules import APPENDIX_HEADINGS

CREDIT = (
    "Source pages: Wikipedia contributors, licensed CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/)."
)
COVERAGE_TERMINAL = 20  # pages given a coverage line in the terminal summary
COVERAGE_REPORT = 200  # … and in report.md; report.html has every page
SECTIONS_SHOWN = 12  # sections without a table named on one coverage line
FAILING = ("error", "warning")


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    # A column at a time: `to_dict(orient="records")` boxes every cell on its own (slow).
    columns = {str(k): df[k].tolist() for k in df.columns}
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _opt(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def markdown_text(text: str) -> str:
    """Page text inside Markdown: shown as written, never as markup or HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_MARK.sub(r"\\\g<0>", text)
    return text.replace("\r", " ").replace("\n", " ")


# Markdown's marks (a backslash shows them as written); `_` inside a word marks nothing (GFM),
# so `two_legged` and `goals_for` stay as they are.
_MD_MARK = re.compile(r"[\\`*\[\]|]|(?<!\w)_|_(?!\w)")


# --- Coverage: what each page gave, and what it lacks -----------------------------------------

# The heading a `heading-without-table` finding names, read back from its message (only where
# pages.sections_without_table is absent: frames of an older run).
_HEADING_RE = re.compile(
    "^" + re.escape(HEADING_WITHOUT_TABLE.template).replace(r"\{heading\}", "(?P<heading>.*)") + "$"
)


def _listed(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [str(v) for v in value]


def sections_without_table(pages: pd.DataFrame, findings: pd.DataFrame) -> dict[str, list[str]]:
    """Per page, the sections the export has no table for: pages.sections_without_table where
    the frame has it, else the headings its `heading-without-table` findings name (appendix
    headings left out)."""
    if "sections_without_table" in pages.columns:
        return {
            str(p): _listed(v)
            for p, v in zip(pages["page"], pages["sections_without_table"], strict=True)
        }
    out: dict[str, list[str]] = defaultdict(list)
    rows = zip(
        findings["code"].tolist(),
        findings["page"].tolist(),
        findings["message"].tolist(),
        strict=True,
    )
    for code, page, message in rows:
        match = _HEADING_RE.match(str(message)) if code == HEADING_WITHOUT_TABLE.code else None
        if match and match["heading"].lower() not in APPENDIX_HEADINGS:
            out[str(page)].append(match["heading"])
    return dict(out)


@dataclass(frozen=True, slots=True)
class PageCoverage:
    """One page at a glance: its tables by kind, findings by severity, sections without a table."""

    page: str
    path: str
    kinds: tuple[tuple[str, int], ...]  # most tables first
    errors: int
    warnings: int
    infos: int
    missing: tuple[str, ...]
    truncated: bool

    @property
    def serious(self) -> bool:
        """Whether the page has an error or a warning."""
        return bool(self.errors or self.warnings)

    def line(self, *, markdown: bool) -> str:
        """`path: 12 tables (5 league, …); 0 error, 4 warning, 32 info; no table for …`."""
        shown = markdown_text if markdown else str
        n = sum(k for _, k in self.kinds)
        text = f"`{self.path}`" if markdown else self.path
        text += f": {n} table(s)"
        if self.kinds:
            text += " (" + ", ".join(f"{k} {shown(kind)}" for kind, k in self.kinds) + ")"
        text += f"; {self.errors} error, {self.warnings} warning, {self.infos} info"
        if self.truncated:
            text += "; the file ends inside a table"
        if self.missing:
            names = ", ".join(shown(s) for s in self.missing[:SECTIONS_SHOWN])
            more = len(self.missing) - SECTIONS_SHOWN
            names += f", … +{more}" if more > 0 else ""
            text += f"; no table for {len(self.missing)} section(s): {names}"
        return f"- {text}" if markdown else text


def page_coverage(
    pages: pd.DataFrame, tables: pd.DataFrame, findings: pd.DataFrame
) -> list[PageCoverage]:
    """What each page gave and lacks, in page order."""
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for page, kind in zip(tables["page"].tolist(), tables["kind"].tolist(), strict=True):
        kinds[str(page)][str(kind)] += 1
    severities: dict[str, Counter[str]] = defaultdict(Counter)
    for page, severity in zip(
        findings["page"].tolist(), findings["severity"].tolist(), strict=True
    ):
        severities[str(page)][str(severity)] += 1
    missing = sections_without_table(pages, findings)
    rows = zip(
        pages["page"].tolist(), pages["path"].tolist(), pages["truncated"].tolist(), strict=True
    )
    out = []
    for page, path, truncated in rows:
        counts = severities.get(str(page), Counter())
        out.append(
            PageCoverage(
                page=str(page),
                path=str(path),
                kinds=tuple(
                    sorted(kinds.get(str(page), {}).items(), key=lambda kv: (-kv[1], kv[0]))
                ),
                errors=counts["error"],
                warnings=counts["warning"],
                infos=counts["info"],
                missing=tuple(missing.get(str(page), ())),
                truncated=bool(truncated),
            )
        )
    return out


def render_coverage(
    coverage: Sequence[PageCoverage], *, limit: int, markdown: bool, pointer: str
) -> list[str]:
    """One line per page up to `limit`, then one counting the rest and pointing at `pointer`."""
    lines = [c.line(markdown=markdown) for c in coverage[:limit]]
    rest = coverage[limit:]
    if rest:
        serious = sum(c.serious for c in rest)
        lacking = sum(bool(c.missing) for c in rest)
        text = (
            f"… and {len(rest)} more page(s): {serious} with errors or warnings, {lacking} with "
            f"sections that have no table; every page is in {pointer}"
        )
        lines.append(f"- {text}" if markdown else text)
    return lines


# --- report.md, report.json -----------------------------------------------------------------


def render_markdown(pages: pd.DataFrame, tables: pd.DataFrame, findings: pd.DataFrame) -> str:
    """Totals, one coverage line per page (up to 200), then each page with errors or warnings:
    every one of them with file:line and values."""
    out = ["# Validation report", ""]
    totals = Counter(findings["severity"]) if len(findings) else Counter()
    out.append(
        f"{len(pages)} page(s), {len(tables)} table(s): "
        f"{totals['error']} error(s), {totals['warning']} warning(s), {totals['info']} info."
    )
    out.append("")
    coverage = page_coverage(pages, tables, findings)
    if coverage:
        out += ["## Pages", ""]
        out += render_coverage(
            coverage, limit=COVERAGE_REPORT, markdown=True, pointer="`report.html`"
        )
        out.append("")
    # Grouped once: filtering the findings per page would make the report quadratic.
    by_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in _records(findings):
        by_page[str(f["page"])].append(f)
    for page, seen in zip(pages.itertuples(index=False), coverage, strict=True):
        if not seen.serious:
            continue
        mine = by_page.get(str(page.page), [])
        out.append(f"## {markdown_text(str(page.page))}")
        out.append("")
        out.append(
            f"`{page.path}` — {page.tables} table(s), "
            f"truncated: {'yes' if page.truncated else 'no'}"
            f" — {seen.errors} error(s), {seen.warnings} warning(s), {seen.infos} info"
        )
        out.append("")
        out.append(
            "| severity | where | code | team | field | stated | computed | cells to check "
            "| message |"
        )
        out.append("|---|---|---|---|---|---|---|---|---|")
        for f in mine:
            if f["severity"] not in FAILING:
                continue
            cells = [
                f["severity"],
                f"`{page.path}:{f['source_line']}`",
                f"`{f['code']}`",
                markdown_text(_opt(f["team"])),
                markdown_text(_opt(f["field"])),
                markdown_text(_opt(f["stated"])),
                markdown_text(_opt(f["computed"])),
                ", ".join(f"{page.path}:{n}" for n in f["candidate_lines"]),
                markdown_text(_opt(f["message"])),
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
    """The findings as JSON, with totals (every severity, 0 where none); stable key order for
    reproducible bytes."""
    records = [{k: _json_value(k, v) for k, v in r.items()} for r in _records(findings)]
    counts = Counter(findings["severity"].tolist())
    doc = {
        "pages": [str(p) for p in pages["page"]],
        "totals": {s: counts[s] for s in SEVERITIES},
        "findings": records,
        "credit": CREDIT,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# --- junit.xml ------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold, even escaped (control characters a page may carry).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _attr(value: object) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", str(value)))


def _body(value: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", value))


@dataclass(frozen=True, slots=True)
class _Case:
    line: int
    name: str
    xml: tuple[str, ...]  # the test case's children
    outcome: str  # "passed", "failure" or "skipped"


def _suite_xml(page: str, path: str | None, cases: list[_Case]) -> list[str]:
    cases = sorted(cases, key=lambda c: c.line)  # stable: findings keep their order on a line
    outcomes = Counter(c.outcome for c in cases)
    out = [
        f'  <testsuite name={_attr(page)} tests="{len(cases)}" '
        f'failures="{outcomes["failure"]}" errors="0" skipped="{outcomes["skipped"]}">'
    ]
    named: Counter[str] = Counter()
    where = f" file={_attr(path)}" if path is not None else ""
    for case in cases:
        named[case.name] += 1  # names unique in a suite, numbered in line order
        name = case.name if named[case.name] == 1 else f"{case.name} ({named[case.name]})"
        head = f'    <testcase classname={_attr(page)} name={_attr(name)}{where} line="{case.line}"'
        if case.xml:
            out += [head + ">", *case.xml, "    </testcase>"]
        else:
            out.append(head + "/>")
    out.append("  </testsuite>")
    return out


def render_junit(
    tables: pd.DataFrame,
    findings: pd.DataFrame,
    *,
    pages: pd.DataFrame | None = None,
    strict: bool = False,
    baselined: Sequence[bool] | None = None,
) -> str:
    """One test suite per page: a test case per error or warning (a failure for an error; for
    a warning a failure under `strict`, else skipped; skipped where the baseline accepts it) and
    a passing case per table with neither. Case names say what, not where: CI tools follow a
    test's history by its name."""
    paths: dict[str, str] = {}
    if pages is not None:
        paths = {str(p): str(q) for p, q in zip(pages["page"], pages["path"], strict=True)}
    labels = dict(zip(tables["table_id"].tolist(), tables["table_label"].tolist(), strict=True))
    cases: dict[str, list[_Case]] = defaultdict(list)
    serious_tables: set[str] = set()
    serious = [i for i, s in enumerate(findings["severity"].tolist()) if s in FAILING]
    for i, f in zip(serious, _records(findings.iloc[serious]), strict=True):
        page, line, table_id = str(f["page"]), int(f["source_line"]), f["table_id"]
        if isinstance(table_id, str):
            serious_tables.add(table_id)
        where = str(labels.get(table_id, table_id)) if isinstance(table_id, str) else "page"
        said = f"{f['severity']}[{f['code']}] {f['message']}"
        parts = (f"{where}: {f['code']}", _opt(f["team"]), _opt(f["field"]))
        name = " ".join(p for p in parts if p)
        if baselined is not None and baselined[i]:
            xml = f"      <skipped message={_attr('accepted in the baseline: ' + said)}/>"
            cases[page].append(_Case(line, name, (xml,), "skipped"))
            continue
        if f["severity"] == "warning" and not strict:
            xml = f"      <skipped message={_attr(said + ' (fails under --strict)')}/>"
            cases[page].append(_Case(line, name, (xml,), "skipped"))
            continue
        text = f"{paths.get(page, page)}:{line}: {said}"
        if len(f["candidate_lines"]):
            text += "\ncells to check: " + ", ".join(
                f"{paths.get(page, page)}:{n}" for n in f["candidate_lines"]
            )
        kind = _attr(f["severity"])
        xml = f"      <failure type={kind} message={_attr(said)}>{_body(text)}</failure>"
        cases[page].append(_Case(line, name, (xml,), "failure"))
    rows = zip(
        *(tables[c].tolist() for c in ("page", "table_id", "table_label", "kind", "source_line")),
        strict=True,
    )
    for page, table_id, label, kind, line in rows:
        if table_id not in serious_tables:
            cases[str(page)].append(_Case(int(line), f"{label} ({kind})", (), "passed"))
    order = [str(p) for p in pages["page"]] if pages is not None else []
    known = set(order)
    order += [p for p in cases if p not in known]  # pages not given: as their findings come
    body: list[str] = []
    outcomes: Counter[str] = Counter()
    for page in order:
        if cases.get(page):
            body += _suite_xml(page, paths.get(page), cases[page])
            outcomes.update(c.outcome for c in cases[page])
    n = sum(outcomes.values())
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<testsuites name="validation" tests="{n}" failures="{outcomes["failure"]}" '
            f'errors="0" skipped="{outcomes["skipped"]}">',
            *body,
            "</testsuites>",
            "",
        ]
    )

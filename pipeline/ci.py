"""Render findings for CI (GitHub annotations and step summary, GitLab Code Quality) and match
them against a baseline of accepted findings.

A finding's identity across runs is its `FindingKey`: code, page, table label, team, field and
stated value, never its line (an edit above it shifts every line below). Findings that share a
key are told apart by their order in the page (`ordinals`), as ruff's GitLab output salts the
fingerprints of equal violations.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.findings import SEVERITIES
from pipeline.report import markdown_text

# GitHub shows at most 10 annotations of each type a step; more are dropped silently.
ANNOTATIONS_PER_SEVERITY = 10
# GitHub refuses a step summary over 1 MiB (the file of one step, all writers together).
STEP_SUMMARY_BYTES = 1024 * 1024
FAILING = ("error", "warning")  # what a baseline holds: an info never fails a run
# Codes whose `stated` is a line number (`team-repeated`: the line it is printed again on);
# left out of the key, which would otherwise move with the line.
LINE_VALUED_STATED = frozenset({"team-repeated"})
# GitLab Code Quality severities (info, minor, major, critical, blocker); eslint-formatter-gitlab's
# mapping: an error is major, a warning minor.
CODE_QUALITY_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
BASELINE_VERSION = 1
BASELINE_ABOUT = (
    "Findings accepted by `python -m pipeline extract|check --baseline`: with it, a run fails "
    "only on errors (with --strict: and warnings) not listed here. Keyed by code, page, table "
    "label, team, field and stated value, never by line; `count` findings share a key. "
    "Rewritten whole by --write-baseline."
)
KEY_FIELDS = ("code", "page", "table", "team", "field", "stated")


class BaselineError(ValueError):
    """A baseline file that cannot be read (the CLI exits 2 with its message)."""


@dataclass(frozen=True, slots=True, order=True)
class FindingKey:
    """What makes findings of two runs the same finding; "" where a part does not apply."""

    code: str
    page: str
    table: str  # the table's label (`Regional Stage › Region VI`); "" for the page
    team: str
    field: str
    stated: str


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def finding_keys(findings: pd.DataFrame, tables: pd.DataFrame) -> list[FindingKey]:
    """Key each finding by what it says, not where: a table by its label, not its number."""
    labels = dict(zip(tables["table_id"].tolist(), tables["table_label"].tolist(), strict=True))
    keys = []
    columns = zip(
        *(findings[c].tolist() for c in ("code", "page", "table_id", "team", "field", "stated")),
        strict=True,
    )
    for code, page, table_id, team, field, stated in columns:
        table = _text(labels.get(table_id, table_id)) if isinstance(table_id, str) else ""
        shown = "" if code in LINE_VALUED_STATED else _text(stated)
        keys.append(FindingKey(code, page, table, _text(team), _text(field), shown))
    return keys


def ordinals(keys: Sequence[FindingKey], lines: Sequence[int]) -> list[int]:
    """Number the findings that share a key 0, 1, … in line order (a line shift keeps it)."""
    seen: Counter[FindingKey] = Counter()
    out = [0] * len(keys)
    for i in sorted(range(len(keys)), key=lambda i: (lines[i], i)):
        out[i] = seen[keys[i]]
        seen[keys[i]] += 1
    return out


def fingerprint(key: FindingKey, ordinal: int) -> str:
    """SHA-256 of the key and the ordinal: stable while the finding stays what it is.

    The parts are length-prefixed (netstrings), so no two keys give the same text."""
    parts = (key.code, key.page, key.table, key.team, key.field, key.stated, str(ordinal))
    text = "".join([f"{len(p)}:{p}," for p in parts])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- Baseline -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Baseline:
    """Accepted findings: how many of each key."""

    accepted: Mapping[FindingKey, int]


@dataclass(frozen=True, slots=True)
class Baselined:
    """Which findings of a run the baseline accepts, and how many it lists that are gone."""

    mask: list[bool]
    gone: int

    @property
    def count(self) -> int:
        """How many findings the baseline accepted."""
        return sum(self.mask)


def accepted_counts(findings: pd.DataFrame, tables: pd.DataFrame) -> Counter[FindingKey]:
    """Count the errors and warnings of a run by key (what --write-baseline accepts)."""
    keys = finding_keys(findings, tables)
    severities = findings["severity"].tolist()
    return Counter(k for k, s in zip(keys, severities, strict=True) if s in FAILING)


def match_baseline(baseline: Baseline, findings: pd.DataFrame, tables: pd.DataFrame) -> Baselined:
    """Accept as many findings of each key as the baseline lists, the first ones by line
    (a multiset, as mypy-baseline matches): a new finding of a listed key is the last one."""
    keys = finding_keys(findings, tables)
    severities = findings["severity"].tolist()
    lines = [int(n) for n in findings["source_line"].tolist()]
    mask = [False] * len(keys)
    failing = [i for i, s in enumerate(severities) if s in FAILING]
    ranks = ordinals([keys[i] for i in failing], [lines[i] for i in failing])
    present: Counter[FindingKey] = Counter()
    for i, rank in zip(failing, ranks, strict=True):
        present[keys[i]] += 1
        mask[i] = rank < baseline.accepted.get(keys[i], 0)
    gone = sum(max(0, n - present[k]) for k, n in baseline.accepted.items())
    return Baselined(mask, gone)


def render_baseline(findings: pd.DataFrame, tables: pd.DataFrame) -> str:
    """Every error and warning of a run as accepted: sorted JSON, the same bytes for the same
    findings whatever their lines."""
    counts = accepted_counts(findings, tables)
    entries = []
    for key in sorted(counts):
        entry: dict[str, Any] = {f: getattr(key, f) or None for f in KEY_FIELDS}
        entry["count"] = counts[key]
        entries.append(entry)
    doc = {"about": BASELINE_ABOUT, "version": BASELINE_VERSION, "accepted": entries}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def parse_baseline(text: str, source: str = "baseline") -> Baseline:
    """Read a baseline's JSON; BaselineError says what is wrong with it."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise BaselineError(f"{source} is not JSON: {err}") from None
    if not isinstance(doc, dict) or doc.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{source} is not a version {BASELINE_VERSION} baseline")
    entries = doc.get("accepted")
    if not isinstance(entries, list):
        raise BaselineError(f"{source}: 'accepted' is not a list")
    accepted: Counter[FindingKey] = Counter()
    for n, entry in enumerate(entries, 1):
        values = [entry.get(f) for f in KEY_FIELDS] if isinstance(entry, dict) else [None]
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if (
            not isinstance(values[0], str)  # a code, at least
            or not all(v is None or isinstance(v, str) for v in values)
            or type(count) is not int  # not a bool either
            or count < 1
        ):
            raise BaselineError(f"{source}: entry {n} is not a finding key with a count")
        accepted[FindingKey(*(v or "" for v in values))] += count
    return Baseline(dict(accepted))


def read_baseline(path: Path) -> Baseline:
    """Read a baseline file; BaselineError where it is missing or not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise BaselineError(f"cannot read baseline {path}: {reason}") from None
    return parse_baseline(text, str(path))


def write_baseline(path: Path, text: str) -> None:
    """Replace `path` with `text` atomically: a temporary file beside it (created as any file
    is, so the umask sets its mode), then a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- GitHub Actions -------------------------------------------------------------------------


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's rules: `%`, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as a message, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _shown(findings: pd.DataFrame, baselined: Sequence[bool] | None) -> list[int]:
    """Rows of the new errors and warnings, most severe first, then in report order."""
    severities = findings["severity"].tolist()
    new = [i for i in range(len(severities)) if not (baselined and baselined[i])]
    return [i for s in FAILING for i in new if severities[i] == s]


def totals(findings: pd.DataFrame) -> dict[str, int]:
    """Findings by severity, every severity present (0 where none)."""
    counts = Counter(findings["severity"].tolist())
    return {s: counts[s] for s in SEVERITIES}


def render_github(
    findings: pd.DataFrame,
    paths: Mapping[str, str],
    baselined: Baselined | None = None,
    report: str | None = None,
) -> list[str]:
    """`::error`/`::warning` annotations for the first 10 new errors, then warnings, then one
    `::notice` with the totals; `paths` names each page's file relative to the workspace."""
    mask = baselined.mask if baselined else None
    rows = _shown(findings, mask)
    columns = {c: findings[c].tolist() for c in ("severity", "code", "page", "source_line")}
    messages = findings["message"].tolist()
    out = []
    shown: Counter[str] = Counter()
    for i in rows:
        severity = columns["severity"][i]
        if shown[severity] == ANNOTATIONS_PER_SEVERITY:
            continue
        shown[severity] += 1
        page = columns["page"][i]
        props = ",".join(
            f"{k}={escape_property(v)}"
            for k, v in (
                ("file", paths.get(page, page)),
                ("line", str(columns["source_line"][i])),
                ("title", str(columns["code"][i])),
            )
        )
        out.append(f"::{severity} {props}::{escape_data(str(messages[i]))}")
    new = Counter(columns["severity"][i] for i in rows)
    all_ = totals(findings)
    parts = [f"{all_['error']} error, {all_['warning']} warning, {all_['info']} info"]
    if baselined is not None:
        parts.append(f"{baselined.count} in the baseline, {new['error'] + new['warning']} new")
    hidden = {s: new[s] - shown[s] for s in FAILING if new[s] > shown[s]}
    if hidden:
        parts.append(" and ".join(f"{n} more {s}(s)" for s, n in hidden.items()) + " not annotated")
    if report:
        parts.append(f"full report: {report}")
    out.append(f"::notice title=findings::{escape_data('; '.join(parts))}")
    return out


def fit_lines(lines: Sequence[str], budget: int) -> str:
    """Join as many lines as fit in `budget` bytes (UTF-8), then say how many were left out;
    "" where not even that note fits."""
    whole = "".join(line + "\n" for line in lines)
    if len(whole.encode("utf-8")) <= budget:
        return whole
    note = "\n_… {n} more line(s) left out to keep this summary under 1 MiB; see the report._\n"
    reserve = len(note.format(n=len(lines)).encode("utf-8"))
    used, kept = 0, 0
    for line in lines:
        size = len(line.encode("utf-8")) + 1
        if used + size + reserve > budget:
            break
        used += size
        kept += 1
    if reserve > budget:
        return ""
    return "".join(line + "\n" for line in lines[:kept]) + note.format(n=len(lines) - kept)


def render_step_summary(
    pages: pd.DataFrame,
    tables: pd.DataFrame,
    findings: pd.DataFrame,
    *,
    paths: Mapping[str, str],
    coverage: Sequence[str] = (),
    baselined: Baselined | None = None,
    budget: int = STEP_SUMMARY_BYTES,
) -> str:
    """A Markdown summary for `$GITHUB_STEP_SUMMARY`: totals, the new errors and warnings, the
    pages' coverage lines; cut to `budget` bytes."""
    all_ = totals(findings)
    head = [
        f"### Validation: {len(pages)} page(s), {len(tables)} table(s)",
        "",
        f"**{all_['error']} error, {all_['warning']} warning, {all_['info']} info**"
        + (
            f"; {baselined.count} accepted in the baseline"
            + (f", {baselined.gone} listed there no longer found" if baselined.gone else "")
            if baselined is not None
            else ""
        ),
        "",
    ]
    rows = _shown(findings, baselined.mask if baselined else None)
    body: list[str] = []
    if rows:
        body += ["| severity | where | code | message |", "|---|---|---|---|"]
        columns = {c: findings[c].tolist() for c in ("severity", "code", "page", "source_line")}
        messages = findings["message"].tolist()
        for i in rows:
            page = columns["page"][i]
            where = f"{paths.get(page, page)}:{columns['source_line'][i]}"
            cells = [
                columns["severity"][i],
                f"`{where}`".replace("|", "\\|"),  # a pipe would end the cell even in code
                f"`{columns['code'][i]}`",
                markdown_text(str(messages[i])),
            ]
            body.append("| " + " | ".join(cells) + " |")
        body.append("")
    if coverage:
        body += ["#### Pages", "", *coverage, ""]
    return fit_lines(head + body, budget)


def append_step_summary(path: Path, text: str) -> None:
    """Append to the step summary file (other steps' writers may have written there)."""
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def step_summary_budget(path: Path) -> int:
    """The bytes still free under GitHub's 1 MiB for this step's summary file."""
    try:
        used = path.stat().st_size
    except OSError:
        used = 0
    return max(0, STEP_SUMMARY_BYTES - used)


# --- GitLab Code Quality --------------------------------------------------------------------


def render_code_quality(pages: pd.DataFrame, tables: pd.DataFrame, findings: pd.DataFrame) -> str:
    """`gl-code-quality.json`: one GitLab Code Quality issue per finding, fingerprinted by its
    key and ordinal (`fingerprint`), so a line shift leaves every fingerprint as it was."""
    paths = dict(zip(pages["page"].tolist(), pages["path"].tolist(), strict=True))
    keys = finding_keys(findings, tables)
    lines = [int(n) for n in findings["source_line"].tolist()]
    ranks = ordinals(keys, lines)
    columns = zip(
        findings["severity"].tolist(),
        findings["message"].tolist(),
        keys,
        ranks,
        lines,
        strict=True,
    )
    issues = [
        {
            "check_name": key.code,
            "description": str(message),
            "fingerprint": fingerprint(key, rank),
            "severity": CODE_QUALITY_SEVERITY[severity],
            "location": {
                "path": paths.get(key.page, f"{key.page}.txt"),
                "lines": {"begin": line},
            },
        }
        for severity, message, key, rank, line in columns
    ]
    # One issue a line: json's indenting encoder is pure Python (about 30 times slower).
    body = ",\n".join(json.dumps(i, ensure_ascii=False, sort_keys=True) for i in issues)
    return f"[\n{body}\n]\n" if issues else "[]\n"

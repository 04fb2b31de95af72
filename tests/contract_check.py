"""Check a clean/ folder against the output contract v2 (docs/contract.md), independently of
our schemas.

Started as a copy of shared/tools/check_contract.py (contract v1); since contract v2 this copy is
the reference and changes with docs/contract.md, in the same commit.

Usage, from the project root, with the project's interpreter:
    .venv/bin/python tests/contract_check.py clean/

Prints one line per shortfall and exits 1 if there is any; prints a one-line summary and exits 0
otherwise. It checks names, types, allowed values, ID forms and keys only; what the values should
be is the tests' business. Extra columns are allowed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

STR, INT, BOOL, LIST, LIST_INT = "string", "integer", "boolean", "list of string", "list of int"
SECTION = {
    "page": STR,
    "table_id": STR,
    "table_label": STR,
    "season": STR,
    "competition": STR,
    "section": LIST,
    "stage_name": STR,
    "region_name": STR,
    "group_name": STR,
    "round_name": STR,
    "source_line": INT,
}
CONTRACT = {
    "pages": {
        "page": STR,
        "path": STR,
        "sha256": STR,
        "bytes": INT,
        "lines": INT,
        "rendering": STR,
        "title": STR,
        "season": STR,
        "competition": STR,
        "tables": INT,
        "truncated": BOOL,
        "source_url": STR,
        "revision": STR,
        "retrieved": STR,
        "sections_without_table": LIST,
    },
    "tables": {
        **SECTION,
        "rendering": STR,
        "kind": STR,
        "rows": INT,
        "cells": INT,
        "cells_layout": INT,
        "cells_data": INT,
        "cells_unused": INT,
        "status": STR,
        "updated": STR,
    },
    "standings": {
        **SECTION,
        "position": INT,
        "team": STR,
        "team_link": STR,
        "team_abbr": STR,
        "played": INT,
        "won": INT,
        "drawn": INT,
        "lost": INT,
        "goals_for": INT,
        "goals_against": INT,
        "goal_difference": INT,
        "points": INT,
        "qualification": STR,
        "notes": LIST,
        "derived": LIST,
    },
    "matches": {
        **SECTION,
        "match_id": STR,
        "kind": STR,
        "tie_id": STR,
        "home_team": STR,
        "away_team": STR,
        "home_team_link": STR,
        "away_team_link": STR,
        "home_goals": INT,
        "away_goals": INT,
        "home_penalties": INT,
        "away_penalties": INT,
        "extra_time": BOOL,
        "status": STR,
        "neutral": BOOL,
        "winner": STR,
        "date": STR,
        "venue": STR,
        "score_text": STR,
    },
    "ties": {
        **SECTION,
        "tie_id": STR,
        "team1": STR,
        "team2": STR,
        "team1_link": STR,
        "team2_link": STR,
        "team1_aggregate": INT,
        "team2_aggregate": INT,
        "team1_penalties": INT,
        "team2_penalties": INT,
        "team1_points": INT,
        "team2_points": INT,
        "decided_by": STR,
        "winner": STR,
        "winner_inferred": BOOL,
        "aggregate_text": STR,
    },
    "findings": {
        "severity": STR,
        "code": STR,
        "page": STR,
        "table_id": STR,
        "source_line": INT,
        "team": STR,
        "field": STR,
        "stated": STR,
        "computed": STR,
        "message": STR,
        "candidate_lines": LIST_INT,
    },
}
ALLOWED = {
    ("tables", "status"): {"parsed", "partial", "skipped"},
    ("matches", "kind"): {"league", "leg_1", "leg_2", "tiebreaker", "single"},
    ("matches", "status"): {"played", "walkover", "not_played", "awarded", "pending"},
    ("ties", "decided_by"): {
        "aggregate",
        "away_goals",
        "points",
        "tiebreaker",
        "penalties",
        "walkover",
        "pending",
        "unknown",
    },
    ("findings", "severity"): {"error", "warning", "info"},
}
FORMS = {
    ("matches", "match_id"): re.compile(r"^.+#\d+/m\d+$"),
    ("matches", "tie_id"): re.compile(r"^.+#\d+/t\d+$"),
    ("ties", "tie_id"): re.compile(r"^.+#\d+/t\d+$"),
    ("tables", "table_id"): re.compile(r"^.+#\d+$"),
}
KEYS = {
    "standings": ["table_id", "source_line"],
    "matches": ["match_id"],
    "ties": ["tie_id"],
    "tables": ["table_id"],
    "pages": ["page"],
}
REPORTS = [
    "report.md", "report.json", "junit.xml", "gl-code-quality.json", "report.html",
    "datapackage.json",
]


def kind_of(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return INT
    if pa.types.is_boolean(t):
        return BOOL
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_dictionary(t):
        return STR
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        inner = kind_of(t.value_type)
        if inner in (STR, INT):
            return LIST if inner == STR else LIST_INT
    if pa.types.is_null(t):
        return "null (every value missing: type unknown)"
    return str(t)


def check(folder: Path) -> list[str]:
    short: list[str] = []
    for name, columns in CONTRACT.items():
        path = folder / f"{name}.parquet"
        if not path.exists():
            short.append(f"{name}.parquet: missing")
            continue
        table = pq.read_table(path)
        types = {f.name: kind_of(f.type) for f in table.schema}
        for col, want in columns.items():
            if col not in types:
                short.append(f"{name}.{col}: missing")
            elif types[col] != want and not (types[col].startswith("null") and table.num_rows == 0):
                short.append(f"{name}.{col}: {types[col]}, want {want}")
        for (tname, col), form in FORMS.items():
            if tname == name and col in types:
                bad_ids = [v for v in table.column(col).drop_null().to_pylist() if not form.match(v)]
                if bad_ids:
                    short.append(f"{name}.{col}: {bad_ids[:3]} do not have the form {form.pattern}")
        for (tname, col), allowed in ALLOWED.items():
            if tname == name and col in types:
                bad = set(table.column(col).drop_null().to_pylist()) - allowed
                if bad:
                    short.append(f"{name}.{col}: values {sorted(bad)[:5]} not in {sorted(allowed)}")
        if name == "tables" and {"cells", "cells_layout", "cells_data", "cells_unused"} <= set(
            types
        ):
            df = table.select(["cells", "cells_layout", "cells_data", "cells_unused"]).to_pandas()
            off = int((df.cells != df.cells_layout + df.cells_data + df.cells_unused).sum())
            if off:
                short.append(
                    f"tables: {off} rows where cells != cells_layout + cells_data + cells_unused"
                )
        key = [k for k in KEYS.get(name, []) if k in types]
        if key and len(key) == len(KEYS[name]) and table.num_rows:
            df = table.select(key).to_pandas()
            dup = int(df.duplicated().sum())
            if dup:
                short.append(f"{name}: {dup} rows repeat the key {key}")
    for report in REPORTS:
        if not (folder / report).exists():
            short.append(f"{report}: missing")
    return short


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "clean")
    short = check(folder)
    for line in short:
        print(line)
    if short:
        print(f"{len(short)} shortfalls against the contract")
        return 1
    print(f"{folder}: matches the output contract ({len(CONTRACT)} tables, {len(REPORTS)} reports)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Flatten a page's outputs to plain JSON: the refactor guard (issue 8, step 1).

`python -m tests.snapshot` rewrites `tests/snapshots/*.json` from the current code; the test in
`test_snapshots.py` compares the code against them. A snapshot changes only with a behaviour
change that a test of its own pins, and the commit says which.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from pipeline.run import RawPage, assemble, parse_pages

ROOT = Path(__file__).parent
SNAPSHOTS = ROOT / "snapshots"
# Every real text page the suite holds: the fixtures, the wild exports and the row renderings.
PAGES = sorted(
    [
        *ROOT.glob("fixtures/*.txt"),
        *ROOT.glob("fixtures/wild/*.txt"),
        *ROOT.glob("fixtures/rows/*.txt"),
    ]
)
SKIP = {"sha256", "path"}  # file facts, not meaning


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ == "NAType":
        return None
    return value


def flatten(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every output row of one page, as plain JSON values."""
    raw = RawPage(path.stem, str(path.relative_to(ROOT.parent)), path.read_bytes())
    outputs = assemble(parse_pages([raw]))
    flat: dict[str, list[dict[str, Any]]] = {}
    for name, frame in outputs.frames.items():
        flat[name] = [
            {str(k): _plain(v) for k, v in row.items() if k not in SKIP}
            for row in frame.to_dict(orient="records")
        ]
    return flat


def snapshot_path(path: Path) -> Path:
    return SNAPSHOTS / f"{path.parent.name}__{path.stem}.json"


def main() -> None:
    SNAPSHOTS.mkdir(exist_ok=True)
    for path in PAGES:
        text = json.dumps(flatten(path), ensure_ascii=False, indent=1, sort_keys=True)
        snapshot_path(path).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

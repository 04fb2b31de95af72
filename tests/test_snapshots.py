"""The refactor guard: every real text page gives the outputs snapshotted before the change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.snapshot import PAGES, flatten, snapshot_path


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_outputs_match_their_snapshot(path: Path) -> None:
    expected = json.loads(snapshot_path(path).read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(flatten(path), ensure_ascii=False))
    for name in sorted(expected):
        assert actual[name] == expected[name], name

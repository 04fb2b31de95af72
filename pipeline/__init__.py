"""Turn Wikipedia football-season pages into validated, cross-checked tables.

The Python API (`pipeline.api`): `extract` reads pages (paths, or `(name, bytes)` pairs) and
returns an `Extraction`, one validated DataFrame per output plus the findings, writing
nothing; `recompute_standings` recomputes standings from results as the cross-check does.

    from pipeline import extract
    x = extract("raw")
    x.standings, x.matches, x.findings  # pandas DataFrames, as in clean/*.parquet

Names are imported on first use (PEP 562): `import pipeline` and the CLI's start-up load
neither pandas nor the parser.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = [
    "Extraction",
    "Finding",
    "InputError",
    "Source",
    "WalkoverPolicy",
    "__version__",
    "extract",
    "recompute_standings",
]

# Each public name and the module it lives in (imported when the name is first asked for).
_HOMES = {
    "Extraction": "pipeline.api",
    "Source": "pipeline.api",
    "WalkoverPolicy": "pipeline.api",
    "extract": "pipeline.api",
    "recompute_standings": "pipeline.api",
    "Finding": "pipeline.findings",
    "InputError": "pipeline.storage",
}

if TYPE_CHECKING:  # type checkers see plain imports (and no __getattr__ that hides typos)
    from pipeline.api import Extraction, Source, WalkoverPolicy, extract, recompute_standings
    from pipeline.findings import Finding
    from pipeline.storage import InputError
else:

    def __getattr__(name: str) -> object:
        """Import a public name on first use and keep it (PEP 562)."""
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(home), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))

"""Register the output tables; each one's columns come from its pandera model, declared once.

The model drives the Arrow schema, the record building (columns are taken from records by name)
and the validation; a kind that writes a new output registers it here with its model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

ARROW_LISTS = {"list<string>": pa.list_(pa.string()), "list<int64>": pa.list_(pa.int64())}
# The Arrow field metadata key of a column's description (read back from every Parquet file).
DESCRIPTION_KEY = "description"


@dataclass(frozen=True, slots=True)
class Output:
    """One output table: its name (file stem), its model, and whether rows sit in a section."""

    name: str
    model: Any  # a pandera DataFrameModel class
    sectioned: bool = True  # rows carry the section columns of the table they come from

    def columns(self) -> list[tuple[str, pa.DataType]]:
        """Column names and Arrow types, in the model's order."""
        out: list[tuple[str, pa.DataType]] = []
        for name, column in self.model.to_schema().columns.items():
            out.append((name, _arrow_type(name, str(column.dtype), column.metadata or {})))
        return out

    def description(self) -> str:
        """What one row of the table is (the model's docstring), whitespace folded."""
        return " ".join(str(self.model.to_schema().description or "").split())

    def descriptions(self) -> dict[str, str]:
        """Each column's description, whitespace folded: the one text the data dictionary,
        the Parquet field metadata and datapackage.json show."""
        columns = self.model.to_schema().columns
        return {n: " ".join(str(c.description or "").split()) for n, c in columns.items()}

    def schema(self) -> pa.Schema:
        """The Arrow schema the table is written with: nullable integers stay integers, and
        each field carries its column's description (metadata `description`; none if empty)."""
        described = self.descriptions()
        return pa.schema(
            [
                pa.field(n, t, metadata={DESCRIPTION_KEY: described[n]} if described[n] else None)
                for n, t in self.columns()
            ]
        )


def _arrow_type(name: str, dtype: str, metadata: dict[str, Any]) -> pa.DataType:
    if "arrow" in metadata:
        return ARROW_LISTS[metadata["arrow"]]
    if dtype == "Int64":
        return pa.int64()
    if dtype == "bool":
        return pa.bool_()
    if dtype.startswith(("str", "string")):
        return pa.string()
    raise TypeError(f"column {name!r}: no Arrow type for dtype {dtype!r} (declare metadata)")


_REGISTRY: dict[str, Output] = {}


def register(output: Output) -> Output:
    """Add an output table (a plug-in kind's own output, say)."""
    _REGISTRY[output.name] = output
    return output


def unregister(name: str) -> None:
    """Remove an output (tests that plug one in take it out again)."""
    _REGISTRY.pop(name, None)


def outputs() -> tuple[Output, ...]:
    """Every output table, the built-ins first, in the order they are written."""
    _ensure_builtins()
    return tuple(_REGISTRY.values())


def output(name: str) -> Output:
    _ensure_builtins()
    return _REGISTRY[name]


def _ensure_builtins() -> None:
    if "pages" in _REGISTRY:
        return
    from schemas.models import (
        FindingsModel,
        MatchesModel,
        PagesModel,
        StandingsModel,
        TablesModel,
        TiesModel,
    )

    builtins = [
        Output("pages", PagesModel, sectioned=False),
        Output("tables", TablesModel),
        Output("standings", StandingsModel),
        Output("matches", MatchesModel),
        Output("ties", TiesModel),
        Output("findings", FindingsModel, sectioned=False),
    ]
    extra = dict(_REGISTRY)
    _REGISTRY.clear()
    _REGISTRY.update({o.name: o for o in builtins})
    _REGISTRY.update(extra)


DICTIONARY_BEGIN = "<!-- data dictionary: generated from schemas/models.py; do not edit -->"
DICTIONARY_END = "<!-- end of data dictionary -->"
_TYPE_NAMES = {
    pa.string(): "string",
    pa.int64(): "integer",
    pa.bool_(): "boolean",
    pa.list_(pa.string()): "list of string",
    pa.list_(pa.int64()): "list of integer",
}


def render_data_dictionary() -> str:
    """The column tables of docs/contract.md, from the models (one declaration per column)."""
    lines = [DICTIONARY_BEGIN]
    for out in outputs():
        schema = out.model.to_schema()
        described = out.descriptions()
        lines += ["", f"### `{out.name}.parquet`", "", str(schema.description or "").strip(), ""]
        lines += ["| column | type | nullable | meaning |", "|---|---|---|---|"]
        for name, arrow_type in out.columns():
            column = schema.columns[name]
            meaning = described[name].replace("|", "\\|")
            nullable = "yes" if column.nullable else ""
            lines.append(f"| `{name}` | {_TYPE_NAMES[arrow_type]} | {nullable} | {meaning} |")
    lines += ["", DICTIONARY_END]
    return "\n".join(lines)

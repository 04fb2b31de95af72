"""Describe a run's Parquet files as a Frictionless Tabular Data Package (`datapackage.json`).

The spec followed is Data Package v1 with `profile: "tabular-data-package"`
(https://specs.frictionlessdata.io/tabular-data-package/), not v2 (`$schema`): v1's JSON Schema
profiles are published on PyPI (the `datapackage` wheel ships them), so the descriptor is
validated offline in the tests, and v2 readers read v1 descriptors as they are (v2 keeps v1
valid). Everything comes from the output registry and the pandera models, declared once:

- a resource per output, in the order they are written, with the run's row count (`rows`, the
  property frictionless reads as the resource's row count and checks);
- a field per column, in the Parquet order: its Table Schema type, its description (the text of
  the data dictionary and of the Parquet field metadata), and its constraints: `required` for a
  non-nullable column, `unique`, `enum` (`isin=`), `minimum`/`maximum` (`ge=`/`le=`),
  `minLength` (`str_length=`) and `pattern` (`str_matches=`, its `^...$` anchors dropped: Table
  Schema patterns are XML Schema regexes, anchored by definition);
- the primary key: the model's `unique` columns (Config), else its one `unique=True` column;
- foreign keys by the contract's naming of keys: a column named as another output's one-column
  primary key references it (`tables.page -> pages.page`, `*.table_id -> tables.table_id`,
  `matches.tie_id -> ties.tie_id`); a null value references nothing.

Nulls are Parquet nulls: `missingValues` is empty, so an empty string is a value, not a null.
No timestamp, path or hash goes in (`manifest.json` holds the hashes): the same outputs give
the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from pipeline.outputs import Output, outputs

PROFILE = "tabular-data-package"
RESOURCE_PROFILE = "tabular-data-resource"
NAME = "copa-pipeline-clean"
TITLE = "Football tables read from Wikipedia pages"
DESCRIPTION = (
    "League standings, results matrices, two-legged ties, tiebreakers and single matches read "
    "from Wikipedia football pages, with every page and table read and the validation findings "
    "(docs/contract.md, output contract version 2). Values are as the pages state them; where "
    "a page contradicts itself, a finding says so."
)
LICENSES = [
    {
        "name": "CC-BY-SA-4.0",
        "path": "https://creativecommons.org/licenses/by-sa/4.0/",
        "title": "Creative Commons Attribution-ShareAlike 4.0",
    }
]
SOURCES = [{"title": "Wikipedia contributors", "path": "https://www.wikipedia.org/"}]
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"  # registered with IANA in 2024

_FIELD_TYPES = {pa.string(): "string", pa.int64(): "integer", pa.bool_(): "boolean"}


def field_type(arrow_type: pa.DataType) -> str:
    """The Table Schema type of an Arrow column type (a list is an `array`)."""
    if pa.types.is_list(arrow_type):
        return "array"
    if arrow_type in _FIELD_TYPES:
        return _FIELD_TYPES[arrow_type]
    raise TypeError(f"no Table Schema type for Arrow type {arrow_type}")


def _pattern(regex: str) -> str | None:
    """An anchored regex as a Table Schema pattern (matched whole); None if not anchored."""
    if regex.startswith("^") and regex.endswith("$") and not regex.endswith("\\$"):
        return regex[1:-1]
    return None


def _constraints(column: Any) -> dict[str, Any]:
    """Table Schema constraints of a pandera column: nullability, uniqueness, built-in checks.

    Custom checks (a rendering some front end declares, a registered kind) have no statistics
    to read and are left to the schema validation.
    """
    out: dict[str, Any] = {}
    if not column.nullable:
        out["required"] = True
    if column.unique:
        out["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            out["enum"] = list(stats["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            out["minimum"] = stats["min_value"]
        elif check.name == "less_than_or_equal_to":
            out["maximum"] = stats["max_value"]
        elif check.name == "str_length" and stats.get("min_value") is not None:
            out["minLength"] = stats["min_value"]
        elif check.name == "str_matches":
            pattern = _pattern(str(stats["pattern"]))
            if pattern is not None:
                out["pattern"] = pattern
    return out


def _fields(out: Output) -> list[dict[str, Any]]:
    columns = out.model.to_schema().columns
    described = out.descriptions()
    fields: list[dict[str, Any]] = []
    for name, arrow_type in out.columns():
        field: dict[str, Any] = {"name": name, "type": field_type(arrow_type)}
        if described[name]:
            field["description"] = described[name]
        constraints = _constraints(columns[name])
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return fields


def primary_key(out: Output) -> list[str]:
    """The columns that identify a row: the model's `unique` columns (Config), else its one
    column declared `unique=True`; none for a table with no key (findings)."""
    schema = out.model.to_schema()
    if schema.unique:
        return list(schema.unique)
    unique = [n for n, c in schema.columns.items() if c.unique]
    return unique if len(unique) == 1 else []


def foreign_keys(out: Output, keys: Mapping[str, list[str]]) -> list[dict[str, Any]]:
    """References of an output's columns: a column named as another output's one-column
    primary key (`keys`: output name -> primary key) references that output."""
    owner = {key[0]: name for name, key in keys.items() if len(key) == 1 and name != out.name}
    return [
        {"fields": [column], "reference": {"resource": owner[column], "fields": [column]}}
        for column, _ in out.columns()
        if column in owner
    ]


def _resource(out: Output, rows: int, keys: Mapping[str, list[str]]) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": _fields(out), "missingValues": []}
    if keys[out.name]:
        schema["primaryKey"] = keys[out.name]
    references = foreign_keys(out, keys)
    if references:
        schema["foreignKeys"] = references
    resource: dict[str, Any] = {
        "profile": RESOURCE_PROFILE,
        "name": out.name,
        "path": f"{out.name}.parquet",
        "format": "parquet",
        "mediatype": PARQUET_MEDIATYPE,
        "rows": rows,
        "schema": schema,
    }
    if out.description():
        resource["description"] = out.description()
    return resource


def datapackage(arrow: Mapping[str, pa.Table]) -> dict[str, Any]:
    """The descriptor of a run's outputs (`arrow`: output name -> the table written)."""
    registered = outputs()
    names = [o.name for o in registered]
    if sorted(arrow) != sorted(names):
        raise ValueError(f"outputs {sorted(arrow)} are not the registered ones {sorted(names)}")
    keys = {o.name: primary_key(o) for o in registered}
    return {
        "profile": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "licenses": LICENSES,
        "sources": SOURCES,
        "resources": [_resource(o, arrow[o.name].num_rows, keys) for o in registered],
    }


def render_datapackage(arrow: Mapping[str, pa.Table]) -> str:
    """`datapackage.json`: the descriptor as JSON text, keys sorted (byte-stable)."""
    text = json.dumps(datapackage(arrow), ensure_ascii=False, indent=1, sort_keys=True)
    return text + "\n"

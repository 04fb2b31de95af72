"""datapackage.json describes clean/: it validates offline against the official Tabular Data
Package profile, and every Parquet column carries the description the descriptor gives it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.datapackage import datapackage, field_type, render_datapackage
from pipeline.outputs import DESCRIPTION_KEY, outputs
from pipeline.run import Outputs, RawPage, assemble, parse_pages
from pipeline.storage import write_outputs
from schemas.models import MATCH_STATUS, SEVERITIES
from tests.conftest import SEED

PROFILE = Path(__file__).parent / "profiles" / "tabular-data-package.json"
NAME = "datapackage.json"


@pytest.fixture(scope="module")
def run() -> Outputs:
    raw = RawPage(SEED.stem, f"tests/fixtures/{SEED.name}", SEED.read_bytes())
    return assemble(parse_pages([raw]))


@pytest.fixture(scope="module")
def written(run: Outputs, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run written as the CLI writes it, datapackage.json among the reports."""
    out = tmp_path_factory.mktemp("run") / "clean"
    write_outputs(out, run.arrow, {**run.reports, NAME: render_datapackage(run.arrow)})
    return out


@pytest.fixture(scope="module")
def descriptor(written: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((written / NAME).read_text(encoding="utf-8"))
    return loaded


def _resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in descriptor["resources"]}


def test_the_descriptor_validates_against_the_tabular_data_package_profile(
    descriptor: dict[str, Any],
) -> None:
    profile = json.loads(PROFILE.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(profile)
    errors = [e.message for e in jsonschema.Draft4Validator(profile).iter_errors(descriptor)]
    assert errors == []
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-SA-4.0",
            "path": "https://creativecommons.org/licenses/by-sa/4.0/",
            "title": "Creative Commons Attribution-ShareAlike 4.0",
        }
    ]
    assert [s["title"] for s in descriptor["sources"]] == ["Wikipedia contributors"]


def test_the_profile_catches_a_broken_descriptor(descriptor: dict[str, Any]) -> None:
    """The validation has teeth: a resource without a schema breaks the tabular profile."""
    profile = json.loads(PROFILE.read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(descriptor))
    del broken["resources"][0]["schema"]
    assert not jsonschema.Draft4Validator(profile).is_valid(broken)


def test_a_resource_per_parquet_file_in_the_order_written(
    descriptor: dict[str, Any], written: Path, run: Outputs
) -> None:
    names = [o.name for o in outputs()]
    assert [r["name"] for r in descriptor["resources"]] == names
    assert sorted(p.stem for p in written.glob("*.parquet")) == sorted(names)
    for r in descriptor["resources"]:
        assert r["path"] == f"{r['name']}.parquet"
        assert (r["format"], r["mediatype"]) == ("parquet", "application/vnd.apache.parquet")
        assert r["profile"] == "tabular-data-resource"
        assert (
            r["rows"]
            == run.arrow[r["name"]].num_rows
            == pq.read_metadata(written / r["path"]).num_rows
        )
        assert r["description"].startswith(f"{r['name']}.parquet: ")


def test_every_field_has_a_description(descriptor: dict[str, Any]) -> None:
    for r in descriptor["resources"]:
        for f in r["schema"]["fields"]:
            assert f.get("description", "").strip(), (r["name"], f["name"])


def test_fields_are_the_parquet_columns_in_order_with_their_descriptions(
    descriptor: dict[str, Any], written: Path
) -> None:
    for r in descriptor["resources"]:
        schema = pq.read_schema(written / r["path"])
        fields = r["schema"]["fields"]
        assert [f["name"] for f in fields] == schema.names, r["name"]
        for f, column in zip(fields, schema, strict=True):
            assert f["type"] == field_type(column.type), (r["name"], f["name"])
            metadata = {k.decode(): v.decode() for k, v in (column.metadata or {}).items()}
            assert metadata == {DESCRIPTION_KEY: f["description"]}, (r["name"], f["name"])


def test_keys_follow_the_contract(descriptor: dict[str, Any]) -> None:
    resources = _resources(descriptor)
    keys = {n: r["schema"].get("primaryKey") for n, r in resources.items()}
    assert keys == {
        "pages": ["page"],
        "tables": ["table_id"],
        "standings": ["table_id", "source_line"],
        "matches": ["match_id"],
        "ties": ["tie_id"],
        "findings": None,
    }
    references = {
        (n, fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
        for n, r in resources.items()
        for fk in r["schema"].get("foreignKeys", [])
    }
    to_pages = {(n, "page", "pages", "page") for n in resources if n != "pages"}
    to_tables = {
        (n, "table_id", "tables", "table_id") for n in ("standings", "matches", "ties", "findings")
    }
    assert references == to_pages | to_tables | {("matches", "tie_id", "ties", "tie_id")}


def test_allowed_values_are_enums(descriptor: dict[str, Any]) -> None:
    def constraints(resource: str, field: str) -> dict[str, Any]:
        fields = {f["name"]: f for f in _resources(descriptor)[resource]["schema"]["fields"]}
        found: dict[str, Any] = fields[field].get("constraints", {})
        return found

    assert constraints("tables", "status")["enum"] == ["parsed", "partial", "skipped"]
    assert constraints("matches", "status")["enum"] == MATCH_STATUS
    assert constraints("findings", "severity")["enum"] == SEVERITIES
    assert constraints("matches", "home_goals") == {"minimum": 0, "maximum": 99}
    assert constraints("matches", "match_id") == {
        "required": True,
        "unique": True,
        "pattern": r".+#\d+/m\d+",
    }
    assert constraints("findings", "table_id") == {}  # nullable, free


def test_the_run_meets_its_descriptor(descriptor: dict[str, Any], written: Path) -> None:
    """Keys unique, references found, constraints met, on the data written."""
    data = {r["name"]: pq.read_table(written / r["path"]) for r in descriptor["resources"]}
    for r in descriptor["resources"]:
        table = data[r["name"]]
        key = r["schema"].get("primaryKey")
        if key:
            rows = list(zip(*(table[c].to_pylist() for c in key), strict=True))
            assert len(set(rows)) == len(rows), r["name"]
        for fk in r["schema"].get("foreignKeys", []):
            (column,), ref = fk["fields"], fk["reference"]
            target = set(data[ref["resource"]][ref["fields"][0]].to_pylist())
            values = [v for v in table[column].to_pylist() if v is not None]
            assert values, (r["name"], column)  # the seed page exercises every reference
            assert set(values) <= target, (r["name"], column)
        for f in r["schema"]["fields"]:
            _meets(f, table[f["name"]], r["name"])


def _meets(field: dict[str, Any], column: pa.ChunkedArray, resource: str) -> None:
    c = field.get("constraints", {})
    where = (resource, field["name"])
    values = column.to_pylist()
    if c.get("required"):
        assert None not in values, where
    present = [v for v in values if v is not None]
    if c.get("unique"):
        assert len(set(present)) == len(present), where
    if "enum" in c:
        assert set(present) <= set(c["enum"]), where
    if "minimum" in c:
        assert all(v >= c["minimum"] for v in present), where
    if "maximum" in c:
        assert all(v <= c["maximum"] for v in present), where
    if "minLength" in c:
        assert all(len(v) >= c["minLength"] for v in present), where
    if "pattern" in c:
        assert all(re.fullmatch(c["pattern"], v) for v in present), where


def test_same_outputs_same_bytes(run: Outputs, written: Path, tmp_path: Path) -> None:
    """The descriptor and the described Parquet files are byte-identical run to run."""
    again = tmp_path / "clean"
    write_outputs(again, run.arrow, {**run.reports, NAME: render_datapackage(run.arrow)})
    for r in datapackage(run.arrow)["resources"]:
        assert (again / r["path"]).read_bytes() == (written / r["path"]).read_bytes()
    assert (again / NAME).read_bytes() == (written / NAME).read_bytes()


def test_outputs_that_are_not_the_registered_ones_are_refused(run: Outputs) -> None:
    with pytest.raises(ValueError, match="registered"):
        render_datapackage({k: v for k, v in run.arrow.items() if k != "ties"})

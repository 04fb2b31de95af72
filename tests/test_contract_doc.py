"""The contract document and the README agree with the models they describe."""

from __future__ import annotations

from pathlib import Path

from pipeline.outputs import outputs
from tests.update_contract import CONTRACT, replace_dictionary

README = Path(__file__).resolve().parent.parent / "README.md"


def test_contract_data_dictionary_is_the_one_the_models_generate() -> None:
    text = CONTRACT.read_text(encoding="utf-8")
    assert replace_dictionary(text) == text, "run `make docs` and commit docs/contract.md"


def test_every_column_of_every_output_has_a_description() -> None:
    for out in outputs():
        for name, column in out.model.to_schema().columns.items():
            assert column.description and len(column.description) > 3, f"{out.name}.{name}"


def test_readme_names_every_output_and_points_to_the_dictionary() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "docs/contract.md" in readme
    for out in outputs():
        assert f"`{out.name}`" in readme, out.name

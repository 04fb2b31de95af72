"""Rewrite the data dictionary of docs/contract.md from the models (`make docs`)."""

from __future__ import annotations

from pathlib import Path

from pipeline.outputs import DICTIONARY_BEGIN, DICTIONARY_END, render_data_dictionary

CONTRACT = Path(__file__).resolve().parent.parent / "docs" / "contract.md"


def replace_dictionary(text: str) -> str:
    """The contract with its generated block replaced by the models' dictionary."""
    start = text.index(DICTIONARY_BEGIN)
    end = text.index(DICTIONARY_END) + len(DICTIONARY_END)
    return text[:start] + render_data_dictionary() + text[end:]


if __name__ == "__main__":
    CONTRACT.write_text(replace_dictionary(CONTRACT.read_text(encoding="utf-8")), encoding="utf-8")

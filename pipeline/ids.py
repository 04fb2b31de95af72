"""Mint every ID in one place: pages are named by their file, tables, ties and matches by order.

Nothing parses an ID back: relations are held by the values that carry them.
"""

from __future__ import annotations


def page_id(file_name: str) -> str:
    """A page is named by its file's stem: `2004_copa_peru.txt` is `2004_copa_peru`."""
    stem, dot, _ = file_name.rpartition(".")
    return stem if dot and stem else file_name


def table_id(page: str, n: int) -> str:
    """The n-th table of a page (1-based, page order)."""
    return f"{page}#{n}"


def tie_id(table: str, n: int) -> str:
    """The n-th tie of a table (1-based, row order): `<table_id>/t<n>` (contract v2)."""
    return f"{table}/t{n}"


def match_id(table: str, n: int) -> str:
    """The n-th match of a table (1-based, reading order): `<table_id>/m<n>` (contract v2).

    Ties and matches have different forms, so a wrong join matches nothing.
    """
    return f"{table}/m{n}"

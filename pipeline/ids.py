"""Mint every ID in one place: pages are named by their file, tables, ties and matches by order.

Nothing parses an ID back: relations are held by the values that carry them.
"""

from __future__ import annotations


def table_id(page: str, n: int) -> str:
    """The n-th table of a page (1-based, page order)."""
    return f"{page}#{n}"


def tie_id(table: str, n: int) -> str:
    """The n-th tie of a table (1-based, row order)."""
    return f"{table}/{n}"


def match_id(table: str, n: int) -> str:
    """The n-th match of a table (1-based, the order the kind reads them)."""
    return f"{table}/{n}"

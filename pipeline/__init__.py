"""Turn pipe-delimited exports of Wikipedia football pages into validated, cross-checked tables."""

__version__ = "0.1.0"

"""Turn Wikipedia football-season pages into validated, cross-checked tables."""

__version__ = "0.1.0"

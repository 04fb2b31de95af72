"""Pandera models of the clean/ tables: the structural rules of the output contract.

`pipeline/outputs.py` registers each with its output; this package only declares them.
"""

from schemas.models import (
    FindingsModel,
    MatchesModel,
    PagesModel,
    StandingsModel,
    TablesModel,
    TiesModel,
)

__all__ = [
    "FindingsModel",
    "MatchesModel",
    "PagesModel",
    "StandingsModel",
    "TablesModel",
    "TiesModel",
]

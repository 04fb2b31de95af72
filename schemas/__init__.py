"""Pandera models of the clean/ tables: the structural rules of the output contract."""

from typing import Any

from schemas.models import (
    FindingsModel,
    MatchesModel,
    PagesModel,
    StandingsModel,
    TablesModel,
    TiesModel,
)

MODELS: dict[str, Any] = {
    "pages": PagesModel,
    "tables": TablesModel,
    "standings": StandingsModel,
    "matches": MatchesModel,
    "ties": TiesModel,
    "findings": FindingsModel,
}

__all__ = [
    "MODELS",
    "FindingsModel",
    "MatchesModel",
    "PagesModel",
    "StandingsModel",
    "TablesModel",
    "TiesModel",
]

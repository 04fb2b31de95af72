"""Shared test setup: fixture paths and hypothesis profiles (fixed seed in CI, long in fuzz)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pipeline.page import PageResult, parse_page

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "2004_copa_peru.txt"

# `make test`: ~100 examples a property, derandomized so CI is reproducible.
settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# `make fuzz`: thousands of examples, random seeds.
settings.register_profile(
    "fuzz",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def parse_fixture(name: str) -> PageResult:
    """Parse one real page from tests/fixtures/ (copied unchanged from shared/pages/)."""
    path = FIXTURES / name
    return parse_page(path.read_bytes(), path.stem, f"tests/fixtures/{name}")


@pytest.fixture(scope="session")
def seed() -> PageResult:
    """The 2004 Copa Perú page, parsed once."""
    return parse_fixture(SEED.name)

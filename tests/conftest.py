"""Shared fixtures."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import settings

# No test here is timed (speed is benchmarks/' business): Hypothesis's per-example
# deadline would fail a first example that loads tables or fills pint's cache cold.
settings.register_profile("unitcheck", deadline=None)
settings.load_profile("unitcheck")

CASES = Path(__file__).parent / "cases"


@pytest.fixture(scope="session")
def case_texts() -> list[str]:
    """Every text of the golden cases (extract, compare and lint), in file order: the
    sentences a speed shortcut must read exactly as the plain rule does."""
    texts: list[str] = []
    for path in sorted(CASES.glob("*/*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for case in data.get("case", [data]):
            texts.extend(v for k, v in case.items() if k in ("text", "original", "revised"))
    return texts

"""Golden extraction cases from ``tests/cases/extract/*.toml`` (issue 14).

Each file is one class of writing; see ``tests/cases/extract/README.md`` for the syntax.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from unitcheck import extract

FILES = sorted((Path(__file__).parent / "cases" / "extract").glob("*.toml"))
CASES = [
    pytest.param(case, id=f"{path.stem}-{n}")
    for path in FILES
    for n, case in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["case"])
]


def test_extract_cases_exist() -> None:
    assert FILES and CASES


@pytest.mark.parametrize("case", CASES)
def test_extract_cases_golden(case: dict[str, Any]) -> None:
    found = extract(case["text"])
    got = [q.text for q in found]
    assert got == [e[0] for e in case["expect"]], case["text"]
    for q, expected in zip(found, case["expect"], strict=True):
        _, value, unit, *bound = expected
        if value != "*":
            assert q.value is not None and math.isclose(q.value, value, rel_tol=1e-6), q
        if unit == "-":
            assert q.unit is None, q  # a bare number or a count: no unit
        elif unit != "*":
            assert q.unit == unit, q
        if bound:  # an optional fourth item: the bound, "lower", "upper", "approx" or "none"
            assert q.qualifier == (None if bound[0] == "none" else bound[0]), q

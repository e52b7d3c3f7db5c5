"""The real case unitcheck was built for: a reprint that turned square miles into m².

The seed pair lives outside the repository (``../shared/seeds``); these tests skip
cleanly when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import unitcheck
from unitcheck.model import Severity

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ORIGINAL = SEEDS / "001_43328af35791957d.txt"
REPRINT = SEEDS / "000_d065812160adae77.txt"

pytestmark = pytest.mark.skipif(
    not (ORIGINAL.is_file() and REPRINT.is_file()), reason="seed pair not available"
)


@pytest.fixture(scope="module")
def comparison() -> unitcheck.Comparison:
    return unitcheck.compare(
        ORIGINAL.read_text(encoding="utf-8"), REPRINT.read_text(encoding="utf-8")
    )


def test_exactly_one_error_and_no_warning(comparison: unitcheck.Comparison) -> None:
    serious = [f for f in comparison.findings if f.severity >= Severity.WARNING]
    assert [(f.code, f.a and f.a.text, f.b and f.b.text) for f in serious] == [
        ("UC101", "400 square miles", "400m2")
    ]
    assert "2.6 million times smaller" in serious[0].message


def test_added_conversion_is_verified(comparison: unitcheck.Comparison) -> None:
    verified = [f for f in comparison.findings if f.code == "UC303"]
    assert [(f.a and f.a.text, f.b and f.b.text) for f in verified] == [("600-mile", "965km")]


def test_one_side_only_material_is_never_judged(comparison: unitcheck.Comparison) -> None:
    # The ad's price (original) and the teasers' vote counts (reprint) are not aligned:
    # never an error or a warning, but told as info, so no figure vanishes unsaid.
    judged = {
        q.text
        for f in comparison.findings
        if f.severity >= Severity.WARNING
        for q in (f.a, f.b)
        if q is not None
    }
    assert not any("$" in t or "295" in t or "226" in t for t in judged)
    told = {(f.code, q.text) for f in comparison.findings for q in (f.a, f.b) if q is not None}
    assert any(code == "UC301" and "$" in t for code, t in told)
    assert any(code == "UC302" and ("295" in t or "226" in t) for code, t in told)
    for f in comparison.findings:
        if f.code in ("UC301", "UC302") and any("$" in q.text for q in (f.a, f.b) if q):
            assert "passage" in f.message  # says the figure sits in one-sided material

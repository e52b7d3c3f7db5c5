"""The HTML report of a comparison renders what compare found and never runs it again.

Every text here is invented for these tests.
"""

from __future__ import annotations

import importlib
import io
import re

import pytest

import unitcheck
from unitcheck.report import emit
from unitcheck.result import FileResult, RunResult
from unitcheck.text.reading import Document

ORIGINAL = (
    "The ferry crossing is 14 miles long and takes 50 minutes.\n\n"
    "Tickets cost $12 for adults, the operator said.\n"
)
REVISED = (
    "The ferry crossing is 14 km long and takes 50 minutes.\n\n"
    "Tickets cost $12 for adults, the operator said on Monday.\n"
)


def _page(result: FileResult) -> str:
    out = io.StringIO()
    emit("html", RunResult("compare", (result,)), out)
    return out.getvalue()


def _result(comparison: unitcheck.Comparison | None) -> FileResult:
    doc_a = Document("a.txt", ORIGINAL, ORIGINAL, "text")
    doc_b = Document("b.txt", REVISED, REVISED, "text")
    findings = comparison.findings if comparison is not None else ()
    return FileResult("compare", doc_b, doc_a, findings, (), comparison)


def _engine_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make extraction, segmentation and alignment fail if a reporter calls them."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the HTML report ran the engine again")

    for module, names in (
        ("unitcheck.extract", ("extract",)),
        ("unitcheck.compare.align", ("align", "segment")),
    ):
        for name in names:
            monkeypatch.setattr(importlib.import_module(module), name, refuse)


def test_html_compare_renders_from_the_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    comparison = unitcheck.compare(ORIGINAL, REVISED)
    _engine_off(monkeypatch)
    page = _page(_result(comparison))
    # every quantity of both texts is marked, the changed ones as errors
    marked = re.findall(r"<mark class=\"q[^\"]*\" title=\"[^\"]*\">([^<]*)</mark>", page)
    assert sorted(marked) == sorted(
        [q.text for q in comparison.quantities_a] + [q.text for q in comparison.quantities_b]
    )
    assert page.count('class="q q-error"') == 2  # 14 miles and 14 km
    # one table row per aligned pair, in the comparison's order
    assert page.count('<td class="no">') == len(comparison.alignment)


def test_html_compare_records_quantities_of_both_texts() -> None:
    comparison = unitcheck.compare(ORIGINAL, REVISED)
    assert [q.text for q in comparison.quantities_a] == ["14 miles", "50 minutes", "$12"]
    assert [q.text for q in comparison.quantities_b] == ["14 km", "50 minutes", "$12"]


def test_html_compare_without_a_comparison_shows_both_texts_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _engine_off(monkeypatch)
    page = _page(_result(None))
    assert page.count('<td class="no">') == 1
    assert "The ferry crossing is 14 miles long" in page and "on Monday." in page

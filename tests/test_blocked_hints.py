"""The hints that let ``not_quantities.blocked_spans`` skip a pattern (issue 14, speed).

A dashed phone number, a clock time or a numeric date pattern runs only when the text
holds one of its hints, something every kept match contains. A hint that is not in
fact contained in every match would silently drop spans, so here the spans with the
hints must equal the spans without them, on our own sentences and the golden texts.
"""

from __future__ import annotations

import importlib
import re

import pytest

NQ = importlib.import_module("unitcheck.extract.not_quantities")

#: Our own sentences: every shape the three patterns block, and near misses beside them.
SENTENCES = (
    "Ring 0120-938-034, or 555-123-4567 after 6pm; the 2013-14 season and 5-3-1 do not.",
    "The polls shut at 6.30pm (6.30 p.m. in some copy), at 10.15 am or at 21:45.",
    "Rates rose 4.25 percent at 9.30 and the ratio was 3:1; he ran 2:45.12 in the race.",
    "It opened on 2024-05-06, closed 1/2/2024, resumed 12.05.2024 and 1/2.24, then 3/4/25.",
    "A ratio of 1.2.3, a version 2.10.4 and a score of 6-4, 7-5 are no dates.",
    "The line is +44 20 7946 0958, (020) 7946 0958 or 01632 960842; 1-800-555-0199 is free.",
)


def test_hints_change_no_span(monkeypatch: pytest.MonkeyPatch, case_texts: list[str]) -> None:
    texts = [*SENTENCES, *case_texts]
    hinted = [NQ.blocked_spans(t) for t in texts]
    monkeypatch.setattr(NQ, "HINTS", {})
    assert [NQ.blocked_spans(t) for t in texts] == hinted
    assert sum(map(len, hinted)) >= 15  # the sentences reach every pattern


def test_every_hint_opens_with_a_literal() -> None:
    # the reason they are cheaper than the patterns: the engine jumps to a literal
    for hints in NQ.HINTS.values():
        for hint in hints:
            assert re.match(r"\\?[-:/.]", hint.pattern), hint.pattern


def test_a_hint_too_strict_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # keeping only the colon hint of clock times loses "6.30pm"
    monkeypatch.setitem(NQ.HINTS, NQ._TIME_RE, NQ.HINTS[NQ._TIME_RE][:1])
    assert NQ.blocked_spans("The polls shut at 6.30pm.") == []
    monkeypatch.undo()
    assert NQ.blocked_spans("The polls shut at 6.30pm.") == [(18, 25)]  # with its point

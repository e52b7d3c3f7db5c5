"""The shapes ``not_quantities`` files its distractor rules under (issue 14, speed).

Each rule declares the shape a number must have for it to fire (bare digits, written
onto the token before, the token after written onto it), and a number is asked only
the rules of its shape. A shape declared too narrowly would silently switch a rule
off, so here every rule is asked at every number, whatever its shape, and must never
claim one outside the shape it declares.
"""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

import pytest

from unitcheck import extract

NQ = importlib.import_module("unitcheck.extract.not_quantities")
CASES = Path(__file__).parent / "cases" / "extract"

#: Our own sentences, one or more for each rule, in the shapes it fires on and beside them.
SENTENCES = (
    "The 1990s were kind to the band, and the 30s of its fans too.",
    "She came 47th of 300 runners; the 47 th mark was a typo.",
    "The train leaves at 6pm, or at 6 p.m. on Sundays, or 7 o'clock.",
    "The shop is open 24/7 and shut on 9/11 each year.",
    "The vote is on June 5, or on 5 June, or Aug. 6, or on may 19; from 4 to 15 March too.",
    "Part 24703L202 replaced part 24703 L-202 in the kit.",
    "Under Article 5 the exits 14 and 16 close, as do highway 35 and the S&P 500 index.",
    "The airline flew the 787 jet; its 737 planes wait and 42 737s are parked.",
    "The 8088 chip beat the 486 is slow; the Pixel 9 Pro sold well.",
    "1 ) first item\n2) second item, (about 20) in all.",
    "Bug #4721 is fixed; call 911 now or dial 999 for help.",
    "The update landed at 2358 GMT in Fremantle WA 6160 and Austin, TX 78701.",
    "Take the 38 bus or the number 47 bus; the 47A stops here.",
    "He went 2-for-4 and the series stood at 3:1 after a 2:45 start.",
    "The G7 met after MH17; US65.8 cents was the price.",
    "She shot a 64 in the golf round to finish 14 under par, 7-under on the day.",
    "India were 412 for 6 in the cricket innings, then all out for 173 in 45.2 overs.",
    "The 30 Under 30 list named a F-16 pilot and a covid-19 nurse beside an A350-900.",
    "Agent 007 wore 06 on a 5G phone with a 4X zoom.",
    "In 2027 the 2013-14 season returns; in 2019 Lee left, and 1500 troops came.",
    "He lives at 10 Downing Street; the team played a 4-3-3 and won 3-1 in the match.",
    "Two shots off the lead, he played a one-day international.",
    "The 747 metres of runway, 1.5 km of road and 2,000 people are quantities.",
)


def _texts() -> list[str]:
    texts = list(SENTENCES)
    for path in sorted(CASES.glob("*.toml")):
        texts.extend(c["text"] for c in tomllib.loads(path.read_text("utf-8"))["case"])
    return texts


def _outside(monkeypatch: pytest.MonkeyPatch, texts: list[str]) -> tuple[list[str], set[str]]:
    """Ask every rule at every number of *texts*: the rules that claimed a number
    outside their declared shape, and all the rules that claimed one."""
    outside: list[str] = []
    fired: set[str] = set()
    first = NQ._first

    def every_rule(scan, rules, spot):  # type: ignore[no-untyped-def]
        shape = NQ.spot_shape(spot)
        for stage in NQ.RULES.values():
            for rule, needs in stage:
                if rule(scan, spot) is None:
                    continue
                fired.add(rule.__name__)
                if shape & needs != needs:
                    outside.append(rule.__name__)
        return first(scan, rules, spot)

    monkeypatch.setattr(NQ, "_first", every_rule)
    for text in texts:
        extract(text)
    return outside, fired


def test_rules_fire_only_in_their_declared_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    outside, fired = _outside(monkeypatch, _texts())
    assert outside == []
    assert len(fired) >= 30, sorted(fired)  # the sentences reach the rules


def test_shapes_select_rules_in_stage_order() -> None:
    for rules in NQ.RULES.values():
        by_shape = NQ.rules_by_shape(rules)
        order = [rule for rule, _ in rules]
        assert by_shape[7] == tuple(order)  # every bit set: every rule
        for shape, chosen in enumerate(by_shape):
            assert [order.index(r) for r in chosen] == sorted(order.index(r) for r in chosen)
            assert all(shape & needs == needs for rule, needs in rules if rule in chosen)
            assert all(rule in chosen for rule, needs in rules if shape & needs == needs)


def test_a_shape_declared_too_narrowly_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # "G7" is claimed by the glued-to-word rule (shape ONTO_BEFORE); declared as needing
    # the next token glued on too, the index skips it and the check above sees it fire
    wrong = tuple(
        (rule, needs | NQ.ONTO_AFTER if rule is NQ._rule_glued_to_word else needs)
        for rule, needs in NQ.NAMES
    )
    monkeypatch.setitem(NQ.RULES, "names", wrong)
    monkeypatch.setitem(NQ._BY_SHAPE, "names", NQ.rules_by_shape(wrong))
    assert [q.text for q in extract("The G7 met on Monday.")] == ["7"]
    outside, _ = _outside(monkeypatch, ["The G7 met on Monday."])
    assert set(outside) == {"_rule_glued_to_word"}

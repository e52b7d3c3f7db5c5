"""Regression tests for issue 13: crash classes in money reading and in conversion."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unitcheck import compare, extract, lint
from unitcheck.units.conversion import _round_to, ratio_words

FAST = settings(max_examples=200, deadline=None, derandomize=True, database=None)


@pytest.mark.parametrize(
    "text",
    [
        "Output rose 3-to",  # a hyphen-to range cut off at the end of the text
        "Output rose 3-",  # a dash with nothing after it
        "Costs climbed $3-to",  # the same after a currency sign
        "The fee is US",  # a country prefix with no sign or number after it
        "It fell to",  # no number at all
    ],
)
def test_issue13_range_cut_off_at_the_end_does_not_raise(text: str) -> None:
    for q in extract(text):
        assert text[q.start : q.end] == q.text
    lint(text)


def test_issue13_range_cut_off_keeps_the_number() -> None:
    (q,) = extract("Output rose 3-to")
    assert (q.text, q.value) == ("3", 3.0)


@pytest.mark.parametrize(
    ("value", "step"),
    [
        (math.inf, 1.0),  # a 400-digit figure read as infinity
        (-math.inf, 100.0),
        (math.nan, 1.0),  # inf * 0 and friends
        (12.0, math.inf),
        (12.0, math.nan),
        (1e308, 5e-324),  # the quotient overflows
        (5.0, 0.0),  # an underflowed step
    ],
)
def test_issue13_round_to_non_finite_returns_the_value(value: float, step: float) -> None:
    got = _round_to(value, step)
    assert got == value or (math.isnan(got) and math.isnan(value))


def test_issue13_round_to_still_rounds_half_away_from_zero() -> None:
    assert (_round_to(965.5, 1.0), _round_to(-965.5, 1.0), _round_to(149.0, 100.0)) == (
        966.0,
        -966.0,
        100.0,
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (5e-324, 1.0),  # the quotient overflows
        (1.0, 5e-324),  # the quotient underflows to zero
        (1.0, 1e-310),  # subnormal quotient: its inverse overflows
        (5e6, 1e-320),  # "£5m" against "£1e-320"
        (math.inf, 1.0),
        (1.0, math.nan),
    ],
)
def test_issue13_ratio_words_past_float_range_says_nothing(a: float, b: float) -> None:
    assert ratio_words(a, b) == ""


def test_issue13_ratio_words_still_describes_ordinary_ratios() -> None:
    assert ratio_words(3.0, 6.0) == "2 times larger"
    assert ratio_words(100.0, 112.0) == "12% larger"


FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [5e-324, -5e-324, 1e-310, 1e308, -1e308, 0.0]
)


@FAST
@given(FLOATS, FLOATS)
def test_issue13_ratio_words_never_raises(a: float, b: float) -> None:
    words = ratio_words(a, b)
    assert "inf" not in words and "nan" not in words


@FAST
@given(FLOATS, FLOATS)
def test_issue13_round_to_never_raises(value: float, step: float) -> None:
    _round_to(value, step)


@pytest.mark.parametrize(
    ("original", "revised"),
    [
        ("It is 4e308 seats", "It is 4e308 seats"),
        ("It covers 40e308 acres", "It covers 40e308 acres"),
        ("It cost £5m.", "It cost £1e-320."),
    ],
)
def test_issue13_compare_of_figures_past_float_range(original: str, revised: str) -> None:
    result = compare(original, revised)
    for f in result.findings:
        assert "inf" not in f.message


@pytest.mark.parametrize(
    "text",
    ["9" * 320 + " EUR", "eleven dollar" + "9" * 320, "It was " + "9" * 320 + " dollars and 50."],
)
def test_money_parts_never_int_an_infinite_figure(text: str) -> None:
    # found by the 1,000,000-input fuzz run: OverflowError from int(inf) in the two-part reading
    for q in extract(text):
        assert text[q.start : q.end] == q.text


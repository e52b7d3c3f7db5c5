"""Figures too large or too small for a float, and digit runs past Python's int-digits
limit: still quantities, and no stage raises on them (issue 13)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unitcheck import compare, extract, lint
from unitcheck.extract.numbers import digit_int, digits_value, power_of_ten, scaled


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("3e700", math.inf, math.inf),  # past the float range: infinite
        ("9E450", math.inf, math.inf),  # upper-case exponent
        ("1" + "0" * 400, math.inf, math.inf),  # a 401-digit figure
        ("3e-700", 0.0, math.ulp(0.0)),  # below the float range: zero, step above zero
        ("1e-320", 1e-320, 1e-320),  # subnormal: kept as written
        ("9" * 5000, math.inf, 1.0),  # past Python's int-digits limit
        ("2.5e3", 2500.0, 100.0),  # an ordinary exponent is unchanged
    ],
)
def test_numbers_extreme_digits_value(text: str, value: float, step: float) -> None:
    got_value, got_step = digits_value(text)
    assert got_value == value
    assert got_step == pytest.approx(step)
    assert got_step > 0


def test_numbers_helpers_never_raise() -> None:
    assert power_of_ten(10**6) == math.inf  # a huge exponent
    assert power_of_ten(-(10**6)) == math.ulp(0.0)  # a huge negative one
    assert scaled(3.0, 999) == math.inf  # "3x10^999"
    assert scaled(-3.0, 999) == -math.inf
    assert scaled(3.0, -999) == 0.0
    assert scaled(2.48, -5) == pytest.approx(2.48e-5)
    assert digit_int("9" * 5000) == math.inf  # compares as larger than any small figure
    assert digit_int("31") == 31


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The probe logged 3e700 km of drift.", "3e700 km", math.inf),  # overflow
        ("A reading of 9E450 kg was logged.", "9E450 kg", math.inf),  # upper-case E
        ("The model gave 3x10^999 m.", "3x10^999 m", math.inf),  # a power of ten
        ("The model gave 3x10^-999 m.", "3x10^-999 m", 0.0),  # and its underflow
        ("Drift was -9E450 km.", "-9E450 km", -math.inf),  # a signed overflow
        ("x " + "9" * 5000 + " km", "9" * 5000 + " km", math.inf),  # 5,000 digits
    ],
)
def test_numbers_extreme_figures_are_quantities(text: str, surface: str, value: float) -> None:
    found = extract(text)
    assert [q.text for q in found] == [surface]
    q = found[0]
    assert text[q.start : q.end] == q.text
    assert q.value == value
    assert q.step > 0


def test_numbers_digits_past_int_limit_near_rules() -> None:
    """Rules that compare a neighbour's digits (days, scores, ordinals) see a huge run."""
    huge = "9" * 5000
    for text in (f"March 3-{huge}", f"won 3-{huge} on Sunday", f"the {huge}th", f"{huge} for 6"):
        for q in extract(text):
            assert text[q.start : q.end] == q.text


_MANTISSA = st.from_regex(r"[1-9][0-9]{0,3}(\.[0-9]{1,3})?", fullmatch=True)
_EXPONENT = st.integers(min_value=290, max_value=2000)
_UNIT = st.sampled_from(["km", "kg", "miles", "%", "seats", "°C", "", "m", "acres"])
_FIGURE = st.one_of(
    st.builds(lambda m, e, s: f"{m}e{s}{e}", _MANTISSA, _EXPONENT, st.sampled_from(["", "-"])),
    st.builds(lambda m, e: f"{m}E{e}", _MANTISSA, _EXPONENT),
    st.builds(lambda m, e, s: f"{m}x10^{s}{e}", _MANTISSA, _EXPONENT, st.sampled_from(["", "-"])),
    st.builds(lambda d, n: d * n, st.sampled_from(["1", "9", "40"]), st.integers(300, 2500)),
    st.sampled_from(["1e-320", "5e-324", "4e308", "40e308", "1.7976931348623157e308"]),
)
_SIGN = st.sampled_from(["", "-", "£", "$", "minus "])


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    figure = f"{draw(_SIGN)}{draw(_FIGURE)}"
    unit = draw(_UNIT)
    joiner = draw(st.sampled_from([" ", ""]))
    template = draw(
        st.sampled_from(
            [
                "It rose to {} on Monday.",
                "{}",
                "The total was {} (5 km), up from 2 km.",
                "Output was 3 km to {}.",
                "Between 4 and {} were counted.",
            ]
        )
    )
    return template.format(f"{figure}{joiner}{unit}".strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sentence(), _sentence())
def test_numbers_extremes_never_raise_through_compare(a: str, b: str) -> None:
    """extract, lint and compare never raise on figures outside the float range."""
    for text in (a, b):
        for q in extract(text):
            assert text[q.start : q.end] == q.text
            assert q.step > 0  # never zero: comparison divides by it
        lint(text)
    compare(a, b)
    compare(a, a)
    compare("It rose to 5 km on Monday.", b)

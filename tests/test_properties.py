"""Properties of extraction that must hold for any input (hypothesis)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from unitcheck import extract
from unitcheck.model import Quantity

#: (surface, canonical unit, written onto the number?) for the round trip.
UNITS = [
    ("km", "kilometer", True),
    ("kilometres", "kilometer", False),
    ("miles", "mile", False),
    ("kg", "kilogram", True),
    ("tonnes", "metric_ton", False),
    ("%", "percent", True),
    ("percent", "percent", False),
    ("per cent", "percent", False),
    ("square miles", "mile ** 2", False),
    ("sq km", "kilometer ** 2", False),
    ("km/h", "kilometer / hour", False),
    ("°C", "degree_Celsius", False),
    ("hours", "hour", False),
    ("GB", "gigabyte", True),
    ("litres", "liter", False),
]
CURRENCIES = [("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("US$", "USD"), ("NT$", "TWD")]
SCALES = [("", 1.0), ("m", 1e6), ("bn", 1e9), (" million", 1e6), (" billion", 1e9), ("tn", 1e12)]
TEMPLATES = ["Officials put the figure at {} on Tuesday.", "{} was the total.", "It reached {}"]


def _digits(integer: int, decimals: str, grouped: bool) -> str:
    body = f"{integer:,}" if grouped else str(integer)
    return f"{body}.{decimals}" if decimals else body


numbers = st.tuples(
    st.integers(min_value=0, max_value=999_999_999),
    st.text(alphabet="0123456789", max_size=3),
    st.booleans(),
)


def _value(integer: int, decimals: str) -> float:
    return float(f"{integer}.{decimals}") if decimals else float(integer)


def _check_one(text: str, value: float, unit: str | None) -> None:
    found = [q for q in extract(text) if q.value is not None]
    assert len(found) == 1, (text, [q.text for q in found])
    q = found[0]
    assert math.isclose(q.value or 0.0, value, rel_tol=1e-9, abs_tol=1e-9), (text, q.value)
    assert q.unit == unit, (text, q.unit)
    assert text[q.start : q.end] == q.text


@given(numbers, st.sampled_from(UNITS), st.sampled_from(TEMPLATES))
def test_properties_number_and_unit_round_trip(
    number: tuple[int, str, bool], unit: tuple[str, str, bool], template: str
) -> None:
    integer, decimals, grouped = number
    surface, canonical, attached = unit
    written = _digits(integer, decimals, grouped) + ("" if attached else " ") + surface
    _check_one(template.format(written), _value(integer, decimals), canonical)


@given(
    st.integers(min_value=1, max_value=999),
    st.text(alphabet="0123456789", max_size=2),
    st.sampled_from(SCALES),
    st.sampled_from(CURRENCIES),
    st.sampled_from(TEMPLATES),
)
def test_properties_money_with_scale_round_trip(
    integer: int, decimals: str, scale: tuple[str, float], currency: tuple[str, str], template: str
) -> None:
    written = f"{currency[0]}{_digits(integer, decimals, False)}{scale[0]}"
    _check_one(template.format(written), _value(integer, decimals) * scale[1], currency[1])


@given(
    st.integers(min_value=2, max_value=999_999),
    st.sampled_from([("", 1.0), (" million", 1e6), (" billion", 1e9)]),
    st.sampled_from(["people", "votes", "homes", "troops"]),
)
def test_properties_counts_round_trip(integer: int, scale: tuple[str, float], noun: str) -> None:
    text = f"Officials said {integer:,}{scale[0]} {noun} were affected."
    (q,) = extract(text)
    assert q.value == integer * scale[1]
    assert q.kind == "count" and q.noun == noun


def _valid(text: str, found: list[Quantity]) -> None:
    previous_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= previous_end  # in order, never overlapping
        previous_end = q.end
        for number in (q.value, q.low, q.high):
            assert number is None or not math.isnan(number)


@settings(max_examples=300)
@given(st.text())
def test_properties_never_crashes_on_any_text(text: str) -> None:
    _valid(text, extract(text))


NEWSY = st.lists(
    st.sampled_from(
        "0 1 5 12 400 1,600 2.5 ½ 2027 - – — − / to and or between from minus more than about "
        "up a an half dozen two twenty - five million bn m k km m² sq square cubic per cent "
        "percent % points $ US$ £ € ¥ NT$ C F °C degrees in min t pm am th June Section "
        "people votes pounds cost ( ) , . ; : x × ^ 10 e 3 s p".split(" ")
    ),
    max_size=25,
)


@settings(max_examples=500)
@given(NEWSY, st.lists(st.sampled_from(["", " ", "\n"]), min_size=25, max_size=25))
def test_properties_never_crashes_on_number_soup(words: list[str], gaps: list[str]) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    _valid(text, extract(text))

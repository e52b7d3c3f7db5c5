"""Is one quantity the same amount as another? Shared by ``compare`` and ``lint``.

Rounding tolerance comes from the digits written, never from one fixed percentage:
"600" was rounded to the hundred, "965" to the unit, "1.5bn" to the hundred million.
A written figure stands for an interval around it; two figures agree when their
intervals, brought into one unit, overlap.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from enum import Enum

from ..model import Kind, Quantity
from ..text.context import at
from .pint_cache import remembered
from .registry import convert, unit_info
from .subunits import subunit_named

#: A trailing zero may be a significant digit ("10 miles" is rarely 5 to 15 miles), so
#: the interval read from trailing zeros is capped at this share of the value.
_TRAILING_ZERO_CAP = 0.1
#: "about 600 miles" is looser than "600 miles".
_APPROX_WIDENING = 0.05

#: Text between a figure and its restatement in another unit: "600 miles (965km)",
#: "600 miles, or 965km", "600 miles - about 965km".
_RESTATEMENT_GAP = re.compile(
    r"^\s*(?:[(\[]|,|\bor\b|[-\u2013\u2014]|/)\s*"
    r"(?:\b(?:or|about|around|roughly|some|nearly|almost|approximately|approx\.?|c\.|ca\.?|"
    r"more than|over|under|less than|just over|just under)\s*)*$",
    re.IGNORECASE,
)


class Agreement(Enum):
    SAME = "same"  # same unit, same figure after rounding
    CONVERTED = "converted"  # other unit, the conversion holds
    DIFFERENT = "different"  # comparable, but the amounts disagree
    INCOMPARABLE = "incomparable"  # different dimensions, money vs measure...


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def _ends(q: Quantity) -> list[float]:
    if q.value is not None:
        return [q.value]
    assert q.low is not None and q.high is not None
    return [q.low, q.high]


def half_width(q: Quantity, value: float, tolerance: float = 1.0) -> float:
    """How far the true amount may be from *value* given the digits written."""
    half = q.step / 2
    if q.step > 1 and float(value).is_integer():
        half = min(half, abs(value) * _TRAILING_ZERO_CAP) or q.step / 2
    if q.qualifier == "approx":
        half += abs(value) * _APPROX_WIDENING
    return half * tolerance


def counted_alike(a: Quantity, b: Quantity) -> tuple[Quantity, Quantity]:
    """Read a count of the very word the other side's unit is written with in that unit.

    Some words are read from their figure: no poll lead is 170 percentage points, so
    "17 points" in a poll is a rate and "170 points" a count of points. When an edit
    changes the figure, the word written is the same and so is its unit; without this
    the changed figure would look like a unit swapped for a noun and go unjudged.
    """
    if a.unit is None and b.unit is not None and _counts_word_of(a, b):
        return _read_as(a, b), b
    if b.unit is None and a.unit is not None and _counts_word_of(b, a):
        return a, _read_as(b, a)
    return a, b


def _counts_word_of(count: Quantity, measure: Quantity) -> bool:
    if count.kind != Kind.COUNT or count.noun is None or measure.kind == Kind.MONEY:
        return False
    if measure.unit_text is not None and count.noun == measure.unit_text.lower():
        return True
    # "rose 12%" -> "rose 12 points": points beside a rate are percentage points
    return measure.unit in ("percent", "percentage_point") and at(count.noun, "point_words")


def _read_as(count: Quantity, measure: Quantity) -> Quantity:
    if measure.unit == "percent":  # points, not the percent the other side wrote
        unit, dimension = "percentage_point", "[percentage_point]"
    else:
        unit, dimension = measure.unit, measure.dimension
    return replace(
        count,
        unit=unit,
        kind=measure.kind,
        noun=None,
        unit_text=count.noun,
        dimension=dimension,
        si_unit=None,
        si_value=None,
    )


def comparable(a: Quantity, b: Quantity) -> bool:
    """Can the two be converted into each other at all?

    Money converts only within its currency: "50 cents" and "$0.50" are one amount,
    "50 cents" and "50 pence" are not (no exchange rates, ever).
    """
    a, b = counted_alike(a, b)
    if a.unit is None or b.unit is None:
        return a.unit is None and b.unit is None
    if a.kind == Kind.MONEY or b.kind == Kind.MONEY:
        if a.kind != b.kind:
            return False
        x, y = currency_of(a), currency_of(b)
        if x == y:
            return True
        # a price or a wage per unit converts within its currency and the kind of its
        # unit: "£45,000 a year" is "£3,750 a month"; "$80 a barrel" is no price a tonne
        return (
            x is not None
            and y is not None
            and "/" in x
            and "/" in y
            and unit_info(x).dimension == unit_info(y).dimension
        )
    return a.dimension == b.dimension


def money_code(q: Quantity) -> str | None:
    """The ISO code money is counted in, without the unit a price is per: "GBP" for
    "£45,000 a year", "USD" for "27 cents"."""
    currency = currency_of(q)
    return None if currency is None else currency.split(" / ", 1)[0]


def currency_of(q: Quantity) -> str | None:
    """The currency money is counted in: its code, or for a subunit ("cent") the code
    of the currency it is a share of (``si_unit``); a price per unit keeps its unit."""
    return q.si_unit if subunit_named(q.unit) is not None else q.unit


def in_subunit(q: Quantity) -> bool:
    """Is *q* money written in a subunit ("27 cents", "345p")?"""
    return q.kind == Kind.MONEY and subunit_named(q.unit) is not None


def in_currency(q: Quantity) -> Quantity:
    """Money written in a subunit restated in its currency: "50 cents" as 0.5 USD.

    Anything else is returned as it is.

    >>> from unitcheck import extract
    >>> q = in_currency(extract("It rose 50 cents.")[0])
    >>> q.value, q.unit
    (0.5, 'USD')
    """
    subunit = subunit_named(q.unit) if q.kind == Kind.MONEY else None
    if subunit is None or q.si_unit is None:
        return q
    share = round(1 / subunit.factor)

    def scaled(x: float | None) -> float | None:
        return None if x is None else x / share

    return replace(
        q,
        value=scaled(q.value),
        low=scaled(q.low),
        high=scaled(q.high),
        unit=q.si_unit,
        step=q.step / share,
    )


def same_unit(a: Quantity, b: Quantity) -> bool:
    """Are the two written in one unit, so that a difference is a changed figure?

    Money in one currency counts as one unit whether written in it or in its subunit:
    "50 cents" -> "$5" is a changed amount, not a unit swapped for another.
    """
    a, b = counted_alike(a, b)
    if a.unit == b.unit:
        return a.kind != Kind.MONEY or currency_of(a) == currency_of(b)
    return a.kind == b.kind == Kind.MONEY and comparable(a, b) and _per(a) == _per(b)


def _per(q: Quantity) -> str:
    """The unit a price is per ("oil_barrel" of "USD / oil_barrel"), or ""."""
    return (currency_of(q) or "").partition(" / ")[2]


def _round_to(value: float, step: float) -> float:
    # Half away from zero, as people round; the tiny epsilon absorbs float noise.
    if not 0 < step < math.inf or not math.isfinite(abs(value) / step):
        return value  # no digit place to round to (an underflowed 5e-324 has step 0)
    return math.copysign(math.floor(abs(value) / step + 0.5 + 1e-9) * step, value)


def _same_figure(x: float, y: float, step_x: float, step_y: float) -> bool:
    """Equal once the finer figure is rounded to the coarser one's last digit."""
    coarse = max(step_x, step_y)
    return math.isclose(_round_to(x, coarse), _round_to(y, coarse), rel_tol=1e-9, abs_tol=1e-12)


def same_number(a: Quantity, b: Quantity) -> bool:
    """The figures as written are the same, whatever their units ("400" and "400").

    Not for one currency written two ways: "50 cents" and "$50" differ a hundredfold,
    they are not one figure with its unit swapped.
    """
    if a.unit != b.unit and (in_subunit(a) or in_subunit(b)) and comparable(a, b):
        return False
    ea, eb = _ends(a), _ends(b)
    return len(ea) == len(eb) and all(
        math.isclose(x, y, rel_tol=1e-9) for x, y in zip(ea, eb, strict=True)
    )


def agreement(a: Quantity, b: Quantity, tolerance: float = 1.0) -> Agreement:
    """How *b* relates to *a*: the same figure, a sound conversion, or a different amount."""
    a, b = counted_alike(a, b)
    if a.unit != b.unit and (plain_degrees(a) or plain_degrees(b)):
        # A bare "24 degrees" is read as an angle unless its context speaks of heat; when
        # an edit adds that context ("24 degrees (75F)", "24 degrees Celsius") the figure
        # did not change: read the bare one as the other side's temperature.
        if a.unit == "degree" and plain_degrees(a) and b.dimension == "[temperature]":
            a = replace(a, unit=b.unit, dimension=b.dimension, si_value=None, si_unit=None)
        elif b.unit == "degree" and plain_degrees(b) and a.dimension == "[temperature]":
            b = replace(b, unit=a.unit, dimension=a.dimension, si_value=None, si_unit=None)
    if not comparable(a, b):
        return Agreement.INCOMPARABLE
    if a.unit != b.unit and (in_subunit(a) or in_subunit(b)):
        x, y = in_currency(a), in_currency(b)  # "50 cents" and "$0.50" are one amount
        if x.unit == y.unit:
            return agreement(x, y, tolerance)
    ea, eb = _ends(a), _ends(b)
    if len(ea) != len(eb):
        return _point_and_range(a, b, tolerance)
    if a.unit == b.unit:
        ok = all(
            _same_figure(x, y, a.step, b.step) or _within(a, x, b, y, tolerance)
            for x, y in zip(ea, eb, strict=True)
        )
        return Agreement.SAME if ok else Agreement.DIFFERENT
    assert a.unit is not None and b.unit is not None
    if same_number(a, b) and not _equivalent(a.unit, b.unit):
        # The same digits with another unit is a swapped unit, not a rounded conversion,
        # even when the units are close in size (short ton and tonne differ by 10%).
        return Agreement.DIFFERENT
    if unstated_hours(a, b):
        return Agreement.INCOMPARABLE
    ok = all(_converts(a, x, b, y, tolerance) for x, y in zip(ea, eb, strict=True))
    return Agreement.CONVERTED if ok else Agreement.DIFFERENT


def plain_degrees(q: Quantity) -> bool:
    """Is *q* written with a bare "degrees" (or "°"), no scale named, read from context
    as an angle or a temperature?"""
    return (
        q.unit_text is not None
        and at(q.unit_text, "plain_degree_marks")
        and (q.unit == "degree" or q.dimension == "[temperature]")
    )


def scale_named(a: Quantity, b: Quantity) -> bool:
    """Does one side write a bare "degrees" read as an angle where the other names a
    temperature scale ("24 degrees" -> "24 degrees Fahrenheit")? The figure may be the
    same, but the scale is an assertion the bare side never made."""
    for bare, named in ((a, b), (b, a)):
        if bare.unit == "degree" and plain_degrees(bare) and named.dimension == "[temperature]":
            return not plain_degrees(named)
    return False


def _point_and_range(a: Quantity, b: Quantity, tolerance: float) -> Agreement:
    """A figure restated as a range ("20 grams" -> "10 to 20 grams"), or a range narrowed
    to one figure: they agree when the figure, brought into the range's unit, falls
    inside the range. That is new information, not a changed amount."""
    point, span = (a, b) if a.value is not None else (b, a)
    assert point.value is not None and span.low is not None and span.high is not None
    x, half = point.value, half_width(point, point.value, tolerance)
    lo: float | None = x - half
    hi: float | None = x + half
    if point.unit != span.unit:
        assert point.unit is not None and span.unit is not None  # comparable() said so
        lo, hi = convert(x - half, point.unit, span.unit), convert(x + half, point.unit, span.unit)
    if lo is None or hi is None:
        return Agreement.DIFFERENT
    low, high = min(span.low, span.high), max(span.low, span.high)
    slack = max(half_width(span, low, tolerance), half_width(span, high, tolerance))
    if not Interval(min(lo, hi), max(lo, hi)).overlaps(Interval(low - slack, high + slack)):
        return Agreement.DIFFERENT
    return Agreement.SAME if a.unit == b.unit else Agreement.CONVERTED


def unstated_hours(a: Quantity, b: Quantity) -> bool:
    """Would restating money per unit of time in the other's unit assume hours or days
    nobody wrote down? "$18 an hour ($144 a day)" counts a working day, "£700 a week
    (£36,400 a year)" 52 weeks: only months, quarters and years can be checked."""
    return _paid_by_time(a) and _paid_by_time(b) and not (_by_months(a) and _by_months(b))


def _paid_by_time(q: Quantity) -> bool:
    """Is *q* money per unit of time (a wage, a rent, a fee)?"""
    return q.kind == Kind.MONEY and (q.dimension or "").endswith("([time])")


def _by_months(q: Quantity) -> bool:
    """Is *q* per a month or longer, the shortest unit of time money converts by exactly
    (pint's month, a twelfth of its year)?"""
    per = _per(q)
    return bool(per) and unit_info(per).si_factor >= unit_info("month").si_factor * 0.99


def _equivalent(x: str, y: str) -> bool:
    factor = convert(1.0, x, y)
    return factor is not None and math.isclose(factor, 1.0, rel_tol=1e-3)


def _within(a: Quantity, x: float, b: Quantity, y: float, tolerance: float) -> bool:
    # Only an approximate figure may drift inside its stated looseness.
    if a.qualifier != "approx" and b.qualifier != "approx":
        return False
    return abs(x - y) <= max(half_width(a, x, tolerance), half_width(b, y, tolerance))


def _converts(a: Quantity, x: float, b: Quantity, y: float, tolerance: float) -> bool:
    assert a.unit is not None and b.unit is not None
    lo = convert(x - half_width(a, x, tolerance), a.unit, b.unit)
    hi = convert(x + half_width(a, x, tolerance), a.unit, b.unit)
    if lo is None or hi is None:
        return False
    # Truncating instead of rounding ("965.6" written "965") is common: allow a full step.
    slack = max(half_width(b, y, tolerance), min(b.step, abs(y) * _TRAILING_ZERO_CAP) * tolerance)
    return Interval(min(lo, hi), max(lo, hi)).overlaps(Interval(y - slack, y + slack))


def is_restatement(text: str, first: Quantity, second: Quantity) -> bool:
    """Is *second* written as the same amount as *first* in another unit?

    "600 miles (965km)", "600 miles, or about 965km".
    """
    if second.start < first.end or second.start - first.end > 24:
        return False
    return bool(_RESTATEMENT_GAP.match(text[first.end : second.start]))


def ratio_words(a_si: float, b_si: float) -> str:
    """ "2.6 million times smaller", "10 times larger", "12% larger"."""
    if a_si == 0 or b_si == 0 or (a_si < 0) != (b_si < 0):
        return ""
    r = abs(b_si / a_si)
    if not 0 < r < math.inf or math.isinf(1 / r):
        return ""  # the quotient or its inverse under- or overflows: 5e-324 against 1e308
    bigger = r >= 1
    factor = r if bigger else 1 / r
    direction = "larger" if bigger else "smaller"
    if factor < 1.995:
        return f"{abs(r - 1) * 100:.0f}% {direction}"
    return f"{number_words(factor)} times {direction}"


def number_words(x: float, digits: int = 2) -> str:
    """Short human form of a number: 2.6 million, 1,036, 0.25, 2.01.

    *digits* is how many significant digits a figure in millions (or below 1,000) keeps.
    """
    ax = abs(x)
    if not math.isfinite(x):
        return "a figure out of range"  # past a float: "3e700 km" is read as infinite
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if ax >= scale:
            value = x / scale
            shown = f"{value:,.0f}" if abs(value) >= 10**digits else f"{value:.{digits}g}"
            return f"{shown} {word}"
    return format_number(x, max(3, digits))


def format_number(x: float, digits: int = 4) -> str:
    """A figure as a reader writes it: thousands separators, no float noise."""
    if x == 0:
        return "0"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    shown = f"{x:.{digits}g}"
    if "e" in shown:
        return shown
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


#: Units people read as symbols: metric and SI units, with any metric prefix. Everything
#: else is written out in words ("154 square miles", "5 gallons", "3 hours").
_SYMBOL_BASES = frozenset(
    "meter gram watt watt_hour joule hertz byte bit pascal volt ampere ampere_hour "
    "kelvin degree_Celsius degree_Fahrenheit electron_volt bar sievert gray becquerel "
    "mole hectare calorie".split()
)
#: Symbols pint spells in a way news copy does not.
_SYMBOL_FIX = {"degC": "°C", "degF": "°F"}
#: Units a metric symbol may be divided by: "Gbit/s", "kWh/h"... ("km/h" is special-cased).
_RATE_BASES = frozenset({"second", "hour"})
#: Whole units with a symbol of their own, whatever their parts.
_SPECIAL_SYMBOLS = {
    "mile / hour": "mph",
    "cubic_centimeter": "cm³",
    "pound_force_per_square_inch": "psi",
    "revolutions_per_minute": "rpm",
    "ppm": "ppm",
    "ppb": "ppb",
    "percent": "%",
    "kilometer / hour": "km/h",
    "delta_degree_Celsius": "\u00b0C",
    "delta_degree_Fahrenheit": "\u00b0F",
}
#: Unit names as words, where the pint name is not already the English word.
_WORDS = {
    "meter": "metre",
    "liter": "litre",
    "metric_ton": "tonne",
    "ton": "ton",
    "oil_barrel": "barrel",
    "standard_atmosphere": "atmosphere",
    "british_thermal_unit": "British thermal unit",
    "degree_Celsius": "degree Celsius",
    "degree_Fahrenheit": "degree Fahrenheit",
    "degree": "degree",
    "percentage_point": "percentage point",
    "watt_hour": "watt-hour",
    "ampere_hour": "ampere-hour",
    "light_year": "light year",
}
#: Plurals that are not the word plus "s".
_PLURALS = {
    "foot": "feet",
    "inch": "inches",
    "century": "centuries",
    "millennium": "millennia",
    "horsepower": "horsepower",
    "hertz": "hertz",
    "stone": "stone",
    "degree Celsius": "degrees Celsius",
    "degree Fahrenheit": "degrees Fahrenheit",
    "kelvin": "kelvin",
    "bushel": "bushels",
    "lux": "lux",
}
_POWER_WORDS = {2: "square", 3: "cubic"}


@remembered
def _components(unit: str) -> dict[str, float]:
    """The unit names of *unit* and their powers: {"kilometer": 1, "hour": -1}."""
    from .registry import registry

    return dict(registry().parse_units_as_container(unit))


@remembered
def _split_prefix(name: str) -> tuple[str, str]:
    from .registry import registry

    parsed = registry().parse_unit_name(name)
    if not parsed:
        return "", name
    prefix, base, _ = parsed[0]
    return prefix, base


@functools.lru_cache(maxsize=512)
@remembered
def _symbol(unit: str) -> str | None:
    """The symbol of a metric unit ("km²", "km/h", "GWh", "°C"), None for other units."""
    if unit in _SPECIAL_SYMBOLS:
        return _SPECIAL_SYMBOLS[unit]
    from .registry import registry

    try:
        parts = _components(unit)
        bases = {n: _split_prefix(n)[1] for n in parts}
        if not parts or any(
            b not in _SYMBOL_BASES and not (parts[n] < 0 and b in _RATE_BASES)
            for n, b in bases.items()
        ):
            return None
        shown = f"{registry().Unit(unit):~P}"
    except Exception:  # pint raises several types for odd strings; a label is cosmetic
        return None
    return _SYMBOL_FIX.get(shown, shown).replace("degC", "°C").replace("degF", "°F")


def _word(name: str) -> str:
    if name in _WORDS:
        return _WORDS[name]
    prefix, base = _split_prefix(name)
    if prefix and base in _WORDS:
        return prefix + _WORDS[base]
    return name.replace("_", " ")


def _plural(words: str) -> str:
    if words in _PLURALS:
        return _PLURALS[words]
    head, _, last = words.rpartition(" ")
    if last in _PLURALS:
        plural = _PLURALS[last]
    elif last.endswith(("s", "x", "ch", "sh")):
        plural = last + "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


@functools.lru_cache(maxsize=512)
@remembered
def unit_words(unit: str, plural: bool = True) -> str:
    """A unit spelled out in British English: "square miles", "kilometres per hour".

    >>> unit_words("mile ** 2"), unit_words("kilometer", plural=False)
    ('square miles', 'kilometre')
    """
    if unit == "percent":
        return "percent"
    if re.fullmatch(r"[A-Z]{3}", unit):
        return unit
    code, slash, per = unit.partition(" / ")
    if slash and re.fullmatch(r"[A-Z]{3}", code):
        return f"{code} per {unit_words(per.strip('()'), plural=False)}"  # "GBP per month"
    subunit = subunit_named(unit)
    if subunit is not None:
        return subunit.plural if plural else subunit.unit
    try:
        parts = _components(unit)
    except Exception:  # an odd unit string: show it as it is, without pint's syntax
        return unit.replace("_", " ")
    top = [(n, p) for n, p in parts.items() if p > 0]
    bottom = [(n, -p) for n, p in parts.items() if p < 0]

    def phrase(items: list[tuple[str, float]]) -> str:
        words = []
        for name, power in items:
            word = _word(name)
            if power in _POWER_WORDS:
                word = f"{_POWER_WORDS[int(power)]} {word}"
            elif power != 1:
                word = f"{word} to the power {power:g}"
            words.append(word)
        return " ".join(words)

    numerator = phrase(top) or "1"
    if plural and top:
        numerator = _plural(numerator)
    return f"{numerator} per {phrase(bottom)}" if bottom else numerator


@functools.lru_cache(maxsize=512)
def unit_label(unit: str | None) -> str:
    """A short label for a canonical unit: "km²", "km/h", "USD", "%", else words.

    Metric units get their symbol; other units their name in words, since "mi²" or
    "gal" read worse than "square miles" or "gallons" (see ``unit_name``).
    """
    if unit is None:
        return ""
    if subunit_named(unit) is not None:
        return unit_words(unit)  # "cents", "pence": never a pint symbol
    return _symbol(unit) or unit_words(unit)


def unit_name(unit: str | None, value: float | None = None) -> str:
    """How a reader should see *unit* after the figure *value*: "km²", "square miles".

    Symbols for metric units, words (singular for exactly 1) for the rest.

    >>> unit_name("mile ** 2", 154), unit_name("kilometer ** 2", 400), unit_name("mile", 1)
    ('square miles', 'km²', 'mile')
    """
    if unit is None:
        return ""
    plural = value is None or abs(value) != 1
    if subunit_named(unit) is not None:
        return unit_words(unit, plural=plural)  # "27 cents", "1 penny"
    return _symbol(unit) or unit_words(unit, plural=plural)


def with_unit(figure: str, unit: str | None, value: float | None = None) -> str:
    """*figure* followed by the unit as a reader writes it: "4.5%", "400 km²", "US$"."""
    label = unit_name(unit, value)
    if not label:
        return figure
    if label == "%" or label.startswith("\u00b0"):
        return f"{figure}{label}"
    return f"{figure} {label}"


def _figure(x: float) -> str:
    """A written figure for a reader: digits up to a million, then "2.5 billion"."""
    return number_words(x, 3) if abs(x) >= 1e6 else format_number(x)


def describe_value(q: Quantity) -> str:
    """ "154 square miles", "400 km²", "5–10 km", "4.5%", "2.5 billion USD"."""
    if q.value is not None:
        shown, value = _figure(q.value), q.value
    else:
        assert q.low is not None and q.high is not None
        shown, value = f"{_figure(q.low)}\u2013{_figure(q.high)}", q.high
    return with_unit(shown, q.unit, value)


def describe_in(q: Quantity, target: str | None) -> str | None:
    """*q* expressed in *target*, made compact: "≈ 1,036 km²", "≈ 2.6 million km²";
    a price or a wage per unit in another unit: "≈ 3,750 GBP per month"."""
    if target is None or q.unit is None or q.unit == target:
        return None
    if q.kind == Kind.MONEY and (in_subunit(q) or not _per(q)):
        return None  # an amount in one currency has nothing to convert into
    info_q, info_t = unit_info(q.unit), unit_info(target)
    if info_q.dimension != info_t.dimension:
        return None
    value = convert(q.magnitude, q.unit, target)
    if value is None:
        return None
    shown = number_words(value, 3) if abs(value) >= 1e6 else format_number(value, 4)
    return f"\u2248 {with_unit(shown, target, value)}"


#: Linear symbols for the "sq km" style of writing an area.
_SQ_STYLE = re.compile(r"^sq\.?\s", re.IGNORECASE)
_WORDY = re.compile(r"[A-Za-z]{4,}")


def unit_surface(unit: str, like: str) -> str | None:
    """*unit* written the way the writer wrote *like*: "km2" for "m2", "sq km" for "sq m".

    Words stay words ("square metres" -> "square kilometres", American spelling kept),
    symbols stay symbols with the same kind of exponent ("m2" -> "km2", "m²" -> "km²").
    None when *unit* cannot be written in that style.

    >>> unit_surface("kilometer ** 2", "m2"), unit_surface("kilometer", "millimetres")
    ('km2', 'kilometres')
    """
    sq = _SQ_STYLE.match(like)
    if sq is not None:
        if not unit.endswith(" ** 2"):
            return None
        linear = unit.removesuffix(" ** 2")
        symbol = _symbol(linear) or {"mile": "mi", "foot": "ft", "yard": "yd"}.get(linear)
        return f"{sq.group()}{symbol}" if symbol else None
    if _WORDY.search(like) and _SPECIAL_SYMBOLS.get(unit) != like:
        plural = like.rstrip().endswith(("s", "feet"))
        words = unit_words(unit, plural=plural)
        if "meter" in like or "liter" in like:
            words = words.replace("metre", "meter").replace("litre", "liter")
        if like[:1].isupper():
            words = words[:1].upper() + words[1:]
        return words
    symbol = _symbol(unit)
    if symbol is None:
        return None
    if any(c in like for c in "23") and not any(c in like for c in "\u00b2\u00b3"):
        symbol = symbol.replace("\u00b2", "2").replace("\u00b3", "3")
    if symbol.startswith("\u00b0") and "\u00b0" not in like:  # "140F", not "140°F"
        symbol = symbol[1:]
    return symbol

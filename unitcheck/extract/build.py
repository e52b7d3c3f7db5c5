"""Turn what the scanner read into a ``Quantity``: values, ranges, kinds and SI values."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Quantity
from ..text.tokens import Token
from ..units.registry import TEMPERATURE_UNITS, to_si, unit_info
from .numbers import Number
from .surfaces import UnitEntry


@dataclass(slots=True)
class Reading:
    """The scanner's notes on one quantity while it reads it (mutable, internal)."""

    first: int
    end: int = 0
    skip_only: bool = False  # a number that is not a quantity (year, ordinal...)
    number: Number | None = None
    negative: bool = False
    currency: str | None = None
    subunit: str | None = None  # money written in a subunit ("cent", "penny"): kept as written
    scale: float = 1.0
    scale_end: int = 0
    unit: str | None = None  # pint expression, "percent" or "percentage_point"
    unit_factor: float = 1.0
    unit_entry: UnitEntry | None = None
    hyphenated: bool = False
    percent: bool = False
    noun: str | None = None
    qualifier: str | None = None
    range_with: Reading | None = None
    article: bool = False  # "a mile": the number is the article
    per: str | None = None  # money per unit: "$80 a barrel" -> "oil_barrel"
    plus_minus: Number | None = None  # "9.8 ± 0.2 m": the written uncertainty

    def carries(self) -> bool:
        """Does this reading say what it counts (a unit, a currency or a noun)?"""
        return self.unit is not None or self.currency is not None or self.noun is not None

    def borrow(self, other: Reading) -> None:
        """Take the unit written once after a list: "45 and 50 mg", "3 or 4 days"."""
        self.unit = other.unit
        self.unit_factor = other.unit_factor
        self.unit_entry = other.unit_entry
        self.percent = other.percent
        self.currency = other.currency
        self.subunit = other.subunit
        self.per = other.per
        self.noun = other.noun
        if self.scale == 1.0 and other.scale != 1.0 and self.number and other.number:
            if self.number.value <= other.number.value:
                self.scale = other.scale

    def magnitude(self) -> tuple[float, float]:
        """Value and step as written, with scale, unit factor and sign applied."""
        assert self.number is not None
        factor = self.scale * self.unit_factor
        value = self.number.value * factor
        return (-value if self.negative else value), self.number.step * factor


def units_agree(first: Reading, second: Reading) -> bool:
    """May two readings be the ends of one range?

    Both must carry the same kind of unit, or the first none at all and take the
    second's ("5-10 km"); a currency may be written on the first end only ("$5-7bn").
    "rose 50 percent to $2bn" is two quantities, not a range.
    """
    if first.noun is not None and second.noun is None:
        return False
    if not (first.unit or first.currency or first.percent):
        return True  # "5 to 10 km", "5-10", "5 to 10 people"
    if first.currency is not None:
        if second.currency is None:
            return second.unit is None and second.noun is None and not second.percent
        return first.currency == second.currency and first.per == second.per
    if second.currency is not None or second.unit is None:
        return False
    if first.unit == second.unit:
        return True
    return unit_info(first.unit).dimension == unit_info(second.unit).dimension


def ascending(first: Reading, second: Reading) -> bool:
    """Would ``first`` and ``second`` make a range whose low end comes first?"""
    a, b = replace(first), replace(second)
    _share(a, b)
    return a.magnitude()[0] <= b.magnitude()[0]


def _share(first: Reading, second: Reading) -> None:
    """In "5-10 km" or "$5-7bn" what is written once applies to both ends."""
    if first.unit is None and second.unit is not None:
        first.unit, first.unit_factor, first.percent = (
            second.unit,
            second.unit_factor,
            second.percent,
        )
        first.unit_entry = second.unit_entry
    if second.currency is None and first.currency is not None:
        second.currency, second.per = first.currency, first.per
    if first.currency is None and second.currency is not None:
        first.currency, first.per = second.currency, second.per
        first.unit_factor, first.subunit = second.unit_factor, second.subunit
    if first.scale == 1.0 and second.scale != 1.0 and first.number and second.number:
        if first.number.value <= second.number.value:
            first.scale = second.scale
    if first.noun is None:
        first.noun = second.noun


def build(text: str, tokens: list[Token], reading: Reading) -> Quantity | None:
    """Build the quantity for a reading, or None when it cannot stand as one."""
    second = reading.range_with
    if second is not None:
        _share(reading, second)
    if reading.subunit is not None and reading.per is None:
        if second is None or second.subunit == reading.subunit:
            return _as_subunit(text, tokens, reading)
    start = tokens[reading.first].start
    end = tokens[reading.end - 1].end
    surface = text[start:end]
    value, step = reading.magnitude()
    low = high = None
    if second is not None:
        low, step_low = value, step
        high, step_high = second.magnitude()
        if high < low:
            if not (reading.negative and second.negative):
                return None
            low, high = high, low  # "minus 5 to minus 10C"
        step = min(step_low, step_high)
    if second is None and reading.plus_minus is not None:
        spread = reading.plus_minus.value * reading.scale * reading.unit_factor
        low, high = value - spread, value + spread  # "9.8 ± 0.2 m": a range about a value
    ranged = low is not None
    unit, kind, si_unit, dimension = _unit_and_kind(reading)
    si_value: float | None = None
    if not ranged:
        si_value = _si(value, reading, unit)
    return Quantity(
        text=surface,
        start=start,
        end=end,
        value=None if ranged else value,
        unit=unit,
        kind=kind,
        low=low,
        high=high,
        qualifier=reading.qualifier,
        noun=reading.noun,
        si_value=si_value,
        si_unit=si_unit,
        step=step,
        unit_text=_unit_text(text, tokens, reading),
        dimension=dimension,
    )


def _as_subunit(text: str, tokens: list[Token], reading: Reading) -> Quantity | None:
    """Money written in a subunit keeps its figure and subunit ("27 cents": 27 "cent");
    ``si_value`` and ``si_unit`` carry the amount in the currency (0.27 "USD")."""
    factor, second = reading.unit_factor, reading.range_with
    written = replace(reading, subunit=None, unit_factor=1.0)
    if second is not None:
        written.range_with = replace(second, subunit=None, unit_factor=1.0)
    quantity = build(text, tokens, written)
    if quantity is None:
        return None
    share = round(1 / factor)  # 100 cents to the dollar: divide, for exact hundredths
    si = None if quantity.value is None else quantity.value / share
    return replace(quantity, unit=reading.subunit, si_value=si)


def _unit_and_kind(reading: Reading) -> tuple[str | None, str, str | None, str | None]:
    """Canonical unit, kind, SI unit and dimension of a reading."""
    if reading.currency is not None:
        if reading.per is not None:
            info = unit_info(f"{reading.currency} / {reading.per}")
            dimension = f"[currency] / ({unit_info(reading.per).dimension})"
            return info.name, "money", info.si_unit, dimension
        return reading.currency, "money", reading.currency, "[currency]"
    if reading.unit is None:
        return None, ("count" if reading.noun else "number"), None, None
    info = unit_info(reading.unit)
    if reading.percent:
        kind = "percent"
    elif info.name in TEMPERATURE_UNITS:
        kind = "temperature"
    elif info.dimension == "[time]":
        kind = "duration"
    else:
        kind = "measure"
    return info.name, kind, info.si_unit, info.dimension


def _si(value: float, reading: Reading, unit: str | None) -> float | None:
    if unit is None or (reading.currency is not None and reading.per is None):
        return value
    return to_si(value, unit_info(unit))


def _unit_text(text: str, tokens: list[Token], reading: Reading) -> str | None:
    """The unit as written ("km", "square miles"), for messages."""
    if reading.unit is None and reading.currency is None:
        return None
    assert reading.number is not None
    last = reading.range_with if reading.range_with is not None else reading
    assert last.number is not None
    after = max(last.number.end, last.scale_end)
    if last.plus_minus is not None:
        after = max(after, last.plus_minus.end)
    if after >= last.end:
        return None
    return text[tokens[after].start : tokens[last.end - 1].end].lstrip("-‐ ")

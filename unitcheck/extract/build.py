"""The last stage: turn what the scanner read into a ``Quantity``: values, ranges, kinds
(``model.Kind``) and SI values."""

from __future__ import annotations

from dataclasses import replace

from ..model import Kind, Quantity
from ..text.tokens import Token
from ..units.registry import TEMPERATURE_UNITS, to_si, unit_info
from .state import Reading, share


def build(text: str, tokens: list[Token], reading: Reading) -> Quantity | None:
    """Build the quantity for a reading, or None when it cannot stand as one."""
    second = reading.range_with
    if second is not None:
        share(reading, second)
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


def _unit_and_kind(reading: Reading) -> tuple[str | None, Kind, str | None, str | None]:
    """Canonical unit, kind, SI unit and dimension of a reading."""
    if reading.currency is not None:
        if reading.per is not None:
            info = unit_info(f"{reading.currency} / {reading.per}")
            dimension = f"[currency] / ({unit_info(reading.per).dimension})"
            return info.name, Kind.MONEY, info.si_unit, dimension
        return reading.currency, Kind.MONEY, reading.currency, "[currency]"
    if reading.unit is None:
        return None, (Kind.COUNT if reading.noun else Kind.NUMBER), None, None
    info = unit_info(reading.unit)
    if reading.percent:
        kind = Kind.PERCENT
    elif info.name in TEMPERATURE_UNITS:
        kind = Kind.TEMPERATURE
    elif info.dimension == "[time]":
        kind = Kind.DURATION
    else:
        kind = Kind.MEASURE
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

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
from dataclasses import dataclass
from enum import Enum

from .model import Quantity
from .units import convert, unit_info

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


def comparable(a: Quantity, b: Quantity) -> bool:
    """Can the two be converted into each other at all?"""
    if a.unit is None or b.unit is None:
        return a.unit is None and b.unit is None
    if a.kind == "money" or b.kind == "money":
        return a.unit == b.unit
    return a.dimension == b.dimension


def _round_to(value: float, step: float) -> float:
    # Half away from zero, as people round; the tiny epsilon absorbs float noise.
    return math.copysign(math.floor(abs(value) / step + 0.5 + 1e-9) * step, value)


def _same_figure(x: float, y: float, step_x: float, step_y: float) -> bool:
    """Equal once the finer figure is rounded to the coarser one's last digit."""
    coarse = max(step_x, step_y)
    return math.isclose(_round_to(x, coarse), _round_to(y, coarse), rel_tol=1e-9, abs_tol=1e-12)


def same_number(a: Quantity, b: Quantity) -> bool:
    """The figures as written are the same, whatever their units ("400" and "400")."""
    ea, eb = _ends(a), _ends(b)
    return len(ea) == len(eb) and all(
        math.isclose(x, y, rel_tol=1e-9) for x, y in zip(ea, eb, strict=True)
    )


def agreement(a: Quantity, b: Quantity, tolerance: float = 1.0) -> Agreement:
    """How *b* relates to *a*: the same figure, a sound conversion, or a different amount."""
    if not comparable(a, b):
        return Agreement.INCOMPARABLE
    ea, eb = _ends(a), _ends(b)
    if len(ea) != len(eb):
        ea, eb = [a.magnitude], [b.magnitude]
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
    ok = all(_converts(a, x, b, y, tolerance) for x, y in zip(ea, eb, strict=True))
    return Agreement.CONVERTED if ok else Agreement.DIFFERENT


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
    bigger = r >= 1
    factor = r if bigger else 1 / r
    direction = "larger" if bigger else "smaller"
    if factor < 1.995:
        return f"{abs(r - 1) * 100:.0f}% {direction}"
    return f"{number_words(factor)} times {direction}"


def number_words(x: float) -> str:
    """Short human form of a large number: 2.6 million, 1,036, 0.25."""
    ax = abs(x)
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if ax >= scale:
            return f"{x / scale:.2g} {word}" if x / scale < 10 else f"{x / scale:,.0f} {word}"
    return format_number(x)


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


@functools.lru_cache(maxsize=512)
def unit_label(unit: str | None) -> str:
    """A short label for a canonical unit: "mi²", "km/h", "USD", "%"."""
    if unit is None:
        return ""
    if unit == "percent":
        return "%"
    if re.fullmatch(r"[A-Z]{3}", unit):
        return unit
    from .units import registry

    try:
        return f"{registry().Unit(unit):~P}"
    except Exception:  # pint raises several types for odd strings; a label is cosmetic
        return unit


def describe_value(q: Quantity) -> str:
    """ "400 mi²", "5–10 km", "$2,000,000,000 USD" style summary of a normalised value."""
    label = unit_label(q.unit)
    if q.value is not None:
        shown = format_number(q.value)
    else:
        assert q.low is not None and q.high is not None
        shown = f"{format_number(q.low)}\u2013{format_number(q.high)}"
    return f"{shown} {label}".strip()


def describe_in(q: Quantity, target: str | None) -> str | None:
    """*q* expressed in *target*, made compact: "≈ 1,036 km²"."""
    if target is None or q.unit is None or q.kind == "money" or q.unit == target:
        return None
    info_q, info_t = unit_info(q.unit), unit_info(target)
    if info_q.dimension != info_t.dimension:
        return None
    value = convert(q.magnitude, q.unit, target)
    if value is None:
        return None
    if 0.01 <= abs(value) < 10_000:  # readable as it is; to_compact is slow
        return f"\u2248 {format_number(value)} {unit_label(target)}"
    from .units import registry

    try:
        compact = registry().Quantity(value, target).to_compact()
        return f"\u2248 {format_number(float(compact.magnitude))} {compact.units:~P}"
    except Exception:  # to_compact is cosmetic; fall back to the plain unit
        return f"\u2248 {format_number(value)} {unit_label(target)}"

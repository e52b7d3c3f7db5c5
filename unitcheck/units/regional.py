"""What a bare "gallon" or "ton" means depends on where the copy was written.

Extraction reads a bare "gallons" as US gallons and a bare "tons" as short tons (pint's
defaults). A British desk means imperial gallons and, often, long tons; a config file
says so (``[locale] gallon = "imperial"``, ``ton = "long"``) and ``localise`` re-reads
the quantities whose surface did not name the variant. The gallon's smaller measures
follow it: a British pint, quart or fluid ounce is imperial too ("a pint of beer").
"""

from __future__ import annotations

import dataclasses
import re

from ..model import Kind, Quantity
from .registry import to_si, unit_info

#: What each gallon locale writes in place of a bare gallon, pint, quart or fluid ounce.
GALLONS = {"us": None, "imperial": r"imperial_\1"}
TONS = {"short": None, "long": "long_ton", "metric": "metric_ton"}

_GALLON = re.compile(r"\b(gallon|pint|quart|fluid_ounce)\b")  # never inside "imperial_pint"
_TON = re.compile(r"\bton\b")
#: Words in a surface that already say which variant is meant.
_NAMED = re.compile(r"\b(?:us|u\.s\.|american|imperial|uk|british|short|long|metric)\b", re.I)


def localise(q: Quantity, *, gallon: str = "us", ton: str = "short") -> Quantity:
    """*q* with a bare gallon or ton read as the locale says.

    >>> from unitcheck import extract
    >>> q = localise(extract("The tank holds 10 gallons.")[0], gallon="imperial")
    >>> q.unit, round(q.si_value, 5)
    ('imperial_gallon', 0.04546)
    >>> localise(extract("It carried 10 short tons.")[0], ton="long").unit
    'ton'
    """
    if q.unit is None or (q.kind == Kind.MONEY and "/" not in q.unit):
        return q
    if q.unit_text is not None and _NAMED.search(q.unit_text):
        return q
    unit = q.unit
    if GALLONS[gallon]:
        unit = _GALLON.sub(GALLONS[gallon], unit)
    if TONS[ton]:
        unit = _TON.sub(TONS[ton], unit)
    if unit == q.unit:
        return q
    if q.kind == Kind.MONEY:  # a price per gallon: the amount stays, the unit changes
        return dataclasses.replace(q, unit=unit, si_unit=unit)
    info = unit_info(unit)
    si_value = to_si(q.value, info) if q.value is not None else q.si_value
    return dataclasses.replace(q, unit=info.name, si_value=si_value, si_unit=info.si_unit)

"""Units: the one pint registry and normalisation to SI.

The registry is built once per process, lazily, because it costs about 0.3 s. How a unit is
written in text is extraction's business (``extract.surfaces``); this module only knows
pint expressions, whose readings are resolved once and cached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import as_file, files
from typing import TYPE_CHECKING

from .pint_cache import remembered

if TYPE_CHECKING:
    import pint

#: Units pint has no notion of, in pint's definition syntax (a packaged file).
_DEFINITIONS = "definitions_en.txt"

#: A price per unit is written "USD / kilogram": an ISO code over a pint expression.
_RATE = re.compile(r"([A-Z]{3}) / (.+)")

TEMPERATURE_UNITS = frozenset({"degree_Celsius", "degree_Fahrenheit", "kelvin"})
#: Units whose zero is not SI's zero: converted through pint, never by a factor.
OFFSET_UNITS = frozenset({"degree_Celsius", "degree_Fahrenheit"})


@functools.cache
def registry() -> pint.UnitRegistry:
    """The process-wide pint registry (built on first use)."""
    import pint

    ureg = pint.UnitRegistry(cache_folder=":auto:")
    with as_file(files("unitcheck.data").joinpath(_DEFINITIONS)) as path:
        ureg.load_definitions(str(path))
    return ureg


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """What pint says of a canonical unit string, cached."""

    name: str  # canonical pint string, e.g. "kilometer / hour"
    dimension: str  # e.g. "[length] / [time]"
    si_unit: str
    si_factor: float  # multiply a value by this to get SI (not for offset units)
    offset: bool  # temperatures in °C and °F need pint for conversion


@functools.cache
@remembered
def unit_info(expression: str) -> UnitInfo:
    """Resolve a pint expression once: canonical name, dimension and SI factor.

    A price per unit ("USD / kilogram") resolves its denominator through pint; its
    dimension names the currency, so that only prices in one currency convert.
    """
    rate = _RATE.fullmatch(expression)
    if rate is not None:
        code, per = rate.groups()
        info = unit_info(per)
        name = f"{code} / {info.name}" if " " not in info.name else f"{code} / ({info.name})"
        return UnitInfo(
            name,
            f"[{code}] / ({info.dimension})",
            f"{code} / {info.si_unit}",
            1 / info.si_factor,
            False,
        )
    ureg = registry()
    unit = ureg.Unit(expression)
    name = str(unit)
    if name in OFFSET_UNITS:
        return UnitInfo(name, str(unit.dimensionality), "kelvin", 1.0, True)
    si = ureg.Quantity(1.0, unit).to_base_units()
    return UnitInfo(name, str(unit.dimensionality), str(si.units), float(si.magnitude), False)


def to_si(value: float, info: UnitInfo) -> float:
    """Convert a value in ``info``'s unit to SI, honouring temperature offsets."""
    if not info.offset:
        return value * info.si_factor
    scale, shift = _affine(info.name, "kelvin")
    return value * scale + shift


def convert(value: float, source: str, target: str) -> float | None:
    """Convert between two canonical unit strings, or None if they are incompatible.

    >>> round(convert(75, "degree_Fahrenheit", "degree_Celsius"), 2)
    23.89
    """
    a, b = unit_info(source), unit_info(target)
    if a.dimension != b.dimension:
        return None
    if not (a.offset or b.offset):
        return value * a.si_factor / b.si_factor
    scale, shift = _affine(a.name, b.name)
    return value * scale + shift


@functools.cache
@remembered
def _affine(source: str, target: str) -> tuple[float, float]:
    """Offset units convert as ``y = scale * x + shift``: ask pint once, at two points."""
    ureg = registry()
    zero = float(ureg.Quantity(0.0, source).to(target).magnitude)
    one = float(ureg.Quantity(1.0, source).to(target).magnitude)
    return one - zero, zero


def compose(base: str, power: int = 1, per: str | None = None) -> str:
    """Build a pint expression: ``base ** power``, optionally divided by ``per``.

    >>> compose("mile", 2), compose("kilometer", 1, "hour")
    ('(mile) ** 2', '(kilometer) / (hour)')
    """
    expression = base if power == 1 else f"({base}) ** {power}"
    if per is not None:
        expression = f"({expression}) / ({per})"
    return expression


def is_length(expression: str) -> bool:
    return unit_info(expression).dimension == "[length]"

"""Currency subunits ("27 cents", "470 pence", "12 sen"), from ``data/subunits_en.tsv``:
their names, plurals and share of the currency. How each is written in text (its
surfaces, matched by token) is extraction's table, ``extract.surfaces.subunit_surfaces``.

An amount written in a subunit keeps its figure and its subunit in ``value`` and
``unit`` (27, "cent"); ``si_value`` and ``si_unit`` carry the amount in its currency
(0.27, "USD"), which is what comparison goes by.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..errors import TableError
from ..tables import alternatives, rows

_TABLE = "subunits_en.tsv"
_FLAGS = frozenset({"cs", "one"})


@dataclass(frozen=True, slots=True)
class Subunit:
    """One subunit: its reported name, its plural and its share of the currency."""

    unit: str  # "cent", "penny"
    plural: str  # "cents", "pence"
    factor: float  # 0.01
    case_sensitive: bool  # "sen" only in lower case
    one: bool  # "a penny" is one penny


@dataclass(frozen=True, slots=True)
class SubunitTable:
    by_unit: dict[str, Subunit]
    surfaces: tuple[tuple[str, Subunit], ...]  # every surface as the table writes it


@functools.cache
def subunit_table() -> SubunitTable:
    """Load ``subunits_en.tsv`` once.

    >>> subunit_table().by_unit["penny"].plural, subunit_table().by_unit["cent"].factor
    ('pence', 0.01)
    """
    surfaces: list[tuple[str, Subunit]] = []
    by_unit: dict[str, Subunit] = {}
    for line, (unit, plural, factor, cell, flags) in rows(_TABLE, 5):
        flag_set = set() if flags == "-" else {f.strip() for f in flags.split(",")}
        if not flag_set <= _FLAGS:
            raise TableError(_TABLE, line, f"unknown flags {sorted(flag_set - _FLAGS)}")
        try:
            share = float(factor)
        except ValueError:
            raise TableError(_TABLE, line, f"bad factor {factor!r}") from None
        if not 0 < share < 1:
            raise TableError(_TABLE, line, f"a subunit is a share of its currency: {factor!r}")
        subunit = Subunit(unit, plural, share, "cs" in flag_set, "one" in flag_set)
        if by_unit.setdefault(unit, subunit) != subunit:
            raise TableError(_TABLE, line, f"{unit!r} is given twice, differently")
        surfaces.extend((surface, subunit) for surface in alternatives(cell))
    return SubunitTable(by_unit, tuple(surfaces))


def subunit_named(unit: str | None) -> Subunit | None:
    """The subunit a quantity's ``unit`` names ("cent"), or None for any other unit."""
    if unit is None:
        return None
    return subunit_table().by_unit.get(unit)

"""Units as news writes them: the surface table of ``data/units_en.tsv`` and, for a word
the table lacks, pint's own registry.

Surfaces found in text are never handed to pint's parser whole: they are looked up here
by their tokens, and only a single word right after a number is asked of pint
(``pint_entry``), with the answer cached on disk.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib.resources import files

from ..errors import TableError
from ..tables import alternatives, rows
from ..text.context import at
from ..text.tokens import token_texts
from ..units.pint_cache import remembered
from ..units.registry import registry
from ..units.subunits import Subunit, subunit_table

UNIT_FLAGS = frozenset(
    {"cs", "attached", "ambiguous", "nohyphen", "one", "grouped", "mark", "ends"}
)


@dataclass(frozen=True, slots=True)
class UnitEntry:
    """One row of the unit table."""

    surface: tuple[str, ...]  # token texts
    expression: str  # pint expression, without a leading factor
    factor: float  # "decade" is 10 * year: the number written is multiplied by this
    case_sensitive: bool
    attached_only: bool
    ambiguous: bool
    no_hyphen: bool
    one: bool  # "a mile" is one mile
    grouped: bool = False  # an attached unit may stand apart after "278,000"
    mark: bool = False  # a foot or inch mark (' and "), never where a quote is likely
    ends: bool = False  # an attached symbol may stand apart where it ends a phrase ("250 W.")


@dataclass(frozen=True, slots=True)
class UnitTable:
    exact: dict[tuple[str, ...], UnitEntry]
    folded: dict[tuple[str, ...], UnitEntry]
    longest: int
    one_starts: frozenset[str]  # lower-cased first words of units that "a" can count
    #: The most tokens of a unit whose first token is this text, in its case or folded:
    #: a token absent here starts no unit, so a reader need not try any length.
    starts: dict[str, int]
    #: Other senses of a surface, by its folded token texts: (context set, expression)
    #: pairs from ``unit_senses_en.tsv`` ("kt" beside winds is a knot).
    senses: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = field(default_factory=dict)
    #: the first words of the surfaces ``senses`` holds, folded
    sense_starts: frozenset[str] = frozenset()

    def match(self, words: tuple[str, ...]) -> UnitEntry | None:
        """The entry for a token sequence: exact case first, then folded case."""
        entry = self.exact.get(words)
        if entry is not None:
            return entry
        return self.folded.get(tuple(map(str.lower, words)))


@functools.cache
def unit_table() -> UnitTable:
    """Load ``units_en.tsv`` into lookup dictionaries keyed by token sequences."""
    exact: dict[tuple[str, ...], UnitEntry] = {}
    folded: dict[tuple[str, ...], UnitEntry] = {}
    longest = 1
    for line, (surfaces, expression, flag_cell) in rows("units_en.tsv", 3):
        flags = set() if flag_cell == "-" else {f.strip() for f in flag_cell.split(",")}
        if not flags <= UNIT_FLAGS:
            raise TableError("units_en.tsv", line, f"unknown flags {sorted(flags - UNIT_FLAGS)}")
        factor, _, unit = (
            expression.partition(" * ") if " * " in expression else ("1", "", expression)
        )
        for surface in alternatives(surfaces):
            words = token_texts(surface)
            entry = UnitEntry(
                words,
                unit,
                float(factor),
                "cs" in flags,
                "attached" in flags,
                "ambiguous" in flags,
                "nohyphen" in flags,
                "one" in flags,
                "grouped" in flags,
                "mark" in flags,
                "ends" in flags,
            )
            longest = max(longest, len(words))
            exact.setdefault(words, entry)
            if not entry.case_sensitive:
                folded.setdefault(tuple(w.lower() for w in words), entry)
    one_starts = {e.surface[0].lower() for e in exact.values() if e.one} | {"square", "cubic"}
    starts: dict[str, int] = {}
    for words in (*exact, *folded):
        starts[words[0]] = max(starts.get(words[0], 0), len(words))
    senses = _senses()
    return UnitTable(
        exact,
        folded,
        longest,
        frozenset(one_starts),
        starts,
        senses,
        frozenset(words[0] for words in senses),
    )


def _senses() -> dict[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """``unit_senses_en.tsv``: the senses a surface takes beside a context set."""
    senses: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for _line, (surfaces, expression, context) in rows("unit_senses_en.tsv", 3):
        for surface in alternatives(surfaces):
            key = tuple(w.lower() for w in token_texts(surface))
            senses.setdefault(key, []).append((context, expression))
    return {key: tuple(found) for key, found in senses.items()}


@functools.cache
def _not_units() -> frozenset[str]:
    """Words pint knows as units that news uses otherwise (``data/not_units_en.txt``)."""
    text = files("unitcheck.data").joinpath("not_units_en.txt").read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(w for w in words if w)


@functools.cache
def _prefixes() -> dict[str, frozenset[str]]:
    """``prefixes_en.tsv``: the pint prefixes each unit takes after a number."""
    return {unit: frozenset(alternatives(cell)) for _, (unit, cell) in rows("prefixes_en.tsv", 2)}


def _refused(text: str) -> bool:
    """Is ``text``, or the singular pint would fold it to ("rods"), a word that
    ``not_units_en.txt`` keeps from being read as a unit?"""
    refused = _not_units()
    return text in refused or (len(text) > 3 and text[-1] == "s" and text[:-1] in refused)


def _spelled_with_prefix(low: str, prefix: str, unit: str) -> bool:
    """Is ``low`` a prefix name spelled out before one of the unit's own spellings
    ("megalitres", "hectolitre", "gigaannum")? A symbol prefix ("units" read as u-nits)
    or a symbol after the prefix does not count."""
    if not prefix or not low.startswith(prefix) or len(low) - len(prefix) < 3:
        return False
    rest = low[len(prefix) :]
    ureg = registry()
    return any(
        not p and u == unit and ureg.get_symbol(u) != rest
        for p, u, _ in ureg.parse_unit_name(rest, case_sensitive=True)
    )


@functools.cache
@remembered
def pint_entry(text: str) -> UnitEntry | None:
    """A unit the table lacks, read through pint's own registry: a symbol in its exact
    case ("kW", "MPa", "mAh", "dm"), a name or plural folded ("Watts", "pascals").

    Only ever asked about the word right after a number. Single letters, words of
    ``not_units_en.txt``, readings pint finds ambiguous ("kt": knot or kilotonne) and
    dimensionless units are refused.

    >>> pint_entry("MPa").expression, pint_entry("kt")
    ('megapascal', None)
    """
    if len(text) < 2 or not text.isalpha() or _refused(text):
        return None
    ureg = registry()
    candidates = ureg.parse_unit_name(text, case_sensitive=True)
    if not candidates and len(text) >= 4 and (text.istitle() or text.isupper()):
        if _refused(text.lower()):
            return None
        candidates = ureg.parse_unit_name(text.lower(), case_sensitive=True)
    if len(candidates) != 1:
        return None
    prefix, unit, suffix = candidates[0]
    if prefix and prefix not in _prefixes().get(unit, ()):
        return None  # "10 care homes" is no centi-are, "5 as" no attosecond
    name = prefix + unit
    if (
        text != ureg.get_symbol(name)
        and text.lower() not in (name + suffix, name + "s")  # pint drops the plural s
        and not _spelled_with_prefix(text.lower(), prefix, unit)
    ):
        return None  # "units" is not micro-nits: a symbol whole, or a name spelled out
    try:
        dimension = str(ureg.Unit(name).dimensionality)
    except Exception:  # noqa: BLE001 - a name pint lists but cannot build
        return None
    if dimension in ("dimensionless", "[percentage_point]"):
        return None
    symbol = text == ureg.get_symbol(name)  # a name was folded; a symbol kept its case
    if symbol and prefix and len(text) == 2 and text.isupper():
        if not at(text, "capital_prefixed_symbols"):
            return None  # "27 EU countries", "10 PM": abbreviations, not exa- or peta-units
    return UnitEntry((text,), name, 1.0, symbol, False, len(text) <= 3, False, False)


@dataclass(frozen=True, slots=True)
class SubunitSurfaces:
    """Currency subunits by how they are written, keyed by their folded token texts."""

    by_surface: dict[tuple[str, ...], tuple[Subunit, tuple[str, ...]]]  # folded -> (subunit, exact)

    def match(self, words: tuple[str, ...]) -> Subunit | None:
        """The subunit written as *words* (token texts), honouring its case flag."""
        found = self.by_surface.get(tuple(w.lower() for w in words))
        if found is None:
            return None
        subunit, exact = found
        if subunit.case_sensitive and words != exact:
            return None
        return subunit


@functools.cache
def subunit_surfaces() -> SubunitSurfaces:
    """The surfaces of ``subunits_en.tsv`` as token sequences.

    >>> subunit_surfaces().match(("pence",)).unit, subunit_surfaces().match(("Sen",))
    ('penny', None)
    """
    by_surface: dict[tuple[str, ...], tuple[Subunit, tuple[str, ...]]] = {}
    for surface, subunit in subunit_table().surfaces:
        words = token_texts(surface)
        by_surface[tuple(w.lower() for w in words)] = (subunit, words)
    return SubunitSurfaces(by_surface)

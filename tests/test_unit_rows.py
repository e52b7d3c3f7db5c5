"""units_en.tsv keeps only what pint lacks or misreads for news (issue 14, "pint first").

A word after a number that the table does not list is read through pint's registry
(``surfaces.pint_entry``). A row earns its place when one of its surfaces is a word pint
lacks or reads otherwise, when it adds a flag or a factor, or when it lists a symbol that
the table matches in folded case where pint reads symbols in exact case only.
"""

from __future__ import annotations

import pytest

from unitcheck import extract
from unitcheck.extract.surfaces import pint_entry
from unitcheck.tables import alternatives, rows
from unitcheck.text.tokens import token_texts
from unitcheck.units.registry import unit_info


def _pint_reads_alike(surface: str, expression: str) -> bool:
    """Does pint, unaided, read this lower-case name exactly as the row does?"""
    if len(token_texts(surface)) != 1 or surface != surface.lower():
        return False  # phrases, and capitals the table folds
    entry = pint_entry(surface)
    if entry is None or entry.case_sensitive or entry.ambiguous:
        return False  # pint lacks it, or reads it only in exact case, or as ambiguous
    return unit_info(entry.expression).name == unit_info(expression).name


def test_unit_rows_each_row_adds_something_to_pint() -> None:
    redundant = []
    for line, (surfaces, expression, flags) in rows("units_en.tsv", 3):
        if flags != "-" or " * " in expression:
            continue  # a flag or a factor is something pint cannot say
        if all(_pint_reads_alike(s, expression) for s in alternatives(surfaces)):
            redundant.append(f"units_en.tsv:{line} {surfaces}")
    assert not redundant, "rows pint already reads the same way: " + ", ".join(redundant)


def test_unit_rows_check_can_fail() -> None:
    # the check above would catch a row like this one
    assert _pint_reads_alike("watts", "watt")
    assert not _pint_reads_alike("kW", "kilowatt")  # a symbol: the table folds its case
    assert not _pint_reads_alike("annum", "year")  # pint does not know it


@pytest.mark.parametrize(
    ("word", "expression"),
    [
        ("watts", "watt"),  # a plural: pint drops the s itself
        ("Joules", "joule"),  # title case folded, as a headline writes it
        ("teslas", "tesla"),
        ("megalitres", "megaliter"),  # a prefix name before a British spelling
        ("hectolitre", "hectoliter"),
        ("kW", "kilowatt"),  # a symbol in exact case
    ],
)
def test_unit_rows_pint_reads_names_plurals_and_symbols(word: str, expression: str) -> None:
    entry = pint_entry(word)
    assert entry is not None and entry.expression == expression


@pytest.mark.parametrize(
    "word",
    [
        "units",  # not micro-nits: a prefix must be spelled as a name
        "rods",  # a count noun whose plural pint would fold to a unit
        "bars",
        "grays",  # a plural of a word not_units_en.txt refuses
        "KW",  # a symbol in the wrong case
        # words pint reads as a prefix on a unit that takes none in news (prefixes_en.tsv)
        "as",  # atto-second
        "care",  # centi-are
        "he",  # hecto-elementary-charge
        "dad",  # deca-day
        "app",  # atto-point
        "ca",  # centi-year
        "dam",  # deca-metre: a dam, in news
        "fps",  # frames per second, not feet: not_units_en.txt
        # two capitals: a capital prefix on a one-capital symbol news never prefixes so
        "EU",  # exa-enzyme-unit
        "PM",  # peta-molar
        "EV",  # exa-volt
        "TV",  # tera-volt
    ],
)
def test_unit_rows_pint_refuses(word: str) -> None:
    assert pint_entry(word) is None


@pytest.mark.parametrize(
    ("word", "expression"),
    [
        ("GPa", "gigapascal"),
        ("mSv", "millisievert"),
        ("Ma", "megayear"),
        ("ZJ", "zettajoule"),
        ("MW", "megawatt"),
        ("kilopascals", "kilopascal"),
        ("megapixel", "megapixel"),
    ],
)
def test_unit_rows_pint_reads_the_prefixes_news_writes(word: str, expression: str) -> None:
    entry = pint_entry(word)
    assert entry is not None and entry.expression == expression


def test_unit_rows_prefix_table_names_pint_units_and_prefixes() -> None:
    from unitcheck.tables import alternatives, rows
    from unitcheck.units.registry import registry

    ureg = registry()
    prefixes = set(ureg._prefixes)  # noqa: SLF001 - pint lists its prefixes nowhere public
    count = 0
    for line, (unit, cell) in rows("prefixes_en.tsv", 2):
        assert unit in ureg, f"prefixes_en.tsv:{line}: {unit!r} is no pint unit"
        unknown = set(alternatives(cell)) - prefixes
        assert not unknown, f"prefixes_en.tsv:{line}: {sorted(unknown)} are no pint prefixes"
        count += 1
    assert count > 30


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        # units whose rows went, now read through pint with the same result
        ("The kettle draws 2,000 watts.", "2,000 watts", "watt"),
        ("The line carries 400 volts.", "400 volts", "volt"),
        ("Talks ran for 18 hours.", "18 hours", "hour"),
        ("He served 6 months.", "6 months", "month"),
        ("A 10-minute walk.", "10-minute", "minute"),
        ("The ring has 2 carats.", "2 carats", "carat"),
        ("Wind speeds of 60 miles per hour.", "60 miles per hour", "mile / hour"),
        ("Growth of 3% a month.", "3% a month", "percent / month"),
    ],
)
def test_unit_rows_pruned_units_still_read(text: str, surface: str, unit: str) -> None:
    found = {q.text: q.unit for q in extract(text)}
    assert found.get(surface) == unit, found


def test_unit_rows_reader_context_names_are_table_rows() -> None:
    # a misspelt set name in the unit reader would raise only when its rule first runs
    import re
    from pathlib import Path

    from unitcheck.extract import unit_reader
    from unitcheck.text.context import context_sets

    source = Path(unit_reader.__file__).read_text(encoding="utf-8")
    names = set(re.findall(r"""\b(?:near|at)\([^()]*?"([a-z_]+)"\)""", source, re.S))
    assert len(names) >= 15
    assert sorted(names - set(context_sets())) == []
    # its vocabulary is table rows: no frozensets of words, no regex of words
    assert not re.search(r"frozenset\(\s*\"[a-z]{2,}", source)
    assert not re.search(r"\"[a-z]+(?: [a-z]+){3,}\"\.split\(\)", source)

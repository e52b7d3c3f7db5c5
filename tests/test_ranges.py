"""Ranges, shared units and vague plurals (issue 14): the ends, units and qualifiers
that the golden cases in ``tests/cases/extract/ranges_coordination.toml`` cannot state.

Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from unitcheck import extract
from unitcheck.errors import TableError
from unitcheck.extract.lexicon import lexicon
from unitcheck.extract.ranges import range_words


def _ranges(text: str) -> list[tuple[str, float | None, float | None, str | None]]:
    return [(q.text, q.low, q.high, q.unit) for q in extract(text) if q.value is None]


def _points(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.value, q.unit) for q in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "from" with no change word before it opens one range
        ("Doses ran from 20 mg to 35 mg.", ("20 mg to 35 mg", 20, 35, "milligram")),
        ("Scores go from 4 to 6 here.", ("4 to 6", 4, 6, None)),
        ("Rates from 5% to 10% apply.", ("5% to 10%", 5, 10, "percent")),
        # a descending pair of negatives is the writing of a cold range
        ("Lows ran from -12 °C to -25 °C.", ("-12 °C to -25 °C", -25, -12, "degree_Celsius")),
        # the unit written once on the first end of a "from" range
        ("He weighed from 165 pounds to 180.", ("165 pounds to 180", 165, 180, "pound")),
        # a spelled scale at the end is shared by both ends
        ("It drew six to seven thousand fans.", ("six to seven thousand", 6e3, 7e3, None)),
        ("from one to two million homes", ("one to two million", 1e6, 2e6, None)),
        ("between four and five hundred seats", ("four and five hundred", 400, 500, None)),
        ("a one- to two-hour delay", ("one- to two-hour", 1, 2, "hour")),
    ],
)
def test_ranges_one_range(text: str, expected: tuple[str, float, float, str | None]) -> None:
    assert _ranges(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change word before "from": an old and a new level
        ("Prices rose from $5bn to $7bn.", [("$5bn", 5e9, "USD"), ("$7bn", 7e9, "USD")]),
        (
            "Sales climbed sharply from 40 to 55 tonnes.",
            [("40", 40, "metric_ton"), ("55 tonnes", 55, "metric_ton")],
        ),
        # a change word right before the number: a rise, then the new level
        ("It rose 1.5% to 6.2%.", [("1.5%", 1.5, "percent"), ("6.2%", 6.2, "percent")]),
        # a price's time lent to the second end; a change word in another form
        (
            "Pay went from $10 an hour to $15.",
            [("$10 an hour", 10, "USD / hour"), ("$15", 15, "USD / hour")],
        ),
        (
            "The index kept climbing from 7,200 to 7,345.",
            [("7,200", 7200, None), ("7,345", 7345, None)],
        ),
        # a unit lent forward to the bare second end of a descending pair
        ("He went from 210 pounds to 188.", [("210 pounds", 210, "pound"), ("188", 188, "pound")]),
        # a currency sign on the second of two lends to the first
        ("Tickets cost 9 or $11.", [("9", 9, "USD"), ("$11", 11, "USD")]),
        # a unit at the end of a comma list, with or without the serial comma
        (
            "Pick the 5, 10 or 21 km route.",
            [("5", 5, "kilometer"), ("10", 10, "kilometer"), ("21 km", 21, "kilometer")],
        ),
        (
            "Fees of 15, 25, and 40 euros.",
            [("15", 15, "EUR"), ("25", 25, "EUR"), ("40 euros", 40, "EUR")],
        ),
        # a spelled scale shared across "or"; each end keeps its own quantity
        ("two or three hundred people", [("two", 200, None), ("three hundred", 300, None)]),
        ("two or three days", [("two", 2, "day"), ("three days", 3, "day")]),
    ],
)
def test_ranges_two_quantities(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert _points(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comma is no list when the number after it carries its own unit
        ("With 60 gone, 30 km remained.", [("60", 60, None), ("30 km", 30, "kilometer")]),
        # "and" before a currency sign is no list: the count keeps no currency
        ("It kept 300 and $5m was saved.", [("300", 300, None), ("$5m", 5e6, "USD")]),
        # a spelled number that stands only as the first of a pair
        ("He won the tie two to one.", []),
        ("They need two to tango.", []),
    ],
)
def test_ranges_leave_alone(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert _points(text) == expected


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit", "noun"),
    [
        (
            "It cost savers tens of thousands of dollars.",
            "tens of thousands of dollars",
            1e4,
            1e5,
            "USD",
            None,
        ),
        ("Smoke drifted hundreds of miles.", "hundreds of miles", 100, 1000, "mile", None),
        ("Thousands of fans queued.", "Thousands", 1e3, 1e4, None, "fans"),
        ("Hundreds of thousands marched.", "Hundreds of thousands", 1e5, 1e6, None, None),
        ("It will take millions of years.", "millions of years", 1e6, 1e7, "year", None),
        ("dozens of homes", "dozens", 12, 144, None, "homes"),
        # a small vague count before a spelled multiplier
        ("Several thousand fans queued.", "Several thousand", 3e3, 9e3, None, "fans"),
        ("It lies a few hundred metres away.", "a few hundred metres", 200, 500, "meter", None),
        (
            "It cost a couple of million dollars.",
            "a couple of million dollars",
            2e6,
            3e6,
            "USD",
            None,
        ),
        (
            "several hundred thousand barrels",
            "several hundred thousand barrels",
            3e5,
            9e5,
            "oil_barrel",
            None,
        ),
    ],
)
def test_ranges_vague_plural_is_approximate(
    text: str, surface: str, low: float, high: float, unit: str | None, noun: str | None
) -> None:
    (q,) = extract(text)
    assert (q.text, q.low, q.high, q.unit, q.noun) == (surface, low, high, unit, noun)
    assert q.qualifier == "approx"
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Britain lost billions of pounds in the crash.", "GBP"),  # a big sum is money
        ("They seized millions of pounds of cocaine.", "pound"),  # what is weighed, named
        ("The harvest ran to millions of pounds.", "pound"),  # mass spoken of nearby
        ("It weighs hundreds of pounds.", "pound"),
    ],
)
def test_ranges_vague_pounds(text: str, unit: str) -> None:
    (q,) = extract(text)
    assert q.unit == unit


def test_ranges_vague_keeps_a_written_bound() -> None:
    (q,) = extract("It cost up to thousands of dollars.")
    assert (q.low, q.high, q.qualifier) == (1e3, 1e4, "upper")


@pytest.mark.parametrize(
    "text",
    [
        "She said so hundreds of times.",
        "Thousands of the.",
        "A few people came.",  # no multiplier: no figure
        "It took a couple of days.",
    ],
)
def test_ranges_vague_needs_something_counted(text: str) -> None:
    assert extract(text) == []


def test_ranges_long_list_shares_its_unit() -> None:
    # every bare number of a long comma list takes the unit written after the last one
    text = ", ".join(str(n) for n in range(1, 40)) + " and 40 km"
    found = extract(text)
    assert [q.text for q in found][-1] == "40 km"
    assert [q.value for q in found] == list(range(1, 41))
    assert {q.unit for q in found} == {"kilometer"}


def test_ranges_list_without_unit_stays_bare() -> None:
    found = extract(", ".join(str(n) for n in range(1, 40)) + " and 40 were listed.")
    assert len(found) == 40 and {q.unit for q in found} == {None}


def test_ranges_table_words() -> None:
    words = range_words()
    assert "from" in words.openers and words.openers["from"] > 0
    for low, high in words.vague.values():
        assert 0 < low < high
    # every opener's change words come from the lexicon's change category
    assert {"rose", "fell", "climbed"} <= lexicon().change_words


def test_ranges_table_error_names_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from unitcheck.extract import ranges

    def bad_rows(name: str, columns: int):  # type: ignore[no-untyped-def]
        yield 7, ["vague", "scores", "200", "20"]

    monkeypatch.setattr(ranges, "rows", bad_rows)
    range_words.cache_clear()
    try:
        with pytest.raises(TableError, match="ranges_en.tsv:7"):
            range_words()
    finally:
        range_words.cache_clear()


#: The stages of extraction, lowest first: a module may import only modules before it,
#: so no stage calls back up (ranges once reached the scanner through ``self``).
STAGES = (
    "lexicon",  # word tables
    "surfaces",  # the unit surface table
    "numbers",  # the number grammar, over tokens
    "state",  # the scan state and a reading's notes
    "money",  # currencies
    "unit_reader",  # scales, units, rates, percentages
    "counts",  # counted nouns
    "not_quantities",  # distractors, decided inside the single reading
    "reading",  # the single reading at a token
    "ranges",  # ranges, bounds and coordination
    "build",  # a reading becomes a Quantity
    "scan",  # extract() and the driver loop
    "__init__",
)


def _stage_violations(module: str, source: str) -> list[str]:
    """The extract modules ``source`` imports that are not below ``module`` in STAGES."""
    import ast

    rank = STAGES.index(module)
    imported: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                if node.module:
                    imported.append(node.module.split(".")[0])
                else:
                    imported.extend(alias.name for alias in node.names)
            elif node.level == 0 and (node.module or "").startswith("unitcheck.extract."):
                imported.append(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("unitcheck.extract."):
                    imported.append(alias.name.split(".")[2])
    return [name for name in imported if name not in STAGES or STAGES.index(name) >= rank]


def test_ranges_extract_stages_import_only_earlier_stages() -> None:
    # issue 14: stages of plain functions over one Scan, no mixins and no calls back up
    import importlib
    from pathlib import Path

    package = Path(importlib.import_module("unitcheck.extract").__file__ or "").parent
    modules = sorted(path.stem for path in package.glob("*.py"))
    assert sorted(STAGES) == modules  # a new module takes its place in the order
    for module in modules:
        source = (package / f"{module}.py").read_text(encoding="utf-8")
        assert _stage_violations(module, source) == [], module
        assert "NotImplementedError" not in source, module  # no stubs to call across


def test_ranges_stage_check_can_fail() -> None:
    # a range module that reads back up into the driver, or a number grammar that
    # imports a reading, is refused; an import from below is not
    assert _stage_violations("ranges", "from .scan import extract") == ["scan"]
    assert _stage_violations("numbers", "from . import reading") == ["reading"]
    assert _stage_violations("money", "from unitcheck.extract.ranges import x") == ["ranges"]
    assert _stage_violations("ranges", "from .reading import read_single") == []

"""Units as a person reads them, in messages, tooltips and text reports.

Every place a reader sees a unit goes through ``conversion.unit_name`` (and
``describe_value`` / ``describe_in`` built on it): metric units get their symbol
("400 km²"), everything else its name in words ("154 square miles"), never pint's
syntax ("mile ** 2") or a symbol built by prefixing ("mmi²").
"""

from __future__ import annotations

import io
import re

import pytest

from unitcheck import extract
from unitcheck.lint import lint
from unitcheck.report import emit
from unitcheck.result import FileResult, RunResult
from unitcheck.text.reading import Document
from unitcheck.units.conversion import (
    describe_in,
    describe_value,
    unit_name,
    unit_surface,
    unit_words,
)

#: What no reader should ever see.
UNREADABLE = re.compile(r"\*\*|_|\bmmi|\bmi²|\bsq_|\bdelta\b|\bdeg[CF]\b|\bimperial_")


@pytest.mark.parametrize(
    ("unit", "value", "shown"),
    [
        # area: metric symbols, other units in words, singular for exactly one
        ("kilometer ** 2", 400, "400 km²"),
        ("meter ** 2", 400, "400 m²"),
        ("mile ** 2", 154, "154 square miles"),
        ("mile ** 2", 1, "1 square mile"),
        ("foot ** 2", 900, "900 square feet"),
        ("hectare", 20, "20 ha"),
        ("acre", 20, "20 acres"),
        # volume
        ("meter ** 3", 3, "3 m³"),
        ("liter", 18.9, "18.9 litres"),
        ("milliliter", 500, "500 millilitres"),
        ("gallon", 5, "5 gallons"),
        ("imperial_gallon", 5, "5 imperial gallons"),
        ("cubic_centimeter", 250, "250 cm³"),
        ("oil_barrel / day", 300, "300 barrels per day"),
        # length
        ("kilometer", 12, "12 km"),
        ("mile", 7.46, "7.46 miles"),
        ("foot", 6, "6 feet"),
        ("inch", 1, "1 inch"),
        ("nautical_mile", 200, "200 nautical miles"),
        # speed
        ("kilometer / hour", 161, "161 km/h"),
        ("mile / hour", 100, "100 mph"),
        ("knot", 30, "30 knots"),
        ("gigabit / second", 10, "10 Gbit/s"),
        # temperature, absolute and as a change
        ("degree_Celsius", 40, "40°C"),
        ("degree_Fahrenheit", 104, "104°F"),
        ("delta_degree_Fahrenheit", 9, "9°F"),
        # mass
        ("metric_ton", 300, "300 tonnes"),
        ("long_ton", 3, "3 long tons"),
        ("kilogram", 5, "5 kg"),
        ("pound", 1, "1 pound"),
        # currency and percent
        ("USD", 1500, "1,500 USD"),
        ("TWD", 1500, "1,500 TWD"),
        ("percent", 4.5, "4.5%"),
        ("percentage_point", 5, "5 percentage points"),
        ("percentage_point", 1, "1 percentage point"),
        # time and energy
        ("year", 3, "3 years"),
        ("century", 2, "2 centuries"),
        ("kilowatt_hour", 40, "40 kWh"),
    ],
)
def test_unit_names_read_as_a_person_writes(unit: str, value: float, shown: str) -> None:
    from unitcheck.units.conversion import format_number, with_unit

    assert with_unit(format_number(value), unit, value) == shown
    assert not UNREADABLE.search(unit_name(unit, value))


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        # describe_value on what extract finds: the reader's forms
        ("The lake covers 154 square miles.", "154 square miles"),
        ("Forces held 400m2 of the hill.", "400 m²"),
        ("The trail is 12 kilometres long.", "12 km"),
        ("Tanks of 5 gallons each.", "5 gallons"),
        ("Gusts of 100 mph hit the coast.", "100 mph"),
        ("It was 40C at noon.", "40°C"),
        ("Prices rose 4.5% in May.", "4.5%"),
    ],
)
def test_unit_names_describe_value(sentence: str, shown: str) -> None:
    (q,) = extract(sentence)
    assert describe_value(q) == shown


def test_unit_names_describe_in_never_prefixes_a_non_metric_unit() -> None:
    (small,) = extract("The plot is 0.0004 square miles.")
    assert describe_in(small, "kilometer ** 2") == "\u2248 0.001036 km²"
    (big,) = extract("The forest covers 400 square miles.")
    assert describe_in(big, "meter ** 2") == "\u2248 1.04 billion m²"
    assert describe_in(big, "foot ** 2") == "\u2248 11.2 billion square feet"
    (tiny,) = extract("A gap of 2 km opened.")
    assert describe_in(tiny, "mile") == "\u2248 1.243 miles"  # not "mmi" or "1.243 mi"


def test_unit_names_words_and_writer_styles() -> None:
    assert unit_words("kilometer / hour") == "kilometres per hour"
    assert unit_words("mile ** 2", plural=False) == "square mile"
    assert unit_surface("kilometer ** 2", "m2") == "km2"
    assert unit_surface("kilometer ** 2", "m\u00b2") == "km\u00b2"
    assert unit_surface("kilometer ** 2", "square meters") == "square kilometers"
    assert unit_surface("kilometer ** 2", "sq m") == "sq km"
    assert unit_surface("mile", "mile") == "mile"  # "a 2-mile road" stays singular
    assert unit_surface("degree_Fahrenheit", "F") == "F"


#: Lint and compare messages over many units: none may show pint's syntax.
MESSAGES = [
    "The reserve covers 154 square miles (300 sq km).",
    "The lake holds 2 cubic miles (20 cubic km) of water.",
    "Tanks of 5 gallons (30 litres) were handed out.",
    "Winds of 100 mph (200 km/h) were recorded.",
    "Highs of 40C (140F) are forecast.",
    "The army retook 400m2 of territory in the north.",
    "Clashes spread along the 1,200mm front line, officials said.",
    "The barge took 500 tons (300 tonnes) of coal.",
    "A plot of 3 acres (5 hectares) was sold.",
]


@pytest.mark.parametrize("text", MESSAGES)
def test_unit_names_lint_messages_are_readable(text: str) -> None:
    findings = lint(text)
    assert findings, text
    for f in findings:
        assert not UNREADABLE.search(f.message), f.message


def test_unit_names_compare_messages_are_readable() -> None:
    from unitcheck import compare

    original = "The district covers 154 square miles, and 5 gallons were left."
    revised = "The district covers 154 km2, and 5 litres were left."
    comparison = compare(original, revised)
    messages = [f.message for f in comparison.findings]
    assert messages
    for message in messages:
        assert not UNREADABLE.search(message), message
    assert any("square miles" in m for m in messages)


def test_unit_names_html_tooltips_and_tables_are_readable() -> None:
    text = "The reserve covers 154 square miles (300 sq km); gusts hit 100 mph.\n"
    doc = Document("story.txt", text, text, "text")
    qs = tuple(extract(text))
    run = RunResult("lint", (FileResult("lint", doc, None, tuple(lint(text)), qs),))
    out = io.StringIO()
    emit("html", run, out)
    page = out.getvalue()
    titles = re.findall(r'title="([^"]*)"', page)
    assert any("154 square miles" in t for t in titles), titles
    for t in titles:
        assert not UNREADABLE.search(t), t
    listing = RunResult("extract", (FileResult("extract", doc, None, (), qs),))
    out = io.StringIO()
    emit("html", listing, out)
    cells = re.findall(r"<td>([^<]*)</td>", out.getvalue())
    assert "square miles" in cells and "mph" in cells, cells
    assert not [c for c in cells if UNREADABLE.search(c)]
    out = io.StringIO()
    emit("text", listing, out)
    assert "mile ** 2" not in out.getvalue() and "square miles" in out.getvalue()


def _table_units() -> list[str]:
    from importlib.resources import files

    table = files("unitcheck.data").joinpath("units_en.tsv").read_text(encoding="utf-8")
    units = set()
    for line in table.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        unit = line.split("\t")[1].strip()
        if "*" in unit.split("/")[0] and not unit.split("/")[0].strip()[0].isalpha():
            continue  # "1e6 * metric_ton / year": a scaled unit, converted before display
        units.add(unit)
    return sorted(units)


def test_unit_names_every_unit_of_the_table_is_readable() -> None:
    units = _table_units()
    assert len(units) > 100
    lengths = [u for u in units if u.endswith("meter") or u in ("mile", "foot", "yard", "inch")]
    composed = [f"{u} ** 2" for u in lengths] + [f"{u} ** 3" for u in lengths]
    composed += [f"{u} / hour" for u in lengths]
    for unit in units + composed:
        for value in (1, 5):
            shown = unit_name(unit, value)
            assert shown and not UNREADABLE.search(shown), (unit, shown)
            assert "*" not in shown and "/" not in shown or shown.endswith(("/h", "/s")), shown


def test_unit_names_doctests() -> None:
    import doctest

    from unitcheck.units import conversion

    result = doctest.testmod(conversion)
    assert result.attempted >= 3 and result.failed == 0

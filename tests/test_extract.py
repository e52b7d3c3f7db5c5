"""Extraction, as a table: surface in a sentence -> value, unit, kind, qualifier, range.

Each row is ``(sentence, surface, value, unit, kind, extra)`` where ``surface`` is the
exact ``Quantity.text`` expected and ``extra`` holds any other fields to check
(``low``/``high`` for ranges, ``qualifier``, ``noun``). Sentences are written for these
tests.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from unitcheck import compare, extract, lint
from unitcheck.model import Quantity

R: dict[str, Any] = {}  # no extra fields

CASES: list[tuple[str, str, float | None, str | None, str, dict[str, Any]]] = [
    # digits, thousands separators and decimals
    ("The fund holds 1,234,567 shares.", "1,234,567", 1234567, None, "count", {"noun": "shares"}),
    ("Rates rose to 3.75 percent.", "3.75 percent", 3.75, "percent", "percent", R),
    ("It weighed 12,500.5 kg in all.", "12,500.5 kg", 12500.5, "kilogram", "measure", R),
    ("Only .5 percent of voters moved.", ".5 percent", 0.5, "percent", "percent", R),
    # number words
    ("Three people were hurt.", "Three", 3, None, "count", {"noun": "people"}),
    ("The hike is twenty-five miles long.", "twenty-five miles", 25, "mile", "measure", R),
    ("The talks lasted two and a half hours.", "two and a half hours", 2.5, "hour", "duration", R),
    ("a two-and-a-half-year delay", "two-and-a-half-year", 2.5, "year", "duration", R),
    ("She bought a dozen eggs.", "a dozen", 12, None, "count", {"noun": "eggs"}),
    ("The school is half a mile away.", "half a mile", 0.5, "mile", "measure", R),
    ("Two thirds of members agreed.", "Two thirds", 2 / 3, None, "number", R),
    ("He counted a hundred and twenty of them.", "a hundred and twenty", 120, None, "number", R),
    ("It is a mile from the coast.", "a mile", 1, "mile", "measure", R),
    # unicode and slash fractions
    ("The route is 2½ miles long.", "2½ miles", 2.5, "mile", "measure", R),
    ("A board 2 1/2 in thick.", "2 1/2 in", 2.5, "inch", "measure", {"step": 0.5}),
    ("Add 3/4 cup of flour.", "3/4 cup", 0.75, "cup", "measure", {"step": 0.25}),
    # scales
    ("The city has 1.5 million residents.", "1.5 million", 1.5e6, None, "count", R),
    ("The deal is worth $2bn.", "$2bn", 2e9, "USD", "money", {"step": 1e9}),
    ("Debt reached 3tn last year.", "3tn", 3e12, None, "number", R),
    ("The club paid £45m for him.", "£45m", 45e6, "GBP", "money", R),
    ("The app has 500k users.", "500k", 5e5, None, "count", {"noun": "users"}),
    ("They raised $5 million.", "$5 million", 5e6, "USD", "money", R),
    ("It cost Rs 500 crore.", "Rs 500 crore", 5e9, "INR", "money", R),
    # negatives
    ("Overnight it fell to -5C in the hills.", "-5C", -5, "degree_Celsius", "temperature", R),
    ("Forecasters expect minus 15C tonight.", "minus 15C", -15, "degree_Celsius", "temperature", R),
    ("Lows of −5 °C were recorded.", "−5 °C", -5, "degree_Celsius", "temperature", R),
    ("The firm lost $-3m.", "$-3m", -3e6, "USD", "money", R),
    # ranges
    ("Queues stretched 5-10 km.", "5-10 km", None, "kilometer", "measure", {"low": 5, "high": 10}),
    (
        "a walk of 5 to 10 kilometres",
        "5 to 10 kilometres",
        None,
        "kilometer",
        "measure",
        {"low": 5, "high": 10},
    ),
    (
        "between 5 and 10 km from the border",
        "5 and 10 km",
        None,
        "kilometer",
        "measure",
        {"low": 5, "high": 10},
    ),
    ("a $5-7bn hole", "$5-7bn", None, "USD", "money", {"low": 5e9, "high": 7e9}),
    (
        "an 8- to 16-metre telescope",
        "8- to 16-metre",
        None,
        "meter",
        "measure",
        {"low": 8, "high": 16},
    ),
    (
        "Waves of 3–4 metres hit the port.",
        "3–4 metres",
        None,
        "meter",
        "measure",
        {"low": 3, "high": 4},
    ),
    ("It hosts 5 to 10 people.", "5 to 10", None, None, "count", {"low": 5, "high": 10}),
    # qualifiers
    (
        "Troops took more than 400 square miles.",
        "400 square miles",
        400,
        "mile ** 2",
        "measure",
        {"qualifier": "lower"},
    ),
    ("over 200 people came", "200", 200, None, "count", {"qualifier": "lower"}),
    ("at least 30 people died", "30", 30, None, "count", {"qualifier": "lower"}),
    ("fewer than 10 cases", "10", 10, None, "count", {"qualifier": "upper"}),
    ("a run of under 5 km", "5 km", 5, "kilometer", "measure", {"qualifier": "upper"}),
    (
        "The lake is up to 30 metres deep.",
        "30 metres",
        30,
        "meter",
        "measure",
        {"qualifier": "upper"},
    ),
    ("nearly 50 percent of homes", "50 percent", 50, "percent", "percent", {"qualifier": "approx"}),
    (
        "close to 50 percent of voters",
        "50 percent",
        50,
        "percent",
        "percent",
        {"qualifier": "approx"},
    ),
    (
        "The road runs about 600 miles.",
        "600 miles",
        600,
        "mile",
        "measure",
        {"qualifier": "approx"},
    ),
    ("around 40 km north", "40 km", 40, "kilometer", "measure", {"qualifier": "approx"}),
    ("more than $5bn in aid", "$5bn", 5e9, "USD", "money", {"qualifier": "lower"}),
    # units written onto the number or apart from it
    ("a range of 965km", "965km", 965, "kilometer", "measure", R),
    ("a flat of 400m2", "400m2", 400, "meter ** 2", "measure", R),
    ("a flat of 400 m²", "400 m²", 400, "meter ** 2", "measure", R),
    ("Highs of 20C are due.", "20C", 20, "degree_Celsius", "temperature", R),
    ("The phone has 5GB of data.", "5GB", 5, "gigabyte", "measure", R),
    ("a 5Gb link", "5Gb", 5, "gigabit", "measure", R),
    ("lifted 5t of rubble", "5t", 5, "metric_ton", "measure", R),
    ("It took 5 min to load.", "5 min", 5, "minute", "duration", R),
    # hyphenated adjectives
    ("a 600-mile front", "600-mile", 600, "mile", "measure", R),
    ("a 3-metre wall", "3-metre", 3, "meter", "measure", R),
    ("a 10-year-old boy", "10-year-old", 10, "year", "duration", R),
    ("a 5-percent rise", "5-percent", 5, "percent", "percent", R),
    # area and volume
    ("an area of 301 square miles", "301 square miles", 301, "mile ** 2", "measure", R),
    ("some 116 sq mi of land", "116 sq mi", 116, "mile ** 2", "measure", {"qualifier": "approx"}),
    ("a 20 sq km zone", "20 sq km", 20, "kilometer ** 2", "measure", R),
    ("it covers 301,338 km2", "301,338 km2", 301338, "kilometer ** 2", "measure", R),
    ("it covers 300 km²", "300 km²", 300, "kilometer ** 2", "measure", R),
    ("It holds 50 cubic metres of water.", "50 cubic metres", 50, "meter ** 3", "measure", R),
    ("It holds 50 m³ of water.", "50 m³", 50, "meter ** 3", "measure", R),
    ("It farms 200 hectares.", "200 hectares", 200, "hectare", "measure", R),
    # compound units and rates
    ("winds of 120 km/h", "120 km/h", 120, "kilometer / hour", "measure", R),
    ("winds of 120 kph", "120 kph", 120, "kilometer / hour", "measure", R),
    ("a limit of 70 mph", "70 mph", 70, "mile / hour", "measure", R),
    ("gusts of 70 miles per hour", "70 miles per hour", 70, "mile / hour", "measure", R),
    ("output of 1.2m b/d", "1.2m b/d", 1.2e6, "oil_barrel / day", "measure", R),
    (
        "exports of 500,000 barrels per day",
        "500,000 barrels per day",
        5e5,
        "oil_barrel / day",
        "measure",
        R,
    ),
    ("It uses 3,000 kWh a year.", "3,000 kWh a year", 3000, "kilowatt_hour / year", "measure", R),
    (
        "a density of 120 people per square km",
        "120 people per square km",
        120,
        "1 / kilometer ** 2",
        "measure",
        {"noun": "people"},
    ),
    ("Oil traded at $80 a barrel.", "$80 a barrel", 80, "USD / oil_barrel", "money", R),
    ("Staff earn $15 an hour.", "$15 an hour", 15, "USD / hour", "money", R),
    # percent and percentage points
    ("Sales rose 5%.", "5%", 5, "percent", "percent", R),
    ("Sales rose 5 per cent.", "5 per cent", 5, "percent", "percent", R),
    ("Sales rose 5pc.", "5pc", 5, "percent", "percent", R),
    ("a gap of 3 percentage points", "3 percentage points", 3, "percentage_point", "percent", R),
    ("a cut of 25 basis points", "25 basis points", 25, "basis_point", "percent", R),
    # temperatures
    (
        "It reached 45 degrees Celsius.",
        "45 degrees Celsius",
        45,
        "degree_Celsius",
        "temperature",
        R,
    ),
    ("It reached 114 °F.", "114 °F", 114, "degree_Fahrenheit", "temperature", R),
    ("It reached 40C.", "40C", 40, "degree_Celsius", "temperature", R),
    ("It reached 104F.", "104F", 104, "degree_Fahrenheit", "temperature", R),
    (
        "The heatwave pushed temperatures to 38 degrees.",
        "38 degrees",
        38,
        "degree_Celsius",
        "temperature",
        R,
    ),
    ("The road bends 90 degrees.", "90 degrees", 90, "degree", "measure", R),
    # durations
    ("He was held for 48 hours.", "48 hours", 48, "hour", "duration", R),
    ("after three weeks of talks", "three weeks", 3, "week", "duration", R),
    ("a decade of growth, then 2 decades more", "2 decades", 20, "year", "duration", R),
    # data, energy, power
    ("a 2TB drive", "2TB", 2, "terabyte", "measure", R),
    ("a 100 Mbps line", "100 Mbps", 100, "megabit / second", "measure", R),
    ("a 1.2 GW plant", "1.2 GW", 1.2, "gigawatt", "measure", R),
    ("a 300 MW farm", "300 MW", 300, "megawatt", "measure", R),
    ("a 5 MWh battery", "5 MWh", 5, "megawatt_hour", "measure", R),
    # tons and tonnes stay apart
    ("It shipped 300 tonnes.", "300 tonnes", 300, "metric_ton", "measure", R),
    ("It shipped 300 tons.", "300 tons", 300, "ton", "measure", R),
    ("It shipped 300 long tons.", "300 long tons", 300, "long_ton", "measure", R),
    # currencies
    ("a US$1.5bn loan", "US$1.5bn", 1.5e9, "USD", "money", R),
    ("It costs NT$300.", "NT$300", 300, "TWD", "money", R),
    ("a HK$2m flat", "HK$2m", 2e6, "HKD", "money", R),
    ("It costs A$100.", "A$100", 100, "AUD", "money", R),
    ("It costs C$5.", "C$5", 5, "CAD", "money", R),
    ("a €3bn package", "€3bn", 3e9, "EUR", "money", R),
    ("It costs ¥500.", "¥500", 500, "JPY", "money", R),
    ("It raised 20 million yuan.", "20 million yuan", 2e7, "CNY", "money", R),
    ("a fee of 1,000 rupees", "1,000 rupees", 1000, "INR", "money", R),
    ("It costs 5 dollars.", "5 dollars", 5, "USD", "money", R),
    ("It costs 50 cents.", "50 cents", 50, "cent", "money", R),  # as written; 0.5 USD in si
    ("Tickets cost 15€.", "15€", 15, "EUR", "money", R),
    ("a fine of EUR 200", "EUR 200", 200, "EUR", "money", R),
    # counts
    ("He won 295 votes.", "295", 295, None, "count", {"noun": "votes"}),
    ("It affects 1.2 million people.", "1.2 million", 1.2e6, None, "count", {"noun": "people"}),
    ("It won 295 Electoral College votes.", "295", 295, None, "count", {"noun": "votes"}),
    (
        "about 40,000 vehicles a day",
        "40,000 vehicles a day",
        40000,
        "1 / day",
        "measure",
        {"noun": "vehicles", "qualifier": "approx"},
    ),
    # "m": million or metres
    ("He is 1.9m tall.", "1.9m", 1.9, "meter", "measure", R),
    ("a population of 1.3m", "1.3m", 1.3e6, None, "number", R),
    ("She won the 400m hurdles.", "400m", 400, "meter", "measure", R),
    ("It sold 2.5m copies.", "2.5m", 2.5e6, None, "count", {"noun": "copies"}),
    # "in", "pound" and friends depend on context
    ("Cut a 2 in thick slab.", "2 in", 2, "inch", "measure", R),
    ("It cost 2 pounds.", "2 pounds", 2, "GBP", "money", R),
    ("It weighs 2 pounds.", "2 pounds", 2, "pound", "measure", R),
    ("She is 5ft 4in tall.", "5ft 4in", 5 + 4 / 12, "foot", "measure", R),  # one height (issue 14)
    # lists share a unit written once; a change is two quantities
    ("doses of 45 and 50 mg", "45", 45, "milligram", "measure", R),
    ("in 3 or 4 days", "3", 3, "day", "duration", R),
    ("rose from 50 to 80% of cases", "50", 50, "percent", "percent", R),
    ("rose from 5% to 10%", "10%", 10, "percent", "percent", R),  # without "rose": a range
    # pence, inches written onto the number, spaced thousands, compound scales
    ("Shares fell to 345p.", "345p", 345, "penny", "money", R),
    ("A 6ft 2in suspect fled.", "6ft 2in", 6 + 2 / 12, "foot", "measure", R),  # one height (issue 14)
    ("It was valued at 10 000 dollars.", "10 000 dollars", 10000, "USD", "money", R),
    ("GDP reached ₹295 lakh crore.", "₹295 lakh crore", 2.95e14, "INR", "money", R),
    ("Bills rise £150 a year.", "£150 a year", 150, "GBP / year", "money", R),
    # bounds that are not bounds
    ("The rate ticked up to 3.9 percent.", "3.9 percent", 3.9, "percent", "percent", R),
    ("It will spend £1bn over five years.", "five years", 5, "year", "duration", R),
    (
        "wind chills as low as minus 20 degrees",
        "minus 20 degrees",
        -20,
        "degree_Celsius",
        "temperature",
        R,
    ),
    # scientific notation
    ("a frequency of 4e14 Hz", "4e14 Hz", 4e14, "hertz", "measure", R),
    ("a factor of 2.5×10^-5", "2.5×10^-5", 2.5e-5, None, "number", R),
]


def _find(text: str, surface: str) -> Quantity:
    found = extract(text)
    for q in found:
        if q.text == surface:
            return q
    raise AssertionError(f"{surface!r} not in {[q.text for q in found]}")


@pytest.mark.parametrize(("text", "surface", "value", "unit", "kind", "extra"), CASES)
def test_extract_reads_table(
    text: str, surface: str, value: float | None, unit: str | None, kind: str, extra: dict[str, Any]
) -> None:
    q = _find(text, surface)
    if value is None:
        assert q.value is None
    else:
        assert q.value is not None and math.isclose(q.value, value, rel_tol=1e-9)
    assert q.unit == unit
    assert q.kind == kind
    assert q.qualifier == extra.get("qualifier")
    for name in ("low", "high", "noun", "step"):
        if name in extra:
            got = getattr(q, name)
            want = extra[name]
            assert got == pytest.approx(want) if isinstance(want, float | int) else got == want


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Elections are due in 2027.", "2027"),  # a year
        ("Talks open on June 5 in Paris.", "5"),  # a date
        ("Talks open on 5 June in Paris.", "5"),  # a date, day first
        ("The bus left at 6pm sharp.", "6"),  # a clock time
        ("The bus left at 6 p.m. sharp.", "6"),  # a clock time, dotted
        ("The bus left at 10:30 sharp.", "10"),  # a clock time with a colon
        ("She finished 47th overall.", "47"),  # an ordinal
        ("Call 020 7946 0958 today.", "020"),  # a phone number
        ("Call +1 212 555 0199 today.", "212"),  # an international phone number
        ("under Section 230 of the act", "230"),  # a section number
        ("a Boeing 737 jet", "737"),  # a model number
        ("Arsenal won 3-1 at home.", "3"),  # a sports score
        ("since the COVID-19 outbreak", "19"),  # a name with digits
        ("at the G7 summit", "7"),  # a name with digits
        ("open 24/7 all year", "24"),  # not a fraction
        ("after 9/11 everything changed", "9"),  # not a fraction
        ("in the 2013-14 season", "2013"),  # a season
        ("music of the 1990s", "1990"),  # a decade
        ("one of the best", "one"),  # a pronoun
        ("That one costs more.", "one"),  # "costs" is a verb here
        ("1 in 5 adults smoke", "1 in"),  # a ratio, not inches
        ("the MACS J1149.5 cluster", "1149.5"),  # a catalogue name
        ("the F-16 jets", "16"),  # a model name
        ("the 5 F-35s", "5 F"),  # not Fahrenheit
        ("shot in 3D and 4K", "3"),  # letters glued to digits
        ("a 5G mast", "5"),  # letters glued to digits
        ("The S&P 500 rose.", "500"),  # an index name
        ("It reached No. 1 in May.", "1"),  # a rank
        ("a ratio of 3:1", "3"),  # a ratio
        ("Ocean's Eleven is a film", "Eleven"),  # a title
        ("The bill passed 68-32.", "68"),  # a tally
        ("a 1080p screen", "1080p"),  # a video resolution, not pence
        ("agent 007 returns", "007"),  # a code with a leading zero
    ],
)
def test_extract_leaves_out_non_quantities(text: str, surface: str) -> None:
    measures = [q.text for q in extract(text)]
    assert not any(t == surface or t.startswith(surface + " ") for t in measures), measures


def test_extract_issue_percent_then_money_is_not_a_range() -> None:
    """Regression: "rose 50 percent to $2bn" was read as one range."""
    found = extract("Revenue rose 50 percent to $2bn last year.")
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("50 percent", 50, "percent"),
        ("$2bn", 2e9, "USD"),
    ]


def test_extract_change_then_level_is_two_quantities() -> None:
    found = extract("The jobless rate rose 1.5% to 6.2% in the quarter.")
    assert [(q.value, q.unit) for q in found] == [(1.5, "percent"), (6.2, "percent")]
    (rise,) = extract("Prices rose 5 to 10 percent.")
    assert (rise.low, rise.high, rise.unit) == (5, 10, "percent")


def test_extract_descending_ends_are_two_quantities() -> None:
    found = extract("It passed by a margin of 58% to 42%.")
    assert [q.value for q in found] == [58, 42]


def test_extract_does_not_import_spacy() -> None:
    import subprocess
    import sys

    code = "import sys, unitcheck; unitcheck.extract('It is 5 km.'); print('spacy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_extract_range_needs_compatible_units() -> None:
    found = extract("The rate went 5 km to 10 kg.")
    assert [q.text for q in found] == ["5 km", "10 kg"]


def test_extract_from_to_gives_two_quantities() -> None:
    found = extract("Prices rose from $5bn to $7bn.")
    assert [(q.value, q.unit) for q in found] == [(5e9, "USD"), (7e9, "USD")]


def test_extract_spans_match_text() -> None:
    text = (
        "More than 400 square miles, £45m, 5-10 km and minus 15C were reported on June 5; "
        "2½ miles and 1.2 million people, two and a half hours, 3tn and US$1.5bn."
    )
    found = extract(text)
    assert len(found) >= 9
    for q in found:
        assert text[q.start : q.end] == q.text
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_extract_si_values() -> None:
    (q,) = extract("a 600-mile front")
    assert q.si_unit == "meter" and q.si_value == pytest.approx(965606.4)
    (t,) = extract("Lows of -5C.")
    assert t.si_unit == "kelvin" and t.si_value == pytest.approx(268.15)
    (a,) = extract("It covers 2 sq km.")
    assert a.dimension == "[length] ** 2" and a.si_value == pytest.approx(2e6)


def test_extract_empty_and_numberless_text() -> None:
    assert extract("") == []
    assert extract("No figures here, only words.") == []


# ---- classes of news-copy errors fixed in the second pass (sentences written here) ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # small spelled-out numbers stand as counts when the context counts something
        ("Inspectors found two of the crates empty.", [("two", 2, None)]),
        ("The coalition ended up three short of a majority.", [("three", 3, None)]),
        ("Each child got two 250mg tablets.", [("two", 2, None), ("250mg", 250, "milligram")]),
        ("There were four in the van at the time.", [("four", 4, None)]),
        ("The jury heard from nine former-club members.", [("nine", 9, None)]),
        # ... but not as pronouns or idioms
        ("She is one of the few who stayed.", []),
        ("He had two in mind, he joked.", []),
        # an acronym plural is a counted noun
        ("The motion was signed by 112 MPs and peers.", [("112", 112, None)]),
    ],
)
def test_extract_small_word_numbers_and_counts(
    text: str, expected: list[tuple[str, float, str | None]]
) -> None:
    assert [(q.text, q.value, q.unit) for q in extract(text)] == expected


def test_extract_point_in_time_is_not_a_rate() -> None:
    found = extract("Shipments reached 4.1 million tonnes, against 3.8 million tonnes a year ago.")
    assert [q.text for q in found] == ["4.1 million tonnes", "3.8 million tonnes"]
    (rate,) = extract("The mill grinds 900 tonnes a day.")
    assert rate.unit == "metric_ton / day"


def test_extract_bare_count_per_time() -> None:
    (dose,) = extract("Adults should take at most 3 a day.")
    assert (dose.text, dose.unit) == ("3 a day", "1 / day")
    (visits,) = extract("The nurse calls five times a week.")
    assert (visits.text, visits.value, visits.unit) == ("five times a week", 5, "1 / week")
    (multiple,) = extract("Sales were 2.5 times the forecast.")
    assert (multiple.text, multiple.unit) == ("2.5", None)


def test_extract_points_beside_a_percentage_are_percentage_points() -> None:
    found = extract("Turnout hit 71%, up 2.5 points on the last vote.")
    assert [(q.text, q.unit) for q in found] == [
        ("71%", "percent"),
        ("2.5 points", "percentage_point"),
    ]
    found = extract("The index shed 1.1%, or 45 points, by noon.")
    assert [(q.text, q.unit) for q in found] == [("1.1%", "percent"), ("45", None)]
    (game,) = extract("The guard finished with 31 points.")
    assert game.unit is None


def test_extract_change_then_level_far_apart_is_two_quantities() -> None:
    found = extract("Membership dropped by 8,200 to 1.6 million last year.")
    assert [q.value for q in found] == [8200, 1.6e6]
    (band,) = extract("Output rose 3 to 4 million barrels.")
    assert (band.low, band.high) == (3e6, 4e6)


def test_extract_descending_negative_range() -> None:
    (q,) = extract("Lows of minus 4 to minus 9C are likely tonight.")
    assert (q.low, q.high, q.unit) == (-9, -4, "degree_Celsius")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The gauge showed 7 in of rain overnight.", "7 in", 7),
        ("Drifts of 9 in in the hills closed roads.", "9 in", 9),
        ("Expect 2 to 4 inches, and as much as 6 in locally.", "6 in", 6),
    ],
)
def test_extract_in_as_inches_from_context(text: str, surface: str, value: float) -> None:
    q = _find(text, surface)
    assert (q.value, q.unit) == (value, "inch")


def test_extract_in_stays_a_preposition() -> None:
    assert [q.text for q in extract("Results from 3 in the morning were void.")] == ["3"]
    assert [q.text for q in extract("Roughly 4 in every 10 homes use gas.")] == ["4", "10"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The treaty was signed on Sept. 14 in Oslo.", "14"),  # an abbreviated month
        ("Ministers met at 11 Downing Street.", "11"),  # an address
        ("They lined up 3-5-2 for the game.", "3"),  # a formation
        ("He is the 22nd to resign.", "22"),  # an ordinal
        ("The suspect left by exit 12 of the ring road.", "12"),  # a junction
        ("She came back in Game 6.", "6"),  # a named game
    ],
)
def test_extract_leaves_out_more_non_quantities(text: str, surface: str) -> None:
    assert surface not in [q.text for q in extract(text)]


def test_extract_stone_is_not_an_ordinal_and_decimal_pm_is_not_a_time() -> None:
    (weight,) = extract("He weighed 15st before the fight.")
    assert (weight.value, weight.unit) == (15, "stone")
    (size,) = extract("The spacing is 3.5 pm.")
    assert (size.value, size.unit) == (3.5, "picometer")


def test_extract_plus_minus_is_a_range_about_the_value() -> None:
    (q,) = extract("The beam measured 4.2 ± 0.1 m after cooling.")
    assert (q.text, q.unit) == ("4.2 ± 0.1 m", "meter")
    assert (q.low, q.high) == (pytest.approx(4.1), pytest.approx(4.3))
    (r,) = extract("Readings were 12 +/- 2 km off.")
    assert (r.low, r.high, r.unit_text) == (10, 14, "km")


def test_extract_megapixels_and_charity_pounds() -> None:
    (q,) = extract("It has a 48-megapixel lens.")
    assert (q.value, q.unit) == (48, "megapixel")
    (m,) = extract("The charity appeal raised 3 million pounds by Friday.")
    assert m.unit == "GBP"


def _read(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.value, q.unit) for q in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The flat was listed at R1,250,000 last week.", ("R1,250,000", 1_250_000, "ZAR")),
        ("A loaf now costs R21.50 in Soweto.", ("R21.50", 21.5, "ZAR")),
        ("The chipmaker booked 3.1 trillion won in profit.", ("3.1 trillion won", 3.1e12, "KRW")),
        ("Tickets are 450 kronor each.", ("450 kronor", 450, "SEK")),
        ("A Danish coffee costs 45 kroner.", ("45 kroner", 45, "DKK")),
        ("Swedish fines reach 9,000 crowns.", ("9,000 crowns", 9000, "SEK")),
        ("Nairobi fares rose to 150 shillings.", ("150 shillings", 150, "KES")),
        ("The grant is 8,000 Ugandan shillings.", ("8,000 Ugandan shillings", 8000, "UGX")),
        ("Rent rose to 3,200 zlotys.", ("3,200 zlotys", 3200, "PLN")),
        ("He sold 0.25 bitcoin and later 3 BTC.", ("0.25 bitcoin", 0.25, "BTC")),
        ("The loan is 1,200 Singapore dollars.", ("1,200 Singapore dollars", 1200, "SGD")),
    ],
)
def test_extract_reads_more_currencies(text: str, expected: tuple[str, float, str]) -> None:
    assert _read(text)[0] == expected


def test_extract_r_and_won_and_crowns_are_not_always_money() -> None:
    assert _read("The R2-D2 toy and the R101 airship were on show.") == []
    assert [q.unit for q in extract("Of the rebels, 12 won their seats.")] != ["KRW"]
    assert all(q.unit != "SEK" for q in extract("The jeweller set 4 crowns in gold."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Copper reached $4.10 a pound on Friday.", ("$4.10 a pound", 4.1, "USD / pound")),
        ("Silver traded at $31 an ounce on Tuesday.", ("$31 an ounce", 31, "USD / troy_ounce")),
        ("Wheat closed at $5.87 a bushel.", ("$5.87 a bushel", 5.87, "USD / bushel")),
        ("Fees climb 3.5% a year.", ("3.5% a year", 3.5, "percent / year")),
        ("The scheme costs £4.1bn-a-year.", ("£4.1bn-a-year", pytest.approx(4.1e9), "GBP / year")),
        ("Guards earn 60,000 naira a month.", ("60,000 naira a month", 60000, "NGN / month")),
        ("Cleaners get £12.10 an hour from May.", ("£12.10 an hour", 12.1, "GBP / hour")),
    ],
)
def test_extract_prices_and_percentages_per_unit(
    text: str, expected: tuple[str, float, str]
) -> None:
    assert _read(text) == [expected]


def test_extract_a_price_for_a_dozen_is_plain_money() -> None:
    assert _read("Free-range ones sell at $5.20 a dozen.") == [("$5.20 a dozen", 5.2, "USD")]
    assert [q.text for q in extract("Growth was 4% a year earlier.")] == ["4%"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A third of the orchards failed.", ("A third", 1 / 3, None)),
        ("Nearly a quarter of pupils walk.", ("a quarter", 0.25, None)),
        ("Output shrank by a fifth.", ("a fifth", 0.2, None)),
        (
            "The bank trimmed rates by a quarter of a percentage point.",
            ("a quarter of a percentage point", 0.25, "percentage_point"),
        ),
        ("Imports grew four times faster.", ("four", 4, None)),
        ("They bought a two-bedroom cottage.", ("two", 2, None)),
        ("The lender made a half-point cut as inflation hit 4%.", ("half-point", 0.5, None)),
    ],
)
def test_extract_fractions_and_number_words(
    text: str, expected: tuple[str, float, str | None]
) -> None:
    text_, value, unit = expected
    q = extract(text)[0]
    assert q.text == text_ and q.value == pytest.approx(value)
    if unit is not None:
        assert q.unit == unit


def test_extract_a_third_term_and_a_quarter_final_are_not_fractions() -> None:
    assert _read("She won a third term after a quarter-final exit.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The talks run October 7-8 in Vienna.",
        "Polls open 2 to 19 May.",
        "The fair takes place 11-12 June.",
        "For help, dial 0345-712-809 today.",
        "Callers were told to try NHS 111.",
        "Engineers restarted Reactor 2 on Friday.",
        "The Six Nations title went to Ireland.",
        "She was named in the 30 Under 30 list.",
        "Staff from Group 4 arrived.",
        "The cafe at 42 Willow Grove has closed.",
        "The visitors closed on 318 for 7 at stumps in the Test.",
        "He carded a 67 and sits 11 under par.",
        "She shot a 66 to finish 8 under.",
    ],
)
def test_extract_leaves_out_dates_names_addresses_and_scores(text: str) -> None:
    assert _read(text) == []


def test_extract_bare_degrees_in_american_weather_are_fahrenheit() -> None:
    (q,) = extract("Lows of minus 18 degrees are expected, the National Weather Service said.")
    assert q.unit == "degree_Fahrenheit"
    (m,) = extract("Parts of Montana woke to 5 degrees and a hard frost.")
    assert m.unit == "degree_Fahrenheit"
    (d,) = extract("The desert temperature touched 124 degrees.")
    assert d.unit == "degree_Fahrenheit"
    (c,) = extract("Madrid's temperature hit 39 degrees.")
    assert c.unit == "degree_Celsius"
    (oven,) = extract("Roast it in a hot oven at 200 degrees.")
    assert oven.unit == "degree_Celsius"


def test_extract_more_phrasings_of_the_same_classes() -> None:
    assert _read("For help, dial 0345-712-809, the council said.") == []
    assert _read("A closing 66 with a late birdie left her 6-under.") == []
    (third,) = extract("Rents have slipped by a third since 2021.")
    assert third.text == "a third" and third.value == pytest.approx(1 / 3)
    assert _read("It went to a third party.") == []
    (rate,) = extract("Doctors advise 30 minutes of light stretching a day.")
    assert (rate.text, rate.unit) == ("30 minutes of light stretching a day", "minute / day")
    assert [q.text for q in extract("He slept 6 hours of the night a week ago.")] == ["6 hours"]


def test_half_year_results_name_a_period_not_an_amount() -> None:
    from unitcheck import extract

    assert [q.text for q in extract("The insurer's half-year results beat forecasts.")] == []
    assert [q.text for q in extract("The walk is a half-mile loop.")] == ["half-mile"]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The tanker spilled 300 US gallons.", "gallon"),
        ("A 40 UK gallons drum.", "imperial_gallon"),
    ],
)
def test_named_gallons(text: str, unit: str) -> None:
    from unitcheck import extract

    (q,) = extract(text)
    assert (q.value, q.unit) == (int(q.text.split()[0]) * 1.0, unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lahore traders said the levy raised Rs 12 billion.", ("Rs 12 billion", 12e9, "PKR")),
        ("Kathmandu set aside 800 million rupees for roads.", ("800 million rupees", 8e8, "NPR")),
        ("A bridge near Colombo cost Rs 4.5 billion.", ("Rs 4.5 billion", 4.5e9, "LKR")),
        ("Mumbai's budget rose to Rs 900 crore.", ("Rs 900 crore", 9e9, "INR")),
        ("The plan needs PKR 2.4 trillion by June.", ("PKR 2.4 trillion", 2.4e12, "PKR")),
        ("The miner pays US42.5 cents a share.", ("42.5 cents", 42.5, "cent")),
        ("Its shares ended at 88.2 US cents.", ("88.2 US cents", 88.2, "cent")),
    ],
)
def test_extract_rupees_by_country_and_us_cents(
    text: str, expected: tuple[str, float, str]
) -> None:
    (q,) = extract(text)
    assert (q.text, q.value, q.unit) == (expected[0], pytest.approx(expected[1]), expected[2])


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("His fasting glucose was 142 mg/dL on Monday.", "142 mg/dL", "milligram / deciliter"),
        ("Her reading fell to 6.1 mmol/L.", "6.1 mmol/L", "millimole / liter"),
        ("An HbA1c of 53 mmol/mol is high.", "53 mmol/mol", "millimole / mole"),
        ("Levels of 75 nmol/L are adequate.", "75 nmol/L", "nanomole / liter"),
        ("Smog hit 240 µg/m3 downtown.", "240 µg/m3", "microgram / meter ** 3"),
    ],
)
def test_extract_concentrations(text: str, surface: str, unit: str) -> None:
    (q,) = extract(text)
    assert (q.text, q.unit) == (surface, unit)


def test_extract_rates_per_annum_of_gas_a_day_and_per_acre() -> None:
    (a,) = extract("The smelter makes 300,000 tonnes per annum.")
    assert (a.text, a.unit) == ("300,000 tonnes per annum", "metric_ton / year")
    (b,) = extract("The terminal can ship 7.5 mtpa of fuel.")
    assert (b.value, b.unit) == (pytest.approx(7.5e6), "metric_ton / year")
    (c,) = extract("The basin yields 3.4 billion cubic feet of natural gas a day.")
    assert c.unit == "foot ** 3 / day"
    (d,) = extract("Growers reported 50 to 60 bushels an acre.")
    assert (d.text, d.unit) == ("50 to 60 bushels an acre", "bushel / acre")


def test_extract_rain_in_under_an_hour_is_not_a_rate() -> None:
    assert _read("The storm dumped 40 millimetres of rain in under an hour.") == [
        ("40 millimetres", 40, "millimeter")
    ]


def test_extract_hyphenated_area_volume_and_a_half_unit() -> None:
    assert _read("Crews filled a 90,000-cubic-metre reservoir.") == [
        ("90,000-cubic-metre", 90000, "meter ** 3")
    ]
    assert _read("The camp sits a half mile inland.") == [("a half mile", 0.5, "mile")]
    assert _read("It was a half measure.") == []


def test_extract_race_k_and_below_zero() -> None:
    assert _read("She won the charity 10k run in 41 minutes.")[0] == ("10k", 10, "kilometer")
    assert _read("The startup signed up 10k users.") == [("10k", 10000, None)]
    (cold,) = extract("Forecasters in Ohio warned of 15 below zero on Sunday.")
    assert (cold.value, cold.unit) == (-15, "degree_Fahrenheit")
    (snap,) = extract("The frost drove temperatures to 22 below overnight in Finland.")
    assert (snap.value, snap.unit) == (-22, "degree_Celsius")
    assert [q.value for q in extract("Turnout was 4 below the average.")] == [4]


@pytest.mark.parametrize(
    "text",
    [
        "Police closed the road at mile marker 88 on County Road 9.",
        "Drivers should use exits 21 and 23 instead.",
        "The plane turned off Runway 09R before noon.",
        "A neighbour made a 911 call; others were told to call 911.",
        "The laptop ships with Wi-Fi 7 support.",
        "Module 4 docks at Gate 12.",
        "Engineers closed ticket #5832 overnight.",
        "Ring 1-800-555-0143 or use the 1-800 number.",
        "Chasing a target of 263, the openers fell cheaply in the cricket.",
        "The spinner returned bowling figures of 8 for 97.",
        "She sits two shots off the lead after the second round.",
        "He finished three strokes behind the leader on the final hole.",
        "The catcher went 3-for-5 with a homer.",
        "England lost the one-day international by six wickets.",
    ],
)
def test_extract_leaves_out_identifiers_and_sport_lines(text: str) -> None:
    assert [q.text for q in extract(text) if q.text not in ("six",)] == []


def test_extract_grain_quotes_in_eighths() -> None:
    # Chicago pit quotes: the fraction after the hyphen is of the last digit written
    assert _read("Wheat climbed 5-3/4 cents to close at $7.48-1/4 a bushel.") == [
        ("5-3/4 cents", pytest.approx(5.75), "cent"),
        ("$7.48-1/4 a bushel", pytest.approx(7.4825), "USD / bushel"),
    ]
    assert [q.value for q in extract("Oats ended at $4.02-1/2 on Friday.")] == [
        pytest.approx(4.025)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The insurer put aside 3.1 billion pounds for flood claims.", "GBP"),
        ("The buyout is worth $5.2 billion (4.1 billion pounds) in all.", "GBP"),
        ("The booster makes 1.9 million pounds of thrust at launch.", "pound"),
        ("Each barge weighing 2.4 million pounds was towed.", "pound"),
        ("The walnut harvest came in at 1.4 billion pounds.", "pound"),
    ],
)
def test_extract_big_pounds_are_sterling_unless_mass_is_named(text: str, expected: str) -> None:
    assert extract(text)[-1].unit == expected


def test_extract_margins_of_error_are_positive_points() -> None:
    assert _read("The figure has a margin of plus or minus 4%.") == [
        ("plus or minus 4%", 4, "percent")
    ]
    assert _read("It is accurate to plus or minus 2.5 percentage points.") == [
        ("plus or minus 2.5 percentage points", 2.5, "percentage_point")
    ]
    assert _read("The sample is good to +/- 4 points.") == [("4 points", 4, "percentage_point")]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The governor trails by 9 points in a statewide poll.", "9 points"),
        ("Among likely voters she is ahead by 6 points.", "6 points"),
        ("A new survey gives the mayor a 12-point lead.", "12-point"),
        ("Lenders expect a quarter-point cut next month.", "quarter-point"),
    ],
)
def test_extract_poll_margins_are_percentage_points(text: str, surface: str) -> None:
    (q,) = extract(text)
    assert (q.text, q.unit) == (surface, "percentage_point")


def test_extract_a_ten_point_plan_is_not_a_margin() -> None:
    assert [q.unit for q in extract("The poll backed his 10-point plan.")] == [None]


def test_extract_foreign_cents() -> None:
    # cents as written (value, unit), the amount in its currency (si_value, si_unit)
    def read(text: str) -> list[tuple[str, float | None, str | None, float | None, str | None]]:
        return [(q.text, q.value, q.unit, q.si_value, q.si_unit) for q in extract(text)]

    assert read("The miner slipped 8.5 Australian cents.") == [
        ("8.5 Australian cents", 8.5, "cent", pytest.approx(0.085), "AUD")
    ]
    assert read("The dairy stock added 4 NZ cents.") == [
        ("4 NZ cents", 4, "cent", pytest.approx(0.04), "NZD")
    ]
    assert read("A text abroad costs 19 euro cents.") == [
        ("19 euro cents", 19, "cent", pytest.approx(0.19), "EUR")
    ]


def test_extract_hyphenated_several_word_units() -> None:
    assert _read("The yacht began a 2,700-nautical-mile crossing.") == [
        ("2,700-nautical-mile", 2700, "nautical_mile")
    ]
    assert _read("It has a 45-miles-per-hour limit.") == [("45-miles-per-hour", 45, "mile / hour")]


def test_extract_count_and_money_rates_and_pcm() -> None:
    assert _read("The bridge sees 310 lorries a day.") == [("310 lorries a day", 310, "1 / day")]
    assert _read("The studio lets for £875pcm.") == [("£875pcm", 875, "GBP / month")]
    assert _read("The studio lets for £875 pcm.") == [("£875 pcm", 875, "GBP / month")]
    assert _read("Parking is £60 per calendar month.") == [
        ("£60 per calendar month", 60, "GBP / month")
    ]
    assert _read("Cover costs $89 a year.") == [("$89 a year", 89, "USD / year")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The carrier took delivery of 17 737s this spring.", [17]),
        ("Qantas will fly three 787 Dreamliners to Perth.", [3]),
        ("Boeing said the 777 programme is on track.", []),
        ("The airline flies the 737 MAX 8 and the A321neo.", []),
        ("Airbus delivered an A350-900 on Monday.", []),
    ],
)
def test_extract_aircraft_models_are_not_quantities(text: str, expected: list[float]) -> None:
    assert [q.value for q in extract(text)] == expected


def test_extract_one_and_word_counts_and_heights() -> None:
    assert _read("Rate setters made one quarter-point cut.") == [
        ("one", 1, None),
        ("quarter-point", 0.25, "percentage_point"),
    ]
    assert _read("The bill fell one short of passing.") == [("one", 1, None)]
    assert _read("The side has now lost four straight.") == [("four", 4, None)]
    assert _read("A father-of-two from Leeds was named.") == [("two", 2, None)]
    assert _read("Buy one of these.") == []
    assert _read("The forward is 6-foot-8 and quick.") == [
        ("6-foot", 6, "foot"),
        ("8", 8, "inch"),
    ]
    assert _read("The centre stands 6ft 5in.") == [("6ft 5in", 6 + 5 / 12, "foot")]  # one height
    assert _read("The F-35 landed.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The STOXX 600 slipped while the Nikkei 225 and Russell 2000 rose.",
        "Tier 1 capital ratios improved.",
        "The justices issued a 6-3 ruling with a 5-4 majority on another case.",
        "The launch window opens at 0415 GMT.",
        "Pupils in Year 5 and Years 8 to 10 are off.",
        "Catch the 29 bus or the number 52 bus, or the 52A.",
        "Delays are building between junctions 9 and 11.",
        "She moved into Flat 7 last year.",
        "Worried parents should call 111 or dial 999.",
        "Ring the office on 01632 960123 today.",
        "The shop is at Bunbury WA 6230.",
    ],
)
def test_extract_leaves_out_names_labels_and_service_numbers(text: str) -> None:
    assert [q.text for q in extract(text)] == []


def test_extract_us_cold_and_weather_degrees() -> None:
    (cold,) = extract("Parts of Milwaukee saw 18 below zero by dawn.")
    assert (cold.value, cold.unit) == (-18, "degree_Fahrenheit")
    (hot,) = extract(
        "The mercury touched 112 degrees on the valley floor on Friday, making it one "
        "of the hottest days this decade, a forecaster at the Weather Service said."
    )
    assert hot.unit == "degree_Fahrenheit"
    assert [q.unit for q in extract("The yacht swung 45 degrees to starboard.")] == ["degree"]


def test_extract_a_5k_course_is_kilometres() -> None:
    assert _read("Volunteers marked out a 5k course in the park.") == [("5k", 5, "kilometer")]
    assert _read("The firm handed out 5k bonuses.") == [("5k", 5000, None)]


@pytest.mark.parametrize("text", ["He is 6-foot-3", "e 6-foot-3", "The guard is 6 feet 2"])
def test_height_at_the_end_of_the_text_never_raises(text: str) -> None:
    # found by the 1,000,000-input fuzz run: a unit looked for past the last token
    for q in extract(text):
        assert text[q.start : q.end] == q.text
    lint(text)
    compare(text, text)

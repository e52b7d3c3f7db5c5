"""Money as written (issue 14): subunits, and how compare and lint judge them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from unitcheck import compare, extract, lint
from unitcheck.cli import main
from unitcheck.data import __name__ as _data_package
from unitcheck.extract.lexicon import lexicon
from unitcheck.extract.surfaces import subunit_surfaces
from unitcheck.units.conversion import (
    Agreement,
    agreement,
    comparable,
    describe_value,
    in_currency,
    same_unit,
)
from unitcheck.units.subunits import subunit_table


def _one(text: str) -> tuple[str, float | None, str | None, float | None, str | None]:
    (q,) = extract(text)
    return (q.text, q.value, q.unit, q.si_value, q.si_unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # value and unit as written, the amount in its currency in si_value / si_unit
        ("The shares fell 27 cents.", ("27 cents", 27.0, "cent", 0.27, "USD")),
        ("Its stock closed at 238p.", ("238p", 238.0, "penny", 2.38, "GBP")),
        ("A cup was 90 pence.", ("90 pence", 90.0, "penny", 0.9, "GBP")),
        ("The bus fare went up 12 sen.", ("12 sen", 12.0, "sen", 0.12, "MYR")),
        ("The rupee lost 50 paise.", ("50 paise", 50.0, "paisa", 0.5, "INR")),
        ("He found 3 dimes.", ("3 dimes", 3.0, "dime", 0.3, "USD")),
        ("It added 2 euro cents.", ("2 euro cents", 2.0, "cent", 0.02, "EUR")),
    ],
)
def test_money_subunit_as_written(text: str, expected: tuple[object, ...]) -> None:
    assert _one(text) == expected


def test_money_subunit_json_keeps_the_figure_as_written() -> None:
    result = CliRunner().invoke(main, ["extract", "--format", "json", "-"], input="Up 27 cents.")
    data = json.loads(result.output)
    assert data["schema_version"] == 3
    (q,) = data["files"][0]["quantities"]
    assert (q["value"], q["unit"], q["si_value"], q["si_unit"], q["kind"]) == (
        27.0,
        "cent",
        0.27,
        "USD",
        "money",
    )


def test_money_subunit_case_flag_keeps_a_senator_out() -> None:
    assert [q.unit for q in extract("At least 12 Sen. aides quit.")] == [None]


def test_money_in_currency_restates_a_subunit() -> None:
    q = in_currency(extract("It rose 53 cents.")[0])
    assert (q.value, q.unit, q.step) == (0.53, "USD", 0.01)
    dollars = extract("It rose $4.")[0]
    assert in_currency(dollars) is dollars


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("50 cents", "$0.50", Agreement.SAME),  # one amount, two ways
        ("$1.20", "120 cents", Agreement.SAME),
        ("345p", "£3.45", Agreement.SAME),
        ("50 cents", "$5", Agreement.DIFFERENT),  # a changed amount
        ("50 cents", "60 cents", Agreement.DIFFERENT),
        ("50 cents", "50 pence", Agreement.INCOMPARABLE),  # another currency
        ("50 cents", "50 euro cents", Agreement.INCOMPARABLE),
        ("50 cents", "50 km", Agreement.INCOMPARABLE),
    ],
)
def test_money_agreement_goes_by_the_currency(a: str, b: str, expected: Agreement) -> None:
    (qa,), (qb,) = extract(a), extract(b)
    assert agreement(qa, qb) is expected
    assert agreement(qb, qa) is expected


def test_money_same_unit_counts_a_subunit_as_its_currency() -> None:
    cents, dollars, pence = (extract(t)[0] for t in ("50 cents", "$5", "50 pence"))
    assert same_unit(cents, dollars) and comparable(cents, dollars)
    assert not same_unit(cents, pence) and not comparable(cents, pence)


def test_money_compare_same_amount_in_a_subunit_is_silent() -> None:
    assert compare("The fee rose 50 cents.", "The fee rose $0.50.").findings == ()


def test_money_compare_subunit_to_another_currency_is_a_currency_change() -> None:
    (f,) = compare("The fee rose 50 cents.", "The fee rose 50 pence.").findings
    assert f.code == "UC205"


def test_money_compare_subunit_figure_changed() -> None:
    (f,) = compare("The fee rose 50 cents.", "The fee rose 60 cents.").findings
    assert f.code == "UC102" and "50 cents \u2192 60 cents" in f.message


def test_money_compare_cents_to_dollars_is_not_a_currency_change() -> None:
    findings = compare("The fee rose 50 cents.", "The fee rose $50.").findings
    assert findings and all(f.code != "UC205" for f in findings)
    assert "100 times larger" in findings[0].message


def test_money_lint_leaves_a_restated_subunit_alone() -> None:
    assert lint("The fare rose 50 cents ($0.50) on Monday.") == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [("1 penny", "1 penny"), ("27 cents", "27 cents"), ("470 pence", "470 pence")],
)
def test_money_describe_value_names_the_subunit(text: str, shown: str) -> None:
    assert describe_value(extract(text)[0]) == shown


def test_money_subunit_table_agrees_with_the_currency_table() -> None:
    # every subunit surface is a "cent" row of currencies_en.tsv, and every cent row is one
    lex = lexicon()
    table = subunit_surfaces()
    assert set(table.by_surface) == set(lex.currency_factors)
    assert _data_package == "unitcheck.data"


def test_money_headline_scale_only_after_a_currency() -> None:
    # "mil" after a bare number is a thousandth of an inch, never a million
    assert all(q.value != 4e6 for q in extract("The film is 4 mil thick."))
    assert [q.value for q in extract("It raised US$4 mil.")] == [4e6]


@pytest.mark.parametrize(
    "text",
    [
        "Revenue ($5bn) grew.",  # an aside after a noun
        "It made $7m ($9m in 2023).",  # more than the amount in the brackets
        "Sales rose to €4bn ($4.4bn).",  # a restatement
    ],
)
def test_money_brackets_that_are_not_negatives(text: str) -> None:
    assert all(q.value is None or q.value > 0 for q in extract(text))


def test_money_table_loads_with_codes_that_exist() -> None:
    from unitcheck.extract.money import money_words

    words = money_words()
    assert {"usd", "eur", "gbp"} <= words.lower_codes
    assert "cad" not in words.lower_codes and "rub" not in words.lower_codes
    assert "was" in words.negative_after
    assert words.folded_signs[("Y", "=")] == "JPY"


_SIGNS = ["$", "US$", "c $", "nzd$", "PS", "Y=", "RM", "(", "usd ", "MUSD ", ""]
_FIGURES = ["5", "12.40", "1,200", "3", "forty-five", "a", "50", "0", "99.99"]
_AFTER = [
    " cents", " pence", "p", " sen", " dollars", " dollars 50 cents", " USD 25", " mil",
    "-M", "-cent", " billion-pound", ")", " and 15", " MEUR", "", " dimes", " rmb",
]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_SIGNS), st.sampled_from(_FIGURES), st.sampled_from(_AFTER)),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from([" ", ". ", ", and ", " was ", " to "]),
)
def test_money_styles_never_crash_and_keep_spans(
    parts: list[tuple[str, str, str]], glue: str
) -> None:
    text = "It was " + glue.join("".join(p) for p in parts) + "."
    for q in extract(text):
        assert text[q.start : q.end] == q.text
        subunit = subunit_table().by_unit.get(q.unit or "")
        if subunit is not None and q.value is not None:
            # as written in value/unit, the amount in its currency in si_value
            assert q.si_value == pytest.approx(q.value * subunit.factor)
            assert q.si_unit is not None and len(q.si_unit) == 3


@pytest.mark.parametrize(
    ("module", "loader", "cells", "reason"),
    [
        ("unitcheck.units.subunits", "subunit_table", ["cent", "cents", "2", "cent", "-"], "share"),
        ("unitcheck.units.subunits", "subunit_table", ["cent", "cents", "0.01", "cent", "x"], "flags"),
        ("unitcheck.extract.money", "money_words", ["code-scale", "M", "lots"], "factor"),
        ("unitcheck.extract.money", "money_words", ["lower-code", "abc", "="], "currency code"),
        ("unitcheck.extract.money", "money_words", ["folded-sign", "PS", "XYZ"], "currency code"),
        ("unitcheck.extract.money", "money_words", ["sign-ish", "PS", "GBP"], "unknown category"),
    ],
)
def test_money_tables_name_the_bad_line(
    monkeypatch: pytest.MonkeyPatch, module: str, loader: str, cells: list[str], reason: str
) -> None:
    import importlib

    from unitcheck.errors import TableError

    mod = importlib.import_module(module)
    monkeypatch.setattr(mod, "rows", lambda name, columns: iter([(7, cells)]))
    load = getattr(mod, loader)
    load.cache_clear()
    try:
        with pytest.raises(TableError) as caught:
            load()
        assert str(caught.value).endswith(f":7: {caught.value.reason}")
        assert reason in caught.value.reason
    finally:
        monkeypatch.undo()
        load.cache_clear()


def test_money_openers_are_the_words_an_amount_opens_with() -> None:
    # the driver asks one set per token; the sets hold what the money rules read
    from unitcheck.extract.money import money_openers

    texts, lows = money_openers(lexicon())
    assert {"US", "USD", "usd", "MUSD", "MAUD", "PS", "rupees", "HK"} <= texts
    assert {"Musd", "M", "the", "KUSD"}.isdisjoint(texts)  # no code with that scale
    assert "hk" in lows and "HK" not in lows
    assert money_openers(lexicon()) is money_openers(lexicon())  # built once
    for text, surface in [
        ("It fetched MUSD 3 at auction.", "MUSD 3"),
        ("Tickets were rupees 2,500 each.", "rupees 2,500"),
        ("A hk $ 40 fare.", "hk $ 40"),
    ]:
        assert [q.text for q in extract(text)] == [surface], text

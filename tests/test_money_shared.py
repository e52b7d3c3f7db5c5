"""Currency words several countries share, settled by the country names of data/money_en.tsv."""

from __future__ import annotations

import pytest

from unitcheck import extract
from unitcheck.errors import TableError
from unitcheck.extract import money


def test_money_shared_words_are_read_from_the_table() -> None:
    shared = money.money_words().shared_words
    assert [code for _, code in shared["kroner"]] == ["SEK", "DKK", "NOK", "CZK"]
    assert shared["crowns"] is shared["krone"]
    assert ("sri lanka", "colombo") in [stems for stems, _ in shared["rupees"]]
    assert "dollars" not in shared


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The Oslo ferry ticket is 90 kroner.", "NOK"),
        ("In Prague the museum charges 250 crowns.", "CZK"),
        ("A Tanzanian bus fare of 2,000 shillings went up.", "TZS"),  # a start of "Tanzanian"
        ("The bus fare of 2,000 shillings went up.", None),  # no country: no currency
        ("The Dar es Salaam fare of 2,000 shillings went up.", "TZS"),
        ("Colombo traders paid 300 rupees for the lot.", "LKR"),
    ],
)
def test_money_shared_word_settled_by_a_country_name(text: str, unit: str | None) -> None:
    found = [q for q in extract(text) if q.kind == "money"]
    assert [q.unit for q in found] == ([unit] if unit else [])


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ([["country-name", "oslo", "XYZ"]], "no new currency code"),
        ([["country-name", "oslo", "NOK"], ["country-name", "bergen", "NOK"]], "no new currency"),
        ([["shared-word", "kroner", "NOK|SEK"], ["country-name", "oslo", "NOK"]], "country-name"),
    ],
)
def test_money_shared_rows_name_the_bad_line(
    monkeypatch: pytest.MonkeyPatch, cells: list[list[str]], reason: str
) -> None:
    monkeypatch.setattr(money, "rows", lambda name, columns: iter(enumerate(cells, 7)))
    money.money_words.cache_clear()
    try:
        with pytest.raises(TableError, match=reason) as caught:
            money.money_words()
        assert "money_en.tsv:" in str(caught.value)
    finally:
        monkeypatch.undo()
        money.money_words.cache_clear()

"""The number grammar: digits, fractions, powers of ten and English number words."""

from __future__ import annotations

import pytest

from unitcheck import extract
from unitcheck.extract.numbers import digits_value, parse_digits, parse_words
from unitcheck.text.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("965", 965, 1),  # plain integer
        ("400", 400, 100),  # trailing zeros are rounding
        ("1,600", 1600, 100),  # thousands separator
        ("1,234,567", 1234567, 1),  # several separators
        ("2.50", 2.5, 0.01),  # a written trailing zero is significant
        ("12,500.5", 12500.5, 0.1),  # separator and decimals
        ("12\u00a0000", 12000, 1000),  # no-break space as separator
        ("0", 0, 1),  # zero
        (".5", 0.5, 0.1),  # leading decimal point
        ("4e14", 4e14, 1e14),  # scientific notation
        ("1.5e-3", 1.5e-3, 1e-4),  # negative exponent
    ],
)
def test_numbers_digits_value(text: str, value: float, step: float) -> None:
    got_value, got_step = digits_value(text)
    assert got_value == pytest.approx(value)
    assert got_step == pytest.approx(step)


@pytest.mark.parametrize(
    ("text", "value", "step", "consumed"),
    [
        ("2½ miles", 2.5, 0.5, 2),  # unicode fraction glued on
        ("½ cup", 0.5, 0.5, 1),  # unicode fraction alone
        ("2 1/2 in", 2.5, 0.5, 4),  # mixed number
        ("3/4 cup", 0.75, 0.25, 3),  # slash fraction: step is one over the denominator
        ("1/40 of", 0.025, 0.025, 3),  # unit fraction with a large denominator
        ("5/8 inch", 0.625, 0.125, 3),  # eighths
        ("9/11 was", 9, 1, 1),  # not a fraction: only the first number
        ("24/7 service", 24, 1, 1),  # improper: not a fraction
        ("2.48×10−5 m", 2.48e-5, 1e-7, 5),  # power of ten with a unicode minus
        ("3 x 10^6 cells", 3e6, 1e6, 5),  # power of ten with a caret
        ("5 x 10 metres", 5, 1, 1),  # dimensions, not a power
        ("8x2^10 bits", 8192, 1024, 5),  # a power of two, written with its caret
        ("5 x 2 metres", 5, 1, 1),  # without a caret, a size
        ("3x2^9999 bits", float("inf"), float("inf"), 5),  # past the float range
        ("1,500,000 km", 1.5e6, 1e5, 1),  # a plain big number
    ],
)
def test_numbers_parse_digits(text: str, value: float, step: float, consumed: int) -> None:
    number = parse_digits(tokenize(text), 0)
    assert number is not None and not number.words
    assert number.value == pytest.approx(value)
    assert number.step == pytest.approx(step)
    assert number.end == consumed


@pytest.mark.parametrize(
    ("text", "value", "step", "consumed"),
    [
        ("three people", 3, 1, 1),  # small number
        ("twenty-five miles", 25, 1, 3),  # hyphenated tens
        ("twenty five miles", 25, 1, 2),  # spaced tens
        ("two and a half hours", 2.5, 0.5, 4),  # and a half
        ("two-and-a-half years", 2.5, 0.5, 7),  # hyphenated
        ("one and three quarters miles", 1.75, 0.75, 4),  # and three quarters
        ("a dozen eggs", 12, 1, 2),  # a dozen
        ("half a dozen eggs", 6, 1, 3),  # half a dozen
        ("half a mile", 0.5, 0.5, 2),  # half a, before a unit
        ("one hundred and twenty", 120, 1, 4),  # British "and"
        ("a hundred and two", 102, 1, 4),  # "a" as one
        ("three million people", 3e6, 1e6, 2),  # scale word
        ("two thousand five hundred", 2500, 1, 4),  # several groups
        ("two thirds of", 2 / 3, 1 / 3, 2),  # fraction word
        ("one-half mile", 0.5, 0.5, 3),  # hyphenated fraction
        ("three quarters of", 0.75, 0.25, 2),  # plural fraction
        ("two hundred & forty", 240, 1, 4),  # an ampersand for "and"
        ("three million, two hundred thousand", 3.2e6, 1e3, 6),  # a group after a comma
        ("four thousand, six hundred and one", 4601, 1, 7),  # down to the units
        ("three million, two were", 3e6, 1e6, 2),  # a small word after the comma: a list
    ],
)
def test_numbers_parse_words(text: str, value: float, step: float, consumed: int) -> None:
    number = parse_words(tokenize(text), 0)
    assert number is not None and number.words
    assert number.value == pytest.approx(value)
    assert number.step == pytest.approx(step)
    assert number.end == consumed


@pytest.mark.parametrize(
    "text",
    [
        "a man",  # the article alone
        "half the time",  # "half" without "a"
        "and then",  # not a number
    ],
)
def test_numbers_parse_words_rejects(text: str) -> None:
    assert parse_words(tokenize(text), 0) is None


@pytest.mark.parametrize(
    ("text", "consumed"),
    [
        ("one thirds", 1),  # singular count with a plural fraction: only "one"
        ("three quarter-finals", 1),  # a compound, not three quarters
        ("twenty-", 1),  # a dangling hyphen is not part of the number
    ],
)
def test_numbers_parse_words_stops_early(text: str, consumed: int) -> None:
    number = parse_words(tokenize(text), 0)
    assert number is not None
    assert number.end == consumed


def test_numbers_lexer_keeps_spans() -> None:
    text = "US$1.5bn, 965km and 400m²"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
    kinds = [(t.kind, t.text) for t in tokenize("965km")]
    assert kinds == [("num", "965"), ("word", "km")]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("7 . 4 %", "7 . 4"),  # a wire feed's spaced point between digits
        ("62 , 000 fans", "62 , 000"),  # a spaced comma before exactly three digits
        ("1 , 450 , 000 voters", "1 , 450 , 000"),  # several spaced groups
        ("45,60,000 rupees", "45,60,000"),  # Indian lakh grouping
        ("8,75,432.50 rupees", "8,75,432.50"),  # Indian grouping with decimals
        ("3. 4 more", "3"),  # the point written onto the figure ends a sentence
        ("2 . 1 . 4 rules", "2"),  # a dotted list stays apart
        ("2008 . 5 workers", "2008"),  # a year ending a sentence
        ("14 , 9 and 2", "14"),  # a list of small figures
        ("12 , 1994 in", "12"),  # a date's day and year
        ("1,234,567", "1,234,567"),  # Western grouping is unchanged
    ],
)
def test_numbers_lexer_spaced_and_indian_groups(text: str, first: str) -> None:
    tokens = tokenize(text)
    assert tokens[0].kind == "num" and tokens[0].text == first


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("7 . 4", 7.4, 0.1),  # spaced point
        ("62 , 000", 62000, 1000),  # spaced comma
        ("12,34,567.89", 1234567.89, 0.01),  # Indian grouping
        ("1,00,000", 100000, 100000),  # one lakh
        ("1\u2009000", 1000, 1000),  # thin space
    ],
)
def test_numbers_digits_value_grouping_styles(text: str, value: float, step: float) -> None:
    assert digits_value(text) == (pytest.approx(value), pytest.approx(step))


@pytest.mark.parametrize(
    ("text", "value", "step", "consumed"),
    [
        ("half million homes", 0.5, 0.5, 1),  # the scale word is read after it
        ("quarter billion", 0.25, 0.25, 1),  # without an article
        ("a quarter million", 0.25, 0.25, 2),  # with one
        ("a half million", 0.5, 0.5, 2),  # "a half" before a scale
    ],
)
def test_numbers_parse_words_fraction_before_scale(
    text: str, value: float, step: float, consumed: int
) -> None:
    number = parse_words(tokenize(text), 0)
    assert number is not None and number.words
    assert (number.value, number.step, number.end) == (value, step, consumed)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Some 6.000 to 7.000 runners took part.", 6000, 7000),  # both ends grouped
        ("Between 3.000 and 4.000 people came.", 3000, 4000),  # between ... and
    ],
)
def test_numbers_point_grouped_ranges(text: str, low: float, high: float) -> None:
    (q,) = extract(text)
    assert (q.low, q.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Firms race to sub-3 nanometre chips.", 3.0, "upper"),  # a prefix bound
        ("It was minus-12 degrees at dawn.", -12.0, None),  # a hyphenated minus
        ("Convert - 40 degrees fahrenheit to celsius.", -40.0, None),  # a spaced minus
        ("The DAX -0.8% dip.", -0.8, None),  # a minus glued to the figure after a word
    ],
)
def test_numbers_signs_and_prefix_bounds(text: str, value: float, qualifier: str | None) -> None:
    (q,) = extract(text)
    assert q.value == value
    assert q.qualifier == qualifier

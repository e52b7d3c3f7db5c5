"""The number grammar: digits, unicode and slash fractions, and English number words.

Every parser returns the value and its *step*, the place of the last significant digit
written ("965" -> 1, "400" -> 100, "2.5" -> 0.1, "two and a half" -> 0.5), which is what
comparison uses to tell rounding from a changed figure.

The lowest stage with ``lexicon`` and ``surfaces``: it reads tokens only, never the scan.
"""

from __future__ import annotations

import functools
import math
import re
from decimal import Decimal
from typing import NamedTuple

from ..text.context import words
from ..text.tokens import FRAC, NUM, SYM, WORD, Token

UNICODE_FRACTIONS = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
}

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
FRACTION_WORDS = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fourth": 1 / 4,
    "fourths": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "sixth": 1 / 6,
    "sixths": 1 / 6,
    "eighth": 1 / 8,
    "eighths": 1 / 8,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
#: Slash fractions a reader takes for fractions ("3/4", "1/40"); "24/7" and "9/11" are not.
FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100})
HYPHENS = "-\u2010\u2011"
_GROUPING = frozenset(", \u00a0\u202f\u2009")
#: A figure's text as ``float`` reads it: grouping dropped, a minus sign as "-".
_CLEAN = str.maketrans({**dict.fromkeys(_GROUPING), "\u2212": "-"})
MINUS = "-\u2212\u2013"

#: Words that can start a spelled-out number.
WORD_STARTS = (
    frozenset(SMALL) | frozenset(TENS) | frozenset("a an half quarter dozen hundred".split())
)


class Number(NamedTuple):
    """A number as read: immutable, and a tuple because one is built for every figure
    of a text (a frozen dataclass costs four times as much to build)."""

    value: float
    step: float
    end: int  # index of the first token after the number
    words: bool  # spelled out rather than in digits
    grouped: bool = False  # its point read as a thousands separator ("212.000 years")


def digits_value(text: str) -> tuple[float, float]:
    """Value and step of a digit string such as "1,600", "2.50" or "4e14".

    A figure too large for a float ("3e700", a 400-digit run) is infinite and one too
    small ("3e-700") is zero: still a quantity, never an exception. Its step stays
    above zero, so that nothing divides by it.

    >>> digits_value("1,600"), digits_value("2.50"), digits_value("1.5e3")
    ((1600.0, 100.0), (2.5, 0.01), (1500.0, 100.0))
    >>> digits_value("3e700")
    (inf, inf)
    """
    if len(text) <= 15 and text.isascii() and text.isdigit():  # "47", "2019": most figures
        stripped = text.rstrip("0")
        place = len(text) - len(stripped) if stripped else 0
        return float(int(text)), power_of_ten(place)  # exact, as Decimal would give it
    if decimal_comma(text):  # "1,5", "1.234,56": the comma is the decimal point
        text = text.replace(".", "").replace(",", ".")
    clean = text.translate(_CLEAN)
    mantissa, _, exponent = clean.lower().partition("e")
    if "." in mantissa:
        place = -len(mantissa.split(".", 1)[1])  # "2.50": the last digit written
    else:
        stripped = mantissa.rstrip("0")
        place = len(mantissa) - len(stripped) if stripped else 0  # "400": rounded
    try:
        # correctly rounded at any length, as Decimal would give it (a token's figure
        # has no underscores): no int-digits limit, past the float range inf or zero
        value = float(clean)
    except ValueError:  # not a figure at all: read as zero
        return 0.0, 1.0
    return value, power_of_ten(place + _exponent(exponent))


def decimal_comma(text: str) -> bool:
    """Is the comma of this figure a decimal comma, as foreign copy writes it: one or
    two digits after the only comma ("1,5", "3,25"), four or more ("3,1415": no group
    has four), or a comma after thousands grouped by points ("1.234,56")? Three digits
    after a comma group thousands ("1,500").

    >>> decimal_comma("1,5"), decimal_comma("1.234,56"), decimal_comma("1,500")
    (True, True, False)
    >>> decimal_comma("3,34210")
    True
    """
    head, comma, tail = text.rpartition(",")
    if not comma or not tail.isdigit() or "," in head:
        return False
    if "." in head:
        return head.replace(".", "").isdigit()
    return len(tail) != 3 and head.isdigit()


def _exponent(text: str) -> int:
    """The exponent after "e", as an int even when it has thousands of digits."""
    if not text:
        return 0
    digits = text.lstrip("+-")
    size = int(digits) if len(digits) <= 6 else 10**6  # 10**6 is past any float
    return -size if text.startswith("-") else size


@functools.lru_cache(maxsize=1024)
def power_of_ten(exponent: int) -> float:
    """10 ** exponent as a float: infinite above the float range, and the smallest
    positive float below it, so that a step is never zero.

    >>> power_of_ten(2), power_of_ten(400), power_of_ten(-400)
    (100.0, inf, 5e-324)
    """
    if exponent > 308:
        return math.inf
    if exponent < -323:
        return math.ulp(0.0)
    return float(Decimal(1).scaleb(exponent)) or math.ulp(0.0)


def scaled(value: float, exponent: int) -> float:
    """``value * 10 ** exponent`` without OverflowError: infinite or zero past the
    float range ("3x10^999")."""
    if value == 0 or not math.isfinite(value):
        return value
    magnitude = math.floor(math.log10(abs(value))) + exponent
    if magnitude > 308:
        return math.copysign(math.inf, value)
    if magnitude < -330:
        return math.copysign(0.0, value)
    return float(Decimal(repr(value)).scaleb(exponent))


def digit_int(text: str) -> int | float:
    """A run of digits as an int, or infinity when it is longer than any figure a
    rule compares against (Python refuses int() of more than 4,300 digits)."""
    return int(text) if len(text) <= 30 else math.inf


#: "212.000", "3.000", "1.500": one to three digits, a point and exactly three digits
#: ending in zero, which European copy writes for thousands and English prose hardly
#: ever writes for a decimal (it drops the trailing zeros: 1.5, 3).
_POINT_GROUPED = re.compile(r"[1-9]\d{0,2}\.\d\d0")


def point_grouped(text: str, *, measured: bool) -> tuple[float, float] | None:
    """Value and step of a figure read with its point as a thousands separator, when
    that is how a reader takes it: "212.000 years" and "3.000 people" are thousands.

    A count ("1.500 jobs", ``measured`` false) reads so with any last two digits:
    nobody counts 1.5 jobs. A measure (``measured`` true) needs three written zeros
    ("212.000 years"), which no decimal writer puts after whole years; "1.250 seconds"
    stays a decimal. The caller decides the context: never money, a percentage, a
    scale word or a clock time.

    >>> point_grouped("212.000", measured=True), point_grouped("1.250", measured=True)
    ((212000.0, 1000.0), None)
    >>> point_grouped("1.500", measured=False), point_grouped("2.375", measured=False)
    ((1500.0, 100.0), None)
    """
    if not _POINT_GROUPED.fullmatch(text):
        return None
    if measured and not text.endswith("000"):
        return None
    return digits_value(text.replace(".", ""))


def parse_digits(tokens: list[Token], i: int) -> Number | None:
    """Digits at ``tokens[i]``, with a following fraction ("2½", "2 1/2", "3/4") or a
    power of ten ("2.48×10^-5") or of two ("8x2^10")."""
    t = tokens[i]
    if t.kind == FRAC:
        value = UNICODE_FRACTIONS[t.text]
        return Number(value, value, i + 1, False)
    if t.kind != NUM:
        return None
    value, step = digits_value(t.text)
    j = i + 1
    n = len(tokens)
    after = tokens[j] if j < n else None
    if t.text != "10" and (
        after is None or (after.space and after.kind != NUM and after.text not in _TIMES)
    ):
        return Number(value, step, j, False)  # nothing below can follow: most figures
    is_integer = t.text.isdigit()
    if j < n and tokens[j].kind == FRAC and tokens[j].attached and is_integer:  # "2½"
        fraction = UNICODE_FRACTIONS[tokens[j].text]
        return Number(value + fraction, fraction, j + 1, False)
    if is_integer and j < n and tokens[j].space and value < 1000:  # "2 1/2"
        slash = slash_fraction(tokens, j)
        if slash is not None:
            fraction, denominator, end = slash
            return Number(value + fraction, 1 / denominator, end, False)
    if is_integer:  # "3/4"
        slash = slash_fraction(tokens, i)
        if slash is not None:
            fraction, denominator, end = slash
            return Number(fraction, 1 / denominator, end, False)
    grain = _quoted_fraction(tokens, j, t.text)
    if grain is not None:  # "8-1/4 cents", "$6.21-3/4": a fraction of the last digit
        fraction, place, end = grain
        return Number(value + fraction, place, end, False)
    power = _power_of_ten(tokens, j)
    if power is None and t.text == "10":  # "10²", "10⁶", "10⁻³": ten to a superscript power
        raised = superscript_exponent(tokens, j)
        if raised is not None:
            power = (10, raised[0], raised[1])
            value, step = 1.0, 1.0
    if power is not None:
        base, exponent, end = power
        step = _times_power(step, base, exponent) or math.ulp(0.0)
        return Number(_times_power(value, base, exponent), step, end, False)
    return Number(value, step, j, False)


def slash_pair(tokens: list[Token], i: int) -> int | None:
    """If ``tokens[i:]`` is digits, "/", digits written together, the index after them."""
    if i + 2 >= len(tokens):
        return None
    n, slash, d = tokens[i], tokens[i + 1], tokens[i + 2]
    if n.kind != NUM or slash.text != "/" or d.kind != NUM or slash.space or d.space:
        return None
    end = i + 3
    while end + 1 < len(tokens) and tokens[end].text == "/" and not tokens[end].space:
        end += 2  # "1/2/2024"
    return end


def slash_fraction(tokens: list[Token], i: int) -> tuple[float, int, int] | None:
    """A proper fraction "n/d" at ``tokens[i]``: (value, denominator, end)."""
    end = slash_pair(tokens, i)
    if end != i + 3:
        return None
    n, d = tokens[i].text, tokens[i + 2].text
    if not (n.isdigit() and d.isdigit()):
        return None
    numerator, denominator = int(n), int(d)
    if not 0 < numerator < denominator:
        return None
    if denominator not in FRACTION_DENOMINATORS and not (numerator == 1 and denominator <= 1000):
        return None
    return numerator / denominator, denominator, end


def _quoted_fraction(tokens: list[Token], j: int, text: str) -> tuple[float, float, int] | None:
    """ "-3/4" straight after "6.21": a commodity quote in eighths of the last digit
    written, so "6.21-3/4" is 6.2175 and "8-1/4" is 8.25: (addend, step, end)."""
    if j + 3 >= len(tokens) or tokens[j].text != "-" or tokens[j].space:
        return None
    if tokens[j + 1].space:
        return None
    slash = slash_fraction(tokens, j + 1)
    if slash is None or slash[1] not in (2, 4, 8):
        return None
    fraction, denominator, end = slash
    place = 10.0 ** -len(text.split(".", 1)[1]) if "." in text else 1.0
    return fraction * place, place / denominator, end


#: The signs that write a power after a mantissa: "2.48×10^-5", "3 x 10^6", "8*2^10".
_TIMES = frozenset({"×", "x", "*"})


def _power_of_ten(tokens: list[Token], j: int) -> tuple[int, int, int] | None:
    """ "×10^-5", "x 10^6", "×10−5" after a mantissa, and "x2^10", a power of two
    written with its caret: (base, exponent, end)."""
    n = len(tokens)
    if j + 1 >= n or tokens[j].text not in _TIMES:
        return None
    if tokens[j + 1].text not in ("10", "2"):
        return None
    base = int(tokens[j + 1].text)
    k = j + 2
    if base == 10:
        raised = superscript_exponent(tokens, k)  # "3×10⁶"
        if raised is not None:
            return base, raised[0], raised[1]
    if k < n and tokens[k].text == "^" and not tokens[k].space:
        k += 1
    elif base == 2:
        return None  # "5 x 2 metres" is a size, not a power
    sign = 1
    if k < n and tokens[k].text in MINUS and not tokens[k].space:
        sign, k = -1, k + 1
    if k > j + 2 and k < n and tokens[k].kind == NUM and tokens[k].text.isdigit():
        if not tokens[k].space:  # an exponent past the float range stays past it
            return base, sign * _exponent(tokens[k].text), k + 1
    return None


#: Superscript digits and signs, as typeset copy (or a ``<sup>`` read from markup) writes
#: an exponent: "10⁶", "10⁻³".
_SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺"
_SUPERSCRIPTS = str.maketrans(_SUPERSCRIPT_CHARS, "0123456789-+")


def superscript_exponent(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """An exponent written in superscript characters glued on at ``tokens[k]``:
    (exponent, end). The lexer cuts "⁻³" into pieces, so glued pieces are joined."""
    text, end = "", k
    while end < len(tokens) and not tokens[end].space:
        piece = tokens[end].text
        if not piece or any(c not in _SUPERSCRIPT_CHARS for c in piece):
            break
        text, end = text + piece.translate(_SUPERSCRIPTS), end + 1
    digits = text.lstrip("+-")
    if not digits or not digits.isdigit() or len(text) - len(digits) > 1 or len(digits) > 3:
        return None
    return (-int(digits) if text.startswith("-") else int(digits)), end


def _times_power(value: float, base: int, exponent: int) -> float:
    """``value * base ** exponent`` without OverflowError, for a base of 10 or 2."""
    if base == 10:
        return scaled(value, exponent)
    if value == 0 or not math.isfinite(value):
        return value
    if exponent > 1100:
        return math.copysign(math.inf, value)
    if exponent < -1200:
        return math.copysign(0.0, value)
    try:
        return math.ldexp(value, exponent)
    except OverflowError:
        return math.copysign(math.inf, value)


#: Words that make "half-" or "quarter-" the name of a reporting period.
_PERIOD_NAMES = words("period_names")


def parse_words(tokens: list[Token], i: int) -> Number | None:
    """A spelled-out number at ``tokens[i]``: "three", "twenty-five", "two and a half",
    "two-and-a-half", "a dozen", "half a" (before a unit), "one hundred and twenty",
    "three million"."""
    n = len(tokens)
    first = tokens[i].low
    if first == "half":  # "half a mile", "half a dozen"
        if i + 1 < n and tokens[i + 1].low in ("a", "an"):
            if i + 2 < n and tokens[i + 2].low == "dozen":
                return Number(6.0, 1.0, i + 3, True)
            return Number(0.5, 0.5, i + 2, True)
    if first in ("half", "quarter") and i + 1 < n and tokens[i + 1].low in BIG:
        value = FRACTION_WORDS[first]  # "half million", "quarter billion": the scale follows
        return Number(value, value, i + 1, True)
    if (
        first in ("half", "quarter")
        and i + 3 < n
        and tokens[i + 1].low == "of"
        and tokens[i + 2].low in ("a", "an")
        and tokens[i + 3].low in BIG
    ):
        value = FRACTION_WORDS[first]  # "Quarter of a million ...": "of a million" follows
        return Number(value, value, i + 1, True)
    if first in ("half", "quarter"):  # "a half-mile walk", "a quarter-acre plot"
        # but "half-year results" and "quarter-year" reports name a period, not an amount
        if (
            i + 2 < n
            and tokens[i + 1].text in HYPHENS
            and _joined(tokens, i + 1)
            and tokens[i + 2].low not in _PERIOD_NAMES
        ):
            value = FRACTION_WORDS[first]
            return Number(value, value, i + 1, True)
        return None
    total, current, step = 0.0, 0.0, 1.0
    last: str | None = None  # the kind of the previous number word
    j = i
    if first in ("a", "an"):
        if i + 2 < n and tokens[i + 1].low in ("half", "quarter") and tokens[i + 2].low in BIG:
            value = FRACTION_WORDS[tokens[i + 1].low]  # "a quarter million"
            return Number(value, value, i + 2, True)
        fraction = _a_fraction(tokens, i)
        if fraction is not None:
            return fraction
        if i + 1 < n and tokens[i + 1].low in _AFTER_A:
            current, last, j = 1.0, "a", i + 1
        else:
            return None
    while j < n:
        t = tokens[j]
        w = t.low
        if t.kind == SYM and t.text in HYPHENS and last and not t.space and j + 1 < n:
            after = tokens[j + 1].low
            if after in SMALL or after == "and" or after in FRACTION_WORDS:  # "twenty-five"
                j += 1
                continue
            break
        if t.text == "," and last == "big" and not t.space and j + 1 < n:
            rest = _comma_group(tokens, j + 1, step)
            if rest is not None:  # "three million, two hundred thousand"
                total += rest.value
                step = min(step, rest.step)
                j = rest.end
            break
        if t.text == "&" and t.space:
            w = "and"  # "two hundred & forty"
        elif t.kind != WORD:
            break
        if w in FRACTION_WORDS and last == "small" and total == 0:  # "two thirds", "one-half"
            plural = w.endswith("s")
            if (current == 1) == plural or j + 1 < n and tokens[j + 1].text in HYPHENS:
                break  # "one thirds", "three quarter-finals"
            fraction = FRACTION_WORDS[w]
            return Number(current * fraction, fraction, j + 1, True)
        if w in SMALL and (
            last in (None, "hundred", "big", "and") or (last == "tens" and SMALL[w] < 10)
        ):
            current += SMALL[w]
            last = "small"
        elif w in TENS and last in (None, "hundred", "big", "and"):
            current += TENS[w]
            last = "tens"
        elif w == "hundred" and last in ("small", "a"):
            current *= 100
            last = "hundred"
        elif w in BIG and last in ("small", "tens", "hundred", "a"):
            total += current * BIG[w]
            current, step, last = 0.0, BIG[w], "big"
        elif w == "dozen" and last in ("small", "a"):
            current *= 12
            last = "dozen"
        elif w == "and" and last in ("small", "tens", "hundred", "big", "dozen"):
            fraction = _and_fraction(tokens, j + 1)
            if fraction is not None:
                value, j = fraction
                current += value
                step = value
                last = "fraction"
                break
            if (
                last in ("hundred", "big")
                and j + 1 < n
                and (tokens[j + 1].low in SMALL or tokens[j + 1].low in TENS)
            ):
                last = "and"
                j += 1
                continue
            break
        else:
            break
        j += 1
    if last in (None, "a", "and"):
        return None
    if last == "and":
        j -= 1
    if current and last != "fraction":
        step = 1.0
    return Number(total + current, step, j, True)


def read_number(tokens: list[Token], i: int) -> Number | None:
    """The number at ``tokens[i]``, in digits or in words, or None."""
    t = tokens[i]
    if t.kind == NUM or t.kind == FRAC:
        return parse_digits(tokens, i)
    if t.kind == WORD and t.low in WORD_STARTS:
        return parse_words(tokens, i)
    return None


def _comma_group(tokens: list[Token], k: int, scale: float) -> Number | None:
    """After "three million,": the next group of a spelled-out figure ("two hundred and
    forty", "two hundred thousand"), only when it has hundreds in it and is smaller
    than the scale before the comma, so "three million, two were" stays apart."""
    if not tokens[k].space or tokens[k].newline or tokens[k].low not in SMALL:
        return None
    rest = parse_words(tokens, k)
    if rest is None or not 100 <= rest.value < scale:
        return None
    return rest


#: Number words that may follow "a" ("a dozen", "a million").
_AFTER_A = words("after_a_numbers")
#: Fractions written with an article: "a third of voters", "cut by a quarter".
_A_FRACTIONS = words("a_fractions")
_CLAUSE_ENDS = frozenset(".,;:!?)")
#: Words before "a third" that make it an amount where its phrase ends: "by", "less than".
_A_FRACTION_HEADS = words("a_fraction_heads")
#: Words after "by a third" that end the phrase, where "by a third party" goes on.
_AFTER_BY_A_FRACTION = words("by_a_fraction_ends")


def _joined(tokens: list[Token], k: int) -> bool:
    """Are tokens ``k`` and ``k + 1`` written onto the token before them ("half-mile")?"""
    return not tokens[k].space and not tokens[k + 1].space and tokens[k + 1].kind == WORD


def _a_fraction(tokens: list[Token], i: int) -> Number | None:
    """ "a third of", "a quarter of", and "by a third." or "less than a third." where its
    phrase ends (``a_fraction_heads`` before it); not "a third term" or "a quarter
    earlier", where the word is an ordinal or a period."""
    n = len(tokens)
    if i + 1 >= n or tokens[i + 1].low not in _A_FRACTIONS:
        return None
    value = FRACTION_WORDS[tokens[i + 1].low]
    after = tokens[i + 2] if i + 2 < n else None
    if after is not None and after.low == "of":
        return Number(value, value, i + 2, True)
    if (
        i > 0
        and tokens[i - 1].low in _A_FRACTION_HEADS
        and (after is None or after.text in _CLAUSE_ENDS or after.low in _AFTER_BY_A_FRACTION)
    ):
        return Number(value, value, i + 2, True)  # "fell by a third since May", "under a fifth."
    return None


def _and_fraction(tokens: list[Token], j: int) -> tuple[float, int] | None:
    """After "and": "a half", "a quarter", "three quarters" (with optional hyphens)."""
    n = len(tokens)
    k = j
    if k < n and tokens[k].text in "-‐":
        k += 1
    if k >= n:
        return None
    if tokens[k].low in ("a", "an", "one"):
        k += 1
        if k < n and tokens[k].text in "-‐":
            k += 1
        if k < n and tokens[k].low in FRACTION_WORDS:
            return FRACTION_WORDS[tokens[k].low], k + 1
        return None
    if tokens[k].low in SMALL and k + 1 < n:
        count = SMALL[tokens[k].low]
        k2 = k + 1
        if k2 < n and tokens[k2].text in "-‐":
            k2 += 1
        if k2 < n and tokens[k2].low in FRACTION_WORDS and 0 < count < 4:
            return count * FRACTION_WORDS[tokens[k2].low], k2 + 1
    return None

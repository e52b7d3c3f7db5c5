"""The single reading at a token: everything one number writes, from a currency
symbol before it to the noun it counts after it. In order: a currency written first
(``money``), a sign ("-5C", "minus 15C"), the number (``numbers``), and unless a
distractor claims it (``not_quantities``) an uncertainty ("± 0.2"), a scale ("bn"), a
currency after it or a unit (``unit_reader``) and a compound measure ("5 feet 2
inches"), a price per unit ("$80 a barrel"), then a counted noun (``counts``).

``read_single`` is what the range stage reads each end of a range with, so it sits
below ``ranges``; what a reading may mean beside another reading (ranges, lists,
bounds) is decided there.
"""

from __future__ import annotations

from ..text.context import near, words
from ..text.tokens import NUM, SYM, WORD
from ..units.registry import unit_info
from .counts import count_noun
from .money import currency_after, currency_symbol, money_tail, one_coin
from .not_quantities import age_in_years, glued_dimension_end, not_a_quantity
from .numbers import BIG, Number, decimal_comma, parse_digits, point_grouped, read_number
from .state import HYPHENS, MINUS_SIGNS, SENTENCE_ENDS, Reading, Scan
from .unit_reader import (
    percent_at,
    read_compound,
    read_per,
    read_scale,
    read_unit,
    unit_after,
)

#: The shortest unit a point-grouped figure may measure ("212.000 years"): a year.
_YEAR_SECONDS = 365 * 24 * 3600.0
#: Words after a small spelled-out number that make it a count ("two of", "three more").
WORD_COUNT_FOLLOWERS = words("count_followers")
#: Words after "one" that make it a count, not a pronoun ("one short of a majority").
ONE_COUNT_FOLLOWERS = words("one_count_followers")
#: Parents and grandparents counted in "mum-of-three", "father-of-two".
KIN_WORDS = words("kin_words")
#: Nouns after a hyphen that make a spelled-out number a count ("a three-bedroom house").
COUNT_COMPOUNDS = words("count_compounds")
#: The feet of a height written "6-foot-3".
_HEIGHT_FEET = words("height_feet")


def read_single(scan: Scan, i: int) -> Reading | None:
    tokens = scan.tokens
    reading = Reading(first=i)
    symbol = currency_symbol(scan, i)  # "$", "US$", "NT$", "USD"
    if symbol is not None:
        code, after = symbol
        if after >= scan.n:
            return None
        nxt = tokens[after]
        if nxt.space and tokens[i].kind != WORD and (nxt.kind != NUM or nxt.newline):
            return None  # "$ 2.75" is money; "$ " before anything else is not
        reading.currency = code
        i = after
    spaced_sign = False  # "convert - 20 degrees F": a sign only if a unit follows
    if tokens[i].kind == SYM and tokens[i].text in MINUS_SIGNS:  # "-5C", "−5 °C", "$-5"
        nxt = tokens[i + 1] if i + 1 < scan.n else None
        if nxt is None or nxt.kind != NUM:
            return None
        if nxt.space:
            if reading.currency is not None or not _spaced_sign(scan, i):
                return None
            spaced_sign = True
        elif reading.currency is None and not _sign_allowed(scan, i):
            return None
        reading.negative = True
        i += 1
    elif tokens[i].low == "minus":  # "minus 15C"
        if (
            i + 2 < scan.n
            and tokens[i + 1].text in HYPHENS
            and not tokens[i + 1].space
            and not tokens[i + 2].space
            and tokens[i + 2].kind == NUM
        ):
            i += 1  # "minus-40 degrees"
        if i + 1 >= scan.n or tokens[i + 1].kind not in (NUM, WORD):
            return None
        if i >= 2 and tokens[i - 1].low == "or" and tokens[i - 2].low == "plus":
            reading.first = i - 2  # "plus or minus 2%": a margin, a positive size
        else:
            reading.negative = True
        i += 1
    if i >= scan.n:
        return None
    number = read_number(scan.tokens, i)
    if number is None and _a_half_unit(scan, i):
        number = Number(0.5, 0.5, i + 2, True)  # "a half mile", "a half hour"
    if number is None:
        coin = one_coin(scan, reading, i)  # "a penny", "a dime"
        if coin is not None:
            reading.end = coin
            return reading
        if not _article_counts(scan, reading, i):
            return None
        number = Number(1.0, 1.0, i + 1, True)  # "a mile": only with a "one" unit
        reading.article = True
    reading.number = number
    j = number.end
    if number.words and number.value < 1 and _of_a_unit(scan, j):
        j += 2  # "a quarter of a percentage point", "two thirds of a mile"
    if _height_inches(scan, i, number):
        reading.unit = "inch"  # the "3" of "6-foot-3"
        reading.unit_entry = scan.units.match(("inch",))
        reading.end = j
        return reading
    if age_in_years(scan, reading, i, j):  # "aged 58", "the coach, 58,": years
        reading.end = j
        return reading
    skip = None if _prefixed_bound(scan, i, j) else not_a_quantity(scan, reading, i, j)
    if skip is not None:
        return Reading(first=reading.first, end=skip, skip_only=True)
    if not number.words:
        j = _plus_minus(scan, reading, j)
    if not reading.article:
        j = read_scale(scan, reading, j)
    if reading.currency is None and not reading.article:
        j = currency_after(scan, reading, j)
    elif reading.currency is not None:
        j = money_tail(scan, reading, j)  # "US$12 mil", "$400-M", "($99.99)"
    if reading.currency is None:
        j = read_unit(scan, reading, j)
        if reading.unit_entry is not None and reading.scale == 1:
            j = read_compound(scan, reading, j)
    else:
        per, j = read_per(scan, j, money=True)  # "$80 a barrel", "$15/hour"
        reading.per = per
        if (
            per is None
            and j + 1 < scan.n
            and tokens[j].low in ("a", "per")
            and tokens[j + 1].low == "dozen"
        ):
            j += 2  # "$4.95 a dozen": a price for a count, not per a unit
    half = reading.unit_entry is not None and reading.scale == 1 and _and_a_half(scan, j)
    if half:  # "a mile and a half", "an hour and a half", "three years and a half"
        reading.number = number._replace(value=number.value + 0.5, step=min(number.step, 0.5))
        j += 3
    if reading.article:
        entry = reading.unit_entry
        if entry is None or not (entry.one or half):  # the half makes "an hour" a figure
            return None
    if spaced_sign and reading.unit_entry is None and not reading.percent:
        return None  # "the fee - 20 dollars -": a dash setting off a clause
    if reading.unit is None and reading.currency is None:
        j = count_noun(scan, reading, j)
    reading.end = j
    read_point_grouped(scan, reading, i)
    if _bare_decimal_comma(scan, reading, i):
        return Reading(first=reading.first, end=j, skip_only=True)  # "6,4 and 7,5"
    if number.words and not _words_stand(scan, reading, i):
        if number.end > i + 1:  # nor is a part of it: not "a dozen" of "half a dozen"
            return Reading(first=reading.first, end=number.end, skip_only=True)
        return None
    if j == number.end and j < scan.n and tokens[j].kind == WORD and not tokens[j].space:
        if glued_dimension_end(scan, i) is None:  # but "3x4m" is the sides of a rug
            return Reading(first=reading.first, end=j + 1, skip_only=True)  # "3D", "4K", "5G"
    return reading


def _and_a_half(scan: Scan, j: int) -> bool:
    """Does "and a half" follow the unit at ``j``, not opening a unit of its own ("a mile
    and a half-mile walk")?"""
    tokens = scan.tokens
    if j + 2 >= scan.n or [t.low for t in tokens[j : j + 3]] != ["and", "a", "half"]:
        return False
    after = tokens[j + 3] if j + 3 < scan.n else None
    return after is None or after.space or after.text not in HYPHENS


def _height_inches(scan: Scan, i: int, number: Number) -> bool:
    """Is the number at ``i`` the inches of a height written "6-foot-3"?"""
    tokens = scan.tokens
    if i < 4 or number.words or tokens[i].space or tokens[i - 1].space:
        return False  # the inches are written onto "6-foot-"
    if tokens[i].kind != NUM or not tokens[i].text.isdigit():
        return False
    if len(tokens[i].text) > 2 or int(tokens[i].text) > 11:
        return False  # no inches past 11 (nor int() of a 5,000-digit run)
    return (
        tokens[i - 1].text in HYPHENS
        and tokens[i - 2].low in _HEIGHT_FEET
        and tokens[i - 3].text in HYPHENS
        and tokens[i - 4].kind == NUM
        and unit_after(scan, number.end) is None
    )


def _plus_minus(scan: Scan, reading: Reading, j: int) -> int:
    """An uncertainty after the number: "9.8 ± 0.2 m", "5 +/- 1 km"."""
    tokens = scan.tokens
    k = j
    if k < scan.n and tokens[k].text == "\u00b1":
        k += 1
    elif (
        k + 2 < scan.n
        and tokens[k].text == "+"
        and tokens[k + 1].text == "/"
        and tokens[k + 2].text in MINUS_SIGNS
        and not tokens[k + 1].space
        and not tokens[k + 2].space
    ):
        k += 3
    else:
        return j
    if k >= scan.n or tokens[k].kind != NUM:
        return j
    spread = parse_digits(tokens, k)
    if spread is None:
        return j
    reading.plus_minus = spread
    return spread.end


def _of_a_unit(scan: Scan, j: int) -> bool:
    """Is ``j`` "of a" or "of an" before a unit, a percentage point or a scale word
    ("a quarter of a million people" is 250,000 people)?"""
    tokens = scan.tokens
    if j + 2 >= scan.n or tokens[j].low != "of" or tokens[j + 1].low not in ("a", "an"):
        return False
    if tokens[j + 2].low in BIG:
        return True
    return unit_after(scan, j + 2) is not None or percent_at(scan, j + 2) is not None


def _a_half_unit(scan: Scan, i: int) -> bool:
    """Is ``i`` "a half" or "a quarter" straight before a unit ("a half mile")?"""
    tokens = scan.tokens
    return (
        i + 2 < scan.n
        and tokens[i].low in ("a", "an")
        and tokens[i + 1].low in ("half", "quarter")
        and unit_after(scan, i + 2) is not None
    )


def _article_counts(scan: Scan, reading: Reading, i: int) -> bool:
    """Can "a"/"an" at ``i`` stand for one of a unit ("a mile", "an acre")?"""
    if scan.tokens[i].low not in ("a", "an") or reading.currency is not None or reading.negative:
        return False
    if i + 1 >= scan.n:
        return False
    if scan.tokens[i + 1].low in scan.units.one_starts:
        return True
    tokens = scan.tokens
    if not any(t.low == "and" for t in tokens[i + 2 : i + 6]):
        return False  # the common case, asked of every "a": no "and a half" within reach
    found = unit_after(scan, i + 1)  # "an hour and a half": the half makes it a figure
    return found is not None and _and_a_half(scan, found[1])


def _words_stand(scan: Scan, reading: Reading, i: int) -> bool:
    """May a spelled-out number be a quantity? Always with a unit or a counted noun;
    on its own only when it cannot be a pronoun or an idiom ("one of", "two in")."""
    if reading.unit is not None or reading.currency is not None:
        return True
    if reading.noun is not None:
        assert reading.number is not None
        return not _title_words(scan, i, reading.number.end)  # not "the Six Nations"
    number = reading.number
    assert number is not None
    if reading.scale > 1 and not reading.article:
        return True  # "half a million", "a quarter million": a figure, not an idiom
    if scan.tokens[i].low in ("half", "quarter") or reading.article:
        return False  # "half a chance", "quarter-final"
    if _kinship_count(scan, i):
        return True  # "a mum-of-three"
    prev = scan.tokens[i - 1] if i > 0 else None
    if prev is not None and not scan.tokens[i].space and prev.text in HYPHENS:
        return False  # "7-Eleven", "Catch-Twenty"
    if prev is not None and scan.tokens[i].text[0].isupper() and not scan.tokens[i].newline:
        if prev.text not in SENTENCE_ENDS:
            return False  # "Ocean's Eleven": a title
    if number.value != int(number.value):
        return True  # "two thirds", "two and a half"
    if number.value >= 10:
        return True
    nxt = scan.tokens[number.end] if number.end < scan.n else None
    if number.value < 2:
        # "one" is as often a pronoun, but not in "one short of", "one quarter-point cut"
        return nxt is not None and (
            nxt.low in ONE_COUNT_FOLLOWERS
            or (
                nxt.low in ("quarter", "half")
                and number.end + 2 < scan.n
                and scan.tokens[number.end + 1].text in HYPHENS
                and scan.tokens[number.end + 2].low == "point"
            )
        )
    if nxt is not None and (nxt.low in WORD_COUNT_FOLLOWERS or nxt.kind == NUM):
        return True  # "two of the victims", "two short of", "two 500mg doses"
    if (
        nxt is not None
        and nxt.text in HYPHENS
        and not nxt.space
        and number.end + 1 < scan.n
        and not scan.tokens[number.end + 1].space
        and scan.tokens[number.end + 1].low in COUNT_COMPOUNDS
    ):
        return True  # "a two-bedroom flat", as "a 2-bedroom flat"
    return near(scan.tokens, i, "existential_there")  # "there are two in the car"


def _kinship_count(scan: Scan, i: int) -> bool:
    """Is the number word at ``i`` the count in "mum-of-three", "father-of-two"?"""
    tokens = scan.tokens
    return (
        i >= 4
        and tokens[i - 1].text in HYPHENS
        and tokens[i - 2].low == "of"
        and tokens[i - 3].text in HYPHENS
        and tokens[i - 4].low in KIN_WORDS
    )


def _title_words(scan: Scan, i: int, end: int) -> bool:
    """Is a capitalised spelled-out number mid-sentence followed by a capitalised
    word (``end``), as in a name ("the Six Nations", "the Three Lions")?"""
    tokens = scan.tokens
    if i == 0 or end >= scan.n or not tokens[i].text[0].isupper() or tokens[i].newline:
        return False
    if tokens[i - 1].text in SENTENCE_ENDS:
        return False
    return tokens[end].kind == WORD and tokens[end].text[0].isupper()


def _sign_allowed(scan: Scan, i: int) -> bool:
    """A dash is a minus sign only where it cannot join two things ("5-10", "F-16")."""
    if i == 0:
        return True
    if not scan.tokens[i].space:
        return False  # "F-16", "5-10", "COVID-19"
    return scan.tokens[i - 1].kind != NUM


def read_point_grouped(scan: Scan, reading: Reading, i: int, *, force: bool = False) -> None:
    """Read "3.000 people", "1.500 jobs" and "212.000 years" as thousands, as European
    copy writes them (``numbers.point_grouped``): a figure that counts something, a
    span of years or more, or the low end of a range whose high end was so read
    (``force``). A physical measure keeps its decimals ("1.500 km" is 1.5 km, as a
    formatter writes it), and so do money, a percentage, a scaled figure ("1.500
    billion"), a bare figure ("priced at 99.500") and a clock time ("1:23.450")."""
    number = reading.number
    t = scan.tokens[i]
    if number is None or number.words or t.kind != NUM or number.end != i + 1:
        return
    if "." not in t.text:
        return  # most figures: no point to read as grouping
    if reading.currency is not None or reading.percent or reading.scale != 1:
        return
    if i > 0 and scan.tokens[i - 1].text == ":" and not t.space:
        return
    entry = reading.unit_entry
    if entry is not None:
        info = unit_info(entry.expression)
        if info.dimension != "[time]" or info.si_factor < _YEAR_SECONDS:
            return
    elif not force and reading.noun is None:
        return
    grouped = point_grouped(t.text, measured=entry is not None)
    if grouped is not None:
        value, step = grouped
        reading.number = Number(value, step, number.end, False, grouped=True)


def _bare_decimal_comma(scan: Scan, reading: Reading, i: int) -> bool:
    """Is the number at ``i`` written with a decimal comma and one or two decimals
    ("1,5") but with nothing that makes it a measure (a unit, a currency, a percent sign
    or a scale)? English copy then more likely lists two figures ("gates 1,5 and 7").
    Four decimals or more ("38,44154") list nothing: the figure stands, broken or not."""
    t = scan.tokens[i]
    if t.kind != NUM or "," not in t.text or not decimal_comma(t.text):
        return False
    if len(t.text.rpartition(",")[2]) > 2:
        return False
    return not (reading.unit or reading.currency or reading.percent or reading.scale != 1)


def _prefixed_bound(scan: Scan, i: int, j: int) -> bool:
    """Is the number at ``i`` bounded by a prefix written onto it with a hyphen and
    followed by a unit ("sub-5 nm")? Then it is a quantity, not a name ("F-16")."""
    tokens = scan.tokens
    if i < 2 or tokens[i].space or tokens[i - 1].space or tokens[i - 1].text not in HYPHENS:
        return False
    prefix = (tokens[i - 2].low, tokens[i - 1].text)
    return prefix in scan.lex.qualifiers and j < scan.n and unit_after(scan, j) is not None


def _spaced_sign(scan: Scan, i: int) -> bool:
    """May the minus at ``i``, set apart from its number, be a sign? Only a hyphen or
    minus sign at the start of a text or line, or after a word that leads into a
    figure ("convert - 20 degrees F", "temperatures of - 5C")."""
    if scan.tokens[i].text == "\u2013" or scan.tokens[i + 1].newline:
        return False  # a spaced en dash sets off a clause
    if i == 0 or scan.tokens[i].newline:
        return True
    return scan.tokens[i - 1].low in scan.lex.sign_words

"""Ranges and shared units: "5-10 km", "5 to 10 kilometres", "between 5 and 10 km",
"from 44 mg to 50 mg", "$5bn-$7bn", "8- to 16-metre", "six to seven thousand people",
a unit written once in a list ("45 and 50 mg", "10, 20 and 30 km", "6 or $7", "from
180 pounds to 165"), and vague plurals ("hundreds of miles", "tens of thousands of
dollars") read as approximate ranges.

A range needs compatible ends: "rose 50 percent to $2bn", "rose 1.5% to 6.2%" and
"prices rose from $5bn to $7bn" (an old and a new level) are two quantities each. The
words that decide are in ``data/ranges_en.tsv`` and the change words of
``data/lexicon_en.tsv``.

The stage of ranges, bounds ("more than", "up to": ``read_bound``) and coordination,
above the single reading (``reading.read_single``), which reads each end; what one end
lends the next in the same text is kept on the scan (``Scan.lent``, ``Scan.list_units``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from ..errors import TableError
from ..tables import alternatives, rows
from ..text.context import at, near, phrase_end
from ..text.tokens import NUM, SYM, WORD, Token, token_texts
from ..units.registry import is_length, unit_info
from .counts import count_noun
from .money import MASS_WORDS, currency_after, currency_symbol, currency_word_at
from .not_quantities import aged_before
from .numbers import BIG, WORD_STARTS, Number, parse_words
from .reading import read_single
from .state import DASHES, HYPHENS, TIME_UNITS, Reading, Scan, share
from .unit_reader import read_per, read_unit

#: Spelled multipliers that may close the second end of a range ("seven thousand").
_MULTIPLIERS = {"hundred": 100.0, **BIG}


@dataclass(frozen=True, slots=True)
class RangeWords:
    """The words of ``data/ranges_en.tsv``."""

    openers: dict[str, int]  # "from" -> how many words before it to look for a change
    vague: dict[str, tuple[float, float]]  # "hundreds" -> (100, 1000)
    heads: dict[tuple[str, ...], tuple[float, float]]  # ("a", "few") -> (2, 5)
    head_longest: int
    starts: frozenset[str]  # first words of every vague amount, for the scanner
    #: every head's first word, first two words, ...: a walk stops at the first word
    #: that continues no head ("a good" after "a" continues none of "a few", "a couple")
    head_prefixes: frozenset[tuple[str, ...]]


@functools.cache
def range_words() -> RangeWords:
    """Load ``data/ranges_en.tsv`` once."""
    name = "ranges_en.tsv"
    openers: dict[str, int] = {}
    vague: dict[str, tuple[float, float]] = {}
    heads: dict[tuple[str, ...], tuple[float, float]] = {}
    for line, (category, cell, low, high) in rows(name, 4):
        words = [w.lower() for w in alternatives(cell)]
        try:
            if category == "opener":
                window = int(low)
                openers.update((w, window) for w in words)
            elif category in ("vague", "head"):
                ends = (float(low), float(high))
                if not 0 < ends[0] < ends[1]:
                    raise TableError(name, line, f"low must be under high: {ends}")
                if category == "vague":
                    vague.update((w, ends) for w in words)
                else:
                    heads.update((tuple(t.lower() for t in token_texts(w)), ends) for w in words)
            else:
                raise TableError(name, line, f"unknown category {category!r}")
        except ValueError as error:
            if isinstance(error, TableError):
                raise
            raise TableError(name, line, str(error)) from None
    starts = frozenset(vague) | frozenset(words[0] for words in heads)
    prefixes = frozenset(words[:size] for words in heads for size in range(1, len(words) + 1))
    return RangeWords(openers, vague, heads, max(map(len, heads), default=0), starts, prefixes)


def units_agree(first: Reading, second: Reading) -> bool:
    """May two readings be the ends of one range?

    Both must carry the same kind of unit, or the first none at all and take the
    second's ("5-10 km"); a currency may be written on the first end only ("$5-7bn").
    "rose 50 percent to $2bn" is two quantities, not a range.
    """
    if first.noun is not None and second.noun is None:
        return False
    if not (first.unit or first.currency or first.percent):
        return True  # "5 to 10 km", "5-10", "5 to 10 people"
    if first.currency is not None:
        if second.currency is None:
            return second.unit is None and second.noun is None and not second.percent
        return first.currency == second.currency and first.per == second.per
    if second.currency is not None or second.unit is None:
        return False
    if first.unit == second.unit:
        return True
    return unit_info(first.unit).dimension == unit_info(second.unit).dimension


def ascending(first: Reading, second: Reading) -> bool:
    """Would ``first`` and ``second`` make a range whose low end comes first?"""
    a, b = replace(first), replace(second)
    share(a, b)
    return a.magnitude()[0] <= b.magnitude()[0]


def range_tail(scan: Scan, first: Reading, between: bool) -> None:
    """ "5-10 km", "5 to 10 kilometres", "between 5 and 10 km", "$5bn-$7bn",
    "8- to 16-metre", "from 44 mg to 50 mg". Both ends must carry compatible units."""
    tokens = scan.tokens
    j = first.end
    if j + 1 >= scan.n:
        return
    joiner = tokens[j]
    if joiner.text in HYPHENS and not joiner.space and tokens[j + 1].low == "to":
        if first.unit is None and first.currency is None and first.noun is None:
            if j + 2 >= scan.n:
                return  # "rose 3-to" cut off at the end of the text
            j += 1  # "8- to 16-metre"
            joiner = tokens[j]
    is_dash = joiner.kind == SYM and joiner.text in DASHES
    is_word = joiner.low == "to" or (between and joiner.low == "and")
    if not (is_dash or is_word) or joiner.newline:
        return
    if is_dash:
        if first.noun is not None or (first.number is not None and first.number.words):
            return
        if tokens[j + 1].kind == WORD and tokens[j + 1].low in WORD_STARTS:
            return  # "7-Eleven" is a name; "5-ten" is not how ranges are written
        if joiner.space != tokens[j + 1].space:
            return  # "5 -10" is not a range
    second = read_single(scan, j + 1)
    if second is None or second.skip_only:
        return
    opener = _opener(scan, first.first) if is_word and joiner.low == "to" else None
    lend = (opener is not None or between) and _lendable(first, second)
    if lend:
        _take(second, first)  # "from 180 pounds to 165", "from $10 an hour to $15"
    if not units_agree(first, second):
        return
    if is_dash and first.unit == "foot" and second.unit == "inch":
        return  # "6-foot-8": a height in feet and inches
    _share_spelled_scale(tokens, first, second)  # "six to seven thousand people"
    both_negative = first.negative and second.negative
    if not ascending(first, second) and not both_negative:
        if is_dash and not (first.carries() or first.percent):
            first.skip_only = True  # "passed 68-32": a tally, not a range
            first.end = second.end
        elif lend:
            scan.lent[j + 1] = first  # "from 180 pounds to 165": two levels, one unit
        return  # "58% to 42%": two quantities
    if opener is not None and _change_before(scan, *opener):
        if _bare(first) and second.carries():
            first.borrow(second)  # "rose from 50 to 80%": two levels, one unit
        if lend:
            scan.lent[j + 1] = first  # "rose from 180 pounds to 200"
        return  # "prices rose from $5bn to $7bn": an old and a new level
    if opener is None:
        before = _level_word_before(scan, first.first) if is_word and joiner.low == "to" else ""
        if before in scan.lex.change_words and (first.carries() or first.percent):
            return  # "rose 1.5% to 6.2%": a rise, then the new level
        if before in scan.lex.change_words and _far_apart(first, second):
            return  # "fell by 531,000 to 124.9 million": a change, then the new level
    if not first.carries() and not second.carries() and _ages(scan, first):
        for end in (first, second):  # "aged 18 to 24", "aged between 18 and 24"
            end.unit = "year"
            end.unit_entry = scan.units.match(("year",))
    first.range_with = second
    first.end = second.end


def _ages(scan: Scan, first: Reading) -> bool:
    """Does an age word stand before a bare range's first end?"""
    at_number = first.first
    while at_number < first.end and scan.tokens[at_number].kind != NUM:
        at_number += 1  # past a sign or a bound read into the reading
    return at_number < first.end and aged_before(scan, at_number)


def borrow_lent(scan: Scan, reading: Reading, i: int) -> None:
    """Give a bare reading at token ``i`` the unit an earlier end of a pair lent it
    ("from 180 pounds to 165" is 165 pounds)."""
    lender = scan.lent.pop(i, None)
    if lender is None or not _lendable(lender, reading):
        return
    j = reading.end
    if j < scan.n and scan.tokens[j].low == "of":
        return  # "from 12 of its mines": the figure counts what follows
    _take(reading, lender)


def lend_compared(scan: Scan, first: Reading) -> None:
    """ "78 million tonnes, down from 81.5 million", "4.2% versus 4.1", "rose to 1.45
    billion euros from 1.2 billion": the earlier level a comparison sets straight
    after a figure is written in that figure's unit, so the bare number after the
    comparison (``comparison_openers``, or a plain "from" once a change word has led
    to the figure) borrows it when it is read."""
    if first.skip_only or not (first.carries() or first.percent):
        return
    tokens = scan.tokens
    j = first.end
    if j < scan.n and tokens[j].text == ",":
        j += 1
    k = phrase_end(tokens, j, "comparison_openers")
    if k is None:
        if j >= scan.n or tokens[j].low != "from" or not _changed_to(scan, first):
            return
        k = j + 1
    while k < scan.n and tokens[k].low in scan.lex.qualifier_words:
        k += 1  # "up from about 40"
    if k < scan.n and not tokens[k].newline and (
        tokens[k].kind == NUM or tokens[k].low in WORD_STARTS
    ):
        scan.lent[k] = first


def _changed_to(scan: Scan, first: Reading) -> bool:
    """Does a change word lead to the figure, itself or through "to" ("rose 5%",
    "fell to $3bn")?"""
    k = _level_index_before(scan, first.first)
    if k < 0:
        return False
    if scan.tokens[k].low == "to":
        return _change_before(scan, k, 2)
    return scan.tokens[k].low in scan.lex.change_words


def qualifier_before(scan: Scan, start: int) -> str | None:
    """The bound written before token ``start`` ("more than", "up to", "about"), as the
    qualifier ``data/lexicon_en.tsv`` gives it ("lower", "upper", "approx"), or None."""
    tokens = scan.tokens
    if start == 0:
        return None
    # a qualifier ends right before the number: only those ending on that word may match
    for length in scan.lex.qualifier_lengths.get(tokens[start - 1].low, ()):
        if length <= start:
            words = tuple([t.low for t in tokens[start - length : start]])
            value = scan.lex.qualifiers.get(words)
            if value is not None:
                return value
    return None


def read_bound(scan: Scan, first: Reading, start: int) -> None:
    """Give the reading ``first``, written from token ``start``, the bound written
    before it ("more than 5 km", "up to 10%"), unless the words make it something else."""
    tokens = scan.tokens
    first.qualifier = qualifier_before(scan, start)
    if first.qualifier == "upper" and start >= 3 and tokens[start - 2].low == "up":
        verb = tokens[start - 3]
        if verb.low in scan.lex.change_words or at(verb, "up_particle_verbs"):
            first.qualifier = None  # "ticked up to 3.9%" is a new level; "reported up to" a bound
    if first.qualifier == "lower" and start > 0 and tokens[start - 1].low == "over":
        entry = first.unit_entry
        if entry is not None and entry.expression in TIME_UNITS and not first.hyphenated:
            if start < 2 or not at(tokens[start - 2], "over_bound_before"):
                first.qualifier = None  # "over five years" is a span; "in over 12 months" a bound


def _opener(scan: Scan, i: int) -> tuple[int, int] | None:
    """The index of an opener ("from") before token ``i`` (a qualifier may stand
    between: "from about $350") and its change window, or None."""
    openers = range_words().openers
    k = _level_index_before(scan, i)
    if k < 0 or scan.tokens[k].low not in openers:
        return None
    return k, openers[scan.tokens[k].low]


def _change_before(scan: Scan, k: int, window: int) -> bool:
    """Is there a change word within ``window`` words before token ``k``
    ("rose sharply from")?"""
    tokens = scan.tokens
    for m in range(k - 1, max(-1, k - 1 - window), -1):
        if tokens[m].kind != WORD:
            return False
        if tokens[m].low in scan.lex.change_words:
            return True
    return False


def _level_index_before(scan: Scan, i: int) -> int:
    """The index of the word before token ``i``, skipping a qualifier ("rose
    about 5%"), or -1."""
    k = i - 1
    while k >= 0 and scan.tokens[k].kind == WORD:
        if scan.tokens[k].low not in scan.lex.qualifier_words:
            return k
        k -= 1
    return -1


def _level_word_before(scan: Scan, i: int) -> str:
    """The word before token ``i``, skipping a qualifier ("rose about 5%")."""
    k = _level_index_before(scan, i)
    return scan.tokens[k].low if k >= 0 else ""


def borrow_unit(scan: Scan, first: Reading) -> None:
    """ "45 and 50 mg", "3 or 4 days", "ten or twelve thousand people", "10, 20 and
    30 km", "6 or $7": a bare number takes the unit of the next one."""
    if _borrow_side(scan, first):
        return
    step = _list_step(scan, first)
    if step is None:
        return
    second, comma = step
    if comma:
        if not _bare(second):
            return  # "on day 10, 20 km were covered": no list
        lender = _list_end(scan, second)
    else:
        lender = second if second.carries() else None
    if lender is not None:
        _share_spelled_scale(scan.tokens, first, lender)
        first.borrow(lender)


def _borrow_side(scan: Scan, first: Reading) -> bool:
    """ "24 x 18 in", "3 by 4 metres", "2 x 3 x 4 m": the bare sides of a dimension
    (``dimension_joiners`` between figures) take the length unit written after the
    last. Not a unit of another kind ("2 x 500 mg" is two tablets), nor a count of legs
    ("4 x 100 m relay": ``dimension_counts``). True when the sides were read."""
    tokens = scan.tokens
    reading = first
    while True:
        j = reading.end
        if (
            not _bare(reading)
            or reading.number is None
            or reading.number.words
            or j + 1 >= scan.n
            or not at(tokens[j], "dimension_joiners")
            or tokens[j + 1].kind != NUM
        ):
            return False
        side = read_single(scan, j + 1)
        if side is None or side.skip_only or side.range_with is not None:
            return False
        if side.carries():
            break
        reading = side
    if (
        side.unit is None
        or side.currency is not None
        or side.per is not None
        or not is_length(side.unit)
        or near(tokens, side.end, "dimension_counts")
    ):
        return False
    first.borrow(side)
    return True


def _list_step(scan: Scan, first: Reading) -> tuple[Reading, bool] | None:
    """The number after a bare number in a list, and whether a comma joins them."""
    tokens = scan.tokens
    j = first.end
    if not _bare(first) or first.number is None or j + 1 >= scan.n:
        return None
    joiner = tokens[j].low
    comma = joiner == ","
    if comma and tokens[j + 1].low in ("and", "or"):
        k = first.first
        if k < 2 or tokens[k - 1].text != "," or tokens[k - 2].kind != NUM:
            return None  # "rose to 450,000, or 16.5%": a restatement, not a list's last
        j += 1  # "10, 20, and 30 km"
        joiner, comma = tokens[j].low, False
        if j + 1 >= scan.n:
            return None
    if not comma and joiner not in ("and", "or"):
        return None
    nxt = tokens[j + 1]
    if first.number.words:
        if joiner != "or" or nxt.kind != WORD or nxt.low not in WORD_STARTS:
            return None  # "two or three days"; "one and all" is no list
    elif nxt.kind != NUM and not (joiner == "or" and currency_symbol(scan, j + 1)):
        return None  # "6 or $7"; "300 and $5m in savings" is no list
    second = read_single(scan, j + 1)
    if second is None or second.skip_only or second.range_with is not None:
        return None
    return second, comma


def _list_end(scan: Scan, reading: Reading) -> Reading | None:
    """What the bare numbers of a comma list from ``reading`` on borrow: the number
    that ends the list with its unit ("30 km" of "10, 20 and 30 km"), or None. Each
    number's answer is kept in ``list_units``, so a long list is walked once."""
    chain: list[int] = []
    lender: Reading | None = None
    while True:
        if reading.first in scan.list_units:
            lender = scan.list_units[reading.first]
            break
        chain.append(reading.first)
        step = _list_step(scan, reading)
        if step is None:
            break
        reading, comma = step
        if not comma:
            lender = reading if reading.carries() else None
            break
        if not _bare(reading):
            break
    for key in chain:
        scan.list_units[key] = lender
    return lender


def spelled_pair(scan: Scan, i: int, between: bool) -> Reading | None:
    """A spelled-out number that cannot stand alone ("six", "two") stands as the
    first of a pair: "six to seven thousand people", "two or three days"."""
    tokens = scan.tokens
    if tokens[i].kind != WORD or tokens[i].low not in WORD_STARTS:
        return None
    number = parse_words(tokens, i)
    if number is None or number.end + 1 >= scan.n:
        return None
    joiner = tokens[number.end].low
    if joiner in HYPHENS and tokens[number.end + 1].low == "to":
        joiner = "to"  # "a one- to two-hour delay"
    if joiner not in ("to", "or") and not (between and joiner == "and"):
        return None
    first = Reading(first=i, number=number, end=number.end)
    if joiner == "or":
        borrow_unit(scan, first)
        return first if first.carries() else None
    range_tail(scan, first, between)
    return first if first.range_with is not None else None


def read_vague(scan: Scan, i: int) -> Reading | None:
    """ "hundreds of miles", "thousands of people", "tens of thousands of dollars",
    "hundreds of thousands", "several thousand people", "a few hundred metres": a
    vague amount as an approximate range."""
    tokens = scan.tokens
    words = range_words()
    head = _vague_head(scan, i)
    if head is not None:
        (low, high), j = head
        scale = 1.0
        while j < scan.n and tokens[j].low in _MULTIPLIERS and not tokens[j].newline:
            scale *= _MULTIPLIERS[tokens[j].low]  # "several hundred thousand"
            j += 1
        if scale == 1.0:
            return None  # "a few people" is no figure
        return _vague_tail(scan, i, low, high, scale, j, of=False)
    if tokens[i].low not in words.vague:
        return None
    low, high = words.vague[tokens[i].low]
    j = i + 1
    composed = False
    if j + 1 < scan.n and tokens[j].low == "of" and tokens[j + 1].low in words.vague:
        scale = words.vague[tokens[j + 1].low][0]
        if scale >= high:  # "tens of thousands", not "thousands of tens"
            low, high, j, composed = low * scale, high * scale, j + 2, True
    return _vague_tail(scan, i, low, high, 1.0, j, of=not composed)


def _vague_head(scan: Scan, i: int) -> tuple[tuple[float, float], int] | None:
    """The longest small vague count at ``i`` ("several", "a couple of") and the
    index after it."""
    words = range_words()
    found = None
    key: tuple[str, ...] = ()
    for k in range(i, min(i + words.head_longest, scan.n)):
        key += (scan.tokens[k].low,)
        if key not in words.head_prefixes:
            break
        ends = words.heads.get(key)
        if ends is not None:
            found = ends, k + 1  # the longest head wins: "a couple of" over "a couple"
    return found


def _vague_tail(
    scan: Scan, i: int, low: float, high: float, scale: float, j: int, *, of: bool
) -> Reading | None:
    """What a vague amount counts, from token ``j``: after "of" for a plural amount
    word ("hundreds of miles"), straight after a multiplier ("several thousand
    people"). ``of`` says the amount needs something counted to stand."""
    tokens = scan.tokens
    step = low
    reading = Reading(first=i, number=Number(low, step, j, True), end=j, scale=scale)
    k = j + 1 if j < scan.n and tokens[j].low == "of" and (of or scale == 1.0) else j
    if k < scan.n and (k > j or scale != 1.0) and not tokens[k].newline:
        reading.number = Number(low, step, k, True)
        reading.scale_end = k if scale != 1.0 else 0
        end = currency_after(scan, reading, k)
        if reading.currency is None and low * scale >= 1e6:
            end = _vague_sterling(scan, reading, k, end)  # "millions of pounds"
        if reading.currency is not None:
            reading.per, end = read_per(scan, end, money=True)
        elif _spelled_unit(tokens[k]):
            end = read_unit(scan, reading, k)
        if reading.carries():
            reading.end = end
        else:
            end = count_noun(scan, reading, k)  # "thousands of people": noun left out
            if reading.unit is not None:
                reading.end = end  # "thousands of vehicles a day"
    if of and not reading.carries():
        return None  # "thousands of the", "hundreds of times": no amount of anything
    assert reading.number is not None
    second = Reading(first=i, number=Number(high, step, reading.number.end, True))
    second.end, second.scale = reading.end, scale
    second.borrow(reading)
    reading.range_with = second
    return reading


def _vague_sterling(scan: Scan, reading: Reading, k: int, end: int) -> int:
    """ "billions of pounds" is money, as "1.8 billion pounds" is, unless what is
    weighed is named ("millions of pounds of grain") or mass is spoken of nearby."""
    found = currency_word_at(scan, k)
    if found is None or found[0] != "GBP":
        return end
    code, after = found
    tokens = scan.tokens
    if after < scan.n and tokens[after].low == "of":
        return end
    window = range(max(0, reading.first - 6), min(scan.n, after + 4))
    if any(tokens[m].low in MASS_WORDS for m in window):
        return end
    reading.currency = code
    return after


def _bare(reading: Reading) -> bool:
    """Does the reading say nothing of what it counts ("165", "7")?"""
    return not reading.carries() and not reading.percent


def _lendable(first: Reading, second: Reading) -> bool:
    """May ``second`` take what ``first`` wrote once: all of it ("from 180 pounds to
    165"), or the time a price is per ("from $10 an hour to $15")?"""
    if not first.carries() and not first.percent:
        return False
    if _bare(second):
        return True
    return (
        first.per is not None
        and second.per is None
        and second.currency is not None
        and second.currency == first.currency
    )


def _take(second: Reading, first: Reading) -> None:
    """Give ``second`` what ``first`` wrote once (see ``_lendable``)."""
    if _bare(second):
        second.borrow(first)
    else:
        second.per = first.per


def _spelled_unit(t: Token) -> bool:
    """May a unit after a vague "of" start at ``t``? Only a word of three or more
    letters: "hundreds of miles", never "hundreds of in" or "of m"."""
    return t.kind == WORD and len(t.text) >= 3


def _share_spelled_scale(tokens: list[Token], first: Reading, second: Reading) -> None:
    """ "six to seven thousand", "two or three hundred": a multiplier spelled once at
    the end of the second number applies to a first number written without one."""
    a, b = first.number, second.number
    if a is None or b is None or not b.words or first.scale != 1.0 or second.scale != 1.0:
        return
    last = tokens[b.end - 1].low
    multiplier = _MULTIPLIERS.get(last)
    if multiplier is None:
        return
    spelled = range(second.first, b.end - 1)
    if any(tokens[k].low in _MULTIPLIERS for k in spelled):
        return  # "seven thousand five hundred": the last word is not the only scale
    if a.words and any(tokens[k].low in _MULTIPLIERS for k in range(first.first, a.end)):
        return  # "two hundred to three thousand": each end has its own
    if a.value >= 100 or a.value * multiplier > b.value:
        return  # "eight to seven thousand": no shared scale reads upwards
    first.scale = multiplier


def _far_apart(first: Reading, second: Reading) -> bool:
    """Are the two ends more than ten times apart, too far for a written range?"""
    assert first.number is not None and second.number is not None
    scale = first.scale
    if scale == 1.0 and first.number.value <= second.number.value:
        scale = second.scale  # "rose 5 to 10 million": the scale is written once
    low = abs(first.number.value * scale)
    high = abs(second.number.value * second.scale)
    return low > 0 and high > 10 * low

"""Scales and units after a number: "bn", "million", "km", "square miles", "m²",
"km/h", "miles per hour", "%", "basis points", and the readings that depend on context
("m" as million or metres, "in" as inches, plain "degrees" as heat or angle).

Scientific forms are units too: inverse powers ("s-1", "fb−1", "m^-2"), chained rates
("J/m^2 per year"), products ("N·m", "W m-2"). Foot and inch marks ("40'", "6'2\"")
count only where a quote reading is unlikely; a bare capital C or F only with
temperature evidence. A word the table lacks is read through pint (``surfaces.pint_entry``);
the words that decide a reading are context sets in ``data/context_en.tsv``.

A unit stage after ``money``: functions ``f(scan, reading, j)`` that read the scale and
the unit written after a number and return where the reading goes on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..text.context import at, near, words
from ..text.tokens import FRAC, NUM, SUP, WORD
from ..units.registry import compose, is_length, unit_info
from .money import currency_word_at
from .numbers import read_number
from .state import CLOSING, HYPHENS, NOT_NOUNS, TIME_UNITS, Reading, Scan, plural_noun_at
from .surfaces import UnitEntry, pint_entry

#: A unit may stand in brackets after its number: opening -> closing bracket.
BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}
#: Signs that write a negative power after a unit symbol: "s-1", "fb−1", "m^-2".
#: A bracketed aside, as a conversion is written: "(87.8 degrees Fahrenheit)".
_BRACKETED = re.compile(r"\([^()]{0,80}\)")
EXPONENT_MINUS = frozenset("-\u2212")
#: A number written with thousands grouping ("278,000", "10 000").
_GROUPED = re.compile(r"\d[,\u00a0\u202f\u2009 ]\d{3}")
#: A decimal point between digits ("27800.0", "4.5").
_DECIMAL = re.compile(r"\d\.\d")
#: Quotation marks that open or close a single-quoted passage.
SINGLE_QUOTES = frozenset("'\u2018\u2019")
#: How far (in characters) a quotation is looked for around a mark that may close it.
QUOTE_REACH = 1000
#: Foot marks that are also quotes or apostrophes; inch marks that are also quotes.
FOOT_QUOTES = frozenset("'\u2019")
INCH_QUOTES = frozenset('"\u201d')
#: Signs before a number that make its marks minutes and seconds of arc (40°26'46").
ARC_SIGNS = frozenset("\u00b0'\u2019\u2032")
#: The words of a percentage, as context sets: "5 percent" or "5pc", "percentage points"
#: (after "percent", "per cent" or "percentage"), "3pp", "25bp" and "basis points".
_PERCENT_WORDS = words("percent_words")
_PERCENT_EXACT = words("percent_exact")
_POINT_WORDS = words("point_words")
_PERCENTAGE_POINT_ABBREVIATIONS = words("percentage_point_abbreviations")
_BASIS_POINT_ABBREVIATIONS = words("basis_point_abbreviations")
#: Words that make a unit square or cubic ("400 square miles", "5 cu m").
_SQUARE_WORDS = words("square_words")
_CUBIC_WORDS = words("cubic_words")
#: Scale letters that make a scale only after a currency ("$5b", not "5b").
_CURRENCY_SCALES = words("currency_scales")
#: Words after "2 in" that keep it inches ("14 in in places", "3 in of rain").
_INCH_PREPOSITIONS = words("inch_prepositions")
#: Words after "a year from" that make it a date ("a year from now").
_TIME_DEICTICS = words("time_deictics")


def read_scale(scan: Scan, reading: Reading, j: int) -> int:
    if j >= scan.n:
        return j
    t = scan.tokens[j]
    if t.text in HYPHENS and not t.space and j + 1 < scan.n and reading.currency is not None:
        after = scan.tokens[j + 1]  # "$1.5-billion", as some papers write it
        if not after.space and at(after, "long_scales"):
            reading.scale = scan.lex.scales[after.low]
            reading.scale_end = j + 2
            return j + 2
    if t.kind != WORD or t.newline:
        return j
    factor = scan.lex.scales_cs.get(t.text)
    short = factor is not None
    if factor is None:
        factor = scan.lex.scales.get(t.low)
        short = factor is not None and len(t.low) <= 3
    if factor is None:
        return j
    if short:  # abbreviations are written onto the number ("$2bn", "£45m", "500k")
        if t.space and not at(t, "spaced_scales"):
            return j
        if (
            t.low == "k"
            and reading.currency is None
            and reading.number is not None
            and reading.number.value <= 100
            and _race_k(scan, j)
        ):
            reading.unit = "kilometer"  # "the parkrun 5k": a race distance
            reading.unit_entry = scan.units.match(("km",))
            return j + 1
        if t.low == "m" and not _m_is_million(scan, reading, j):
            return j
        if t.low in _CURRENCY_SCALES and reading.currency is None:
            return j
        if t.text == "K" and reading.currency is None and not plural_noun_at(scan, j + 1):
            return j
    reading.scale = factor
    reading.scale_end = j + 1
    if not short and j + 1 < scan.n:
        more = scan.lex.scales.get(scan.tokens[j + 1].low)
        if more is not None and len(scan.tokens[j + 1].low) > 3:
            reading.scale *= more  # "295 lakh crore", "a thousand million"
            reading.scale_end = j + 2
    return reading.scale_end


def _race_k(scan: Scan, j: int) -> bool:
    """Is the "k" at ``j`` a race distance in kilometres ("ran the 10k", "a 5K fun
    run"), with running words nearby and no counted noun after it ("5k runners")?"""
    tokens = scan.tokens
    nxt = tokens[j + 1] if j + 1 < scan.n else None
    if nxt is not None and at(nxt, "race_routes") and not nxt.newline:
        return True  # "a 5k course", "the 10k route"
    if nxt is not None and not at(nxt, "race_k_words") and plural_noun_at(scan, j + 1):
        return False
    return near(tokens, j, "race_k_words")


def _m_is_million(scan: Scan, reading: Reading, j: int) -> bool:
    """Decide whether an "m" after a number is million or metres."""
    if reading.currency is not None:
        return True
    tokens = scan.tokens
    k = j + 1
    if k < scan.n:
        after = tokens[k]
        if not after.space and after.kind in (NUM, SUP):
            return False  # "400m2", "40m³"
        if after.kind == WORD and after.space:
            if at(after, "metre_context"):
                return False
            if unit_after(scan, k) is not None or currency_word_at(scan, k) is not None:
                return True  # "5m tonnes", "3m euros"
            if (
                (after.low in _SQUARE_WORDS or after.low in _CUBIC_WORDS)
                and k + 1 < scan.n
                and not tokens[k + 1].newline
                and unit_after(scan, k + 1) is not None
            ):
                return True  # "4.2m sq km", "1.5m cubic metres"; not "a 4.2m square room"
            if plural_noun_at(scan, k):
                return True  # "2.5m people"
            if (
                k + 1 < scan.n
                and tokens[k + 1].kind == WORD
                and tokens[k + 1].space
                and not at(tokens[k + 1], "metre_context")
                and not at(after, "not_nouns")
                and plural_noun_at(scan, k + 1)
            ):
                return True  # "500m monthly users", "3m new homes"; not "2m high walls"
            if (
                after.low == "of"
                and k + 2 < scan.n
                and at(tokens[k + 1], "million_of_determiners")
                and plural_noun_at(scan, k + 2)
            ):
                return True  # "40m of its handsets", not "30m of pipes"
    million = scan.lex.million_words
    # "a population of 1.3m"; a bare "paid 80m" stays metres for lint to question (UC210)
    return any(tokens[m].low in million for m in range(max(0, reading.first - 6), reading.first))


def read_unit(scan: Scan, reading: Reading, j: int) -> int:
    """Read a unit after the number (and scale); compose area, volume and rates."""
    tokens = scan.tokens
    if j >= scan.n or tokens[j].newline:
        return j
    hyphen = False
    k = j
    t = tokens[j]
    if t.text in HYPHENS and not t.space and k + 1 < scan.n:
        after = tokens[k + 1]
        if not after.space and after.kind == WORD:
            hyphen = True  # "600-mile", "a 5-percent rise"
            k += 1
    if not hyphen and t.low == "below" and reading.currency is None:
        return _below_zero(scan, reading, j)
    if t.text in BRACKETS and j + 2 < scan.n:
        found = unit_after(scan, j + 1)  # "20 (kg)", "20 [kg]": a unit in brackets
        if found is not None and found[1] < scan.n:
            entry, end = found
            if tokens[end].text == BRACKETS[t.text] and entry.expression != "degree":
                reading.unit, reading.unit_entry = entry.expression, entry
                reading.unit_factor = entry.factor
                return end + 1
    percent = percent_at(scan, k)
    if percent is not None:
        reading.unit, end = percent
        reading.percent = True
        if reading.unit == "percent":
            per, after = read_per(scan, end)
            if per is not None and per in TIME_UNITS:  # "2.5% a year"
                reading.unit, end = compose("percent", 1, per), after
        return end
    power = 1
    if tokens[k].low in _SQUARE_WORDS and k + 1 < scan.n:
        power, k = 2, k + 1
        if tokens[k].text == "." and not tokens[k].space and k + 1 < scan.n:
            k += 1  # "sq. km"
    elif tokens[k].low in _CUBIC_WORDS and k + 1 < scan.n:
        power, k = 3, k + 1
    if (
        power != 1
        and hyphen
        and tokens[k].text in HYPHENS
        and not tokens[k].space
        and k + 1 < scan.n
        and not tokens[k + 1].space
    ):
        k += 1  # "a 174,000-cubic-metre tank", "a 40-square-mile zone"
    found = unit_after(scan, k, attached=not tokens[k].space and not hyphen, hyphen=hyphen)
    if found is None:
        return j
    entry, end = found
    if power == 1 and entry.surface[0][0].isalpha():  # "6'2" is not square feet
        power, end = _exponent(scan, end, entry.surface, hyphenated=hyphen)
    elif end < scan.n and tokens[end].kind == SUP:
        end += 1
    expression = entry.expression
    if expression == "degree" and power == 1:
        assert reading.number is not None
        if (
            end + 1 < scan.n
            and tokens[end].low == "below"
            and tokens[end + 1].low == "zero"
            and not reading.negative
        ):
            reading.negative = True  # "30 degrees below zero"
            end += 2
        expression = _degrees(scan, end, reading.negative, reading.number.value)
    if power > 1 and not is_length(expression):
        return j  # "5 kg2" is not a unit; an inverse "s-1" or "fb−1" is
    if expression not in ("degree", "degree_Celsius", "degree_Fahrenheit"):
        factors = [compose(expression, power)]
        spelled = _spelled_product(scan, entry, expression, end) if power == 1 else None
        if spelled is not None:  # "45 kilojoule seconds", "20 watt seconds"
            factors.append(spelled[0])
            end = spelled[1]
        while True:
            more = _product_after(scan, end)
            if more is None:
                break
            factors.append(more[0])
            end = more[1]
        if len(factors) > 1:  # "200 W m-2", "40 N·m", "3 kW·h"
            expression, power = " * ".join(f"({f})" for f in factors), 1
    per = None
    if expression not in ("degree_Celsius", "degree_Fahrenheit"):
        per, end = read_per(scan, end)
        if per is not None:
            more, after = read_per(scan, end)  # "20 J/m^2 per year", "5 mg/kg a day"
            if more is None and per not in TIME_UNITS:
                more, after = _time_after_per(scan, end)  # "20 kJ per square metre year"
            if more is not None:
                per, end = f"({per}) * ({more})", after
        if per is None:
            per, end = _per_after_of(scan, end)
    reading.unit = compose(expression, power, per)
    reading.unit_factor = entry.factor
    reading.unit_entry = entry
    reading.hyphenated = hyphen
    if hyphen and end + 1 < scan.n and tokens[end].text in HYPHENS and tokens[end + 1].low == "old":
        end += 2  # "10-year-old"
    return end


def read_compound(scan: Scan, reading: Reading, j: int) -> int:
    """ "5 feet 2 inches", "12 ft 2 in", "2lb 4 oz", "2hr 5min 42sec": a measure
    written in units of one dimension, each smaller than the one before and dividing
    it, is one quantity in the first unit."""
    tokens = scan.tokens
    unit = reading.unit
    if unit is None or reading.number is None or reading.percent or reading.per:
        return j
    last, last_value, total = unit, reading.number.value, reading.number.value
    step = reading.number.step
    while True:
        k = j + 1 if j < scan.n and tokens[j].low == "and" else j
        if k >= scan.n or tokens[k].kind != NUM or tokens[k].newline:
            break
        number = read_number(scan.tokens, k)
        if number is None or number.words:
            break
        feet = last == "foot"
        found = None
        if number.end < scan.n:
            found = unit_after(
                scan, number.end, attached=not tokens[number.end].space, after_feet=feet
            )
        if found is None:
            if feet and last == unit and k == j and _bare_inches(scan, reading, number.value, number.end):
                total += number.value / 12
                step = number.step / 12
                j = number.end  # "6 foot 2", "5ft 9 tall": the inches go unsaid
            break
        entry, end = found
        factor = _part_factor(entry, last, unit, number.value, last_value)
        if factor is None:
            break
        total += number.value * factor
        step = number.step * factor
        last, last_value, j = entry.expression, number.value, end
    if step != reading.number.step:
        # the compound is as exact as its last part: "2 hours 1 minute 53 seconds" to the second
        reading.number = reading.number._replace(value=total, step=step)
    return j


def _part_factor(
    entry: UnitEntry, last: str, first: str, value: float, last_value: float
) -> float | None:
    """One of a further part's unit in the compound's first unit ("2 inches" after
    "5 feet": 1/12); None when it is no such part: another dimension or a unit no
    smaller, a unit that does not divide the one before ("5 feet 2 cm"), or as much
    as a whole one of it ("10 miles and 5 km" are two distances)."""
    if entry.expression in ("degree", last) or entry.factor != 1:
        return None
    try:
        info, before, head = unit_info(entry.expression), unit_info(last), unit_info(first)
    except Exception:  # noqa: BLE001 - a composed unit pint cannot read alone
        return None
    if info.offset or info.dimension != before.dimension or info.si_factor >= before.si_factor:
        return None
    ratio = before.si_factor / info.si_factor
    if abs(ratio - round(ratio)) > 1e-9 * ratio:
        return None  # feet and inches, pounds and ounces divide; feet and centimetres do not
    if value / ratio >= 1 or not last_value.is_integer():
        return None
    return info.si_factor / head.si_factor


def _bare_inches(scan: Scan, reading: Reading, value: float, end: int) -> bool:
    """After whole feet, is a whole number under 12 that ends the phrase ("6 foot 2,",
    "5ft 9 tall", "6 foot 7 and heavy") the inches, unit unsaid?"""
    assert reading.number is not None
    if not (value.is_integer() and 0 <= value < 12 and reading.number.value.is_integer()):
        return False
    if reading.hyphenated or not scan.tokens[end - 1].text.isdigit():
        return False
    after = scan.tokens[end] if end < scan.n else None
    if after is None or after.newline or (after.text in CLOSING and after.text != "'"):
        return True
    return after.space and (after.low in NOT_NOUNS or at(after, "inch_context"))


def _below_zero(scan: Scan, reading: Reading, j: int) -> int:
    """ "30 below zero", and "30 below" in weather, are temperatures under zero in
    the text's degrees (Fahrenheit with American signals, else Celsius)."""
    tokens = scan.tokens
    assert reading.number is not None
    after = tokens[j + 1] if j + 1 < scan.n else None
    if after is not None and after.low == "zero":
        end = j + 2
    elif (after is None or after.text in CLOSING or at(after, "below_ends")) and any(
        tokens[k].low in scan.lex.heat_words for k in range(max(0, j - 15), j)
    ):
        end = j + 1
    else:
        return j  # "10 below normal", "5 below the average"
    if reading.number.words and reading.number.value < 2:
        return j
    reading.negative = True
    reading.unit = _degrees(scan, end, True, reading.number.value)
    reading.unit_entry = scan.units.match(("degrees",))
    return end


def _time_after_per(scan: Scan, end: int) -> tuple[str | None, int]:
    """ "per square metre year", "per hectare day": a unit of time named in the singular
    straight after a rate's other unit is in its denominator too, as a person-year is;
    not where an idiom goes on ("year on year", "day in, day out": ``per_time_idioms``)."""
    tokens = scan.tokens
    if end >= scan.n or not tokens[end].space or tokens[end].newline:
        return None, end
    word = tokens[end]
    if word.kind != WORD or word.low not in TIME_UNITS:
        return None, end  # the singular name ("year"), as a denominator is written
    after = tokens[end + 1] if end + 1 < scan.n else None
    if after is not None and not after.newline and after.text not in CLOSING and (
        not after.space or at(after, "per_time_idioms")
    ):
        return None, end  # "year-round", "year on year"
    return word.low, end + 1


def _per_after_of(scan: Scan, end: int) -> tuple[str | None, int]:
    """ "150 minutes of brisk walking a week", "2 litres of water a day": a rate
    written after what is measured, within a few plain words."""
    tokens = scan.tokens
    if end >= scan.n or tokens[end].low != "of":
        return None, end
    for k in range(end + 1, min(scan.n, end + 5)):
        t = tokens[k]
        if t.kind != WORD or t.newline or at(t, "duration_prepositions"):
            break  # "31 mm of rain in under an hour" is how long, not how often
        if t.low in ("a", "an", "per", "each") and k > end + 1:
            per, stop = read_per(scan, k)
            if per is not None and per in TIME_UNITS:
                return per, stop
            break
    return None, end


def unit_after(
    scan: Scan, k: int, *, attached: bool = False, hyphen: bool = False, after_feet: bool = False
) -> tuple[UnitEntry, int] | None:
    """The longest table unit starting at token ``k``; ``after_feet`` when it would
    be the inches of "12 ft 2 in" or "6'2\"", where "in" and \" can only be inches."""
    if k >= scan.n:
        return None  # the text ends here ("He is 6-foot-3")
    tokens = scan.tokens
    starts = scan.units.starts  # only lengths a unit starting with this token has
    longest = max(starts.get(tokens[k].text, 0), starts.get(tokens[k].low, 0))
    for length in range(min(longest, scan.n - k), 0, -1):
        words = tokens[k : k + length]
        if length > 1 and any([t.newline for t in words[1:]]):
            continue
        entry = scan.units.match(tuple([t.text for t in words]))
        if entry is None:
            continue
        end = k + length
        if entry.attached_only and not attached and not _stands_apart(scan, entry, k, end):
            continue
        if entry.mark and not _mark_is_unit(scan, k, after_feet):
            continue
        if hyphen and entry.no_hyphen:
            continue
        if not _unit_boundary(scan, entry, end, after_feet=after_feet):
            continue
        return _sense(scan, entry, k), end
    if hyphen:
        found = _hyphenated_unit(scan, k)
        if found is not None:
            return found
    return _pint_unit(scan, k)


def _sense(scan: Scan, entry: UnitEntry, k: int) -> UnitEntry:
    """The unit a surface at token ``k`` means in its context: another sense of
    ``unit_senses_en.tsv`` when its context set is near ("gusts of 65 kt" are knots),
    else the table's own reading."""
    senses = scan.units.senses
    if not senses or entry.surface[0].lower() not in scan.units.sense_starts:
        return entry  # most units have one sense: no folded key to build
    found = senses.get(tuple(w.lower() for w in entry.surface))
    if found is None:
        return entry
    for context, expression in found:
        if near(scan.tokens, k, context):
            return replace(entry, expression=expression)
    return entry


def _pint_unit(scan: Scan, k: int) -> tuple[UnitEntry, int] | None:
    """A word the table has no row for, read through pint ("kW", "MPa", "dm")."""
    if k >= scan.n:
        return None
    t = scan.tokens[k]
    if t.kind != WORD or t.newline:
        return None
    starts = scan.units.starts  # a word no table unit starts with has no row of its own
    if (t.text in starts or t.low in starts) and scan.units.match((t.text,)) is not None:
        return None
    entry = pint_entry(t.text)
    if entry is None or not _unit_boundary(scan, entry, k + 1):
        return None
    return entry, k + 1


def _hyphenated_unit(scan: Scan, k: int) -> tuple[UnitEntry, int] | None:
    """A several-word unit written with hyphens in a compound modifier: "a
    3,500-nautical-mile voyage", "a 60-miles-per-hour limit"."""
    tokens = scan.tokens
    words = [tokens[k].text]
    m = k
    while (
        len(words) < scan.units.longest
        and m + 2 < scan.n
        and tokens[m + 1].text in HYPHENS
        and not tokens[m + 1].space
        and not tokens[m + 2].space
        and tokens[m + 2].kind == WORD
    ):
        m += 2
        words.append(tokens[m].text)
    for length in range(len(words), 1, -1):
        entry = scan.units.match(tuple(words[:length]))
        if entry is None or entry.no_hyphen:
            continue
        end = k + 2 * length - 1
        if _unit_boundary(scan, entry, end):
            return entry, end
    return None


def _product_after(scan: Scan, end: int) -> tuple[str, int] | None:
    """A further unit multiplying the one before ``end``: after a middle dot ("N·m",
    "kW·h"), or set apart with an inverse power, as scientific copy writes a
    quotient ("W m-2", "m s-1"). Returns the factor's expression and its end."""
    if end + 1 >= scan.n:
        return None
    tokens = scan.tokens
    t = tokens[end]
    dot = t.text in ("\u00b7", "\u22c5")
    if dot:
        if tokens[end + 1].space:
            return None
        k = end + 1
    elif t.space and not t.newline and t.kind == WORD:
        k = end
        if not _power_sign_within(scan, k):
            return None  # set apart, a factor needs its inverse power: "5 kg bags" has none
    else:
        return None
    found = unit_after(scan, k, attached=True)
    if found is None:
        return None
    entry, stop = found
    if not entry.surface[0][0].isalpha():
        return None
    power, after = _exponent(scan, stop, entry.surface)
    if not dot and power >= 0:
        return None  # "5 kg bags" is no product; "5 kg m-3" is
    return compose(entry.expression, power), after


#: What opens a negative power written onto a unit (``_exponent``): "s-1", "m^-2", "s⁻¹".
_POWER_SIGNS = EXPONENT_MINUS | {"^", "\u207b"}


def _power_sign_within(scan: Scan, k: int) -> bool:
    """Could a unit starting at token ``k`` carry a negative power? Only with a power
    sign written onto one of the tokens a unit there could end before: checked first
    because most words after a unit are no unit at all ("45 mm in the storm")."""
    for t in scan.tokens[k + 1 : k + 1 + max(scan.units.longest, 1)]:
        if t.text in _POWER_SIGNS and not t.space:
            return True
    return False


def _spelled_product(
    scan: Scan, entry: UnitEntry, expression: str, end: int
) -> tuple[str, int] | None:
    """A unit name in the singular followed by another in the plural is their product,
    as copy spells compound units the table has no row for ("45 kilojoule seconds",
    "a 3 joule seconds"): both spelled out in lower case, the first not a time ("8
    minute miles" is a pace)."""
    first = entry.surface
    if len(first) != 1 or len(first[0]) < 4 or not first[0].isalpha() or not first[0].islower():
        return None
    if first[0].endswith("s") or expression in TIME_UNITS or entry.factor != 1:
        return None
    if end >= scan.n:
        return None
    t = scan.tokens[end]
    if not t.space or t.newline or t.kind != WORD or len(t.text) < 5 or not t.text.islower():
        return None
    if not t.text.endswith("s"):
        return None
    found = unit_after(scan, end, attached=True)
    if found is None or found[1] != end + 1 or found[0].factor != 1:
        return None
    second = found[0].expression
    if second == expression or second in ("degree", "degree_Celsius", "degree_Fahrenheit"):
        return None
    return second, end + 1


def _glued_on(scan: Scan, k: int) -> bool:
    """Is token ``k`` a number or a word written straight onto the token before it?"""
    return k < scan.n and not scan.tokens[k].space and scan.tokens[k].kind in (NUM, WORD)


def _stands_apart(scan: Scan, entry: UnitEntry, k: int, end: int) -> bool:
    """A symbol otherwise written onto its number ("5t", "60W") may stand apart when
    it carries a rate or an inverse power ("4 W/min", "3e9 s-1", "15 J/m^2"), when a
    thing it rates follows ("a 100 W bulb": ``symbol_nouns``), or,
    flagged ``grouped``, after a number written as a measure is, with thousands grouping
    or a decimal point ("278,000 t", "27800.0 t", "4.5 t": a label or an initial follows a
    whole number)."""
    tokens = scan.tokens
    if entry.grouped and k > 0:
        number = tokens[k - 1]
        if number.kind == NUM and (_GROUPED.search(number.text) or _DECIMAL.search(number.text)):
            return True
    if entry.ends and _ends_phrase(scan, end) and not _bearing(scan, k):
        return True  # "rated at 250 W.", "230 V and 13 A of current"
    if end >= scan.n:
        return False
    if tokens[end].space:
        if at(tokens[end], "symbol_nouns") and not tokens[end].newline:
            return True  # "a 100 W bulb", "a 13 A fuse", "a 7.5 t lorry"
        return _product_after(scan, end) is not None  # "200 W m-2"
    if tokens[end].text in ("\u00b7", "\u22c5"):
        return _product_after(scan, end) is not None  # "5 N·m"
    if tokens[end].text == "/":
        after = tokens[end + 1] if end + 1 < scan.n else None
        if after is not None and len(after.text) == 1 and after.text.isupper():
            return False  # "10 A/B tests"
        return read_per(scan, end)[0] is not None
    return _exponent(scan, end, entry.surface)[0] < 0


def _ends_phrase(scan: Scan, end: int) -> bool:
    """Does a phrase end at token ``end``: the text, a line, a clause or a word of
    ``symbol_ends``?"""
    if end >= scan.n:
        return True
    after = scan.tokens[end]
    if after.newline:
        return True
    if not after.space:
        return at(after, "closing")
    return at(after, "closing") or at(after, "symbol_ends")


def _bearing(scan: Scan, k: int) -> bool:
    """Is the symbol at ``k`` one of a pair of compass bearings ("30 N 45 W", "51 N,
    0.1 W")? Another number a few tokens off that carries another compass point says
    so ("1,800 W and 900 W" are two powers)."""
    tokens = scan.tokens
    symbol = tokens[k]
    if not at(symbol, "compass_points"):
        return False
    for m in range(max(1, k - 6), min(scan.n, k + 6)):
        t = tokens[m]
        if t.text != symbol.text and tokens[m - 1].kind == NUM and at(t, "compass_points"):
            return True
    return False


def _mark_is_unit(scan: Scan, k: int, after_feet: bool) -> bool:
    """Is the ASCII ' or \" at token ``k`` a foot or inch mark rather than a quote?

    Only straight after a number: ' touching it ("40'", "6'2"), \" touching it or
    standing alone ("32\"", "10 \" long"), never opening a quoted word
    ("10 \"new\" cases") nor closing a quotation the paragraph opened
    ("\"... at 10\" he said"); a \" after the feet of "6'2\"" is always inches.
    """
    tokens = scan.tokens
    mark = tokens[k]
    if k == 0 or tokens[k - 1].kind != NUM:
        return False
    if k >= 2 and tokens[k - 2].text in ARC_SIGNS and not tokens[k - 1].space:
        if not after_feet:
            return False  # "40°26'46\"": minutes and seconds of arc
    after = tokens[k + 1] if k + 1 < scan.n else None
    if mark.text not in FOOT_QUOTES and mark.text not in INCH_QUOTES:
        return True  # the primes \u2032 and \u2033 are never quotes
    if mark.text in FOOT_QUOTES:
        if mark.space:
            return False
        if after is not None and not after.space:
            if after.kind == NUM:
                return len(after.text) <= 2  # "6'2", not the Swiss "1'000"
            if after.text not in CLOSING or after.text in SINGLE_QUOTES:
                return False  # "45'+2" in a match report
        return not _inside_single_quotes(scan, mark.start)
    if after is not None and not after.space and after.text not in CLOSING:
        return False  # "10 \"new\" cases": an opening quote
    if mark.space and after is not None and not after.space:
        return False
    return after_feet or not _closes_quotation(scan, k)


def _closes_quotation(scan: Scan, k: int) -> bool:
    """Would the \" at token ``k`` close a quotation opened earlier in its paragraph?
    Marks straight after a digit are not counted as quotes; a quotation still open
    with another \" later in the paragraph is closed by that one, not this."""
    text = scan.text
    start = scan.tokens[k].start
    mark = text[start]
    begin = max(text.rfind("\n", max(0, start - QUOTE_REACH), start) + 1, start - QUOTE_REACH)
    stop = text.find("\n", start, start + QUOTE_REACH)
    stop = min(len(text), start + QUOTE_REACH) if stop < 0 else stop
    closers = sum(
        1 for m in range(begin, start) if text[m] == mark and not text[m - 1 : m].isdigit()
    )
    if mark == '"':
        if closers % 2 == 0:
            return False
    elif text.count("\u201c", begin, start) <= closers:
        return False  # a curly quote opens with \u201c: none left open
    return not any(text[m] == mark and not text[m - 1].isdigit() for m in range(start + 1, stop))


def _inside_single_quotes(scan: Scan, start: int) -> bool:
    """Is position ``start`` inside a single-quoted passage opened earlier in its
    paragraph? An opening quote follows a space and precedes a letter; apostrophes
    inside words ("it's") and before decades ("the '90s") open nothing."""
    text = scan.text
    begin = max(text.rfind("\n", max(0, start - QUOTE_REACH), start) + 1, start - QUOTE_REACH)
    inside = False
    for m in range(begin, start):
        if text[m] not in SINGLE_QUOTES:
            continue
        before = text[m - 1] if m > begin else " "
        nxt = text[m + 1] if m + 1 < len(text) else " "
        if (before.isspace() or before in '([\u201c"') and nxt.isalpha():
            inside = True
        elif not before.isspace() and not nxt.isalnum():
            inside = False
    return inside


def _temperature_evidence(scan: Scan, end: int) -> bool:
    """Is a bare capital C or F ending at ``end`` a temperature? Only with evidence:
    heat or weather words around it, a degree sign or a spelled-out scale in the
    text, a sign before the number ("-5C", "minus 5C"), a conversion beside it
    ("40C (104F)", "28 degrees (82.4F)"), a noun temperatures qualify after it ("a 40C day":
    ``temperature_nouns``), or a level written as one ("It reached 40C.", "was 40C
    at noon": a verb or preposition of ``temperature_levels`` before the number, the
    clause ending after the letter). A letter after its number, onto it or spaced, is a
    temperature when the number has a decimal point ("41.2C": codes have none) or when it ends the
    clause ("Now 104F.", "Officials reported 40C.") or a word that shows it labels no noun
    follows it (``temperature_after``: "Storm Brings 104F To Coast", "104F in the shade"; a
    code labels the noun after it, "13F filing", "F Block"), unless a word that names a code
    stands before the number (``temperature_code_labels``: "seat 14F.", "Form 13F.",
    "the 4C."). "13F filing", "23456 F Block" have none."""
    tokens = scan.tokens
    heat = scan.lex.heat_words
    if any(tokens[k].low in heat for k in range(max(0, end - 25), min(scan.n, end + 25))):
        return True
    sign = scan.degree_sign
    if sign is None:
        sign = scan.degree_sign = "\u00b0" in scan.text or "\u00ba" in scan.text
    if sign:
        return True
    number = end - 2
    while number >= 0 and tokens[number].kind != NUM:
        number -= 1
    if number >= 1 and (
        tokens[number - 1].low == "minus"
        or (tokens[number - 1].text in EXPONENT_MINUS and not tokens[number].space)
    ):
        return True
    for k in range(max(1, end - 7), min(scan.n, end + 6)):
        t = tokens[k]
        if (
            k != end - 1
            and t.text in ("C", "F")
            and t.text != tokens[end - 1].text
            and tokens[k - 1].kind == NUM
        ):
            return True
    if (
        number >= 2
        and at(tokens[number - 1], "bracket_opens")
        and at(tokens[number - 2], "plain_degree_marks")
    ):
        return True  # "28 degrees (82.4F)": the conversion of a plain "degrees"
    after = tokens[end] if end < scan.n else None
    ends_clause = after is None or after.newline or after.text in CLOSING
    if (
        number >= 0
        and number == end - 2
        and (
            ends_clause
            or "." in tokens[number].text
            or (after is not None and after.space and at(after, "temperature_after"))
        )
        and not (number >= 1 and at(tokens[number - 1], "temperature_code_labels"))
    ):
        return True  # "Now 104F.", "It was 30 C.", "104F To Coast"; not "seat 14F."
    closes = ends_clause or (
        after is not None and after.space and after.kind == WORD and after.low in NOT_NOUNS
    )
    if after is not None and after.space and at(after, "temperature_nouns"):
        return True  # "a 40C day", "the 100F mark"
    return closes and number >= 1 and near(tokens, number, "temperature_levels")


def _unit_boundary(scan: Scan, entry: UnitEntry, end: int, *, after_feet: bool = False) -> bool:
    """Reject a unit surface glued to more letters, a prepositional "in" ("2in" is
    always inches, and so is the "in" of "12 ft 2 in"), a letter that starts an
    initialism ("2021 C.P.I."), and a bare C or F that is part of a code ("06F6")
    or has no temperature evidence ("13F filing")."""
    after = scan.tokens[end] if end < scan.n else None
    if after is not None and after.kind == WORD and not after.space:
        return False
    surface = entry.surface
    if (
        after is not None
        and after.kind == NUM
        and not after.space
        and entry.expression != "foot"  # "5ft10", "6'2"
        and surface[0][0].isalpha()
        and not (after.text in ("2", "3") and not _glued_on(scan, end + 1))
    ):
        return False  # "24703 m212", "L202": a code, where "m2" is a power
    if (
        len(surface) == 1
        and len(surface[0]) == 1
        and after is not None
        and after.text == "."
        and not after.space
        and end + 1 < scan.n
        and scan.tokens[end + 1].kind == WORD
        and not scan.tokens[end + 1].space
    ):
        return False  # "C.P.I.", "m.p.h" when not a table row
    if surface == ("in",) and after is not None and scan.tokens[end - 1].space:
        if after_feet:
            return after.kind not in (NUM, FRAC) and not at(after, "not_after_inch")
        if after.kind == WORD:
            if at(after, "inch_context") or after.low in _INCH_PREPOSITIONS:
                return True  # "2 in thick", "14 in in places", "3 in of rain"
            number = _number_before(scan, end - 1)
            topic = number is not None and near(scan.tokens, number, "inch_topics")
            if at(after, "inch_not_object") and (
                topic or number is None or not near(scan.tokens, number, "inch_particle_verbs")
            ):
                return True  # "measured 18 in on Friday", "18 in To Coast"; not "flew 40 in on"
            if at(after, "not_after_inch"):
                return False  # "2 in the", "5 in every"
            if number is not None and number >= 1 and at(scan.tokens[number - 1], "times_letters"):
                return True  # "a 24 x 18 in frame": the last side of dimensions
            return not after.text[0].isupper() and (
                topic or _inches_nearby(scan)
            )  # "snow of 18 in places"; "up to 18 in possible" beside "6 to 12 inches"
        return after.kind != NUM and after.kind != FRAC  # "1 in 5"
    if surface in (("C",), ("F",)):
        if after is not None and not after.space and after.text not in CLOSING:
            return False  # "06F6", "5 F-35s": part of a name
        return _temperature_evidence(scan, end)
    return True


def percentage_points(scan: Scan, reading: Reading, j: int) -> int:
    """ "up 4.5 points" beside a percentage is a change in a rate, in percentage
    points; "lost 310 points" on an index or "36 points" in a game is a count."""
    tokens = scan.tokens
    assert reading.number is not None
    start = j
    if (  # "a quarter-point cut", "a 7-point lead"
        j + 1 < scan.n
        and tokens[j].text in HYPHENS
        and not tokens[j].space
        and not tokens[j + 1].space
    ):
        j += 1
    if j >= scan.n or tokens[j].low not in _POINT_WORDS or tokens[j].newline:
        return start
    if reading.scale != 1 or reading.number.value * reading.scale >= 100:
        return start
    if j > start and j + 1 < scan.n and at(tokens[j + 1], "point_plans"):
        return start  # "a 10-point plan"
    if j > start and reading.number.words and reading.number.value in (0.25, 0.5, 0.75):
        reading.unit, reading.percent = "percentage_point", True
        return j + 1  # "a quarter-point cut": rates move in fractions of a point
    window = range(max(0, j - 20), min(scan.n, j + 20))
    poll = near(tokens, j, "poll_words")
    if not (poll or _margin_before(scan, reading.first)):
        if near(tokens, j, "points_scored"):
            return start  # "averaged 11.2 points a game" beside a shooting percentage
        if not any(percent_at(scan, k) is not None for k in window if k != j - 1):
            return start
    if near(tokens, j, "index_words"):
        return start
    reading.unit, reading.percent = "percentage_point", True
    return j + 1


def _margin_before(scan: Scan, first: int) -> bool:
    """Is the number at ``first`` written as a margin: "±3", "+/- 3", "plus or minus 3"?"""
    tokens = scan.tokens
    if tokens[first].low == "plus":
        return True  # the reading already starts at "plus or minus"
    if first >= 1 and tokens[first - 1].text == "\u00b1":
        return True
    return (
        first >= 3
        and tokens[first - 1].text in HYPHENS
        and tokens[first - 2].text == "/"
        and tokens[first - 3].text == "+"
    )


def _number_before(scan: Scan, k: int) -> int | None:
    """The number token that a unit at token ``k`` follows, if it is the one before."""
    return k - 1 if k >= 1 and scan.tokens[k - 1].kind == NUM else None


def _inches_nearby(scan: Scan) -> bool:
    """Does the text also write inches out in full?"""
    if scan.inches is None:
        lowered = scan.text.lower()
        scan.inches = "inch" in lowered or "\u2033" in lowered
    return scan.inches


def _exponent(
    scan: Scan, end: int, surface: tuple[str, ...] = (), *, hyphenated: bool = False
) -> tuple[int, int]:
    """A power written after the unit: "m2", "km²", "km^2", "km squared", and the
    inverse powers of scientific copy: "s-1", "fb−1", "m^-2", "s⁻¹".
    A hyphen after a single capital ("B-2", "V-1") is a model name, not a power, and
    so is one after a unit hyphenated onto its number: "6-foot-3" is a height."""
    if end >= scan.n:
        return 1, end
    tokens = scan.tokens
    t = tokens[end]
    if t.kind == SUP and not t.space:
        return (2 if t.text == "²" else 3), end + 1
    if t.text == "^" and not t.space and end + 1 < scan.n:
        if tokens[end + 1].text in ("2", "3"):
            return int(tokens[end + 1].text), end + 2
        if tokens[end + 1].text in EXPONENT_MINUS:
            power, stop = _negative_power(scan, end + 1)
            if power:
                return power, stop
    if t.text == "\u207b" and not t.space and end + 1 < scan.n:
        digit = tokens[end + 1]  # a superscript minus, then ¹, ² or ³
        if not digit.space and digit.text in ("\u00b9", "\u00b2", "\u00b3"):
            return -("\u00b9\u00b2\u00b3".index(digit.text) + 1), end + 2
    if (
        t.text in EXPONENT_MINUS
        and not t.space
        and not (t.text == "-" and hyphenated)
        and not (t.text == "-" and len(surface) == 1 and surface[0].isupper())
    ):
        power, stop = _negative_power(scan, end)
        if power:
            return power, stop
    if t.kind == NUM and not t.space and t.text in ("2", "3"):
        after = tokens[end + 1] if end + 1 < scan.n else None
        if after is None or after.space or after.kind != NUM:
            return int(t.text), end + 1
    if t.low == "squared":
        return 2, end + 1
    if t.low == "cubed":
        return 3, end + 1
    return 1, end


def _negative_power(scan: Scan, sign: int) -> tuple[int, int]:
    """The power after the minus sign at ``sign``: "-1", "-2" or "-3", touching the
    sign and followed by no more digits or letters; ``(0, sign)`` when there is none."""
    tokens = scan.tokens
    if sign + 1 >= scan.n:
        return 0, sign
    digit = tokens[sign + 1]
    if digit.space or digit.kind != NUM or digit.text not in ("1", "2", "3"):
        return 0, sign
    if sign + 2 < scan.n:
        after = tokens[sign + 2]
        if not after.space and (after.kind in (NUM, WORD) or after.text in HYPHENS):
            return 0, sign  # "km-1.5", "m-2a", "-1-"
    return -int(digit.text), sign + 2


def read_per(scan: Scan, end: int, *, money: bool = False) -> tuple[str | None, int]:
    """A rate: "km/h", "miles per hour", "barrels a day", "per square km"; after money
    also "a barrel", "an ounce"."""
    tokens = scan.tokens
    if end >= scan.n:
        return None, end
    t = tokens[end]
    k = end + 1
    if t.low == "pcm" and not t.newline:
        return "month", end + 1  # "£1,250pcm": per calendar month, in letting ads
    if (  # "£2.6bn-a-year", "$40-per-hour"
        t.text in HYPHENS
        and not t.space
        and end + 3 < scan.n
        and tokens[end + 1].low in ("a", "an", "per")
        and tokens[end + 2].text in HYPHENS
        and not tokens[end + 1].space
        and not tokens[end + 2].space
        and not tokens[end + 3].space
    ):
        t, k = tokens[end + 1], end + 3
    elif not (t.text == "/" or t.low in ("per", "a", "an", "each")) or t.newline:
        return None, end
    if k >= scan.n:
        return None, end
    power = 1
    if tokens[k].low == "calendar" and t.low == "per" and k + 1 < scan.n:
        k += 1  # "per calendar month"
    if tokens[k].low in _SQUARE_WORDS:
        power, k = 2, k + 1
    elif tokens[k].low in _CUBIC_WORDS:
        power, k = 3, k + 1
    found = unit_after(scan, k, attached=True) if k < scan.n else None
    if found is None:
        return None, end
    entry, stop = found
    if t.low in ("a", "an", "each") and power == 1 and entry.expression not in TIME_UNITS:
        # "$80 a barrel" is a price and "45 bushels an acre" a yield; "5 km a barrel"
        # is not English
        if not money and not at(entry.expression, "yield_areas"):
            return None, end
    if (
        t.low in ("a", "an")
        and entry.expression in TIME_UNITS
        and stop < scan.n
        and (at(tokens[stop], "time_adverbs") or near(tokens, stop, "time_adverb_phrases"))
        and not (money and _pay_from(scan, stop))
    ):
        return None, end  # "a year earlier", "a week ago": when, not how often
    if power == 1:
        power, stop = _exponent(scan, stop, entry.surface)
    return compose(entry.expression, power), stop


def _pay_from(scan: Scan, k: int) -> bool:
    """After a price, "an hour from April" is a rate starting then, where "a year
    from now" is a date."""
    tokens = scan.tokens
    if tokens[k].low != "from":
        return False
    return k + 1 < scan.n and tokens[k + 1].low not in _TIME_DEICTICS


def _degrees(scan: Scan, end: int, negative: bool = False, value: float = 0.0) -> str:
    """A plain "degrees" is a temperature when the text around it talks of heat, or
    when it is below zero. It is Fahrenheit when the text writes Fahrenheit elsewhere
    or is American weather (the National Weather Service, a US state), or when it is
    too hot for any weather or fever in Celsius and nothing is being cooked."""
    restated = _bracketed_scale(scan, end)
    if restated is not None:  # "24 degrees (75F)": a conversion names the other scale
        return "degree_Celsius" if restated == "degree_Fahrenheit" else "degree_Fahrenheit"
    heat = scan.lex.heat_words
    window = range(max(0, end - 25), min(scan.n, end + 25))
    if negative or any(scan.tokens[k].low in heat for k in window):
        if scan.fahrenheit is None:
            # a scale named only inside brackets is a conversion added for readers
            # ("31 degrees Celsius (87.8 degrees Fahrenheit)"), not the copy's own
            lowered = _BRACKETED.sub(" ", scan.text.lower())
            scan.fahrenheit = (
                "fahrenheit" in lowered
                or "°f" in lowered
                or "weather service" in lowered
                or near(scan.tokens, 0, "fahrenheit_places")
            )
        if scan.fahrenheit:
            return "degree_Fahrenheit"
        if 60 < value <= 135 and not near(scan.tokens, end, "cooking_words"):
            return "degree_Fahrenheit"  # "reached 128 degrees": no air is 128C
        return "degree_Celsius"
    return "degree"


def _bracketed_scale(scan: Scan, end: int) -> str | None:
    """The scale a bracket right after a plain "degrees" writes its figure in:
    "(75.2 degrees Fahrenheit)", "(24C)"; None when there is no such bracket."""
    tokens = scan.tokens
    if end >= scan.n or not at(tokens[end], "bracket_opens"):
        return None
    figure = False
    for k in range(end + 1, min(scan.n, end + 6)):
        t = tokens[k]
        if at(t, "bracket_closes"):
            return None
        if figure and at(t, "fahrenheit_marks"):
            return "degree_Fahrenheit"
        if figure and at(t, "celsius_marks"):
            return "degree_Celsius"
        figure = figure or t.kind == NUM
    return None


def percent_at(scan: Scan, k: int) -> tuple[str, int] | None:
    if k >= scan.n:
        return None
    tokens = scan.tokens
    t = tokens[k]
    if t.text == "%":
        return "percent", k + 1
    if t.kind != WORD or t.newline:
        return None
    low = t.low
    nxt = tokens[k + 1].low if k + 1 < scan.n else ""
    if low in _PERCENT_WORDS or t.text in _PERCENT_EXACT:
        if nxt in _POINT_WORDS:
            return "percentage_point", k + 2
        return "percent", k + 1
    if low == "per" and nxt == "cent":
        if k + 2 < scan.n and tokens[k + 2].low in _POINT_WORDS:
            return "percentage_point", k + 3
        return "percent", k + 2
    if low == "percentage" and nxt in _POINT_WORDS:
        return "percentage_point", k + 2
    if low in _PERCENTAGE_POINT_ABBREVIATIONS:
        return "percentage_point", k + 1
    if low == "basis" and nxt in _POINT_WORDS:
        return "basis_point", k + 2
    if low in _BASIS_POINT_ABBREVIATIONS:
        return "basis_point", k + 1
    return None

"""Numbers that are not quantities: years, dates, clock times, ordinals, phone numbers,
identifiers ("Article 5", "Boeing 737", "G7"), codes ("007", "4K", "24703L202"), list
markers ("1 )") and sports scores; and ages ("aged 58"), which are read in years.

``blocked_spans`` finds the ones a regular expression can see in the raw text (phones,
times, numeric dates); ``not_a_quantity`` decides the rest token by token with a
sequence of small named rules (the tables ``ANY``, ``WORDS``, ``DIGITS``, ``BARE`` and
``NAMES`` of ``RULES``, run in order, stage by stage), and returns where the scanner
should resume. Each rule is a function ``rule(scan, spot)``; the words it looks for are
context sets in ``data/context_en.tsv`` (``context``).

Distractors are decided inside the single reading at a token (``reading``), before its
scale and unit are read, so this stage sits below it: it reads units and currencies
(``unit_reader``, ``money``) only to let a number with an explicit unit stand.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text.context import at, context_set, near
from ..text.tokens import NUM, SYM, WORD, Token
from .lexicon import lexicon
from .money import currency_word_at, pence_after
from .numbers import Number, digit_int, slash_pair
from .state import Reading, Scan, plural_noun_at
from .unit_reader import percent_at, read_unit, unit_after

# Each pattern opens with the character it must start with and only then looks behind
# ("\d(?<![\d.]\d)" is "(?<![\d.])\d"), so the regex engine skips to candidate characters
# instead of trying every position: same matches, a fifth of the time.
_PHONE_RE = re.compile(  # (?<![\w.,])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d{2,5}(...)
    r"[+(\d](?<![\w.,][+(\d])"
    r"(?:(?<=\+)\d{1,3}[ .-]?(?:\(\d{2,5}\)[ .-]?)?\d{2,5}"
    r"|(?<=\()\d{2,5}\)[ .-]?\d{2,5}"
    r"|(?<=\d)\d{1,4})"
    r"(?:[ .-]\d{2,5}){1,4}(?![\w,]|\.\d)"
)
#: Digit groups joined by dashes are a phone number even before a comma ("0120-938-034,"),
#: where groups joined by spaces may be one grouped amount ("1 000 000 000, and").
_DASHED_PHONE_RE = re.compile(r"\d(?<![\w.,-]\d)\d{1,4}(?:-\d{2,5}){2,4}(?![\w-]|[.,]\d)")
#: A clock time or a race time, with its seconds and their tenths: "10:30", "2:03:36",
#: "1:58:12.4", "2.17pm".
_TIME_RE = re.compile(
    r"\d(?<![\d.]\d)(?:\d?[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[ap]\.?m\b\.?)?|\d?:\d{2}(?![\d:]))"
)
#: A toll-free prefix, alone or in a number: "1-800-555-0199", "a 1-800 number".
_TOLL_FREE_RE = re.compile(r"1(?<![\w.,-]1)-8(?:00|88|77|66|55|44|33)(?:-[0-9A-Z]+)*(?!\w)")
#: A UK number written as a five-digit area code and six digits: "01632 960842".
_UK_PHONE_RE = re.compile(r"0(?<![\w.,]0)\d{3,4} \d{6}(?![\w,]|\.\d)")
_DIGIT = re.compile(r"\d")
_DATE_RE = re.compile(r"\d(?<!\d\d)(?:\d{3}-\d{1,2}-\d{1,2}|\d?[/.]\d{1,2}[/.]\d{2,4})(?!\d)")
#: What every kept match of a pattern holds, as patterns that open with a literal the
#: engine jumps to, where the patterns above try every digit of a text: a text holding
#: none of a pattern's hints has none of its spans, and most texts hold none. Dashed
#: groups have two dashes; a kept clock time has a colon before its minutes, or a point
#: and "am" or "pm" after them; a numeric date has two separators after its first group.
HINTS: dict[re.Pattern[str], tuple[re.Pattern[str], ...]] = {
    _DASHED_PHONE_RE: (re.compile(r"-\d{2,5}-\d"),),
    _TIME_RE: (re.compile(r":\d\d"), re.compile(r"\.\d\d\s?[ap]\.?m\b")),
    _DATE_RE: (
        re.compile(r"-\d{1,2}-\d"),
        re.compile(r"/\d{1,2}[/.]\d"),
        re.compile(r"\.\d{1,2}[/.]\d"),
    ),
}


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches of ``pattern`` in ``text``, none when the text holds none of its hints."""
    hints = HINTS.get(pattern)
    if hints is not None and not any(hint.search(text) for hint in hints):
        return []
    return list(pattern.finditer(text))


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of phone numbers, clock times and numeric dates, sorted."""
    if not _DIGIT.search(text):
        return []
    spans: list[tuple[int, int]] = []
    for pattern in (_PHONE_RE, _DASHED_PHONE_RE):
        for match in _matches(pattern, text):
            if sum(c.isdigit() for c in match.group()) >= 9:
                spans.append(match.span())
    spans.extend(m.span() for m in _TOLL_FREE_RE.finditer(text))
    spans.extend(m.span() for m in _UK_PHONE_RE.finditer(text))
    for match in _matches(_TIME_RE, text):
        found = match.group()
        if ":" in found or (
            "m" in found.lower() and twelve_hour(found.split(".", 1)[0], minutes=False)
        ):
            spans.append(match.span())  # "10:30", "2.17pm"; not "21.23 pm" (no such hour)
    spans.extend(m.span() for m in _matches(_DATE_RE, text))
    spans.sort()
    return spans


@functools.cache
def _full_months() -> frozenset[str]:
    """The longest name of each month ("september"): not an abbreviation."""
    longest: dict[int, str] = {}
    for name, number in lexicon().months.items():
        if len(name) > len(longest.get(number, "")):
            longest[number] = name
    return frozenset(longest.values())


def ordinal_suffix(number: str) -> str:
    """The suffix English writes after an ordinal: 1st, 2nd, 3rd, 4th, 11th, 22nd."""
    value = int(number[-2:])  # the last two digits decide, at any length
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


#: What a number must be for a rule to fire at all, as bits of a spot's shape: bare
#: digits ("47", not "4.7" or "1,000"), written onto the token before it ("G7", "#4721",
#: "F-16"), or with the token after it written onto it ("47th", "3:1", "1990s", "3-1").
#: Each stage keeps its rules by shape, so a number is asked only the rules that could
#: claim it: every number of a text is asked, and most rules look for one shape.
PLAIN, ONTO_BEFORE, ONTO_AFTER = 1, 2, 4


@dataclass(slots=True)
class Spot:
    """What every rule looks at: the number at ``i..j`` and the tokens beside it."""

    reading: Reading
    i: int
    j: int
    t: Token
    prev: Token | None  # the token before; the month before "Aug. 6"'s dot
    nxt: Token | None
    plain: bool  # written as bare digits ("47", not "4.7" or "1,000")


#: A rule returns where the scanner resumes when it claims the number, else None.
Rule = Callable[[Scan, Spot], "int | None"]


def _explicit_unit(scan: Scan, j: int) -> bool:
    """Does a unit the table marks unambiguous follow the number, set apart by a space
    ("747 metres", "500 km")? Such a number is a quantity whatever names it. A
    percent sign or word, set apart or not, is as explicit ("06%", "007 percent")."""
    if j < scan.n and (scan.tokens[j].text == "%" or scan.tokens[j].low in ("percent", "per")):
        found_percent = percent_at(scan, j)
        if found_percent is not None and found_percent[0] == "percent":
            return True
    if j >= scan.n or not scan.tokens[j].space or scan.tokens[j].kind != WORD:
        return False
    found = unit_after(scan, j)
    return found is not None and not found[0].ambiguous and not found[0].case_sensitive


def not_a_quantity(scan: Scan, reading: Reading, i: int, j: int) -> int | None:
    """If the number at ``i..j`` is a year, date, time, ordinal, identifier or score,
    return the token index to resume at; else None.

    The stages: rules for any number or word (``ANY``), for spelled-out words
    (``WORDS``), for digits even with a currency (``DIGITS``), for bare figures
    before the unit check (``BARE``, dates), then, unless an explicit unit follows
    (a distractor rule claims bare numbers only), the rest (``NAMES``).
    """
    tokens = scan.tokens
    t = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[j] if j < scan.n else None
    spot = Spot(reading, i, j, t, prev, nxt, t.text.isdigit())
    shape = spot_shape(spot)
    found = _first(scan, _BY_SHAPE["any"][shape], spot)
    if found is not None or t.kind != NUM:
        return found if found is not None else _first(scan, _BY_SHAPE["words"][shape], spot)
    found = _first(scan, _BY_SHAPE["digits"][shape], spot)
    if found is not None or reading.currency is not None or reading.negative:
        return found
    if prev is not None and prev.text == "." and i >= 2 and not prev.space:
        spot.prev = tokens[i - 2]  # "Aug. 6": the month is before the abbreviation's dot
    found = _first(scan, _BY_SHAPE["bare"][shape], spot)
    if found is not None or _explicit_unit(scan, j):
        return found  # a distractor rule claims bare numbers only: "747 metres"
    return _first(scan, _BY_SHAPE["names"][shape], spot)


def spot_shape(spot: Spot) -> int:
    """The shape bits of a spot (``PLAIN``, ``ONTO_BEFORE``, ``ONTO_AFTER``)."""
    shape = PLAIN if spot.plain else 0
    if not spot.t.space:
        shape |= ONTO_BEFORE
    if spot.nxt is not None and not spot.nxt.space:
        shape |= ONTO_AFTER
    return shape


# -- any number, and spelled-out words ------------------------------------------


def _rule_golf_margin(scan: Scan, s: Spot) -> int | None:
    """ "two shots off the lead": a golf standing."""
    j = s.j
    if j + 1 < scan.n and at(scan.tokens[j], "shots"):
        if at(scan.tokens[j + 1], "margin_words") and _golf_margin(scan, s.i, j):
            return j + 2
    return None


def _rule_one_day(scan: Scan, s: Spot) -> int | None:
    """ "a one-day international": a cricket format."""
    if s.t.low == "one" and _one_day_format(scan, s.j):
        return s.j + 2
    return None


# -- digits, even as money ----------------------------------------------------------


def _rule_ordinal(scan: Scan, s: Spot) -> int | None:
    """ "47th" (but "14st" is stone)."""
    nxt = s.nxt
    if nxt is not None and not nxt.space and s.plain and nxt.low == ordinal_suffix(s.t.text):
        return s.j + 1
    return None


def _rule_clock_suffix(scan: Scan, s: Spot) -> int | None:
    """ "6pm", "6 p.m.", "6 o'clock", "730pm" (but "2.1 pm" and "21 pm" are picometres:
    no twelve-hour clock shows a point or an hour past 12)."""
    if (
        s.nxt is not None
        and s.plain
        and _is_time_suffix(scan, s.j)
        and twelve_hour(s.t.text, s.nxt.low != "o")
    ):
        return s.j + 1
    return None


def twelve_hour(figure: str, minutes: bool = True) -> bool:
    """Can digits before "am", "pm" or "o'clock" be a time of a twelve-hour clock: an hour
    from 1 to 12, with two digits of minutes after it when *minutes* ("7", "12", "730",
    "1145"; not "21", "0", "1275")?

    >>> [twelve_hour(f) for f in ("7", "12", "730", "1145", "21", "0", "1275", "2123")]
    [True, True, True, True, False, False, False, False]
    """
    if not figure.isdigit() or len(figure) > (4 if minutes else 2):
        return False
    hour, rest = (figure, 0) if len(figure) <= 2 else (figure[:-2], int(figure[-2:]))
    return 1 <= int(hour) <= 12 and rest < 60


def _rule_slash_pair(scan: Scan, s: Spot) -> int | None:
    """ "24/7", "9/11": not fractions."""
    return slash_pair(scan.tokens, s.i) if s.j == s.i + 1 else None


# -- bare figures, before the unit check: dates ---------------------------------


def _rule_day_of_month(scan: Scan, s: Spot) -> int | None:
    """ "June 5", "5 June", "Aug. 6", "sept . 30", "on may 19", "on 1 may", "March 3-4"."""
    if not s.plain or digit_int(s.t.text) > 31:
        return None
    tokens, i, j = scan.tokens, s.i, s.j
    month_before = i - 1
    if month_before >= 1 and tokens[month_before].text == ".":
        month_before -= 1  # "Aug. 6", "sept . 30": the month is before its dot
    if month_before >= 0 and _is_month(scan, month_before, month_before):
        return j + 2 if _day_after(scan, j) else j
    if s.nxt is not None and _is_month(scan, j, i):
        return j + 1
    return None


def _rule_day_range(scan: Scan, s: Spot) -> int | None:
    """ "12-13 October", "4 to 15 March"."""
    j, nxt = s.j, s.nxt
    if not s.plain or digit_int(s.t.text) > 31 or nxt is None:
        return None
    if (at(nxt, "dashes") or at(nxt, "day_joiners")) and j + 2 < scan.n:
        if _day_after(scan, j) and _is_month(scan, j + 2, s.i):
            return j + 3
    return None


# -- bare figures that name, rank or score ------------------------------------------


def _rule_code(scan: Scan, s: Spot) -> int | None:
    """ "24703L202", "24703m212", "24703 L-202": a part number or code, not litres or
    metres: digits glued to letters then digits again (not a power, "400m2"), or a
    long figure before a letter code with a hyphen."""
    tokens, j, n = scan.tokens, s.j, scan.n
    nxt = s.nxt
    if not s.plain or nxt is None or nxt.kind != WORD or at(nxt, "times_letters"):
        return None
    if (
        not nxt.space
        and j + 1 < n
        and tokens[j + 1].kind == NUM
        and not tokens[j + 1].space
        and tokens[j + 1].text.isdigit()
        and len(tokens[j + 1].text) >= 2
        and max(len(s.t.text), len(tokens[j + 1].text)) >= 3
    ):
        k = j + 2
        while k < n and not tokens[k].space and tokens[k].kind in (WORD, NUM):
            k += 1
        return k
    if (
        len(s.t.text) >= 4
        and len(nxt.text) <= 3
        and j + 2 < n
        and at(tokens[j + 1], "hyphens")
        and not tokens[j + 1].space
        and tokens[j + 2].kind == NUM
        and not tokens[j + 2].space
    ):
        return j + 3
    return None


def _rule_identifier(scan: Scan, s: Spot) -> int | None:
    """ "Article 5", "exits 14 and 16", "highway 35", "S&P 500", "No. 1", "Wi-Fi 7"."""
    prev, i, tokens = s.prev, s.i, scan.tokens
    if prev is not None and _names_a_number(scan, prev):
        return _identifier_list(scan, s.j)
    if (
        prev is not None
        and i >= 2
        and prev.kind == WORD
        and prev.text.isupper()
        and len(prev.text) <= 3
        and _names_a_number(scan, tokens[i - 2])
    ):
        return s.j  # "flight FR 4978", "Route US 1": a code between the name and number
    if i < 2 or tokens[i - 1].text not in scan.lex.identifier_phrase_ends:
        return None
    phrases = scan.lex.identifier_phrases
    if any(i >= k and tuple(tok.text for tok in tokens[i - k : i]) in phrases for k in (2, 3)):
        return s.j
    return None


def _names_a_number(scan: Scan, t: Token) -> bool:
    """Is ``t`` a word after which a number names a thing ("Article", "highway")?"""
    return t.text in scan.lex.identifier_words or at(t, "road_words")


def _rule_aircraft(scan: Scan, s: Spot) -> int | None:
    """ "the 787 program", "a 737 MAX 9", "42 737s": jets counted by model."""
    if s.plain and at(s.t, "aircraft_models") and _aviation(scan, s.i, s.nxt):
        nxt = s.nxt
        if nxt is not None and nxt.low == "s" and not nxt.space:
            return s.j + 1
        return s.j
    return None


def _rule_model_number(scan: Scan, s: Spot) -> int | None:
    """ "the 8088 chip", "the 486 is": a model named by its number; "the Pixel 9 Pro":
    a product named by a word, its number and a model word."""
    prev = s.prev
    if s.plain and at(s.nxt, "model_suffixes") and prev is not None and prev.kind == WORD:
        if prev.text[0].isupper() and s.t.space:
            return s.j + 1
    if not s.plain or len(s.t.text) < 3 or s.nxt is None:
        return None
    if at(s.nxt, "model_nouns") and not plural_noun_at(scan, s.j):
        return s.j
    if at(s.nxt, "named_verbs") and at(s.prev, "model_determiners"):
        return s.j
    return None


def _rule_list_marker(scan: Scan, s: Spot) -> int | None:
    """ "1 )", "2)": a list marker, not a figure (but "(about 20)" closes a bracket)."""
    if not s.plain or len(s.t.text) > 2 or not at(s.nxt, "list_closers"):
        return None
    tokens = scan.tokens
    for k in range(s.i - 1, max(-1, s.i - 30), -1):
        if at(tokens[k], "bracket_opens"):
            return None
        if at(tokens[k], "bracket_closes") or tokens[k].newline:
            break
    return s.j + 1


def _rule_hash(scan: Scan, s: Spot) -> int | None:
    """ "bug #4721": a number that names."""
    if s.prev is not None and s.prev.text == "#" and not s.t.space:
        return s.j
    return None


def _rule_service_number(scan: Scan, s: Spot) -> int | None:
    """ "call 911", "a 911 call", "dialled 999"; "text 88802", a short code."""
    if s.plain and at(s.t, "service_numbers") and _emergency_call(scan, s.prev, s.nxt, s.j):
        return s.j
    if (
        s.plain
        and 4 <= len(s.t.text) <= 6
        and s.t.text.isdigit()
        and s.prev is not None
        and at(s.prev, "short_code_verbs")
        and not plural_noun_at(scan, s.j)
    ):
        return s.j  # a bare number only: "call 2000 homes" counts homes
    return None


def _rule_clock_zone(scan: Scan, s: Spot) -> int | None:
    """ "2358 GMT": a clock time."""
    text = s.t.text
    if s.plain and len(text) == 4 and at(s.nxt, "time_zones"):
        if int(text[:2]) <= 24 and int(text[2:]) <= 59:
            return s.j + 1
    return None


def _rule_postcode(scan: Scan, s: Spot) -> int | None:
    """ "Fremantle WA 6160": a postcode; "Austin, TX 78701": a ZIP code after a city."""
    if s.plain and len(s.t.text) == 4 and at(s.prev, "au_states"):
        if not _unit_follows(scan, s.j):
            return s.j
    if s.plain and len(s.t.text) == 5 and at(s.prev, "us_states") and s.i >= 2:
        city = scan.tokens[s.i - 2]
        if city.text == "," or (city.kind == WORD and city.text.istitle()):
            return s.j
    return None


def _rule_route(scan: Scan, s: Spot) -> int | None:
    """ "the 38 bus", "the number 47 bus": a route."""
    if s.plain and at(s.nxt, "route_words") and not plural_noun_at(scan, s.j + 1):
        if at(s.prev, "route_determiners"):
            return s.j + 1
    return None


def _rule_flat_letter(scan: Scan, s: Spot) -> int | None:
    """ "the 47A": a route or a flat, not amperes ("13 amps" is)."""
    nxt, j, tokens = s.nxt, s.j, scan.tokens
    if s.plain and nxt is not None and not nxt.space and nxt.text == "A":
        if j + 1 >= scan.n or tokens[j + 1].kind != WORD or tokens[j + 1].space:
            return j + 1
    return None


def _rule_batting_line(scan: Scan, s: Spot) -> int | None:
    """ "went 2-for-4": a batting line."""
    tokens, j, n = scan.tokens, s.j, scan.n
    if (
        s.plain
        and at(s.nxt, "hyphens")
        and s.nxt is not None
        and not s.nxt.space
        and j + 3 < n
        and tokens[j + 1].low == "for"
        and at(tokens[j + 2], "hyphens")
        and tokens[j + 3].kind == NUM
    ):
        return j + 4
    return None


def _rule_colon_pair(scan: Scan, s: Spot) -> int | None:
    """ "3:1", "2:45": a ratio, a score or a clock."""
    nxt, j, tokens = s.nxt, s.j, scan.tokens
    if nxt is not None and nxt.text == ":" and not nxt.space and j + 1 < scan.n:
        if tokens[j + 1].kind == NUM and not tokens[j + 1].space:
            return j + 2
    return None


def _rule_glued_to_word(scan: Scan, s: Spot) -> int | None:
    """ "G7", "MH17", "LGA1156": digits glued to the word before (but "US65.8 cents"
    is money, as Australian copy writes it)."""
    prev = s.prev
    if prev is not None and not s.t.space and prev.kind == WORD:
        if prev.text == "US" and _cents_at(scan, s.j):
            return None
        if _glued_times(scan, s.i) and glued_dimension_end(scan, s.i) is not None:
            return None  # "a 3x4m rug", "24x18in": a side of dimensions
        return s.j
    return None


def _glued_times(scan: Scan, i: int) -> bool:
    """Is the figure at ``i`` written straight after a figure and an "x" ("3x4")?"""
    tokens = scan.tokens
    return (
        i >= 2
        and at(tokens[i - 1], "times_letters")
        and not tokens[i - 1].space
        and tokens[i - 2].kind == NUM
    )


def glued_dimension_end(scan: Scan, i: int) -> int | None:
    """Where the unit of dimensions written together ("3x4m", "24x18 in", "2x3x4m")
    starts, from the figure at ``i``; None unless a unit closes them ("2x4 board" and
    "a 3x3 grid" are no measures)."""
    tokens, n = scan.tokens, scan.n
    while _glued_times(scan, i):
        i -= 2  # from the first side
    k = i + 1
    while (
        k + 1 < n
        and at(tokens[k], "times_letters")
        and not tokens[k].space
        and tokens[k + 1].kind == NUM
        and not tokens[k + 1].space
    ):
        k += 2
    return k if k > i + 1 and _unit_follows(scan, k) else None


def _rule_golf_score(scan: Scan, s: Spot) -> int | None:
    """ "shot a 64", "14 under par"."""
    return _golf_score(scan, s.i, s.j)


def _rule_cricket_score(scan: Scan, s: Spot) -> int | None:
    """ "412 for 6", "all out for 173", "45.2 overs"."""
    return _cricket_score(scan, s.i, s.j)


def _rule_under_over_name(scan: Scan, s: Spot) -> int | None:
    """ "30 Under 30": a name."""
    if at(s.nxt, "name_under_over") and s.j + 1 < scan.n:
        if scan.tokens[s.j + 1].kind == NUM:
            return s.j + 2
    return None


def _rule_dashed_name(scan: Scan, s: Spot) -> int | None:
    """ "F-16", "covid-19": a name; "A350-900", "scp2-173": a model and its variant;
    "J1149.5+6663": a catalogue code."""
    prev, i, tokens = s.prev, s.i, scan.tokens
    if prev is None or prev.kind != SYM or s.t.space or i < 2 or prev.space:
        return None
    before = tokens[i - 2]
    if at(prev, "minus_signs") and before.kind == WORD and not at(before, "height_feet"):
        return s.j
    if (
        at(prev, "minus_signs")
        and before.kind == NUM
        and not before.space
        and i >= 3
        and tokens[i - 3].kind == WORD
    ):
        return s.j
    if prev.text == "+" and before.kind == NUM:
        return s.j
    return None


def _rule_leading_zero(scan: Scan, s: Spot) -> int | None:
    """ "007", "06": a code, not an amount."""
    text = s.t.text
    return s.j if s.plain and len(text) > 1 and text[0] == "0" else None


def _rule_capital_suffix(scan: Scan, s: Spot) -> int | None:
    """ "5G", "4X": digits glued to capitals that are no unit, scale or currency."""
    nxt = s.nxt
    if nxt is not None and not nxt.space and nxt.kind == WORD and nxt.text.isupper():
        if (
            scan.units.match((nxt.text,)) is None
            and nxt.text not in scan.lex.scales_cs
            and nxt.text not in scan.lex.currency_symbol_starts
        ):
            return s.j + 1
    return None


def _rule_decade(scan: Scan, s: Spot) -> int | None:
    """ "the 1990s", "in their 30s"."""
    nxt = s.nxt
    if nxt is not None and not nxt.space and nxt.low == "s" and s.plain:
        if s.t.text.endswith("0"):
            return s.j + 1
    return None


def _rule_year(scan: Scan, s: Spot) -> int | None:
    """ "in 2027", "2013-14", "2019-2020", "in 2019 Lee" (but "1500 troops" is a count
    and "2027 million" an amount)."""
    text, j = s.t.text, s.j
    if not (s.plain and len(text) == 4 and 1000 <= int(text) <= 2099):
        return None
    year_end = _year_range(scan, j)
    if year_end is not None:
        return year_end
    if at(s.nxt, "big_scales"):
        return None
    if _unit_follows(scan, j, int(text)) and not _year_before_name(scan, s):
        return None
    if int(text) < 1900 and plural_noun_at(scan, j):
        return None
    return j


def _rule_address(scan: Scan, s: Spot) -> int | None:
    """ "10 Downing Street"."""
    return s.j if s.plain and _address_follows(scan, s.j) else None


def _rule_dash_chain(scan: Scan, s: Spot) -> int | None:
    """ "4-3-3", "10-2-1": a formation or a record."""
    return _dash_chain(scan, s.i)


def _rule_score(scan: Scan, s: Spot) -> int | None:
    """ "won 3-1", "a 2-0 victory"."""
    nxt, j, tokens = s.nxt, s.j, scan.tokens
    if not (s.plain and at(nxt, "dashes") and nxt is not None and not nxt.space):
        return None
    if j + 1 < scan.n:
        other = tokens[j + 1]
        if other.kind == NUM and not other.space and other.text.isdigit():
            small = max(digit_int(s.t.text), digit_int(other.text)) <= 30
            if small and not _unit_follows(scan, j + 2):
                if _sport_context(scan, s.i) or near(tokens, j + 2, "tally_words"):
                    return j + 2  # "won 3-1"; "a 6-3 majority": a tally of votes
    return None


# -- ages: a reading in years, not a claim ----------------------------------------


def age_in_years(scan: Scan, reading: Reading, i: int, j: int) -> bool:
    """Is the bare figure at ``i..j`` an age ("aged 58", "the coach, 58,")? If so,
    read it in years."""
    tokens = scan.tokens
    t = tokens[i]
    if t.kind != NUM or not t.text.isdigit() or not 1 <= digit_int(t.text) <= 120:
        return False
    if reading.currency is not None or reading.negative or j != i + 1:
        return False
    if not aged_before(scan, i) and not _set_apart(scan, i, j) and not _turns(scan, i, j):
        return False
    if _unit_follows(scan, j):
        return False  # "aged 58 years" reads its own unit
    if j < scan.n and at(tokens[j], "range_joiners") and not _open_ended(scan, j):
        return False  # "aged 5 to 11" is a range (ranges.py reads it in years)
    reading.unit = "year"
    reading.unit_entry = scan.units.match(("year",))
    return reading.unit_entry is not None


def _turns(scan: Scan, i: int, j: int) -> bool:
    """ "who turns 72 next month", "turned 30 last year": a birthday, the figure closing
    its clause or followed by a word of when ("turned 5 pages" counts pages)."""
    tokens = scan.tokens
    if i < 1 or not at(tokens[i - 1], "birthday_verbs"):
        return False
    return j >= scan.n or tokens[j].kind != WORD or at(tokens[j], "birthday_after")


def aged_before(scan: Scan, i: int) -> bool:
    """Does an age word stand before the figure at ``i``, straight or past a bound
    ("aged 58", "at age 58", "aged under 5", "aged between 18 and 24")?"""
    tokens = scan.tokens
    if near(tokens, i, "age_words"):
        return True
    return i >= 1 and at(tokens[i - 1], "age_bounds") and near(tokens, i - 1, "age_words")


def _open_ended(scan: Scan, j: int) -> bool:
    """ "65 and over", "18 or older": the joiner at ``j`` opens no second end."""
    return j + 1 < scan.n and at(scan.tokens[j + 1], "age_open_ends")


def _set_apart(scan: Scan, i: int, j: int) -> bool:
    """Is the figure at ``i..j`` set apart after a noun, as an age is ("the coach, 58,")?"""
    tokens = scan.tokens
    return (
        i >= 2
        and j < scan.n
        and tokens[i - 2].kind == WORD
        and at(tokens[j], "appositive_closes")
        and near(tokens, i, "appositive_opens")
        and not at(tokens[i - 2], "not_nouns")
    )


# -- helpers ----------------------------------------------------------------------


def _is_month(scan: Scan, k: int, first: int) -> bool:
    """Is token ``k`` a month beside a day? A capitalised month always ("June 5");
    in lower-case copy an abbreviation with its dot ("sept . 30") or a month after a
    date preposition before ``first``, the date's first token ("on may 19", "on 1 may")."""
    if k >= scan.n:
        return False
    t = scan.tokens[k]
    months = scan.lex.months
    if t.kind != WORD or t.low.rstrip(".") not in months:
        return False
    if t.text[0].isupper():
        return True
    if k + 1 < scan.n and scan.tokens[k + 1].text == "." and t.low not in _full_months():
        return True
    return near(scan.tokens, first, "date_prepositions")


def _year_before_name(scan: Scan, s: Spot) -> bool:
    """ "in 2019 Lee": a year after a preposition, before a capitalised word that
    a unit table also spells ("Lee", "Gray") but not as a symbol."""
    nxt = s.nxt
    return (
        nxt is not None
        and nxt.kind == WORD
        and len(nxt.text) > 1
        and nxt.text[0].isupper()
        and nxt.text[1:].islower()
        and near(scan.tokens, s.i, "year_prepositions")
    )


def _aviation(scan: Scan, i: int, nxt: Token | None) -> bool:
    """Is the model-like number at ``i`` a jet: "737s", or aviation words nearby?"""
    if nxt is not None and nxt.low == "s" and not nxt.space:
        return True
    return near(scan.tokens, i, "aviation")


def _one_day_format(scan: Scan, j: int) -> bool:
    """Is ``j`` "-day" before a cricket format word ("one-day international")?"""
    tokens = scan.tokens
    return (
        j + 2 < scan.n
        and at(tokens[j], "hyphens")
        and tokens[j + 1].low == "day"
        and not tokens[j + 1].space
        and at(tokens[j + 2], "one_day_formats")
    )


def _identifier_list(scan: Scan, j: int) -> int:
    """After "exits 14", also skip the numbers it lists: "and 16", ", 17 or 18"."""
    tokens = scan.tokens
    while (
        j + 1 < scan.n
        and at(tokens[j], "identifier_lists")
        and tokens[j + 1].kind == NUM
        and tokens[j + 1].text.isdigit()
        and not _unit_follows(scan, j + 2)
    ):
        j += 2
    return j


def _emergency_call(scan: Scan, prev: Token | None, nxt: Token | None, j: int) -> bool:
    """ "911", "999", "111" as emergency and service numbers: dialled, named by the
    service ("NHS 111"), or naming a call or its staff."""
    if prev is not None and (at(prev, "emergency_verbs") or at(prev, "service_names")):
        if prev.text == "or" and (j < 2 or not at(scan.tokens[j - 3], "service_numbers")):
            return False
        return not plural_noun_at(scan, j) and not _unit_follows(scan, j)
    return at(nxt, "emergency_nouns")


def _cents_at(scan: Scan, j: int) -> bool:
    found = currency_word_at(scan, j)
    return found is not None and at(scan.tokens[j], "cents")


def _day_after(scan: Scan, j: int) -> bool:
    """Is token ``j + 1`` a day of the month after a dash, "to" or "and" ("3-4")?"""
    tokens = scan.tokens
    if j + 1 >= scan.n or tokens[j + 1].kind != NUM or not tokens[j + 1].text.isdigit():
        return False
    if at(tokens[j], "dashes") and (tokens[j].space or tokens[j + 1].space):
        return False
    return 1 <= digit_int(tokens[j + 1].text) <= 31


def _golf_score(scan: Scan, i: int, j: int) -> int | None:
    """ "shot a 64", "a closing 66", "a 7-under-par 64": a round of golf; "14 under",
    "2 over par", "7-under": a score against par."""
    tokens = scan.tokens
    n = scan.n
    if not tokens[i].text.isdigit():
        return None
    k = j
    if k + 1 < n and at(tokens[k], "hyphens") and not tokens[k].space:
        k += 1  # "7-under"
    if k < n and at(tokens[k], "par_words"):
        after = tokens[k + 1] if k + 1 < n else None
        if after is not None and after.low == "par":
            return k + 2
        if (after is None or at(after, "par_ends") or at(after, "hyphens")) and (
            _golf_context(scan, i)
        ):
            return k + 1
    if (
        55 <= digit_int(tokens[i].text) <= 85
        and _golf_context(scan, i)
        and not _unit_follows(scan, j)
        and not plural_noun_at(scan, j)
    ):
        for m in range(i - 1, max(-1, i - 8), -1):  # "a 64", "a seven-under-par 64"
            if at(tokens[m], "articles"):
                return j
            if tokens[m].kind == WORD and at(tokens[m], "not_nouns"):
                break  # "a round of 70"
            if tokens[m].kind not in (WORD, NUM) and not at(tokens[m], "hyphens"):
                break
    return None


def _golf_margin(scan: Scan, i: int, j: int) -> bool:
    """Is "two shots off" at ``i..j`` a standing: "off the lead", or golf words other
    than the shots themselves nearby (not "fired two shots off the bridge")?"""
    tokens = scan.tokens
    if near(tokens, j + 2, "margin_phrases"):
        return True  # "off the lead"
    golf = context_set("golf")
    return any(
        golf.has(tokens[k]) and not at(tokens[k], "golf_not_margin") for k in golf.span(i, scan.n)
    )


def _golf_context(scan: Scan, i: int) -> bool:
    return near(scan.tokens, i, "golf")


def _cricket_score(scan: Scan, i: int, j: int) -> int | None:
    """ "412 for 6", "took 5 for 38", "bowled out for 173", "45.2 overs" in cricket."""
    tokens = scan.tokens
    n = scan.n
    if j < n and tokens[j].low == "overs" and _cricket_context(scan, i):
        return j + 1
    if not tokens[i].text.isdigit():
        return None
    if (
        j + 1 < n
        and tokens[j].low == "for"
        and tokens[j + 1].kind == NUM
        and tokens[j + 1].text.isdigit()
        and min(digit_int(tokens[i].text), digit_int(tokens[j + 1].text)) <= 10
        and _cricket_context(scan, i)
    ):
        return j + 2
    if near(tokens, i, "cricket_totals") and _cricket_context(scan, i):
        return j  # "all out for 173", "a target of 287"
    if i >= 1 and tokens[i - 1].low == "for" and near(tokens, i - 1, "cricket_dismissals"):
        if _cricket_context(scan, i):
            return j  # "bowled the hosts out for 156", "dismissed them for 98"
    return None


def _cricket_context(scan: Scan, i: int) -> bool:
    return near(scan.tokens, i, "cricket")


def _address_follows(scan: Scan, j: int) -> bool:
    """ "10 Downing Street", "221B Baker St": capitalised words, then a street word."""
    tokens = scan.tokens
    k = j
    while k < scan.n and k < j + 3 and tokens[k].kind == WORD and tokens[k].text[0].isupper():
        if k > j and at(tokens[k], "street_words"):
            return True
        k += 1
    return False


def _dash_chain(scan: Scan, i: int) -> int | None:
    """Three or more small whole numbers joined by dashes ("4-3-3"): the end, or None."""
    tokens = scan.tokens
    k, count = i, 1
    while (
        k + 2 < scan.n
        and at(tokens[k + 1], "dashes")
        and not tokens[k + 1].space
        and tokens[k + 2].kind == NUM
        and not tokens[k + 2].space
        and tokens[k + 2].text.isdigit()
    ):
        k += 2
        count += 1
    if count < 3 or not all(
        tokens[m].text.isdigit() and len(tokens[m].text) <= 2 for m in range(i, k + 1, 2)
    ):
        return None
    return k + 1


def _year_range(scan: Scan, j: int) -> int | None:
    tokens = scan.tokens
    if j + 1 < scan.n and at(tokens[j], "dashes") and not tokens[j].space:
        other = tokens[j + 1]
        if other.kind == NUM and not other.space and other.text.isdigit():
            if len(other.text) in (2, 4):
                return j + 2
    return None


def _is_time_suffix(scan: Scan, j: int) -> bool:
    tokens = scan.tokens
    t = tokens[j]
    if at(t, "time_suffixes"):
        return True
    if (
        t.low in ("a", "p")
        and j + 2 < scan.n
        and tokens[j + 1].text == "."
        and tokens[j + 2].low == "m"
    ):
        return True
    return t.low == "o" and j + 2 < scan.n and tokens[j + 2].low == "clock"


def _sport_context(scan: Scan, i: int) -> bool:
    return near(scan.tokens, i, "sport")


def _unit_follows(scan: Scan, j: int, value: float | None = None) -> bool:
    """Does a unit or a currency follow at ``j``? Given the figure's ``value``, pence
    written onto it count too ("1453p a litre"; not "1080p")."""
    if value is not None and pence_after(scan, value, j):
        return True
    probe = Reading(first=j)
    probe.number = Number(1.0, 1.0, j, False)
    return read_unit(scan, probe, j) != j or currency_word_at(scan, j) is not None


def _first(scan: Scan, rules: tuple[Rule, ...], spot: Spot) -> int | None:
    """The resume point of the first rule that claims the number, else None."""
    for rule in rules:
        found = rule(scan, spot)
        if found is not None:
            return found
    return None


#: The rules, stage by stage and in order, each with the shape it needs (the bits of
#: ``spot_shape`` it cannot fire without); see ``not_a_quantity``.
ANY: tuple[tuple[Rule, int], ...] = ((_rule_golf_margin, 0),)
WORDS: tuple[tuple[Rule, int], ...] = ((_rule_one_day, 0),)
DIGITS: tuple[tuple[Rule, int], ...] = (
    (_rule_ordinal, PLAIN | ONTO_AFTER),
    (_rule_clock_suffix, PLAIN),
    (_rule_slash_pair, ONTO_AFTER),
)
BARE: tuple[tuple[Rule, int], ...] = ((_rule_day_of_month, PLAIN), (_rule_day_range, PLAIN))
NAMES: tuple[tuple[Rule, int], ...] = (
    (_rule_code, PLAIN),
    (_rule_identifier, 0),
    (_rule_aircraft, PLAIN),
    (_rule_model_number, PLAIN),
    (_rule_list_marker, PLAIN),
    (_rule_hash, ONTO_BEFORE),
    (_rule_service_number, PLAIN),
    (_rule_clock_zone, PLAIN),
    (_rule_postcode, PLAIN),
    (_rule_route, PLAIN),
    (_rule_flat_letter, PLAIN | ONTO_AFTER),
    (_rule_batting_line, PLAIN | ONTO_AFTER),
    (_rule_colon_pair, ONTO_AFTER),
    (_rule_glued_to_word, ONTO_BEFORE),
    (_rule_golf_score, PLAIN),
    (_rule_cricket_score, 0),
    (_rule_under_over_name, 0),
    (_rule_dashed_name, ONTO_BEFORE),
    (_rule_leading_zero, PLAIN),
    (_rule_capital_suffix, ONTO_AFTER),
    (_rule_decade, PLAIN | ONTO_AFTER),
    (_rule_year, PLAIN),
    (_rule_address, PLAIN),
    (_rule_dash_chain, PLAIN),
    (_rule_score, PLAIN | ONTO_AFTER),
)
RULES = {"any": ANY, "words": WORDS, "digits": DIGITS, "bare": BARE, "names": NAMES}


def rules_by_shape(
    rules: tuple[tuple[Rule, int], ...],
) -> tuple[tuple[Rule, ...], ...]:
    """A stage's rules for each of the eight shapes, in the stage's order."""
    return tuple(
        tuple(rule for rule, needs in rules if shape & needs == needs) for shape in range(8)
    )


_BY_SHAPE = {name: rules_by_shape(rules) for name, rules in RULES.items()}

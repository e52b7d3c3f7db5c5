"""Numbers that are not quantities: years, dates, clock times, ordinals, phone numbers,
identifiers ("Article 5", "Boeing 737", "G7"), codes ("007", "4K") and sports scores.

``blocked_spans`` finds the ones a regular expression can see in the raw text (phones,
times, numeric dates); ``NotQuantityRules._not_a_quantity`` decides the rest token by
token, and returns where the scanner should resume.
"""

from __future__ import annotations

import re

from .lexer import NUM, SYM, WORD, Token
from .numbers import Number, digit_int, slash_pair
from .quantity_builder import Reading
from .scan_base import DASHES, HYPHENS, MINUS_SIGNS, NOT_NOUNS, ScannerBase

TIME_SUFFIXES = frozenset({"am", "pm"})
#: The last word of a street name after a house number ("10 Downing Street").
STREET_WORDS = frozenset(
    "Street St Road Rd Avenue Ave Lane Boulevard Blvd Drive Place Square Terrace Crescent "
    "Close Way Court Row Gardens Hill Parade Grove Mews Walk Rise Vale Wharf".split()
)
#: Words that make "412 for 6" a cricket score.
CRICKET_WORDS = frozenset(
    "cricket wicket wickets innings overs stumps bowled bowler bowlers batting batsman "
    "batter declared test bowling spinner spinners seamer seamers paceman pacer odi odis "
    "t20 t20i twenty20 ipl ashes wicketkeeper".split()
)
#: Words before and after "911" that make it the emergency number.
EMERGENCY_VERBS = frozenset(
    "call calls called calling dial dials dialed dialled dialing dialling".split()
)
EMERGENCY_NOUNS = frozenset(
    "call calls caller callers dispatcher dispatchers operator operators center centre "
    "centers centres system emergency line recording recordings hang".split()
)
#: Emergency and public-service phone numbers ("call 999", "NHS 111", "dial 112").
SERVICE_NUMBERS = frozenset("911 999 111 112 101 000".split())
#: Time zones after a four-digit clock time ("0600 GMT", "2358 UTC").
TIME_ZONES = frozenset(
    "GMT UTC BST CET CEST EST EDT CST CDT PST PDT ET PT AEST AEDT IST JST".split()
)
#: Australian states, before a four-digit postcode ("WA 6160").
AU_STATES = frozenset("NSW VIC Vic QLD Qld WA SA TAS Tas ACT NT".split())
#: Words after "the 38" that make it a bus or train route.
ROUTE_WORDS = frozenset("bus service tram train route".split())
#: Words after "two shots" that make it a golfer's standing ("off the lead", "behind").
MARGIN_WORDS = frozenset("off behind back clear ahead adrift outside".split())
#: Words after "one-day" that make it the cricket format, not a day.
ONE_DAY_FORMATS = frozenset(
    "international internationals match matches series cup game games format side squad "
    "team teams cricket captain captaincy tournament final finals game's".split()
)
#: Words that make "a 64" a round of golf and "14 under" a score against par.
GOLF_WORDS = frozenset(
    "golf golfer par birdie birdies bogey bogeys eagle eagles hole holes round rounds "
    "shot shots shoots carded cards fired fires tee putt fairway leaderboard".split()
)
#: Words after "14 under" or "2 over" that keep it a score against par.
PAR_ENDS = frozenset(".,;:!?)") | {"par", "for", "after", "through"}
#: Boeing model numbers, which name a jet when aviation is being written about.
AIRCRAFT_MODELS = frozenset("707 717 727 737 747 757 767 777 787".split())
#: Words that make "the 787 program" or "42 737s" about aircraft.
AVIATION_WORDS = frozenset(
    "boeing airbus jet jets jetliner jetliners airliner airliners aircraft plane planes "
    "airline airlines carrier fleet fleets dreamliner dreamliners max freighter freighters "
    "widebody narrowbody flights flight aviation planemaker faa".split()
)
#: The feet of a height written "6-foot-3", after which the number is inches.
HEIGHT_FEET = frozenset({"foot", "feet", "ft"})
#: Big scale words, for telling a year ("2027") from an amount ("2027 million").
BIG_SCALES = frozenset({"thousand", "million", "billion", "trillion", "bn", "tn"})

_PHONE_RE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?"
    r"\d{2,5}(?:[ .-]\d{2,5}){1,4}(?![\w,]|\.\d)"
)
#: Digit groups joined by dashes are a phone number even before a comma ("0120-938-034,"),
#: where groups joined by spaces may be one grouped amount ("1 000 000 000, and").
_DASHED_PHONE_RE = re.compile(r"(?<![\w.,-])\d{2,5}(?:-\d{2,5}){2,4}(?![\w-]|[.,]\d)")
_TIME_RE = re.compile(
    r"(?<![\d.])\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\b\.?)?|(?<![\d.])\d{1,2}:\d{2}(?![\d:])"
)
#: A toll-free prefix, alone or in a number: "1-800-555-0199", "a 1-800 number".
_TOLL_FREE_RE = re.compile(r"(?<![\w.,-])1-8(?:00|88|77|66|55|44|33)(?:-[0-9A-Z]+)*(?!\w)")
#: A UK number written as a five-digit area code and six digits: "01632 960842".
_UK_PHONE_RE = re.compile(r"(?<![\w.,])0\d{3,4} \d{6}(?![\w,]|\.\d)")
_DIGIT = re.compile(r"\d")
_DATE_RE = re.compile(r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?!\d)")


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of phone numbers, clock times and numeric dates, sorted."""
    if not _DIGIT.search(text):
        return []
    spans: list[tuple[int, int]] = []
    for pattern in (_PHONE_RE, _DASHED_PHONE_RE):
        for match in pattern.finditer(text):
            if sum(c.isdigit() for c in match.group()) >= 9:
                spans.append(match.span())
    spans.extend(m.span() for m in _TOLL_FREE_RE.finditer(text))
    spans.extend(m.span() for m in _UK_PHONE_RE.finditer(text))
    for match in _TIME_RE.finditer(text):
        if ":" in match.group() or "m" in match.group().lower():
            spans.append(match.span())
    spans.extend(m.span() for m in _DATE_RE.finditer(text))
    spans.sort()
    return spans


def ordinal_suffix(number: str) -> str:
    """The suffix English writes after an ordinal: 1st, 2nd, 3rd, 4th, 11th, 22nd."""
    value = int(number[-2:])  # the last two digits decide, at any length
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


class NotQuantityRules(ScannerBase):
    """Recognise numbers that name, date or rank things rather than measure them."""

    def _explicit_unit(self, j: int) -> bool:
        """Does a unit the table marks unambiguous follow the number, set apart by a space
        ("747 metres", "500 km")? Such a number is a quantity whatever names it."""
        if j >= self.n or not self.tokens[j].space or self.tokens[j].kind != WORD:
            return False
        found = self._unit_after(j)
        return found is not None and not found[0].ambiguous and not found[0].case_sensitive

    def _not_a_quantity(self, reading: Reading, i: int, j: int) -> int | None:
        """If the number at ``i..j`` is a year, date, time, ordinal, identifier or score,
        return the token index to resume at; else None."""
        tokens = self.tokens
        t = tokens[i]
        n = self.n
        if j + 1 < n and tokens[j].low in ("shot", "shots", "stroke", "strokes"):
            if tokens[j + 1].low in MARGIN_WORDS and self._golf_margin(i, j):
                return j + 2  # "two shots off the lead": a golf standing
        if t.kind != NUM:
            if t.low == "one" and self._one_day_format(j):
                return j + 2  # "a one-day international": a cricket format
            return None
        nxt = tokens[j] if j < n else None
        prev = tokens[i - 1] if i > 0 else None
        if (
            nxt is not None
            and not nxt.space
            and t.text.isdigit()
            and nxt.low == ordinal_suffix(t.text)
        ):
            return j + 1  # "47th" (but "14st" is stone)
        if nxt is not None and t.text.isdigit() and self._is_time_suffix(j):
            return j + 1  # "6pm", "6 p.m." (but "2.1 pm" is picometres)
        if j == i + 1:
            end = slash_pair(tokens, i)
            if end is not None:
                return end  # "24/7", "9/11": not fractions
        if reading.currency is not None or reading.negative:
            return None
        plain = t.text.isdigit()
        if prev is not None and prev.text == "." and i >= 2 and not prev.space:
            prev = tokens[i - 2]  # "Aug. 6": the month is before the abbreviation's dot
        if plain and digit_int(t.text) <= 31:
            if self._month_beside(prev, nxt):
                if nxt is not None and nxt.low.rstrip(".") in self.lex.months:
                    return j + 1
                if self._day_after(j):
                    return j + 2  # "March 3-4"
                return j
            if (
                nxt is not None
                and (nxt.text in DASHES or nxt.low in ("to", "and"))
                and j + 2 < n
                and self._day_after(j)
            ):
                if self._month_beside(None, tokens[j + 2]):
                    return j + 3  # "12-13 October", "4 to 15 March"
        if self._explicit_unit(j):
            return None  # a distractor rule claims bare numbers only: "a runway of 747 metres"
        # identifiers: "Article 5", "Boeing 737", "G7", "A380", "MH17", "F-16", "Su-57"
        if prev is not None and prev.text in self.lex.identifier_words:
            return self._identifier_list(j)  # "exits 14 and 16"
        phrases = self.lex.identifier_phrases
        if any(i >= k and tuple(tok.text for tok in tokens[i - k : i]) in phrases for k in (2, 3)):
            return j  # "S&P 500", "No. 1", "Wi-Fi 7"
        if plain and t.text in AIRCRAFT_MODELS and self._aviation(i, nxt):
            if nxt is not None and nxt.low == "s" and not nxt.space:
                return j + 1  # "42 737s": jets counted by model
            return j  # "the 787 program", "a 737 MAX 9"
        if prev is not None and prev.text == "#" and not t.space:
            return j  # "bug #4721": a number that names
        if plain and t.text in SERVICE_NUMBERS and self._emergency_call(prev, nxt, j):
            return j  # "call 911", "a 911 call", "dialled 999"
        if plain and len(t.text) == 4 and nxt is not None and nxt.text in TIME_ZONES:
            if int(t.text[:2]) <= 24 and int(t.text[2:]) <= 59:
                return j + 1  # "2358 GMT": a clock time
        if (
            plain
            and len(t.text) == 4
            and prev is not None
            and prev.text in AU_STATES
            and not self._unit_follows(j)
        ):
            return j  # "Fremantle WA 6160": a postcode
        if plain and nxt is not None and nxt.low in ROUTE_WORDS and not self._plural_noun_at(j + 1):
            if prev is not None and prev.low in ("the", "number", "no", "a", "route"):
                return j + 1  # "the 38 bus", "the number 47 bus": a route
        if (
            plain
            and nxt is not None
            and not nxt.space
            and nxt.text == "A"
            and (j + 1 >= n or tokens[j + 1].kind != WORD or tokens[j + 1].space)
        ):
            return j + 1  # "the 47A": a route or a flat, not amperes ("13 amps" is)
        if (
            plain
            and nxt is not None
            and nxt.text in HYPHENS
            and not nxt.space
            and j + 2 < n
            and tokens[j + 1].low == "for"
            and tokens[j + 2].text in HYPHENS
            and j + 3 < n
            and tokens[j + 3].kind == NUM
        ):
            return j + 4  # "went 2-for-4": a batting line
        if nxt is not None and nxt.text == ":" and not nxt.space and j + 1 < n:
            if tokens[j + 1].kind == NUM and not tokens[j + 1].space:
                return j + 2  # "3:1", "2:45": a ratio, a score or a clock
        if prev is not None and not t.space and prev.kind == WORD:
            if not (prev.text == "US" and self._cents_at(j)):
                return j  # but "US65.8 cents" is money, as Australian copy writes it
        golf = self._golf_score(i, j)
        if golf is not None:
            return golf  # "shot a 64", "14 under par"
        cricket = self._cricket_score(i, j)
        if cricket is not None:
            return cricket  # "412 for 6", "all out for 173", "45.2 overs"
        if (
            nxt is not None
            and nxt.text in ("Under", "Over")
            and j + 1 < n
            and tokens[j + 1].kind == NUM
        ):
            return j + 2  # "30 Under 30": a name
        if prev is not None and prev.kind == SYM and not t.space and i >= 2 and not prev.space:
            before = tokens[i - 2]
            if prev.text in MINUS_SIGNS and before.kind == WORD and before.low not in HEIGHT_FEET:
                return j  # "F-16", "covid-19", "fb−1": a name
            if (
                prev.text in MINUS_SIGNS
                and before.kind == NUM
                and not before.space
                and i >= 3
                and tokens[i - 3].kind == WORD
                and tokens[i - 3].text.isupper()
            ):
                return j  # "A350-900": a model and its variant
            if prev.text == "+" and before.kind == NUM:
                return j  # "J1149.5+6663": a catalogue code
        if plain and len(t.text) > 1 and t.text[0] == "0":
            return j  # "007", "06": a code, not an amount
        if nxt is not None and not nxt.space and nxt.kind == WORD and nxt.text.isupper():
            if (
                self.units.match((nxt.text,)) is None
                and nxt.text not in self.lex.scales_cs
                and nxt.text not in self.lex.currency_symbol_starts
            ):
                return j + 1  # "5G", "4X"
        # decades: "the 1990s", "in their 30s"
        if nxt is not None and not nxt.space and nxt.low == "s" and plain and t.text.endswith("0"):
            return j + 1
        if plain and len(t.text) == 4 and 1000 <= int(t.text) <= 2099:
            year_end = self._year_range(j)
            if year_end is not None:
                return year_end  # "2013-14", "2019-2020"
            if not self._unit_follows(j) and not (nxt is not None and nxt.low in BIG_SCALES):
                if not (int(t.text) < 1900 and self._plural_noun_at(j)):
                    return j  # "in 2027" (but "1500 troops" is a count)
        if plain and self._address_follows(j):
            return j  # "10 Downing Street"
        chain = self._dash_chain(i)
        if chain is not None:
            return chain  # "4-3-3", "10-2-1": a formation or a record
        # scores: "won 3-1", "a 2-0 victory"
        if nxt is not None and nxt.text in DASHES and not nxt.space and j + 1 < n and plain:
            other = tokens[j + 1]
            if other.kind == NUM and not other.space and other.text.isdigit():
                small = max(digit_int(t.text), digit_int(other.text)) <= 30
                if small and not self._unit_follows(j + 2):
                    if self._sport_context(i):
                        return j + 2
        return None

    def _aviation(self, i: int, nxt: Token | None) -> bool:
        """Is the model-like number at ``i`` a jet: "737s", or aviation words nearby?"""
        if nxt is not None and nxt.low == "s" and not nxt.space:
            return True
        window = range(max(0, i - 15), min(self.n, i + 15))
        return any(self.tokens[k].low in AVIATION_WORDS for k in window)

    def _one_day_format(self, j: int) -> bool:
        """Is ``j`` "-day" before a cricket format word ("one-day international")?"""
        tokens = self.tokens
        return (
            j + 2 < self.n
            and tokens[j].text in HYPHENS
            and tokens[j + 1].low == "day"
            and not tokens[j + 1].space
            and tokens[j + 2].low in ONE_DAY_FORMATS
        )

    def _identifier_list(self, j: int) -> int:
        """After "exits 14", also skip the numbers it lists: "and 16", ", 17 or 18"."""
        tokens = self.tokens
        while (
            j + 1 < self.n
            and tokens[j].text in (",", "and", "or", "&", "to")
            and tokens[j + 1].kind == NUM
            and tokens[j + 1].text.isdigit()
            and not self._unit_follows(j + 2)
        ):
            j += 2
        return j

    def _emergency_call(self, prev: Token | None, nxt: Token | None, j: int) -> bool:
        """ "911", "999", "111" as emergency and service numbers: dialled, named by the
        service ("NHS 111"), or naming a call or its staff."""
        if prev is not None and (prev.low in EMERGENCY_VERBS or prev.text in ("NHS", "or")):
            if prev.text == "or" and (j < 2 or self.tokens[j - 3].text not in SERVICE_NUMBERS):
                return False
            return not self._plural_noun_at(j) and not self._unit_follows(j)
        return nxt is not None and nxt.low in EMERGENCY_NOUNS

    def _cents_at(self, j: int) -> bool:
        found = self._currency_word_at(j)
        return found is not None and self.tokens[j].low in ("cent", "cents")

    def _day_after(self, j: int) -> bool:
        """Is token ``j + 1`` a day of the month after a dash, "to" or "and" ("3-4")?"""
        tokens = self.tokens
        if j + 1 >= self.n or tokens[j + 1].kind != NUM or not tokens[j + 1].text.isdigit():
            return False
        if tokens[j].text in DASHES and (tokens[j].space or tokens[j + 1].space):
            return False
        return 1 <= digit_int(tokens[j + 1].text) <= 31

    def _golf_score(self, i: int, j: int) -> int | None:
        """ "shot a 64", "a closing 66", "a 7-under-par 64": a round of golf; "14 under",
        "2 over par", "7-under": a score against par."""
        tokens = self.tokens
        n = self.n
        if not tokens[i].text.isdigit():
            return None
        k = j
        if k + 1 < n and tokens[k].text in HYPHENS and not tokens[k].space:
            k += 1  # "7-under"
        if k < n and tokens[k].low in ("under", "over"):
            after = tokens[k + 1] if k + 1 < n else None
            if after is not None and after.low == "par":
                return k + 2
            if (after is None or after.low in PAR_ENDS or after.text in HYPHENS) and (
                self._golf_context(i)
            ):
                return k + 1
        if (
            55 <= digit_int(tokens[i].text) <= 85
            and self._golf_context(i)
            and not self._unit_follows(j)
            and not self._plural_noun_at(j)
        ):
            for m in range(i - 1, max(-1, i - 6), -1):  # "a 64", "a bogey-free 66"
                if tokens[m].low in ("a", "an"):
                    return j
                if tokens[m].kind == WORD and tokens[m].low in NOT_NOUNS:
                    break  # "a round of 70"
                if tokens[m].kind not in (WORD, NUM) and tokens[m].text not in HYPHENS:
                    break
        return None

    def _golf_margin(self, i: int, j: int) -> bool:
        """Is "two shots off" at ``i..j`` a standing: "off the lead", or golf words other
        than the shots themselves nearby (not "fired two shots off the bridge")?"""
        tokens = self.tokens
        if j + 3 < self.n and tokens[j + 2].low == "the" and tokens[j + 3].low == "lead":
            return True
        window = range(max(0, i - 12), min(self.n, i + 12))
        shots = ("shot", "shots", "fired", "fires")
        return any(tokens[k].low in GOLF_WORDS and tokens[k].low not in shots for k in window)

    def _golf_context(self, i: int) -> bool:
        window = range(max(0, i - 12), min(self.n, i + 12))
        return any(self.tokens[k].low in GOLF_WORDS for k in window)

    def _cricket_score(self, i: int, j: int) -> int | None:
        """ "412 for 6", "took 5 for 38", "bowled out for 173", "45.2 overs" in cricket."""
        tokens = self.tokens
        n = self.n
        if j < n and tokens[j].low == "overs" and self._cricket_context(i):
            return j + 1
        if not tokens[i].text.isdigit():
            return None
        if (
            j + 1 < n
            and tokens[j].low == "for"
            and tokens[j + 1].kind == NUM
            and tokens[j + 1].text.isdigit()
            and min(digit_int(tokens[i].text), digit_int(tokens[j + 1].text)) <= 10
            and self._cricket_context(i)
        ):
            return j + 2
        if (
            i >= 2
            and (
                (tokens[i - 1].low == "for" and tokens[i - 2].low == "out")
                or (tokens[i - 1].low == "of" and tokens[i - 2].low in ("target", "chase"))
                or tokens[i - 1].low == "chasing"
            )
            and self._cricket_context(i)
        ):
            return j  # "all out for 173", "a target of 287"
        return None

    def _cricket_context(self, i: int) -> bool:
        words = CRICKET_WORDS
        return any(self.tokens[k].low in words for k in range(max(0, i - 15), min(self.n, i + 15)))

    def _address_follows(self, j: int) -> bool:
        """ "10 Downing Street", "221B Baker St": capitalised words, then a street word."""
        tokens = self.tokens
        k = j
        while k < self.n and k < j + 3 and tokens[k].kind == WORD and tokens[k].text[0].isupper():
            if k > j and tokens[k].text in STREET_WORDS:
                return True
            k += 1
        return False

    def _dash_chain(self, i: int) -> int | None:
        """Three or more small whole numbers joined by dashes ("4-3-3"): the end, or None."""
        tokens = self.tokens
        k, count = i, 1
        while (
            k + 2 < self.n
            and tokens[k + 1].text in DASHES
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

    def _month_beside(self, prev: Token | None, nxt: Token | None) -> bool:
        """ "June 5", "5 June": a day of the month."""
        months = self.lex.months
        for t in (prev, nxt):
            if (
                t is not None
                and t.kind == WORD
                and t.text[0].isupper()
                and t.low.rstrip(".") in months
            ):
                return True
        return False

    def _year_range(self, j: int) -> int | None:
        tokens = self.tokens
        if j + 1 < self.n and tokens[j].text in DASHES and not tokens[j].space:
            other = tokens[j + 1]
            if other.kind == NUM and not other.space and other.text.isdigit():
                if len(other.text) in (2, 4):
                    return j + 2
        return None

    def _is_time_suffix(self, j: int) -> bool:
        tokens = self.tokens
        t = tokens[j]
        if t.low in TIME_SUFFIXES:
            return True
        if (
            t.low in ("a", "p")
            and j + 2 < self.n
            and tokens[j + 1].text == "."
            and tokens[j + 2].low == "m"
        ):
            return True
        return t.low == "o" and j + 2 < self.n and tokens[j + 2].low == "clock"

    def _sport_context(self, i: int) -> bool:
        sport = self.lex.sport_words
        return any(self.tokens[k].low in sport for k in range(max(0, i - 12), min(self.n, i + 12)))

    def _unit_follows(self, j: int) -> bool:
        probe = Reading(first=j)
        probe.number = Number(1.0, 1.0, j, False)
        return self._unit(probe, j) != j or self._currency_word_at(j) is not None

"""Find every quantity in English news text.

``extract(text)`` tokenises the text (``lexer``), then walks the tokens once: at each
place a number can start it reads, in order, a bound ("more than"), a currency symbol,
the number (``numbers``), a scale ("bn", "million"), and a unit (``units``) or a price
per unit ("$80 a barrel"), then a range tail ("-10 km", "to 10 kilometres") or a counted
noun ("295 votes").

A range needs compatible ends: "5-10 km" shares the unit written once, but "rose 50
percent to $2bn", "rose 1.5% to 6.2%" and "from 5% to 10%" are two quantities each.
Numbers that are not quantities (years, dates, times, ordinals, phone, model and section
numbers, sports scores and tallies, codes such as "4K" or "007") are left out.
"""

from __future__ import annotations

import bisect
import re

from .lexer import FRAC, NUM, SUP, SYM, WORD, Token, tokenize
from .lexicon import Lexicon, lexicon
from .model import Quantity
from .numbers import WORD_STARTS, Number, parse_digits, parse_words, slash_pair
from .quantity_builder import Reading, ascending, build, units_agree
from .units import UnitEntry, UnitTable, compose, is_length, unit_table

HYPHENS = frozenset("-\u2010\u2011")
DASHES = frozenset("-\u2010\u2011\u2013\u2014")
MINUS_SIGNS = frozenset("-\u2212\u2013")
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
TIME_SUFFIXES = frozenset({"am", "pm"})
TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "century"}
)
IRREGULAR_PLURALS = frozenset(
    "people children men women police staff personnel troops cattle sheep fish deer "
    "livestock crew aircraft offspring".split()
)
#: Words after a number that never make it a count ("5 was", "3 of them").
NOT_NOUNS = frozenset(
    "a an the of to in on at for from by with and or but nor is are was were be been being "
    "has have had will would could should may might can did do does that which who whom "
    "whose this these those it its as than per more less most least so such very also "
    "percent cent times says said us his hers ours yours theirs thus plus "
    "across always perhaps unless yes news series species means".split()
)
#: After "400m", words that keep the m a metre ("400m hurdles", "1.9m tall").
METRE_CONTEXT = frozenset(
    "hurdles freestyle relay relays sprint sprints race races dash butterfly breaststroke "
    "backstroke medley final finals heats title gold silver bronze record tall high long "
    "wide deep away from above below underground high-rise".split()
)
#: Words after a prepositional-looking "in" that still make it inches ("2 in thick").
INCH_CONTEXT = frozenset("thick long wide tall high deep diameter across".split())
#: Punctuation that may close a quantity written straight after it ("40C.", "(104F)").
CLOSING = frozenset(".,;:!?)]}\"'\u2019\u201d")
#: Tokens after which a capitalised word may simply start a sentence.
SENTENCE_ENDS = frozenset(".!?:;\"'\u2018\u2019\u201c\u201d(")
#: Scale words that may stand apart from the number ("5 bn"); shorter ones must touch it.
SPACED_SCALES = frozenset({"bn", "mn", "mln", "bln", "tn", "trn"})
#: "1080p" is a video resolution, not pence.
VIDEO_LINES = frozenset({144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0})
LONG_SCALES = frozenset({"thousand", "million", "billion", "trillion"})
#: Big scale words, for telling a year ("2027") from an amount ("2027 million").
BIG_SCALES = frozenset({"thousand", "million", "billion", "trillion", "bn", "tn"})

_PHONE_RE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?"
    r"\d{2,5}(?:[ .-]\d{2,5}){1,4}(?![\w,]|\.\d)"
)
_TIME_RE = re.compile(
    r"(?<![\d.])\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\b\.?)?|(?<![\d.])\d{1,2}:\d{2}(?![\d:])"
)
_DIGIT = re.compile(r"\d")
_DATE_RE = re.compile(r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?!\d)")


def extract(text: str) -> list[Quantity]:
    """Return every quantity in ``text``, in order, with exact character spans.

    >>> [(q.text, q.value, q.unit) for q in extract("Troops took more than 400 square miles.")]
    [('400 square miles', 400.0, 'mile ** 2')]
    """
    if not text:
        return []
    return _Scanner(text, tokenize(text), lexicon(), unit_table()).run()


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of phone numbers, clock times and numeric dates, sorted."""
    spans: list[tuple[int, int]] = []
    for match in _PHONE_RE.finditer(text):
        if sum(c.isdigit() for c in match.group()) >= 9:
            spans.append(match.span())
    for match in _TIME_RE.finditer(text):
        if ":" in match.group() or "m" in match.group().lower():
            spans.append(match.span())
    spans.extend(m.span() for m in _DATE_RE.finditer(text))
    spans.sort()
    return spans


class _Scanner:
    """One pass over the tokens of a text."""

    def __init__(self, text: str, tokens: list[Token], lex: Lexicon, units: UnitTable) -> None:
        self.text = text
        self.tokens = tokens
        self.n = len(tokens)
        self.lex = lex
        self.units = units
        self.blocked: set[int] = set()
        spans = _blocked_spans(text) if _DIGIT.search(text) else []
        if spans:
            starts = [t.start for t in tokens]
            for s, e in spans:
                for index in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                    self.blocked.add(index)
        self._fahrenheit: bool | None = None  # computed on first need

    # ---- driver -------------------------------------------------------------------

    def run(self) -> list[Quantity]:
        found: list[Quantity] = []
        i = 0
        tokens = self.tokens
        while i < self.n:
            if not self._may_start(tokens[i]) or i in self.blocked:
                i += 1
                continue
            reading = self._read(i)
            if reading is None:
                i += 1
                continue
            if not reading.skip_only:
                quantity = build(self.text, tokens, reading)
                if quantity is not None:
                    found.append(quantity)
            i = max(reading.end, i + 1)
        return found

    def _may_start(self, t: Token) -> bool:
        kind = t.kind
        if kind == NUM or kind == FRAC:
            return True
        if kind == WORD:
            return (
                t.low in WORD_STARTS
                or t.low == "minus"
                or t.low == "between"
                or t.text in self.lex.currency_symbol_starts
                or t.text in self.lex.currency_codes
            )
        return kind == SYM and (t.text in self.lex.currency_symbol_starts or t.text in MINUS_SIGNS)

    # ---- one quantity -------------------------------------------------------------

    def _read(self, i: int) -> Reading | None:
        """Read a quantity (or a range) starting at token ``i``."""
        start = i
        between = self.tokens[i].low == "between"
        if between:
            i += 1
            if i >= self.n:
                return None
        first = self._read_single(i)
        if first is None or first.skip_only:
            return first
        first.qualifier = self._qualifier_before(start)
        if first.qualifier == "upper" and start >= 3 and self.tokens[start - 2].low == "up":
            verb = self.tokens[start - 3].low
            if verb in self.lex.change_words or verb.endswith("ed"):
                first.qualifier = None  # "ticked up to 3.9%" is a new level, not a bound
        if first.qualifier == "lower" and start > 0 and self.tokens[start - 1].low == "over":
            entry = first.unit_entry
            if entry is not None and entry.expression in TIME_UNITS and not first.hyphenated:
                first.qualifier = None  # "over five years" is a span of time, not a bound
        self._range_tail(first, between)
        if first.range_with is None:
            self._borrow_unit(first)
        return first

    def _read_single(self, i: int) -> Reading | None:
        tokens = self.tokens
        reading = Reading(first=i)
        symbol = self._currency_symbol(i)  # "$", "US$", "NT$", "USD"
        if symbol is not None:
            code, after = symbol
            if after >= self.n or (tokens[after].space and tokens[i].kind != WORD):
                return None
            reading.currency = code
            i = after
        if tokens[i].kind == SYM and tokens[i].text in MINUS_SIGNS:  # "-5C", "−5 °C", "$-5"
            nxt = tokens[i + 1] if i + 1 < self.n else None
            if nxt is None or nxt.kind != NUM or nxt.space:
                return None
            if reading.currency is None and not self._sign_allowed(i):
                return None
            reading.negative = True
            i += 1
        elif tokens[i].low == "minus":  # "minus 15C"
            if i + 1 >= self.n or tokens[i + 1].kind not in (NUM, WORD):
                return None
            reading.negative = True
            i += 1
        if i >= self.n:
            return None
        number = self._number(i)
        if number is None:
            if not self._article_counts(reading, i):
                return None
            number = Number(1.0, 1.0, i + 1, True)  # "a mile": only with a "one" unit
            reading.article = True
        reading.number = number
        j = number.end
        skip = self._not_a_quantity(reading, i, j)
        if skip is not None:
            return Reading(first=reading.first, end=skip, skip_only=True)
        if not reading.article:
            j = self._scale(reading, j)
        if reading.currency is None and not reading.article:
            j = self._currency_after(reading, j)
        if reading.currency is None:
            j = self._unit(reading, j)
        else:
            per, j = self._per(j, money=True)  # "$80 a barrel", "$15/hour"
            reading.per = per
        if reading.article:
            entry = reading.unit_entry
            if entry is None or not entry.one:
                return None
        if reading.unit is None and reading.currency is None:
            j = self._count_noun(reading, j)
        reading.end = j
        if number.words and not self._words_stand(reading, i):
            return None
        if j == number.end and j < self.n and tokens[j].kind == WORD and not tokens[j].space:
            return Reading(first=reading.first, end=j + 1, skip_only=True)  # "3D", "4K", "5G"
        return reading

    def _article_counts(self, reading: Reading, i: int) -> bool:
        """Can "a"/"an" at ``i`` stand for one of a unit ("a mile", "an acre")?"""
        if (
            self.tokens[i].low not in ("a", "an")
            or reading.currency is not None
            or reading.negative
        ):
            return False
        return i + 1 < self.n and self.tokens[i + 1].low in self.units.one_starts

    def _number(self, i: int) -> Number | None:
        t = self.tokens[i]
        if t.kind == NUM or t.kind == FRAC:
            return parse_digits(self.tokens, i)
        if t.kind == WORD and t.low in WORD_STARTS:
            return parse_words(self.tokens, i)
        return None

    def _words_stand(self, reading: Reading, i: int) -> bool:
        """May a spelled-out number be a quantity? Always with a unit or a counted noun;
        on its own only when it cannot be a pronoun or an idiom ("one of", "two in")."""
        if reading.unit is not None or reading.currency is not None or reading.noun is not None:
            return True
        number = reading.number
        assert number is not None
        if self.tokens[i].low == "half" or reading.article:
            return False  # "half a chance"
        prev = self.tokens[i - 1] if i > 0 else None
        if prev is not None and not self.tokens[i].space and prev.text in HYPHENS:
            return False  # "7-Eleven", "Catch-Twenty"
        if prev is not None and self.tokens[i].text[0].isupper() and not self.tokens[i].newline:
            if prev.text not in SENTENCE_ENDS:
                return False  # "Ocean's Eleven": a title
        if number.value != int(number.value):
            return True  # "two thirds", "two and a half"
        nxt = self.tokens[number.end] if number.end < self.n else None
        if nxt is not None and nxt.low == "of" and number.value >= 2:
            return True  # "two of the victims"
        return number.value >= 10

    def _sign_allowed(self, i: int) -> bool:
        """A dash is a minus sign only where it cannot join two things ("5-10", "F-16")."""
        if i == 0:
            return True
        if not self.tokens[i].space:
            return False  # "F-16", "5-10", "COVID-19"
        return self.tokens[i - 1].kind != NUM

    # ---- things that look like numbers but are not quantities ------------------------

    def _not_a_quantity(self, reading: Reading, i: int, j: int) -> int | None:
        """If the number at ``i..j`` is a year, date, time, ordinal, identifier or score,
        return the token index to resume at; else None."""
        tokens = self.tokens
        t = tokens[i]
        if t.kind != NUM:
            return None
        n = self.n
        nxt = tokens[j] if j < n else None
        prev = tokens[i - 1] if i > 0 else None
        if nxt is not None and not nxt.space and nxt.low in ORDINAL_SUFFIXES:
            return j + 1  # "47th"
        if nxt is not None and self._is_time_suffix(j):
            return j + 1  # "6pm", "6 p.m."
        if j == i + 1:
            end = slash_pair(tokens, i)
            if end is not None:
                return end  # "24/7", "9/11": not fractions
        if reading.currency is not None or reading.negative:
            return None
        plain = t.text.isdigit()
        if plain and int(t.text) <= 31:
            if self._month_beside(prev, nxt):
                return j + 1 if nxt is not None and nxt.low.rstrip(".") in self.lex.months else j
            if nxt is not None and nxt.text in DASHES and j + 2 < n and tokens[j + 1].kind == NUM:
                if self._month_beside(None, tokens[j + 2]):
                    return j + 3  # "12-13 October"
        # identifiers: "Article 5", "Boeing 737", "G7", "A380", "MH17", "F-16", "Su-57"
        if prev is not None and prev.text in self.lex.identifier_words:
            return j
        phrases = self.lex.identifier_phrases
        if any(i >= k and tuple(tok.text for tok in tokens[i - k : i]) in phrases for k in (2, 3)):
            return j  # "S&P 500", "No. 1"
        if nxt is not None and nxt.text == ":" and not nxt.space and j + 1 < n:
            if tokens[j + 1].kind == NUM and not tokens[j + 1].space:
                return j + 2  # "3:1", "2:45": a ratio, a score or a clock
        if prev is not None and not t.space and prev.kind == WORD:
            return j
        if prev is not None and prev.kind == SYM and not t.space and i >= 2 and not prev.space:
            before = tokens[i - 2]
            if prev.text in MINUS_SIGNS and before.kind == WORD:
                return j  # "F-16", "covid-19", "fb−1": a name
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
        # scores: "won 3-1", "a 2-0 victory"
        if nxt is not None and nxt.text in DASHES and not nxt.space and j + 1 < n and plain:
            other = tokens[j + 1]
            if other.kind == NUM and not other.space and other.text.isdigit():
                if int(t.text) <= 30 and int(other.text) <= 30 and not self._unit_follows(j + 2):
                    if self._sport_context(i):
                        return j + 2
        return None

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

    # ---- scale, unit, currency, noun ---------------------------------------------------

    def _scale(self, reading: Reading, j: int) -> int:
        if j >= self.n:
            return j
        t = self.tokens[j]
        if t.text in HYPHENS and not t.space and j + 1 < self.n and reading.currency is not None:
            after = self.tokens[j + 1]  # "$1.5-billion", as some papers write it
            if not after.space and after.low in LONG_SCALES:
                reading.scale = self.lex.scales[after.low]
                reading.scale_end = j + 2
                return j + 2
        if t.kind != WORD or t.newline:
            return j
        factor = self.lex.scales_cs.get(t.text)
        short = factor is not None
        if factor is None:
            factor = self.lex.scales.get(t.low)
            short = factor is not None and len(t.low) <= 3
        if factor is None:
            return j
        if short:  # abbreviations are written onto the number ("$2bn", "£45m", "500k")
            if t.space and t.low not in SPACED_SCALES:
                return j
            if t.low == "m" and not self._m_is_million(reading, j):
                return j
            if t.low in ("b", "t", "tr") and reading.currency is None:
                return j
            if t.text == "K" and reading.currency is None and not self._plural_noun_at(j + 1):
                return j
        reading.scale = factor
        reading.scale_end = j + 1
        if not short and j + 1 < self.n:
            more = self.lex.scales.get(self.tokens[j + 1].low)
            if more is not None and len(self.tokens[j + 1].low) > 3:
                reading.scale *= more  # "295 lakh crore", "a thousand million"
                reading.scale_end = j + 2
        return reading.scale_end

    def _m_is_million(self, reading: Reading, j: int) -> bool:
        """Decide whether an "m" after a number is million or metres."""
        if reading.currency is not None:
            return True
        tokens = self.tokens
        k = j + 1
        if k < self.n:
            after = tokens[k]
            if not after.space and after.kind in (NUM, SUP):
                return False  # "400m2", "40m³"
            if after.kind == WORD and after.space:
                if after.low in METRE_CONTEXT:
                    return False
                if self._unit_after(k) is not None or self._currency_word_at(k) is not None:
                    return True  # "5m tonnes", "3m euros"
                if self._plural_noun_at(k):
                    return True  # "2.5m people"
        million = self.lex.million_words
        # "a population of 1.3m"; a bare "paid 80m" stays metres for lint to question (UC210)
        return any(
            tokens[m].low in million for m in range(max(0, reading.first - 6), reading.first)
        )

    def _unit(self, reading: Reading, j: int) -> int:
        """Read a unit after the number (and scale); compose area, volume and rates."""
        tokens = self.tokens
        if j >= self.n or tokens[j].newline:
            return j
        hyphen = False
        k = j
        t = tokens[j]
        if t.text in HYPHENS and not t.space and k + 1 < self.n:
            after = tokens[k + 1]
            if not after.space and after.kind == WORD:
                hyphen = True  # "600-mile", "a 5-percent rise"
                k += 1
        percent = self._percent_at(k)
        if percent is not None:
            reading.unit, end = percent
            reading.percent = True
            return end
        power = 1
        if tokens[k].low in ("square", "sq") and k + 1 < self.n:
            power, k = 2, k + 1
            if tokens[k].text == "." and not tokens[k].space and k + 1 < self.n:
                k += 1  # "sq. km"
        elif tokens[k].low in ("cubic", "cu") and k + 1 < self.n:
            power, k = 3, k + 1
        found = self._unit_after(k, attached=not tokens[k].space and not hyphen, hyphen=hyphen)
        if found is None:
            return j
        entry, end = found
        if power == 1:
            power, end = self._exponent(end)
        elif end < self.n and tokens[end].kind == SUP:
            end += 1
        expression = entry.expression
        if expression == "degree" and power == 1:
            expression = self._degrees(end, reading.negative)
        if power != 1 and not is_length(expression):
            return j
        per = None
        if expression not in ("degree_Celsius", "degree_Fahrenheit"):
            per, end = self._per(end)
        reading.unit = compose(expression, power, per)
        reading.unit_factor = entry.factor
        reading.unit_entry = entry
        reading.hyphenated = hyphen
        if (
            hyphen
            and end + 1 < self.n
            and tokens[end].text in HYPHENS
            and tokens[end + 1].low == "old"
        ):
            end += 2  # "10-year-old"
        return end

    def _unit_after(
        self, k: int, *, attached: bool = False, hyphen: bool = False
    ) -> tuple[UnitEntry, int] | None:
        """The longest table unit starting at token ``k``."""
        tokens = self.tokens
        for length in range(min(self.units.longest, self.n - k), 0, -1):
            if length > 1 and any(tokens[k + m].newline for m in range(1, length)):
                continue
            entry = self.units.match(tuple(tokens[k + m].text for m in range(length)))
            if entry is None:
                continue
            end = k + length
            if entry.attached_only and not attached:
                continue
            if hyphen and entry.no_hyphen:
                continue
            if not self._unit_boundary(entry, end):
                continue
            return entry, end
        return None

    def _unit_boundary(self, entry: UnitEntry, end: int) -> bool:
        """Reject a unit surface glued to more letters, a prepositional "in" ("2in" is
        always inches), and a bare C or F that is part of a code ("06F6")."""
        after = self.tokens[end] if end < self.n else None
        if after is not None and after.kind == WORD and not after.space:
            return False
        surface = entry.surface
        if surface == ("in",) and after is not None and self.tokens[end - 1].space:
            if after.kind == WORD:
                return after.low in INCH_CONTEXT  # "2 in thick", not "2 in the"
            return after.kind != NUM and after.kind != FRAC  # "1 in 5"
        if surface in (("C",), ("F",)) and after is not None and not after.space:
            return after.text in CLOSING  # "06F6", "5 F-35s": part of a name
        return True

    def _exponent(self, end: int) -> tuple[int, int]:
        """A power written after the unit: "m2", "km²", "km^2", "km squared"."""
        if end >= self.n:
            return 1, end
        tokens = self.tokens
        t = tokens[end]
        if t.kind == SUP and not t.space:
            return (2 if t.text == "²" else 3), end + 1
        if (
            t.text == "^"
            and not t.space
            and end + 1 < self.n
            and tokens[end + 1].text in ("2", "3")
        ):
            return int(tokens[end + 1].text), end + 2
        if t.kind == NUM and not t.space and t.text in ("2", "3"):
            after = tokens[end + 1] if end + 1 < self.n else None
            if after is None or after.space or after.kind != NUM:
                return int(t.text), end + 1
        if t.low == "squared":
            return 2, end + 1
        if t.low == "cubed":
            return 3, end + 1
        return 1, end

    def _per(self, end: int, *, money: bool = False) -> tuple[str | None, int]:
        """A rate: "km/h", "miles per hour", "barrels a day", "per square km"; after money
        also "a barrel", "an ounce"."""
        tokens = self.tokens
        if end >= self.n:
            return None, end
        t = tokens[end]
        if not (t.text == "/" or t.low in ("per", "a", "an", "each")) or t.newline:
            return None, end
        k = end + 1
        if k >= self.n:
            return None, end
        power = 1
        if tokens[k].low in ("square", "sq"):
            power, k = 2, k + 1
        elif tokens[k].low in ("cubic", "cu"):
            power, k = 3, k + 1
        found = self._unit_after(k, attached=True) if k < self.n else None
        if found is None:
            return None, end
        entry, stop = found
        if t.low in ("a", "an", "each") and power == 1 and entry.expression not in TIME_UNITS:
            if not money:  # "$80 a barrel" is a price; "5 km a barrel" is not English
                return None, end
        if power == 1:
            power, stop = self._exponent(stop)
        return compose(entry.expression, power), stop

    def _degrees(self, end: int, negative: bool = False) -> str:
        """A plain "degrees" is a temperature when the text around it talks of heat, or
        when it is below zero."""
        heat = self.lex.heat_words
        if negative or any(
            self.tokens[k].low in heat for k in range(max(0, end - 25), min(self.n, end + 10))
        ):
            if self._fahrenheit is None:
                lowered = self.text.lower()
                self._fahrenheit = "fahrenheit" in lowered or "°f" in lowered
            return "degree_Fahrenheit" if self._fahrenheit else "degree_Celsius"
        return "degree"

    def _percent_at(self, k: int) -> tuple[str, int] | None:
        if k >= self.n:
            return None
        tokens = self.tokens
        t = tokens[k]
        if t.text == "%":
            return "percent", k + 1
        if t.kind != WORD or t.newline:
            return None
        low = t.low
        nxt = tokens[k + 1].low if k + 1 < self.n else ""
        if low in ("percent", "pct") or t.text == "pc":
            if nxt in ("point", "points"):
                return "percentage_point", k + 2
            return "percent", k + 1
        if low == "per" and nxt == "cent":
            if k + 2 < self.n and tokens[k + 2].low in ("point", "points"):
                return "percentage_point", k + 3
            return "percent", k + 2
        if low == "percentage" and nxt in ("point", "points"):
            return "percentage_point", k + 2
        if low in ("pp", "ppt", "ppts"):
            return "percentage_point", k + 1
        if low == "basis" and nxt in ("point", "points"):
            return "basis_point", k + 2
        if low in ("bp", "bps"):
            return "basis_point", k + 1
        return None

    def _currency_symbol(self, i: int) -> tuple[str, int] | None:
        """A currency written before the number, as a symbol or an ISO code."""
        tokens = self.tokens
        lex = self.lex
        if (
            tokens[i].text not in lex.currency_symbol_starts
            and tokens[i].text not in lex.currency_codes
        ):
            return None
        for length in range(min(lex.currency_symbol_longest, self.n - i), 0, -1):
            if length > 1 and any(tokens[i + m].space for m in range(1, length)):
                continue
            code = lex.currency_symbols.get(tuple(tokens[i + m].text for m in range(length)))
            if code is not None:
                return code, i + length
        t = tokens[i]
        if t.text in lex.currency_codes and i + 1 < self.n and tokens[i + 1].kind == NUM:
            return t.text, i + 1
        return None

    def _currency_after(self, reading: Reading, j: int) -> int:
        """A currency after the number: "20 million yuan", "50 cents", "15€"."""
        if j >= self.n:
            return j
        tokens = self.tokens
        t = tokens[j]
        if t.text == "p" and not t.space and self._pence(reading, j):
            reading.currency, reading.unit_factor = "GBP", 0.01  # "345p", "20p in the pound"
            return j + 1
        if t.kind == SYM and (t.text,) in self.lex.currency_symbols and t.text != "$":
            after = tokens[j + 1] if j + 1 < self.n else None
            if after is None or after.space or after.kind != NUM:
                reading.currency = self.lex.currency_symbols[(t.text,)]
                return j + 1
            return j
        found = self._currency_word_at(j)
        if found is None:
            return j
        code, end = found
        if (
            code == "GBP"
            and t.low in ("pound", "pounds")
            and not self._price_context(reading.first, j)
        ):
            return j  # a mass, not money: "8 pounds", "2 million pounds of cocaine"
        reading.currency = code
        key = tuple(tokens[m].low for m in range(j, end))
        reading.unit_factor = self.lex.currency_factors.get(key, 1.0)
        return end

    def _pence(self, reading: Reading, j: int) -> bool:
        """ "345p" is pence unless it names a video resolution ("1080p")."""
        assert reading.number is not None
        after = self.tokens[j + 1] if j + 1 < self.n else None
        if after is not None and not after.space and after.kind in (WORD, NUM):
            return False
        return reading.scale == 1 and reading.number.value not in VIDEO_LINES

    def _currency_word_at(self, j: int) -> tuple[str, int] | None:
        tokens = self.tokens
        if j >= self.n or tokens[j].kind != WORD:
            return None
        if tokens[j].text in self.lex.currency_codes:
            return tokens[j].text, j + 1
        for length in range(min(self.lex.currency_word_longest, self.n - j), 0, -1):
            code = self.lex.currency_words.get(tuple(tokens[j + m].low for m in range(length)))
            if code is not None:
                if (
                    code == "KRW"
                    and tokens[j].low == "won"
                    and not self._price_context(max(0, j - 3), j)
                ):
                    return None  # "won" is far more often the verb
                if code == "BRL" and tokens[j].low == "real":
                    return None
                return code, j + length
        return None

    def _price_context(self, first: int, j: int) -> bool:
        price = self.lex.price_words
        if any(self.tokens[k].low in price for k in range(max(0, first - 8), min(self.n, j + 4))):
            return True
        return j + 1 < self.n and self.tokens[j + 1].low == "sterling"

    def _plural_noun_at(self, k: int) -> bool:
        if k >= self.n:
            return False
        t = self.tokens[k]
        if t.kind != WORD:
            return False
        w = t.low
        if w in IRREGULAR_PLURALS:
            return True
        return (
            len(w) > 3
            and w.endswith("s")
            and not w.endswith(("ss", "us", "is"))
            and w not in NOT_NOUNS
        )

    def _count_noun(self, reading: Reading, j: int) -> int:
        """ "295 votes", "1.2 million people", "295 Electoral College votes", and a bare
        number over a unit ("100 per square km")."""
        if reading.percent:
            return j
        per, end = self._per(j)
        if per is not None and self.tokens[j].low in ("per", "/"):
            reading.unit = compose("1", 1, per)
            return end
        tokens = self.tokens
        assert reading.number is not None
        if reading.number.value == 1 and reading.scale == 1:
            return j  # "one costs", "1 says": a verb, not a count
        k = j
        for _ in range(3):
            if (
                k >= self.n
                or tokens[k].newline
                or tokens[k].kind != WORD
                or tokens[k].low in NOT_NOUNS
            ):
                return j
            if self._plural_noun_at(k):
                reading.noun = tokens[k].low
                per, end = self._per(k + 1)
                if per is not None:  # "40,000 vehicles a day"
                    reading.unit = compose("1", 1, per)
                    return end
                return j
            k += 1
        return j

    def _qualifier_before(self, start: int) -> str | None:
        tokens = self.tokens
        for length in range(min(self.lex.qualifier_longest, start), 0, -1):
            words = tuple(tokens[start - length + m].low for m in range(length))
            value = self.lex.qualifiers.get(words)
            if value is not None:
                return value
        return None

    # ---- ranges and shared units ---------------------------------------------------------

    def _range_tail(self, first: Reading, between: bool) -> None:
        """ "5-10 km", "5 to 10 kilometres", "between 5 and 10 km", "$5bn-$7bn",
        "8- to 16-metre". Both ends must carry compatible units."""
        tokens = self.tokens
        j = first.end
        if j + 1 >= self.n:
            return
        joiner = tokens[j]
        if joiner.text in HYPHENS and not joiner.space and tokens[j + 1].low == "to":
            if first.unit is None and first.currency is None and first.noun is None:
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
        second = self._read_single(j + 1)
        if second is None or second.skip_only or not units_agree(first, second):
            return
        if not ascending(first, second):
            if is_dash and not (first.carries() or first.percent):
                first.skip_only = True  # "passed 68-32": a tally, not a range
                first.end = second.end
            return  # "58% to 42%": two quantities
        before = self._word_before(first.first) if is_word and joiner.low == "to" else ""
        if before == "from":
            if not first.carries() and not first.percent and second.carries():
                first.borrow(second)  # "from 50 to 80%": two quantities, one unit
            return  # "from 5% to 10%" is a change: two quantities
        if before in self.lex.change_words and (first.carries() or first.percent):
            return  # "rose 1.5% to 6.2%": a rise, then the new level
        first.range_with = second
        first.end = second.end

    def _word_before(self, i: int) -> str:
        """The word before token ``i``, skipping a qualifier ("rose about 5%")."""
        k = i - 1
        while k >= 0 and self.tokens[k].kind == WORD:
            if self.tokens[k].low not in self.lex.qualifier_words:
                return self.tokens[k].low
            k -= 1
        return ""

    def _borrow_unit(self, first: Reading) -> None:
        """ "45 and 50 mg", "3 or 4 days": a bare number takes the unit of the next one."""
        j = first.end
        if (
            first.unit is not None
            or first.currency is not None
            or first.noun is not None
            or first.number is None
            or first.number.words
            or j + 1 >= self.n
            or self.tokens[j].low not in ("and", "or")
            or self.tokens[j + 1].kind != NUM
        ):
            return
        second = self._read_single(j + 1)
        if second is None or second.skip_only or second.range_with is not None:
            return
        if second.unit is not None or second.currency is not None or second.noun is not None:
            first.borrow(second)

"""Find every quantity in English news text.

``extract(text)`` tokenises the text (``lexer``), then walks the tokens once: at each
place a number can start it reads, in order, a bound ("more than"), a currency symbol,
the number (``numbers``), a scale ("bn", "million"), and a unit (``units``), then a range
tail ("-10 km", "to 10 kilometres") or a counted noun ("295 votes"). Numbers that are
not quantities (years, dates, times, ordinals, phone, model and section numbers, sports
scores) are left out.
"""

from __future__ import annotations

import re

from .lexer import FRAC, NUM, SUP, SYM, WORD, Token, tokenize
from .lexicon import Lexicon, lexicon
from .model import Quantity
from .numbers import SMALL, TENS, WORD_STARTS, Number, parse_digits, parse_words
from .quantity_builder import Reading, build
from .units import UnitEntry, UnitTable, compose, unit_table

HYPHENS = frozenset("-\u2010\u2011")
DASHES = frozenset("-\u2010\u2011\u2013\u2014")
MINUS_SIGNS = frozenset("-\u2212\u2013")
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
TIME_SUFFIXES = frozenset({"am", "pm"})
IRREGULAR_PLURALS = frozenset(
    "people children men women police staff personnel troops cattle sheep fish deer "
    "livestock crew aircraft offspring".split()
)
#: Words after a number that never make it a count ("5 was", "3 of them").
NOT_NOUNS = frozenset(
    "a an the of to in on at for from by with and or but nor is are was were be been being "
    "has have had will would could should may might can did do does that which who whom "
    "whose this these those it its as than per more less most least so such very also "
    "percent cent times is has says said us his hers ours yours theirs this thus plus "
    "across always perhaps unless less yes news series species means".split()
)
#: After "400m", words that keep the m a metre ("400m hurdles", "1.9m tall").
METRE_CONTEXT = frozenset(
    "hurdles freestyle relay relays sprint sprints race races dash butterfly breaststroke "
    "backstroke medley final finals heats title gold silver bronze record tall high long "
    "wide deep away from above below underground high-rise".split()
)
#: A "degrees" that follows these within a sentence is a temperature, not an angle.
_PHONE_RE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4}(?![\w,]|\.\d)"
)
_TIME_RE = re.compile(r"(?<![\d.])\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\b\.?)?|(?<![\d.])\d{1,2}:\d{2}(?![\d:])")
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
    """Character spans of phone numbers, clock times and numeric dates."""
    spans: list[tuple[int, int]] = []
    for match in _PHONE_RE.finditer(text):
        digits = sum(c.isdigit() for c in match.group())
        if digits >= 9:
            spans.append(match.span())
    spans.extend(m.span() for m in _TIME_RE.finditer(text) if ":" in m.group() or "m" in m.group().lower())
    spans.extend(m.span() for m in _DATE_RE.finditer(text))
    return spans


class _Scanner:
    """One pass over the tokens of a text."""

    def __init__(self, text: str, tokens: list[Token], lex: Lexicon, units: UnitTable) -> None:
        self.text = text
        self.tokens = tokens
        self.n = len(tokens)
        self.lex = lex
        self.units = units
        blocked = _blocked_spans(text)
        self.blocked: set[int] = set()
        if blocked:
            for index, token in enumerate(tokens):
                if any(s <= token.start < e for s, e in blocked):
                    self.blocked.add(index)
        self._heat_text = None  # computed on first need

    # ---- driver -------------------------------------------------------------------

    def run(self) -> list[Quantity]:
        found: list[Quantity] = []
        i = 0
        tokens = self.tokens
        while i < self.n:
            t = tokens[i]
            if i in self.blocked or not self._may_start(t):
                i += 1
                continue
            reading = self._read(i)
            if reading is None:
                i += 1
                continue
            if reading.skip_only:
                i = max(reading.end, i + 1)
                continue
            quantity = build(self.text, self.tokens, reading)
            if quantity is not None:
                found.append(quantity)
            i = max(reading.end, i + 1)
        return found

    def _may_start(self, t: Token) -> bool:
        if t.kind in (NUM, FRAC):
            return True
        if t.kind == WORD:
            return t.low in WORD_STARTS or t.low == "minus" or t.low == "between" or t.text in self.lex.currency_codes or (t.low, ) in self.lex.currency_symbols or (t.text,) in self.lex.currency_symbols or self._symbol_at(t)
        return t.kind == SYM and (self._symbol_at(t) or t.text in MINUS_SIGNS)

    def _symbol_at(self, t: Token) -> bool:
        index = self._index_of(t)
        return self._currency_symbol(index) is not None

    def _index_of(self, t: Token) -> int:
        # tokens are unique objects; a bisect on start keeps this O(log n)
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].start < t.start:
                lo = mid + 1
            else:
                hi = mid
        return lo

    # ---- one quantity -------------------------------------------------------------

    def _read(self, i: int) -> Reading | None:
        """Read a quantity (or a range) starting at token ``i``."""
        start = i
        between = False
        if self.tokens[i].low == "between":
            between = True
            i += 1
            if i >= self.n:
                return None
        first = self._read_single(i)
        if first is None:
            return None
        if first.skip_only:
            return first
        first.qualifier = self._qualifier_before(start)
        return self._range_tail(first, between)

    def _read_single(self, i: int) -> Reading | None:
        tokens = self.tokens
        reading = Reading(first=i)
        # currency before the number: "$", "US$", "NT$", "USD"
        symbol = self._currency_symbol(i)
        if symbol is not None:
            code, after = symbol
            if after < self.n and (not tokens[after].space or tokens[i].kind == WORD):
                reading.currency = code
                i = after
            else:
                return None
        # a sign: "-5C", "−5 °C", "minus 15C"
        if i < self.n and tokens[i].kind == SYM and tokens[i].text in MINUS_SIGNS:
            if i + 1 < self.n and tokens[i + 1].kind == NUM and not tokens[i + 1].space and self._sign_allowed(i):
                reading.negative = True
                i += 1
            else:
                return None
        elif i < self.n and tokens[i].low == "minus":
            if i + 1 < self.n and tokens[i + 1].kind in (NUM, WORD):
                reading.negative = True
                i += 1
            else:
                return None
        if i >= self.n:
            return None
        number = self._number(i)
        if number is None:
            return None
        reading.number = number
        reading.number_start = i
        j = number.end
        skip = self._not_a_quantity(reading, i, j)
        if skip is not None:
            return Reading(first=reading.first, end=skip, skip_only=True)
        j = self._scale(reading, j)
        if reading.currency is None:
            j = self._currency_word(reading, j)
        if reading.currency is None:
            j = self._unit(reading, j)
        if reading.unit is None and reading.currency is None and not reading.percent:
            if number.words and not self._words_may_stand_alone(reading, j):
                return None
            j = self._count_noun(reading, j)
        reading.end = j
        if number.words and reading.unit is None and reading.currency is None and reading.noun is None and not reading.percent:
            return None
        return reading

    def _number(self, i: int) -> Number | None:
        t = self.tokens[i]
        if t.kind in (NUM, FRAC):
            return parse_digits(self.tokens, i)
        if t.kind == WORD and t.low in WORD_STARTS:
            return parse_words(self.tokens, i)
        return None

    def _sign_allowed(self, i: int) -> bool:
        """A dash is a minus sign only where it cannot join two things ("5-10", "F-16")."""
        if i == 0:
            return True
        before = self.tokens[i]
        previous = self.tokens[i - 1]
        if not before.space:
            return False  # "F-16", "5-10", "COVID-19"
        return previous.kind != NUM

    def _words_may_stand_alone(self, reading: Reading, j: int) -> bool:
        return True

    # ---- things that look like numbers but are not quantities ------------------------

    def _not_a_quantity(self, reading: Reading, i: int, j: int) -> int | None:
        """If the number at ``i..j`` is a year, date, time, ordinal, identifier or score,
        return the token index to resume at; else None."""
        tokens = self.tokens
        t = tokens[i]
        if t.kind != NUM:
            return None
        nxt = tokens[j] if j < self.n else None
        prev = tokens[i - 1] if i > 0 else None
        # ordinals: "47th", "1st"
        if nxt is not None and not nxt.space and nxt.low in ORDINAL_SUFFIXES:
            return j + 1
        # times: "6pm", "6 p.m.", "10 o'clock"
        if nxt is not None and self._is_time_suffix(j):
            return j + 1
        if reading.currency is not None or reading.negative:
            return None
        # dates: "June 5", "5 June 2024"
        if prev is not None and prev.kind == WORD and prev.low.rstrip(".") in self.lex.months and prev.text[0].isupper():
            if "." not in t.text and "," not in t.text and float(t.text) <= 31:
                return j
        if nxt is not None and nxt.kind == WORD and nxt.low in self.lex.months and nxt.text[0].isupper():
            if "." not in t.text and "," not in t.text and float(t.text) <= 31:
                return j + 1
        # identifiers: "Article 5", "Boeing 737", "F-16", "G7", "A380", "Su-57"
        if prev is not None and prev.text in self.lex.identifier_words and prev.start < t.start:
            return j
        if prev is not None and not t.space and prev.kind == WORD:
            return j  # letters written onto the digits: "G7", "A380", "MH17"
        if prev is not None and prev.text in HYPHENS and not t.space and i >= 2:
            before = tokens[i - 2]
            if before.kind == WORD and not prev.space and before.text[0].isupper():
                return j
        if nxt is not None and not nxt.space and nxt.kind == WORD and nxt.text.isupper() and len(nxt.text) >= 1:
            if self.units.match((nxt.text,)) is None and nxt.text not in self.lex.scales_cs and (nxt.text, ) not in self.lex.currency_symbols:
                return j + 1  # "5G", "4K TV"
        # years: a bare four-digit number from 1000 to 2099 with nothing after it that
        # makes it a measure ("in 2027", "the 1990s")
        if len(t.text) == 4 and t.text.isdigit() and 1000 <= int(t.text) <= 2099:
            if nxt is not None and not nxt.space and nxt.low == "s":
                return j + 1
            if not self._unit_follows(j) and not self._scale_follows(j):
                if not (int(t.text) < 1900 and self._plural_noun_at(j)):
                    return j
        # scores: "won 3-1", "a 2-0 victory"
        if nxt is not None and nxt.text in DASHES and not nxt.space and j + 1 < self.n:
            other = tokens[j + 1]
            if other.kind == NUM and not other.space and t.text.isdigit() and other.text.isdigit():
                if int(t.text) <= 30 and int(other.text) <= 30 and not self._unit_follows(j + 2):
                    if self._sport_context(i):
                        return j + 2
        return None

    def _is_time_suffix(self, j: int) -> bool:
        t = self.tokens[j]
        if t.low in TIME_SUFFIXES:
            return True
        if t.low in ("a", "p") and j + 2 < self.n and self.tokens[j + 1].text == "." and self.tokens[j + 2].low == "m":
            return True
        return t.low == "o" and j + 2 < self.n and self.tokens[j + 2].low == "clock"

    def _sport_context(self, i: int) -> bool:
        lo = max(0, i - 12)
        hi = min(self.n, i + 12)
        return any(self.tokens[k].low in self.lex.sport_words for k in range(lo, hi))

    def _unit_follows(self, j: int) -> bool:
        probe = Reading(first=j)
        probe.number = Number(1.0, 1.0, j, False)
        return self._unit(probe, j) != j or self._percent_at(j) is not None

    def _scale_follows(self, j: int) -> bool:
        if j >= self.n:
            return False
        t = self.tokens[j]
        return t.low in ("million", "billion", "trillion", "bn", "tn", "thousand")

    # ---- scale, unit, currency, noun ---------------------------------------------------

    def _scale(self, reading: Reading, j: int) -> int:
        if j >= self.n:
            return j
        t = self.tokens[j]
        if t.kind != WORD or t.newline:
            return j
        factor = self.lex.scales_cs.get(t.text)
        short = factor is not None
        if factor is None:
            factor = self.lex.scales.get(t.low)
            short = factor is not None and len(t.low) <= 3
        if factor is None:
            return j
        if short:
            # abbreviations only written onto the number ("$2bn", "£45m", "500k")
            if t.space and t.low not in ("bn", "mn", "mln", "bln", "tn", "trn"):
                return j
            if t.low == "m" and not self._m_is_million(reading, j):
                return j
            if t.low in ("b", "t", "tr") and reading.currency is None:
                return j
            if t.text == "K" and reading.currency is None and not self._plural_noun_at(j + 1):
                return j
        reading.scale = factor
        reading.scale_end = j + 1
        k = j + 1
        # "1.5 million" then another scale is not English, but "a hundred thousand" is handled in numbers
        return k

    def _m_is_million(self, reading: Reading, j: int) -> bool:
        """Decide whether an "m" after a number is million or metres."""
        if reading.currency is not None:
            return True
        k = j + 1
        if k < self.n:
            after = self.tokens[k]
            if not after.space and (after.kind == NUM or after.kind == SUP):
                return False  # "400m2", "40m³"
            if after.kind == WORD and after.space:
                if after.low in METRE_CONTEXT:
                    return False
                if self._unit_after(k) is not None or self._currency_word_at(k) is not None:
                    return True  # "5m tonnes", "3m euros"
                if self._plural_noun_at(k):
                    return True  # "2.5m people"
        return False

    def _unit(self, reading: Reading, j: int) -> int:
        """Read a unit after the number (and scale); compose area, volume and rates."""
        if j >= self.n:
            return j
        tokens = self.tokens
        t = tokens[j]
        if t.newline:
            return j
        hyphen = False
        k = j
        if t.text in HYPHENS and not t.space and k + 1 < self.n and not tokens[k + 1].space and tokens[k + 1].kind == WORD:
            hyphen = True
            k += 1
        percent = self._percent_at(k)
        if percent is not None and not hyphen:
            unit, end = percent
            reading.percent = True
            reading.unit = unit
            return end
        if percent is not None and hyphen:  # "a 5-percent rise"
            unit, end = percent
            reading.percent = True
            reading.unit = unit
            return end
        power = 1
        if tokens[k].low in ("square", "sq") and k + 1 < self.n:
            power, k = 2, k + 1
            if tokens[k].text == "." and not tokens[k].space and k + 1 < self.n:
                k += 1
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
        if entry.expression == "degree" and power == 1:
            expression = self._degrees(entry, end)
        if power != 1:
            from .units import is_length

            if not is_length(expression):
                return j
        per, end = self._per(end)
        if per is not None and power == 1 and entry.expression in ("degree_Celsius", "degree_Fahrenheit"):
            per = None
        reading.unit = compose(expression, power, per)
        reading.unit_factor = entry.factor
        reading.unit_entry = entry
        reading.hyphenated = hyphen
        if hyphen and end + 1 < self.n and tokens[end].text in HYPHENS and tokens[end + 1].low == "old":
            end += 2  # "10-year-old"
        return end

    def _unit_after(self, k: int, *, attached: bool = False, hyphen: bool = False) -> tuple[UnitEntry, int] | None:
        """The longest table unit starting at token ``k``."""
        tokens = self.tokens
        for length in range(min(self.units.longest, self.n - k), 0, -1):
            words = tuple(tokens[k + m].text for m in range(length))
            if length > 1 and any(tokens[k + m].newline for m in range(1, length)):
                continue
            entry = self.units.match(words)
            if entry is None:
                continue
            end = k + length
            if entry.attached_only and not attached:
                continue
            if hyphen and entry.no_hyphen:
                continue
            if not self._unit_boundary(entry, k, end):
                continue
            return entry, end
        return None

    def _unit_boundary(self, entry: UnitEntry, k: int, end: int) -> bool:
        """Reject a unit surface glued to more letters, and prepositional "in"."""
        if end < self.n:
            after = self.tokens[end]
            if after.kind == WORD and not after.space:
                return False
        surface = entry.surface
        if surface == ("in",):
            if end < self.n and self.tokens[end].kind == WORD:
                return self.tokens[end].low in ("thick", "long", "wide", "tall", "high", "deep", "diameter", "across")
            return True
        if len(surface) == 1 and len(surface[0]) == 1 and surface[0] in "CF":
            # a bare C or F is a temperature only when not the start of a name ("5 F Street")
            if end < self.n and self.tokens[end].kind == WORD and self.tokens[end].text[0].isupper() and not self.tokens[end].space is False:
                return self.tokens[end].low not in ("street",)
        return True

    def _exponent(self, end: int) -> tuple[int, int]:
        """"m2", "km²", "m³": a power written after the unit."""
        if end < self.n:
            t = self.tokens[end]
            if t.kind == SUP and not t.space:
                return (2 if t.text == "²" else 3), end + 1
            if t.kind == NUM and not t.space and t.text in ("2", "3"):
                after = self.tokens[end + 1] if end + 1 < self.n else None
                if after is None or after.space or after.kind != NUM:
                    return int(t.text), end + 1
        return 1, end

    def _per(self, end: int) -> tuple[str | None, int]:
        """A rate: "km/h", "miles per hour", "barrels a day", "per square km"."""
        tokens = self.tokens
        if end >= self.n:
            return None, end
        t = tokens[end]
        if t.text == "/" or t.low in ("per", "a", "an", "each"):
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
            if t.low in ("a", "an", "each") and power == 1 and not _is_time_unit(entry.expression):
                return None, end
            if power == 1:
                power, stop = self._exponent(stop)
            return compose(entry.expression, power), stop
        return None, end

    def _degrees(self, entry: UnitEntry, end: int) -> str:
        """A plain "degrees" is a temperature when the text around it talks of heat."""
        lo = max(0, end - 25)
        hi = min(self.n, end + 10)
        if any(self.tokens[k].low in self.lex.heat_words for k in range(lo, hi)):
            return "degree_Fahrenheit" if self._fahrenheit_text() else "degree_Celsius"
        return entry.expression

    def _fahrenheit_text(self) -> bool:
        if self._heat_text is None:
            lowered = self.text.lower()
            self._heat_text = "fahrenheit" in lowered or "°f" in lowered
        return bool(self._heat_text)

    def _percent_at(self, k: int) -> tuple[str, int] | None:
        if k >= self.n:
            return None
        tokens = self.tokens
        t = tokens[k]
        if t.text == "%":
            return "percent", k + 1
        if t.kind != WORD or t.newline:
            return None
        nxt = tokens[k + 1].low if k + 1 < self.n else ""
        if t.low in ("percent", "pct"):
            if nxt in ("point", "points"):
                return "percentage_point", k + 2
            return "percent", k + 1
        if t.low == "per" and nxt == "cent":
            if k + 2 < self.n and tokens[k + 2].low in ("point", "points"):
                return "percentage_point", k + 3
            return "percent", k + 2
        if t.low == "percentage" and nxt in ("point", "points"):
            return "percentage_point", k + 2
        if t.low in ("pp", "ppt", "ppts"):
            return "percentage_point", k + 1
        if t.low in ("basis", "bp", "bps"):
            if t.low == "basis" and nxt not in ("point", "points"):
                return None
            return "basis_point", (k + 2 if t.low == "basis" else k + 1)
        return None

    def _currency_symbol(self, i: int) -> tuple[str, int] | None:
        """A currency written before the number, as a symbol or an ISO code."""
        tokens = self.tokens
        for length in range(min(self.lex.currency_symbol_longest, self.n - i), 0, -1):
            words = tuple(tokens[i + m].text for m in range(length))
            if length > 1 and any(tokens[i + m].space for m in range(1, length)):
                continue
            code = self.lex.currency_symbols.get(words)
            if code is not None:
                return code, i + length
        t = tokens[i]
        if t.text in self.lex.currency_codes and i + 1 < self.n and tokens[i + 1].kind == NUM:
            return t.text, i + 1
        return None

    def _currency_word(self, reading: Reading, j: int) -> int:
        found = self._currency_word_at(j)
        if found is None:
            return j
        code, end = found
        if code == "GBP" and self.tokens[j].low in ("pound", "pounds") and not self._price_context(reading.first, j):
            # a mass, not money: "8 pounds", "2 million pounds of cocaine"
            return j
        reading.currency = code
        return end

    def _currency_word_at(self, j: int) -> tuple[str, int] | None:
        tokens = self.tokens
        if j >= self.n:
            return None
        if tokens[j].text in self.lex.currency_codes:
            return tokens[j].text, j + 1
        for length in range(min(self.lex.currency_word_longest, self.n - j), 0, -1):
            words = tuple(tokens[j + m].low for m in range(length))
            code = self.lex.currency_words.get(words)
            if code is not None:
                if code == "KRW" and tokens[j].low == "won":
                    # "won" is far more often the verb: money only after a scale or a price word
                    if not self._price_context(max(0, j - 3), j):
                        return None
                if code == "BRL" and tokens[j].low == "real":
                    return None
                return code, j + length
        return None

    def _price_context(self, first: int, j: int) -> bool:
        lo = max(0, first - 8)
        hi = min(self.n, j + 4)
        for k in range(lo, hi):
            if self.tokens[k].low in self.lex.price_words:
                return True
        after = self.tokens[j + 1].low if j + 1 < self.n else ""
        return after == "sterling"

    def _plural_noun_at(self, k: int) -> bool:
        if k >= self.n:
            return False
        t = self.tokens[k]
        if t.kind != WORD:
            return False
        w = t.low
        if w in IRREGULAR_PLURALS:
            return True
        return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in NOT_NOUNS

    def _count_noun(self, reading: Reading, j: int) -> int:
        """"295 votes", "1.2 million people", "295 Electoral College votes"."""
        tokens = self.tokens
        k = j
        for _ in range(3):
            if k >= self.n or tokens[k].newline or tokens[k].kind != WORD:
                return j
            if tokens[k].low in NOT_NOUNS:
                return j
            if self._plural_noun_at(k):
                reading.noun = tokens[k].low
                reading.noun_end = k + 1
                per, end = self._per(k + 1)
                if per is not None:
                    reading.unit = compose("1", 1, per) if False else f"1 / ({per})"
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

    # ---- ranges --------------------------------------------------------------------------

    def _range_tail(self, first: Reading, between: bool) -> Reading:
        """"5-10 km", "5 to 10 kilometres", "between 5 and 10 km", "$5bn-$7bn"."""
        tokens = self.tokens
        j = first.end
        if j >= self.n:
            return first
        joiner = tokens[j]
        is_dash = joiner.text in DASHES and joiner.kind == SYM
        is_word = joiner.low == "to" or (between and joiner.low == "and")
        if not (is_dash or is_word):
            return first
        if first.noun is not None and is_dash:
            return first
        if is_dash and (joiner.space != (j + 1 < self.n and tokens[j + 1].space)):
            return first  # "5 -10" is not a range
        if j + 1 >= self.n:
            return first
        if first.number is not None and first.number.words and is_dash:
            return first
        # "from 5% to 10%" is a change, not a range
        if is_word and joiner.low == "to" and self._from_before(first.first):
            return first
        second = self._read_single(j + 1)
        if second is None or second.skip_only:
            return first
        if first.unit is not None and second.unit is not None and first.unit != second.unit:
            return first
        if first.currency and second.currency and first.currency != second.currency:
            return first
        first.range_with = second
        first.end = second.end
        return first

    def _from_before(self, i: int) -> bool:
        return i > 0 and self.tokens[i - 1].low == "from"


def _is_time_unit(expression: str) -> bool:
    return expression in ("second", "minute", "hour", "day", "week", "fortnight", "month", "year", "century")


__all__ = ["extract", "SMALL", "TENS"]

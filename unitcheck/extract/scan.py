"""Find every quantity in English news text.

``extract(text)`` tokenises the text (``lexer``), then walks the tokens once: at each
place a number can start it reads, in order, a bound ("more than"), a currency symbol
(``money``), the number (``numbers``), a scale ("bn", "million") and a unit
(``unit_reader``) or a price per unit ("$80 a barrel"), then a range tail (``ranges``)
or a counted noun ("295 votes"). Numbers that are not quantities (years, dates, times,
ordinals, identifiers, scores) are left out by ``not_quantities``.
"""

from __future__ import annotations

from ..model import Quantity
from ..text.context import near, words
from ..text.tokens import FRAC, NUM, SYM, WORD, Token, tokenize
from ..units.registry import unit_info
from .build import build
from .counts import count_noun
from .lexicon import lexicon
from .money import currency_after, currency_symbol, money_starts, money_tail, one_coin
from .not_quantities import age_in_years, blocked_spans, not_a_quantity
from .numbers import (
    WORD_STARTS,
    Number,
    decimal_comma,
    parse_digits,
    point_grouped,
    read_number,
)
from .ranges import RangeRules, range_words
from .state import (
    HYPHENS,
    MINUS_SIGNS,
    SENTENCE_ENDS,
    TIME_UNITS,
    Reading,
)
from .surfaces import unit_table
from .unit_reader import (
    percent_at,
    read_compound,
    read_per,
    read_scale,
    read_unit,
    unit_after,
)


def extract(text: str) -> list[Quantity]:
    """Return every quantity in ``text``, in order, with exact character spans.

    >>> [(q.text, q.value, q.unit) for q in extract("Troops took more than 400 square miles.")]
    [('400 square miles', 400.0, 'mile ** 2')]
    """
    if not text:
        return []
    return _Scanner(text, tokenize(text), lexicon(), unit_table(), blocked_spans(text)).run()


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


class _Scanner(RangeRules):
    """One pass over the tokens of a text."""

    def run(self) -> list[Quantity]:
        found: list[Quantity] = []
        i = 0
        tokens = self.tokens
        self.lent = {}
        self.list_units = {}
        self.vague_starts = range_words().starts
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
                or t.low in self.vague_starts
                or money_starts(self, t)
            )
        return kind == SYM and (t.text in self.lex.currency_symbol_starts or t.text in MINUS_SIGNS)

    def _read(self, i: int) -> Reading | None:
        """Read a quantity (or a range) starting at token ``i``."""
        start = i
        if self.tokens[i].low in self.vague_starts:
            vague = self._vague(i)  # "hundreds of miles", "several thousand people"
            if vague is not None:
                vague.qualifier = self._qualifier_before(start) or "approx"
                return vague
        between = self.tokens[i].low == "between"
        if between:
            i += 1
            if i >= self.n:
                return None
        first = self._read_single(i)
        if first is None:
            first = self._spelled_pair(i, between)  # "six to seven thousand people"
            if first is not None:
                first.qualifier = self._qualifier_before(start)
            return first
        if first.skip_only:
            return first
        self._borrow_lent(first, i)  # "from 180 pounds to 165"
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
        second = first.range_with
        if second is not None and second.number is not None and second.number.grouped:
            self._point_grouped(first, i, force=True)  # "3.000 to 4.000 people"
        if first.range_with is None:
            self._borrow_unit(first)
        return first

    def _read_single(self, i: int) -> Reading | None:
        tokens = self.tokens
        reading = Reading(first=i)
        symbol = currency_symbol(self, i)  # "$", "US$", "NT$", "USD"
        if symbol is not None:
            code, after = symbol
            if after >= self.n:
                return None
            nxt = tokens[after]
            if nxt.space and tokens[i].kind != WORD and (nxt.kind != NUM or nxt.newline):
                return None  # "$ 2.75" is money; "$ " before anything else is not
            reading.currency = code
            i = after
        spaced_sign = False  # "convert - 20 degrees F": a sign only if a unit follows
        if tokens[i].kind == SYM and tokens[i].text in MINUS_SIGNS:  # "-5C", "−5 °C", "$-5"
            nxt = tokens[i + 1] if i + 1 < self.n else None
            if nxt is None or nxt.kind != NUM:
                return None
            if nxt.space:
                if reading.currency is not None or not self._spaced_sign(i):
                    return None
                spaced_sign = True
            elif reading.currency is None and not self._sign_allowed(i):
                return None
            reading.negative = True
            i += 1
        elif tokens[i].low == "minus":  # "minus 15C"
            if (
                i + 2 < self.n
                and tokens[i + 1].text in HYPHENS
                and not tokens[i + 1].space
                and not tokens[i + 2].space
                and tokens[i + 2].kind == NUM
            ):
                i += 1  # "minus-40 degrees"
            if i + 1 >= self.n or tokens[i + 1].kind not in (NUM, WORD):
                return None
            if i >= 2 and tokens[i - 1].low == "or" and tokens[i - 2].low == "plus":
                reading.first = i - 2  # "plus or minus 2%": a margin, a positive size
            else:
                reading.negative = True
            i += 1
        if i >= self.n:
            return None
        number = read_number(self.tokens, i)
        if number is None and self._a_half_unit(i):
            number = Number(0.5, 0.5, i + 2, True)  # "a half mile", "a half hour"
        if number is None:
            coin = one_coin(self, reading, i)  # "a penny", "a dime"
            if coin is not None:
                reading.end = coin
                return reading
            if not self._article_counts(reading, i):
                return None
            number = Number(1.0, 1.0, i + 1, True)  # "a mile": only with a "one" unit
            reading.article = True
        reading.number = number
        j = number.end
        if number.words and number.value < 1 and self._of_a_unit(j):
            j += 2  # "a quarter of a percentage point", "two thirds of a mile"
        if self._height_inches(i, number):
            reading.unit = "inch"  # the "3" of "6-foot-3"
            reading.unit_entry = self.units.match(("inch",))
            reading.end = j
            return reading
        if age_in_years(self, reading, i, j):  # "aged 58", "the coach, 58,": years
            reading.end = j
            return reading
        skip = None if self._prefixed_bound(i, j) else not_a_quantity(self, reading, i, j)
        if skip is not None:
            return Reading(first=reading.first, end=skip, skip_only=True)
        if not number.words:
            j = self._plus_minus(reading, j)
        if not reading.article:
            j = read_scale(self, reading, j)
        if reading.currency is None and not reading.article:
            j = currency_after(self, reading, j)
        elif reading.currency is not None:
            j = money_tail(self, reading, j)  # "US$12 mil", "$400-M", "($99.99)"
        if reading.currency is None:
            j = read_unit(self, reading, j)
            if reading.unit_entry is not None and reading.scale == 1:
                j = read_compound(self, reading, j)
        else:
            per, j = read_per(self, j, money=True)  # "$80 a barrel", "$15/hour"
            reading.per = per
            if (
                per is None
                and j + 1 < self.n
                and tokens[j].low in ("a", "per")
                and tokens[j + 1].low == "dozen"
            ):
                j += 2  # "$4.95 a dozen": a price for a count, not per a unit
        if reading.article:
            entry = reading.unit_entry
            if entry is None or not entry.one:
                return None
        if spaced_sign and reading.unit_entry is None and not reading.percent:
            return None  # "the fee - 20 dollars -": a dash setting off a clause
        if reading.unit is None and reading.currency is None:
            j = count_noun(self, reading, j)
        reading.end = j
        self._point_grouped(reading, i)
        if self._bare_decimal_comma(reading, i):
            return Reading(first=reading.first, end=j, skip_only=True)  # "6,4 and 7,5"
        if number.words and not self._words_stand(reading, i):
            if number.end > i + 1:  # nor is a part of it: not "a dozen" of "half a dozen"
                return Reading(first=reading.first, end=number.end, skip_only=True)
            return None
        if j == number.end and j < self.n and tokens[j].kind == WORD and not tokens[j].space:
            return Reading(first=reading.first, end=j + 1, skip_only=True)  # "3D", "4K", "5G"
        return reading

    def _height_inches(self, i: int, number: Number) -> bool:
        """Is the number at ``i`` the inches of a height written "6-foot-3"?"""
        tokens = self.tokens
        if i < 4 or number.words or tokens[i].kind != NUM or not tokens[i].text.isdigit():
            return False
        if len(tokens[i].text) > 2 or int(tokens[i].text) > 11:
            return False  # no inches past 11 (nor int() of a 5,000-digit run)
        if tokens[i].space or tokens[i - 1].space:
            return False
        return (
            tokens[i - 1].text in HYPHENS
            and tokens[i - 2].low in _HEIGHT_FEET
            and tokens[i - 3].text in HYPHENS
            and tokens[i - 4].kind == NUM
            and unit_after(self, number.end) is None
        )

    def _plus_minus(self, reading: Reading, j: int) -> int:
        """An uncertainty after the number: "9.8 ± 0.2 m", "5 +/- 1 km"."""
        tokens = self.tokens
        k = j
        if k < self.n and tokens[k].text == "\u00b1":
            k += 1
        elif (
            k + 2 < self.n
            and tokens[k].text == "+"
            and tokens[k + 1].text == "/"
            and tokens[k + 2].text in MINUS_SIGNS
            and not tokens[k + 1].space
            and not tokens[k + 2].space
        ):
            k += 3
        else:
            return j
        if k >= self.n or tokens[k].kind != NUM:
            return j
        spread = parse_digits(tokens, k)
        if spread is None:
            return j
        reading.plus_minus = spread
        return spread.end

    def _of_a_unit(self, j: int) -> bool:
        """Is ``j`` "of a" or "of an" before a unit or a percentage point?"""
        tokens = self.tokens
        if j + 2 >= self.n or tokens[j].low != "of" or tokens[j + 1].low not in ("a", "an"):
            return False
        return unit_after(self, j + 2) is not None or percent_at(self, j + 2) is not None

    def _a_half_unit(self, i: int) -> bool:
        """Is ``i`` "a half" or "a quarter" straight before a unit ("a half mile")?"""
        tokens = self.tokens
        return (
            i + 2 < self.n
            and tokens[i].low in ("a", "an")
            and tokens[i + 1].low in ("half", "quarter")
            and unit_after(self, i + 2) is not None
        )

    def _article_counts(self, reading: Reading, i: int) -> bool:
        """Can "a"/"an" at ``i`` stand for one of a unit ("a mile", "an acre")?"""
        if (
            self.tokens[i].low not in ("a", "an")
            or reading.currency is not None
            or reading.negative
        ):
            return False
        return i + 1 < self.n and self.tokens[i + 1].low in self.units.one_starts

    def _words_stand(self, reading: Reading, i: int) -> bool:
        """May a spelled-out number be a quantity? Always with a unit or a counted noun;
        on its own only when it cannot be a pronoun or an idiom ("one of", "two in")."""
        if reading.unit is not None or reading.currency is not None:
            return True
        if reading.noun is not None:
            assert reading.number is not None
            return not self._title_words(i, reading.number.end)  # not "the Six Nations"
        number = reading.number
        assert number is not None
        if reading.scale > 1 and not reading.article:
            return True  # "half a million", "a quarter million": a figure, not an idiom
        if self.tokens[i].low in ("half", "quarter") or reading.article:
            return False  # "half a chance", "quarter-final"
        if self._kinship_count(i):
            return True  # "a mum-of-three"
        prev = self.tokens[i - 1] if i > 0 else None
        if prev is not None and not self.tokens[i].space and prev.text in HYPHENS:
            return False  # "7-Eleven", "Catch-Twenty"
        if prev is not None and self.tokens[i].text[0].isupper() and not self.tokens[i].newline:
            if prev.text not in SENTENCE_ENDS:
                return False  # "Ocean's Eleven": a title
        if number.value != int(number.value):
            return True  # "two thirds", "two and a half"
        if number.value >= 10:
            return True
        nxt = self.tokens[number.end] if number.end < self.n else None
        if number.value < 2:
            # "one" is as often a pronoun, but not in "one short of", "one quarter-point cut"
            return nxt is not None and (
                nxt.low in ONE_COUNT_FOLLOWERS
                or (
                    nxt.low in ("quarter", "half")
                    and number.end + 2 < self.n
                    and self.tokens[number.end + 1].text in HYPHENS
                    and self.tokens[number.end + 2].low == "point"
                )
            )
        if nxt is not None and (nxt.low in WORD_COUNT_FOLLOWERS or nxt.kind == NUM):
            return True  # "two of the victims", "two short of", "two 500mg doses"
        if (
            nxt is not None
            and nxt.text in HYPHENS
            and not nxt.space
            and number.end + 1 < self.n
            and not self.tokens[number.end + 1].space
            and self.tokens[number.end + 1].low in COUNT_COMPOUNDS
        ):
            return True  # "a two-bedroom flat", as "a 2-bedroom flat"
        return near(self.tokens, i, "existential_there")  # "there are two in the car"

    def _kinship_count(self, i: int) -> bool:
        """Is the number word at ``i`` the count in "mum-of-three", "father-of-two"?"""
        tokens = self.tokens
        return (
            i >= 4
            and tokens[i - 1].text in HYPHENS
            and tokens[i - 2].low == "of"
            and tokens[i - 3].text in HYPHENS
            and tokens[i - 4].low in KIN_WORDS
        )

    def _title_words(self, i: int, end: int) -> bool:
        """Is a capitalised spelled-out number mid-sentence followed by a capitalised
        word (``end``), as in a name ("the Six Nations", "the Three Lions")?"""
        tokens = self.tokens
        if i == 0 or end >= self.n or not tokens[i].text[0].isupper() or tokens[i].newline:
            return False
        if tokens[i - 1].text in SENTENCE_ENDS:
            return False
        return tokens[end].kind == WORD and tokens[end].text[0].isupper()

    def _sign_allowed(self, i: int) -> bool:
        """A dash is a minus sign only where it cannot join two things ("5-10", "F-16")."""
        if i == 0:
            return True
        if not self.tokens[i].space:
            return False  # "F-16", "5-10", "COVID-19"
        return self.tokens[i - 1].kind != NUM

    def _point_grouped(self, reading: Reading, i: int, *, force: bool = False) -> None:
        """Read "3.000 people", "1.500 jobs" and "212.000 years" as thousands, as European
        copy writes them (``numbers.point_grouped``): a figure that counts something, a
        span of years or more, or the low end of a range whose high end was so read
        (``force``). A physical measure keeps its decimals ("1.500 km" is 1.5 km, as a
        formatter writes it), and so do money, a percentage, a scaled figure ("1.500
        billion"), a bare figure ("priced at 99.500") and a clock time ("1:23.450")."""
        number = reading.number
        t = self.tokens[i]
        if number is None or number.words or t.kind != NUM or number.end != i + 1:
            return
        if reading.currency is not None or reading.percent or reading.scale != 1:
            return
        if i > 0 and self.tokens[i - 1].text == ":" and not t.space:
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

    def _bare_decimal_comma(self, reading: Reading, i: int) -> bool:
        """Is the number at ``i`` written with a decimal comma ("1,5") but with nothing
        that makes it a measure (a unit, a currency, a percent sign or a scale)? English
        copy then more likely lists two figures ("gates 1,5 and 7")."""
        t = self.tokens[i]
        if t.kind != NUM or "," not in t.text or not decimal_comma(t.text):
            return False
        return not (reading.unit or reading.currency or reading.percent or reading.scale != 1)

    def _prefixed_bound(self, i: int, j: int) -> bool:
        """Is the number at ``i`` bounded by a prefix written onto it with a hyphen and
        followed by a unit ("sub-5 nm")? Then it is a quantity, not a name ("F-16")."""
        tokens = self.tokens
        if i < 2 or tokens[i].space or tokens[i - 1].space or tokens[i - 1].text not in HYPHENS:
            return False
        prefix = (tokens[i - 2].low, tokens[i - 1].text)
        return prefix in self.lex.qualifiers and j < self.n and unit_after(self, j) is not None

    def _spaced_sign(self, i: int) -> bool:
        """May the minus at ``i``, set apart from its number, be a sign? Only a hyphen or
        minus sign at the start of a text or line, or after a word that leads into a
        figure ("convert - 20 degrees F", "temperatures of - 5C")."""
        if self.tokens[i].text == "\u2013" or self.tokens[i + 1].newline:
            return False  # a spaced en dash sets off a clause
        if i == 0 or self.tokens[i].newline:
            return True
        return self.tokens[i - 1].low in self.lex.sign_words

    def _qualifier_before(self, start: int) -> str | None:
        tokens = self.tokens
        for length in range(min(self.lex.qualifier_longest, start), 0, -1):
            words = tuple(tokens[start - length + m].low for m in range(length))
            value = self.lex.qualifiers.get(words)
            if value is not None:
                return value
        return None

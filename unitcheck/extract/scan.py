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
from ..text.tokens import FRAC, NUM, SYM, WORD, Token, tokenize
from .build import build
from .lexicon import lexicon
from .money import money_starts
from .not_quantities import blocked_spans
from .numbers import (
    WORD_STARTS,
)
from .ranges import RangeRules, range_words
from .reading import read_point_grouped, read_single
from .state import (
    MINUS_SIGNS,
    TIME_UNITS,
    Reading,
)
from .surfaces import unit_table


def extract(text: str) -> list[Quantity]:
    """Return every quantity in ``text``, in order, with exact character spans.

    >>> [(q.text, q.value, q.unit) for q in extract("Troops took more than 400 square miles.")]
    [('400 square miles', 400.0, 'mile ** 2')]
    """
    if not text:
        return []
    return _Scanner(text, tokenize(text), lexicon(), unit_table(), blocked_spans(text)).run()


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
        first = read_single(self, i)
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
            read_point_grouped(self, first, i, force=True)  # "3.000 to 4.000 people"
        if first.range_with is None:
            self._borrow_unit(first)
        return first

    def _qualifier_before(self, start: int) -> str | None:
        tokens = self.tokens
        for length in range(min(self.lex.qualifier_longest, start), 0, -1):
            words = tuple(tokens[start - length + m].low for m in range(length))
            value = self.lex.qualifiers.get(words)
            if value is not None:
                return value
        return None

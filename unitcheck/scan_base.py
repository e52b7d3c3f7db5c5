"""The state every part of the quantity grammar reads, and the word lists they share.

``extract._Scanner`` is assembled from one mixin per job (units, money, ranges, numbers
that are not quantities); each inherits ``ScannerBase`` for the tokens and tables.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from .lexer import WORD, Token
from .lexicon import Lexicon
from .units import UnitTable

if TYPE_CHECKING:
    from .quantity_builder import Reading

HYPHENS = frozenset("-\u2010\u2011")
DASHES = frozenset("-\u2010\u2011\u2013\u2014")
MINUS_SIGNS = frozenset("-\u2212\u2013")
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
#: Punctuation that may close a quantity written straight after it ("40C.", "(104F)").
CLOSING = frozenset(".,;:!?)]}\"'\u2019\u201d")
#: Tokens after which a capitalised word may simply start a sentence.
SENTENCE_ENDS = frozenset(".!?:;\"'\u2018\u2019\u201c\u201d(")


class ScannerBase:
    """Tokens, tables and the few helpers every part of the grammar uses."""

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        lex: Lexicon,
        units: UnitTable,
        blocked_spans: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.n = len(tokens)
        self.lex = lex
        self.units = units
        self.blocked: set[int] = set()
        if blocked_spans:
            starts = [t.start for t in tokens]
            for s, e in blocked_spans:
                for index in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                    self.blocked.add(index)
        self._fahrenheit: bool | None = None  # computed on first need
        self._inches: bool | None = None

    # implemented by the mixins; declared here so that each module can call the others
    def _read_single(self, i: int) -> Reading | None:
        raise NotImplementedError

    def _unit(self, reading: Reading, j: int) -> int:
        raise NotImplementedError

    def _per(self, end: int, *, money: bool = False) -> tuple[str | None, int]:
        raise NotImplementedError

    def _currency_word_at(self, j: int) -> tuple[str, int] | None:
        raise NotImplementedError

    def _plural_noun_at(self, k: int) -> bool:
        """Is token ``k`` a plural noun ("votes", "people", "MPs")?"""
        if k >= self.n:
            return False
        t = self.tokens[k]
        if t.kind != WORD:
            return False
        w = t.low
        if w in IRREGULAR_PLURALS:
            return True
        text = t.text
        if len(text) >= 3 and text[-1] == "s" and text[:-1].isupper():
            return True  # "MPs", "SUVs", "GPs"
        return (
            len(w) > 3
            and w.endswith("s")
            and not w.endswith(("ss", "us", "is"))
            and w not in NOT_NOUNS
        )

"""The state every part of the quantity grammar reads, and the word lists they share
(context sets of ``data/context_en.tsv``, named here for the modules that import them).

``extract._Scanner`` is assembled from one mixin per job (units, money, ranges, numbers
that are not quantities); each inherits ``ScannerBase`` for the tokens and tables.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..text.context import words
from ..text.tokens import WORD, Token
from .lexicon import Lexicon
from .surfaces import UnitTable

if TYPE_CHECKING:
    from .build import Reading

HYPHENS = words("hyphens")
DASHES = words("dashes")
MINUS_SIGNS = words("minus_signs")
TIME_UNITS = words("time_units")
IRREGULAR_PLURALS = words("irregular_plurals")
#: Words after a number that never make it a count ("5 was", "3 of them").
NOT_NOUNS = words("not_nouns")
#: Punctuation that may close a quantity written straight after it ("40C.", "(104F)").
CLOSING = words("closing")
#: Tokens after which a capitalised word may simply start a sentence.
SENTENCE_ENDS = words("sentence_ends")


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

"""The state every part of the quantity grammar reads, and the word lists they share
(context sets of ``data/context_en.tsv``, named here for the modules that import them).

``extract._Scanner`` is assembled from one mixin per job (units, money, ranges, numbers
that are not quantities); each inherits ``ScannerBase`` for the tokens and tables.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..text.tokens import Token
from .lexicon import Lexicon
from .surfaces import UnitTable

if TYPE_CHECKING:
    pass


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
        self.fahrenheit: bool | None = None  # computed on first need
        self.inches: bool | None = None
        self.degree_sign: bool | None = None

"""Money: currency symbols and codes before the number ("$", "US$", "NT$", "USD"),
currency words and pence after it ("20 million yuan", "50 cents", "345p"), and when
"pounds" is sterling rather than mass.
"""

from __future__ import annotations

from .lexer import NUM, SYM, WORD
from .quantity_builder import Reading
from .scan_base import ScannerBase

#: "1080p" is a video resolution, not pence.
VIDEO_LINES = frozenset({144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0})


class MoneyRules(ScannerBase):
    """Read the currency of an amount."""

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

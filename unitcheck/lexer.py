"""Split text into the small tokens the quantity grammar works on.

Digits, letters and symbols become separate tokens even when written together, so
"965km", "400m2", "US$1.5bn" and "km²" are read as the sequences a reader sees. Each
token keeps its character span and whether whitespace precedes it ("attached" forms
such as "5t" or "24h" need to know).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Thousands may be grouped by commas or by the no-break and thin spaces of typeset copy.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_TOKEN_RE = re.compile(
    rf"(?P<num>{_NUMBER})"
    r"|(?P<frac>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])"
    r"|(?P<sup>[²³])"
    r"|(?P<word>[^\W\d_²³¹]+)"
    r"|(?P<sym>\S)"
)

NUM, FRAC, SUP, WORD, SYM = "num", "frac", "sup", "word", "sym"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    low: str
    start: int
    end: int
    space: bool  # whitespace between the previous token and this one
    newline: bool  # a line break in that whitespace

    @property
    def attached(self) -> bool:
        return not self.space


def tokenize(text: str) -> list[Token]:
    """Return the tokens of ``text`` with exact character spans."""
    tokens: list[Token] = []
    previous_end = 0
    for match in _TOKEN_RE.finditer(text):
        start, end = match.span()
        gap = text[previous_end:start]
        kind = match.lastgroup or SYM
        surface = match.group()
        tokens.append(Token(kind, surface, surface.lower(), start, end, bool(gap), "\n" in gap))
        previous_end = end
    return tokens


def token_texts(surface: str) -> tuple[str, ...]:
    """The token texts of a table surface, for matching against running text."""
    return tuple(t.text for t in tokenize(surface))

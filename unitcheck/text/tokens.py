"""Split text into the small tokens the quantity grammar works on.

Digits, letters and symbols become separate tokens even when written together, so
"965km", "400m2", "US$1.5bn" and "km²" are read as the sequences a reader sees. Each
token keeps its character span and whether whitespace precedes it ("attached" forms
such as "5t" or "24h" need to know).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Thousands may be grouped by commas, by the no-break and thin spaces of typeset copy,
# or by plain spaces ("10 000", never with a leading zero); "4e14" and "1.5e-3" are
# scientific notation. A leading "." is a decimal (".5 percent"). Indian grouping puts
# lakhs and crores in pairs ("12,34,567.89"). Wire feeds that space every token write
# "80 , 000" (a spaced comma before exactly three digits) and "6 . 2" (a spaced point
# between digits); not where a list goes on ("14 , 9", "12 , 1994 , ", "1 . 2 . 3", nor
# before a figure with its own point, "6 . 0.2"), nor after a year, where the point ends
# a sentence ("in 2019 . 3"). A list of three-digit figures after a short one ("5 , 100
# , 200") reads as one figure: the shape cannot tell it from "5 , 100 , 200" thousands,
# which feeds write far more. Quoted foreign copy writes a decimal comma ("1,5 km",
# "3,25%", "1.234,56 euros"): one or two digits after a comma, four or more ("3,1415":
# no thousands group has four, so "$3,34210" is one figure, never "$3" and "34210"), or a
# comma after point-grouped thousands.
_NUMBER = (
    r"\d+(?:\.\d+)?[eE][-+\u2212]?\d{1,3}(?![\w.])"
    r"|[1-9]\d?(?:,\d\d)+,\d{3}(?![\d,])(?:\.\d+)?"
    r"|\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?"
    r"|(?<![\d.,])(?<!\d , )[1-9]\d{0,2}(?: , \d{3})+(?!\d| , \d)"
    r"|(?<![\d.,])(?<!\d \. )(?!(?:1\d|20)\d\d )\d+ \. \d+(?!\d|\.\d| \. \d)"
    r"|(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})+,\d+(?![\d,.])"
    r"|(?<![\d.,])\d{1,3},(?:\d{1,2}|\d{4,})(?![\d,]|\.\d)"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)(?:\.\d+)?"
    r"|(?<![\d.,])[1-9]\d{0,2}(?: \d{3})+(?![\d.,]\d|\d|s\b)"
    r"|\d+(?:\.\d+)?"
    r"|(?<![\w.,])\.\d+"
)
#: Most figures are a plain run of digits that nothing above could extend: tried first,
#: it spares them the alternatives above (a sixth of the lexer's time). It must give way
#: wherever one of them could match, so it excludes every character that follows a run
#: of digits in one of them (a new way to write a figure adds its own here).
_PLAIN_DIGITS = r"\d+(?![\d.,eE\u00a0\u202f\u2009]| [\d,.])"
_FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
# Words come first, being most tokens, and every number starts with a digit or a point,
# so the number alternatives are tried only there: no first character can start two
# kinds, and the order changes no token. A fraction is a word's later character
# ("x½") but never its first.
#
# Each match also takes the whitespace before its token (``(\s*)``), so the matches tile
# the text and the engine never tries every alternative at every space: that halves the
# time of the regular expression. ``findall`` hands back each match as its six groups
# (whitespace, then the token in the group of its kind, the others empty) without
# building match objects, and the spans follow from the lengths, as the matches tile.
_TOKEN_RE = re.compile(
    rf"(\s*)(?:(?P<word>[^\W\d_²³¹{_FRACTIONS}][^\W\d_²³¹]*)"
    rf"|(?P<num>(?=[\d.])(?:{_PLAIN_DIGITS}|{_NUMBER}))"
    rf"|(?P<frac>[{_FRACTIONS}])"
    r"|(?P<sup>[²³])"
    r"|(?P<sym>\S))"
)

NUM, FRAC, SUP, WORD, SYM = "num", "frac", "sup", "word", "sym"


@dataclass(slots=True)
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
    """Return the tokens of ``text`` with exact character spans.

    >>> [(t.kind, t.text) for t in tokenize("965km")]
    [('num', '965'), ('word', 'km')]
    """
    tokens: list[Token] = []
    append = tokens.append
    end = 0
    for space, word, num, frac, sup, sym in _TOKEN_RE.findall(text):
        if word:
            kind, surface = WORD, word
        elif num:
            kind, surface = NUM, num
        elif sym:
            kind, surface = SYM, sym
        elif frac:
            kind, surface = FRAC, frac
        else:
            kind, surface = SUP, sup
        start = end + len(space)
        end = start + len(surface)
        if space:
            append(Token(kind, surface, surface.lower(), start, end, True, "\n" in space))
        else:
            append(Token(kind, surface, surface.lower(), start, end, False, False))
    return tokens


def token_texts(surface: str) -> tuple[str, ...]:
    """The token texts of a table surface, for matching against running text."""
    return tuple(t.text for t in tokenize(surface))

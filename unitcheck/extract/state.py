"""The state every stage of extraction reads: the ``Scan`` of one text (tokens, tables,
blocked tokens, what the range stage lends forward, evidence found in the text once), the
``Reading`` the stages write their notes on, and the word sets several stages share
(context sets of ``data/context_en.tsv``, named here for the modules that import them).

Every stage is a module of plain functions ``f(scan, i, ...)``; this module imports no
stage, so any stage may import it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..text.context import words
from ..text.tokens import WORD, Token
from .lexicon import Lexicon
from .numbers import Number
from .surfaces import UnitEntry, UnitTable

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


@dataclass(slots=True)
class Reading:
    """The scanner's notes on one quantity while it reads it (mutable, internal)."""

    first: int
    end: int = 0
    skip_only: bool = False  # a number that is not a quantity (year, ordinal...)
    number: Number | None = None
    negative: bool = False
    currency: str | None = None
    subunit: str | None = None  # money written in a subunit ("cent", "penny"): kept as written
    scale: float = 1.0
    scale_end: int = 0
    unit: str | None = None  # pint expression, "percent" or "percentage_point"
    unit_factor: float = 1.0
    unit_entry: UnitEntry | None = None
    hyphenated: bool = False
    percent: bool = False
    noun: str | None = None
    qualifier: str | None = None
    range_with: Reading | None = None
    article: bool = False  # "a mile": the number is the article
    per: str | None = None  # money per unit: "$80 a barrel" -> "oil_barrel"
    plus_minus: Number | None = None  # "9.8 ± 0.2 m": the written uncertainty

    def carries(self) -> bool:
        """Does this reading say what it counts (a unit, a currency or a noun)?"""
        return self.unit is not None or self.currency is not None or self.noun is not None

    def borrow(self, other: Reading) -> None:
        """Take the unit written once after a list: "45 and 50 mg", "3 or 4 days"."""
        self.unit = other.unit
        self.unit_factor = other.unit_factor
        self.unit_entry = other.unit_entry
        self.percent = other.percent
        self.currency = other.currency
        self.subunit = other.subunit
        self.per = other.per
        self.noun = other.noun
        if self.scale == 1.0 and other.scale != 1.0 and self.number and other.number:
            if self.number.value <= other.number.value:
                self.scale = other.scale

    def magnitude(self) -> tuple[float, float]:
        """Value and step as written, with scale, unit factor and sign applied."""
        assert self.number is not None
        factor = self.scale * self.unit_factor
        value = self.number.value * factor
        return (-value if self.negative else value), self.number.step * factor


def share(first: Reading, second: Reading) -> None:
    """In "5-10 km" or "$5-7bn" what is written once applies to both ends."""
    if first.unit is None and second.unit is not None:
        first.unit, first.unit_factor, first.percent = (
            second.unit,
            second.unit_factor,
            second.percent,
        )
        first.unit_entry = second.unit_entry
    if second.currency is None and first.currency is not None:
        second.currency, second.per = first.currency, first.per
    if first.currency is None and second.currency is not None:
        first.currency, first.per = second.currency, second.per
        first.unit_factor, first.subunit = second.unit_factor, second.subunit
    if first.scale == 1.0 and second.scale != 1.0 and first.number and second.number:
        if first.number.value <= second.number.value:
            first.scale = second.scale
    if first.noun is None:
        first.noun = second.noun


@dataclass(slots=True)
class Scan:
    """One pass over the tokens of a text: what every stage reads, and the little each
    stage keeps for later in the same text."""

    text: str
    tokens: list[Token]
    n: int
    lex: Lexicon
    units: UnitTable
    #: indices of tokens inside a span ``blocked_spans`` found (phones, times, dates)
    blocked: set[int]
    #: first words of vague amounts ("hundreds", "several"), for the driver loop
    vague_starts: frozenset[str]
    #: readings lent forward: "from 180 pounds to 165" lends pounds to the token of 165
    lent: dict[int, Reading] = field(default_factory=dict)
    #: the number whose unit a bare number of a comma list (by token) borrows, or None,
    #: so a long list is read once ("10, 20 and 30 km")
    list_units: dict[int, Reading | None] = field(default_factory=dict)
    #: evidence read from the whole text on first need (None until then): does it write
    #: Fahrenheit, inches in full, a degree sign?
    fahrenheit: bool | None = None
    inches: bool | None = None
    degree_sign: bool | None = None


def new_scan(
    text: str,
    tokens: list[Token],
    lex: Lexicon,
    units: UnitTable,
    blocked_spans: list[tuple[int, int]],
    vague_starts: frozenset[str],
) -> Scan:
    """The scan of ``text``: its tokens, the tables, and the tokens inside blocked spans."""
    blocked: set[int] = set()
    if blocked_spans:
        starts = [t.start for t in tokens]
        for s, e in blocked_spans:
            for index in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                blocked.add(index)
    return Scan(text, tokens, len(tokens), lex, units, blocked, vague_starts)


def plural_noun_at(scan: Scan, k: int) -> bool:
    """Is token ``k`` a plural noun ("votes", "people", "MPs")?"""
    if k >= scan.n:
        return False
    t = scan.tokens[k]
    if t.kind != WORD:
        return False
    w = t.low
    if w in IRREGULAR_PLURALS:
        return True
    text = t.text
    if len(text) >= 3 and text[-1] == "s" and text[:-1].isupper():
        return True  # "MPs", "SUVs", "GPs"
    return (
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in NOT_NOUNS
    )


#: Tokens that end a headline or a sentence for ``title_case_at``.
_LINE_ENDS = frozenset(".!?;")


def title_case_at(scan: Scan, k: int) -> bool:
    """Is token ``k`` in a line written in title case, as headlines are ("Storm Brings
    R1874 To Coast")? Every word of four letters or more between the line's ends
    (a newline, a full stop) opens with a capital, and there are at least three. There a
    capital says nothing of a name, so rules that read a capital as one ask this first."""
    tokens = scan.tokens
    start = k
    while start > 0 and not tokens[start].newline and tokens[start - 1].text not in _LINE_ENDS:
        start -= 1
    long_words = 0
    for m in range(start, scan.n):
        t = tokens[m]
        if m > start and (t.newline or tokens[m - 1].text in _LINE_ENDS):
            break
        if t.kind == WORD and len(t.text) >= 4 and t.text.isalpha():
            if not t.text[0].isupper():
                return False
            long_words += 1
    return long_words >= 3

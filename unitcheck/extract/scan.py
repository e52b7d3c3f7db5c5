"""Find every quantity in English news text: ``extract(text)`` and the driver loop that
runs the stages over one ``Scan``.

The text is tokenised (``text.tokens``) and spans a regular expression can see are
blocked (phones, clock times, numeric dates: ``not_quantities.blocked_spans``). Then the
tokens are walked once: at each token where a quantity may start (a number, a number
word, a currency, a sign, "between" or a vague amount), ``_read`` reads a vague amount
("hundreds of miles") or the single reading at the token (``reading``: currency,
number, scale, unit, counted noun, with the distractors of ``not_quantities`` left
out), then its bound, a range tail and a unit shared in a list (``ranges``); ``build``
makes each reading a ``Quantity``.
"""

from __future__ import annotations

from ..model import Quantity
from ..text.tokens import FRAC, NUM, SYM, WORD, Token, tokenize
from .build import build
from .lexicon import lexicon
from .money import money_openers
from .not_quantities import blocked_spans
from .numbers import WORD_STARTS
from .ranges import (
    borrow_lent,
    lend_compared,
    borrow_unit,
    qualifier_before,
    range_tail,
    range_words,
    read_bound,
    read_vague,
    spelled_pair,
)
from .reading import read_point_grouped, read_single
from .state import MINUS_SIGNS, Reading, Scan, new_scan
from .surfaces import unit_table

#: What ``_starts`` answers: words folded, lower-cased and as written, then symbols.
_Starts = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
#: The last answer of ``_starts``, with what it was built from.
_STARTS: list[tuple[tuple[object, ...], _Starts]] = []


def extract(text: str) -> list[Quantity]:
    """Return every quantity in ``text``, in order, with exact character spans.

    >>> [(q.text, q.value, q.unit) for q in extract("Troops took more than 400 square miles.")]
    [('400 square miles', 400.0, 'mile ** 2')]
    """
    return extract_with_tokens(text)[1]


def extract_with_tokens(text: str) -> tuple[list[Token], list[Quantity]]:
    """``extract(text)`` and the tokens it read: callers that also read the text's words
    (``text.words.Words.of(text, tokens)``) tokenise it once."""
    if not text:
        return [], []
    tokens = tokenize(text)
    scan = new_scan(
        text, tokens, lexicon(), unit_table(), blocked_spans(text), range_words().starts
    )
    return tokens, _run(scan)


def _run(scan: Scan) -> list[Quantity]:
    """One pass over the tokens of a text."""
    found: list[Quantity] = []
    tokens = scan.tokens
    blocked = scan.blocked
    resume = 0
    for i in _start_positions(scan):
        if i < resume or i in blocked:
            continue
        reading = _read(scan, i)
        if reading is None:
            continue
        if not reading.skip_only:
            quantity = build(scan.text, tokens, reading)
            if quantity is not None:
                found.append(quantity)
        resume = max(reading.end, i + 1)
    return found


def _start_positions(scan: Scan) -> list[int]:
    """The tokens where a quantity may start: a number, a word or symbol of ``_starts``,
    or a minus sign before a figure, as ``read_single`` reads it ("-5C", "- 20 F").

    Written as one comprehension over the tokens, the cheapest loop Python has: this
    is the one test every token of a text meets, and four in five tokens are words."""
    tokens = scan.tokens
    folded, lows, texts, signs = _starts(scan)  # ``folded``: one look-up turns most words away
    last = scan.n - 1
    return [
        i
        for i, t in enumerate(tokens)
        if (
            (t.low in folded and (t.low in lows or t.text in texts))
            if t.kind == WORD
            else t.kind == NUM
            or t.kind == FRAC
            or (t.kind == SYM and t.text in signs)
            or (t.text in MINUS_SIGNS and i < last and tokens[i + 1].kind == NUM)
        )
    ]


def _starts(scan: Scan) -> _Starts:
    """What a quantity may start with besides a number: words (lower-cased: a number
    word, "minus", "between", a vague amount, a country prefix; as written: what opens
    an amount, ``money.money_openers``; and both folded, for a first test) and currency
    symbols; a minus sign is the driver's own test."""
    lex = scan.lex
    texts, prefixes = money_openers(lex)
    key = (lex, scan.vague_starts, texts)
    if _STARTS and all(a is b for a, b in zip(_STARTS[0][0], key, strict=True)):
        return _STARTS[0][1]
    # "minus" and "between" each have their own branch of the grammar: "minus 15C"
    # (``reading``), "between 5 and 10 km" (``_read``)
    lows = WORD_STARTS | {"minus", "between"} | scan.vague_starts | prefixes
    folded = lows | {text.lower() for text in texts}
    found = (folded, lows, texts, lex.currency_symbol_starts)
    _STARTS[:] = [(key, found)]
    return found


def _read(scan: Scan, i: int) -> Reading | None:
    """Read a quantity (or a range) starting at token ``i``."""
    start = i
    if scan.tokens[i].low in scan.vague_starts:
        vague = read_vague(scan, i)  # "hundreds of miles", "several thousand people"
        if vague is not None:
            vague.qualifier = qualifier_before(scan, start) or "approx"
            return vague
    between = scan.tokens[i].low == "between"
    if between:
        i += 1
        if i >= scan.n:
            return None
    first = read_single(scan, i)
    if first is None:
        first = spelled_pair(scan, i, between)  # "six to seven thousand people"
        if first is not None:
            first.qualifier = qualifier_before(scan, start)
        return first
    if first.skip_only:
        return first
    borrow_lent(scan, first, i)  # "from 180 pounds to 165"
    read_bound(scan, first, start)  # "more than", "up to"
    range_tail(scan, first, between)
    second = first.range_with
    if second is not None and second.number is not None and second.number.grouped:
        read_point_grouped(scan, first, i, force=True)  # "3.000 to 4.000 people"
    if first.range_with is None:
        borrow_unit(scan, first)
        lend_compared(scan, first)  # "78 million tonnes, down from 81.5 million"
    return first

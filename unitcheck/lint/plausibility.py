"""Is a magnitude plausible for what it measures? Expectations read from a table.

``data/plausibility.tsv`` lists, for things news copy measures (territory, front lines,
city populations, weather, road speeds...), the words that say a quantity measures that
thing, the words that say it does not, the dimension, and the plausible range in SI.
:func:`judge` checks one quantity against the words of its sentence. Nothing here
knows about findings; ``lint`` turns a broken expectation into a warning.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import TableError
from ..model import Kind, Quantity
from ..tables import alternatives, rows
from ..text.context import context_set
from ..text.words import Words
from ..text.words import words as split_words
from ..units.registry import to_si, unit_info

TABLE = "plausibility.tsv"

#: Words that never count towards a context window: articles and the bound words that
#: stand between a context word and its figure ("occupied more than 400m2").
FILLERS = context_set("fillers").words

#: One word of a context phrase: the word itself, and whether it is a prefix ("territor*").
Word = tuple[str, bool]
Phrase = tuple[Word, ...]


def words(text: str) -> list[str]:
    """The lower-cased words (and numbers) of a stretch of text, in order."""
    return [w.lower() for w in split_words(text)]


@dataclass(frozen=True, slots=True)
class Expectation:
    """One row of the table: what a quantity near these words may measure."""

    line: int
    name: str
    context: tuple[Phrase, ...]
    unless: tuple[Phrase, ...]
    dimension: str  # pint dimensionality, or "count"
    nouns: frozenset[str]  # for counts: the counted nouns the row is about
    low: float
    high: float
    before: int
    after: int
    why: str

    def measures(self, q: Quantity) -> bool:
        """Does *q* have the dimension (or counted noun) this row is about?"""
        if self.dimension == "count":
            return q.unit is None and q.kind == Kind.COUNT and q.noun in self.nouns
        return q.kind != Kind.MONEY and q.unit is not None and q.dimension == self.dimension

    def plausible(self, low: float, high: float) -> bool:
        """Does the SI interval ``low..high`` meet the expected range anywhere?"""
        return high >= self.low and low <= self.high

    def near(
        self, before: Sequence[str], after: Sequence[str], sentence: Sequence[str] | Sentence
    ) -> bool:
        """Is a context word in the window, and no "unless" word in the sentence?

        *before* and *after* are the words of the sentence before and after the
        quantity (or only the last and first ``window()`` of them that are not fillers);
        fillers are dropped here before the window is counted. A ``Sentence`` remembers
        which "unless" phrases it holds, so many quantities in one sentence cost one scan.
        """
        has: Callable[[Phrase], bool] = (
            sentence.has if isinstance(sentence, Sentence) else functools.partial(_find, sentence)
        )
        if any(has(phrase) for phrase in self.unless):
            return False
        left = [w for w in before if w not in FILLERS]
        right = [w for w in after if w not in FILLERS]
        # a phrase before the figure must end within the window; one after must start in it
        return any(
            (self.before and _find(left, phrase, end_within=self.before))
            or (self.after and _find(right, phrase, start_within=self.after))
            for phrase in self.context
        )


def _matches(word: str, pattern: Word) -> bool:
    text, prefix = pattern
    return word.startswith(text) if prefix else word == text


def _find(
    seq: Sequence[str],
    phrase: Phrase,
    *,
    end_within: int | None = None,
    start_within: int | None = None,
) -> bool:
    n = len(phrase)
    for i in range(len(seq) - n + 1):
        if start_within is not None and i >= start_within:
            return False
        if end_within is not None and len(seq) - (i + n) >= end_within:
            continue
        if all(_matches(seq[i + k], phrase[k]) for k in range(n)):
            return True
    return False


@functools.cache
def window() -> tuple[int, int]:
    """How many non-filler words before and after a quantity any row can look at.

    A row's phrase before the figure must end within its ``before`` words, so it lies
    within the last ``before + len(phrase) - 1``; the same after the figure.
    """
    rows = expectations()
    longest = max((len(p) for e in rows for p in e.context), default=1)
    before = max((e.before for e in rows), default=0)
    after = max((e.after for e in rows), default=0)
    return before + longest, after + longest


@dataclass(eq=False)
class Sentence:
    """One sentence's words, read once, and the words around a span of it in O(window).

    ``words`` is what :func:`words` gives for ``text[start:end]``. ``before(at)`` and
    ``after(at)`` give the last and first *limit* non-filler words of
    ``text[start:at]`` and ``text[at:end]``, the same words :func:`words` would give for
    those slices, without reading the whole sentence again (lint calls them for every
    quantity of a sentence that may be as long as the article). *found* is the words of
    the whole text (``text.words.Words``, read off the tokens extraction read), when the
    caller has them.
    """

    text: str
    start: int
    end: int
    found: Words | None = None
    words: list[str] = field(init=False)
    _starts: list[int] = field(init=False)
    _ends: list[int] = field(init=False)
    _kept: list[int] = field(init=False)  # indexes of the words that are not fillers
    _found: dict[Phrase, bool] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        if self.found is None:
            own = Words.of(self.text[self.start : self.end])
        else:
            own = self.found.clip(self.start, self.end)
        self.words = [own.word(k).lower() for k in range(len(own))]
        self._starts = [s + self.start for s in own.starts]
        self._ends = [e + self.start for e in own.ends]
        self._kept = [i for i, w in enumerate(self.words) if w not in FILLERS]

    def has(self, phrase: Phrase) -> bool:
        """Does *phrase* occur anywhere in the sentence?"""
        if phrase not in self._found:
            self._found[phrase] = _find(self.words, phrase)
        return self._found[phrase]

    def before(self, at: int, limit: int) -> list[str]:
        """The last *limit* non-filler words of ``text[start:at]``."""
        at = max(self.start, min(at, self.end))
        whole = bisect_right(self._ends, at)  # words that end by *at*
        k = bisect_left(self._kept, whole)
        kept = [self.words[i] for i in self._kept[max(0, k - limit) : k]]
        if whole < len(self._starts) and self._starts[whole] < at:  # a word *at* cuts
            kept += _unfilled(self.text[self._starts[whole] : at])
        return kept[-limit:] if limit else []

    def after(self, at: int, limit: int) -> list[str]:
        """The first *limit* non-filler words of ``text[at:end]``."""
        kept: list[str] = []
        if limit <= 0:
            return kept
        at = max(at, self.start)
        first = bisect_right(self._ends, at)  # the first word ending after *at*
        if first < len(self._starts) and self._starts[first] < at:  # a word *at* cuts
            kept += _unfilled(self.text[at : min(self._ends[first], self.end)])
            first += 1
        for i in range(first, len(self.words)):
            if len(kept) >= limit:
                break
            if self.words[i] not in FILLERS:
                kept.append(self.words[i])
        return kept[:limit]


def _unfilled(part: str) -> list[str]:
    return [w for w in words(part) if w not in FILLERS]


def si_interval(q: Quantity) -> tuple[float, float] | None:
    """*q* in SI as an interval (a single value is an interval of width zero)."""
    if q.unit is None:
        if q.value is not None:
            return q.value, q.value
        assert q.low is not None and q.high is not None
        return q.low, q.high
    if q.kind == Kind.MONEY or q.unit == "percent":
        return None
    try:
        info = unit_info(q.unit)
    except Exception:  # pint raises several types for odd strings; then we cannot judge
        return None
    if q.value is not None:
        v = q.si_value if q.si_value is not None else to_si(q.value, info)
        return v, v
    assert q.low is not None and q.high is not None
    return to_si(q.low, info), to_si(q.high, info)


def judge(
    q: Quantity, before: Sequence[str], after: Sequence[str], sentence: Sequence[str] | Sentence
) -> Expectation | None:
    """The first expectation *q* breaks in its sentence, or None when it is plausible."""
    candidates = [e for e in expectations() if e.measures(q)]
    if not candidates:
        return None
    interval = si_interval(q)
    if interval is None:
        return None
    for expectation in candidates:
        if expectation.plausible(*interval):
            continue
        if expectation.near(before, after, sentence):
            return expectation
    return None


# -- the table ----------------------------------------------------------------------


_COUNT = re.compile(r"^count\((?P<nouns>[^()]+)\)$")


def _phrases(cell: str, line: int) -> tuple[Phrase, ...]:
    if cell == "-":
        return ()
    found: list[Phrase] = []
    for surface in alternatives(cell):
        parts = surface.lower().split()
        if any(p == "*" or "*" in p[:-1] for p in parts):
            raise TableError(TABLE, line, f"'*' only at the end of a word: {surface!r}")
        found.append(tuple((p.rstrip("*"), p.endswith("*")) for p in parts))
    if not found:
        raise TableError(TABLE, line, "no words")
    return tuple(found)


def _number(text: str, line: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise TableError(TABLE, line, f"not a number: {text!r}") from None
    if math.isnan(value):
        raise TableError(TABLE, line, "NaN is not a bound")
    return value


def _parse(line: int, cells: list[str]) -> Expectation:
    name, context, unless, dimension, span, window, why = cells
    nouns: frozenset[str] = frozenset()
    counted = _COUNT.match(dimension)
    if counted:
        nouns = frozenset(n.lower() for n in alternatives(counted.group("nouns")))
        dimension = "count"
    elif not dimension.startswith(("[", "dimensionless")):
        raise TableError(TABLE, line, f"dimension must be as pint writes it: {dimension!r}")
    low_text, sep, high_text = span.partition("..")
    if not sep:
        raise TableError(TABLE, line, f"range must be LOW..HIGH: {span!r}")
    low, high = _number(low_text, line), _number(high_text, line)
    if low > high:
        raise TableError(TABLE, line, f"empty range {span!r}")
    before_text, sep, after_text = window.partition(",")
    if not sep or not before_text.strip().isdigit() or not after_text.strip().isdigit():
        raise TableError(TABLE, line, f"window must be BEFORE,AFTER word counts: {window!r}")
    return Expectation(
        line,
        name,
        _phrases(context, line),
        _phrases(unless, line),
        dimension,
        nouns,
        low,
        high,
        int(before_text),
        int(after_text),
        why,
    )


@functools.cache
def expectations() -> tuple[Expectation, ...]:
    """Every row of ``plausibility.tsv``, parsed and checked once."""
    return tuple(_parse(line, cells) for line, cells in rows(TABLE, 7))

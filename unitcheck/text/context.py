"""Named context sets: the words (and symbols) around a number that change how it reads.

Every set lives in ``data/context_en.tsv`` with a window and a direction, and every rule
asks one question of it, ``near(tokens, i, name)``: is a word of set *name* within the
set's window of position *i*? A new context becomes a table row, never a Python set.

>>> from unitcheck.text.tokens import tokenize
>>> tokens = tokenize("the 787 program at the airline")
>>> near(tokens, 1, "aviation")
True
>>> near(tokenize("call 911 now"), 1, "emergency_verbs")
True
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import TableError
from ..tables import alternatives, rows

if TYPE_CHECKING:
    from .tokens import Token

TABLE = "context_en.tsv"
DIRECTIONS = frozenset({"at", "before", "after", "around", "all"})
CASES = frozenset({"fold", "exact"})


@dataclass(frozen=True, slots=True)
class ContextSet:
    """One named set: its single words, its phrases (several words), and where to look.

    ``window`` counts tokens (or words): "before" looks at the ``window`` items before
    ``i``, "after" at ``i`` and the ``window - 1`` items after it, "around" at
    ``i - window`` up to ``i + window - 1``, "at" at ``i`` alone, "all" at the whole
    sequence. An ``exact`` set compares the text as written, a ``fold`` set its lower case.
    """

    name: str
    direction: str
    window: int
    exact: bool
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    #: The phrases by their first word, so that a position whose word opens no phrase
    #: costs one look-up (a set of 40 phrases over a window of 30 was 1,200 compares).
    openers: dict[str, tuple[tuple[str, ...], ...]] = field(
        default_factory=dict, compare=False, hash=False
    )
    #: How far the window reaches before ``i`` and from ``i`` on (the direction and
    #: window in two numbers): positions ``i - back`` up to ``i + ahead - 1``.
    back: int = field(init=False, compare=False)
    ahead: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        w, everything = self.window, sys.maxsize
        back, ahead = {
            "at": (0, 1),
            "before": (w, 0),
            "after": (0, w),
            "around": (w, w),
        }.get(self.direction, (everything, everything))
        object.__setattr__(self, "back", back)
        object.__setattr__(self, "ahead", ahead)

    def span(self, i: int, n: int) -> range:
        """The positions this set looks at around ``i`` in a sequence of ``n`` items."""
        return range(*self.bounds(i, n))

    def bounds(self, i: int, n: int) -> tuple[int, int]:
        """The first position this set looks at around ``i`` and the one after its last
        (the first when it looks at none)."""
        start, stop = max(0, i - self.back), min(n, i + self.ahead)
        return start, max(start, stop)

    def key(self, item: Token | str) -> str:
        """How an item is compared with this set: as written or folded."""
        if isinstance(item, str):
            return item if self.exact else item.lower()
        return item.text if self.exact else item.low

    def has(self, item: Token | str | None) -> bool:
        """Is one token (or word) a single-word member of this set?"""
        return item is not None and self.key(item) in self.words


@functools.cache
def context_sets() -> dict[str, ContextSet]:
    """Load ``data/context_en.tsv`` once; a bad row raises ``TableError`` with its line."""
    found: dict[str, ContextSet] = {}
    for line, (name, direction, window, case, cell) in rows(TABLE, 5):
        if name in found:
            raise TableError(TABLE, line, f"context set {name!r} is defined twice")
        if direction not in DIRECTIONS:
            raise TableError(TABLE, line, f"unknown direction {direction!r}")
        if case not in CASES:
            raise TableError(TABLE, line, f"unknown case {case!r}")
        if window == "*":
            size = 0
        elif window.isdigit() and int(window) > 0:
            size = int(window)
        else:
            raise TableError(TABLE, line, f"window must be a positive number or *: {window!r}")
        if (size == 0) != (direction == "all"):
            raise TableError(TABLE, line, "window * goes with direction all, and only with it")
        exact = case == "exact"
        items = [i if exact else i.lower() for i in alternatives(cell)]
        if not items:
            raise TableError(TABLE, line, f"context set {name!r} has no words")
        words = frozenset(i for i in items if " " not in i)
        phrases = tuple(tuple(i.split()) for i in items if " " in i)
        openers: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            openers.setdefault(phrase[0], []).append(phrase)
        found[name] = ContextSet(
            name,
            direction,
            size,
            exact,
            words,
            phrases,
            {first: tuple(group) for first, group in openers.items()},
        )
    return found


def context_set(name: str) -> ContextSet:
    """The set called *name*; a ``KeyError`` names a set the table lacks."""
    sets = context_sets()
    if name not in sets:
        raise KeyError(f"no context set {name!r} in {TABLE}")
    return sets[name]


def words(name: str) -> frozenset[str]:
    """The single words of set *name* (for a set used as a plain vocabulary)."""
    return context_set(name).words


def near(items: Sequence[Token] | Sequence[str], i: int, name: str) -> bool:
    """Is a word or phrase of set *name* within its window of position *i* in *items*?

    *items* are lexer tokens or plain words; a phrase must lie wholly inside the
    sequence and start inside the window.
    """
    entry = context_sets().get(name) or context_set(name)
    n = len(items)
    start, stop = i - entry.back, i + entry.ahead
    if start < 0:
        start = 0
    if stop > n:
        stop = n
    if start >= stop:
        return False
    # This is asked about a hundred times per news article, most often of one token
    # ("aged 58"), else over windows of up to 30: one token is looked up as it is, a
    # window's keys are read into one list for one set operation.
    first = items[start]
    if stop - start == 1 and not isinstance(first, str):
        key = first.text if entry.exact else first.low
        if key in entry.words:
            return True
        keys = [key]
    else:
        window = items[start:stop]
        if isinstance(first, str):
            keys = [entry.key(item) for item in window]
        elif entry.exact:
            keys = [t.text for t in window]  # type: ignore[union-attr]
        else:
            keys = [t.low for t in window]  # type: ignore[union-attr]
        if not entry.words.isdisjoint(keys):
            return True
    openers = entry.openers
    if not openers or openers.keys().isdisjoint(keys):
        return False
    fold = entry.key
    for offset, word in enumerate(keys):
        k = start + offset
        for phrase in openers.get(word, ()):
            size = len(phrase)
            if k + size <= n and all(fold(items[k + m]) == phrase[m] for m in range(1, size)):
                return True
    return False


def phrase_end(items: Sequence[Token] | Sequence[str], i: int, name: str) -> int | None:
    """The position after the longest word or phrase of set *name* that starts at
    position *i* of *items* ("down from" at "down"), or None when none starts there."""
    if i >= len(items):
        return None
    entry = context_sets().get(name) or context_set(name)
    first = entry.key(items[i])
    best = i + 1 if first in entry.words else None
    for phrase in entry.openers.get(first, ()):
        end = i + len(phrase)
        if end <= len(items) and all(
            entry.key(items[i + m]) == phrase[m] for m in range(1, len(phrase))
        ):
            if best is None or end > best:
                best = end
    return best


def at(item: Token | str | None, name: str) -> bool:
    """Is *item* itself a single-word member of set *name* (whatever its window)?"""
    if item is None:
        return False
    entry = context_sets().get(name) or context_set(name)
    if isinstance(item, str):
        return (item if entry.exact else item.lower()) in entry.words
    return (item.text if entry.exact else item.low) in entry.words

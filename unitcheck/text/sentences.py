"""The one sentence segmenter: compare's alignment, lint's "same sentence" checks and
every report cut a text at the same places.

``segment(text, keep)`` returns :class:`Segment` character spans, trimmed of
whitespace, in order. The rules, in the order they apply:

* every line break ends a sentence, so a headline, a byline or a list item without a
  full stop is a segment of its own;
* within a line, spaCy's rule-based sentencizer finds the sentence ends, on the blank
  English tokenizer, whose exceptions keep "U.S.", "Mr.", "Jan." or "p.m." whole and
  never cut a figure with a point ("5.5 km", "$3.4 bn"). ``text.sentence_rules`` redoes
  both in plain Python on spaCy's own rules, so spaCy is never imported here; the tests
  keep spaCy (``text.nlp``) as the reference;
* a piece that starts in lower case continues the one before it ("approx. five
  people", the "she asked." after a quoted question), as does a figure after an
  abbreviation of the ``sentence_abbreviations`` context set ("No. 5", "pp. 12");
* an opening quote or bracket that stands before the next sentence belongs to it, not
  to the end of the previous one (``... 5 km. "Why?" she asked.``);
* a list marker alone ("1.", "b)") belongs to the item it numbers;
* a sentence never ends inside a span of *keep* (the quantities a caller found: one
  spaced-out wire figure, "6 . 2 %", stays one sentence).

The rules are read on the first cut, never on import (extract reads the text package and
must not pay for it). Cutting a text twice gives the same spans, so callers pass them along
(``Comparison.segments_a``, ``FileResult.segments``) rather than cut again; ``segment``
also remembers its last few answers.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from ..model import Segment
from . import sentence_rules
from .context import words as context_words

__all__ = ["segment", "segments", "keep_whole"]

Span = tuple[int, int]

#: One line: everything between the line breaks ``str.splitlines`` knows.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")

_LAST_WORD = re.compile(r"(\w+)\.$")

#: A list marker standing alone: "1.", "12)", "(3)", "a.", "b)".
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z])[.)]")

#: Straight quotes open as often as they close; after a space they open.
_STRAIGHT_QUOTES = frozenset("\"'")


def segment(text: str, keep: Iterable[Span] = ()) -> tuple[Segment, ...]:
    """Split ``text`` into sentences, returned as trimmed character spans.

    *keep* are character spans (the quantities found in *text*) that no sentence
    boundary may cut: the sentences a span runs across become one.

    >>> text = "Prices rose 1.5% in the U.S. last year. Mr. Lee disagreed.\\nSource link"
    >>> [text[s.start:s.end] for s in segment(text)]
    ['Prices rose 1.5% in the U.S. last year.', 'Mr. Lee disagreed.', 'Source link']
    >>> text = 'It was 5 km. "Why?" she asked. It rose to No. 5 in Jan. 2024.'
    >>> [text[s.start:s.end] for s in segment(text)]
    ['It was 5 km.', '"Why?" she asked.', 'It rose to No. 5 in Jan. 2024.']
    """
    return _segment(text, tuple((start, end) for start, end in keep))


@functools.lru_cache(maxsize=8)
def _segment(text: str, keep: tuple[Span, ...]) -> tuple[Segment, ...]:
    """``segment``, remembered for the last few texts: a report that needs the sentences
    of a result that carries none cuts them once, however many findings it shows."""
    found = segments(text)[0]
    return keep_whole(found, keep) if keep else found


def keep_whole(found: tuple[Segment, ...], spans: Sequence[Span]) -> tuple[Segment, ...]:
    """*found* with the segments a span runs across joined into one: a sentence never
    ends inside a quantity, as one spaced-out wire figure ("6 . 2 %") would make it.

    >>> keep_whole((Segment(0, 12), Segment(13, 30)), [(11, 16)])
    (Segment(start=0, end=30),)
    """
    if len(found) < 2 or not spans:
        return found
    starts = [s.start for s in found]
    joined_to = list(range(len(found)))  # segment index -> the last index it reaches
    for start, end in spans:
        first = bisect_right(starts, start) - 1  # the segment the span starts in
        if first < 0 or found[first].end <= start:
            first += 1  # it starts in the space before the next one
        last = bisect_left(starts, end) - 1  # the last segment it reaches into
        if 0 <= first < last:
            joined_to[first] = max(joined_to[first], last)
    out: list[Segment] = []
    i = 0
    while i < len(found):
        reach = joined_to[i]
        k = i
        while k < reach:  # a join may reach further through the segments it spans
            k += 1
            reach = max(reach, joined_to[k])
        out.append(Segment(found[i].start, found[reach].end))
        i = reach + 1
    return tuple(out) if len(out) < len(found) else found


def segments(*texts: str) -> tuple[tuple[Segment, ...], ...]:
    """``segment`` each of *texts* (without *keep*); a line they share (most of a
    revised copy) is read once."""
    found = [
        [(m.start(), m.group()) for m in _LINE.finditer(text) if not m.group().isspace()]
        for text in texts
    ]
    spans: dict[str, list[Span]] = {}
    hard: list[str] = []
    for lines in found:
        for _, line in lines:
            if line not in spans:
                one = _one_sentence(line)
                if one is None:
                    hard.append(line)
                spans[line] = [one] if one is not None and one[0] < one[1] else []
    for line, starts in zip(hard, _sentence_starts(hard), strict=True):
        cut = [_trim(line, start, end) for start, end in starts]
        spans[line] = _repair(line, [c for c in cut if c[0] < c[1]])
    return tuple(
        tuple(Segment(offset + a, offset + b) for offset, line in lines for a, b in spans[line])
        for lines in found
    )


def _one_sentence(line: str) -> Span | None:
    """The trimmed span of *line* when the sentencizer cannot break it, else None.

    It breaks only before a token that is neither punctuation nor a sentence-final
    character, after a sentence-final one: a line whose sentence-final characters are
    all in its closing run of punctuation ("... 40 km.”") is one sentence.
    """
    first = sentence_rules.final_chars().search(line)
    if first is not None:
        tail = line[first.start() :].rstrip()
        if not all(unicodedata.category(ch)[0] == "P" for ch in tail):
            return None
    return _trim(line, 0, len(line))


def _sentence_starts(lines: Sequence[str]) -> list[list[Span]]:
    """Sentence spans of each line by the rule of spaCy's ``Sentencizer.predict`` on its
    blank English tokenizer, as ``text.sentence_rules`` redoes both without spaCy: a
    sentence starts at a token that is neither punctuation nor sentence-final, when a
    sentence-final token came since the last such token."""
    return [sentence_rules.sentence_spans(_encodable(line)) for line in lines]


#: Code points UTF-8 cannot encode (lone surrogates), which spaCy's string store refuses.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(line: str) -> str:
    """``line`` with each lone surrogate replaced by U+FFFD, as spaCy (the reference) must
    be given it: one code point for one, so every offset still points into the original."""
    return _SURROGATE.sub("\ufffd", line) if not line.isascii() else line


def _trim(line: str, start: int, end: int) -> Span:
    """Shrink ``start:end`` so that it neither starts nor ends with whitespace."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end


def _repair(line: str, spans: list[Span]) -> list[Span]:
    """The sentencizer's pieces of one line, with its false breaks undone.

    Opening quotes and brackets move to the sentence they open; then a piece that
    continues the one before it (lower case, a figure after "No.") or follows a list
    marker standing alone is glued to it.
    """
    spans = _move_openers(line, spans)
    merged: list[Span] = []
    for start, end in spans:
        if merged and _continues(line[merged[-1][0] : merged[-1][1]], line[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _move_openers(line: str, spans: list[Span]) -> list[Span]:
    """Give the opening punctuation a piece ends with, after a space, to the next piece.

    The sentencizer starts a sentence at its first word, so in ``km. "Why?"`` the quote
    is left at the end of the sentence before.
    """
    out = list(spans)
    for k in range(len(out) - 1):
        start, end = out[k]
        cut = end
        while cut > start and _opens(line[cut - 1]):
            cut -= 1
        if cut == end or cut == start or not line[cut - 1].isspace():
            continue
        before = _trim(line, start, cut)
        if before[0] < before[1]:
            out[k] = before
            out[k + 1] = (cut, out[k + 1][1])
    return out


def _opens(char: str) -> bool:
    """An opening quote or bracket (or a straight quote, which may open)."""
    return char in _STRAIGHT_QUOTES or unicodedata.category(char) in ("Ps", "Pi")


def _continues(previous: str, following: str) -> bool:
    """Tell whether the piece *following* continues the piece *previous*."""
    if _LIST_MARKER.fullmatch(previous):
        return True
    first_char = following[0]
    if first_char.islower():
        # "approx. five people", '"Why?" she asked', but not the list item "b) Two."
        marker = _LIST_MARKER.match(following)
        return marker is None or not following[marker.end() : marker.end() + 1].isspace()
    if first_char.isdigit():
        match = _LAST_WORD.search(previous)
        return match is not None and match.group(1).lower() in _abbreviations()
    return False


@functools.cache
def _abbreviations() -> frozenset[str]:
    """Abbreviations written before a number ("No. 5"): a break after one is false."""
    return context_words("sentence_abbreviations")

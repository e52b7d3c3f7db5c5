"""The words of prose, read off the one tokenizer (:mod:`unitcheck.text.tokens`): the
words lint reads around a quantity and the words compare's alignment weighs.

The lexer cuts finer than prose needs ("965km" is a number and a unit, "don't" is
"don", "'", "t"), so a word is a run of its tokens written together that are not
punctuation: letters, figures, fractions and superscripts ("2.5km", "km²", "400m2" are
one word each, which alignment drops whole and lint counts as one), joined across an
apostrophe or an underscore between two of them ("don't", "Zelensky's", typeset
"it’s") and across a point or a comma between digits ("1.2.3"). A hyphen, a dash, a
slash or any other symbol ends a word: "front-line" is two, so a table phrase "front
line" reads both spellings. Case is kept; each reader folds it as it compares.

Readers that already tokenised a text to extract its quantities pass those tokens in
(``Words.of(text, tokens)``): the text is tokenised once, and extraction, lint and
alignment all see the same tokens.

>>> words("The front-line town's 1,600 people left; 2.5km away, it’s quiet.")
['The', 'front', 'line', "town's", '1,600', 'people', 'left', '2.5km', 'away', 'it’s', 'quiet']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .tokens import SYM, Token, tokenize

__all__ = ["Words", "words"]

#: Symbols that join the tokens on both sides into one word when written between them.
_JOINERS = frozenset("'\u2019`_")
#: Symbols that join two figures into one word ("1.2.3", "4,5").
_DIGIT_JOINERS = frozenset(".,")


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a text as character spans, in order (``starts[k]:ends[k]``)."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, text: str, tokens: Sequence[Token] | None = None) -> Words:
        """The words of *text*, from its *tokens* (``tokenize(text)`` when None)."""
        if tokens is None:
            tokens = tokenize(text)
        starts: list[int] = []
        ends: list[int] = []
        new_word, end_word = starts.append, ends.append
        end = -1  # end of the word being read, -1 when none
        joiner_end = -1  # end of a joining symbol written onto that word, -1 when none
        joiner = ""
        for t in tokens:
            if t.kind != SYM or t.text.isalnum():
                start = t.start
                if start == end:  # written onto the word
                    end = t.end
                elif start == joiner_end and (joiner in _JOINERS or t.text[0].isdigit()):
                    end = t.end  # the symbol joins: the word goes on
                    joiner_end = -1
                else:
                    if end >= 0:
                        end_word(end)
                    new_word(start)
                    end = t.end
                    joiner_end = -1
            elif (
                joiner_end < 0
                and t.start == end
                and (t.text in _JOINERS or (t.text in _DIGIT_JOINERS and text[end - 1].isdigit()))
            ):
                joiner_end, joiner = t.end, t.text
            else:
                if end >= 0:
                    end_word(end)
                    end = -1
                joiner_end = -1
        if end >= 0:
            end_word(end)
        return cls(text, starts, ends)

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, k: int) -> str:
        return self.text[self.starts[k] : self.ends[k]]

    def between(self, start: int, end: int) -> list[str]:
        """The words of ``text[start:end]``, as ``words(text[start:end])`` gives them:
        a word the ends cut contributes the part inside."""
        part = self.clip(start, end)
        return [part.word(k) for k in range(len(part))]

    def clip(self, start: int, end: int) -> Words:
        """The words of ``text[start:end]``, offsets relative to *start*; a word the
        ends cut keeps the part inside, when it holds a letter or a digit."""
        text = self.text[start:end]
        first = bisect_right(self.ends, start)  # the first word ending after *start*
        last = bisect_left(self.starts, end)  # past the last word starting before *end*
        starts = [s - start for s in self.starts[first:last]]
        ends = [e - start for e in self.ends[first:last]]
        if starts and starts[0] < 0:  # a word *start* cuts
            starts[0] = 0
            if not _has_word(text[: ends[0]]):
                del starts[0], ends[0]
        if starts and ends[-1] > end - start:  # a word *end* cuts
            ends[-1] = end - start
            if not _has_word(text[starts[-1] :]):
                del starts[-1], ends[-1]
        return Words(text, starts, ends)


def _has_word(part: str) -> bool:
    return any(c.isalnum() for c in part)


def words(text: str) -> list[str]:
    """The words of *text* in order, as written."""
    found = Words.of(text)
    return [found.word(k) for k in range(len(found))]

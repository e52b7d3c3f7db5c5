"""What lint's checks share: the text's sentences, the words around a quantity, and how
a lint finding is made (the linted quantity as ``b``, ``a`` always None).

The sentences are :func:`unitcheck.text.sentences.segment`'s, cut with the quantities
kept whole, exactly as compare cuts the same text: "the same sentence" means the same
in lint, in compare and in every report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..codes import BY_CODE
from ..model import Finding, Quantity, Segment
from ..text import sentences
from ..text.tokens import Token
from ..text.words import Words
from ..units import conversion as conv
from ..units.registry import convert, unit_info
from . import plausibility

# -- sentences ----------------------------------------------------------------------


@dataclass
class Context:
    """The text, its sentences, and the words around each quantity (read lazily, each
    sentence once however many quantities it holds).

    *segments* are the text's sentences; by default ``text.sentences.segment`` cuts them,
    keeping the spans in *keep* (the quantities found) whole.
    """

    text: str
    segments: Sequence[Segment] | None = None
    keep: Sequence[tuple[int, int]] = ()
    #: the text's tokens, when extraction read them: its words are read off them
    tokens: Sequence[Token] | None = None
    spans: list[tuple[int, int]] = field(init=False)
    _found: Words | None = field(init=False, default=None)
    _starts: list[int] = field(init=False)
    _words: dict[int, list[str]] = field(init=False, default_factory=dict)
    _read: dict[int, plausibility.Sentence] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        if self.segments is None:
            self.segments = sentences.segment(self.text, self.keep)
        self.spans = [(s.start, s.end) for s in self.segments] or [(0, len(self.text))]
        self._starts = [s for s, _ in self.spans]

    def sentence_of(self, q: Quantity) -> int:
        return max(0, bisect.bisect_right(self._starts, q.start) - 1)

    def sentence(self, q: Quantity) -> plausibility.Sentence:
        """The sentence holding *q*, read into words once."""
        index = self.sentence_of(q)
        if index not in self._read:
            self._read[index] = plausibility.Sentence(
                self.text, *self.spans[index], found=self.found()
            )
        return self._read[index]

    def found(self) -> Words:
        """The words of the whole text, read once."""
        if self._found is None:
            self._found = Words.of(self.text, self.tokens)
        return self._found

    def words(self, index: int) -> list[str]:
        if index not in self._words:
            self._words[index] = self._lower(*self.spans[index])
        return self._words[index]

    def before(self, q: Quantity) -> list[str]:
        s, _ = self.spans[self.sentence_of(q)]
        return self._lower(s, q.start)

    def after(self, q: Quantity) -> list[str]:
        _, e = self.spans[self.sentence_of(q)]
        return self._lower(q.end, max(q.end, e))

    def _lower(self, start: int, end: int) -> list[str]:
        """The lower-cased words of ``text[start:end]``, as ``plausibility.words``."""
        return [w.lower() for w in self.found().between(start, end)]


def finding(code: str, message: str, q: Quantity) -> Finding:
    entry = BY_CODE[code]
    return Finding(code, entry.name, entry.severity, message, None, q)


def quoted(q: Quantity) -> str:
    return f"\u201c{q.text}\u201d"


def as_unit(q: Quantity, unit: str) -> Quantity:
    """*q* read in another unit of the same kind (a bare "ton" as a tonne)."""
    info = unit_info(unit)
    si = None if q.value is None else q.value * info.si_factor
    return replace(q, unit=info.name, si_value=si, si_unit=info.si_unit)


def _figure(value: float) -> str:
    """A computed figure, rounded for a message: "966", "23.9", "1.8 million"."""
    return conv.number_words(value) if abs(value) >= 1e6 else conv.format_number(value, 3)


def expected(a: Quantity, b: Quantity) -> str:
    """*a* in *b*'s unit, rounded as a reader would write it: "966 km", "8.05–16.1 km"."""
    assert a.unit is not None and b.unit is not None
    ends = [a.value] if a.value is not None else [a.low, a.high]
    shown, values = [], []
    for end in ends:
        value = None if end is None else convert(end, a.unit, b.unit)
        if value is None:
            return conv.describe_value(a)
        shown.append(_figure(value))
        values.append(value)
    return conv.with_unit(chr(0x2013).join(shown), b.unit, values[-1])


#: The written figure inside a quantity's surface: "1,600" in "1,600km", "2" in "2-mile".
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def rewritten(q: Quantity, value: float, unit: str | None = None) -> str | None:
    """*q*'s surface with the figure *value* (and *unit*), in the writer's style.

    The digits are rounded as ``expected`` rounds them (three significant digits, whole
    numbers from 100), with thousands separators unless the writer left them out of a
    figure of four digits or more ("1600km"); the gap and the unit surface are kept ("1,600km" ->
    "966km"), or the new unit written the same way ("400m2" -> "400km2"). None when the
    surface has no digits to replace (a spelled-out number, a range) or the figure
    would need a scale word.
    """
    if q.value is None or abs(value) >= 1e6 or (value < 0) != (q.value < 0):
        return None
    figures = list(_FIGURE.finditer(q.text))
    if len(figures) != 1:
        return None
    written = figures[0]
    shown = conv.format_number(abs(value), 3)
    digits = written.group().split(".")[0]
    if "," not in digits and len(digits) >= 4:  # a writer who writes "1600km"
        shown = shown.replace(",", "")
    text = q.text[: written.start()] + shown + q.text[written.end() :]
    if unit is None or unit == q.unit:
        return text
    if not q.unit_text:
        return None
    at = text.rfind(q.unit_text, written.start() + len(shown))
    surface = conv.unit_surface(unit, q.unit_text)
    if at == -1 or surface is None:
        return None
    return text[:at] + surface + text[at + len(q.unit_text) :]


def converted(a: Quantity, b: Quantity) -> float | None:
    """*a*'s single value in *b*'s unit, None for a range or no conversion."""
    if a.value is None or a.unit is None or b.unit is None:
        return None
    return convert(a.value, a.unit, b.unit)


def suggest(f: Finding, suggestion: str | None, safe: bool) -> Finding:
    """*f* with a suggested replacement for its quantity (unchanged with none)."""
    if suggestion is None or f.b is None or suggestion == f.b.text:
        return f
    return replace(f, suggestion=suggestion, fix_safe=safe)

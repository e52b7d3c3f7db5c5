"""What lint's checks share: the text cut into sentences, the words around a quantity,
and how a lint finding is made (the linted quantity as ``b``, ``a`` always None)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from . import conversion as conv
from . import plausibility
from .codes import BY_CODE
from .model import Finding, Quantity
from .units import convert, unit_info

# -- sentences ----------------------------------------------------------------------

#: A sentence ends at . ! or ? (and any closing quote or bracket) before a space and a
#: capital, digit or opening quote; a line break always ends one.
_BREAK = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)\]]*[ \t]+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\s*\n\s*"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of *text* (cheap; no tokenizer)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass
class Context:
    """The text, its sentences, and the words around each quantity (computed lazily)."""

    text: str
    spans: list[tuple[int, int]] = field(init=False)
    _starts: list[int] = field(init=False)
    _words: dict[int, list[str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.spans = sentences(self.text) or [(0, len(self.text))]
        self._starts = [s for s, _ in self.spans]

    def sentence_of(self, q: Quantity) -> int:
        return max(0, bisect.bisect_right(self._starts, q.start) - 1)

    def words(self, index: int) -> list[str]:
        if index not in self._words:
            s, e = self.spans[index]
            self._words[index] = plausibility.words(self.text[s:e])
        return self._words[index]

    def before(self, q: Quantity) -> list[str]:
        s, _ = self.spans[self.sentence_of(q)]
        return plausibility.words(self.text[s : q.start])

    def after(self, q: Quantity) -> list[str]:
        _, e = self.spans[self.sentence_of(q)]
        return plausibility.words(self.text[q.end : max(q.end, e)])


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
    shown = []
    for end in ends:
        value = None if end is None else convert(end, a.unit, b.unit)
        if value is None:
            return conv.describe_value(a)
        shown.append(_figure(value))
    return f"{chr(0x2013).join(shown)} {conv.unit_label(b.unit)}"

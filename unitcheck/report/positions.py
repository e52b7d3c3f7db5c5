"""What every reporter needs: where a quantity is, which sentence holds it, counts.

Quantities carry character offsets into ``Document.text``; this module is the one place
that turns them into 1-based line and column numbers of the source (through
``Document.line_col``) and into the sentence a reader should see. Side ``a`` of a
finding lives in ``FileResult.original``, side ``b`` in ``FileResult.document``.
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Finding, Quantity, Segment, Span
from ..result import FileResult, InputProblem, RunResult
from ..text import sentences
from ..text.reading import Document

#: A sentence longer than this is cut to a window around its quantity.
MAX_SENTENCE = 240
#: What must not reach a terminal or a log raw: C0 and C1 controls (ESC, BEL, CSI...),
#: DEL, and lone surrogates (bytes of a file name that are not UTF-8), which no UTF-8
#: stream can write.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Characters that some readers of JSON Lines take as line ends (``str.splitlines``).
_LINE_END = re.compile("[\x85\u2028\u2029]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Location:
    """A quantity's place in the source: 1-based lines and columns, end exclusive.

    ``offset`` and ``length`` count characters of ``Document.source``.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int


@dataclass(frozen=True, slots=True)
class Snippet:
    """A piece of text with one marked span: ``text[start:end]`` is the quantity."""

    text: str
    start: int
    end: int

    @property
    def before(self) -> str:
        return self.text[: self.start]

    @property
    def marked(self) -> str:
        return self.text[self.start : self.end]

    @property
    def after(self) -> str:
        return self.text[self.end :]


def locate(doc: Document, q: Quantity | Span) -> Location:
    """Where quantity (or span) *q* (offsets into ``doc.text``) sits in ``doc.source``."""
    start, end = doc.source_span(q.start, q.end)
    line, column = doc.source_line_col(start)
    end_line, end_column = doc.source_line_col(end)
    return Location(line, column, end_line, end_column, start, end - start)


def _utf8_length(text: str) -> int:
    try:  # a byte that did not decode was kept as a lone surrogate: it is one byte
        return len(text.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:
        return len(text.encode("utf-8", "surrogatepass"))


def utf8_column(doc: Document, offset: int) -> tuple[int, int]:
    """The 1-based line and column of *offset* in ``doc.source``, the column in UTF-8 bytes.

    reviewdog counts columns so ("a\u2014b": b is at column 5, not 3); SARIF and the
    other formats count code points (``Document.source_line_col``).
    """
    line, column = doc.source_line_col(offset)
    line_start = offset - (column - 1)
    return line, _utf8_length(doc.source[line_start:offset]) + 1


def document_of(result: FileResult, side: str) -> Document:
    """The document side ``a`` (original) or ``b`` (revised or linted) refers to."""
    if side == "a" and result.original is not None:
        return result.original
    return result.document


def primary(result: FileResult, finding: Finding) -> tuple[Document, Quantity | Span | None, str]:
    """The document, quantity and side a report points at for *finding*.

    The revised quantity when there is one, else the original's; a finding with no
    quantity points at its own span (UC401), or else at the revised (or linted) file as
    a whole.
    """
    if finding.b is not None:
        return result.document, finding.b, "b"
    if finding.a is not None:
        return document_of(result, "a"), finding.a, "a"
    if finding.span is not None:
        return document_of(result, finding.span.side), finding.span, finding.span.side
    return result.document, None, "b"


def sort_key(result: FileResult, finding: Finding) -> tuple[int, int, str]:
    """Order findings by where they are, originals-only findings by their own offset."""
    _, q, side = primary(result, finding)
    return (0 if side == "b" else 1, q.start if q is not None else -1, finding.code)


def ordered(run: RunResult) -> list[tuple[FileResult, list[Finding]]]:
    """Each result with its shown findings in reading order."""
    return [(r, sorted(run.shown(r), key=lambda f, r=r: sort_key(r, f))) for r in run.results]


def visible(char: str) -> str:
    r"""A stand-in that shows what *char* was: a control picture, or an escape.

    C0 controls and DEL become their Unicode control pictures (ESC is U+241B), one
    column wide like the character they stand for; C1 controls and lone surrogates become
    escapes: a byte of a file name that is not UTF-8 (kept by ``surrogateescape``) shows
    as ``\xff``, the way ``ls -b`` shows it.

    >>> [visible(chr(c)) for c in (0x1B, 0x7F, 0x9B, 0xDCFF, 0xD800)]
    ['␛', '␡', '\\x9b', '\\xff', '\\ud800']
    """
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """*text* with every control character and lone surrogate made visible (lines kept)."""
    return _CONTROL.sub(lambda m: visible(m.group()), text)


def clean(text: str) -> str:
    r"""*text* on one line, its controls made visible (safe for a terminal or a log).

    >>> clean("up\x1b[2J 5\r\nkm")
    'up␛[2J 5 km'
    """
    return printable(_SPACE.sub(" ", text))


def show_surrogates(text: str) -> str:
    """*text* with lone surrogates (only) made visible, as ``visible`` shows them."""
    return _SURROGATE.sub(lambda m: visible(m.group()), text) if _SURROGATE.search(text) else text


def unicode_safe(text: str) -> str:
    """*text* with lone surrogates replaced by U+FFFD: valid Unicode, writable as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def json_safe(value: object) -> object:
    """*value* (JSON-ready dicts, lists, strings...) with every string ``unicode_safe``."""
    if isinstance(value, str):
        return unicode_safe(value)
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def dump_json(value: object, *, indent: int | None = None) -> str:
    """*value* as strict JSON that any parser takes, on one line unless *indent*.

    Lone surrogates (from a file name that is not UTF-8) become U+FFFD, NaN and infinity
    are refused, and NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are escaped so that no
    JSON Lines reader can split a record in two. Other text stays as it is.
    """
    import json

    out = json.dumps(json_safe(value), ensure_ascii=False, allow_nan=False, indent=indent)
    return _LINE_END.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def segments_of(result: FileResult, side: str) -> Sequence[Segment]:
    """The sentences of *side*, as ``text.sentences.segment`` cuts them.

    The comparison's segments for a pair, the result's own for one document (lint
    fills them); a result that carries none (extract, or one made by hand) is cut now,
    with its quantities kept whole, as lint and compare would have cut it.
    """
    comparison = result.comparison
    if comparison is not None:
        return comparison.segments_a if side == "a" else comparison.segments_b
    if side == "a" and result.original is not None:
        return sentences.segment(result.original.text)
    if result.segments:
        return result.segments
    return sentences.segment(result.document.text, [q.span for q in result.quantities])


def sentence(result: FileResult, side: str, q: Quantity, *, limit: int = MAX_SENTENCE) -> Snippet:
    """The sentence holding *q* on *side*, with the quantity's place in it.

    The sentence is one of ``segments_of(result, side)``; a quantity outside every
    sentence (a comment's zero-width mark) gets the line holding it. Whitespace is
    collapsed and control characters are replaced, so the snippet is one printable line.
    """
    text = document_of(result, side).text
    start, end = _enclosing(text, segments_of(result, side), q)
    return _snip(text, start, end, q.start, q.end, limit)


def _enclosing(text: str, segments: Sequence[Segment], q: Quantity) -> tuple[int, int]:
    k = bisect_right(segments, q.start, key=lambda s: s.start) - 1
    if k >= 0 and q.end <= segments[k].end:
        return segments[k].start, segments[k].end
    # A quantity across a segment boundary: take every segment it touches.
    touched = [s for s in segments if s.start < q.end and q.start < s.end]
    if touched:
        return min(s.start for s in touched), max(s.end for s in touched)
    line_start = max(text.rfind("\n", 0, q.start), text.rfind("\r", 0, q.start)) + 1
    ends = [i for i in (text.find("\n", q.end), text.find("\r", q.end)) if i != -1]
    return line_start, min(ends) if ends else len(text)


def _snip(text: str, start: int, end: int, q_start: int, q_end: int, limit: int) -> Snippet:
    """Cut ``text[start:end]`` to at most about *limit* characters around the quantity."""
    ellipsis_before = ellipsis_after = ""
    if end - start > limit:
        room = max(0, limit - (q_end - q_start)) // 2
        left, right = min(room, q_start - start), min(room, end - q_end)
        # Give the room one side cannot use to the other.
        left, right = (
            min(q_start - start, left + room - right),
            min(end - q_end, right + room - left),
        )
        if q_start - left > start:
            ellipsis_before = "\u2026"
        if q_end + right < end:
            ellipsis_after = "\u2026"
        start, end = q_start - left, q_end + right
    before = ellipsis_before + clean(text[start:q_start]).lstrip()
    marked = clean(text[q_start:q_end])
    after = clean(text[q_end:end]).rstrip() + ellipsis_after
    return Snippet(before + marked + after, len(before), len(before) + len(marked))


def number(value: float | None) -> str:
    """A number as people read it: no float noise, no exponent for ordinary sizes."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.10g}"


def amount(q: Quantity) -> str:
    """The value of *q*, or its range as ``low–high``."""
    if q.value is not None:
        return number(q.value)
    return f"{number(q.low)}\u2013{number(q.high)}"


def plural(n: int, word: str, words: str | None = None) -> str:
    """ "1 file", "2 files"; *words* is the plural when it is not *word* + "s"."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def summary_line(run: RunResult) -> str:
    """ "2 errors, 1 warning, 1 info in 1 pair." or "No problems found in 3 files.".

    The wording, including what failed the run, is ``RunResult.summary_line``'s.
    """
    return run.summary_line()


def relative_path(path: str) -> str:
    """*path* relative to the working directory when it lies inside it, with ``/``."""
    if path.startswith("<"):
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return os.path.abspath(path).replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def problem_message(problem: InputProblem) -> str:
    """The reason an input could not be read, without the path repeated in front."""
    prefix = f"{problem.path}: "
    message = problem.message
    return message[len(prefix) :] if message.startswith(prefix) else message

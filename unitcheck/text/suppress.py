"""Inline suppression comments in Markdown, HTML and plain-text copy.

Three directives, with codes or names in brackets (none = all). In Markdown and HTML
each is an HTML comment:

``<!-- unitcheck: ignore[UC101,UC102] -->``
    on a line of its own, silences the next block: the next element in HTML when the
    comment is followed by a tag that is closed later, otherwise the source lines up
    to the next blank line. After text on the same line, it silences that line only.
``<!-- unitcheck: disable[UC101] -->`` ... ``<!-- unitcheck: enable[UC101] -->``
    silences a range, to the end of the file when it is never re-enabled.
    ``off`` and ``on`` are short for a bare ``disable`` and ``enable``.

Plain text has no comments, so it gets two forms of its own: a line
``# unitcheck: ignore[UC220]`` (any directive; it stands where the comment would),
and ``[unitcheck: ignore[UC220]]`` anywhere in a line (after text: that line only).

Text after ``--`` in a directive is a reason, kept for people and otherwise ignored.
Offsets here are offsets in ``Document.source``, where comments still are.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..codes import BY_CODE, lookup
from ..model import Finding, Span
from .markup import _markdown_parser, line_starts
from .reading import Document

_COMMENT = re.compile(
    r"<(script|style|textarea|title)\b[^>]*>.*?(?:</\1\s*>|\Z)|<!--(.*?)-->", re.S | re.I
)
_DIRECTIVE = re.compile(
    r"\s*unitcheck\s*:\s*(?P<kind>[A-Za-z-]+)\s*(?:\[(?P<codes>[^\]]*)\])?\s*(?:--.*)?\Z",
    re.S | re.I,
)
_MENTION = re.compile(r"\s*unitcheck\s*:", re.I)
# Plain text: "# unitcheck: ..." as a whole line, or "[unitcheck: ...]" within one.
_TEXT_DIRECTIVE = re.compile(
    r"^[ \t]*\#[ \t]*(?P<line>unitcheck[ \t]*:[^\r\n]*?)[ \t]*(?=\r\n|\r|\n|\Z)"
    r"|\[(?P<inline>[ \t]*unitcheck[ \t]*:[^\[\]\r\n]*(?:\[[^\]\r\n]*\])?[^\[\]\r\n]*)\]",
    re.M | re.I,
)
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_KINDS = {
    "ignore": "ignore",
    "disable": "disable",
    "enable": "enable",
    "off": "disable",
    "on": "enable",
}
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?=\r\n|\r|\n|\Z)")
_SPACE_OR_COMMENT = re.compile(r"(?:\s+|<!--.*?-->)*", re.S)
_SPACE_OR_TEXT_DIRECTIVE = re.compile(r"(?:\s+|\#[ \t]*unitcheck[ \t]*:[^\r\n]*)*", re.I)
_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class Unused(NamedTuple):
    """A directive that silenced nothing: where it is (1-based) and the comment."""

    line: int
    column: int
    text: str


class Problem(NamedTuple):
    """A comment that looks like a directive but cannot be used, and why."""

    line: int
    column: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive comment: its kind, its codes (None = all), where it is."""

    kind: str
    codes: frozenset[str] | None
    start: int
    end: int
    line: int
    column: int
    text: str


@dataclass(frozen=True, slots=True)
class Scope:
    """The source span *start*:*end* that *directive* silences."""

    directive: Directive
    start: int
    end: int

    def covers(self, offset: int, code: str) -> bool:
        codes = self.directive.codes
        return self.start <= offset < self.end and (codes is None or code in codes)


@dataclass(frozen=True, slots=True)
class Suppressions:
    """The scopes of a document's directives, and the comments that could not be used.

    ``problems`` lists malformed directives, unknown codes, an ``enable`` without its
    ``disable``, and a ``disable`` never re-enabled (it still runs to the end).
    """

    scopes: tuple[Scope, ...] = ()
    problems: tuple[Problem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.scopes)

    def filter(
        self, findings: Iterable[Finding], offset_of: Callable[[Finding], int | None]
    ) -> tuple[tuple[Finding, ...], tuple[Unused, ...]]:
        """Split off the findings a directive silences.

        *offset_of* gives a finding's offset in the source, or None for a finding with
        no place in this document, which is always kept. Returns the findings kept and
        the directives that silenced nothing, in source order.

        >>> from unitcheck.model import Finding, Severity
        >>> s = parse("<!-- unitcheck: ignore -->\\nUp 5%.\\n\\nUp 6%.\\n", "markdown")
        >>> f = [Finding("UC302", "quantity-added", Severity.INFO, "x")]
        >>> s.filter(f, lambda _: 30)[0], s.filter(f, lambda _: 37)[0] == tuple(f)
        ((), True)
        """
        used = [False] * len(self.scopes)
        kept = []
        for finding in findings:
            offset = offset_of(finding)
            hit = False
            if offset is not None:
                for n, scope in enumerate(self.scopes):
                    if scope.covers(offset, finding.code):
                        used[n] = hit = True
            if not hit:
                kept.append(finding)
        unused = tuple(
            Unused(s.directive.line, s.directive.column, s.directive.text)
            for s, u in zip(self.scopes, used, strict=True)
            if not u
        )
        return tuple(kept), unused


def parse(source: str, format: str) -> Suppressions:
    """Find the directives in *source* ("markdown", "html" or "text").

    >>> src = "<!-- unitcheck: disable[UC101] -->\\n5 km\\n<!-- unitcheck: enable -->"
    >>> s = parse(src, "html")
    >>> [(x.directive.kind, sorted(x.directive.codes), x.start) for x in s.scopes]
    [('disable', ['UC101'], 0)]
    """
    if format not in ("markdown", "html", "text"):
        return Suppressions()
    starts = line_starts(source)
    code_lines = _markdown_code_lines(source) if format == "markdown" else frozenset()
    scopes: list[Scope] = []
    problems: list[Problem] = []
    open_ranges: list[Directive] = []
    for directive, problem in _directives(source, starts, code_lines, format):
        if problem is not None:
            problems.append(problem)
        elif directive.kind == "ignore":
            if _after_text(source, starts, directive):
                start, end = _line_of(source, starts, directive)
            else:
                start, end = _next_block(source, directive.end, format)
            scopes.append(Scope(directive, start, end))
        elif directive.kind == "disable":
            open_ranges.append(directive)
        else:
            closed = _close(open_ranges, directive)
            if closed is None:
                problems.append(_problem(directive, "enable without a matching disable"))
            for d in closed or ():
                scopes.append(Scope(d, d.start, directive.start))
    for d in open_ranges:
        scopes.append(Scope(d, d.start, len(source)))
        problems.append(_problem(d, "never re-enabled: it runs to the end of the file"))
    scopes.sort(key=lambda s: (s.directive.start, s.start))
    problems.sort()
    return Suppressions(tuple(scopes), tuple(problems))


def _comments(source: str, format: str) -> Iterable[tuple[re.Match[str], str | None]]:
    """Each place a directive may be, with its body (None for a non-comment)."""
    if format == "text":
        for m in _TEXT_DIRECTIVE.finditer(source):
            yield m, m.group("line") if m.group("line") is not None else m.group("inline")
        return
    for m in _COMMENT.finditer(source):
        yield m, m.group(2)


def _directives(
    source: str, starts: array[int], code_lines: frozenset[int], format: str
) -> Iterable[tuple[Directive, Problem | None]]:
    for m, body in _comments(source, format):
        if body is None or not _MENTION.match(body):
            continue
        line = bisect_right(starts, m.start())
        if line - 1 in code_lines:
            continue
        column = m.start() - starts[line - 1] + 1
        text = m.group()
        d = _DIRECTIVE.match(body)
        kind = _KINDS.get(d.group("kind").lower()) if d else None
        codes: frozenset[str] | None = None
        reason = None
        if d is None or kind is None:
            reason = "not a directive: expected ignore, disable or enable"
        elif d.group("codes") is not None:
            names = [c for c in re.split(r"[,\s]+", d.group("codes")) if c]
            try:
                codes = frozenset(lookup(c).code for c in names)
            except KeyError as exc:
                reason = f"unknown code {exc.args[0]!r}"
            if not names:
                reason = "empty brackets: name codes, or leave the brackets out"
        directive = Directive(kind or "", codes, m.start(), m.end(), line, column, text)
        yield directive, (_problem(directive, reason) if reason else None)


def _problem(d: Directive, reason: str) -> Problem:
    return Problem(d.line, d.column, d.text, reason)


def _close(open_ranges: list[Directive], enable: Directive) -> list[Directive] | None:
    """Remove and return the open ranges *enable* closes; None when it closes nothing.

    A bare enable closes every open range; ``enable[A,B]`` closes ranges whose codes
    are all among A and B (so the codes must match, as in ruff).
    """
    if enable.codes is None:
        closed = list(open_ranges)
    else:
        closed = [d for d in open_ranges if d.codes is not None and d.codes <= enable.codes]
    if not closed:
        return None
    for d in closed:
        open_ranges.remove(d)
    return closed


def _after_text(source: str, starts: array[int], d: Directive) -> bool:
    """True when text (not only tags or comments) comes before *d* on its line."""
    before = source[starts[d.line - 1] : d.start]
    return bool(_TAG_OR_COMMENT.sub("", before).strip())


def _line_of(source: str, starts: array[int], d: Directive) -> tuple[int, int]:
    """The span of the source line *d* is on, without its line break."""
    start = starts[d.line - 1]
    end = starts[d.line] if d.line < len(starts) else len(source)
    return start, len(source[start:end].rstrip("\r\n")) + start


def _next_block(source: str, pos: int, format: str) -> tuple[int, int]:
    """The span of the block after offset *pos*, past blanks and other comments."""
    skip = _SPACE_OR_TEXT_DIRECTIVE if format == "text" else _SPACE_OR_COMMENT
    start = skip.match(source, pos).end()  # type: ignore[union-attr]
    if format == "html":
        end = _element_end(source, start)
        if end is not None:
            return start, end
    blank = _BLANK_LINE.search(source, start)
    return start, blank.start() if blank else len(source)


def _element_end(source: str, start: int) -> int | None:
    """The end of the element whose start tag is at *start*; None when not closed."""
    m = _OPEN_TAG.match(source, start)
    if m is None:
        return None
    name = m.group(1).lower()
    if m.group(2) or name in _VOID:
        return m.end()
    tags = re.compile(rf"<(/?){re.escape(name)}\b[^>]*>|<!--.*?-->", re.S | re.I)
    depth = 1
    for t in tags.finditer(source, m.end()):
        if t.group().startswith("<!--"):
            continue
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return t.end()
    return None


def _markdown_code_lines(source: str) -> frozenset[int]:
    """Zero-based numbers of the lines inside fenced or indented code in Markdown."""
    lines: set[int] = set()
    for token in _markdown_parser().parse(source):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return frozenset(lines)


# --- applied to a document --------------------------------------------------------------


def apply_comments(
    findings: tuple[Finding, ...], document: Document, side: str
) -> tuple[Finding, ...]:
    """Drop what *document*'s directives silence; add a UC401 for each useless directive.

    Side "b" findings are placed by their revised quantity; side "a" (the original's
    directives) only silences findings that have no revised quantity.
    """
    directives = parse(document.source, document.format)
    if not directives and not directives.problems:
        return findings

    def offset_of(f: Finding) -> int | None:
        q = f.b if side == "b" else (f.a if f.b is None else None)
        return None if q is None else document.source_offset(q.start)

    kept, unused = directives.filter(findings, offset_of)
    extra = [_directive_finding(document, side, u, "silenced nothing") for u in unused]
    extra += [_directive_finding(document, side, p, p.reason) for p in directives.problems]
    return kept + tuple(extra)


def _directive_finding(document: Document, side: str, where: Unused | Problem, why: str) -> Finding:
    """A UC401 placed, with no quantity, at the first text after the comment on *side*."""
    offset = _text_offset(document, where.line, where.column)
    entry = BY_CODE["UC401"]
    message = f"the suppression comment {where.text.strip()!r} at line {where.line} {why}"
    return Finding(entry.code, entry.name, entry.severity, message, span=Span(offset, offset, side))


def _text_offset(document: Document, line: int, column: int) -> int:
    """The first text offset at or after a source line:column (comments are not text)."""
    starts = line_starts(document.source)
    target = starts[min(line, len(starts)) - 1] + column - 1
    lo, hi = 0, len(document.text)
    while lo < hi:
        mid = (lo + hi) // 2
        if document.source_offset(mid) < target:
            lo = mid + 1
        else:
            hi = mid
    return lo

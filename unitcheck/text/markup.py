"""Readable text out of HTML and Markdown, with a map back to offsets in the source.

HTML becomes new text (tags dropped, entities decoded, boilerplate removed), so it comes
with a ``PositionMap``. Markdown keeps its offsets: what is not prose is overwritten with
spaces of the same length, so the map is the identity.
"""

from __future__ import annotations

import html
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# lxml and markdown-it are imported where HTML or Markdown is read: plain text, most
# of what a desk checks, never pays their import (about 25 ms of a cold run).

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> array[int]:
    r"""Offsets at which the lines of *text* start; ``\r\n``, ``\r`` and ``\n`` end a line."""
    starts = array("q", [0])
    starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
    return starts


@dataclass(frozen=True, slots=True, eq=False)
class PositionMap:
    """A piecewise-linear map from offsets in extracted text to offsets in its source.

    Point k says that text offset ``text_at[k]`` is source offset ``source_at[k]``; an
    offset between points keeps its distance from the point before it. Where two runs of
    text meet, two points share a text offset: the end of the earlier run, then the start
    of the later one, so span starts and span ends can each map to the right place.
    """

    text_at: array[int]
    source_at: array[int]
    source_length: int

    @classmethod
    def identity(cls, length: int) -> PositionMap:
        """The map for text that *is* its source."""
        return cls(array("q", [0]), array("q", [0]), length)

    def start(self, i: int) -> int:
        """The source offset of the character at text offset *i*."""
        return self._linear(bisect_right(self.text_at, i) - 1, i)

    def end(self, i: int) -> int:
        """The source offset just after the character before text offset *i*."""
        j = bisect_left(self.text_at, i)
        if j < len(self.text_at) and self.text_at[j] == i:
            return self.source_at[j]
        return self._linear(j - 1, i)

    def _linear(self, j: int, i: int) -> int:
        return min(self.source_at[j] + i - self.text_at[j], self.source_length)


# --- HTML -------------------------------------------------------------------------------

_DROP_TAGS = frozenset(
    "script style noscript nav footer aside form iframe svg head template button select"
    " textarea object embed canvas dialog".split()
)
# Dropped elements whose content _MARKUP skips whole: never look for their words.
_RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title"})
_NEVER_DROP = frozenset({"html", "body", "main", "article"})
_PARAGRAPH_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote div section article main header footer ul ol dl"
    " table thead tbody tfoot tr figure figcaption pre address hr caption details summary"
    " center nav aside form fieldset hgroup menu search".split()
)
_LINE_TAGS = frozenset({"br", "td", "th", "dt", "dd"})
# Words in a class or id that mark page furniture rather than the story.
_BOILERPLATE_WORDS = frozenset(
    "ad ads adv advert adverts advertisement advertising adsbygoogle adslot adunit dfp"
    " sponsor sponsored promo promoted outbrain taboola criteo subscribe subscription"
    " subscriptions paywall premium signup related recommended newsletter newsletters share"
    " sharing sharebar social comment comments disqus cookie cookies consent gdpr popup"
    " modal sidebar".split()
)
_BOILERPLATE_ROLES = frozenset({"navigation", "complementary", "search", "banner", "contentinfo"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CLASS_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
# Parts of the source where no text node can come from: tags, comments, raw-text
# elements. A search for a word skips them, so a word never lands inside an attribute.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|textarea|title)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<![^>]*>|<\?[^>]*>|</?[A-Za-z][^\s/>]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_RUN = re.compile(r"\S+|\s+")
# Spaces worth keeping as written: "1\u202f000" is a thousands separator, not two numbers.
_KEPT_SPACES = frozenset("\xa0\u2007\u2009\u202f")
_GAP_RANK = {"": 0, " ": 1, "\n": 2, "\n\n": 3}
# How far past the last word to look for the next one, in characters of text between
# markup, each markup span costing as much as _SPAN_COST characters.
_SEARCH_BUDGET = 256 * 1024
_SPAN_COST = 16
# Dropped text is only stepped over when found close by: a wrong match would skip prose.
_CONSUME_BUDGET = 4096
_SURROGATE = re.compile("[\ud800-\udfff]")
# libxml2 stops at 2,048 levels of nesting and drops the rest of the page; past this
# depth, tags are flattened before parsing (see _flattened).
_MAX_DEPTH = 1024
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)
# What a person reads in a superscript: "10<sup>2</sup>" is 10 squared, not 102.
_SUPERSCRIPT = str.maketrans(
    "0123456789+-\u2212",
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b\u207b",
)
_POWER = re.compile("[0-9+\\-\u2212]*[0-9]")
# Characters a reader does not see: a soft hyphen ("3&shy;000" reads 3000), zero-width
# spaces and joiners between the digits of a figure. Left out of the text.
INVISIBLE = frozenset("\u00ad\u200b\u2060\ufeff")
_INVISIBLE_RUN = re.compile("[\u00ad\u200b\u2060\ufeff]+")


def extract_html(source: str) -> tuple[str, PositionMap]:
    """Return the readable text of an HTML page and the map back to *source*.

    >>> page = "<nav>Home</nav><p>It fell 3&nbsp;cm.</p>"
    >>> text, where = extract_html(page)
    >>> text
    'It fell 3\\xa0cm.'
    >>> page[where.start(text.index("cm")) :]
    'cm.</p>'
    """
    # A lone surrogate (from the library API; files are decoded strictly) reads as U+FFFD,
    # one character for one, so every offset still points into *source*.
    if _SURROGATE.search(source):
        source = _SURROGATE.sub("\ufffd", source)
    out = _HtmlText(source)
    root = _parse_html(source)
    if root is not None:
        _walk(root, out)
    return out.result()


def _parse_html(source: str) -> Any:
    import lxml.etree
    import lxml.html

    # Bytes with an explicit encoding, so a <meta charset> cannot re-decode the text.
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True)
    clean = _SURROGATE.sub("\ufffd", _NOT_XML_CHAR.sub(" ", source))
    try:
        root = lxml.html.document_fromstring(clean.encode("utf-8"), parser=parser)
        if not any("Excessive depth" in e.message for e in parser.error_log):
            return root
        parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True)
        return lxml.html.document_fromstring(_flattened(clean).encode("utf-8"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):  # "Document is empty" and the like
        return None


def _flattened(source: str) -> str:
    """*source* with the tags nested deeper than ``_MAX_DEPTH`` taken out.

    Only for pages libxml2 would cut off: 100,000 nested ``<div>``s still give their
    text. A flattened block or line tag becomes a ``<br>``, so its text keeps a break.
    The text is found in the source as written, so this copy may differ in length.
    """
    parts: list[str] = []
    depth, pos = 0, 0
    for m in _TAG.finditer(source):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID_TAGS or selfclosing:
            continue
        deep = depth >= _MAX_DEPTH if not closing else depth > _MAX_DEPTH
        depth = max(0, depth - 1) if closing else depth + 1
        if deep:
            parts.append(source[pos : m.start()])
            parts.append("<br>" if name in _PARAGRAPH_TAGS or name in _LINE_TAGS else "")
            pos = m.end()
    parts.append(source[pos:])
    return "".join(parts)


def _walk(root: Any, out: _HtmlText) -> None:
    """Feed the text of *root* to *out* in document order, without recursion."""
    # (node, closing, dropped: the parent's state, which governs the tail; inner: the node's)
    stack: list[tuple[Any, bool, bool, bool]] = [(root, False, False, False)]
    pre = 0
    while stack:
        el, closing, dropped, inner = stack.pop()
        if not isinstance(el.tag, str):  # comment or processing instruction
            out.add(el.tail, dropped=dropped, pre=pre > 0)
            continue
        if not closing:
            inner = dropped or _is_boilerplate(el)
        out.owe(_gap_for(el.tag))
        if el.tag == "pre" and not inner:
            pre += -1 if closing else 1
        if closing:
            out.add(el.tail, dropped=dropped, pre=pre > 0)
            continue
        if el.tag == "sup" and not inner and len(el) == 0 and _POWER.fullmatch(el.text or ""):
            out.add(el.text, dropped=False, pre=False, shown=el.text.translate(_SUPERSCRIPT))
        elif el.tag not in _RAW_TEXT_TAGS:
            out.add(el.text, dropped=inner, pre=pre > 0)
        stack.append((el, True, dropped, inner))
        stack.extend((child, False, inner, inner) for child in reversed(el))


def _gap_for(tag: str) -> str:
    return "\n\n" if tag in _PARAGRAPH_TAGS else "\n" if tag in _LINE_TAGS else ""


def _is_boilerplate(el: Any) -> bool:
    """True for page furniture: scripts, navigation, ads, share bars, comments..."""
    tag = el.tag
    if tag in _DROP_TAGS:
        return True
    if tag in _NEVER_DROP:
        return False
    if tag == "header":  # a header inside the story holds its headline
        return not any(a.tag in ("article", "main") for a in el.iterancestors())
    if el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true":
        return True
    if _HIDDEN_STYLE.search(el.get("style", "")):
        return True
    if el.get("role", "").lower() in _BOILERPLATE_ROLES:
        return True
    names = f"{el.get('class', '')} {el.get('id', '')}"
    return any(w.lower() in _BOILERPLATE_WORDS for w in _CLASS_WORD.findall(names))


class _HtmlText:
    """Builds the extracted text word by word, finding each word in the source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.skip_starts, self.skip_ends = _markup_spans(source)
        self.cursor = 0  # source offset after the last word found
        self.parts: list[str] = []
        self.length = 0
        self.text_at: array[int] = array("q")
        self.source_at: array[int] = array("q")
        self.gap = ""  # separator owed before the next word
        self.last_end = (-1, 0)  # (text, source) offsets where the last word ended

    def owe(self, gap: str) -> None:
        """Ask for at least *gap* (a space, line or paragraph break) before the next word."""
        if _GAP_RANK.get(gap, 1) > _GAP_RANK.get(self.gap, 1):
            self.gap = gap

    def add(self, run: str | None, *, dropped: bool, pre: bool, shown: str | None = None) -> None:
        """Add a text node's content, or only step over it in the source when dropped.

        *shown* is a one-word run written differently, character for character (a
        superscript power).
        """
        if shown is not None and run is not None:
            self._word(run, shown)
            return
        for m in _RUN.finditer(run or ""):
            piece = m.group()
            if not piece[0].isspace():
                self._consume(piece) if dropped else self._word(piece)
            elif not dropped:
                keep = len(piece) == 1 and piece in _KEPT_SPACES and not self.gap
                self.owe("\n" if pre and "\n" in piece else piece if keep else " ")

    def result(self) -> tuple[str, PositionMap]:
        """The text built so far and its map."""
        if not self.text_at:
            return "", PositionMap.identity(len(self.source))
        return "".join(self.parts), PositionMap(self.text_at, self.source_at, len(self.source))

    def _word(self, word: str, shown: str | None = None) -> None:
        found = self._locate(word)
        # A word that cannot be found maps to where the search stopped: approximate, in order.
        points, end = found if found else ([(0, self.cursor)], self.cursor)
        if shown is not None:
            word = shown
        if any(c in INVISIBLE for c in word):
            word, points = _visible(word, points)
            if not word:  # nothing a reader sees: step over it
                self.cursor = max(self.cursor, end)
                return
        if self.length:
            self._write(self.gap)
        self.gap = ""
        t = self.length
        if t == self.last_end[0]:  # two runs meet: keep where the first one ended
            self._point(*self.last_end, force=True)
        for k, p in points:
            self._point(t + k, p)
        self._write(word)
        self._point(self.length, end)
        self.cursor = max(self.cursor, end)
        self.last_end = (self.length, end)

    def _consume(self, word: str) -> None:
        found = self._locate(word, _CONSUME_BUDGET)
        if found:
            self.cursor = found[1]

    def _write(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def _point(self, t: int, s: int, *, force: bool = False) -> None:
        if self.text_at:
            last_t, last_s = self.text_at[-1], self.source_at[-1]
            if (last_t, last_s) == (t, s) or (not force and s - t == last_s - last_t):
                return
        self.text_at.append(t)
        self.source_at.append(s)

    def _markup_end(self, pos: int) -> int | None:
        """The end of the markup span starting at *pos*, or None when none starts there."""
        j = bisect_left(self.skip_starts, pos)
        if j < len(self.skip_starts) and self.skip_starts[j] == pos:
            return self.skip_ends[j]
        return None

    def _locate(
        self, word: str, budget: int = _SEARCH_BUDGET
    ) -> tuple[list[tuple[int, int]], int] | None:
        """Find *word* after the cursor, outside markup; None when it is not near."""
        finder, source = _first_char_finder(word[0]), self.source
        pos, n = self.cursor, len(self.skip_starts)
        j = bisect_right(self.skip_starts, pos)  # the first markup span after pos
        if j and pos < self.skip_ends[j - 1]:
            pos = self.skip_ends[j - 1]
        while budget > 0:
            stop = min(self.skip_starts[j] if j < n else len(source), pos + budget)
            m = finder.search(source, pos, stop)
            while m is not None:
                aligned = _align(source, m.start(), word, self._markup_end)
                if aligned is not None:
                    return aligned
                m = finder.search(source, m.start() + 1, stop)
            budget -= stop - pos + _SPAN_COST
            if j >= n:
                return None
            pos, j = self.skip_ends[j], j + 1
        return None


def _visible(word: str, points: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """*word* without the characters a reader does not see, and its points moved to match."""
    kept: list[str] = []
    moved: list[tuple[int, int]] = []
    j = 0  # the next point that applies
    for k, char in enumerate(word):
        while j + 1 < len(points) and points[j + 1][0] <= k:
            j += 1
        if char in INVISIBLE:
            continue
        source = points[j][1] + k - points[j][0]
        if not moved or source - len(kept) != moved[-1][1] - moved[-1][0]:
            moved.append((len(kept), source))
        kept.append(char)
    return "".join(kept), moved or [(0, points[0][1])]


def drop_invisible(
    text: str, edits: list[tuple[int, int, str]] | None = None
) -> tuple[str, PositionMap | None]:
    """*text* without soft hyphens and zero-width characters, and the map back to *text*.

    *edits* are more changes to make on the way, as (start, end, replacement) spans of
    *text* that do not overlap; a replacement is empty (the span is taken out) or as
    long as its span. None for the map when nothing was taken out.

    >>> shown, where = drop_invisible("It is 3\u00ad000 km.")
    >>> shown, where.start(shown.index("000"))
    ('It is 3000 km.', 8)
    """
    dropped = ((m.start(), m.end(), "") for m in _INVISIBLE_RUN.finditer(text))
    changes = sorted([*(edits or ()), *dropped])
    if not changes:
        return text, None
    parts: list[str] = []
    text_at, source_at = array("q", [0]), array("q", [0])
    pos = t = 0
    for start, end, replacement in changes:
        if start < pos:  # an invisible character inside an edit: the edit decides
            continue
        parts.append(text[pos:start])
        t += start - pos
        if replacement:
            parts.append(replacement)
            t += len(replacement)
        else:
            text_at.extend((t, t))  # the end of the run before, then the start of the next
            source_at.extend((start, end))
        pos = end
    parts.append(text[pos:])
    shown = "".join(parts)
    if len(text_at) == 1:
        return shown, None
    return shown, PositionMap(text_at, source_at, len(text))


_MD_SUP = re.compile(r"(<sup>)\s*([0-9+\-\u2212]*[0-9])\s*(</sup>)", re.I)


def markdown_superscripts(source: str, blanked: str) -> list[tuple[int, int, str]]:
    """The edits that read ``10<sup>2</sup>`` in Markdown as ``10²``, for ``drop_invisible``.

    Only where ``blank_markdown`` blanked the two tags as inline HTML (not in code).
    """
    edits: list[tuple[int, int, str]] = []
    for m in _MD_SUP.finditer(source):
        (a, b), (c, d), (e, f) = m.span(1), m.span(2), m.span(3)
        if blanked[a:b].strip() or blanked[e:f].strip() or blanked[c:d] != source[c:d]:
            continue
        edits += [(a, c, ""), (c, d, source[c:d].translate(_SUPERSCRIPT)), (d, f, "")]
    return edits


def _markup_spans(source: str) -> tuple[list[int], list[int]]:
    """Starts and ends of markup spans, merging spans that only whitespace separates."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _MARKUP.finditer(source):
        if ends and (m.start() == ends[-1] or source[ends[-1] : m.start()].isspace()):
            ends[-1] = m.end()
        else:
            starts.append(m.start())
            ends.append(m.end())
    return starts, ends


@lru_cache(maxsize=1024)
def _first_char_finder(first: str) -> re.Pattern[str]:
    return re.compile(re.escape(first) + "|&")


def _align(
    source: str, pos: int, word: str, markup_end: Callable[[int], int | None] | None = None
) -> tuple[list[tuple[int, int]], int] | None:
    """Match *word* at *pos*, where the source may spell characters as entities.

    Inside the word, markup the parser dropped (a stray end tag: ``5</b>0``, which
    lxml keeps as one text node) is stepped over when *markup_end* says where it ends.

    Returns the (word offset, source offset) points where the distance between the two
    changes, and the source offset after the match; None when the word is not there.
    """
    if "&" not in word and source.startswith(word, pos):  # the common case: as written
        return [(0, pos)], pos + len(word)
    points: list[tuple[int, int]] = [(0, pos)]
    k = 0
    while k < len(word):
        entity = _ENTITY.match(source, pos) if source.startswith("&", pos) else None
        decoded = html.unescape(entity.group()) if entity else ""
        if entity and decoded and word.startswith(decoded, k):
            k, pos = k + len(decoded), entity.end()
            points.append((k, pos))
        elif pos < len(source) and source[pos] == word[k] and not (
            entity and decoded != entity.group()  # the "&" of "&nbsp;" spells no "&"
        ):
            k, pos = k + 1, pos + 1
        elif markup_end is not None and (after := markup_end(pos)) is not None:
            pos = after
            points.append((k, pos))
        else:
            return None
    return points, pos


# --- Markdown ---------------------------------------------------------------------------

_BLANKED_BLOCKS = frozenset({"fence", "code_block", "html_block"})
# Leaf blocks: a non-blank line outside all of them is a link reference definition or
# a bare container marker, neither of which is prose.
_LEAF_BLOCKS = _BLANKED_BLOCKS | {"paragraph_open", "heading_open", "hr", "table_open"}
_MD_INLINE = re.compile(
    r"(?<!`)(?P<ticks>`+)(?!`)(?:(?!\r?\n[ \t]*\r?\n).)*?(?<!`)(?P=ticks)(?!`)"  # code span,
    r"""|(?<=\])\(\s*(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"""  # link destination,
    r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)"""  # with an optional title
    r"|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>"  # autolink
    r"|<[^\s<>@]+@[^\s<>]+>"  # e-mail autolink
    r"""|(?:https?://|ftp://|www\.)[^\s<>]*[^\s<>.,;:!?'")\]]"""  # bare URL
    r"|<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",  # inline HTML
    re.S,
)
_NOT_NEWLINE = re.compile(r"[^\r\n]")
#: YAML front matter ("---" on the first line, up to the next "---" or "..."): metadata
#: such as ``word_count: 850`` is not prose.
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.S | re.M)


@cache
def _markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def blank_markdown(source: str) -> str:
    """Overwrite code, HTML and link targets in Markdown with spaces, keeping every offset.

    >>> blank_markdown("Up 5%, see [chart](https://x.test/9).")
    'Up 5%, see [chart]                  .'
    """
    starts = line_starts(source)
    bounds = [*starts[1:], len(source)]
    covered = [False] * len(starts)
    spans: list[tuple[int, int]] = []
    for token in _markdown_parser().parse(source):
        if token.map is None or token.type not in _LEAF_BLOCKS:
            continue
        first, last = token.map
        covered[first:last] = [True] * (last - first)
        if token.type in _BLANKED_BLOCKS and first < last:
            spans.append((starts[first], bounds[last - 1]))
    spans.extend((starts[n], bounds[n]) for n, c in enumerate(covered) if not c)
    front = _FRONT_MATTER.match(source)
    if front:
        spans.append(front.span())
    text = _blank(source, spans)
    return _blank(text, [m.span() for m in _MD_INLINE.finditer(text)])


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace every character but line breaks inside *spans* with a space."""
    parts, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if start >= end:
            continue
        parts += [text[pos:start], _NOT_NEWLINE.sub(" ", text[start:end])]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)

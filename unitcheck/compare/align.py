"""Pair the sentences of two versions of an article.

Pure functions over character spans; nothing here knows about units. The sentences are
:mod:`unitcheck.text.sentences`' segments (the one segmenter lint and every report use
too; ``segment``, ``segments`` and ``keep_whole`` are its functions), and ``align``
pairs the segments of an original (``a``) with those of a revised copy or reprint
(``b``) despite rewording, restyled punctuation, split or merged sentences, reordered
paragraphs, and material that exists on one side only.

Quantities never drive the alignment: the caller passes the character spans of the
quantities it found (number, scale, unit and currency together), and each span counts as
one placeholder word, so that "400 square miles" and "400m2" weigh the same; every other
token holding a digit, and every number word, is dropped. Order is evidence too: between
two aligned sentences (or the ends of the texts), a sentence left over on each side pairs
up by position, as a diff would pair them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from ..errors import TableError
from ..model import AlignedPair, Segment
from ..tables import alternatives, rows
from ..text.sentences import keep_whole, segment, segments
from ..text.words import Words, words

__all__ = ["align", "keep_whole", "segment", "segments"]

# -- sentence features --------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Words:
    """The word lists of ``data/align_en.tsv``, by category."""

    stopword: frozenset[str]  # function words: no evidence that two sentences agree
    number: frozenset[str]  # number words, dropped like digits


_CATEGORIES = ("stopword", "number")


@functools.cache
def _words_table() -> _Words:
    """Load ``align_en.tsv``; an unknown category raises ``TableError`` naming its line."""
    found: dict[str, set[str]] = {c: set() for c in _CATEGORIES}
    for line, (category, cell) in rows("align_en.tsv", 2):
        if category not in found:
            raise TableError("align_en.tsv", line, f"unknown category {category!r}")
        found[category].update(alternatives(cell))
    return _Words(*(frozenset(found[c]) for c in _CATEGORIES))


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2032": "'"})
_DIGIT = re.compile(r"\d")

#: Words are compared by their first letters only: a cheap stemmer that also forgives
#: spelling variants ("Zelensky" / "Zelenskiy", "negotiations" / "negotiating").
_STEM = 6


#: The stem standing for one quantity span: no text can produce it (no word character).
QUANTITY = "#q"

Span = tuple[int, int]


def _normal(raw: str, numbers: frozenset[str]) -> str | None:
    """A word as alignment compares it (folded, typeset quotes plain, a possessive
    dropped), or None for a number, a number glued to its unit ("400m2") or a number
    word."""
    if not raw.isascii():
        raw = unicodedata.normalize("NFKC", raw).translate(_QUOTES)
    elif "`" in raw:
        raw = raw.translate(_QUOTES)
    raw = raw.casefold()
    if _DIGIT.search(raw):
        return None
    if "'" in raw:
        raw = raw.removesuffix("'s")
    if "_" in raw:
        raw = raw.replace("_", "")
    return raw if raw and raw not in numbers else None


def _words(text: str) -> list[str]:
    """Return the normalised words of ``text``, numbers dropped, in order."""
    numbers = _words_table().number
    found = (_normal(w, numbers) for w in words(text))
    return [w for w in found if w is not None]


def _stems(text: str, masks: Sequence[Span] = (), found: Words | None = None) -> list[str]:
    """Return the comparable words of a sentence in order, each quantity one placeholder.

    ``masks`` are the spans (relative to ``text``, sorted, not overlapping) of the
    quantities in it; each becomes :data:`QUANTITY`, whatever its unit or scale words,
    and a word a quantity covers in part goes with it. Content words when there are any,
    otherwise the function words, so that a short sentence such as "It is 5 km." still
    has something to compare. *found* is the words of *text* when the caller has them.
    """
    if found is None:
        found = Words.of(text)
    numbers = _words_table().number
    # most sentences are ASCII: folded once, their words sliced out already folded
    folded = text.lower() if text.isascii() else None
    digits = folded is not None and _DIGIT.search(text) is not None
    current: list[str] = []
    pieces = [current]
    masks = iter(masks)
    mask = next(masks, None)
    for start, end in zip(found.starts, found.ends, strict=True):
        while mask is not None and mask[1] <= start:  # masks ending before this word
            current = []
            pieces.append(current)
            mask = next(masks, None)
        if mask is not None and mask[0] < end:
            continue  # the quantity covers it
        if folded is None:
            word = _normal(text[start:end], numbers)
        else:
            word = folded[start:end]
            if (digits and not word.isalpha() and _DIGIT.search(word)) or word in numbers:
                continue
            if "'" in word or "`" in word or "_" in word:
                word = _normal(word, numbers)
        if word is not None:
            current.append(word)
    while mask is not None:
        pieces.append([])
        mask = next(masks, None)
    stop = _words_table().stopword
    has_content = any(len(w) > 1 and w not in stop for piece in pieces for w in piece)
    stems: list[str] = []
    for k, piece in enumerate(pieces):
        if k:
            stems.append(QUANTITY)
        if has_content:
            stems.extend(w[:_STEM] for w in piece if len(w) > 1 and w not in stop)
        else:
            stems.extend(w[:_STEM] for w in piece)
    return stems


def _code(n: int) -> str:
    """Return the character standing for the ``n``-th distinct stem.

    Supplementary-plane code points are never real letters; past a million stems the
    codes wrap round, which merely lets two rare words look alike.
    """
    return chr(0x10000 + n % 0x100000)


@dataclass(frozen=True, slots=True)
class _Side:
    """One version's segments as word-code strings: each character stands for a stem."""

    seqs: tuple[str, ...]  # stems in order, for an order-aware similarity
    bags: tuple[str, ...]  # the same codes sorted: their ratio is a multiset Dice
    words: tuple[str, ...]  # the codes of real words only (no placeholder), as sets


def _encode(
    text: str,
    segments: Sequence[Segment],
    masks: Sequence[Span],
    vocabulary: dict[str, str],
    memo: dict[tuple[str, tuple[Span, ...]], str] | None = None,
    words: Words | None = None,
) -> _Side:
    """Encode each segment as a string of one character per stem, for rapidfuzz.

    *memo* (shared by both sides of one alignment, as *vocabulary* is) keeps the codes of
    each sentence with its masks: the sentences a revision left alone are read once.
    *words* is the words of *text* (``Words.of(text)`` when None).
    """
    if words is None:
        words = Words.of(text)
    placeholder = vocabulary.setdefault(QUANTITY, _code(len(vocabulary)))
    if memo is None:
        memo = {}
    spans = sorted(masks)
    starts = [s for s, _ in spans]
    seqs, bare = [], []
    for seg in segments:
        first = bisect_left(starts, seg.start)
        inside = []
        for start, end in spans[first:]:
            if start >= seg.end:
                break
            if inside and start < inside[-1][1]:
                continue  # overlapping spans count once
            inside.append((start - seg.start, min(end, seg.end) - seg.start))
        key = (text[seg.start : seg.end], tuple(inside))
        codes = memo.get(key)
        if codes is None:
            found = []
            for stem in _stems(key[0], inside, words.clip(seg.start, seg.end)):
                code = vocabulary.get(stem)
                if code is None:
                    code = vocabulary[stem] = _code(len(vocabulary))
                found.append(code)
            codes = memo[key] = "".join(found)
        seqs.append(codes)
        bare.append(codes.replace(placeholder, ""))
    return _Side(tuple(seqs), tuple("".join(sorted(s)) for s in seqs), tuple(bare))


# -- alignment ----------------------------------------------------------------------

#: Similarity at which two sentences pair up on their own.
ACCEPT = 0.5
#: Higher bar when either side has three words or fewer to compare: with so little
#: evidence, two shared words ("Project Syndicate") must not pair an ad with a credit.
ACCEPT_SHORT = 0.75
_SHORT = 3
#: Lower bar for a sentence whose index-neighbours already pair up diagonally.
ACCEPT_IN_CONTEXT = 0.3
#: How much adding a sentence to a split or merged group must raise its similarity.
SPLIT_GAIN = 0.05
#: Share of the similarity that comes from word choice regardless of order.
_BAG_WEIGHT = 0.7
#: Bar for the one sentence left over on each side between two aligned pairs: their
#: place is most of the evidence, but they must still share a word (or be wordless).
ACCEPT_IN_GAP = 0.2
#: A gap with more leftovers than this on a side is a block of its own (an ad, a run
#: of teasers), not sentences to pair by similarity.
_GAP_MAX = 8
#: Rows of the similarity matrix computed at once: bounds memory on long texts.
_BLOCK = 256
#: How far from the diagonal, in sentences, a long text's pairs are scored.
_BAND = 96
#: A sentence repeated more often than this in a long text is not matched out of band.
_RARE = 2
#: Candidates kept for each revised sentence: its best look-alikes in the original.
_PER_ROW = 16
#: Cells this close to the diagonal (in sentences) are always kept as candidates.
_DIAGONAL = 2
#: How many times the equal-line pass looks again inside the gaps between its anchors.
_ANCHOR_DEPTH = 3


def align(
    a_text: str,
    a_segments: Sequence[Segment],
    b_text: str,
    b_segments: Sequence[Segment],
    *,
    a_masks: Sequence[Span] = (),
    b_masks: Sequence[Span] = (),
    a_words: Words | None = None,
    b_words: Words | None = None,
) -> tuple[AlignedPair, ...]:
    """Pair the segments of an original ``a`` with those of a revised copy ``b``.

    Similarity is computed on normalised words with every quantity masked: each span in
    ``a_masks`` / ``b_masks`` (character offsets into the texts, typically every
    extracted quantity) counts as one placeholder word, and any other number is dropped,
    so a sentence whose figure, unit or scale changed still finds its counterpart.
    ``a_words`` / ``b_words`` are the texts' words (``text.words.Words``), when the
    caller read them from the tokens it extracted the quantities from.
    Sentences pair greedily by similarity (ties go to the closer relative position);
    weaker pairs are accepted between neighbours that already pair up; a sentence split
    in two, or two merged into one, gives two pairs that share an index. Between two
    aligned sentences (or the ends of the texts), sentences left over on both sides pair
    by position when each side has one, or by best similarity when there are several.
    Segments left over come out once each, with the other side None and a score of 0.

    Rows are ordered by ``b`` then ``a``; an ``a``-only row sits after the rows of the
    nearest preceding aligned ``a`` segment.

    >>> a = "The council approved 40 new homes. Subscribe now"
    >>> b = "The council has approved 45 new homes."
    >>> pairs = align(a, segment(a), b, segment(b))
    >>> [(p.a, p.b) for p in pairs]
    [(0, 0), (1, None)]
    """
    vocabulary: dict[str, str] = {}
    memo: dict[tuple[str, tuple[Span, ...]], str] = {}
    side_a = _encode(a_text, a_segments, a_masks, vocabulary, memo, a_words)
    side_b = _encode(b_text, b_segments, b_masks, vocabulary, memo, b_words)
    matcher = _Matcher(side_a, side_b)
    matcher.run()
    return matcher.rows()


def _ratio(x: str, y: str) -> float:
    """Return rapidfuzz's normalised Indel similarity in 0..1."""
    return fuzz.ratio(x, y) / 100.0


def _similarity(seq_a: str, seq_b: str) -> float:
    """Blend the bag (order-free) and sequence similarities of two word-code strings."""
    if not seq_a or not seq_b:
        return 0.0
    bag = _ratio("".join(sorted(seq_a)), "".join(sorted(seq_b)))
    return _BAG_WEIGHT * bag + (1 - _BAG_WEIGHT) * _ratio(seq_a, seq_b)


def _unique_in_order(
    xs: Sequence[str],
    alo: int,
    ahi: int,
    ys: Sequence[str],
    blo: int,
    bhi: int,
    words: Sequence[str],
) -> list[tuple[int, int]]:
    """Pairs of equal lines that occur once in ``xs[alo:ahi]`` and once in ``ys[blo:bhi]``,
    the longest subsequence of them in order on both sides (patience sorting, n log n).
    Only lines with words count: a line of figures alone is equal to too many others."""
    seen_a: dict[str, int] = {}
    for i in range(alo, ahi):
        if words[i]:
            seen_a[xs[i]] = -1 if xs[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(blo, bhi):
        if seen_a.get(ys[j], -1) >= 0:
            seen_b[ys[j]] = -1 if ys[j] in seen_b else j
    pairs = [(seen_a[y], j) for y, j in seen_b.items() if j >= 0]
    pairs.sort(key=lambda p: p[1])
    # longest increasing subsequence of the a indices, in b order
    tails: list[int] = []  # index into pairs of the last element of each pile
    back: list[int] = []
    tail_values: list[int] = []
    for k, (i, _) in enumerate(pairs):
        pile = bisect_left(tail_values, i)
        back.append(tails[pile - 1] if pile else -1)
        if pile == len(tails):
            tails.append(k)
            tail_values.append(i)
        else:
            tails[pile] = k
            tail_values[pile] = i
    out: list[tuple[int, int]] = []
    k = tails[-1] if tails else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


class _Matcher:
    """The mutable state of one alignment: candidates and the pairs accepted so far."""

    def __init__(self, a: _Side, b: _Side) -> None:
        self.a, self.b = a, b
        self.b_of_a: dict[int, set[int]] = {}
        self.a_of_b: dict[int, set[int]] = {}
        self.score: dict[tuple[int, int], float] = {}
        #: Pair comparisons made (similarity matrix cells and candidate visits): a
        #: deterministic measure of the work, which tests hold linear in the length.
        self.work = 0
        self._anchor_equal()
        self.candidates = self._candidates()

    def run(self) -> None:
        """Accept pairs: strong ones first, then contextual and split or merged ones."""
        self.work += len(self.candidates)
        for sim, i, j in self.candidates:
            if sim >= self._bar(i, j) and self._free(i, j):
                self._accept(i, j, sim)
        self._settle()
        if self._pair_gaps():
            self._settle()
        self._fill_wordless_gaps()

    def _settle(self) -> None:
        changed = True
        while changed:
            changed = self._grow_groups() | self._accept_in_context() | self._seed_groups()

    # candidate generation

    def _anchor_equal(self) -> None:
        """Pair the sentences that are the same on both sides before scoring any others.

        Equal word sequences (quantities masked) pair as a diff pairs equal lines: the
        runs shared at both ends, then the lines that occur once on each side, kept in
        order (patience diff), then again inside each gap. The greedy pass would accept
        these pairs first anyway; doing it here keeps them out of the similarity matrix,
        so a long table or price list whose rows repeat the same words costs linear
        time instead of scoring every row against every look-alike.
        """
        xs, ys = self.a.seqs, self.b.seqs
        regions = [(0, len(xs), 0, len(ys), 0)]
        while regions:
            alo, ahi, blo, bhi, depth = regions.pop()
            while alo < ahi and blo < bhi and xs[alo] and xs[alo] == ys[blo]:
                self._accept(alo, blo, 1.0)
                alo, blo = alo + 1, blo + 1
            while ahi > alo and bhi > blo and xs[ahi - 1] and xs[ahi - 1] == ys[bhi - 1]:
                ahi, bhi = ahi - 1, bhi - 1
                self._accept(ahi, bhi, 1.0)
            if alo >= ahi or blo >= bhi or depth >= _ANCHOR_DEPTH:
                continue
            self.work += (ahi - alo) + (bhi - blo)
            anchors = _unique_in_order(xs, alo, ahi, ys, blo, bhi, self.a.words)
            previous_i, previous_j = alo, blo
            for i, j in anchors:
                self._accept(i, j, 1.0)
                regions.append((previous_i, i, previous_j, j, depth + 1))
                previous_i, previous_j = i + 1, j + 1
            if anchors:
                regions.append((previous_i, ahi, previous_j, bhi, depth + 1))

    def _candidates(self) -> list[tuple[float, int, int]]:
        """Score the pairs whose bag similarity reaches the contextual bar.

        ``process.cdist`` is vectorised C++; rows are done in blocks to bound memory. An
        article of up to a few hundred sentences is scored in full, so a sentence moved
        anywhere is found. Past that, each block of the revised text is scored against a
        band of the original around the diagonal (``_BAND`` sentences either side), plus
        rare exact repeats anywhere, so a long text (a results table, an archive page) costs
        time linear in its length instead of quadratic.
        """
        # A segment with no word besides its figures pairs by position only; one paired
        # as equal already is settled.
        a_idx = [i for i, s in enumerate(self.a.words) if s and i not in self.b_of_a]
        b_idx = [j for j, s in enumerate(self.b.words) if s and j not in self.a_of_b]
        if not a_idx or not b_idx:
            return []
        banded = len(a_idx) > 2 * _BAND + _BLOCK
        exact: dict[str, list[int]] = {}
        if banded:
            for c, i in enumerate(a_idx):
                exact.setdefault(self.a.bags[i], []).append(c)
            # only rare sentences are evidence far from the diagonal (as patience diff
            # uses unique lines): a table's repeated rows would make the band quadratic
            exact = {bag: cs for bag, cs in exact.items() if len(cs) <= _RARE}
        found = []
        block = _BAND // 2 if banded else _BLOCK  # a narrow block keeps the band narrow
        for first in range(0, len(b_idx), block):
            rows = b_idx[first : first + block]
            if banded:
                # the band follows the diagonal: revised position scaled to the original
                centre = first * len(a_idx) // len(b_idx)
                lo, hi = max(0, centre - _BAND), min(len(a_idx), centre + len(rows) + _BAND)
                cols = list(range(lo, hi))
                far = {c for j in rows for c in exact.get(self.b.bags[j], ()) if not lo <= c < hi}
                cols += sorted(far)
            else:
                cols = list(range(len(a_idx)))
            matrix = process.cdist(
                [self.b.bags[j] for j in rows],
                [self.a.bags[a_idx[c]] for c in cols],
                scorer=fuzz.ratio,
                score_cutoff=ACCEPT_IN_CONTEXT * 100,
                workers=1,
            )
            self.work += len(rows) * len(cols)
            if len(cols) > _PER_ROW:
                matrix = self._best_per_row(matrix, rows, [a_idx[c] for c in cols])
            for r, c in zip(*matrix.nonzero(), strict=True):
                i, j = a_idx[cols[int(c)]], rows[int(r)]
                # the matrix holds the bag similarity already: add the order-aware part
                bag = float(matrix[r, c]) / 100.0
                sim = _BAG_WEIGHT * bag + (1 - _BAG_WEIGHT) * _ratio(self.a.seqs[i], self.b.seqs[j])
                if sim >= ACCEPT_IN_CONTEXT:
                    found.append((sim, i, j))
        na, nb = len(self.a.seqs), len(self.b.seqs)
        # Best first; among equals, the pair nearer the diagonal (repeated boilerplate).
        found.sort(key=lambda t: (-t[0], abs(t[1] / na - t[2] / nb), t[1], t[2]))
        return found

    def _best_per_row(
        self, matrix: np.ndarray, rows: Sequence[int], cols: Sequence[int]
    ) -> np.ndarray:
        """Keep, in each row of bag similarities, the ``_PER_ROW`` best cells (among
        equals the ones nearest the diagonal), zero the others.

        A revised sentence with more look-alikes than that (a table row, a price line)
        pairs with one of its best or by position; keeping every look-alike as a
        candidate made each later pass visit the whole band for every row.
        """
        na, nb = len(self.a.seqs), len(self.b.seqs)
        where_b = np.array([j / nb for j in rows])[:, None]
        where_a = np.array([i / na for i in cols])[None, :]
        off_diagonal = np.abs(where_a - where_b)
        # scores are percentages with two decimals at least apart: distance only breaks
        # ties, except that the cells on the diagonal itself always stay (a table whose
        # every row was edited pairs by position, in context)
        key = matrix - off_diagonal * 1e-3 + (off_diagonal * na <= _DIAGONAL) * (matrix > 0) * 1e3
        best = np.argpartition(-key, _PER_ROW - 1, axis=1)[:, :_PER_ROW]
        kept = np.zeros_like(matrix)
        np.put_along_axis(kept, best, np.take_along_axis(matrix, best, axis=1), axis=1)
        return kept

    # bookkeeping

    def _bar(self, i: int, j: int) -> float:
        short = min(len(self.a.seqs[i]), len(self.b.seqs[j])) <= _SHORT
        return ACCEPT_SHORT if short else ACCEPT

    def _free(self, i: int, j: int) -> bool:
        return i not in self.b_of_a and j not in self.a_of_b

    def _accept(self, i: int, j: int, sim: float) -> None:
        self.b_of_a.setdefault(i, set()).add(j)
        self.a_of_b.setdefault(j, set()).add(i)
        self.score[(i, j)] = sim

    def _paired(self, i: int, j: int) -> bool:
        return (i, j) in self.score

    # passes after the strong pairs

    def _accept_in_context(self) -> bool:
        """Accept weaker pairs whose diagonal neighbours already pair up.

        One aligned neighbour is enough for a sentence; a short segment (a line of
        furniture, two or three words) needs both, and the ordinary bar.
        """
        changed = False
        self.work += len(self.candidates)
        for sim, i, j in self.candidates:
            if not self._free(i, j):
                continue
            before, after = self._paired(i - 1, j - 1), self._paired(i + 1, j + 1)
            if self._bar(i, j) > ACCEPT:
                accept = before and after and sim >= ACCEPT
            else:
                accept = before or after
            if accept:
                self._accept(i, j, sim)
                changed = True
        return changed

    def _grow_groups(self) -> bool:
        """Add a free sentence to its neighbour's pair when it completes a split or merge."""
        changed = False
        self.work += len(self.a.seqs) + len(self.b.seqs)
        for j in range(len(self.b.seqs)):
            if j not in self.a_of_b:
                changed |= self._grow(j, self.a_of_b, self.b_of_a, self.b.seqs, self.a.seqs, True)
        for i in range(len(self.a.seqs)):
            if i not in self.b_of_a:
                changed |= self._grow(i, self.b_of_a, self.a_of_b, self.a.seqs, self.b.seqs, False)
        return changed

    def _grow(
        self,
        k: int,
        partners: dict[int, set[int]],
        back: dict[int, set[int]],
        own: tuple[str, ...],
        other: tuple[str, ...],
        k_is_b: bool,
    ) -> bool:
        """Try to join free segment ``k`` to the group of its left or right neighbour."""
        for neighbour in (k - 1, k + 1):
            if len(partners.get(neighbour, ())) != 1:
                continue
            (target,) = partners[neighbour]
            group = sorted(back[target])
            if k not in (group[0] - 1, group[-1] + 1):
                continue
            old = _similarity(other[target], "".join(own[g] for g in group))
            new = _similarity(other[target], "".join(own[g] for g in sorted([*group, k])))
            if new >= ACCEPT and new >= old + SPLIT_GAIN:
                for g in [*group, k]:
                    i, j = (target, g) if k_is_b else (g, target)
                    self.score.pop((i, j), None)
                    self._accept(i, j, new)
                return True
        return False

    def _seed_groups(self) -> bool:
        """Pair one free sentence with two free neighbours that together match it."""
        changed = False
        a, b = self.a.seqs, self.b.seqs
        self.work += len(self.candidates)
        for _, i, j in self.candidates:
            if not self._free(i, j):
                continue
            if j + 1 < len(b) and j + 1 not in self.a_of_b:
                sim = _similarity(a[i], b[j] + b[j + 1])
                if sim >= ACCEPT:
                    self._accept(i, j, sim)
                    self._accept(i, j + 1, sim)
                    changed = True
                    continue
            if i + 1 < len(a) and i + 1 not in self.b_of_a:
                sim = _similarity(a[i] + a[i + 1], b[j])
                if sim >= ACCEPT:
                    self._accept(i, j, sim)
                    self._accept(i + 1, j, sim)
                    changed = True
        return changed

    def _pair_gaps(self) -> bool:
        """Pair the sentences left over between two aligned ones, as a diff would.

        The ends of both texts count as aligned. One leftover on each side pairs when it
        shares a word with its counterpart, when both are short and hold figures, or when
        either holds figures only; several pair by best similarity, never crossing. Big one-sided
        blocks are left alone.
        """
        na, nb = len(self.a.seqs), len(self.b.seqs)
        anchors = [(-1, -1, -1)]
        anchors += [(i, min(js), max(js)) for i, js in sorted(self.b_of_a.items())]
        anchors.append((na, nb, nb))
        changed = False
        for (p, _, p_hi), (n, n_lo, _) in zip(anchors, anchors[1:], strict=False):
            free_a = list(range(p + 1, n))
            if not free_a or p_hi + 1 >= n_lo:
                continue
            free_b = [j for j in range(p_hi + 1, n_lo) if j not in self.a_of_b]
            if not free_b or len(free_a) > _GAP_MAX or len(free_b) > _GAP_MAX:
                continue
            changed |= self._pair_gap(free_a, free_b)
        return changed

    def _pair_gap(self, free_a: list[int], free_b: list[int]) -> bool:
        a, b = self.a, self.b
        single = len(free_a) == len(free_b) == 1
        self.work += len(free_a) * len(free_b)
        found = []
        for i in free_a:
            for j in free_b:
                sim = _similarity(a.seqs[i], b.seqs[j])
                shared = bool(set(a.words[i]) & set(b.words[j]))
                # Short lines of furniture share brand names: that alone is not enough.
                worded = shared and self._bar(i, j) <= ACCEPT
                if single:
                    # Alone in the same slot: a shared word, figures on both sides of a
                    # short pair (a headline, a frame), or a side of figures only.
                    short = self._bar(i, j) > ACCEPT
                    figures = len(a.words[i]) < len(a.seqs[i]) and len(b.words[j]) < len(b.seqs[j])
                    wordless = not a.words[i] or not b.words[j]
                    ok = sim >= ACCEPT_IN_GAP and (worded or (short and figures) or wordless)
                else:
                    ok = sim >= ACCEPT_IN_CONTEXT and worded
                if ok:
                    found.append((sim, i, j))
        found.sort(key=lambda t: (-t[0], t[1], t[2]))
        taken: list[tuple[int, int]] = []
        for sim, i, j in found:
            if any(i == x or j == y or (i < x) != (j < y) for x, y in taken):
                continue  # one partner each, and no crossing pairs
            taken.append((i, j))
            self._accept(i, j, sim)
        return bool(taken)

    def _fill_wordless_gaps(self) -> None:
        """Pair two wordless segments ("2024", "$1.5bn") that fill the same one-by-one gap.

        With every number masked they have nothing to compare, so their position between
        two aligned pairs (or the ends of both texts) is the only evidence.
        """
        na, nb = len(self.a.seqs), len(self.b.seqs)
        for i in range(na):
            if self.a.words[i] or i in self.b_of_a:
                continue
            before = [j + 1 for j in self.b_of_a.get(i - 1, ())] if i else [0]
            for j in before:
                if j >= nb or self.b.words[j] or j in self.a_of_b:
                    continue
                if self._paired(i + 1, j + 1) or (i + 1 == na and j + 1 == nb):
                    self._accept(i, j, ACCEPT_IN_CONTEXT)
                    break

    # output

    def rows(self) -> tuple[AlignedPair, ...]:
        """Return pairs and one-side-only rows, ordered by ``b`` then ``a``."""
        keyed: list[tuple[tuple[float, int, int], AlignedPair]] = []
        for (i, j), sim in self.score.items():
            keyed.append(((j, 0, i), AlignedPair(i, j, round(min(sim, 1.0), 4))))
        for j in range(len(self.b.seqs)):
            if j not in self.a_of_b:
                keyed.append(((j, 0, -1), AlignedPair(None, j, 0.0)))
        anchor = -1.0  # largest b paired with an a before the current one
        for i in range(len(self.a.seqs)):
            if i in self.b_of_a:
                anchor = max(self.b_of_a[i])
            else:
                keyed.append(((anchor, 1, i), AlignedPair(i, None, 0.0)))
        keyed.sort(key=lambda item: item[0])
        return tuple(pair for _, pair in keyed)

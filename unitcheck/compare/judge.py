"""Compare two versions of an article and flag the quantities that no longer agree.

The steps: extract the quantities of both texts; split both into sentences and align
them (``align``, with every quantity masked); within each group of aligned sentences,
pair the quantities in order (a small dynamic programme over a pair score), reading a
compound measure ("5 feet 2 inches") as its parts where the other side writes two
quantities in its place; then judge each pair and each conversion added in parentheses.
Quantities left over, in aligned groups or in one-sided sentences, are matched across
the document within a few sentences, strictly (a moved figure, the same figure with
another unit, the same digits at another scale), so a sentence that failed to align
never hides a changed unit. What still matches nothing is reported as dropped or added
(info), so no figure vanishes unsaid; in paragraphs that exist on one side only (an ad,
a teaser, a credit) the message says so, since those are more likely material of their
own than edits.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..codes import BY_CODE
from ..extract import extract
from ..extract.lexicon import lexicon
from ..extract.numbers import SMALL, TENS
from ..extract.scan import extract_with_tokens
from ..model import AlignedPair, Comparison, Finding, Kind, Quantity, Segment
from ..tables import rows
from ..text import sentences
from ..text.tokens import NUM, WORD, tokenize
from ..text.words import Words
from ..units import conversion as conv
from ..units import registry as units
from ..units.conversion import Agreement
from ..units.regional import localise
from .align import align

if TYPE_CHECKING:
    from ..config.settings import Settings

_TON_VARIANTS = frozenset({"ton", "short_ton", "metric_ton", "tonne", "long_ton"})
_TEMPERATURE = "[temperature]"

#: Pair scores: how sure we are that two quantities stand for the same fact.
_SCORE_SAME = 10.0
_SCORE_CONVERTED = 9.0
_SCORE_SAME_NUMBER = 6.0  # unit or dimension changed, number kept: the classic slip
_SCORE_VALUE_CHANGED = 4.0
_SCORE_WRONG_CONVERSION = 3.0
_TIE_BREAK = 0.01


def compare(
    original: str,
    revised: str,
    *,
    settings: Settings | None = None,
    tolerance: float | None = None,
    gallon: str | None = None,
    ton: str | None = None,
) -> Comparison:
    """Compare an *original* text with a *revised* one (a reprint, an edit).

    Returns the sentence alignment, the matched quantity pairs and the findings,
    sorted by their position in the revised text. *settings* (a ``Settings``, default
    ones when None) says how: its ``tolerance`` scales the rounding allowed; ``gallon``
    ("us", "imperial") and ``ton`` ("short", "long", "metric") say what a bare "gallon"
    or "ton" means in this copy. The keywords, when not None, replace those settings.
    A bad value is a ``ConfigError`` (a ``ValueError``). Config filtering and
    suppression comments are not applied here: ``unitcheck.check_pair`` does that.

    >>> result = compare("The front is 600 miles long.", "The front is 600km long.")
    >>> [(f.code, f.a.text, f.b.text) for f in result.findings]
    [('UC101', '600 miles', '600km')]
    """
    from ..config.settings import resolve

    options = resolve(settings, tolerance=tolerance, gallon=gallon, ton=ton)
    tolerance, gallon, ton = options.tolerance, options.gallon, options.ton
    tokens_a, read_a = extract_with_tokens(original)
    tokens_b, read_b = extract_with_tokens(revised)
    found_a = [localise(q, gallon=gallon, ton=ton) for q in read_a]
    found_b = [localise(q, gallon=gallon, ton=ton) for q in read_b]
    segments_a, segments_b = sentences.segments(original, revised)
    segments_a = sentences.keep_whole(segments_a, [q.span for q in found_a])
    segments_b = sentences.keep_whole(segments_b, [q.span for q in found_b])
    alignment = align(
        original,
        segments_a,
        revised,
        segments_b,
        a_masks=[q.span for q in found_a],
        b_masks=[q.span for q in found_b],
        a_words=Words.of(original, tokens_a),
        b_words=Words.of(revised, tokens_b),
    )

    matches: list[tuple[Quantity, Quantity]] = []
    findings: list[Finding] = []
    judge = _Judge(original, revised, tolerance)
    by_segment_a = _by_segment(found_a, segments_a)
    by_segment_b = _by_segment(found_b, segments_b)
    left_a: list[_Left] = []
    left_b: list[_Left] = []
    for group_a, group_b in _groups(alignment):
        in_a = [q for i in group_a for q in by_segment_a.get(i, ())]
        in_b = [q for j in group_b for q in by_segment_b.get(j, ())]
        if not in_a and not in_b:
            continue
        in_a, in_b = _compounds_in_parts(in_a, in_b, revised, gallon, ton)
        in_b, in_a = _compounds_in_parts(in_b, in_a, original, gallon, ton)
        in_a = _ranges_in_ends(in_a, in_b, revised)
        in_b = _ranges_in_ends(in_b, in_a, original)
        in_b = _slot_units(in_b, revised, in_a, original)
        in_a = _slot_units(in_a, original, in_b, revised)
        pairs = _pair(in_a, in_b, judge)
        matches.extend(pairs)
        findings.extend(judge.group(in_a, in_b, pairs))
        paired_a = {id(a) for a, _ in pairs}
        paired_b = {id(b) for _, b in pairs} | judge.restatements(in_b, pairs)
        left_a += [_Left(q, _segment_of(q, group_a, segments_a), True) for q in in_a
                   if id(q) not in paired_a]
        left_b += [_Left(q, _segment_of(q, group_b, segments_b), True) for q in in_b
                   if id(q) not in paired_b]
    lone_a, lone_b = _lone_segments(alignment, segments_a, original, segments_b, revised)
    left_a += [_Left(q, i, told) for i, told in lone_a.items() for q in by_segment_a.get(i, ())]
    left_b += [_Left(q, j, told) for j, told in lone_b.items() for q in by_segment_b.get(j, ())]

    place = _Places(alignment, len(segments_a))
    for a, b in _match_across(left_a, left_b, place, judge):
        matches.append((a.quantity, b.quantity))
        findings.extend(judge.pair(a.quantity, b.quantity))
        a.matched = b.matched = True
    findings.extend(_unexplained(left_a, left_b))
    findings.sort(key=_position)
    return Comparison(
        original,
        revised,
        segments_a,
        segments_b,
        alignment,
        tuple(matches),
        tuple(findings),
        quantities_a=tuple(found_a),
        quantities_b=tuple(found_b),
    )


# -- compound measures -----------------------------------------------------------

#: What may stand between the two parts of a measure written in two units: "5 feet
#: 2 cm", "5 ft, 20 in", "2 lb and 40 oz".
_PARTS_GAP = re.compile(r"\s*(?:,|and)?\s*", re.IGNORECASE)


def _compounds_in_parts(
    own: list[Quantity], other: list[Quantity], other_text: str, gallon: str, ton: str
) -> tuple[list[Quantity], list[Quantity]]:
    """Read a compound measure of *own* ("5 feet 2 inches", one quantity) as its two
    parts when *other* writes two adjacent quantities of that kind instead ("5 feet 2
    cm", "5 feet 20 inches": no longer one compound), so the parts pair one to one.

    As one quantity the compound agrees with "5 feet" within the rounding of "5 feet",
    and the changed second part would go unjudged. A compound the other side also
    writes as one ("1.57 metres", "5 ft 2 in") stays whole.
    """
    if not any(_may_be_compound(q) for q in own):
        return own, other
    adjacent = [
        (x, y)
        for x, y in zip(other, other[1:], strict=False)
        if x.unit is not None
        and y.unit is not None
        and x.kind != Kind.MONEY
        and x.dimension == y.dimension
        and not _may_be_compound(x)
        and not _may_be_compound(y)
        and _PARTS_GAP.fullmatch(other_text, x.end, y.start)
    ]
    if not adjacent:
        return own, other
    out: list[Quantity] = []
    for q in own:
        kindred = (
            [(x, y) for x, y in adjacent if conv.comparable(q, x)] if _may_be_compound(q) else []
        )
        parts = _parts(q, gallon, ton) if kindred else None
        # one part kept its figure: the other was edited (a slip, or a new figure)
        if parts and any(
            conv.same_number(parts[0], x) or conv.same_number(parts[1], y) for x, y in kindred
        ):
            out.extend(parts)
        else:
            out.append(q)
    return out, other


def _ranges_in_ends(
    own: list[Quantity], other: list[Quantity], other_text: str
) -> list[Quantity]:
    """Read a range of *own* ("3.5 mph to 25 mph") as its two ends where *other* writes
    two figures in its place with the same words between them ("from 35 mph to 25 mph",
    a fall the extractor keeps as two levels), when one end kept its figure.

    An edited end can turn two levels into a range (a falling "35 to 25" becomes a
    rising "3.5 to 25"); as one range the figure that kept its place agrees with it and
    the edited one would go unjudged.
    """
    if not any(q.value is None for q in own) or len(other) < 2:
        return own
    out: list[Quantity] = []
    for q in own:
        ends = _range_ends(q, other, other_text) if q.value is None else None
        out.extend(ends or (q,))
    return out


def _range_ends(
    q: Quantity, other: Sequence[Quantity], other_text: str
) -> tuple[Quantity, Quantity] | None:
    numbers = _number_starts(q.text)
    if len(numbers) != 2 or numbers[0] != 0 or q.low is None or q.high is None:
        return None
    cut = numbers[1]
    for x, y in zip(other, other[1:], strict=False):
        gap = other_text[x.end : y.start]
        if x.value is None or y.value is None or not gap.strip() or not q.text[:cut].endswith(gap):
            continue
        head_text = q.text[: cut - len(gap)]
        head = _end(q, head_text, 0, q.low)
        tail = _end(q, q.text[cut:], cut, q.high)
        if not (conv.comparable(head, x) and conv.comparable(tail, y)):
            continue
        if conv.same_number(head, x) or conv.same_number(tail, y):
            return head, tail
    return None


def _end(q: Quantity, text: str, offset: int, value: float) -> Quantity:
    """One end of the range *q*, written *text* at *offset* in its surface: as the end
    reads alone when it names a unit of its own ("35 mph to 40.2 km/h"), else with the
    range's unit and that end's value."""
    read = [e for e in extract(text) if e.value is not None]
    alone = read[0] if len(read) == 1 and read[0].end - read[0].start == len(text) else None
    if alone is not None and alone.unit is not None and alone.unit != q.unit:
        return replace(alone, start=q.start + offset, end=q.start + offset + len(text))
    step = alone.step if alone is not None and math.isclose(alone.value or 0, value) else q.step
    si_value = None
    if q.unit is not None and q.si_unit is not None:
        si_value = value if q.unit == q.si_unit else units.convert(value, q.unit, q.si_unit)
    return replace(
        q,
        text=text,
        start=q.start + offset,
        end=q.start + offset + len(text),
        value=value,
        low=None,
        high=None,
        step=step,
        si_value=si_value,
    )


@functools.lru_cache(maxsize=4096)
def _number_starts(text: str) -> tuple[int, ...]:
    """Where the numbers of a surface start, in digits or words ("seven years and 6").

    The ones of a spelled number after its tens ("twenty-one", "thirty two") continue
    that number; they start no number of their own.
    """
    starts = []
    tokens = tokenize(text)
    for k, t in enumerate(tokens):
        if t.kind == NUM:
            starts.append(t.start)
        elif t.kind == WORD and (t.low in SMALL or t.low in TENS):
            tens = tokens[k - 2] if k >= 2 and tokens[k - 1].text == "-" else tokens[k - 1]
            if k and t.low in SMALL and tens.low in TENS:
                continue
            starts.append(t.start)
    return tuple(starts)


def _may_be_compound(q: Quantity) -> bool:
    """Two numbers in one quantity's surface: what a measure in two units shows at least."""
    return (
        q.value is not None
        and q.unit is not None
        and q.kind != Kind.MONEY
        and len(_number_starts(q.text)) >= 2
    )


def _parts(q: Quantity, gallon: str, ton: str) -> tuple[Quantity, Quantity] | None:
    """The two parts of a compound measure, with spans in its text, or None if it is not one.

    The split is where its last number starts; each part must read as one quantity with
    a unit, the first in the compound's unit, and together they must make its value.
    """
    numbers = _number_starts(q.text)
    if len(numbers) < 2 or q.value is None:
        return None
    cut = numbers[-1]
    first = extract(q.text[:cut])
    second = extract(q.text[cut:])
    if len(first) != 1 or len(second) != 1:
        return None
    head, tail = first[0], second[0]
    if head.unit != q.unit or tail.unit is None or tail.value is None or head.value is None:
        return None
    if head.start != 0 or tail.start != 0 or cut + tail.end != len(q.text):
        return None
    assert q.unit is not None
    extra = units.convert(tail.value, tail.unit, q.unit)
    if extra is None or not math.isclose(head.value + extra, q.value, rel_tol=1e-6):
        return None
    head = replace(head, start=q.start, end=q.start + head.end, qualifier=q.qualifier)
    tail = replace(tail, start=q.start + cut, end=q.end)
    return localise(head, gallon=gallon, ton=ton), localise(tail, gallon=gallon, ton=ton)


def _head_kept(compound: Quantity, other: Quantity) -> bool:
    """Is *other* the first figure of a compound measure with another unit ("1lb 2oz" ->
    "1 kilograms")? That is the number-kept slip, even where the coarse figure happens
    to fall within rounding of the whole (0.51 kg)."""
    if not _may_be_compound(compound) or _may_be_compound(other) or other.unit is None:
        return False
    parts = _parts(compound, "us", "short")
    if parts is None or not conv.same_number(parts[0], other):
        return False
    head = parts[0]
    assert head.unit is not None
    factor = units.convert(1.0, head.unit, other.unit)
    return factor is None or not math.isclose(factor, 1.0, rel_tol=1e-3)


def _segment_of(q: Quantity, group: Sequence[int], segments: Sequence[Segment]) -> int:
    """The index, among *group*, of the segment that holds *q*."""
    for i in group:
        if segments[i].start <= q.start < segments[i].end:
            return i
    return group[0]


# -- units read from context ---------------------------------------------------

#: Characters either side of a figure that make its slot in the sentence: the same
#: words around two figures mean they stand for one fact.
_SLOT = 12


def _context_unit(q: Quantity) -> bool:
    """Is *q*'s unit read from its context, not written ("the man, 72," is an age, the
    "3" of "6-foot-3" is inches)?"""
    return q.unit is not None and q.unit_text is None and q.kind != Kind.MONEY


def _bare(q: Quantity) -> bool:
    return q.unit is None and q.noun is None and q.kind == Kind.NUMBER and q.value is not None


def _slot(text: str, q: Quantity) -> tuple[str, str]:
    return text[max(0, q.start - _SLOT) : q.start], text[q.end : q.end + _SLOT]


def _slot_units(
    own: list[Quantity], own_text: str, other: list[Quantity], other_text: str
) -> list[Quantity]:
    """Read a bare number of *own* with the unit the other side's figure in the same
    slot takes from its context ("the man, 72," -> "the man, 720,": 720 years).

    The context that made "72" an age is still there; the extractor declines the age
    reading of an implausible "720" (or of "7.2"), but a reader sees the same fact with
    its figure changed, not a figure that vanished and another that appeared. A unit
    that is written ("12 miles" -> "12") is never lent: dropping it is another matter.
    """
    lenders = [q for q in other if _context_unit(q) and q.value is not None]
    if not lenders or not any(_bare(q) for q in own):
        return own
    slots = {_slot(other_text, q): q for q in lenders}
    out = []
    for q in own:
        lender = slots.get(_slot(own_text, q)) if _bare(q) else None
        if lender is not None:
            assert lender.unit is not None and q.value is not None
            si_value = (
                units.convert(q.value, lender.unit, lender.si_unit) if lender.si_unit else None
            )
            q = replace(
                q,
                unit=lender.unit,
                kind=lender.kind,
                dimension=lender.dimension,
                si_unit=lender.si_unit,
                si_value=si_value,
            )
        out.append(q)
    return out


# -- what alignment left over -----------------------------------------------------

#: How far apart (in sentences of the revised text) a dropped and an added quantity
#: may be and still be read as one fact edited.
_NEARBY = 3


@dataclass(slots=True)
class _Left:
    """A quantity no pair explains yet, with its segment index on its own side.

    ``told`` is true inside aligned paragraphs, false in a paragraph that exists on one
    side only (an ad, a teaser, a standfirst): the dropped/added message says which.
    """

    quantity: Quantity
    segment: int
    told: bool
    matched: bool = False


def _lone_segments(
    alignment: Sequence[AlignedPair],
    segments_a: Sequence[Segment],
    original: str,
    segments_b: Sequence[Segment],
    revised: str,
) -> tuple[dict[int, bool], dict[int, bool]]:
    """One-sided segments of each side, each with whether its paragraph is aligned."""
    aligned_a = {p.a for p in alignment if p.a is not None and p.b is not None}
    aligned_b = {p.b for p in alignment if p.a is not None and p.b is not None}
    out = []
    for segments, text, aligned in (
        (segments_a, original, aligned_a),
        (segments_b, revised, aligned_b),
    ):
        paragraph = _paragraphs(segments, text)
        live = {paragraph[k] for k in aligned}
        out.append({k: paragraph[k] in live for k in range(len(segments)) if k not in aligned})
    return out[0], out[1]


def _paragraphs(segments: Sequence[Segment], text: str) -> list[int]:
    """The paragraph number of each segment: a line break starts a new paragraph."""
    numbers, current, previous_end = [], 0, None
    for seg in segments:
        if previous_end is not None and any(
            ch in _LINE_BREAKS for ch in text[previous_end : seg.start]
        ):
            current += 1
        numbers.append(current)
        previous_end = seg.end
    return numbers


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


class _Places:
    """Where each segment of the original sits in the revised text, in its sentences."""

    def __init__(self, alignment: Sequence[AlignedPair], n_a: int) -> None:
        partners: dict[int, list[int]] = {}
        for p in alignment:
            if p.a is not None and p.b is not None:
                partners.setdefault(p.a, []).append(p.b)
        self.of_a: list[float] = []
        last = -1.0
        for i in range(n_a):
            if i in partners:
                self.of_a.append(float(min(partners[i])))
                last = float(max(partners[i]))
            else:
                self.of_a.append(last + 0.5)

    def distance(self, a: _Left, b: _Left) -> float:
        return abs(self.of_a[a.segment] - b.segment)


def _match_across(
    left_a: Sequence[_Left], left_b: Sequence[_Left], place: _Places, judge: _Judge
) -> list[tuple[_Left, _Left]]:
    """Pair leftover quantities a few sentences apart that read as one fact edited.

    Strict on purpose, since the two may sit in unrelated sentences: the same amount
    (moved, or converted), the same figure with another unit, or the same unit with the
    digits kept and the scale moved by a power of ten. Nearest first, then best score.
    """
    found = []
    by_place = sorted(left_b, key=lambda b: b.segment)
    places = [b.segment for b in by_place]
    for a in left_a:
        # only the added quantities within reach, found by bisection: a long one-sided
        # table must not compare every dropped row with every added one
        centre = place.of_a[a.segment]
        first = bisect_left(places, centre - _NEARBY)
        last = bisect_right(places, centre + _NEARBY)
        for b in by_place[first:last]:
            distance = place.distance(a, b)
            if distance > _NEARBY:
                continue
            score = judge.across(a.quantity, b.quantity)
            if score:
                found.append((distance, -score, a.quantity.start, b.quantity.start, a, b))
    found.sort(key=lambda t: t[:4])
    pairs = []
    for *_, a, b in found:
        if not a.matched and not b.matched:
            a.matched = b.matched = True
            pairs.append((a, b))
    return pairs


def _unexplained(left_a: Sequence[_Left], left_b: Sequence[_Left]) -> Iterator[Finding]:
    """Dropped and added quantities that nothing explains, as info: none vanishes unsaid.

    A figure in a paragraph that exists on one side only (an ad, a teaser, a cut
    paragraph) is said to be so, since it is more likely material of its own than an edit.
    """
    for b in left_b:
        if not b.matched:
            where = "the revised text" if b.told else "a passage only the revised text has"
            yield _finding("UC302", f"{_q(b.quantity)} is new in {where}", None, b.quantity)
    for a in left_a:
        if not a.matched:
            where = "" if a.told else ", in a passage the revised text does not have"
            yield _finding(
                "UC301",
                f"{_q(a.quantity)} is in the original but not in the revised text{where}",
                a.quantity,
                None,
            )


# -- grouping ---------------------------------------------------------------------


def _groups(alignment: Sequence[AlignedPair]) -> Iterator[tuple[list[int], list[int]]]:
    """Connected groups of aligned segments (a split sentence pairs with two)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in alignment:
        if pair.a is not None and pair.b is not None:
            ra, rb = find(("a", pair.a)), find(("b", pair.b))
            if ra != rb:
                parent[rb] = ra
    members: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in list(parent):
        side, index = node
        group = members.setdefault(find(node), ([], []))
        (group[0] if side == "a" else group[1]).append(index)
    for group_a, group_b in members.values():
        yield sorted(group_a), sorted(group_b)


def _by_segment(
    quantities: Sequence[Quantity], segments: Sequence[Segment]
) -> dict[int, list[Quantity]]:
    """Quantities keyed by the index of the segment they start in (segments are sorted)."""
    starts = [s.start for s in segments]
    out: dict[int, list[Quantity]] = {}
    for q in quantities:
        i = bisect_right(starts, q.start) - 1
        if i >= 0 and q.start < segments[i].end:
            out.setdefault(i, []).append(q)
    return out


# -- pairing ----------------------------------------------------------------------


#: Score cells past which a group's pairing is done in a band around its diagonal:
#: a sentence of hundreds of figures (a table run together, a list without stops)
#: then costs linear time; an ordinary sentence is scored in full.
_FULL_PAIRING = 32 * 32
#: How far from the diagonal, in quantities, a long group's pairs are scored.
_PAIR_BAND = 12


def _pair(
    in_a: Sequence[Quantity], in_b: Sequence[Quantity], judge: _Judge
) -> list[tuple[Quantity, Quantity]]:
    """Order-preserving pairing with the highest total score (a small dynamic programme
    over the score matrix; in a band around its diagonal for very long groups)."""
    n, m = len(in_a), len(in_b)
    if not n or not m:
        return []
    band = _band(n, m)
    scores: dict[tuple[int, int], float] = {}
    for i, a in enumerate(in_a):
        for j in band(i):
            score = judge.score(a, in_b[j])
            if score > 0:
                scores[(i, j)] = score
    # Between equal pairings, leave an added restatement ("50 km (50 miles)") to be
    # judged as a conversion rather than pair it and strand the figure after it.
    restated = {j for j in range(1, m) if judge.restates(in_b[j - 1], in_b[j])}
    if restated:
        for key in scores:
            if key[1] in restated:
                scores[key] -= _TIE_BREAK
    best: dict[tuple[int, int], float] = {}
    get = best.get
    for i in range(n - 1, -1, -1):
        for j in reversed(band(i)):
            s = scores.get((i, j), 0.0)
            take = s + get((i + 1, j + 1), 0.0) if s > 0 else 0.0
            best[(i, j)] = max(take, get((i + 1, j), 0.0), get((i, j + 1), 0.0))
    pairs = []
    i = j = 0
    while i < n and j < m:
        s = scores.get((i, j), 0.0)
        here = get((i, j), 0.0)
        if s > 0 and math.isclose(here, s + get((i + 1, j + 1), 0.0)):
            pairs.append((in_a[i], in_b[j]))
            i, j = i + 1, j + 1
        elif math.isclose(here, get((i + 1, j), 0.0)):
            i += 1
        else:
            j += 1
    return pairs + _reordered(in_a, in_b, pairs, scores, band)


def _band(n: int, m: int) -> Callable[[int], range]:
    """The columns scored for row *i*: all of them, or a band around the diagonal."""
    if n * m <= _FULL_PAIRING:
        return lambda i: range(m)

    def band(i: int) -> range:
        centre = i * m // n
        return range(max(0, centre - _PAIR_BAND), min(m, centre + _PAIR_BAND + 1))

    return band


def _reordered(
    in_a: Sequence[Quantity],
    in_b: Sequence[Quantity],
    pairs: Sequence[tuple[Quantity, Quantity]],
    scores: dict[tuple[int, int], float],
    band: Callable[[int], range],
) -> list[tuple[Quantity, Quantity]]:
    """Pair what the in-order pass left over when the figures agree outright: a rewording
    that moves "6.7%" after "12.4 million" keeps both facts."""
    taken_a = {id(a) for a, _ in pairs}
    taken_b = {id(b) for _, b in pairs}
    extra = []
    for i, a in enumerate(in_a):
        if id(a) in taken_a:
            continue
        free = [
            j
            for j in band(i)
            if id(in_b[j]) not in taken_b and scores.get((i, j), 0.0) >= _SCORE_CONVERTED
        ]
        if free:
            j = max(free, key=lambda k: scores[(i, k)])
            taken_b.add(id(in_b[j]))
            extra.append((a, in_b[j]))
    return extra


# -- judging ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Judge:
    original: str
    revised: str
    tolerance: float
    _agreements: dict[tuple[int, int], Agreement] = field(default_factory=dict)

    def agreement(self, a: Quantity, b: Quantity) -> Agreement:
        """``conversion.agreement``, once per pair: scoring and judging both ask."""
        key = (id(a), id(b))
        if key not in self._agreements:
            if _reading(a) == _reading(b):
                # most pairs of a reprint: one reading, so one figure (and one amount)
                self._agreements[key] = Agreement.SAME
                return Agreement.SAME
            found = conv.agreement(a, b, self.tolerance)
            if found is Agreement.CONVERTED and (_head_kept(a, b) or _head_kept(b, a)):
                found = Agreement.DIFFERENT
            self._agreements[key] = found
        return self._agreements[key]

    def score(self, a: Quantity, b: Quantity) -> float:
        agreement = self.agreement(a, b)
        if agreement is Agreement.SAME:
            return _SCORE_SAME
        if agreement is Agreement.CONVERTED:
            return _SCORE_CONVERTED
        read_a, read_b = conv.counted_alike(a, b)
        if (read_a.unit is None) == (read_b.unit is None) and conv.same_number(a, b):
            return _SCORE_SAME_NUMBER
        if agreement is Agreement.DIFFERENT:
            return _SCORE_VALUE_CHANGED if conv.same_unit(a, b) else _SCORE_WRONG_CONVERSION
        return 0.0

    def across(self, a: Quantity, b: Quantity) -> float:
        """Score a dropped *a* and an added *b* from different sentences; 0 if unrelated.

        Only the readings a desk's slip leaves: the same amount, the same figure with
        another unit of the same kind, or the same unit with the digits kept and the
        scale moved by a power of ten ("$3 billion" -> "$3 million").
        """
        if a.unit is None and b.unit is None and (a.noun is None or a.noun != b.noun):
            return 0.0  # bare numbers coincide too often to pair across sentences
        agreement = self.agreement(a, b)
        if agreement in (Agreement.SAME, Agreement.CONVERTED):
            return self.score(a, b)
        if conv.same_number(a, b):
            units = {a.unit, b.unit}
            kindred = conv.comparable(a, b) or units == {"percent", "percentage_point"}
            if a.kind == b.kind == Kind.MONEY or (kindred and None not in units):
                return _SCORE_SAME_NUMBER
            return 0.0
        if agreement is Agreement.DIFFERENT and conv.same_unit(a, b) and _power_of_ten(a, b):
            return _SCORE_VALUE_CHANGED
        return 0.0

    def restates(self, first: Quantity, second: Quantity) -> bool:
        """Is *second* written as a restatement of *first* in the revised text?"""
        return conv.is_restatement(self.revised, first, second)

    def restatements(
        self, in_b: Sequence[Quantity], pairs: Sequence[tuple[Quantity, Quantity]]
    ) -> set[int]:
        """Ids of the added quantities that restate a paired one ("600 miles (965km)")."""
        paired_b = {id(b) for _, b in pairs}
        return {
            id(b)
            for index, b in enumerate(in_b)
            if id(b) not in paired_b
            and index
            and id(in_b[index - 1]) in paired_b
            and conv.is_restatement(self.revised, in_b[index - 1], b)
        }

    def group(
        self,
        in_a: Sequence[Quantity],
        in_b: Sequence[Quantity],
        pairs: Sequence[tuple[Quantity, Quantity]],
    ) -> Iterator[Finding]:
        """Judge a group's pairs and the conversions added to them; leftovers wait."""
        paired_b = {id(b): a for a, b in pairs}
        for a, b in pairs:
            yield from self.pair(a, b)
        restated = self.restatements(in_b, pairs)
        for index, b in enumerate(in_b):
            if id(b) in restated:
                before = in_b[index - 1]
                yield from self.added_conversion(paired_b[id(before)], b, before)

    def pair(self, a: Quantity, b: Quantity) -> Iterator[Finding]:
        agreement = self.agreement(a, b)
        if agreement is Agreement.SAME and conv.scale_named(a, b):
            named, bare = (b, a) if conv.plain_degrees(a) else (a, b)
            yield _finding(
                "UC210",
                f"{_q(a)} became {_q(b)}: {_q(bare)} names no scale and {_q(named)} "
                f"says {_unit_name(named).replace('degree ', '')}; check it is the one meant",
                a,
                b,
            )
        elif agreement is Agreement.SAME:
            pass
        elif agreement is Agreement.CONVERTED:
            yield _finding("UC303", f"{_q(b)} converts {_q(a)} correctly ({_in(a, b)})", a, b)
        elif conv.same_number(a, b):
            yield self._same_number(a, b, agreement)
        elif agreement is Agreement.DIFFERENT and conv.same_unit(a, b):
            read_a, read_b = conv.counted_alike(a, b)
            yield _finding(
                "UC102",
                f"{_q(a)} became {_q(b)}: {conv.describe_value(read_a)} \u2192 "
                f"{conv.describe_value(read_b)}{_ratio(a, b)}",
                a,
                b,
            )
        elif agreement is Agreement.DIFFERENT:
            yield _wrong_conversion(a, b)
        if _reversed(a.qualifier, b.qualifier):
            yield _finding(
                "UC201",
                f"the bound was reversed: {_q(a)} became {_q(b)} "
                f"({_BOUND[a.qualifier]} \u2192 {_BOUND[b.qualifier]})",
                a,
                b,
            )
        elif {a.qualifier, b.qualifier} in _ONE_BOUND:
            # One side's bound word is read as something else ("in over 12 months" as a
            # span): the words written still reverse the bound the other side states.
            word_a, bound_a = _written_bound(self.original, a)
            word_b, bound_b = _written_bound(self.revised, b)
            if _reversed(a.qualifier or bound_a, b.qualifier or bound_b):
                yield _finding(
                    "UC201",
                    f"the bound was reversed: \u201c{word_a} {a.text}\u201d became "
                    f"\u201c{word_b} {b.text}\u201d",
                    a,
                    b,
                )

    def added_conversion(
        self, a: Quantity, b: Quantity, restated: Quantity | None = None
    ) -> Iterator[Finding]:
        """Judge *b*, added in brackets after *restated* (the revised copy of *a*).

        When *restated* is *a*'s figure read in its new context ("24 degrees (75F)" makes
        the degrees Celsius), *b* is judged against that reading; findings still point at
        *a* in the original.
        """
        if restated is not None and restated.unit != a.unit:
            if self.agreement(a, restated) is Agreement.SAME:
                for finding in self._judge_added(restated, b):
                    yield replace(finding, a=a)
                return
        yield from self._judge_added(a, b)

    def _judge_added(self, a: Quantity, b: Quantity) -> Iterator[Finding]:
        agreement = self.agreement(a, b)
        if agreement in (Agreement.SAME, Agreement.CONVERTED):
            yield _finding(
                "UC303",
                f"the added {_q(b)} converts {_q(a)} correctly ({_in(a, b)}): verified",
                a,
                b,
            )
        elif agreement is Agreement.DIFFERENT:
            yield _wrong_conversion(a, b)
        # Money in another currency cannot be checked without exchange rates.

    def _same_number(self, a: Quantity, b: Quantity, agreement: Agreement) -> Finding:
        units = {q.unit for q in conv.counted_alike(a, b)}
        if units == {"percent", "percentage_point"}:
            return _finding(
                "UC202", f"{_q(a)} became {_q(b)}: percent and percentage points differ", a, b
            )
        if (
            a.kind == Kind.MONEY
            and b.kind == Kind.MONEY
            and conv.money_code(a) == conv.money_code(b)
            and agreement is Agreement.INCOMPARABLE
        ):
            return _finding(  # "$80 a barrel" -> "$80 a tonne": the currency is kept
                "UC103",
                f"{_q(a)} ({_dimension(a)}) became {_q(b)} ({_dimension(b)}): "
                "the quantity now measures something else",
                a,
                b,
            )
        money = a.kind == Kind.MONEY and b.kind == Kind.MONEY
        if money and conv.money_code(a) != conv.money_code(b):
            return _finding(
                "UC205",
                f"{_q(a)} became {_q(b)}: the currency changed from {conv.money_code(a)} to "
                f"{conv.money_code(b)} but the amount did not",
                a,
                b,
            )
        if units <= _TON_VARIANTS:
            return _finding(
                "UC203",
                f"{_q(a)} became {_q(b)}: {_unit_name(a)} and {_unit_name(b)} differ{_ratio(a, b)}",
                a,
                b,
            )
        if _bits_and_bytes(a, b):
            return _finding(
                "UC204",
                f"{_q(a)} became {_q(b)}: bits and bytes differ by a factor of 8",
                a,
                b,
            )
        if agreement is Agreement.INCOMPARABLE:
            return _finding(
                "UC103",
                f"{_q(a)} ({_dimension(a)}) became {_q(b)} ({_dimension(b)}): "
                "the quantity now measures something else",
                a,
                b,
            )
        converted = conv.describe_in(a, b.unit)
        shown = f" ({converted})" if converted else ""
        return _finding(
            "UC101",
            f"{_q(a)}{shown} became {_q(b)}{_ratio(a, b)}: the unit changed but the number did not",
            a,
            b,
        )


def _reading(q: Quantity) -> tuple[object, ...]:
    """Everything ``conversion.agreement`` reads of a quantity (not its surface or span)."""
    return (q.value, q.low, q.high, q.unit, q.si_unit, q.kind, q.step, q.qualifier, q.dimension)


_BOUND = {"lower": "at least", "upper": "at most", "approx": "about", None: "exact"}
#: Qualifier pairs where one side states a bound and the other reads none.
_ONE_BOUND = ({"lower", None}, {"upper", None})


def _written_bound(text: str, q: Quantity) -> tuple[str, str | None]:
    """The bound phrase written just before *q* ("over", "more than") and its direction
    in the lexicon (lower, upper), whatever reading the extractor gave the figure."""
    table = lexicon()
    window = text[max(0, q.start - 8 * table.qualifier_longest) : q.start]
    tokens = tokenize(window)
    if not tokens or window[tokens[-1].end :].strip():
        return "", None
    for size in range(min(table.qualifier_longest, len(tokens)), 0, -1):
        words = tokens[-size:]
        found = table.qualifiers.get(tuple(t.low for t in words))
        if found in ("lower", "upper"):
            return window[words[0].start : words[-1].end], found
    return "", None


def _reversed(x: str | None, y: str | None) -> bool:
    return {x, y} == {"lower", "upper"}


def _wrong_conversion(a: Quantity, b: Quantity) -> Finding:
    return _finding(
        "UC104", f"{_q(b)} does not convert {_q(a)}, which is {_in(a, b)}{_ratio(a, b)}", a, b
    )


def _finding(code: str, message: str, a: Quantity | None, b: Quantity | None) -> Finding:
    entry = BY_CODE[code]
    return Finding(code, entry.name, entry.severity, message, a, b)


def _q(q: Quantity) -> str:
    return f"\u201c{q.text}\u201d"


def _in(a: Quantity, b: Quantity) -> str:
    return conv.describe_in(a, b.unit) or conv.describe_value(a)


def _ratio(a: Quantity, b: Quantity) -> str:
    if a.dimension == _TEMPERATURE or a.si_value is None or b.si_value is None:
        return ""
    if a.si_unit != b.si_unit or not _tellable(a.si_value) or not _tellable(b.si_value):
        return ""
    if not _tellable(b.si_value / a.si_value):
        return ""  # the quotient under- or overflows (5e-324 against 1e308): no ratio to tell
    words = conv.ratio_words(a.si_value, b.si_value)
    return f", {words}" if words else ""


def _tellable(x: float) -> bool:
    """A nonzero, finite, normal float: a ratio with it neither divides by zero nor overflows."""
    return math.isfinite(x) and abs(x) >= sys.float_info.min


def _unit_name(q: Quantity) -> str:
    return (q.unit or "").replace("_", " ")


def _dimension(q: Quantity) -> str:
    if q.kind == Kind.MONEY:
        currency = conv.currency_of(q) or ""
        if " / " not in currency:
            return "money"
        per = units.unit_info(currency.split(" / ", 1)[1])
        named = _dimension_names().get(per.dimension or "")
        kind = named.split(" ", 1)[1] if named else f"{conv.unit_words(per.name, plural=False)}"
        return f"money per unit of {kind}"  # "money per unit of volume"
    if q.unit is None:
        return "a count" if q.noun else "a bare number"
    names = _dimension_names()
    named = names.get(f"unit:{q.unit}") or names.get(q.dimension or "")
    return named or f"measured in {conv.unit_words(q.unit, plural=True)}"


@functools.cache
def _dimension_names() -> dict[str, str]:
    """``dimensions_en.tsv``: what a UC103 message calls a quantity's dimension."""
    return dict(cells for _, cells in rows("dimensions_en.tsv", 2))  # type: ignore[misc]


def _power_of_ten(a: Quantity, b: Quantity) -> bool:
    """The two magnitudes differ by a factor of 10, 100, 1,000...: the digits were kept."""
    x, y = abs(conv.in_currency(a).magnitude), abs(conv.in_currency(b).magnitude)
    if not x or not y or not math.isfinite(x) or not math.isfinite(y) or math.isclose(x, y):
        return False
    # The difference of the logs, never the log of the quotient: y / x overflows or
    # underflows to 0 when one side is huge and the other subnormal (5e-324).
    exponent = math.log10(y) - math.log10(x)
    return math.isclose(exponent, round(exponent), abs_tol=1e-6)


def _bits_and_bytes(a: Quantity, b: Quantity) -> bool:
    names = (a.unit or "", b.unit or "")
    return any("bit" in x for x in names) and any("byte" in x for x in names)


def _position(f: Finding) -> tuple[int, int, str]:
    if f.b is not None:
        return (0, f.b.start, f.code)
    assert f.a is not None
    return (1, f.a.start, f.code)

"""Check one version of an article on its own: conversions, ambiguous units, absurd sizes.

``lint(text)`` extracts the quantities once, cuts the text into sentences with
``text.sentences`` (the segmenter compare uses, quantities kept whole), and runs a few
small checks over them:

* conversions written inside the text ("600 miles (1,600km)", "50 miles, or 130km",
  and a thing restated later in another unit: "a 2-mile causeway ... the 5km causeway")
  must hold (UC104);
* "400m" must say whether it is metres or million, and a bare "tons" which ton it is
  (UC210);
* a magnitude must be plausible for what the words around it say it measures: territory
  in square metres, a front line in millimetres, a city of seven residents (UC220). The
  expectations live in ``data/plausibility.tsv`` (see :mod:`unitcheck.lint.plausibility`).

Lint findings carry the linted quantity as ``b``; ``a`` is always None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..extract.scan import extract_with_tokens
from ..model import Finding, Kind, Quantity, Segment
from ..text import sentences
from ..text.context import context_set
from ..units import conversion as conv
from ..units.conversion import Agreement
from ..units.regional import localise
from . import plausibility
from .ambiguity import ambiguous_metres, ambiguous_tons, bare_ton
from .context import (
    Context,
    as_unit,
    converted,
    expected,
    finding,
    quoted,
    rewritten,
    suggest,
)

if TYPE_CHECKING:
    from ..config.settings import Settings

#: What a bare "ton" means under each ``ton_locale`` (the names ``config.TONS`` uses).
TON_LOCALES = {"short": "ton", "metric": "metric_ton", "long": "long_ton"}

_NOT_CONVERTED = frozenset({Kind.MONEY, Kind.PERCENT, Kind.DURATION})
_TEMPERATURE = "[temperature]"
_DELTA = {"degree_Celsius": "delta_degree_Celsius", "degree_Fahrenheit": "delta_degree_Fahrenheit"}

# -- entry point ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Linted:
    """What one lint of a text found: its findings (sorted by position), every quantity
    extracted (localised, in order) and the sentences the checks read, which a report
    renders without running anything again."""

    findings: tuple[Finding, ...]
    quantities: tuple[Quantity, ...]
    segments: tuple[Segment, ...]


def lint(
    text: str,
    *,
    settings: Settings | None = None,
    tolerance: float | None = None,
    ton_locale: str | None = None,
    gallon: str | None = None,
) -> list[Finding]:
    """Check one text on its own and return its findings, sorted by position.

    *settings* (a ``Settings``, default ones when None) says how, as in ``compare``:
    ``tolerance`` scales the rounding allowed in conversions; ``gallon`` ("us" or
    "imperial") says what a bare "gallon" means; a bare "ton" means ``ton`` ("short",
    "metric" or "long") only when it was told (``Settings.lint_ton``), else the copy
    must say, and a bare "tons" is flagged. The keywords, when not None, replace those
    settings (*ton_locale* is ``ton``). A bad value is a ``ConfigError`` (a
    ``ValueError``). Config filtering and suppression comments are not applied here:
    ``unitcheck.check_document`` does that.

    >>> [(f.code, f.b.text) for f in lint("The convoy covered 600 miles (1,600km).")]
    [('UC104', '1,600km')]
    """
    found = linted(
        text, settings=settings, tolerance=tolerance, ton_locale=ton_locale, gallon=gallon
    )
    return list(found.findings)


def linted(
    text: str,
    *,
    settings: Settings | None = None,
    tolerance: float | None = None,
    ton_locale: str | None = None,
    gallon: str | None = None,
) -> Linted:
    """``lint`` with what it read on the way: the quantities and the sentences.

    >>> found = linted("It is 5 km. The road is 600 miles (1,600km).")
    >>> [f.code for f in found.findings], [q.text for q in found.quantities], len(found.segments)
    (['UC104'], ['5 km', '600 miles', '1,600km'], 2)
    """
    from ..config.settings import ConfigError, resolve

    try:
        options = resolve(settings, tolerance=tolerance, ton=ton_locale, gallon=gallon)
    except ConfigError as exc:  # name the keyword the caller used
        key = "ton_locale" if exc.key == "ton" and ton_locale is not None else exc.key
        raise ConfigError(exc.path, key, exc.reason) from None
    tolerance, ton_locale, gallon = options.tolerance, options.lint_ton(), options.gallon
    tokens, read = extract_with_tokens(text)
    quantities = [localise(q, gallon=gallon) for q in read]
    # the sentences compare cuts for the same text: every quantity found is kept whole
    segments = sentences.segment(text, [q.span for q in quantities])
    context = Context(text, segments, tokens=tokens)
    pairs = _restatements(text, quantities)
    findings: list[Finding] = []
    findings += _conversions(context, pairs, tolerance, ton_locale)
    findings += _wrong_dimension(text, quantities)
    findings += _restated_later(context, quantities, pairs, tolerance, ton_locale)
    findings += ambiguous_metres(context, quantities, pairs)
    findings += ambiguous_tons(text, quantities, pairs, ton_locale)
    findings += _implausible(context, quantities, pairs)
    findings.sort(key=lambda f: (f.b.start if f.b else 0, f.b.end if f.b else 0, f.code))
    return Linted(tuple(findings), tuple(quantities), segments)


# -- conversions inside the text --------------------------------------------------------


def _convertible(a: Quantity, b: Quantity) -> bool:
    """Two measures one of which may restate the other in another unit, or two prices
    or wages in one currency per units of one kind ("£36,000 a year (£3,000 a month)").
    Across currencies there is no rate."""
    if a.kind == b.kind == Kind.MONEY:
        return (
            a.unit != b.unit
            and not (conv.in_subunit(a) or conv.in_subunit(b))
            and "/" in (a.unit or "")
            and "/" in (b.unit or "")
            and conv.comparable(a, b)
            and not conv.unstated_hours(a, b)
        )
    return (
        a.unit is not None
        and b.unit is not None
        and a.kind not in _NOT_CONVERTED
        and b.kind not in _NOT_CONVERTED
        and a.unit != b.unit
        and a.dimension is not None
        and a.dimension == b.dimension
    )


def _restatements(text: str, quantities: Sequence[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Adjacent pairs written as one amount in two units: "600 miles (965km)"."""
    return [
        (a, b)
        for a, b in zip(quantities, quantities[1:], strict=False)
        if _convertible(a, b) and conv.is_restatement(text, a, b)
    ]


def _readings(q: Quantity, ton_locale: str | None) -> list[Quantity]:
    """The ways *q* may be meant: a bare "tons" may be any of three tons."""
    if q.unit != "ton" or not bare_ton(q):
        return [q]
    if ton_locale is not None:
        return [as_unit(q, TON_LOCALES[ton_locale])]
    return [q] + [as_unit(q, u) for u in ("metric_ton", "long_ton")]


def _agree(
    a: Quantity,
    b: Quantity,
    tolerance: float,
    ton_locale: str | None,
    difference: bool = False,
) -> bool:
    """Does *b* state the same amount as *a*, under any sensible reading of both?

    *difference* says the words around call a temperature a change ("rose 5C (9F)"),
    which converts without the offset.
    """
    for x in _readings(a, ton_locale):
        for y in _readings(b, ton_locale):
            if conv.agreement(x, y, tolerance) in (Agreement.SAME, Agreement.CONVERTED):
                return True
    # "rose 5C (9F)": a temperature difference converts without the offset
    if difference and a.dimension == _TEMPERATURE and a.unit in _DELTA and b.unit in _DELTA:
        assert b.unit is not None
        da, db = as_unit(a, _DELTA[a.unit]), as_unit(b, _DELTA[b.unit])
        return conv.agreement(da, db, tolerance) in (Agreement.SAME, Agreement.CONVERTED)
    return False


def _conversion_message(a: Quantity, b: Quantity, how: str) -> str:
    message = f"{quoted(b)} {how} {quoted(a)}, but {quoted(a)} is about {expected(a, b)}"
    if a.dimension != _TEMPERATURE and a.si_value and b.si_value:
        words = conv.ratio_words(a.si_value, b.si_value)
        if words:
            message += f"; the figure written is {words}"
    return message


#: Words that make a temperature a difference: "rose 5C", "3C above average", "warmer".
_CHANGE_BEFORE = context_set("change_before").words
_CHANGE_AFTER = context_set("change_after").words


def _is_difference(context: Context, a: Quantity, b: Quantity) -> bool:
    """Do the words around a temperature pair call it a change, not a reading?"""
    if a.dimension != _TEMPERATURE:
        return False
    before = context.sentence(a).before(a.start, 2)
    after = context.sentence(b).after(b.end, 1)
    return any(w in _CHANGE_BEFORE for w in before) or any(w in _CHANGE_AFTER for w in after)


def _conversions(
    context: Context,
    pairs: Sequence[tuple[Quantity, Quantity]],
    tolerance: float,
    ton_locale: str | None,
) -> Iterator[Finding]:
    for a, b in pairs:
        difference = _is_difference(context, a, b)
        if _agree(a, b, tolerance, ton_locale, difference):
            continue
        x, y = a, b  # what the message converts: a change of temperature without offset
        if difference and a.unit in _DELTA and b.unit in _DELTA:
            assert b.unit is not None
            x, y = as_unit(a, _DELTA[a.unit]), as_unit(b, _DELTA[b.unit])
        f = finding("UC104", _conversion_message(x, y, "restates"), b)
        yield suggest(f, *_corrected(x, y, ton_locale))


def _corrected(a: Quantity, b: Quantity, ton_locale: str | None) -> tuple[str | None, bool]:
    """The right restatement of *a* in *b*'s unit and style, and whether it is certain.

    Certain means one reading: not a bare "tons" that may be any of three tons, and not
    a temperature that reads right as a difference ("5C (9F)" with no "rose" near).
    """
    value = converted(a, b)
    if value is None:
        return None, False
    text = rewritten(b, value)
    single = len(_readings(a, ton_locale)) == 1 and len(_readings(b, ton_locale)) == 1
    if a.dimension == _TEMPERATURE and a.unit in _DELTA and b.unit in _DELTA:
        delta = (as_unit(a, _DELTA[a.unit]), as_unit(b, _DELTA[b.unit]))
        single = single and conv.agreement(*delta) is not Agreement.CONVERTED
    return text, single


#: Lengths, areas and volumes: restating one as another is a dropped "square" or "cubic".
_GEOMETRIC = {"[length]": "a length", "[length] ** 2": "an area", "[length] ** 3": "a volume"}
_BRACKETED = re.compile(
    r"\s*[(\[]\s*(?:%s)?\s*$"
    % "|".join(sorted(map(re.escape, context_set("bracket_hedges").words)))
)


def _wrong_dimension(text: str, quantities: Sequence[Quantity]) -> Iterator[Finding]:
    """ "400 square miles (644km)": the bracket restates an area as a length."""
    for a, b in zip(quantities, quantities[1:], strict=False):
        kinds = (_GEOMETRIC.get(a.dimension or ""), _GEOMETRIC.get(b.dimension or ""))
        if None in kinds or kinds[0] == kinds[1] or b.start - a.end > 16:
            continue
        if _BRACKETED.match(text[a.end : b.start]):
            yield finding(
                "UC104",
                f"{quoted(b)} ({kinds[1]}) cannot restate {quoted(a)} ({kinds[0]}): "
                "a \u201csquare\u201d or \u201ccubic\u201d was probably lost",
                b,
            )


# -- the same thing restated later ----------------------------------------------------------

#: Words right after a figure that are not the noun it describes.
_NOT_HEADS = context_set("not_heads").words
_DEFINITE = context_set("definite_determiners").words
_INDEFINITE = context_set("articles").words
#: Nouns that often name several things of different sizes ("the 10km race ... the
#: 5-mile race"): two definite mentions of them are not taken for one thing.
_SEVERAL = context_set("several_nouns").words
_HEAD = re.compile(
    r"(?:\s*[(\[][^()\[\]]{0,40}[)\]])?"  # a restatement in brackets: "600-mile (965km) front"
    r"(?:[-\u2010\u2011](?:%s))?"  # "a 600-mile-long front"
    r"[ \t\u00a0]+([a-z][a-z\-]{2,})\b"
    % "|".join(sorted(map(re.escape, context_set("head_dimensions").words)))
)
_LAST_WORD = re.compile(r"([A-Za-z]+)[ \t\u00a0]*$")


def _head(text: str, q: Quantity) -> str | None:
    """The noun a figure describes when written as an adjective: "the 5km causeway"."""
    m = _HEAD.match(text, q.end)
    if m is None or m.group(1) in _NOT_HEADS or m.group(1).endswith("ly"):
        return None
    return m.group(1)


def _determiner(text: str, q: Quantity) -> str:
    m = _LAST_WORD.search(text, max(0, q.start - 20), q.start)
    return m.group(1).lower() if m else ""


def _restated_later(
    context: Context,
    quantities: Sequence[Quantity],
    pairs: Sequence[tuple[Quantity, Quantity]],
    tolerance: float,
    ton_locale: str | None,
) -> Iterator[Finding]:
    """ "A 2-mile causeway ... the 5km causeway": the same noun, a later sentence, another unit.

    Conservative on purpose: the noun must follow both figures directly, occur with a
    figure exactly twice in the text, and the later mention must be definite ("the").
    When the first mention is definite too, nouns that often name several things
    ("race", "stage") are left alone.
    """
    text = context.text
    partner = {id(b): a for a, b in pairs}
    with_partner = {id(a): b for a, b in pairs}
    mentions: dict[str, list[Quantity]] = {}
    for q in quantities:
        if id(q) in partner or q.kind in _NOT_CONVERTED or q.unit is None:
            continue
        head = _head(text, q)
        if head is not None:
            mentions.setdefault(head, []).append(q)
    for head, found in mentions.items():
        if len(found) != 2:
            continue
        first, later = found
        if context.sentence_of(first) == context.sentence_of(later):
            continue
        if _determiner(text, later) not in _DEFINITE:
            continue
        if _determiner(text, first) not in _INDEFINITE and head in _SEVERAL:
            continue
        earlier = [first] + ([with_partner[id(first)]] if id(first) in with_partner else [])
        if any(q.unit == later.unit for q in earlier):
            continue  # the same unit again: not a conversion
        comparable = [q for q in earlier if _convertible(q, later)]
        if not comparable or any(_agree(q, later, tolerance, ton_locale) for q in comparable):
            continue
        f = finding(
            "UC104",
            _conversion_message(comparable[0], later, f"restates the {head} given earlier as"),
            later,
        )
        # Either mention may be the wrong one: a suggestion, never a safe fix.
        yield suggest(f, _corrected(comparable[0], later, ton_locale)[0], False)


# -- implausible magnitudes ---------------------------------------------------------------

#: Units a mangled figure probably had, by dimension and by system (metric or not):
#: tried when a magnitude is implausible.
_LIKELY_UNITS = {
    ("[length] ** 2", True): ("kilometer ** 2", "hectare"),
    ("[length] ** 2", False): ("mile ** 2", "acre"),
    ("[length]", True): ("kilometer",),
    ("[length]", False): ("mile",),
}


def _fits(q: Quantity, expectation: plausibility.Expectation) -> list[Quantity]:
    """*q* read in each likely unit whose magnitude would be plausible."""
    if q.unit is None:
        return []
    metric = "meter" in q.unit
    fits = []
    for unit in _LIKELY_UNITS.get((q.dimension or "", metric), ()):
        if unit == q.unit:
            continue
        candidate = as_unit(q, unit)
        interval = plausibility.si_interval(candidate)
        if interval is not None and expectation.plausible(*interval):
            fits.append(candidate)
    return fits


def _suggestion(q: Quantity, fits: Sequence[Quantity]) -> str:
    if q.unit is None:
        return "; a scale word (thousand, million) may have been lost"
    shown = [conv.describe_value(c) for c in fits]
    return f"; perhaps {' or '.join(shown)} was meant" if shown else ""


def _implausible(
    context: Context, quantities: Sequence[Quantity], pairs: Sequence[tuple[Quantity, Quantity]]
) -> Iterator[Finding]:
    restating = {id(b) for _, b in pairs}  # the first figure of a pair carries the check
    left, right = plausibility.window()
    for q in quantities:
        if id(q) in restating:
            continue
        sentence = context.sentence(q)
        before, after = sentence.before(q.start, left), sentence.after(q.end, right)
        broken = plausibility.judge(q, before, after, sentence)
        if broken is None:
            continue
        shown = conv.describe_value(q)
        same = shown.replace(",", "") == q.text.replace(",", "") or q.kind == Kind.DURATION
        normalised = "" if same else f" ({shown})"
        fits = _fits(q, broken)
        f = finding(
            "UC220",
            f"{quoted(q)}{normalised} is implausible for {broken.name}: "
            f"{broken.why}{_suggestion(q, fits)}",
            q,
        )
        # One unit that fits is a suggestion; it stays a guess, never a safe fix.
        if len(fits) == 1:
            f = suggest(f, rewritten(q, q.magnitude, fits[0].unit), False)
        yield f

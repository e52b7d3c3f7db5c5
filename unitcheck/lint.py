"""Check one version of an article on its own: conversions, ambiguous units, absurd sizes.

``lint(text)`` extracts the quantities once, cuts the text into sentences with a cheap
regular expression, and runs a few small checks over them:

* conversions written inside the text ("600 miles (1,600km)", "50 miles, or 130km",
  and a thing restated later in another unit: "a 2-mile causeway ... the 5km causeway")
  must hold (UC104);
* "400m" must say whether it is metres or million, and a bare "tons" which ton it is
  (UC210);
* a magnitude must be plausible for what the words around it say it measures: territory
  in square metres, a front line in millimetres, a city of seven residents (UC220). The
  expectations live in ``data/plausibility.tsv`` (see :mod:`unitcheck.plausibility`).

Lint findings carry the linted quantity as ``b``; ``a`` is always None.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from . import conversion as conv
from . import plausibility
from .codes import BY_CODE
from .conversion import Agreement
from .extract import extract
from .model import Finding, Quantity
from .regional import localise
from .units import convert, unit_info

#: What a bare "ton" means under each ``ton_locale`` (the names ``config.TONS`` uses).
TON_LOCALES = {"short": "ton", "metric": "metric_ton", "long": "long_ton"}

_NOT_CONVERTED = frozenset({"money", "percent", "duration"})
_TEMPERATURE = "[temperature]"
_DELTA = {"degree_Celsius": "delta_degree_Celsius", "degree_Fahrenheit": "delta_degree_Fahrenheit"}

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
class _Text:
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


# -- entry point ----------------------------------------------------------------------


def lint(
    text: str, *, tolerance: float = 1.0, ton_locale: str | None = None, gallon: str = "us"
) -> list[Finding]:
    """Check one text on its own and return its findings, sorted by position.

    *tolerance* scales the rounding allowed in conversions (as in ``compare``).
    *ton_locale* says what a bare "ton" means in this copy: "short", "metric" or
    "long"; None (the default) means the copy must say, and a bare "tons" is flagged.
    *gallon* ("us" or "imperial") says what a bare "gallon" means.

    >>> [(f.code, f.b.text) for f in lint("The convoy covered 600 miles (1,600km).")]
    [('UC104', '1,600km')]
    """
    if ton_locale is not None and ton_locale not in TON_LOCALES:
        raise ValueError(f"ton_locale must be one of {', '.join(TON_LOCALES)} or None")
    if not (tolerance > 0):
        raise ValueError(f"tolerance must be a positive number, not {tolerance!r}")
    quantities = [localise(q, gallon=gallon) for q in extract(text) if q.is_measure]
    context = _Text(text)
    pairs = _restatements(text, quantities)
    findings: list[Finding] = []
    findings += _conversions(context, pairs, tolerance, ton_locale)
    findings += _wrong_dimension(text, quantities)
    findings += _restated_later(context, quantities, pairs, tolerance, ton_locale)
    findings += _ambiguous_metres(context, quantities, pairs)
    findings += _ambiguous_tons(text, quantities, pairs, ton_locale)
    findings += _implausible(context, quantities, pairs)
    findings.sort(key=lambda f: (f.b.start if f.b else 0, f.b.end if f.b else 0, f.code))
    return findings


def _finding(code: str, message: str, q: Quantity) -> Finding:
    entry = BY_CODE[code]
    return Finding(code, entry.name, entry.severity, message, None, q)


def _q(q: Quantity) -> str:
    return f"\u201c{q.text}\u201d"


# -- conversions inside the text --------------------------------------------------------


def _convertible(a: Quantity, b: Quantity) -> bool:
    """Two measures one of which may restate the other in another unit."""
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
    if q.unit != "ton" or not _bare_ton(q):
        return [q]
    if ton_locale is not None:
        return [_as_unit(q, TON_LOCALES[ton_locale])]
    return [q] + [_as_unit(q, u) for u in ("metric_ton", "long_ton")]


def _as_unit(q: Quantity, unit: str) -> Quantity:
    info = unit_info(unit)
    si = None if q.value is None else q.value * info.si_factor
    return replace(q, unit=info.name, si_value=si, si_unit=info.si_unit)


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
        da, db = _as_unit(a, _DELTA[a.unit]), _as_unit(b, _DELTA[b.unit])
        return conv.agreement(da, db, tolerance) in (Agreement.SAME, Agreement.CONVERTED)
    return False


def _figure(value: float) -> str:
    """A computed figure, rounded for a message: "966", "23.9", "1.8 million"."""
    return conv.number_words(value) if abs(value) >= 1e6 else conv.format_number(value, 3)


def _expected(a: Quantity, b: Quantity) -> str:
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


def _conversion_message(a: Quantity, b: Quantity, how: str) -> str:
    message = f"{_q(b)} {how} {_q(a)}, but {_q(a)} is about {_expected(a, b)}"
    if a.dimension != _TEMPERATURE and a.si_value and b.si_value:
        words = conv.ratio_words(a.si_value, b.si_value)
        if words:
            message += f"; the figure written is {words}"
    return message


#: Words that make a temperature a difference: "rose 5C", "3C above average", "warmer".
_CHANGE_BEFORE = frozenset(
    "rise rises rose risen rising increase increased increases up by climb climbed climbs "
    "jump jumped fall falls fell drop dropped drops plunge plunged warming warmed cooled "
    "cooling dip dipped".split()
)
_CHANGE_AFTER = frozenset(
    "above below warmer cooler hotter colder higher lower more less rise increase drop "
    "fall of warming hotter".split()
)


def _is_difference(context: _Text, a: Quantity, b: Quantity) -> bool:
    """Do the words around a temperature pair call it a change, not a reading?"""
    if a.dimension != _TEMPERATURE:
        return False
    before = [w for w in context.before(a) if w not in plausibility.FILLERS][-2:]
    after = [w for w in context.after(b) if w not in plausibility.FILLERS][:1]
    return any(w in _CHANGE_BEFORE for w in before) or any(w in _CHANGE_AFTER for w in after)


def _conversions(
    context: _Text,
    pairs: Sequence[tuple[Quantity, Quantity]],
    tolerance: float,
    ton_locale: str | None,
) -> Iterator[Finding]:
    for a, b in pairs:
        if not _agree(a, b, tolerance, ton_locale, _is_difference(context, a, b)):
            yield _finding("UC104", _conversion_message(a, b, "restates"), b)


#: Lengths, areas and volumes: restating one as another is a dropped "square" or "cubic".
_GEOMETRIC = {"[length]": "a length", "[length] ** 2": "an area", "[length] ** 3": "a volume"}
_BRACKETED = re.compile(r"\s*[(\[]\s*(?:about|around|roughly|some|nearly|almost)?\s*$")


def _wrong_dimension(text: str, quantities: Sequence[Quantity]) -> Iterator[Finding]:
    """"400 square miles (644km)": the bracket restates an area as a length."""
    for a, b in zip(quantities, quantities[1:], strict=False):
        kinds = (_GEOMETRIC.get(a.dimension or ""), _GEOMETRIC.get(b.dimension or ""))
        if None in kinds or kinds[0] == kinds[1] or b.start - a.end > 16:
            continue
        if _BRACKETED.match(text[a.end : b.start]):
            yield _finding(
                "UC104", f"{_q(b)} ({kinds[1]}) cannot restate {_q(a)} ({kinds[0]}): "
                "a \u201csquare\u201d or \u201ccubic\u201d was probably lost", b,
            )


# -- the same thing restated later ----------------------------------------------------------

#: Words right after a figure that are not the noun it describes.
_NOT_HEADS = frozenset(
    "of in on at to from for by with and or but nor as than into onto over under across "
    "along around about per a an the this that these those its their his her our your "
    "is are was were be been being has have had will would could should may might can "
    "long wide high tall deep thick away apart ahead behind above below beneath off "
    "north south east west northeast northwest southeast southwest inland offshore "
    "later earlier ago old more less each every south-east south-west north-east "
    "north-west square cubic per cent percent said says".split()
)
_DEFINITE = frozenset("the this that its their".split())
_INDEFINITE = frozenset("a an".split())
#: Nouns that often name several things of different sizes ("the 10km race ... the
#: 5-mile race"): two definite mentions of them are not taken for one thing.
_SEVERAL = frozenset(
    "race races run walk swim ride course event stage leg route trail loop lap marathon "
    "relay category class section segment option version model zone".split()
)
_HEAD = re.compile(
    r"(?:\s*[(\[][^()\[\]]{0,40}[)\]])?"  # a restatement in brackets: "600-mile (965km) front"
    r"(?:[-\u2010\u2011](?:long|wide|high|deep|tall))?"
    r"[ \t\u00a0]+([a-z][a-z\-]{2,})\b"
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
    context: _Text,
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
        yield _finding(
            "UC104",
            _conversion_message(comparable[0], later, f"restates the {head} given earlier as"),
            later,
        )


# -- ambiguous units ----------------------------------------------------------------------

#: Words right after "400m" that make it a length.
_METRE_AFTER = frozenset(
    "hurdles freestyle relay relays sprint sprints race races dash butterfly breaststroke "
    "backstroke medley final finals heats title gold silver bronze record tall high long "
    "wide from high-rise underground "
    "beneath underneath under below above behind ahead off offshore inland upstream "
    "downstream along across into deep thick away apart short up down uphill downhill "
    "north south east west mark radius stretch swim dash run sprint dive drop climb fall "
    "wall walls fence tunnel bridge tower towers road runway pipe pipeline cliff wave waves "
    "yacht boat ship vessel crater hole statue tree trees drop rise trench shaft well "
    "mast spire antenna dune dam embankment breakwater pier jetty track lane lap laps "
    "altitude elevation depth height length sq squared".split()
)
#: Words shortly before "400m" that make it a length.
_METRE_BEFORE = frozenset(
    "run runs ran running stretch stretches stretched stretching extend extends extended "
    "extending rise rises rose risen rising fall falls fell fallen drop drops dropped dive "
    "dives dived swim swims swam climb climbs climbed measure measures measured measuring "
    "length height depth altitude elevation distance deep tall high long wide radius within "
    "width diameter span spans spanning sprint sprinted tower towers towering soar soared "
    "plunge plunged sink sank sunk walk walked walking jump jumped leap leapt throw threw "
    "hurdles metres meters away waves wave swell swells surge surges visibility "
    "flying flew fly flies cruising hovering descended descend ascended ascend buried "
    "submerged orbiting".split()
)
#: Words anywhere in the sentence that make "400m" a length, when no money word is near.
_LENGTH_WORDS = frozenset(
    "tall taller tallest high higher highest deep deeper deepest wide wider widest long "
    "longer longest height depth altitude elevation length width metres meters metre meter "
    "kilometres kilometers km feet foot ft miles mile yards inches centimetres cm "
    "waves wave swell surge visibility flood floods floodwater floodwaters snow snowdrifts "
    "sea-level sea level".split()
)
#: Words near "400m" that make it money: a million whose currency was lost.
_MONEY_WORDS = frozenset(
    "project projects budget budgets deal deals contract contracts scheme schemes fund funds "
    "funding investment investments invest invested investing cost costs costing costed "
    "spend spending spent price priced paid pay payment payments worth valued valuation "
    "raise raised raising loan loans bailout grant grants bid bids takeover acquisition "
    "sale sales revenue revenues profit profits loss losses debt debts deficit fine fined "
    "fee fees bonus bonuses salary settlement compensation package subsidy subsidies tax "
    "taxes bill windfall overhaul upgrade redevelopment refurbishment programme program "
    "initiative plan stake turnover donation donations aid".split()
)
#: Athletics and swimming: the standard distances, in a sentence about a race.
_RACE_DISTANCES = frozenset(
    {50.0, 60.0, 100.0, 110.0, 200.0, 400.0, 800.0, 1500.0, 3000.0, 5000.0, 10000.0}
)
_RACE_WORDS = frozenset(
    "race races final finals heat heats won win wins title gold silver bronze medal medals "
    "record records champion champions championship championships olympic olympics olympian "
    "athletics sprinter sprinters runner runners swimmer swimmers relay freestyle hurdles "
    "seconds".split()
)


def _bare_m(q: Quantity) -> bool:
    return q.unit == "meter" and q.unit_text == "m" and q.kind == "measure"


def _metres_settled(context: _Text, q: Quantity, partnered: set[int]) -> bool:
    """Do the words around a bare "400m" say it is a length?"""
    if id(q) in partnered:
        return True  # "300 feet (300m)": the conversion says it is a length
    after = [w for w in context.after(q) if w not in plausibility.FILLERS]
    before = [w for w in context.before(q) if w not in plausibility.FILLERS]
    if any(w in _MONEY_WORDS for w in before[-3:] + after[:3]):
        return False  # "a 400m project", "raised 400m": million with its currency lost
    if after and after[0] in _METRE_AFTER:
        return True
    if any(w in _METRE_BEFORE for w in before[-4:]):
        return True
    sentence = context.words(context.sentence_of(q))
    value = q.value if q.value is not None else q.high
    if value in _RACE_DISTANCES and any(w in _RACE_WORDS for w in sentence):
        return True
    return any(w in _LENGTH_WORDS for w in sentence)


def _ambiguous_metres(
    context: _Text, quantities: Sequence[Quantity], pairs: Sequence[tuple[Quantity, Quantity]]
) -> Iterator[Finding]:
    partnered = {id(q) for pair in pairs for q in pair}
    for q in quantities:
        if _bare_m(q) and not _metres_settled(context, q, partnered):
            shown = q.text[: len(q.text) - 1] if q.text.endswith("m") else q.text
            yield _finding(
                "UC210",
                f"{_q(q)} may be {shown} metres or {shown} million; nothing around it says "
                f"which. Write \u201cmetres\u201d, or the currency and \u201cmillion\u201d",
                q,
            )


_TON_NAMED = re.compile(r"\b(?:metric|short|long|imperial|US|U\.S\.)[\s\-]+tons?\b", re.I)


def _bare_ton(q: Quantity) -> bool:
    return (q.unit_text or "").lower().lstrip("-") in ("ton", "tons")


def _ambiguous_tons(
    text: str,
    quantities: Sequence[Quantity],
    pairs: Sequence[tuple[Quantity, Quantity]],
    ton_locale: str | None,
) -> Iterator[Finding]:
    if ton_locale is not None or _TON_NAMED.search(text):
        return  # the locale, or the copy itself, says which ton is meant
    partnered = {id(q) for pair in pairs for q in pair}
    for q in quantities:
        if q.unit != "ton" or not _bare_ton(q) or id(q) in partnered:
            continue
        short = _expected(q, _as_unit(q, "metric_ton"))
        metric = _expected(_as_unit(q, "metric_ton"), _as_unit(q, "metric_ton"))
        yield _finding(
            "UC210",
            f"{_q(q)} may be short tons ({short}) or metric tonnes ({metric}); "
            "say which (\u201cmetric tons\u201d, \u201ctonnes\u201d, \u201cshort tons\u201d)",
            q,
        )


# -- implausible magnitudes ---------------------------------------------------------------

#: Units a mangled figure probably had, by dimension and by system (metric or not):
#: tried when a magnitude is implausible.
_LIKELY_UNITS = {
    ("[length] ** 2", True): ("kilometer ** 2", "hectare"),
    ("[length] ** 2", False): ("mile ** 2", "acre"),
    ("[length]", True): ("kilometer",),
    ("[length]", False): ("mile",),
}


def _suggestion(q: Quantity, expectation: plausibility.Expectation) -> str:
    if q.unit is None:
        return "; a scale word (thousand, million) may have been lost"
    metric = "meter" in q.unit
    fits = []
    for unit in _LIKELY_UNITS.get((q.dimension or "", metric), ()):
        if unit == q.unit:
            continue
        candidate = _as_unit(q, unit)
        interval = plausibility.si_interval(candidate)
        if interval is not None and expectation.plausible(*interval):
            fits.append(conv.describe_value(candidate))
    return f"; perhaps {' or '.join(fits)} was meant" if fits else ""


def _implausible(
    context: _Text, quantities: Sequence[Quantity], pairs: Sequence[tuple[Quantity, Quantity]]
) -> Iterator[Finding]:
    restating = {id(b) for _, b in pairs}  # the first figure of a pair carries the check
    for q in quantities:
        if id(q) in restating:
            continue
        index = context.sentence_of(q)
        broken = plausibility.judge(q, context.before(q), context.after(q), context.words(index))
        if broken is None:
            continue
        shown = conv.describe_value(q)
        same = shown.replace(",", "") == q.text.replace(",", "") or q.kind == "duration"
        normalised = "" if same else f" ({shown})"
        yield _finding(
            "UC220",
            f"{_q(q)}{normalised} is implausible for {broken.name}: "
            f"{broken.why}{_suggestion(q, broken)}",
            q,
        )

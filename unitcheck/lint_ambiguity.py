"""Units a reader cannot settle: "400m" (metres or million?) and a bare "tons" (UC210)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from . import plausibility
from .lint_context import Context, as_unit, expected, finding, quoted
from .model import Finding, Quantity

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


def _metres_settled(context: Context, q: Quantity, partnered: set[int]) -> bool:
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


def ambiguous_metres(
    context: Context, quantities: Sequence[Quantity], pairs: Sequence[tuple[Quantity, Quantity]]
) -> Iterator[Finding]:
    partnered = {id(q) for pair in pairs for q in pair}
    for q in quantities:
        if _bare_m(q) and not _metres_settled(context, q, partnered):
            shown = q.text[: len(q.text) - 1] if q.text.endswith("m") else q.text
            yield finding(
                "UC210",
                f"{quoted(q)} may be {shown} metres or {shown} million; nothing around it says "
                f"which. Write \u201cmetres\u201d, or the currency and \u201cmillion\u201d",
                q,
            )


_TON_NAMED = re.compile(r"\b(?:metric|short|long|imperial|US|U\.S\.)[\s\-]+tons?\b", re.I)


def bare_ton(q: Quantity) -> bool:
    return (q.unit_text or "").lower().lstrip("-") in ("ton", "tons")


def ambiguous_tons(
    text: str,
    quantities: Sequence[Quantity],
    pairs: Sequence[tuple[Quantity, Quantity]],
    ton_locale: str | None,
) -> Iterator[Finding]:
    if ton_locale is not None or _TON_NAMED.search(text):
        return  # the locale, or the copy itself, says which ton is meant
    partnered = {id(q) for pair in pairs for q in pair}
    for q in quantities:
        if q.unit != "ton" or not bare_ton(q) or id(q) in partnered:
            continue
        short = expected(q, as_unit(q, "metric_ton"))
        metric = expected(as_unit(q, "metric_ton"), as_unit(q, "metric_ton"))
        yield finding(
            "UC210",
            f"{quoted(q)} may be short tons ({short}) or metric tonnes ({metric}); "
            "say which (\u201cmetric tons\u201d, \u201ctonnes\u201d, \u201cshort tons\u201d)",
            q,
        )

"""Units a reader cannot settle: "400m" (metres or million?) and a bare "tons" (UC210)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model import Finding, Kind, Quantity
from ..text.context import near, words
from . import plausibility
from .context import Context, as_unit, expected, finding, quoted

# -- ambiguous units ----------------------------------------------------------------------

#: Athletics and swimming: the standard distances, in a sentence about a race. The words
#: around "400m" that settle it are context sets of ``data/context_en.tsv``: metre_after,
#: metre_before, length_words, money_words, race_words.
_RACE_DISTANCES = frozenset(float(d) for d in words("race_distances"))


def _bare_m(q: Quantity) -> bool:
    return q.unit == "meter" and q.unit_text == "m" and q.kind == Kind.MEASURE


def _metres_settled(context: Context, q: Quantity, partnered: set[int]) -> bool:
    """Do the words around a bare "400m" say it is a length?"""
    if id(q) in partnered:
        return True  # "300 feet (300m)": the conversion says it is a length
    after = [w for w in context.after(q) if w not in plausibility.FILLERS]
    before = [w for w in context.before(q) if w not in plausibility.FILLERS]
    if near(before + after, len(before), "money_words"):
        return False  # "a 400m project", "raised 400m": million with its currency lost
    if near(after, 0, "metre_after") or near(before, len(before), "metre_before"):
        return True
    sentence = context.words(context.sentence_of(q))
    value = q.value if q.value is not None else q.high
    if value in _RACE_DISTANCES and near(sentence, 0, "race_words"):
        return True
    return near(sentence, 0, "length_words")


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


#: "metric tons", "US tons" anywhere in the copy: it says which ton is meant.
_TON_NAMED = re.compile(
    r"\b(?:"
    + "|".join(map(re.escape, sorted(words("ton_qualifiers"), key=len, reverse=True)))
    + r")[\s\-]+tons?\b",
    re.I,
)


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

"""Word lists for the quantity grammar, loaded from ``data/lexicon_en.tsv`` and
``data/currencies_en.tsv``."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..errors import TableError
from ..tables import alternatives, rows
from ..text.tokens import token_texts

QUALIFIER_VALUES = frozenset({"lower", "upper", "approx"})
CURRENCY_POSITIONS = frozenset({"symbol", "word", "code", "cent", "not-code"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    scales: dict[str, float]  # lower-cased word -> factor
    scales_cs: dict[str, float]  # exact case -> factor
    qualifiers: dict[tuple[str, ...], str]  # lower-cased token texts -> lower/upper/approx
    qualifier_longest: int
    qualifier_words: frozenset[str]  # every word of every qualifier
    price_words: frozenset[str]
    identifier_words: frozenset[str]
    identifier_phrases: frozenset[tuple[str, ...]]  # several tokens: ("S", "&", "P")
    sport_words: frozenset[str]
    heat_words: frozenset[str]
    million_words: frozenset[str]
    change_words: frozenset[str]
    sign_words: frozenset[str]  # before a spaced minus that is a sign ("convert - 20 F")
    months: dict[str, int]
    currency_symbols: dict[tuple[str, ...], str]  # token texts -> ISO code
    currency_symbol_longest: int
    currency_words: dict[tuple[str, ...], str]  # lower-cased token texts -> ISO code
    currency_word_longest: int
    currency_codes: frozenset[str]
    currency_factors: dict[tuple[str, ...], float]  # "cents" -> 0.01
    currency_symbol_starts: frozenset[str]  # first token texts of every symbol
    currency_prefixes: dict[tuple[str, ...], str]  # ("hk", "$"): a letter prefix, folded
    currency_prefix_starts: frozenset[str]  # lower-cased letter prefixes ("us", "hk", "c")
    currency_word_starts: frozenset[str] = frozenset()  # first words of every currency name
    #: the last token of every identifier phrase: a number after any other token
    #: follows no phrase ("S&P 500")
    identifier_phrase_ends: frozenset[str] = frozenset()
    #: the lengths of the qualifiers that end on each word, longest first ("than" -> 3, 2)
    qualifier_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)


@functools.cache
def lexicon() -> Lexicon:
    """Load both tables once."""
    scales: dict[str, float] = {}
    scales_cs: dict[str, float] = {}
    qualifiers: dict[tuple[str, ...], str] = {}
    words: dict[str, set[str]] = {
        "price": set(),
        "identifier": set(),
        "sport": set(),
        "heat": set(),
        "million": set(),
        "change": set(),
        "sign": set(),
    }
    months: dict[str, int] = {}
    for line, (category, cell, value) in rows("lexicon_en.tsv", 3):
        items = alternatives(cell)
        if category in ("scale", "scale-cs"):
            target = scales if category == "scale" else scales_cs
            for item in items:
                target[item if category == "scale-cs" else item.lower()] = float(value)
        elif category == "qualifier":
            if value not in QUALIFIER_VALUES:
                raise TableError("lexicon_en.tsv", line, f"unknown qualifier {value!r}")
            for item in items:
                qualifiers[tuple(t.lower() for t in token_texts(item))] = value
        elif category == "month":
            for item in items:
                months[item.lower()] = int(value)
        elif category in words:
            # identifiers are matched in exact case ("Article 5", not "article 5")
            words[category].update(
                items if category == "identifier" else (i.lower() for i in items)
            )
        else:
            raise TableError("lexicon_en.tsv", line, f"unknown category {category!r}")

    symbols: dict[tuple[str, ...], str] = {}
    currency_words: dict[tuple[str, ...], str] = {}
    factors: dict[tuple[str, ...], float] = {}
    codes: set[str] = set()
    not_codes: set[str] = set()
    entries = [
        (name, line, cells)
        for name in ("currencies_cldr.tsv", "currencies_en.tsv")  # news overrides CLDR
        for line, cells in rows(name, 3)
    ]
    for name, line, (cell, code, position) in entries:
        if position not in CURRENCY_POSITIONS:
            raise TableError(name, line, f"unknown position {position!r}")
        for item in alternatives(cell):
            if position == "not-code":
                not_codes.add(item)
            elif position == "symbol":
                symbols[token_texts(item)] = code
            elif position in ("word", "cent"):
                key = tuple(t.lower() for t in token_texts(item))
                currency_words[key] = code
                if position == "cent":
                    factors[key] = 0.01
            else:
                codes.add(item)
    # "US$", "HK$", "C$": a letter prefix and a sign, which news may set apart or fold
    # ("US $5", "hk $ 10"); a one-letter prefix only in its own case ("C $4", not "a $5")
    prefixes = {
        (words[0] if len(words[0]) == 1 else words[0].lower(), words[1]): code
        for words, code in symbols.items()
        if len(words) == 2 and words[0].isalpha() and not words[1].isalnum() and words[1] != "."
    }
    identifier_phrases = frozenset(p for p in map(token_texts, words["identifier"]) if len(p) > 1)
    return Lexicon(
        scales,
        scales_cs,
        qualifiers,
        max(map(len, qualifiers)),
        frozenset(w for words in qualifiers for w in words),
        frozenset(words["price"]),
        frozenset(words["identifier"]),
        identifier_phrases,
        frozenset(words["sport"]),
        frozenset(words["heat"]),
        frozenset(words["million"]),
        frozenset(words["change"]),
        frozenset(words["sign"]),
        months,
        symbols,
        max(map(len, symbols)),
        currency_words,
        max(map(len, currency_words)),
        frozenset(codes - not_codes),
        factors,
        frozenset(words[0] for words in symbols),
        prefixes,
        frozenset(words[0] for words in prefixes if len(words[0]) > 1),
        frozenset(words[0] for words in currency_words),
        frozenset(phrase[-1] for phrase in identifier_phrases),
        _lengths_by_last_word(qualifiers),
    )


def _lengths_by_last_word(phrases: dict[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for words in phrases:
        lengths.setdefault(words[-1], set()).add(len(words))
    return {word: tuple(sorted(sizes, reverse=True)) for word, sizes in lengths.items()}

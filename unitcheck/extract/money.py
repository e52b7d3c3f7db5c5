"""Money: currency symbols and codes before the number ("$", "US$", "NT$", "USD"),
currency words and pence after it ("20 million yuan", "50 cents", "345p"), and when
"pounds" is sterling rather than mass.

The first of the unit stages: functions ``f(scan, ...)`` that read the currency of an
amount. It imports no other stage; ``unit_reader`` asks it whether a currency word
follows a number ("5m euros" is millions).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from ..errors import TableError
from ..tables import alternatives, rows
from ..text.context import words
from ..text.tokens import NUM, SYM, WORD, token_texts
from .lexicon import Lexicon, lexicon
from .numbers import WORD_STARTS, Number, parse_digits, parse_words
from .state import CLOSING, HYPHENS, SENTENCE_ENDS, Reading, Scan, title_case_at
from .surfaces import subunit_surfaces

#: "1080p" is a video resolution, not pence.
VIDEO_LINES = frozenset({144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0})


#: Words a shared currency falls back to when the text names no country.
_DEFAULT_SHARED = words("shared_currency_defaults")


#: Words beside "1.8 million pounds" that keep it a weight.
MASS_WORDS = words("mass_words")
#: Sterling words that are also a weight ("8 pounds"), read as money only with evidence.
_MASS_CURRENCY_WORDS = words("mass_currency_words")


_MONEY_TABLE = "money_en.tsv"


@dataclass(frozen=True, slots=True)
class MoneyWords:
    """``data/money_en.tsv``: money vocabulary that is neither a currency nor a subunit."""

    code_scales: dict[str, float]  # "M" -> 1e6 ("MUSD")
    headline_scales: dict[str, float]  # "mil" -> 1e6 ("US$12 mil")
    lower_codes: frozenset[str]  # "usd", "rmb"... written in lower case
    lower_prefixes: frozenset[str]  # "c" for "C$" in lower-cased copy
    negative_after: frozenset[str]  # "was ($99.99)"
    words_before: frozenset[str]  # "rupees 500 crore"
    name_codes: frozenset[str]  # "COP": also a name before a small figure ("COP28")
    folded_signs: dict[tuple[str, ...], str]  # ("PS",) -> "GBP": a sign ASCII-folded
    folded_starts: frozenset[str]  # "PS", "Y"
    starts: frozenset[str]  # every word above that may open an amount
    #: currency words several countries share -> (country-name starts, ISO code), in order
    shared_words: dict[str, tuple[tuple[tuple[str, ...], str], ...]]


@functools.cache
def money_words() -> MoneyWords:
    """Load ``data/money_en.tsv`` once.

    >>> words = money_words()
    >>> words.code_scales["M"], words.headline_scales["bil"], words.folded_signs[("PS",)]
    (1000000.0, 1000000000.0, 'GBP')
    """
    scales: dict[str, dict[str, float]] = {"code-scale": {}, "headline-scale": {}}
    plain: dict[str, set[str]] = {
        "lower-code": set(),
        "lower-prefix": set(),
        "negative-after": set(),
        "word-before": set(),
        "name-code": set(),
    }
    folded: dict[tuple[str, ...], str] = {}
    shared: list[tuple[int, list[str], list[str]]] = []
    countries: dict[str, tuple[str, ...]] = {}
    codes = lexicon().currency_codes
    for line, (category, cell, value) in rows(_MONEY_TABLE, 3):
        items = alternatives(cell)
        if category in scales:
            try:
                factor = float(value)
            except ValueError:
                raise TableError(_MONEY_TABLE, line, f"bad factor {value!r}") from None
            for item in items:
                scales[category][item if category == "code-scale" else item.lower()] = factor
        elif category in plain:
            if value != ("-1" if category == "negative-after" else "="):
                raise TableError(_MONEY_TABLE, line, f"bad value {value!r} for {category}")
            if category in ("lower-code", "name-code") and any(
                i.upper() not in codes for i in items
            ):
                raise TableError(_MONEY_TABLE, line, "not every surface is a currency code")
            if category == "name-code":
                plain[category].update(items)  # in their own case
            else:
                plain[category].update(i.lower() for i in items)
        elif category == "folded-sign":
            if value not in codes:
                raise TableError(_MONEY_TABLE, line, f"{value!r} is not a currency code")
            folded.update((token_texts(item), value) for item in items)
        elif category == "shared-word":
            shared.append((line, [i.lower() for i in items], alternatives(value)))
        elif category == "country-name":
            if value not in codes or value in countries:
                raise TableError(_MONEY_TABLE, line, f"{value!r} is no new currency code")
            countries[value] = tuple(i.lower() for i in items)
        else:
            raise TableError(_MONEY_TABLE, line, f"unknown category {category!r}")
    shared_words: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
    for line, surfaces, shared_codes in shared:
        if not shared_codes or any(c not in countries for c in shared_codes):
            raise TableError(_MONEY_TABLE, line, "every code needs a country-name row")
        candidates = tuple((countries[c], c) for c in shared_codes)
        shared_words.update((surface, candidates) for surface in surfaces)
    return MoneyWords(
        scales["code-scale"],
        scales["headline-scale"],
        frozenset(plain["lower-code"]),
        frozenset(plain["lower-prefix"]),
        frozenset(plain["negative-after"]),
        frozenset(plain["word-before"]),
        frozenset(plain["name-code"]),
        folded,
        frozenset(key[0] for key in folded),
        frozenset(
            set().union(*(plain[c] for c in ("lower-code", "lower-prefix", "word-before")))
            | {key[0] for key in folded}
        ),
        shared_words,
    )


#: The last answer of ``money_openers``, with the tables it was built from.
_OPENERS: list[tuple[Lexicon, MoneyWords, tuple[frozenset[str], frozenset[str]]]] = []


def money_openers(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The words that may open an amount ("US$", "USD", "usd", "HK", "MAUD"): as written
    (a symbol's first token, an ISO code, a code with a scale letter on it, the words of
    ``data/money_en.tsv``) and lower-cased (a country prefix), so the driver asks one set
    per token. Built once for the tables in use.
    """
    words = money_words()
    if _OPENERS and _OPENERS[0][0] is lex and _OPENERS[0][1] is words:
        return _OPENERS[0][2]
    scaled = {
        letter + code
        for letter in words.code_scales
        if len(letter) == 1
        for code in lex.currency_codes
        if len(code) == 3 and (letter + code).isupper()
    }  # "MUSD": what ``_code_scale`` reads
    texts = lex.currency_symbol_starts | lex.currency_codes | words.starts | scaled
    found = (frozenset(texts), lex.currency_prefix_starts)
    _OPENERS[:] = [(lex, words, found)]
    return found


def _code(scan: Scan, text: str) -> str | None:
    """The ISO code a word is: "USD", or "usd" where copy writes it in lower case."""
    if text in scan.lex.currency_codes:
        return text
    if text in money_words().lower_codes:
        return text.upper()
    return None


def _prefix(scan: Scan, text: str) -> str:
    """A country prefix folded as ``currency_prefixes`` keys it: "hk" for "HK", "C"
    for "C" (and for a lower-cased "c"), a one-letter prefix otherwise as written."""
    if len(text) > 1:
        return text.lower()
    return text.upper() if text in money_words().lower_prefixes else text


def _code_scale(scan: Scan, text: str) -> tuple[str, float] | None:
    """An ISO code with a scale letter written onto it: "MUSD" is millions of USD."""
    if len(text) != 4 or not text.isupper():
        return None
    factor = money_words().code_scales.get(text[0])
    if factor is None or text[1:] not in scan.lex.currency_codes:
        return None
    return text[1:], factor


def currency_symbol(scan: Scan, i: int) -> tuple[str, int] | None:
    """A currency written before the number, as a symbol or an ISO code."""
    tokens = scan.tokens
    lex = scan.lex
    if i >= scan.n:
        return None
    texts, prefixes = money_openers(lex)  # every way an amount may open, in two sets
    if tokens[i].text not in texts and tokens[i].low not in prefixes:
        if tokens[i].text not in prefixes:
            return None
    if tokens[i].text in money_words().words_before:
        return _word_before(scan, i)
    if tokens[i].text in money_words().folded_starts:
        return _folded_sign(scan, i)
    for length in range(min(lex.currency_symbol_longest, scan.n - i), 0, -1):
        words = tokens[i : i + length]
        key = tuple([t.text for t in words])
        if length > 1 and any([t.space for t in words[1:]]):
            # a country prefix set apart from its sign: "US $61.10", "HK $2.1bn"
            if length != 2 or not tokens[i].text.isalpha() or tokens[i + 1].newline:
                continue
            prefix = _prefix(scan, tokens[i].text)
            if len(prefix) == 1 and (i == 0 or tokens[i - 1].text in SENTENCE_ENDS):
                continue  # "A $5 fee" opens a sentence with an article
            code = lex.currency_prefixes.get((prefix, tokens[i + 1].text))
        else:
            code = lex.currency_symbols.get(key)
            if code is None and length == 2 and len(tokens[i].text) == 1:
                code = lex.currency_prefixes.get((_prefix(scan, tokens[i].text), key[1]))
            if code is None and length == 2 and len(tokens[i].text) > 1:
                code = lex.currency_prefixes.get((tokens[i].low, key[1]))
        if code is not None:
            if code == "ZAR" and not _rand_at(scan, i):
                return None
            if code == "INR" and tokens[i].text.startswith("Rs"):
                code = _country_currency(scan, code, "rupees") or code  # Karachi's "Rs"
            return code, i + length
    t = tokens[i]
    code = _code(scan, t.text)
    if code is not None and i + 2 < scan.n and not tokens[i + 1].space:
        sign = tokens[i + 1]
        if sign.kind == SYM and (sign.text,) in lex.currency_symbols:
            return code, i + 2  # a code glued to its sign: "nzd$15", "MXN$ 15"
    scaled = _code_scale(scan, t.text)
    if scaled is not None:
        code = scaled[0]  # "MAUD 60": the scale is read after the number
    if code is not None and i + 1 < scan.n and tokens[i + 1].kind == NUM:
        if t.text in money_words().name_codes and _small_bare_figure(scan, i + 1):
            return None  # "COP28", "COP 29": a conference, not Colombian pesos
        return code, i + 1
    return None


def _small_bare_figure(scan: Scan, k: int) -> bool:
    """Is the figure at ``k`` a whole number of one or two digits with no scale after
    it, which nothing shows to be money ("COP28", not "COP 28,000" or "COP28m")?"""
    number = scan.tokens[k]
    if not number.text.isdigit() or len(number.text) > 2:
        return False
    after = scan.tokens[k + 1] if k + 1 < scan.n else None
    return after is None or after.low not in scan.lex.scales


def _word_before(scan: Scan, i: int) -> tuple[str, int] | None:
    """A currency word before its number ("rupees 500 crore", "dollar 22.5 million"),
    only when the amount has a spelled scale or thousands."""
    tokens = scan.tokens
    found = currency_word_at(scan, i)
    if found is None or found[1] != i + 1 or i + 2 >= scan.n:
        return None
    number, after = tokens[i + 1], tokens[i + 2]
    if number.kind != NUM or not number.space or number.newline:
        return None
    scaled = after.kind == WORD and len(after.low) > 3 and after.low in scan.lex.scales
    if not scaled and "," not in number.text:
        return None
    return found[0], i + 1


def _folded_sign(scan: Scan, i: int) -> tuple[str, int] | None:
    """A sign an ASCII-folded feed wrote as letters ("PS4.5m" for £4.5m, "Y=120
    billion" for ¥120 billion): only straight onto an amount that shows it is money,
    with decimals, thousands or a scale ("PS5" is a games console)."""
    tokens = scan.tokens
    for key, code in money_words().folded_signs.items():
        end = i + len(key)
        if end >= scan.n or tuple(tokens[m].text for m in range(i, end)) != key:
            continue
        if any(tokens[m].space for m in range(i + 1, end + 1)):
            continue  # written together: "PS12.50", not "PS 12"
        if i > 0 and not tokens[i].space and tokens[i - 1].kind in (WORD, NUM):
            continue
        number = tokens[end]
        if number.kind != NUM:
            continue
        after = tokens[end + 1] if end + 1 < scan.n else None
        scaled = after is not None and after.low in scan.lex.scales and not after.newline
        if "," in number.text or "." in number.text or scaled:
            return code, end
    return None


def _rand_at(scan: Scan, i: int) -> bool:
    """A bare "R" is the rand only when written onto an amount ("R75,000", "R18.74",
    "R2bn", a figure of four digits or more, any figure in a text that names the rand),
    not in a name or a code ("R2-D2", "R101", "the R5", "a BMW R1200")."""
    tokens = scan.tokens
    if i + 1 >= scan.n or tokens[i + 1].kind != NUM or tokens[i + 1].space:
        return False
    if i > 0 and not tokens[i].space and tokens[i - 1].kind in (WORD, NUM):
        return False
    after = tokens[i + 2] if i + 2 < scan.n else None
    if after is not None and not after.space:
        if after.kind == NUM or (after.kind == WORD and after.low not in scan.lex.scales):
            return False  # "R2D2", "R4a"
        if after.kind == SYM and after.text not in CLOSING:
            return False  # "R2-D2"
    if after is not None and after.low in scan.lex.scales:
        return True  # "R2bn", "R5 million"
    number = tokens[i + 1].text
    if "," in number or "." in number or _price_context(scan, i, i + 1):
        return True
    if _names_currency(scan, "ZAR"):
        return True  # "the rand slid to R1874"
    before = tokens[i - 1] if i > 0 else None
    brand = (
        before is not None
        and before.kind == WORD
        and before.text[0].isupper()
        and i >= 2
        and tokens[i - 2].text not in SENTENCE_ENDS
        and not title_case_at(scan, i)  # "Storm Brings R1874 To Coast": every word has one
    )
    return len(number) >= 4 and not brand  # "Now R1874."; not "a BMW R1200", "the R101"


def _names_currency(scan: Scan, code: str) -> bool:
    """Does the text name the currency ``code`` in a word of its own ("rand")?"""
    names = scan.lex.currency_words
    return any(t.kind == WORD and names.get((t.low,)) == code for t in scan.tokens)


def _country_currency(scan: Scan, code: str, word: str) -> str | None:
    """The currency of a word several countries share, from the countries the text
    names: "kroner" beside "Danish" is DKK; "shillings" beside "Kenya" is KES."""
    candidates = money_words().shared_words.get(word)
    if candidates is None:
        return code
    lowered = scan.text.lower()
    for stems, country_code in candidates:
        if any(stem in lowered for stem in stems):
            return country_code
    return code if word in _DEFAULT_SHARED else None


def currency_after(scan: Scan, reading: Reading, j: int) -> int:
    """A currency after the number: "20 million yuan", "50 cents", "15€"."""
    if j >= scan.n:
        return j
    tokens = scan.tokens
    t = tokens[j]
    if t.text == "p" and not t.space and _pence(scan, reading, j):
        # "345p", "20p in the pound": pence
        return _subunit(scan, reading, j, j + 1, "GBP", ("pence",))
    if t.text in HYPHENS and not t.space and j + 1 < scan.n and not tokens[j + 1].space:
        return _hyphenated_money(scan, reading, j)
    if t.kind == SYM and (t.text,) in scan.lex.currency_symbols:
        after = tokens[j + 1] if j + 1 < scan.n else None
        code = scan.lex.currency_symbols[(t.text,)]
        if after is None or after.kind != NUM or _sign_closes(scan, reading, j, code):
            reading.currency = code
            return _second_part(scan, reading, j + 1, bare=False, glued=_cents_glued(scan, j))
        return j
    found = currency_word_at(scan, j)
    if found is None:
        return j
    code, end = found
    if (
        code == "GBP"
        and t.low in _MASS_CURRENCY_WORDS
        and not _price_context(scan, reading.first, j)
        and not _big_sterling(scan, reading, j)
    ):
        return j  # a mass, not money: "8 pounds", "2 million pounds of cocaine"
    key = tuple(tokens[m].low for m in range(j, end))
    if key in scan.lex.currency_factors:
        written = tuple(tokens[m].text for m in range(j, end))
        return _subunit(scan, reading, j, end, code, written)
    reading.currency = code
    scaled = _code_scale(scan, t.text)
    if scaled is not None and reading.scale == 1:
        reading.scale, reading.scale_end = scaled[1], end  # "30 MUSD"
    elif _code(scan, t.text) is not None:
        end = _scale_after_code(scan, reading, end)  # "75 USD million"
    return _second_part(scan, reading, end, bare=True)


def _sign_closes(scan: Scan, reading: Reading, j: int, code: str) -> bool:
    """Does the sign at ``j``, between two figures, close the first amount rather
    than open the next? It does when set apart from the figure after it (but "$"
    opens: "costs 10 $ 30"), when that figure carries the currency itself, after it
    ("10 $ 30 $", "10 $ 30 cents"), and when the two figures and the sign are written
    as one word with the hundredths last ("15€50" is 15.50 euros)."""
    tokens = scan.tokens
    after = tokens[j + 1]
    if after.space and tokens[j].text != "$":
        return True
    if _cents_glued(scan, j):
        return True
    part = parse_digits(tokens, j + 1)
    if part is None or part.end >= scan.n:
        return False
    if tokens[part.end].text == tokens[j].text:
        return True  # "10 $ 30 $": each figure has its sign after it
    found = currency_word_at(scan, part.end)
    if found is None or found[0] != code:
        return False
    key = tuple(tokens[m].low for m in range(part.end, found[1]))
    return key in scan.lex.currency_factors  # "10 $ 30 cents"


def _cents_glued(scan: Scan, j: int) -> bool:
    """Is the sign at ``j`` written between a whole figure and two digits, with no
    space and nothing written onto the digits ("15€50", "3$99"), as European prices
    set the hundredths after the sign?"""
    tokens = scan.tokens
    if j + 1 >= scan.n or tokens[j].space or tokens[j + 1].space:
        return False
    digits = tokens[j + 1]
    if digits.kind != NUM or len(digits.text) != 2 or not digits.text.isdigit():
        return False
    if not tokens[j - 1].text.isdigit():
        return False
    end = j + 2
    return end >= scan.n or tokens[end].space or tokens[end].text in CLOSING


def _scale_after_code(scan: Scan, reading: Reading, end: int) -> int:
    """A spelled scale after a code that follows its number: "75 USD million"."""
    if reading.scale != 1 or end >= scan.n:
        return end
    t = scan.tokens[end]
    factor = scan.lex.scales.get(t.low)
    if t.kind != WORD or t.newline or factor is None or len(t.low) <= 3:
        return end
    reading.scale, reading.scale_end = factor, end + 1
    return end + 1


def _hyphenated_money(scan: Scan, reading: Reading, j: int) -> int:
    """A currency as a hyphenated adjective: "a 12-cent dividend", "a one-yen bid",
    "a 2 billion-pound deal" (sterling); "a 10-pound turkey" stays a mass."""
    tokens = scan.tokens
    found = currency_word_at(scan, j + 1)
    if found is None:
        return j
    code, end = found
    word = tokens[j + 1].low
    if code == "GBP" and word in _MASS_CURRENCY_WORDS:
        if not _big_sterling(scan, reading, j) and not _price_context(scan, reading.first, j):
            return j  # "a 10-pound turkey"
    key = tuple(tokens[m].low for m in range(j + 1, end))
    if key in scan.lex.currency_factors:
        words = tuple(tokens[m].text for m in range(j + 1, end))
        got = _subunit(scan, reading, j + 1, end, code, words)
        return got if got == end else j
    reading.currency = code
    return end


def money_tail(scan: Scan, reading: Reading, j: int) -> int:
    """After an amount whose currency came first: a scale on the code ("MAUD 60"),
    set apart as headlines do ("US$12 mil", "$3.4 bil") or hyphenated ("$400-M"),
    and the brackets of an accounting negative ("($99.99)" is -99.99)."""
    tokens = scan.tokens
    if reading.scale == 1:
        scaled = _code_scale(scan, tokens[reading.first].text)
        if scaled is not None:
            reading.scale = scaled[1]
        elif j < scan.n and not tokens[j].newline:
            j = _headline_scale(scan, reading, j)
    if (
        j < scan.n
        and tokens[j].text == ")"
        and reading.first > 0
        and tokens[reading.first - 1].text == "("
        and not reading.negative
        and _accounting_bracket(scan, reading.first - 1)
    ):
        reading.negative = True  # the brackets hold nothing but the amount
        reading.first -= 1
        return j + 1
    return j


def _headline_scale(scan: Scan, reading: Reading, j: int) -> int:
    t = scan.tokens[j]
    factor = money_words().headline_scales.get(t.low)
    if factor is not None:
        reading.scale, reading.scale_end = factor, j + 1  # "US$12 mil"
        return j + 1
    if t.text not in HYPHENS or t.space or j + 1 >= scan.n:
        return j
    after = scan.tokens[j + 1]
    factor = scan.lex.scales_cs.get(after.text) or scan.lex.scales.get(after.low)
    if after.space or after.kind != WORD or factor is None:
        return j
    nxt = scan.tokens[j + 2] if j + 2 < scan.n else None
    if nxt is not None and not nxt.space and nxt.kind in (WORD, NUM):
        return j  # "$5-Mart": a name
    reading.scale, reading.scale_end = factor, j + 2  # "$400-M"
    return j + 2


def _accounting_bracket(scan: Scan, k: int) -> bool:
    """Does the bracket at ``k`` mark a negative: at the start of a line, or after a
    word that states an amount ("was ($99.99)"), never after a figure it restates?"""
    bracket = scan.tokens[k]
    if k == 0 or bracket.newline:
        return True
    return scan.tokens[k - 1].low in money_words().negative_after


def _second_part(
    scan: Scan, reading: Reading, j: int, *, bare: bool, glued: bool = False
) -> int:
    """An amount in two parts, the currency then its subunit: "3 dollars 50 cents",
    "thirteen dollars and forty-five cents"; with *bare*, also the hundredths
    alone at the end of a clause ("15 dollars and 50.", "17 USD 25"), and with
    *glued* the hundredths written onto the sign ("15€50"). The whole becomes one
    amount (3.5 USD); ``j`` when nothing of the kind follows, as in "15 dollars and
    15 staff"."""
    number = reading.number
    tokens = scan.tokens
    if number is None or reading.scale != 1 or not _whole(number.value):
        return j
    k = j + 1 if j < scan.n and tokens[j].low == "and" and not tokens[j].newline else j
    if k >= scan.n or tokens[k].newline:
        return j
    part = _whole_part(scan, k)
    if part is None:
        return j
    end = part.end
    found = currency_word_at(scan, end) if end < scan.n else None
    subunit = None
    if found is not None and found[0] == reading.currency:
        words = tuple(tokens[m].text for m in range(end, found[1]))
        if tuple(w.lower() for w in words) in scan.lex.currency_factors:
            subunit = subunit_surfaces().match(words)
    if subunit is not None:
        assert found is not None
        share, end = subunit.factor, found[1]
    elif glued and k == j:
        share = 0.01  # "15€50": _cents_glued checked the digits
    elif bare and _clause_ends(scan, end) and (part.words or len(tokens[k].text) == 2):
        share = 0.01  # "15 dollars and 50." is fifty cents
    else:
        return j
    if part.value * share >= 1:
        return j  # "3 dollars 150 cents" is not how an amount is split
    reading.number = Number(number.value + part.value * share, share, number.end, number.words)
    return end


def _whole_part(scan: Scan, k: int) -> Number | None:
    """A whole number at ``k`` in digits ("50") or words ("forty-five")."""
    t = scan.tokens[k]
    if t.kind == NUM and t.text.isdigit():
        part = parse_digits(scan.tokens, k)
    elif t.kind == WORD and t.low in WORD_STARTS and t.low not in ("a", "an"):
        part = parse_words(scan.tokens, k)
    else:
        return None
    if part is None or part.value < 1 or not _whole(part.value):
        return None
    return part


def _clause_ends(scan: Scan, k: int) -> bool:
    """Does the text or a clause end at token ``k`` ("...and 50.", "...and 50, then")?"""
    return k >= scan.n or scan.tokens[k].newline or scan.tokens[k].text in CLOSING


def _subunit(
    scan: Scan, reading: Reading, j: int, end: int, code: str, words: tuple[str, ...]
) -> int:
    """Money in a subunit ("27 cents", "12 sen"), kept as written; ``j`` if the
    subunit's case rules it out ("12 Sen." is a senator's title, not money)."""
    subunit = subunit_surfaces().match(words)
    if subunit is None:
        return j
    reading.currency, reading.subunit, reading.unit_factor = code, subunit.unit, subunit.factor
    return end


def one_coin(scan: Scan, reading: Reading, i: int) -> int | None:
    """ "a penny", "a dime", "an NZ cent": the article counts one of a subunit whose
    row says so; the end of the amount, or None ("a penny-pincher" is no amount)."""
    tokens = scan.tokens
    if tokens[i].low not in ("a", "an") or reading.currency is not None or i + 1 >= scan.n:
        return None
    found = currency_word_at(scan, i + 1)
    if found is None:
        return None
    code, end = found
    words = tuple(tokens[m].text for m in range(i + 1, end))
    if tuple(w.lower() for w in words) not in scan.lex.currency_factors:
        return None
    subunit = subunit_surfaces().match(words)
    if subunit is None or not subunit.one:
        return None
    if end < scan.n and tokens[end].text in HYPHENS and not tokens[end].space:
        return None  # "a penny-pincher", "a dime-store novel"
    reading.number = Number(1.0, 1.0, i + 1, True)
    reading.currency, reading.subunit, reading.unit_factor = code, subunit.unit, subunit.factor
    reading.article = True
    return end


def _pence(scan: Scan, reading: Reading, j: int) -> bool:
    """ "345p" is pence unless it names a video resolution ("1080p")."""
    assert reading.number is not None
    return reading.scale == 1 and pence_after(scan, reading.number.value, j)


def pence_after(scan: Scan, value: float, j: int) -> bool:
    """Is token ``j`` a "p" written onto a figure of ``value`` that makes it pence
    ("1453p a litre", "238p")? Not a video resolution ("1080p") nor part of a code
    ("4p4")."""
    if j >= scan.n:
        return False
    t = scan.tokens[j]
    if t.text != "p" or t.space:
        return False
    after = scan.tokens[j + 1] if j + 1 < scan.n else None
    if after is not None and not after.space and after.kind in (WORD, NUM):
        return False
    return value not in VIDEO_LINES


def currency_word_at(scan: Scan, j: int) -> tuple[str, int] | None:
    tokens = scan.tokens
    if j >= scan.n or tokens[j].kind != WORD:
        return None
    code = _code(scan, tokens[j].text)
    if code is not None:
        if j + 1 < scan.n and tokens[j + 1].kind == NUM and not tokens[j + 1].space:
            return None  # "3 USD50 cards": the code is written onto the next amount
        return code, j + 1
    scaled = _code_scale(scan, tokens[j].text)
    if scaled is not None:
        return scaled[0], j + 1  # "30 MUSD"
    if tokens[j].low not in scan.lex.currency_word_starts:
        return None  # most words open no currency name: no tuple look-ups for them
    for length in range(min(scan.lex.currency_word_longest, scan.n - j), 0, -1):
        code = scan.lex.currency_words.get(tuple([t.low for t in tokens[j : j + length]]))
        if code is not None:
            if code == "KRW" and tokens[j].low == "won" and not _won_is_money(scan, j):
                return None  # "won" is far more often the verb
            if code == "BRL" and tokens[j].low == "real":
                return None
            if length == 1:
                shared = _country_currency(scan, code, tokens[j].low)
                if shared is None:
                    return None  # "three crowns": no country, no money
                code = shared
            return code, j + length
    return None


def _won_is_money(scan: Scan, j: int) -> bool:
    """ "2.43 trillion won", "50,000 won", "550.0 won" are the currency (a count of
    winners has no thousands and no decimals); "12 won seats" is the verb."""
    if j == 0:
        return False
    prev = scan.tokens[j - 1]
    if prev.low in scan.lex.scales and j >= 2 and scan.tokens[j - 2].kind == NUM:
        return True
    if prev.kind == NUM and ("," in prev.text or "." in prev.text or len(prev.text) >= 4):
        return True
    return _price_context(scan, max(0, j - 3), j)


def _big_sterling(scan: Scan, reading: Reading, j: int) -> bool:
    """ "1.8 billion pounds" is money unless mass is named right there ("of thrust",
    "weighing"); a restatement of a dollar sum, "$3.5bn (2.8 billion pounds)", is too."""
    tokens = scan.tokens
    first = reading.first
    if first >= 2 and tokens[first - 1].text == "(":
        k = first - 2
        while k >= 0 and k >= first - 5 and tokens[k].kind != SYM:
            k -= 1
        if k >= 0 and tokens[k].text in scan.lex.currency_symbol_starts:
            return True  # "$3.5 billion (2.8 billion pounds)"
    if reading.scale < 1e6 or tokens[j - 1].kind != WORD or len(tokens[j - 1].text) < 4:
        return False  # "2m pounds" may be metres-style shorthand; only spelled scales
    if j + 1 < scan.n and tokens[j + 1].low == "of":
        return False  # "2 million pounds of beef", "of thrust"
    window = range(max(0, first - 6), min(scan.n, j + 4))
    return not any(tokens[k].low in MASS_WORDS for k in window)


def _price_context(scan: Scan, first: int, j: int) -> bool:
    price = scan.lex.price_words
    if any(scan.tokens[k].low in price for k in range(max(0, first - 8), min(scan.n, j + 4))):
        return True
    return j + 1 < scan.n and scan.tokens[j + 1].low == "sterling"


def _whole(value: float) -> bool:
    """A whole number of units ("15 dollars"); never true of an infinite figure."""
    return math.isfinite(value) and value == int(value)

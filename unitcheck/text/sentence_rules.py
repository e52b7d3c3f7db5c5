"""spaCy's sentence boundaries without spaCy: its blank English tokenizer and its
sentencizer, redone in plain Python on the rules ``scripts/gen_sentence_rules.py`` copies
out of spaCy into ``data/sentence_rules_en.tsv``.

``import spacy`` and ``spacy.blank("en")`` cost most of a second, which every cold
``unitcheck lint`` or ``compare`` paid for a rule this simple: a sentence starts at the
first token that is neither punctuation nor a sentence-final character, after a token
that *is* one sentence-final character ("." "!" "?" "…" …). So the boundaries depend on
only two things, and this module reproduces both exactly:

* where the tokenizer leaves a sentence-final character standing as a token of its own.
  It cuts the text at whitespace, then each piece by spaCy's algorithm: exceptions
  ("U.S.", "Mr.", "e.g.", "10a.m.") kept as they are, prefixes and suffixes split off
  (a point after a lower-case letter, a figure, a quote or two capitals, not after one
  capital), a URL kept whole, infixes split ("end.Next"), and at last the exceptions
  its affix rules had cut (":)", "10a.m.") matched again across the tokens;
* which tokens are punctuation (every character of Unicode category P), which spaCy's
  sentencizer passes over before starting a sentence (quotes, brackets).

The rules are spaCy's own regular expressions and exception list, so nothing here is
typed by hand; ``tests/test_sentences.py`` keeps spaCy as the reference and checks that
both give the same boundaries.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

__all__ = ["Rules", "rules", "tokens", "sentence_spans", "final_chars", "forget"]

Span = tuple[int, int]
Token = tuple[int, str]  # (offset in the line, text)

#: A run of whitespace or of anything else: ``str.isspace`` and ``\\s`` agree on every
#: code point, and spaCy's tokenizer cuts at the changes between the two.
_RUNS = re.compile(r"\s+|\S+")


@dataclass(frozen=True, eq=False)
class Rules:
    """What spaCy's tokenizer and sentencizer decide boundaries with."""

    punct_chars: frozenset[str]
    prefix: Callable[[str], re.Match[str] | None]
    suffix: Callable[[str], re.Match[str] | None]
    infixes: Callable[[str], list[re.Match[str]]]
    url: Callable[[str], re.Match[str] | None]
    specials: dict[str, tuple[str, ...]]
    #: first token of a phrase -> (its tokens, the exception's text), longest first
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]


@functools.cache
def rules() -> Rules:
    """Read ``sentence_rules_en.tsv`` once per process."""
    table = resources.files("unitcheck.data").joinpath("sentence_rules_en.tsv")
    punct: set[str] = set()
    patterns: dict[str, str] = {}
    specials: dict[str, tuple[str, ...]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    rows = [
        line.split("\t")
        for line in table.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    # each cell is one JSON value: the whole table is decoded in one call, not 3,500
    cells = json.loads("[" + ",".join(",".join(row[1:]) for row in rows) + "]")
    at = 0
    for row in rows:
        kind = row[0]
        decoded = cells[at : at + len(row) - 1]
        at += len(row) - 1
        if kind == "punct":
            punct.add(decoded[0])
        elif kind in ("prefix", "suffix", "infix", "url"):
            patterns[kind] = decoded[0]
        elif kind == "special":
            specials[decoded[0]] = tuple(decoded[1])
        elif kind == "phrase":
            orths = tuple(decoded[1])
            phrases.setdefault(orths[0], []).append((orths, decoded[0]))
        else:
            raise ValueError(f"sentence_rules_en.tsv: unknown rule kind {kind!r}")
    infix = _compiled(patterns["infix"])
    return Rules(
        punct_chars=frozenset(punct),
        prefix=_on_first_call(patterns["prefix"], "search"),
        suffix=_on_first_call(patterns["suffix"], "search"),
        infixes=lambda text: list(infix().finditer(text)),
        url=_on_first_call(patterns["url"], "match"),
        specials=specials,
        phrases={k: tuple(v) for k, v in phrases.items()},
    )


def _compiled(source: str) -> Callable[[], re.Pattern[str]]:
    """*source* compiled when first asked for: spaCy's affix and URL expressions take
    about 30 ms to compile, which a cold run whose pieces the shortcuts of ``_steps``
    decide never needs to pay."""
    return functools.cache(lambda: re.compile(source))


def _on_first_call(source: str, method: str) -> Callable[[str], re.Match[str] | None]:
    pattern = _compiled(source)
    return lambda text: getattr(pattern(), method)(text)


def _split(piece: str, r: Rules) -> tuple[str, ...]:
    """The tokens of one whitespace-free piece (or one run of whitespace), as spaCy's
    ``Tokenizer._split_affixes`` and ``_attach_tokens`` cut it."""
    specials = r.specials
    if piece in specials:
        return specials[piece]
    prefixes: list[str] = []
    suffixes: list[str] = []
    string = piece
    last_size = 0
    while string and len(string) != last_size:
        if string in specials:
            break
        last_size = len(string)
        found = r.prefix(string)
        pre_len = found.end() - found.start() if found is not None else 0
        if pre_len:
            prefix = string[:pre_len]
            minus_pre = string[pre_len:]
            if minus_pre and minus_pre in specials:
                string = minus_pre
                prefixes.append(prefix)
                break
        found = r.suffix(string[pre_len:])
        suf_len = found.end() - found.start() if found is not None else 0
        if suf_len:
            suffix = string[-suf_len:]
            minus_suf = string[:-suf_len]
            if minus_suf and minus_suf in specials:
                string = minus_suf
                suffixes.append(suffix)
                break
        if pre_len and suf_len and pre_len + suf_len <= len(string):
            string = string[pre_len:-suf_len]
            prefixes.append(prefix)
            suffixes.append(suffix)
        elif pre_len:
            string = minus_pre
            prefixes.append(prefix)
        elif suf_len:
            string = minus_suf
            suffixes.append(suffix)
    out = prefixes
    if string:
        if string in specials:
            out.extend(specials[string])
        elif "." in string and r.url(string):  # both of its alternatives need a point
            out.append(string)
        elif string.isalnum():  # every infix has a character that is not
            out.append(string)
        else:
            start = 0
            for match in r.infixes(string):
                infix_start, infix_end = match.start(), match.end()
                if infix_start == 0:
                    continue
                if infix_start != start:
                    out.append(string[start:infix_start])
                if infix_start != infix_end:
                    out.append(string[infix_start:infix_end])
                start = infix_end
            if string[start:]:
                out.append(string[start:])
    out.extend(reversed(suffixes))
    return tuple(out)


#: A line whose only whitespace is single spaces between words, the usual case, is cut
#: with ``str.split``; any other goes through ``_RUNS``.
_ODD_SPACE = re.compile(r"[^\S ]|  |^ | $")


def _pieces(line: str) -> list[tuple[int, str]]:
    """The pieces spaCy's tokenizer cuts *line* into before any rule, with their offsets:
    the runs of non-space, and the runs of whitespace less the one space after a word."""
    if _ODD_SPACE.search(line) is None:
        out = []
        offset = 0
        for piece in line.split(" "):
            out.append((offset, piece))
            offset += len(piece) + 1
        return out
    out = []
    for run in _RUNS.finditer(line):
        start = run.start()
        piece = run.group()
        if start and piece[0] == " ":  # the one space after a word
            start += 1
            piece = piece[1:]
            if not piece:
                continue
        out.append((start, piece))
    return out


@dataclass(frozen=True, slots=True)
class _Cut:
    """One piece's tokens and what the sentencizer does on them."""

    #: the tokens, each as its offset in the piece and its text
    tokens: tuple[Token, ...]
    #: spaCy's phrase step matches inside the piece: only the whole line's tokens tell
    #: what it makes of it
    matched: bool
    #: for a line that has (index 1) or has not (0) seen a sentence-final token before the
    #: piece: the offsets in the piece where sentences start, and whether one has been
    #: seen after it
    steps: tuple[tuple[tuple[int, ...], bool], tuple[tuple[int, ...], bool]]


#: Pieces already cut: a text repeats its words, and a revised copy most of the original.
_CUT: dict[str, _Cut] = {}
_CUT_LIMIT = 200_000


def _cut(piece: str, r: Rules) -> _Cut:
    found = _CUT.get(piece)
    if found is None:
        toks: list[Token] = []
        offset = 0
        for text in _split(piece, r):
            toks.append((offset, text))
            offset += len(text)
        matched = bool(_phrase_matches(toks, r))
        steps = []
        for seen in (False, True):
            starts = []
            for offset, text in toks:
                if text in r.punct_chars:
                    seen = True
                elif seen and not _is_punct(text):
                    starts.append(offset)
                    seen = False
            steps.append((tuple(starts), seen))
        found = _Cut(tuple(toks), matched, (steps[0], steps[1]))
        if len(_CUT) < _CUT_LIMIT:
            _CUT[piece] = found
    return found


#: A point between digits ("3.5", "£96.5bn"): never a token of its own for spaCy.
_INNER_POINT = re.compile(r"(?<=[0-9])\.(?=[0-9])")
_DIGIT = re.compile(r"[0-9]")
#: A word of ASCII letters and digits ending in a lower-case letter or a digit, then
#: what may close its sentence: one sentence-final character among closing quotes and
#: brackets ("km.", "said.”", "km).").
_CLOSED_WORD = re.compile(
    r"([A-Za-z0-9]*[a-z0-9])([\"'\u201d\u2019)\]]*)([.!?])([\"'\u201d\u2019)\]]*)"
)

#: Opening quotes and brackets before a letter or a digit.
_OPENED = re.compile(r"([\"\u201c(\[]+)[A-Za-z0-9]")

#: The walk of a piece holding no sentence-final character, starting with no punctuation:
#: no sentence ends in it, and one starts at its first character when one had ended.
_NO_END = (((), False), ((0,), False))
#: The walk of a plain word closed by a sentence-final character ("km.", "said.”"): the
#: character stands alone and ends the sentence the word is in (or starts).
_END = (((), True), ((0,), True))

Steps = tuple[tuple[tuple[int, ...], bool], tuple[tuple[int, ...], bool]]


@functools.cache
def final_chars() -> re.Pattern[str]:
    """The sentencizer's sentence-final characters, as one character class."""
    chars = rules().punct_chars
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _steps(piece: str, r: Rules) -> tuple[Steps, bool]:
    """``_cut(piece)``'s steps (what the sentencizer does in the piece) and whether
    spaCy's phrase step matches in it, decided without the tokenizer for the usual
    shapes, where spaCy's affix rules cannot make or unmake a boundary:

    * no sentence-final character but points between digits, and no punctuation first
      ("said,", "965km", "£96.5bn,"): whatever its tokens, none ends a sentence (no
      rule cuts a point off between digits), and the first holds the piece's first
      character, which is not punctuation, so a sentence can start there. The phrase
      step regroups characters, none of them a sentence-final token: it changes
      nothing here;
    * the same after opening quotes or brackets (\"Heatwaves, "(for"): each is a
      prefix, cut off as a token of punctuation, and a sentence can start after them,
      unless the piece is an exception or starts with a phrase;
    * a plain word closed by one sentence-final character among closing quotes and
      brackets ("km.", "said.”", "km)."): the affix rules cut each closing character
      off, the sentence-final one included, unless what is left on the way is an
      exception ("Mr.", "etc.)", "p.m."), and the phrase step may glue them again
      only where a phrase is spelled on token boundaries: in the closing characters,
      or, when a figure splits the word ("10m." is "10", "m", "."), at its end ("m.").

    ``tests/test_sentences.py`` checks every shortcut against the tokenizer and spaCy."""
    found = _STEPS.get(piece)
    if found is None or found[0] is not r:
        found = (r, *_decide_steps(piece, r))
        if len(_STEPS) < _CUT_LIMIT:
            _STEPS[piece] = found
    return found[1], found[2]


#: What ``_steps`` decided for each piece, with the rules it used.
_STEPS: dict[str, tuple[Rules, Steps, bool]] = {}


def _decide_steps(piece: str, r: Rules) -> tuple[Steps, bool]:
    phrases = _phrase_keys(r)
    bare = _INNER_POINT.sub("", piece) if "." in piece else piece
    if final_chars().search(bare) is None:
        if unicodedata.category(piece[0])[0] != "P":
            return _NO_END, False
        opened = _OPENED.match(piece)
        if (
            opened is not None
            and piece not in r.specials
            and not any(piece[:j] in phrases for j in range(1, len(piece) + 1))
        ):
            return (((), False), ((opened.end(1),), False)), False
    else:
        closed = _CLOSED_WORD.fullmatch(piece)
        if closed is not None and _closes(piece, closed, r.specials, phrases):
            return _END, False
    cut = _cut(piece, r)
    return cut.steps, cut.matched


def _closes(
    piece: str, closed: re.Match[str], specials: dict[str, object], phrases: frozenset[str]
) -> bool:
    """The premises of the third shortcut of ``_steps`` for a piece of that shape."""
    word = closed.end(1)
    if any(piece[:end] in specials for end in range(word, len(piece) + 1)):
        return False
    first = 1 if _DIGIT.search(piece, 0, word) else word  # where a token may start
    return not any(
        piece[i:j] in phrases
        for i in range(first, len(piece))
        for j in range(i + 1, len(piece) + 1)
        if (i, j) != (0, len(piece))
    )


@functools.lru_cache(maxsize=2)
def _phrase_keys(r: Rules) -> frozenset[str]:
    """The text of every phrase spaCy's phrase step matches across tokens."""
    return frozenset(key for candidates in r.phrases.values() for _orths, key in candidates)


def forget() -> None:
    """Empty the cache of cut pieces (to time a first cut, as ``scripts/scaling.py`` does
    for spaCy's own cache)."""
    _CUT.clear()
    _STEPS.clear()


def tokens(line: str) -> list[Token]:
    """spaCy's tokens of *line* (``spacy.blank("en").tokenizer(line)``), each as its
    offset and text. One space after a word belongs to it and is no token; any other
    whitespace is a token of its own."""
    r = rules()
    out: list[Token] = []
    for start, piece in _pieces(line):
        out.extend((start + offset, text) for offset, text in _cut(piece, r).tokens)
    return _match_phrases(line, out, r)


def _phrase_matches(toks: list[Token], r: Rules) -> list[tuple[int, int]]:
    """Every run of tokens (first index, end index) that spells one of spaCy's phrases."""
    phrases = r.phrases
    matches: list[tuple[int, int]] = []
    n = len(toks)
    for i, (_, text) in enumerate(toks):
        candidates = phrases.get(text)
        if candidates is None:
            continue
        for orths, _key in candidates:
            end = i + len(orths)
            if end <= n and all(toks[i + k][1] == o for k, o in enumerate(orths)):
                matches.append((i, end))
    return matches


def _match_phrases(line: str, toks: list[Token], r: Rules) -> list[Token]:
    """``Tokenizer._apply_special_cases``: exceptions found as a run of tokens become the
    exception's own tokens, longest (then leftmost) match first, as spaCy filters them."""
    matches = _phrase_matches(toks, r)
    if not matches:
        return toks
    # spaCy sorts by length, then by start descending, and walks from the end
    matches = sorted(set(matches), key=lambda m: (m[1] - m[0], -m[0]))
    seen: set[int] = set()
    kept: list[tuple[int, int]] = []
    for start, end in reversed(matches):
        if start not in seen and end - 1 not in seen:
            kept.append((start, end))
        seen.update(range(start, end))
    kept.sort()
    out: list[Token] = []
    i = 0
    for start, end in kept:
        out.extend(toks[i:start])
        first = toks[start][0]
        last_offset, last_text = toks[end - 1]
        special = r.specials.get(line[first : last_offset + len(last_text)])
        if special is None:  # a run with a space inside: spaCy keeps its tokens
            out.extend(toks[start:end])
        else:
            offset = first
            for text in special:
                out.append((offset, text))
                offset += len(text)
        i = end
    out.extend(toks[i:])
    return out


@functools.lru_cache(maxsize=4096)
def _is_punct(text: str) -> bool:
    """spaCy's ``is_punct``: every character is of a Unicode punctuation category."""
    return all(unicodedata.category(ch)[0] == "P" for ch in text)


def sentence_spans(line: str) -> list[Span]:
    """The sentences spaCy's sentencizer finds in *line*, as untrimmed character spans
    from the first character of a sentence's first token to the end of its last.

    Piece by piece, each piece's part of the sentencizer's walk remembered with its cut;
    a line where spaCy's phrase step matches inside a piece is walked token by token."""
    if not line:
        return []
    r = rules()
    pieces = _pieces(line)
    walks = [_steps(piece, r) for _, piece in pieces]
    if not pieces or any(matched for _, matched in walks):
        return _walk(tokens(line), r)
    starts = [pieces[0][0]]
    ends = []
    seen = False
    previous_end = 0
    for (offset, piece), (steps, _) in zip(pieces, walks, strict=True):
        found, seen = steps[seen]
        for at in found:
            ends.append(previous_end if at == 0 else offset + at)
            starts.append(offset + at)
        previous_end = offset + len(piece)
    ends.append(previous_end)
    return list(zip(starts, ends, strict=True))


def _walk(toks: list[Token], r: Rules) -> list[Span]:
    """``Sentencizer.predict`` on tokens: a sentence starts at a token that is neither
    punctuation nor sentence-final, when a sentence-final token came since the last
    start."""
    if not toks:
        return []
    final = r.punct_chars
    starts = [0]
    seen_final = False
    for i, (_, text) in enumerate(toks):
        is_final = text in final
        if seen_final and not is_final and not _is_punct(text):
            starts.append(i)
            seen_final = False
        elif is_final:
            seen_final = True
    ends = [*starts[1:], len(toks)]
    out = []
    for a, b in zip(starts, ends, strict=True):
        last_offset, last_text = toks[b - 1]
        out.append((toks[a][0], last_offset + len(last_text)))
    return out

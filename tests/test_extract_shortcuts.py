"""Shortcuts on extraction's hot paths change no reading (issue 14, speed).

Each shortcut skips work when a cheap test shows it cannot find anything. Here each is
switched off (its test made to pass always) and extraction must read our own sentences
and the golden texts exactly as with it on; and each shortcut made too strict must be
seen to change a reading, so that the comparison can fail.
"""

from __future__ import annotations

import importlib
import random
import re

import pytest

from unitcheck import extract

UNITS = importlib.import_module("unitcheck.extract.unit_reader")
TOKENS = importlib.import_module("unitcheck.text.tokens")

#: Our own sentences: products and powers after a unit, and words after a unit that
#: are units themselves but no factor.
SENTENCES = (
    "The panel took 200 W m-2 in the sun and the wind blew at 3 m s-1 all day.",
    "A flux of 5 kg m^-2 s⁻¹, a torque of 40 N·m and 3 kW·h of energy were logged.",
    "They carried 5 kg bags 45 mm in diameter, and 2 km in the rain.",
    "An acceleration of 9.8 m s−2 and a density of 1.2 kg m−3 went into the model.",
)


def _readings(texts: list[str]) -> list[list[tuple[str, float | None, str | None]]]:
    return [[(q.text, q.value, q.unit) for q in extract(t)] for t in texts]


def test_power_sign_shortcut_changes_no_reading(
    monkeypatch: pytest.MonkeyPatch, case_texts: list[str]
) -> None:
    texts = [*SENTENCES, *case_texts]
    with_it = _readings(texts)
    monkeypatch.setattr(UNITS, "_power_sign_within", lambda scan, k: True)
    assert _readings(texts) == with_it
    assert ("200 W m-2", 200.0, "watt / meter ** 2") in with_it[0]  # products are read


def test_power_sign_shortcut_too_strict_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    text = SENTENCES[0]
    before = _readings([text])
    monkeypatch.setattr(UNITS, "_power_sign_within", lambda scan, k: False)
    assert _readings([text]) != before  # "W m-2" is no longer read as one unit


def _lexer_without(fast: str) -> re.Pattern[str]:
    """The lexer's pattern with its plain-digits alternative replaced by *fast*."""
    pattern = TOKENS._TOKEN_RE.pattern
    plain = "(?:" + TOKENS._PLAIN_DIGITS + "|"
    assert plain in pattern
    return re.compile(pattern.replace(plain, "(?:" + fast + "|" if fast else "(?:", 1))


def _figure_strings(count: int) -> list[str]:
    """Random strings of digits and of every character a figure may be written with:
    each character the number grammar accepts between two digit groups is found by
    asking the grammar itself, so a new separator is fuzzed without being listed."""
    number = re.compile(TOKENS._NUMBER)
    pool = [chr(c) for c in range(0x20, 0x7F)] + list("\u00a0\u202f\u2009\u2212\u2013")
    separators = {
        c
        for c in pool
        if not c.isalnum()
        for shape in ("1{}000", "1{}5", "12 {} 000", "1{}-3", "1e{}3")
        if number.fullmatch(shape.format(c))
    }
    alphabet = "0123456789" * 3 + "".join(sorted(separators)) + "  eEsx"
    rng = random.Random(14)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def test_plain_digits_shortcut_changes_no_token(case_texts: list[str]) -> None:
    slow = _lexer_without("")
    texts = [*SENTENCES, *case_texts, *_figure_strings(20_000)]
    assert [slow.findall(t) for t in texts] == [TOKENS._TOKEN_RE.findall(t) for t in texts]


def test_plain_digits_shortcut_too_broad_is_seen() -> None:
    # a plain run taken whatever follows it would cut "10 000" and "1,500" in two
    slow, broad = _lexer_without(""), _lexer_without(r"\d+")
    texts = _figure_strings(2_000)
    assert [slow.findall(t) for t in texts] != [broad.findall(t) for t in texts]

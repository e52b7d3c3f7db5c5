"""The context sets of data/context_en.tsv and the one question rules ask of them, near()."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unitcheck import context, extract
from unitcheck.context import at, context_set, context_sets, near, words
from unitcheck.errors import TableError
from unitcheck.lexer import tokenize

PACKAGE = Path(context.__file__).parent
#: Modules whose vocabulary lives in the context table.
CONTEXT_MODULES = ("not_quantities.py", "scan_base.py", "lint_ambiguity.py", "lint_context.py")
_NAMED = re.compile(r"""\b(?:near|at|words|context_set)\([^()]*?"([a-z_]+)"\)""", re.S)


def test_context_every_name_in_code_is_a_table_row() -> None:
    # a misspelt set name would raise only when its rule first runs
    names = set()
    for module in CONTEXT_MODULES + ("context.py",):
        names.update(_NAMED.findall((PACKAGE / module).read_text(encoding="utf-8")))
    assert len(names) > 30
    assert sorted(names - set(context_sets())) == []


def test_context_modules_keep_no_word_lists() -> None:
    # vocabulary is table rows, not frozensets of words or regex alternations of words
    for module in CONTEXT_MODULES:
        source = (PACKAGE / module).read_text(encoding="utf-8")
        assert not re.search(r"frozenset\(\s*\"", source), module
        assert not re.search(r"\"[a-z]+(?: [a-z]+){3,}\"\.split\(\)", source), module


@pytest.mark.parametrize(
    ("text", "i", "name", "expected"),
    [
        ("call 911 now", 1, "emergency_verbs", True),  # before, window 1
        ("call the 911 line", 2, "emergency_verbs", False),  # two back: outside
        ("a 911 call", 1, "emergency_nouns", False),  # after starts at i itself
        ("a 911 call", 2, "emergency_nouns", True),
        ("the 787 program at the airline", 1, "aviation", True),  # around
        ("airline " + "word " * 15 + "787", 16, "aviation", False),  # 16 back: outside 15
        ("airline " + "word " * 14 + "787", 15, "aviation", True),
        ("Fremantle WA 6160", 2, "au_states", True),  # exact case
        ("Fremantle wa 6160", 2, "au_states", False),
        ("The Bridge", 0, "street_words", False),
    ],
)
def test_context_near_windows(text: str, i: int, name: str, expected: bool) -> None:
    assert near(tokenize(text), i, name) is expected


def test_context_near_reads_plain_words_and_whole_sentences() -> None:
    sentence = ["the", "wall", "is", "400m"]
    assert near(sentence, 0, "length_words") is False
    assert near(sentence + ["tall"], 0, "length_words") is True  # direction all
    assert near(["raised", "400m"], 1, "money_words") is True  # around 3, folded
    assert near(["RAISED", "400m"], 1, "money_words") is True


def test_context_at_and_words() -> None:
    assert at(tokenize("GMT")[0], "time_zones")
    assert not at(tokenize("gmt")[0], "time_zones")
    assert not at(None, "time_zones")
    assert "\u2013" in words("dashes") and "\u2013" not in words("hyphens")
    with pytest.raises(KeyError, match="no context set 'nowhere'"):
        context_set("nowhere")


def test_context_phrases(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [(1, ["probe", "before", "3", "fold", "off the lead|alone"])]
    monkeypatch.setattr(context, "rows", lambda name, columns: iter(rows))
    monkeypatch.setattr(context, "context_sets", context.context_sets.__wrapped__)
    loaded = context.context_sets()["probe"]
    assert loaded.phrases == (("off", "the", "lead"),) and loaded.words == frozenset({"alone"})
    monkeypatch.setattr(context, "context_set", lambda name: loaded)
    assert near(tokenize("two shots off the lead"), 5, "probe")
    assert not near(tokenize("two shots off the bridge"), 5, "probe")
    assert not near(tokenize("off the"), 2, "probe")  # a phrase cut off by the end


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["a", "sideways", "1", "fold", "x"], "unknown direction"),
        (["a", "at", "1", "upper", "x"], "unknown case"),
        (["a", "at", "0", "fold", "x"], "window must be"),
        (["a", "around", "*", "fold", "x"], "window \\* goes with direction all"),
        (["a", "all", "3", "fold", "x"], "window \\* goes with direction all"),
        (["a", "at", "1", "fold", "|"], "has no words"),
    ],
)
def test_context_table_errors_name_the_line(
    monkeypatch: pytest.MonkeyPatch, cells: list[str], message: str
) -> None:
    monkeypatch.setattr(context, "rows", lambda name, columns: iter([(7, cells)]))
    with pytest.raises(TableError, match=message) as caught:
        context.context_sets.__wrapped__()
    assert "context_en.tsv:7" in str(caught.value)


def test_context_table_names_a_set_once(monkeypatch: pytest.MonkeyPatch) -> None:
    cells = ["twice", "at", "1", "fold", "x"]
    monkeypatch.setattr(context, "rows", lambda name, columns: iter([(3, cells), (4, cells)]))
    with pytest.raises(TableError, match="defined twice"):
        context.context_sets.__wrapped__()


@pytest.mark.parametrize(
    "shape",
    [
        "the {} chip",  # a model number
        "aged {}",  # an age
        "the driver, {}, was unhurt",
        "on sept . {} the",  # a date
        "{} ) first",  # a list marker
        "{}L202 and {} L-202",  # codes
        "highway {} north",
    ],
)
def test_context_rules_never_raise_on_a_huge_figure(shape: str) -> None:
    # issue 14: Python refuses int() of more than 4,300 digits
    text = shape.format("7" * 5000, "7" * 5000)
    for q in extract(text):
        assert text[q.start : q.end] == q.text

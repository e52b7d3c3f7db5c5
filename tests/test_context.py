"""The context sets of data/context_en.tsv and the one question rules ask of them, near()."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import unitcheck
from unitcheck import extract
from unitcheck.errors import TableError
from unitcheck.text import context
from unitcheck.text.context import at, context_set, context_sets, near, words
from unitcheck.text.tokens import tokenize

PACKAGE = Path(unitcheck.__file__).parent
#: Modules whose vocabulary lives in the context table.
CONTEXT_MODULES = (
    "extract/not_quantities.py",
    "extract/state.py",
    "extract/reading.py",
    "extract/counts.py",
    "lint/ambiguity.py",
    "lint/context.py",
    "extract/scan.py",
    "extract/money.py",
    "extract/numbers.py",
    "lint/plausibility.py",
    "extract/unit_reader.py",
    "lint/rules.py",
)
#: Module-level names whose strings are not context vocabulary: the number grammar's own
#: words (each has a value or a branch of the parser), pint names, quantity kinds, dimension
#: names, and a table of rule scopes.
NOT_VOCABULARY = {
    "extract/numbers.py": {"SMALL", "TENS", "BIG", "FRACTION_WORDS", "WORD_STARTS"},
    "lint/rules.py": {"TON_LOCALES", "_GEOMETRIC", "_LIKELY_UNITS"},
    "extract/not_quantities.py": {"RULES"},
}
_LOWER_WORD = re.compile(r"[a-z][a-z'\-]+")
_NAMED = re.compile(r"""\b(?:near|at|words|context_set)\([^()]*?"([a-z_]+)"\)""", re.S)


def test_context_every_name_in_code_is_a_table_row() -> None:
    # a misspelt set name would raise only when its rule first runs
    names = set()
    for module in CONTEXT_MODULES + ("text/context.py",):
        names.update(_NAMED.findall((PACKAGE / module).read_text(encoding="utf-8")))
    assert len(names) > 30
    assert sorted(names - set(context_sets())) == []


def _module_word_lists(source: str) -> dict[str, list[str]]:
    """Module-level names whose value holds two or more lower-case words in string literals."""
    found: dict[str, list[str]] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        else:
            continue
        if not names or node.value is None:
            continue
        strings = [
            c.value
            for c in ast.walk(node.value)
            if isinstance(c, ast.Constant) and isinstance(c.value, str)
        ]
        members = [w for s in strings for w in s.split() if _LOWER_WORD.fullmatch(w)]
        if len(members) >= 2:
            found[names[0]] = members
    return found


def _without(source: str, names: set[str]) -> str:
    """*source* less the module-level assignments to *names*."""
    lines = source.splitlines()
    for node in ast.parse(source).body:
        targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
        if any(isinstance(t, ast.Name) and t.id in names for t in targets):
            end = node.end_lineno or node.lineno
            lines[node.lineno - 1 : end] = [""] * (end - node.lineno + 1)
    return "\n".join(lines)


def test_context_modules_keep_no_word_lists() -> None:
    # vocabulary is table rows, not frozensets of words or regex alternations of words
    for module in CONTEXT_MODULES:
        full = (PACKAGE / module).read_text(encoding="utf-8")
        source = _without(full, NOT_VOCABULARY.get(module, set()))
        assert not re.search(r"frozenset\(\s*\"[a-z]+(?: [a-z]+)+\"", source), module
        assert not re.search(r"\"[a-z]+(?: [a-z]+){3,}\"\.split\(\)", source), module
        assert not re.search(r"\(\?:[a-z]+(?:\|[a-z]+){2,}\)", source), module
        assert sorted(_module_word_lists(source)) == [], module
        # every exemption still names a list of words in its module
        assert NOT_VOCABULARY.get(module, set()) <= set(_module_word_lists(full)), module


def test_context_word_list_check_can_fail() -> None:
    # the check above finds the shapes word lists took before they moved to the table
    assert _module_word_lists('X = frozenset("short apiece".split())') == {"X": ["short", "apiece"]}
    assert "Y" in _module_word_lists('Y: frozenset[str] = frozenset({"year", "yearly"})')
    assert _module_word_lists('Z = words("count_followers")\nW = frozenset("-\\u2212")') == {}


def test_context_moved_word_lists_are_the_sets_the_rules_read() -> None:
    # issue 14: the lists that were Python sets are now the table's sets, loaded once
    from unitcheck.extract import money, numbers, unit_reader
    from unitcheck.extract import reading as scanner
    from unitcheck.lint import plausibility
    from unitcheck.lint import rules as lint
    assert scanner.WORD_COUNT_FOLLOWERS == words("count_followers")
    assert "apiece" in scanner.ONE_COUNT_FOLLOWERS and "short" in scanner.ONE_COUNT_FOLLOWERS
    assert scanner.KIN_WORDS is words("kin_words") and "bedroom" in scanner.COUNT_COMPOUNDS
    assert money.MASS_WORDS is words("mass_words") and "payload" in money.MASS_WORDS
    assert numbers._A_FRACTIONS == {"third", "quarter", "fifth", "sixth", "eighth", "tenth"}
    assert plausibility.FILLERS is words("fillers") and "than" in plausibility.FILLERS
    assert unit_reader._POINT_WORDS == {"point", "points"}
    assert lint._INDEFINITE == {"a", "an"} and "causeway" not in lint._NOT_HEADS
    assert lint._BRACKETED.match(" (roughly ") and not lint._BRACKETED.match(" (over ")
    assert lint._HEAD.match("-long front", 0) and not lint._HEAD.match("-broad front", 0)


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

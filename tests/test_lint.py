"""Tests for unitcheck.lint and unitcheck.lint.plausibility: one version checked on its own.

Every sentence here is invented for these tests. The golden cases in
``tests/cases/lint`` cover each rule with a flagged and a quiet example; the tests here
cover the API, the options, the table and the seed reprint.
"""

from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("unitcheck") is None:  # a checkout that was not installed
    sys.path.insert(0, str(ROOT))

import unitcheck  # noqa: E402
from unitcheck.codes import BY_CODE  # noqa: E402
from unitcheck.errors import TableError  # noqa: E402
from unitcheck.lint import (
    lint,  # noqa: E402
    plausibility,  # noqa: E402
)
from unitcheck.lint.context import Context  # noqa: E402
from unitcheck.model import Severity  # noqa: E402
from unitcheck.units.registry import registry  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_ORIGINAL = SEEDS / "001_43328af35791957d.txt"
SEED_REPRINT = SEEDS / "000_d065812160adae77.txt"

seeds = pytest.mark.skipif(
    not (SEED_ORIGINAL.is_file() and SEED_REPRINT.is_file()), reason="seed pair not available"
)


def serious(text: str, **options: object) -> list[tuple[str, str]]:
    """(code, surface) of every warning and error."""
    return [
        (f.code, f.b.text)
        for f in lint(text, **options)  # type: ignore[arg-type]
        if f.severity >= Severity.WARNING and f.b is not None
    ]


# -- the seed pair ---------------------------------------------------------------------


@seeds
def test_lint_seed_reprint_flags_only_the_square_metres() -> None:
    text = SEED_REPRINT.read_text(encoding="utf-8")
    assert serious(text) == [("UC220", "400m2")]
    (finding,) = [f for f in lint(text) if f.code == "UC220"]
    assert "400 km\u00b2" in finding.message  # the likely intended unit is suggested


@seeds
def test_lint_seed_original_is_quiet() -> None:
    assert serious(SEED_ORIGINAL.read_text(encoding="utf-8")) == []


# -- the API ------------------------------------------------------------------------------


def test_lint_is_exported() -> None:
    assert unitcheck.lint is lint
    assert "lint" in unitcheck.__all__


def test_lint_findings_carry_b_only_sorted_by_position() -> None:
    text = (
        "The 400m project was approved. Highs of 75F (42C) are forecast. "
        "The convoy covered 600 miles (1,600km)."
    )
    findings = lint(text)
    assert [(f.code, f.b.text) for f in findings if f.b] == [
        ("UC210", "400m"),
        ("UC104", "42C"),
        ("UC104", "1,600km"),
    ]
    for f in findings:
        assert f.a is None and f.b is not None
        assert f.b.text == text[f.b.start : f.b.end]
        assert f.severity == BY_CODE[f.code].severity
        assert f.name == BY_CODE[f.code].name
        assert f.message


def test_lint_conversion_message_shows_both_and_expected() -> None:
    (finding,) = lint("The convoy covered 600 miles (1,600km) in four days.")
    assert "600 miles" in finding.message and "1,600km" in finding.message
    assert "966 km" in finding.message


def test_lint_empty_and_plain_text_are_quiet() -> None:
    assert lint("") == []
    assert lint("Nothing here is measured, said the minister.") == []


def test_lint_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        lint("600 miles (966km)", 1.0)  # type: ignore[misc]


@pytest.mark.parametrize("bad", ["imperial", "US", ""])
def test_lint_rejects_unknown_ton_locale(bad: str) -> None:
    with pytest.raises(ValueError, match="ton_locale"):
        lint("5 tons", ton_locale=bad)


def test_lint_rejects_bad_tolerance() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        lint("5 tons", tolerance=0)


def test_lint_doctest() -> None:
    # unitcheck.lint is the function (re-exported), so take the module from sys.modules
    result = doctest.testmod(sys.modules["unitcheck.lint.rules"], optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 1


# -- conversions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # right, to the digits written
        ("The trail runs 600 miles (966km) north.", []),
        # the linear factor used for an area
        ("The park covers 400 square miles (644 km2).", [("UC104", "644 km2")]),
        # Fahrenheit without the offset; a difference needs none
        ("Highs of 75F (42C) are forecast.", [("UC104", "42C")]),
        ("Temperatures rose 5C (9F) last week.", []),
        # "x, or y" and "x - about y"
        ("It lies about 50 miles, or 130km, south.", [("UC104", "130km")]),
        ("It lies 50 miles - about 80km - south.", []),
        # reversed direction, metric first
        ("A 20kg (44lb) sack of rice.", []),
        ("A 20kg (60lb) sack of rice.", [("UC104", "60lb")]),
        # money and durations are never converted here
        ("A fee of \u00a350 ($63) was charged.", []),
        ("It took a week (10 days) to arrive.", []),
    ],
)
def test_lint_conversions(text: str, flagged: list[tuple[str, str]]) -> None:
    assert serious(text) == flagged


def test_lint_tolerance_scales_rounding() -> None:
    text = "The convoy covered 600 miles (950km) in four days."
    assert serious(text) == []  # "600" may be 550 to 650 miles
    assert serious(text, tolerance=0.1) == [("UC104", "950km")]


def test_lint_restated_later_needs_the_same_noun() -> None:
    consistent = "They built a 2-mile causeway. Years later the 3.2km causeway is busy."
    wrong = "They built a 2-mile causeway. Years later the 5km causeway is busy."
    other_noun = "They built a 2-mile causeway. Years later the 5km road is busy."
    same_sentence = "They built a 2-mile causeway and the 5km causeway."
    assert serious(consistent) == []
    assert serious(wrong) == [("UC104", "5km")]
    assert serious(other_noun) == []
    assert serious(same_sentence) == []


# -- ambiguous units --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The council approved a 400m project.", [("UC210", "400m")]),
        ("The club paid 80m for the striker.", [("UC210", "80m")]),
        ("She won the 400m hurdles.", []),
        ("He finished fourth in the 400m final.", []),
        ("The tunnel will run for 400m under the river.", []),
        ("Waves of up to 5m hit the coast.", []),
        ("The council approved a \u00a3400m project.", []),
        ("The 400m2 flat was sold.", []),
    ],
)
def test_lint_ambiguous_m(text: str, flagged: list[tuple[str, str]]) -> None:
    assert serious(text) == flagged


def test_lint_tons_depend_on_locale_and_copy() -> None:
    bare = "The ship carried 20,000 tons of wheat."
    assert serious(bare) == [("UC210", "20,000 tons")]
    for locale in ("short", "metric", "long"):
        assert serious(bare, ton_locale=locale) == []
    assert serious("It holds 5 metric tons. " + bare) == []
    assert serious("The ship carried 20,000 tonnes of wheat.") == []


def test_lint_ton_locale_decides_a_restated_ton() -> None:
    text = "The mill shipped 5,000 tons (5,000 tonnes) of steel."
    assert serious(text) == []  # metric tons meant; no locale says otherwise
    assert serious(text, ton_locale="metric") == []
    assert serious(text, ton_locale="short") == [("UC104", "5,000 tonnes")]


# -- implausible magnitudes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Rebels occupied more than 400m2 of the country.", [("UC220", "400m2")]),
        ("Rebels occupied more than 400 km2 of the country.", []),
        ("A 400m2 flat in the district was sold.", []),
        ("Fighting raged along the 1,200mm front line.", [("UC220", "1,200mm")]),
        ("A 10-centimetre crack opened in the wall.", []),
        ("Temperatures in the city reached 70C.", [("UC220", "70C")]),
        ("Temperatures in the city reached -95C.", [("UC220", "-95C")]),
        ("Temperatures in the city fell to -30C.", []),
        ("The sauna is heated to 90C.", []),
        ("The car was travelling at 1,500 km/h.", [("UC220", "1,500 km/h")]),
        ("The car was travelling at 120 mph.", []),
        ("Winds of 300 km/h flipped cars.", []),
        ("It is a town of 6 inhabitants, officials said.", [("UC220", "6")]),
        ("It is a town of 6,000 inhabitants, officials said.", []),
    ],
)
def test_lint_implausible(text: str, flagged: list[tuple[str, str]]) -> None:
    assert serious(text) == flagged


def test_lint_implausible_message_explains() -> None:
    (finding,) = lint("Fighting raged along the 1,200mm front line.")
    assert "front line" in finding.message
    assert "kilometres" in finding.message
    assert "1,200 km" in finding.message  # the likely intended unit


# -- the plausibility table ----------------------------------------------------------------


def test_plausibility_table_loads_and_resolves_against_pint() -> None:
    rows = plausibility.expectations()
    assert len(rows) >= 8
    ureg = registry()
    for row in rows:
        assert row.context, row.name
        assert row.low <= row.high, row.name
        assert row.why and row.name
        if row.dimension == "count":
            assert row.nouns, row.name
        else:
            assert str(ureg.get_dimensionality(row.dimension)) == row.dimension, row.line


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (["x", "city", "-", "length", "0..1", "1,1", "why"], "dimension"),
        (["x", "city", "-", "[length]", "5", "1,1", "why"], "range"),
        (["x", "city", "-", "[length]", "5..1", "1,1", "why"], "empty range"),
        (["x", "city", "-", "[length]", "a..1", "1,1", "why"], "not a number"),
        (["x", "city", "-", "[length]", "0..1", "one", "why"], "window"),
        (["x", "ci*ty", "-", "[length]", "0..1", "1,1", "why"], "'*'"),
    ],
)
def test_plausibility_bad_row_names_its_line(cells: list[str], reason: str) -> None:
    with pytest.raises(TableError, match=reason) as caught:
        plausibility._parse(17, cells)
    assert "plausibility.tsv:17" in str(caught.value)


def test_plausibility_window_skips_fillers_and_phrases() -> None:
    (row,) = [r for r in plausibility.expectations() if "front line" in r.name]
    w = plausibility.words
    assert row.near([], w("front line, officials said"), w("x"))
    assert row.near(w("along the entire"), w("of the front line"), w("x"))
    assert not row.near(w("the front line is quiet; a"), w("wall"), w("a wall"))


# -- sentences and robustness ------------------------------------------------------------------


def test_lint_sentences_split_on_stops_and_lines() -> None:
    # lint reads the sentences of text.sentences (the segmenter compare uses)
    text = "One sentence here. Another one!\nA third, on a new line. the U.S. side"
    parts = [text[s:e] for s, e in Context(text).spans]
    assert parts == ["One sentence here.", "Another one!", "A third, on a new line. the U.S. side"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "400m",
                "600 miles",
                "(966km)",
                "tons",
                "of the country",
                "front line",
                "70C",
                "city of",
                "7 residents",
                ",",
                "or",
                "about",
                "the",
                "-",
                "2-mile",
                "causeway",
                ".",
            ]
        ),
        max_size=30,
    )
)
def test_lint_never_crashes(parts: list[str]) -> None:
    text = " ".join(parts)
    findings = lint(text)
    assert findings == lint(text)  # pure: the same input gives the same findings
    assert [f.b.start for f in findings if f.b] == sorted(f.b.start for f in findings if f.b)


# -- suggestions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "suggestion", "safe"),
    [
        # the corrected figure keeps the writer's unit surface and spacing
        ("The relay crossed 600 miles (1,600km) of desert.", "1,600km", "966km", True),
        # "sq km" stays "sq km"; the figure is rounded to three significant digits
        ("The reserve covers 154 square miles (300 sq km).", "300 sq km", "399 sq km", True),
        # "F" without a degree sign stays so
        ("The pavement hit 40C (140F) by noon.", "140F", "104F", True),
        # a change of temperature converts without the offset
        ("Night lows rose 5C (5F) in a week.", "5F", "9F", True),
        # 9F is right for a change and wrong for a reading: a guess only
        ("It was 5C (9F) on the ridge.", "9F", "41F", False),
        # a writer who leaves out thousands separators gets none
        ("The pipeline runs 1600 miles (1600km).", "1600km", "2575km", True),
        # words stay words
        ("The dam holds 5 gallons (30 litres) a second.", "30 litres", "18.9 litres", True),
        # a bare "tons" may be three tons: the suggestion is not safe
        ("The barge took 500 tons (300 tonnes) of coal.", "300 tonnes", "454 tonnes", False),
        # a later mention may be the wrong one, or the first: not safe
        (
            "A 2-mile jetty opened in May. Storms later damaged the 5km jetty.",
            "5km",
            "3.22km",
            False,
        ),
        # an implausible unit with exactly one likely reading: a guess in the writer's style
        ("Clashes spread along the 1,200mm front line, officials said.", "1,200mm", "1,200km",
         False),
    ],
)
def test_lint_suggestions(text: str, surface: str, suggestion: str, safe: bool) -> None:
    (f,) = [f for f in lint(text) if f.b is not None and f.b.text == surface]
    assert (f.suggestion, f.fix_safe) == (suggestion, safe)
    assert f.primary is f.b


def test_lint_no_suggestion_when_two_units_fit() -> None:
    # square kilometres and hectares both fit land held: unitcheck does not pick one
    (f,) = lint("The army retook 400m2 of territory in the north.")
    assert f.code == "UC220" and f.suggestion is None
    assert "400 km\u00b2 or 400 ha" in f.message


def test_lint_no_suggestion_for_spelled_out_figures() -> None:
    (f,) = lint("The relay crossed 600 miles (sixteen hundred km) of desert.")
    assert f.code == "UC104" and f.suggestion is None


def test_lint_difference_message_uses_delta_conversion() -> None:
    (f,) = lint("Night lows rose 5C (5F) in a week.")
    assert "about 9\u00b0F" in f.message and "delta" not in f.message
    assert f.b is not None and f.b.unit == "degree_Fahrenheit"  # the quantity as extracted


def test_lint_safe_fix_applies_to_a_copy() -> None:
    from unitcheck.fixes import apply_fixes

    text = "The relay crossed 600 miles (1,600km). It was 5C (9F) on the ridge.\n"
    fixed, count = apply_fixes(text, lint(text))
    assert count == 1
    assert fixed == text.replace("1,600km", "966km")
    assert lint(fixed)[0].b.text == "9F"  # the guess was left alone
    unsafe, count = apply_fixes(text, lint(text), unsafe=True)
    assert count == 2 and "(41F)" in unsafe

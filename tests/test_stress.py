"""A fast sample of the stress harness (``scripts/stress.py``, issue 10).

The harness edits every quantity of the corpora the way a desk makes and breaks them,
in the sentence itself and in short frames. Here hypothesis draws a few corpus
sentences (the project's corpora, plus the peer suites in ``../shared/corpora`` when
present, read at run time); every edit that ``extract`` reads as intended must be
flagged when it is an error and stay quiet when it is honest. Edits that extraction
misreads are the extractor's class of miss and are counted by the full run only.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unitcheck_stress", ROOT / "scripts" / "stress.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


stress = _load()
SENTENCES = [(name, s) for name, texts in stress.corpora().items() for s in texts]


def _kinds(sentence: str) -> set[str]:
    return {c.kind for c in stress.cases_for("test", sentence, False)}


def test_stress_harness_makes_every_kind_of_edit() -> None:
    # Invented sentences: between them, every edit the harness knows.
    kinds = _kinds("The 12-mile road will cost $3.5 billion, more than 40% of the budget.")
    kinds |= _kinds("Fees rose 2.5 percent to $120 million, and six miles of track closed.")
    assert {
        "value-x10",
        "decimal-lost",
        "decimal-added",
        "scale-swapped",
        "currency-swapped",
        "bound-reversed",
        "unit-swapped",
        "conversion-number-kept",
        "conversion-added-ok",
        "conversion-replaced-ok",
        "percent-restyled",
        "money-restyled",
        "money-restyled-us",
        "words-to-digits",
    } <= kinds


def test_stress_harness_conversions_are_right() -> None:
    # The quiet conversions come from pint: 12 miles is 19.3 km.
    cases = stress.cases_for("test", "The road is 12 miles long.", False)
    added = {c.kind: c.b for c in cases if c.kind.startswith("conversion")}
    assert "19.3 kilometres" in added["conversion-added-ok"]
    assert "(12 kilometres)" in added["conversion-number-kept"]


def test_stress_harness_files_extraction_misreadings_apart() -> None:
    # an error whose revised side extract cannot read (no figure where the edit is) is
    # filed under extraction, not counted as compare's miss
    a, b = "The road is 12 miles long.", "The road is very long."
    case = stress.Case(
        "test", "unit-swapped", a, b, (12, 20), (12, 16), True,
        ((12.0, "kilometer"),), stress.extract(a)[0],
    )
    assert stress.extraction_reason(case) == "edit not read"
    own, raw, classes = stress.run([case])
    assert (raw.flags, raw.caught) == (1, 0)
    assert own.extraction == 1 and own.flags == 0 and classes


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.sampled_from(SENTENCES))
def test_stress_sample_errors_flagged_honest_edits_quiet(item: tuple[str, str]) -> None:
    name, sentence = item
    wrong = []
    for case in stress.cases_for(name, sentence, True):
        hit, messages = stress.flagged(case)
        if hit != case.flag and stress.extraction_ok(case):
            wrong.append((case.kind, case.a, case.b, messages))
    assert not wrong


def test_stress_harness_writes_figures_as_a_desk_does() -> None:
    # A converted figure never carries a float's exponent ("5e-05 kilograms").
    assert stress.figure(5e-05) == "0.00005"
    assert stress.figure(19.312) == "19.3"
    assert stress.figure(1609.3) == "1,609"


def test_stress_harness_converts_no_head_of_a_hyphenated_height() -> None:
    # "6-foot" of "6-foot-3" is half of a height: "6-foot (1.83 m)-3" is no desk's edit.
    kinds = _kinds("The 6-foot-3 forward scored 31 points.")
    assert not any(k.startswith(("conversion", "unit-swapped")) for k in kinds)
    assert "value-x10" in kinds


def test_stress_harness_sets_quiet_edits_only_in_frames_that_keep_the_reading() -> None:
    # Alone, "7.6 million pounds" is money: a conversion of the freight's mass into
    # kilograms is no honest edit there, so that frame is not made for the quiet edits;
    # the errors are still set in every frame.
    sentence = "The freighter carried 7.6 million pounds of grain across the lake."
    misread = stress.Counter()
    cases = list(stress.cases_for("test", sentence, True, misread=misread))
    assert misread["conversion-added-ok"] > 0
    for case in cases:
        if case.kind.endswith("(frame)") and not case.flag:
            assert stress._reads_as(case.a, case.span_a, case.original)
    errors = [c for c in cases if c.kind == "unit-swapped (frame)"]
    assert len(errors) == len(stress.FRAMES)
    every = list(stress.cases_for("test", sentence, True, all_frames=True))
    assert len(every) == len(cases) + misread.total()


def test_stress_harness_honest_edits_leave_the_neighbours_reading_as_before() -> None:
    # restating only the 50 mg of "45 and 50 mg" in kg would make the 45 kilograms: the
    # harness makes no such "honest" edit, and counts what it left out
    sentence = "The doses were 45 and 50 mg of the drug."
    left_out: stress.Counter[str] = stress.Counter()
    quiet = [c for c in stress.cases_for("test", sentence, False, misread=left_out) if not c.flag]
    assert quiet, "some honest edits remain"
    for case in quiet:
        assert stress._neighbours(case.a, case.span_a) == stress._neighbours(case.b, case.span_b)
    assert any("neighbour" in kind for kind in left_out)

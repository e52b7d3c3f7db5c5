"""The value types in ``unitcheck.model``: quantity kinds and where a finding points."""

from __future__ import annotations

import io
import json
import tomllib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from unitcheck import extract
from unitcheck.model import Finding, Kind, Quantity, Severity, Span
from unitcheck.report import emit
from unitcheck.result import FileResult, RunResult
from unitcheck.text.reading import Document

CASES = Path(__file__).parent / "cases"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _golden_texts() -> Iterator[str]:
    """Every text of the golden compare, lint and extract cases, and the seed files."""
    for path in sorted((CASES / "compare").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        yield data["original"]
        yield data["revised"]
    for path in sorted((CASES / "lint").glob("*.toml")):
        yield tomllib.loads(path.read_text(encoding="utf-8"))["text"]
    for path in sorted((CASES / "extract").glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            yield case["text"]
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else ():
        yield path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def golden_kinds() -> list[object]:
    return [q.kind for text in _golden_texts() for q in extract(text)]


def test_model_every_extracted_kind_is_a_member(golden_kinds: list[object]) -> None:
    assert len(golden_kinds) > 100
    strays = {repr(k) for k in golden_kinds if type(k) is not Kind}
    assert strays == set()


def test_model_every_member_is_extracted_somewhere(golden_kinds: list[object]) -> None:
    # a member no golden text produces is either dead or lacks a golden case
    assert set(Kind) - set(golden_kinds) == set()


def test_model_kind_members_equal_their_strings() -> None:
    for member in Kind:
        assert member == member.value and str(member) == member.value
        assert f"{member}" == member.value
        assert json.dumps(member) == json.dumps(member.value)


def test_model_quantity_reads_a_plain_kind_string_as_its_member() -> None:
    q = Quantity("3 kg", 0, 4, 3.0, "kilogram", "measure")  # type: ignore[arg-type]
    assert q.kind is Kind.MEASURE


def test_model_quantity_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError):
        Quantity("3 kg", 0, 4, 3.0, "kilogram", "weight")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_model_json_writes_the_kind_as_a_plain_string(fmt: str) -> None:
    text = "The ferry carried 212 passengers 14 miles for $3.50 each.\n"
    doc = Document("ferry.txt", text, text, "text")
    qs = extract(text)
    out = io.StringIO()
    emit(fmt, RunResult("extract", (FileResult("extract", doc, None, (), tuple(qs)),)), out)
    raw = out.getvalue()
    if fmt == "json":
        written = [q for f in json.loads(raw)["files"] for q in f["quantities"]]
    else:
        written = [json.loads(line) for line in raw.splitlines()]
    assert [w["kind"] for w in written] == [q.kind.value for q in qs]
    assert all(type(w["kind"]) is str for w in written)
    assert {q.kind for q in qs} >= {Kind.COUNT, Kind.MEASURE, Kind.MONEY}
    for q in qs:
        assert f'"kind": "{q.kind.value}"' in raw or f'"kind":"{q.kind.value}"' in raw


def test_model_finding_place_is_its_quantity_else_its_own_span() -> None:
    a = Quantity("3 kg", 4, 8, 3.0, "kilogram", Kind.MEASURE)
    b = Quantity("3 lb", 10, 14, 3.0, "pound", Kind.MEASURE)
    own = Span(2, 2, "a")
    f = Finding("UC101", "unit-changed", Severity.ERROR, "m", a, b)
    assert f.place == Span(10, 14, "b")
    assert replace(f, b=None).place == Span(4, 8, "a")
    assert replace(f, a=None, b=None, span=own).place == own
    assert replace(f, a=None, b=None).place is None
    # a quantity wins over the finding's own span
    assert replace(f, span=own).place == Span(10, 14, "b")


@pytest.mark.parametrize(("start", "end", "side"), [(5, 4, "b"), (-1, 0, "a"), (0, 0, "c")])
def test_model_span_refuses_a_bad_place(start: int, end: int, side: str) -> None:
    with pytest.raises(ValueError):
        Span(start, end, side)

"""Issue 13: extract, lint, compare and the HTML reader do linear work on adversarial shapes.

Not timed: the work is counted, deterministically, as the Python events (function calls
and lines run, loop iterations included) that ``sys.settrace`` sees during one call. The
shape is built at size n and 2n; the count may grow at most 2.2 times. A quadratic scan
(every quantity looking at every other) grows 4 times and fails. Work done in C (the
regular-expression engine, spaCy's tokenizer) is not counted; ``scripts/scaling.py``
times the same shapes in CPU seconds.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest

from unitcheck import compare, extract, lint
from unitcheck.text.reading import document_from_bytes

LIMIT = 2.2
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "scaling.py"


def _shapes() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_scaling_shapes", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


scaling = _shapes()


def nested_divs(n: int, v: int) -> str:
    return "<div>" * n + f"The dam is {60 + v} m tall." + "</div>" * n


def work(call: Callable[[], object]) -> int:
    """The Python events (calls, lines, returns) one call of *call* causes."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


def _read_html(text: str) -> object:
    return document_from_bytes(text.encode("utf-8"), name="page.html", format="html")


OPS: dict[str, Callable[[Callable[[int, int], str], int], Callable[[], object]]] = {
    "extract": lambda build, n: lambda t=build(n, 0): extract(t),
    "lint": lambda build, n: lambda t=build(n, 0): lint(t),
    "compare-similar": lambda build, n: lambda t=build(n, 0): compare(t, scaling._changed(t)),
    "compare-unrelated": lambda build, n: lambda a=build(n, 0), b=build(n, 3): compare(a, b),
    "read-html": lambda build, n: lambda t=build(n, 0): _read_html(t),
}

# (shape builder, n): n is small enough for the tracer, large enough to be past start-up.
SHAPES = {
    "digits": (scaling.digits, 5_000),  # one figure of n digits
    "brackets": (scaling.brackets, 400),  # n nested brackets around "5 km"
    "chain": (scaling.chain, 400),  # "1-2-3-..." with n numbers
    "km-miles": (scaling.km_miles, 60),  # n repeats of "5 km (3 miles) "
    "number-words": (scaling.number_words, 200),  # a run of n number words
    "currency": (scaling.currency, 100),  # n currency amounts in one sentence
    "price-table": (scaling.price_table, 60),  # n lines of a price list
    "no-punct": (scaling.no_punctuation, 40),  # one sentence of n clauses, no punctuation
    "html-tags": (scaling.html_tags, 60),  # n figures in inline tags
}

def _cases() -> list[Any]:
    cases = []
    for shape in SHAPES:
        for op in ("extract", "lint", "compare-similar", "compare-unrelated"):
            cases.append(pytest.param(shape, op, id=f"{shape}-{op}"))
    cases.append(pytest.param("html-tags", "read-html", id="html-tags-read-html"))
    cases.append(pytest.param("nested-divs", "read-html", id="nested-divs-read-html"))
    return cases


@pytest.mark.parametrize(("shape", "op"), _cases())
def test_linear_work_doubles_at_most_2_2(shape: str, op: str) -> None:
    build, n = SHAPES.get(shape, (nested_divs, 3_000))
    OPS[op](build, n // 2)()  # warm caches and tables first: only growth is measured
    small, large = work(OPS[op](build, n)), work(OPS[op](build, 2 * n))
    assert large <= LIMIT * small, f"{shape} {op}: {small} -> {large} ({large / small:.2f}x)"


def test_linear_work_counter_sees_quadratic_work() -> None:
    # The meter itself: an all-pairs loop must fail the limit, a single pass must not.
    def pairs(n: int) -> Callable[[], object]:
        return lambda: sum(1 for i in range(n) for j in range(n) if i < j)

    def single(n: int) -> Callable[[], object]:
        return lambda: sum(1 for i in range(n))

    assert work(pairs(200)) > 3.5 * work(pairs(100))
    assert work(single(200)) <= LIMIT * work(single(100))

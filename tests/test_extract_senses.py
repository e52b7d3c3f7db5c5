"""unit_senses_en.tsv: every row names a surface the unit table reads, a pint unit of
another reading and a context set that exists; and the sense is taken only beside its
context (issue 14)."""

from __future__ import annotations

import pytest

from unitcheck.extract import extract
from unitcheck.extract.surfaces import pint_entry, unit_table
from unitcheck.tables import alternatives, rows
from unitcheck.text.context import context_sets
from unitcheck.units.registry import unit_info

SENSES = list(rows("unit_senses_en.tsv", 3))


@pytest.mark.parametrize(("line", "cells"), SENSES, ids=[str(line) for line, _ in SENSES])
def test_senses_rows_are_other_readings_of_known_surfaces(line: int, cells: list[str]) -> None:
    surfaces, expression, context = cells
    assert context in context_sets(), f"unit_senses_en.tsv:{line}: no context set {context}"
    assert unit_info(expression).dimension, f"unit_senses_en.tsv:{line}"
    for surface in alternatives(surfaces):
        entry = unit_table().match((surface,)) or pint_entry(surface)
        assert entry is not None, f"unit_senses_en.tsv:{line}: {surface} is read as no unit"
        assert entry.expression != expression, f"unit_senses_en.tsv:{line}: the same reading"


def test_senses_loaded_into_the_unit_table() -> None:
    assert unit_table().senses[("kt",)][0][1] == "knot"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Gusts reached 65 kt along the cape.", "knot"),
        ("Winds sustained near 120 kt battered the island.", "knot"),
        ("The test yielded 15 kt, the agency said.", "kilometric_ton"),
        ("Exports rose to 40 kt of copper.", "kilometric_ton"),
    ],
)
def test_senses_kt_is_knots_only_beside_wind_or_speed(text: str, unit: str) -> None:
    (q,) = extract(text)
    assert (q.text.endswith("kt"), q.unit) == (True, unit)

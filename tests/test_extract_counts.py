"""What a bare number counts (extract/counts.py): the noun after it, and the noun of
the whole a partitive takes its share of ("304 of the 543 seats")."""

from __future__ import annotations

import pytest

from unitcheck import extract


def nouns(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.noun) for q in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The coalition took 211 of the 400 seats in the assembly.",
            [("211", "seats"), ("400", "seats")],
        ),
        ("Only 9 of its 31 branches will stay open.", [("9", "branches"), ("31", "branches")]),
        ("Four of the six finalists were teenagers.", [("Four", "finalists"), ("six", "finalists")]),
        ("About 60 of the stranded passengers were rescued.", [("60", "passengers")]),
        ("The bill passed with 61 of 100 votes.", [("61", "votes"), ("100", "votes")]),
    ],
)
def test_a_partitive_counts_the_things_of_its_whole(text, expected) -> None:
    assert nouns(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a share is no count of the things it is a share of
        ("A quarter of the 200 flats stand empty.", [("A quarter", None), ("200", "flats")]),
        # nothing plural is counted
        ("Two of the best were sold at auction.", [("Two", None)]),
        ("He sold 5 of them for 20 dollars each.", [("5", None), ("20 dollars", None)]),
        # a lone "one of" is no figure at all (the corpora's convention), only its whole
        ("One of the 12 jurors fell ill.", [("12", "jurors")]),
    ],
)
def test_no_partitive_count(text, expected) -> None:
    assert nouns(text) == expected

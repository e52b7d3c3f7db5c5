"""What a bare number counts when no unit follows it: a plural noun ("295 votes",
"1.2 million people", "two first-time authors"), a rate of things ("40,000 vehicles a
day", "no more than 4 a day", "four times per week", "100 per square km"), or points
beside a percentage ("up 4.5 points"), read by ``unit_reader.percentage_points``.
"""

from __future__ import annotations

from ..text.context import at
from ..text.tokens import NUM, WORD
from ..units.registry import compose
from .state import HYPHENS, NOT_NOUNS, TIME_UNITS, Reading, Scan, plural_noun_at
from .unit_reader import percentage_points, read_per


def count_noun(scan: Scan, reading: Reading, j: int) -> int:
    """ "295 votes", "1.2 million people", "295 Electoral College votes", and a bare
    number over a unit ("100 per square km")."""
    if reading.percent:
        return j
    per, end = read_per(scan, j)
    if per is not None and scan.tokens[j].low in ("per", "/"):
        reading.unit = compose("1", 1, per)
        return end
    if per is not None and per in TIME_UNITS:
        reading.unit = compose("1", 1, per)  # "no more than 4 a day"
        return end
    tokens = scan.tokens
    assert reading.number is not None
    if j < scan.n and tokens[j].low == "times":
        per, end = read_per(scan, j + 1)
        if per is not None and per in TIME_UNITS:
            reading.unit = compose("1", 1, per)  # "four times per week"
            return end
        return j  # "2.5 times the average": a multiplier
    points = percentage_points(scan, reading, j)
    if points != j:
        return points
    if reading.number.value == 1 and reading.scale == 1:
        return j  # "one costs", "1 says": a verb, not a count
    whole = _partitive_noun(scan, j) if reading.number.value.is_integer() else None
    if whole is not None:  # not a share: "a quarter of the 400 flats"
        reading.noun = whole  # "304 of the 543 seats" are seats
        return j
    k = j
    for _ in range(3):
        if k >= scan.n or tokens[k].newline or tokens[k].kind != WORD or tokens[k].low in NOT_NOUNS:
            return j
        if plural_noun_at(scan, k):
            reading.noun = tokens[k].low
            per, end = read_per(scan, k + 1)
            if per is not None:  # "40,000 vehicles a day"
                reading.unit = compose("1", 1, per)
                return end
            return j
        while (  # a hyphenated modifier: "two first-time authors"
            k + 2 < scan.n
            and tokens[k + 1].text in HYPHENS
            and not tokens[k + 1].space
            and not tokens[k + 2].space
            and tokens[k + 2].kind == WORD
        ):
            k += 2
        k += 1
    return j


def _partitive_noun(scan: Scan, j: int) -> str | None:
    """ "304 of the 543 seats", "12 of its stores", "three of the five members": a
    number that takes its share of a counted whole counts the same things; the plural
    noun of that whole, or None."""
    tokens = scan.tokens
    if j + 2 >= scan.n or tokens[j].low != "of":
        return None
    k = j + 1
    if at(tokens[k], "partitive_determiners"):
        k += 1
    elif tokens[k].kind != NUM:
        return None  # "5 of people" is not written; "5 of 12 seats" is
    while k < scan.n and tokens[k].kind == NUM:
        k += 1  # the whole's own figure
    for _ in range(3):
        if k >= scan.n or tokens[k].newline or tokens[k].kind != WORD or tokens[k].low in NOT_NOUNS:
            return None
        if plural_noun_at(scan, k):
            return tokens[k].low
        k += 1
    return None

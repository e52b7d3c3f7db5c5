"""Ranges and shared units: "5-10 km", "5 to 10 kilometres", "between 5 and 10 km",
"$5bn-$7bn", "8- to 16-metre", and a unit written once after a list ("45 and 50 mg").

A range needs compatible ends: "rose 50 percent to $2bn", "rose 1.5% to 6.2%" and
"from 5% to 10%" are two quantities each.
"""

from __future__ import annotations

from .lexer import NUM, SYM, WORD
from .numbers import WORD_STARTS
from .quantity_builder import Reading, ascending, units_agree
from .scan_base import DASHES, HYPHENS, ScannerBase


class RangeRules(ScannerBase):
    """Join two readings into a range, or let a bare number borrow the next one's unit."""

    def _range_tail(self, first: Reading, between: bool) -> None:
        """ "5-10 km", "5 to 10 kilometres", "between 5 and 10 km", "$5bn-$7bn",
        "8- to 16-metre". Both ends must carry compatible units."""
        tokens = self.tokens
        j = first.end
        if j + 1 >= self.n:
            return
        joiner = tokens[j]
        if joiner.text in HYPHENS and not joiner.space and tokens[j + 1].low == "to":
            if first.unit is None and first.currency is None and first.noun is None:
                if j + 2 >= self.n:
                    return  # "rose 3-to" cut off at the end of the text
                j += 1  # "8- to 16-metre"
                joiner = tokens[j]
        is_dash = joiner.kind == SYM and joiner.text in DASHES
        is_word = joiner.low == "to" or (between and joiner.low == "and")
        if not (is_dash or is_word) or joiner.newline:
            return
        if is_dash:
            if first.noun is not None or (first.number is not None and first.number.words):
                return
            if tokens[j + 1].kind == WORD and tokens[j + 1].low in WORD_STARTS:
                return  # "7-Eleven" is a name; "5-ten" is not how ranges are written
            if joiner.space != tokens[j + 1].space:
                return  # "5 -10" is not a range
        second = self._read_single(j + 1)
        if second is None or second.skip_only or not units_agree(first, second):
            return
        if is_dash and first.unit == "foot" and second.unit == "inch":
            return  # "6-foot-8": a height in feet and inches
        both_negative = first.negative and second.negative
        if not ascending(first, second) and not both_negative:
            if is_dash and not (first.carries() or first.percent):
                first.skip_only = True  # "passed 68-32": a tally, not a range
                first.end = second.end
            return  # "58% to 42%": two quantities
        before = self._word_before(first.first) if is_word and joiner.low == "to" else ""
        if before == "from":
            if not first.carries() and not first.percent and second.carries():
                first.borrow(second)  # "from 50 to 80%": two quantities, one unit
            return  # "from 5% to 10%" is a change: two quantities
        if before in self.lex.change_words and (first.carries() or first.percent):
            return  # "rose 1.5% to 6.2%": a rise, then the new level
        if before in self.lex.change_words and _far_apart(first, second):
            return  # "fell by 531,000 to 124.9 million": a change, then the new level
        first.range_with = second
        first.end = second.end

    def _word_before(self, i: int) -> str:
        """The word before token ``i``, skipping a qualifier ("rose about 5%")."""
        k = i - 1
        while k >= 0 and self.tokens[k].kind == WORD:
            if self.tokens[k].low not in self.lex.qualifier_words:
                return self.tokens[k].low
            k -= 1
        return ""

    def _borrow_unit(self, first: Reading) -> None:
        """ "45 and 50 mg", "3 or 4 days": a bare number takes the unit of the next one."""
        j = first.end
        if (
            first.unit is not None
            or first.currency is not None
            or first.noun is not None
            or first.number is None
            or first.number.words
            or j + 1 >= self.n
            or self.tokens[j].low not in ("and", "or")
            or self.tokens[j + 1].kind != NUM
        ):
            return
        second = self._read_single(j + 1)
        if second is None or second.skip_only or second.range_with is not None:
            return
        if second.unit is not None or second.currency is not None or second.noun is not None:
            first.borrow(second)


def _far_apart(first: Reading, second: Reading) -> bool:
    """Are the two ends more than ten times apart, too far for a written range?"""
    assert first.number is not None and second.number is not None
    scale = first.scale
    if scale == 1.0 and first.number.value <= second.number.value:
        scale = second.scale  # "rose 5 to 10 million": the scale is written once
    low = abs(first.number.value * scale)
    high = abs(second.number.value * second.scale)
    return low > 0 and high > 10 * low

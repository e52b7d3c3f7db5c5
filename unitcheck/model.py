"""The values unitcheck passes around: quantities, findings, comparisons.

Everything here is a frozen dataclass with character spans into the source text;
line and column are computed only when a report is written (see ``positions``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Kind(enum.StrEnum):
    """What sort of number a quantity is; each member equals its string ("measure").

    Years, dates, clock times, ordinals, phone numbers, scores and identifiers are not
    quantities: extraction leaves them out, so they have no kind.
    """

    MEASURE = "measure"  # a physical unit other than the three below: "42 miles", "3 kg"
    MONEY = "money"  # an amount or a price per unit: "$2.5bn", "27 cents", "$3 a gallon"
    PERCENT = "percent"  # "5%", "3 percentage points"
    TEMPERATURE = "temperature"  # "20C", "68 degrees Fahrenheit"
    DURATION = "duration"  # a time span: "three hours", "10 years"
    COUNT = "count"  # a bare number counting a noun: "40 passengers"
    NUMBER = "number"  # a bare number with nothing it counts: "rose to 40"


QUALIFIERS = frozenset({"approx", "lower", "upper"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity as written in a text.

    ``value`` is None for a range, whose ends are ``low`` and ``high``. ``unit`` is a
    pint unit string ("mile ** 2"), an ISO 4217 code ("USD"), "percent", or None for a
    bare number or a count. Money written in a subunit keeps its figure and subunit
    ("27 cents": ``value`` 27, ``unit`` "cent"); ``si_value`` and ``si_unit`` hold the
    amount in its currency (0.27, "USD"), and ``conversion.in_currency`` restates it.
    ``step`` is the place of the last significant digit written ("965" -> 1, "1.5bn" ->
    1e8, "400" -> 100): comparison derives its rounding tolerance from it instead of
    from one fixed percentage.
    """

    text: str
    start: int
    end: int
    value: float | None
    unit: str | None
    kind: Kind
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    noun: str | None = None
    si_value: float | None = None
    si_unit: str | None = None
    step: float = 1.0
    unit_text: str | None = None
    dimension: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kind, Kind):  # a plain string is read as its member
            object.__setattr__(self, "kind", Kind(self.kind))
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")
        if self.value is None and (self.low is None or self.high is None):
            raise ValueError("a quantity needs a value or both ends of a range")
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def magnitude(self) -> float:
        """One number standing for the quantity: the value, or a range's midpoint."""
        if self.value is not None:
            return self.value
        assert self.low is not None and self.high is not None
        return (self.low + self.high) / 2


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``>=`` means "at least as bad"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r}") from None


SIDES = ("a", "b")


@dataclass(frozen=True, slots=True)
class Span:
    """A place in one side's text: offsets into ``Document.text``, end exclusive.

    ``side`` is "a" for the original of a pair, "b" for the revised copy or the one
    document of lint and extract.
    """

    start: int
    end: int
    side: str = "b"

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")
        if self.side not in SIDES:
            raise ValueError(f"unknown side {self.side!r}")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a copy editor should look at.

    ``a`` is the quantity in the original, ``b`` the one in the revised copy; either is
    None when the quantity exists on one side only (and lint findings carry ``b`` only).
    ``suggestion`` is text that could replace the primary quantity's span, when the
    checker knows the answer ("about 966 km"); reports offer it as a fix, and
    ``fix_safe`` says it is the only sensible reading, so ``--fix`` may apply it unasked.
    ``span`` is the finding's own place, for a finding about no quantity (an unused
    suppression comment, UC401); a finding with a quantity is placed by the quantity.
    """

    code: str
    name: str
    severity: Severity
    message: str
    a: Quantity | None = None
    b: Quantity | None = None
    suggestion: str | None = None
    fix_safe: bool = False
    span: Span | None = None

    @property
    def primary(self) -> Quantity | None:
        """The quantity a report points at: the revised one when there is one."""
        return self.b if self.b is not None else self.a

    @property
    def place(self) -> Span | None:
        """Where a report points: the primary quantity's span, else the finding's own."""
        if self.b is not None:
            return Span(self.b.start, self.b.end, "b")
        if self.a is not None:
            return Span(self.a.start, self.a.end, "a")
        return self.span


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence (or a line of page furniture) by its character span."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Indices of aligned segments; one side is None for one-side-only material.

    Several segments may share a partner when a sentence was split or merged.
    """

    a: int | None
    b: int | None
    score: float


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing an original with a revised version."""

    original: str
    revised: str
    segments_a: tuple[Segment, ...]
    segments_b: tuple[Segment, ...]
    alignment: tuple[AlignedPair, ...]
    matches: tuple[tuple[Quantity, Quantity], ...]
    findings: tuple[Finding, ...] = field(default=())
    #: Every quantity found in each text, in order: reports highlight these and never
    #: extract again (empty when the maker of the comparison did not record them).
    quantities_a: tuple[Quantity, ...] = field(default=())
    quantities_b: tuple[Quantity, ...] = field(default=())

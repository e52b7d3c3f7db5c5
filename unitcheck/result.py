"""What one run of the CLI produced, handed to the reporters.

The library functions (``extract``, ``compare``, ``lint``) return plain data about one
text; a run checks many inputs, some of which cannot be read. ``RunResult`` gathers
both so every output format renders the same facts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .inputs import Document
from .model import Comparison, Finding, Quantity, Severity


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome for one input (extract, lint) or one pair of inputs (compare).

    ``document`` is the checked file, or the revised copy of a pair; ``original`` is
    the original of a pair. Quantities in ``findings`` carry offsets into
    ``original.text`` (side ``a``) and ``document.text`` (side ``b``).
    """

    command: str
    document: Document
    original: Document | None = None
    findings: tuple[Finding, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    comparison: Comparison | None = field(default=None, repr=False)
    pair_id: str | None = None


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be checked: one line for the user, exit code 2."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class RunResult:
    command: str
    results: tuple[FileResult, ...] = ()
    problems: tuple[InputProblem, ...] = ()
    min_level: Severity = Severity.INFO

    def shown(self, result: FileResult) -> tuple[Finding, ...]:
        """The findings of *result* at or above ``min_level``."""
        return tuple(f for f in result.findings if f.severity >= self.min_level)

    def all_shown(self) -> list[tuple[FileResult, Finding]]:
        return [(r, f) for r in self.results for f in self.shown(r)]

    def summary(self) -> dict[str, int]:
        """Counts for the one-line summary and the JSON ``summary`` object."""
        counts = Counter(str(f.severity) for _, f in self.all_shown())
        return {
            "files": len(self.results),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "unreadable": len(self.problems),
        }

    def worst(self) -> Severity | None:
        """The highest severity among all findings, shown or not."""
        return max((f.severity for r in self.results for f in r.findings), default=None)

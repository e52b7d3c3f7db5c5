"""What one run of the CLI produced, handed to the reporters.

The library functions (``extract``, ``compare``, ``lint``) return plain data about one
text; a run checks many inputs, some of which cannot be read. ``RunResult`` gathers
both so every output format renders the same facts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum

from .model import Comparison, Finding, Quantity, Segment, Severity
from .text.reading import Document


class ExitCode(IntEnum):
    """How a run ends, as the process's exit status (``RunResult.return_code``).

    >>> int(ExitCode.USAGE), int(ExitCode.INTERRUPTED)
    (2, 130)
    """

    #: No finding reaches ``--fail-level``.
    OK = 0
    #: A finding (or an empty input) reaches ``--fail-level``.
    FINDINGS = 1
    #: A usage, configuration or input error (click uses 2 for usage errors too).
    USAGE = 2
    #: A bug in unitcheck.
    INTERNAL = 3
    #: Ctrl-C (128 + SIGINT).
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome for one input (extract, lint) or one pair of inputs (compare).

    ``document`` is the checked file, or the revised copy of a pair; ``original`` is
    the original of a pair. Quantities in ``findings`` carry offsets into
    ``original.text`` (side ``a``) and ``document.text`` (side ``b``).

    Reports render what is here and never run the engine again: ``quantities`` are
    every quantity found in ``document`` (extract and lint fill them; a pair's are in
    ``comparison``), ``segments`` the sentences of ``document`` as
    ``text.sentences.segment`` cut them (lint fills them; a pair's are in
    ``comparison``; empty when nobody cut them yet).
    """

    command: str
    document: Document
    original: Document | None = None
    findings: tuple[Finding, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    comparison: Comparison | None = field(default=None, repr=False)
    pair_id: str | None = None
    segments: tuple[Segment, ...] = field(default=(), repr=False)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be checked: one line for the user, exit code 2."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything one run produced, and the thresholds it was judged by.

    ``problems`` are inputs that could not be checked (exit 2); ``notes`` are inputs
    with nothing in them to check (an empty file), which count as warnings.
    ``fail_level`` None means the run never fails on findings.
    """

    command: str
    results: tuple[FileResult, ...] = ()
    problems: tuple[InputProblem, ...] = ()
    min_level: Severity = Severity.INFO
    notes: tuple[InputProblem, ...] = ()
    fail_level: Severity | None = Severity.ERROR

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
        """The highest severity among all findings, shown or not, and input notes."""
        levels = [f.severity for r in self.results for f in r.findings]
        levels += [Severity.WARNING] * bool(self.notes)
        return max(levels, default=None)

    def fails(self) -> bool:
        """True when a finding or a note reaches ``fail_level`` (exit status 1)."""
        worst = self.worst()
        return self.fail_level is not None and worst is not None and worst >= self.fail_level

    @property
    def return_code(self) -> ExitCode:
        """The exit status: ``USAGE`` when an input could not be checked, else
        ``FINDINGS`` when the run fails, else ``OK``.

        >>> RunResult("lint").return_code
        <ExitCode.OK: 0>
        """
        if self.problems:
            return ExitCode.USAGE
        return ExitCode.FINDINGS if self.fails() else ExitCode.OK

    def summary_line(self) -> str:
        """The last line of a report, saying what was checked and what failed the run.

        >>> RunResult("compare", problems=(InputProblem("a.txt", "no such file"),)).summary_line()
        'No pairs checked: 1 input could not be checked.'
        """
        noun, nouns = ("pair", "pairs") if self.command == "compare" else ("file", "files")
        checked = len(self.results)
        if checked == 0 and self.problems:
            head = f"No {nouns} checked:"
        elif self.command == "extract":
            found = sum(len(r.quantities) for r in self.results)
            where = _plural(checked, noun, nouns)
            head = f"Found {_plural(found, 'quantity', 'quantities')} in {where}."
        else:
            counts = self.summary()
            parts = [
                _plural(counts[key], word, words)
                for key, word, words in _LEVEL_WORDS
                if counts[key]
            ]
            where = _plural(checked, noun, nouns)
            head = f"{', '.join(parts)} in {where}." if parts else f"No problems found in {where}."
        return " ".join([head, *self._tails()])

    def _tails(self) -> list[str]:
        """Sentences about what the counts alone would hide."""
        tails = []
        if self.problems:
            tails.append(f"{_plural(len(self.problems), 'input')} could not be checked.")
        hidden = self._hidden_failures()
        if hidden:
            level = f"--fail-level {self.fail_level}"
            verb = "fails" if sum(hidden.values()) == 1 else "fail"
            what = ", ".join(_plural(n, str(s), _PLURAL[s]) for s, n in hidden.items())
            tails.append(f"{what} hidden by --min-level {self.min_level} {verb} the run ({level}).")
        if self.notes:
            n = len(self.notes)
            empty = f"{_plural(n, 'input')} {'was' if n == 1 else 'were'} empty"
            if self.fail_level is not None and Severity.WARNING >= self.fail_level:
                tails.append(f"{empty}, which fails the run (--fail-level {self.fail_level}).")
            else:
                tails.append(f"{empty}.")
        return tails

    def _hidden_failures(self) -> dict[Severity, int]:
        """Findings below ``min_level`` that still reach ``fail_level``, by severity.

        Empty when a finding on show already fails the run: that one explains itself.
        """
        if self.fail_level is None:
            return {}
        fail = self.fail_level
        if any(f.severity >= fail for _, f in self.all_shown()):
            return {}
        counts = Counter(
            f.severity
            for r in self.results
            for f in r.findings
            if fail <= f.severity < self.min_level
        )
        return dict(sorted(counts.items(), reverse=True))


_LEVEL_WORDS = (("errors", "error", None), ("warnings", "warning", None), ("infos", "info", "info"))
_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"

"""RunResult: the summary line says what was checked and what failed the run."""

from __future__ import annotations

import pytest

from unitcheck.model import Finding, Severity
from unitcheck.result import FileResult, InputProblem, RunResult
from unitcheck.text.reading import document_from_bytes

DOC = document_from_bytes(b"The road is 12 km long.\n", name="a.txt")


def _lint(*severities: Severity) -> FileResult:
    findings = tuple(Finding("UC220", "implausible-magnitude", s, "m") for s in severities)
    return FileResult("lint", DOC, findings=findings)


GONE = InputProblem("gone.txt", "no such file")
EMPTY = InputProblem("blank.md", "file is empty")


@pytest.mark.parametrize(
    ("run", "line"),
    [
        # only warnings, hidden by --min-level error, yet --fail-level warning fails the run
        (
            RunResult(
                "lint", (_lint(Severity.WARNING),), (), Severity.ERROR, fail_level=Severity.WARNING
            ),
            "No problems found in 1 file. 1 warning hidden by --min-level error fails the run "
            "(--fail-level warning).",
        ),
        # hidden findings that do not reach the fail level are not worth a word
        (
            RunResult("lint", (_lint(Severity.INFO),), (), Severity.WARNING),
            "No problems found in 1 file.",
        ),
        # several severities hidden, none shown
        (
            RunResult(
                "lint",
                (_lint(Severity.WARNING, Severity.INFO, Severity.INFO),),
                (),
                Severity.ERROR,
                fail_level=Severity.INFO,
            ),
            "No problems found in 1 file. 1 warning, 2 info hidden by --min-level error fail "
            "the run (--fail-level info).",
        ),
        # a shown error fails the run by itself: the hidden ones need no word
        (
            RunResult(
                "lint",
                (_lint(Severity.ERROR, Severity.WARNING),),
                (),
                Severity.ERROR,
                fail_level=Severity.WARNING,
            ),
            "1 error in 1 file.",
        ),
        # nothing could be read: the run checked nothing, and says so
        (
            RunResult("compare", (), (GONE, GONE)),
            "No pairs checked: 2 inputs could not be checked.",
        ),
        (
            RunResult("lint", (_lint(),), (GONE,)),
            "No problems found in 1 file. 1 input could not be checked.",
        ),
        # an empty input is a note; it fails the run only at warning or below
        (
            RunResult("lint", (_lint(),), notes=(EMPTY,)),
            "No problems found in 1 file. 1 input was empty.",
        ),
        (
            RunResult("lint", (), notes=(EMPTY, EMPTY), fail_level=Severity.WARNING),
            "No problems found in 0 files. 2 inputs were empty, which fails the run "
            "(--fail-level warning).",
        ),
        # extract counts quantities
        (RunResult("extract", (), (GONE,)), "No files checked: 1 input could not be checked."),
    ],
)
def test_result_summary_line_tells_the_truth(run: RunResult, line: str) -> None:
    assert run.summary_line() == line


def test_result_fails_counts_hidden_findings_and_notes() -> None:
    hidden = RunResult(
        "lint", (_lint(Severity.WARNING),), (), Severity.ERROR, fail_level=Severity.WARNING
    )
    assert hidden.fails()
    assert not RunResult("lint", (_lint(Severity.WARNING),)).fails()  # default: error
    assert RunResult("lint", notes=(EMPTY,), fail_level=Severity.WARNING).fails()
    assert not RunResult("lint", notes=(EMPTY,)).fails()
    assert not RunResult("lint", (_lint(Severity.ERROR),), fail_level=None).fails()  # never

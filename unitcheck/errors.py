"""Errors unitcheck raises: failures to do the job, never mismatches in the copy."""

from __future__ import annotations


class UnitcheckError(Exception):
    """Base class for every error unitcheck raises on purpose."""


class TableError(UnitcheckError, ValueError):
    """A runtime table in ``unitcheck/data`` has a line that cannot be read."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(path, line, reason)
        self.path, self.line, self.reason = path, line, reason

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


class InputError(UnitcheckError, OSError):
    """An input cannot be checked: missing, empty, binary, undecodable or too large."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path, self.reason = path, reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class EmptyInputError(InputError):
    """An input with nothing in it to check: empty, blank, or markup with no prose.

    Not a failure to do the job, so the CLI reports it as a warning-level note.
    """

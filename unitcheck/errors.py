"""Errors unitcheck raises: failures to do the job, never mismatches in the copy.

Every error is a ``UnitcheckError`` and also the builtin it resembles (``ValueError``
for a bad value, ``OSError`` for an input that cannot be read), so callers may catch
either. An error names its fields once, in ``fields``; the base class stores the
constructor's arguments under those names, and each class says in ``__str__`` how they
read as one line.

>>> str(TableError("units_en.tsv", 12, "no unit"))
'units_en.tsv:12: no unit'
>>> InputError("a.txt", "binary").reason
'binary'
"""

from __future__ import annotations

from typing import Any, ClassVar


class UnitcheckError(Exception):
    """Base class for every error unitcheck raises on purpose."""

    #: The names of the constructor's arguments, kept as attributes.
    fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.fields:
            names = self.fields[len(args) :]
            missing = [n for n in names if n not in kwargs]
            extra = set(kwargs) - set(names)
            if len(args) > len(self.fields) or missing or extra:
                wanted = ", ".join(self.fields)
                raise TypeError(f"{type(self).__name__} takes ({wanted})")
            args = (*args, *(kwargs[n] for n in names))
            for name, value in zip(self.fields, args, strict=True):
                setattr(self, name, value)
        elif kwargs:
            raise TypeError(f"{type(self).__name__} takes no keyword arguments")
        super().__init__(*args)


class OptionError(UnitcheckError, ValueError):
    """A value a caller gave (a keyword argument, a command-line option, a setting)
    that cannot be used: *name* is what was given, *reason* why it cannot be used.

    >>> str(OptionError("format", "unknown format 'rst'"))
    "format: unknown format 'rst'"
    """

    fields = ("name", "reason")
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}" if self.name else self.reason


class TableError(UnitcheckError, ValueError):
    """A runtime table in ``unitcheck/data`` has a line that cannot be read."""

    fields = ("path", "line", "reason")
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


class InputError(UnitcheckError, OSError):
    """An input cannot be checked: missing, empty, binary, undecodable or too large."""

    fields = ("path", "reason")
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class EmptyInputError(InputError):
    """An input with nothing in it to check: empty, blank, or markup with no prose.

    Not a failure to do the job, so the CLI reports it as a warning-level note.
    """

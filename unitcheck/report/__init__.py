r"""Write a ``RunResult`` in one of several formats.

Every format is a function ``emit(run, stream, options)``. ``FORMATS`` maps a format
name to it; the module behind a format is imported only when that format is written,
so choosing ``concise`` never pays for importing what ``html`` needs.

>>> import io
>>> from unitcheck.result import RunResult
>>> out = io.StringIO()
>>> emit("text", RunResult("lint"), out)
>>> out.getvalue()
'No problems found in 0 files.\n'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from ..result import RunResult


@dataclass(frozen=True, slots=True)
class Options:
    """How to write a report. ``color`` is decided by the CLI (terminal, NO_COLOR).

    ``width`` is the column to wrap human-readable text at; None wraps to the terminal
    when the stream is one, and not at all otherwise.
    """

    color: bool = False
    width: int | None = None


Emitter = Callable[[RunResult, TextIO, Options], None]

#: Format name -> (module in this package, function in it).
_TARGETS: dict[str, tuple[str, str]] = {
    "text": ("text", "emit"),
    "concise": ("concise", "emit"),
    "json": ("json_", "emit_json"),
    "jsonl": ("json_", "emit_jsonl"),
    "rdjsonl": ("rdjsonl", "emit"),
    "sarif": ("sarif", "emit"),
    "github": ("github", "emit"),
    "markdown": ("markdown", "emit"),
    "html": ("html", "emit"),
}

#: The format names, in the order ``--format`` lists them; ``text`` is the default.
NAMES: tuple[str, ...] = tuple(_TARGETS)
DEFAULT = "text"


def _lazy(name: str) -> Emitter:
    module_name, function = _TARGETS[name]

    def emitter(run: RunResult, stream: TextIO, options: Options | None = None) -> None:
        module = importlib.import_module(f"{__name__}.{module_name}")
        getattr(module, function)(run, stream, options or Options())

    emitter.__name__ = emitter.__qualname__ = f"emit_{name}"
    emitter.__doc__ = f"Write *run* to *stream* as {name}."
    return emitter


FORMATS: dict[str, Emitter] = {name: _lazy(name) for name in NAMES}


def emit(
    name: str, run: RunResult, stream: TextIO, *, color: bool = False, width: int | None = None
) -> None:
    """Write *run* to *stream* in format *name* (one of ``NAMES``).

    Raises ``ValueError`` for an unknown format name.
    """
    try:
        emitter = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; expected one of {', '.join(NAMES)}") from None
    emitter(run, stream, Options(color=color, width=width))


__all__ = ["DEFAULT", "FORMATS", "NAMES", "Emitter", "Options", "emit"]

"""unitcheck: find every quantity in news copy and flag the ones an edit broke.

The public names are imported on first use (PEP 562), so ``unitcheck extract`` never
loads the aligner and the comparison checks, and ``import unitcheck`` stays cheap.
``unitcheck.extract``, ``.compare`` and ``.lint`` are the functions, as they were when
this module imported them eagerly, even after their submodules of the same name load.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .check import check_document, check_pair
    from .compare.judge import compare
    from .config import ConfigError, Settings
    from .errors import InputError, TableError, UnitcheckError
    from .extract.scan import extract
    from .lint.rules import lint
    from .model import Comparison, Finding, Quantity, Severity
    from .result import ExitCode, FileResult

__all__ = [
    "extract", "compare", "lint", "check_pair", "check_document",
    "Quantity", "Finding", "Severity", "Comparison", "FileResult", "Settings",
    "UnitcheckError", "InputError", "TableError", "ConfigError", "ExitCode",
]
__version__ = "0.1.0"

#: Where each public name lives.
_HOMES = {
    "extract": ".extract",
    "compare": ".compare",
    "lint": ".lint",
    "check_pair": ".check",
    "check_document": ".check",
    "Quantity": ".model",
    "Finding": ".model",
    "Severity": ".model",
    "Comparison": ".model",
    "FileResult": ".result",
    "Settings": ".config",
    "UnitcheckError": ".errors",
    "InputError": ".errors",
    "TableError": ".errors",
    "ConfigError": ".config",
    "ExitCode": ".result",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """Importing submodule ``unitcheck.compare`` sets the package's ``compare`` to that
    module; the public name stays the function of the same name."""

    def __setattr__(self, name: str, value: Any) -> None:
        if _HOMES.get(name) == f".{name}" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

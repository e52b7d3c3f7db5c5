"""unitcheck: find every quantity in news copy and flag the ones an edit broke."""

from .compare import compare
from .errors import InputError, TableError, UnitcheckError
from .extract import extract
from .lint import lint
from .model import Comparison, Finding, Quantity, Severity

__all__ = [
    "extract", "compare", "lint",
    "Quantity", "Finding", "Severity", "Comparison",
    "UnitcheckError", "InputError", "TableError",
]
__version__ = "0.1.0"

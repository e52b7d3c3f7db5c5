"""unitcheck: find every quantity in news copy and flag the ones an edit broke."""

from .errors import InputError, TableError, UnitcheckError
from .extract import extract
from .model import Finding, Quantity, Severity

__all__ = ["extract", "Quantity", "Finding", "Severity", "UnitcheckError", "InputError", "TableError"]
__version__ = "0.1.0"

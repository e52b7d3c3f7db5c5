"""Load the runtime tables that ship in ``unitcheck/data``.

Each table is tab-separated text with a ``#`` comment header that explains its syntax.
A line that cannot be read raises ``TableError`` naming ``path:line``.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files

from .errors import TableError


def rows(name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, cells)`` for every entry of table ``name``.

    Blank lines and ``#`` comments are skipped; every entry must have exactly
    ``columns`` tab-separated cells, none empty.
    """
    text = files("unitcheck.data").joinpath(name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != columns or not all(c.strip() for c in cells):
            raise TableError(name, number, f"expected {columns} tab-separated cells, got {cells!r}")
        yield number, [c.strip() for c in cells]


def alternatives(cell: str) -> list[str]:
    """Split a ``|``-separated cell into its surfaces."""
    return [s.strip() for s in cell.split("|") if s.strip()]

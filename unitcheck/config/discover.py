"""Finding and reading the config file that applies to an input."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .settings import ConfigError

CONFIG_NAMES = (".unitcheck.toml", "unitcheck.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    """The nearest config file above *start* (a file or a folder), or None.

    In each folder, from *start* up to the filesystem root, ``.unitcheck.toml`` wins
    over ``unitcheck.toml``, which wins over a ``pyproject.toml`` that has a
    ``[tool.unitcheck]`` table; a pyproject.toml without the table is passed over.
    """
    start = Path(start).absolute()
    folder = start if start.is_dir() else start.parent
    while not folder.is_dir():  # a path not created yet: start from what exists
        folder = folder.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or "unitcheck" in _read_toml(candidate).get("tool", {}):
                return candidate
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The unitcheck table of a config file: all of it, or pyproject's ``[tool.unitcheck]``."""
    data = _read_toml(path)
    if path.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("unitcheck")
    if table is None:
        raise ConfigError(str(path), None, "no [tool.unitcheck] table")
    if not isinstance(table, dict):
        raise ConfigError(str(path), "tool.unitcheck", "must be a table")
    return table


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), None, f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror or exc}") from None

"""Resolving settings: defaults, then the config file, then the command line."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .discover import find_config, read_config
from .parse import FIELD, KEYS, override_key, parse_table, parse_value
from .settings import COMMAND_LINE, DEFAULT, Settings, Sources


def load_settings(
    start: Path,
    overrides: Mapping[str, object] | None = None,
    *,
    config_file: Path | None = None,
    isolated: bool = False,
) -> tuple[Settings, Sources]:
    """Resolve the settings for inputs at or below *start*.

    *config_file* (``--config``) is read instead of searching; *isolated*
    (``--no-config``) reads no file. *overrides* are command-line values keyed like the
    file (``"fail-level"`` or ``"fail_level"``, ``"gallon"`` or ``"locale.gallon"``);
    a None value means "not given". Command-line ``ignore`` adds to the file's list;
    every other key replaces the file's value.

    Globs in a discovered file are relative to its folder; with *config_file* they
    are relative to the working directory (as in ruff).
    """
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    path: Path | None = None
    root: str | None = None
    if not isolated:
        path = config_file if config_file is not None else find_config(start)
    if path is not None:
        where = str(path)
        table = read_config(path)
        for key, value in parse_table(table, where).items():
            values[key], origins[key] = value, where
        root = str(Path.cwd() if config_file is not None else path.absolute().parent)
    for raw_key, raw in (overrides or {}).items():
        if raw is None:
            continue
        key = override_key(raw_key)
        value = parse_value(key, raw, COMMAND_LINE, from_cli=True)
        if key == "ignore" and key in values:
            values[key] = values[key] | value
            origins[key] = f"{origins[key]} + {COMMAND_LINE}"
        else:
            values[key], origins[key] = value, COMMAND_LINE
    fields = {FIELD[k]: v for k, v in values.items()}
    # A locale a file or a flag states is told, even when it states the default.
    told = frozenset(f for f in ("gallon", "ton") if f in fields)
    settings = Settings(root=root, explicit=told, **fields)
    full = {k: origins.get(k, DEFAULT) for k in KEYS}
    return settings, Sources(full, str(path) if path is not None else None)

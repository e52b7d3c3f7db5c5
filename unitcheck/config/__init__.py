"""Settings, and where they come from: defaults, a config file, the command line.

A config file is the nearest ``.unitcheck.toml``, ``unitcheck.toml`` or ``pyproject.toml``
with a ``[tool.unitcheck]`` table, found by walking up from an input's directory. In the
first two the keys sit at the top level. Command-line values win over the file; an
unknown key or a bad value is a ``ConfigError`` that names the file and the key.

>>> settings, sources = load_settings(Path("/"), {"fail-level": "warning"}, isolated=True)
>>> settings.fail_level, sources["fail-level"], sources["min-level"]
(<Severity.WARNING: 2>, 'command line', 'default')

The parts: ``settings`` (the options object and how it grades findings), ``discover``
(which file applies), ``parse`` (one validator per key), ``load`` (file + command line),
``globs`` (path patterns, shared with batch) and ``show`` (``--show-settings``).
"""

from __future__ import annotations

from pathlib import Path  # noqa: F401  (the doctest above)

from ..model import Severity  # noqa: F401
from .discover import CONFIG_NAMES, find_config, read_config
from .globs import match_any, match_path
from .load import load_settings
from .settings import (
    ALL,
    COMMAND_LINE,
    DEFAULT,
    FAIL_NEVER,
    GALLONS,
    TONS,
    ConfigError,
    Settings,
    Sources,
    apply,
)
from .show import show

__all__ = [
    "ALL",
    "COMMAND_LINE",
    "CONFIG_NAMES",
    "DEFAULT",
    "FAIL_NEVER",
    "GALLONS",
    "TONS",
    "ConfigError",
    "Settings",
    "Sources",
    "apply",
    "find_config",
    "load_settings",
    "match_any",
    "match_path",
    "read_config",
    "show",
]

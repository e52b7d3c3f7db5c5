"""The resolved settings shown as TOML, each line saying where its value came from."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from .settings import ALL, DEFAULT, FAIL_NEVER, Settings


def show(settings: Settings, sources: Mapping[str, str]) -> str:
    """The resolved settings as TOML lines, each saying where its value came from.

    >>> print(show(Settings(), {}).splitlines()[1])
    fail-level = "error"  # default
    """
    config = getattr(sources, "config_file", None)
    lines = [f"# config file: {config}" if config else "# config file: none"]
    for key, value in _display(settings):
        origin = sources.get(key, DEFAULT)
        note = "default" if origin == DEFAULT else f"from {origin}"
        lines.append(f"{key} = {value}  # {note}")
    return "\n".join(lines) + "\n"


def _display(settings: Settings) -> list[tuple[str, str]]:
    level = settings.fail_level
    sev = dict(settings.severity)
    return [
        ("fail-level", _toml(str(level) if level is not None else FAIL_NEVER)),
        ("min-level", _toml(str(settings.min_level))),
        ("severity", _toml({c: str(s) for c, s in sorted(sev.items())})),
        ("ignore", _toml(sorted(settings.ignore))),
        ("select", _toml(sorted(settings.select) if settings.select is not None else [ALL])),
        ("tolerance", _toml(settings.tolerance)),
        ("locale.gallon", _toml(settings.gallon)),
        ("locale.ton", _toml(settings.ton)),
        ("exclude", _toml(list(settings.exclude))),
        ("extend-exclude", _toml(list(settings.extend_exclude))),
        ("per-file-ignores", _toml({g: sorted(c) for g, c in settings.per_file_ignores})),
        ("output-format", _toml(list(settings.output_format))),
    ]


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")


def _toml(value: object) -> str:
    """A TOML literal for a string, number, list or (inline) table of those."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{k if _BARE_KEY.match(k) else _toml(k)} = {_toml(v)}" for k, v in value.items())
        body = ", ".join(items)
        return "{ " + body + " }" if body else "{}"
    raise TypeError(type(value).__name__)

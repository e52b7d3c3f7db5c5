"""Checking config values: one small validator per key, the same for file and command line.

A validator takes the raw value and a ``Where`` (the file or "command line" and the key)
and returns the value a ``Settings`` field holds, or raises ``ConfigError`` naming both.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..codes import BY_CODE, BY_NAME
from ..model import Severity
from .settings import ALL, COMMAND_LINE, FAIL_NEVER, GALLONS, TONS, ConfigError

_CODE_PREFIX = re.compile(r"UC[0-9]{0,2}\Z")
_LEVELS = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Where:
    """Where a value was read: the file (or "command line") and the key."""

    source: str
    key: str
    from_cli: bool = False

    def fail(self, reason: str, key: str | None = None) -> ConfigError:
        return ConfigError(self.source, key or self.key, reason)

    def strings(self, value: object) -> list[str]:
        """A list of strings; on the command line also one comma- or space-separated string."""
        if self.from_cli and isinstance(value, str):
            return [s for s in re.split(r"[,\s]+", value) if s]
        if isinstance(value, list | tuple | frozenset | set) and all(
            isinstance(v, str) for v in value
        ):
            return list(value)
        raise self.fail("must be a list of strings")


def _level(raw: object, at: Where) -> Severity | None:
    if isinstance(raw, Severity):
        return raw
    never = at.key == "fail-level"
    if never and (raw is False or raw == FAIL_NEVER):
        return None
    choices = [str(s) for s in Severity] + ([FAIL_NEVER] if never else [])
    if not isinstance(raw, str):
        raise at.fail(f"must be one of {', '.join(choices)}")
    try:
        return Severity.parse(raw)
    except ValueError:
        raise at.fail(unknown("level", raw, choices)) from None


def _severity(raw: object, at: Where) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(raw, Mapping):
        raise at.fail('must be a table of code = "level", e.g. UC302 = "warning"')
    grades: dict[str, Severity] = {}
    for code, level in raw.items():
        sub = f"{at.key}.{code}"
        if isinstance(level, Severity):
            grade = level
        elif isinstance(level, str) and level.lower() in _LEVELS:
            grade = Severity.parse(level)
        else:
            raise at.fail("must be one of error, warning, info", sub)
        for c in resolve_codes(code, at.source, sub, allow_all=False):
            grades[c] = grade
    return tuple(sorted(grades.items()))


def _codes(raw: object, at: Where) -> frozenset[str] | None:
    codes = frozenset(c for s in at.strings(raw) for c in resolve_codes(s, at.source, at.key))
    return None if at.key == "select" and ALL in codes else codes


def _tolerance(raw: object, at: Where) -> float:
    if isinstance(raw, str) and at.from_cli:
        try:
            raw = float(raw)
        except ValueError:
            raise at.fail(f"must be a number, not {raw!r}") from None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise at.fail("must be a number (a multiplier on the rounding tolerance)")
    if not (math.isfinite(raw) and raw > 0):
        raise at.fail(f"must be a positive number, not {raw}")
    return float(raw)


def _choice(choices: Sequence[str]) -> Callable[[object, Where], str]:
    def check(raw: object, at: Where) -> str:
        if not isinstance(raw, str) or raw.lower() not in choices:
            shown = raw if isinstance(raw, str) else repr(raw)
            raise at.fail(unknown("value", shown, choices))
        return raw.lower()

    return check


def _patterns(raw: object, at: Where) -> tuple[str, ...]:
    return tuple(at.strings(raw))


def _formats(raw: object, at: Where) -> tuple[str, ...]:
    formats = [raw] if isinstance(raw, str) and not at.from_cli else at.strings(raw)
    if not formats or not all(isinstance(f, str) and f.strip() for f in formats):
        raise at.fail("must name at least one format")
    return tuple(formats)


def _per_file(raw: object, at: Where) -> tuple[tuple[str, frozenset[str]], ...]:
    if not isinstance(raw, Mapping):
        raise at.fail('must be a table of "glob" = ["CODE", ...]')
    pairs = []
    for glob, codes in raw.items():
        sub = f"{at.key}.{glob}"
        if not isinstance(codes, list | tuple | frozenset | set) or not all(
            isinstance(c, str) for c in codes
        ):
            raise at.fail("must be a list of codes", sub)
        pairs.append((glob, frozenset(x for c in codes for x in resolve_codes(c, at.source, sub))))
    return tuple(pairs)


# Key in the file -> (Settings field, validator). "locale" is a table of its own.
_KEY_TABLE: dict[str, tuple[str, Callable[[object, Where], Any]]] = {
    "fail-level": ("fail_level", _level),
    "min-level": ("min_level", _level),
    "severity": ("severity", _severity),
    "ignore": ("ignore", _codes),
    "select": ("select", _codes),
    "tolerance": ("tolerance", _tolerance),
    "locale.gallon": ("gallon", _choice(GALLONS)),
    "locale.ton": ("ton", _choice(TONS)),
    "exclude": ("exclude", _patterns),
    "extend-exclude": ("extend_exclude", _patterns),
    "per-file-ignores": ("per_file_ignores", _per_file),
    "output-format": ("output_format", _formats),
}
FIELD = {key: field for key, (field, _) in _KEY_TABLE.items()}
KEYS = tuple(FIELD)
_TOP_KEYS = tuple(dict.fromkeys(k.split(".")[0] for k in KEYS))
_LOCALE_KEYS = ("gallon", "ton")


def parse_value(key: str, raw: object, where: str, *, from_cli: bool = False) -> Any:
    """Check and convert one value; *from_cli* also accepts comma-separated strings."""
    return _KEY_TABLE[key][1](raw, Where(where, key, from_cli))


def parse_table(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Every key of a config table, checked: ``{"fail-level": Severity.WARNING, ...}``."""
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in _TOP_KEYS:
            raise ConfigError(where, None, unknown("key", key, [*_TOP_KEYS, *FIELD]))
        if key == "locale":
            if not isinstance(raw, dict):
                raise ConfigError(where, key, "must be a table, e.g. [tool.unitcheck.locale]")
            for sub, value in raw.items():
                if sub not in _LOCALE_KEYS:
                    raise ConfigError(where, None, unknown("key", f"locale.{sub}", KEYS))
                values[f"locale.{sub}"] = parse_value(f"locale.{sub}", value, where)
        else:
            values[key] = parse_value(key, raw, where)
    return values


def override_key(raw_key: str) -> str:
    """The file key a command-line name stands for ("fail_level", "ton" -> "locale.ton")."""
    key = raw_key.replace("_", "-")
    if key in _LOCALE_KEYS:
        key = f"locale.{key}"
    if key not in FIELD:
        raise ConfigError(COMMAND_LINE, None, unknown("setting", raw_key, KEYS))
    return key


def resolve_codes(name: str, where: str, key: str, *, allow_all: bool = True) -> list[str]:
    """The codes *name* stands for: a code, a name, a code prefix ("UC3"), or ALL."""
    s = name.strip()
    if s.upper() == ALL and allow_all:
        return [ALL]
    if s.upper() in BY_CODE:
        return [s.upper()]
    if s.lower() in BY_NAME:
        return [BY_NAME[s.lower()].code]
    if _CODE_PREFIX.match(s.upper()):
        found = [c for c in BY_CODE if c.startswith(s.upper())]
        if found:
            return found
    known = [*BY_CODE, *BY_NAME] + ([ALL] if allow_all else [])
    raise ConfigError(where, key, unknown("code", name, known))


def unknown(what: str, name: str, known: Sequence[str]) -> str:
    """"unknown code 'UC1O1'; did you mean 'UC101'?" """
    close = difflib.get_close_matches(name, list(known), n=1)
    if not close and what == "code":
        close = difflib.get_close_matches(name.lower(), list(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown {what} '{name}'{hint}"

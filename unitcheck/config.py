"""Settings, and where they come from: defaults, a config file, the command line.

A config file is the nearest ``.unitcheck.toml``, ``unitcheck.toml`` or ``pyproject.toml``
with a ``[tool.unitcheck]`` table, found by walking up from an input's directory. In the
first two the keys sit at the top level. Command-line values win over the file; an
unknown key or a bad value is a ``ConfigError`` that names the file and the key.

>>> settings, sources = load_settings(Path("/"), {"fail-level": "warning"}, isolated=True)
>>> settings.fail_level, sources["fail-level"], sources["min-level"]
(<Severity.WARNING: 2>, 'command line', 'default')
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import pathspec

from .codes import BY_CODE, BY_NAME
from .errors import UnitcheckError
from .model import Finding, Severity

CONFIG_NAMES = (".unitcheck.toml", "unitcheck.toml", "pyproject.toml")
COMMAND_LINE = "command line"
DEFAULT = "default"
#: A selector that stands for every code, in ``select``, ``ignore`` and per-file ignores.
ALL = "ALL"
GALLONS = ("us", "imperial")
TONS = ("short", "long", "metric")
FAIL_NEVER = "never"


class ConfigError(UnitcheckError, ValueError):
    """A config file (or a command-line value) cannot be used as it is."""

    def __init__(self, path: str, key: str | None, reason: str) -> None:
        super().__init__(path, key, reason)
        self.path, self.key, self.reason = path, key, reason

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        what = f"{self.key}: " if self.key else ""
        return f"{where}{what}{self.reason}"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be told, with the defaults used when nothing is said.

    ``fail_level`` None means never fail. ``select`` None means every code. Codes in
    ``severity``, ``ignore``, ``select`` and ``per_file_ignores`` are catalogue codes
    ("UC101"), or ``ALL``. Globs in ``exclude``, ``extend_exclude`` and
    ``per_file_ignores`` match paths relative to ``root`` (the config file's folder,
    or the working directory when there is none).

    >>> Settings().fail_level, Settings().tolerance, Settings().ton
    (<Severity.ERROR: 3>, 1.0, 'short')
    """

    fail_level: Severity | None = Severity.ERROR
    min_level: Severity = Severity.INFO
    severity: tuple[tuple[str, Severity], ...] = ()
    ignore: frozenset[str] = frozenset()
    select: frozenset[str] | None = None
    tolerance: float = 1.0
    gallon: str = "us"
    ton: str = "short"
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    output_format: tuple[str, ...] = ("text",)
    root: str | None = None

    def __post_init__(self) -> None:
        if not (math.isfinite(self.tolerance) and self.tolerance > 0):
            raise ValueError(f"tolerance must be a positive number, not {self.tolerance!r}")
        if self.gallon not in GALLONS:
            raise ValueError(f"gallon must be one of {', '.join(GALLONS)}")
        if self.ton not in TONS:
            raise ValueError(f"ton must be one of {', '.join(TONS)}")

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The severity *code* is reported at: its override, else *default*."""
        return dict(self.severity).get(code, default)

    def is_enabled(self, code: str) -> bool:
        """False for a code that ``select`` leaves out or ``ignore`` drops."""
        if self.select is not None and not _covers(self.select, code):
            return False
        return not _covers(self.ignore, code)

    def ignored_for(self, path: str) -> frozenset[str]:
        """The codes per-file ignores drop for *path* (may contain ``ALL``)."""
        rel = self.relative(path)
        found: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if match_path(pattern, rel):
                found |= codes
        return frozenset(found)

    def is_excluded(self, path: str) -> bool:
        """True when *path* matches ``exclude`` or ``extend_exclude``."""
        rel = self.relative(path)
        if path.endswith(("/", "\\")) or Path(path).is_dir():
            rel = rel.rstrip("/") + "/"  # "archive/**" names the folder's contents
        return match_any((*self.exclude, *self.extend_exclude), rel)

    def relative(self, path: str) -> str:
        """*path* as a POSIX path relative to ``root`` when it lies below it."""
        if path in ("-", "<stdin>"):
            return path
        base = Path(self.root) if self.root else Path.cwd()
        try:
            rel = Path(path).resolve().relative_to(base.resolve())
        except ValueError:
            return Path(path).as_posix()
        return rel.as_posix()


@dataclass(frozen=True, slots=True)
class Sources(Mapping[str, str]):
    """Where each setting (by its key in the file, e.g. ``locale.ton``) came from.

    A value is ``"default"``, the config file's path, or ``"command line"``.
    ``config_file`` is the file that was read, if any.
    """

    origins: Mapping[str, str]
    config_file: str | None = None

    def __getitem__(self, key: str) -> str:
        return self.origins[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.origins)

    def __len__(self) -> int:
        return len(self.origins)


# --- discovery and loading --------------------------------------------------------------


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
        for key, value in _parse_table(table, where).items():
            values[key], origins[key] = value, where
        root = str(Path.cwd() if config_file is not None else path.absolute().parent)
    for raw_key, raw in (overrides or {}).items():
        if raw is None:
            continue
        key = _override_key(raw_key)
        value = _parse_value(key, raw, COMMAND_LINE, from_cli=True)
        if key == "ignore" and key in values:
            values[key] = values[key] | value
            origins[key] = f"{origins[key]} + {COMMAND_LINE}"
        else:
            values[key], origins[key] = value, COMMAND_LINE
    fields = {_FIELD[k]: v for k, v in values.items()}
    settings = Settings(root=root, **fields)
    full = {k: origins.get(k, DEFAULT) for k in _KEYS}
    return settings, Sources(full, str(path) if path is not None else None)


def apply(settings: Settings, findings: Iterable[Finding], path: str) -> tuple[Finding, ...]:
    """Drop the findings *settings* turn off for *path*, and re-grade the rest.

    ``min_level`` is not applied here: hidden findings still count for the exit code
    unless they are ignored outright.

    >>> from unitcheck.model import Finding
    >>> f = Finding("UC302", "quantity-added", Severity.INFO, "new figure")
    >>> s = Settings(severity=(("UC302", Severity.WARNING),))
    >>> [str(g.severity) for g in apply(s, [f], "a.md")]
    ['warning']
    >>> apply(Settings(ignore=frozenset({"UC302"})), [f], "a.md")
    ()
    """
    dropped = settings.ignored_for(path)
    overrides = dict(settings.severity)
    kept = []
    for f in findings:
        if not settings.is_enabled(f.code) or _covers(dropped, f.code):
            continue
        grade = overrides.get(f.code)
        kept.append(
            f if grade is None or grade == f.severity else dataclasses.replace(f, severity=grade)
        )
    return tuple(kept)


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


# --- paths ------------------------------------------------------------------------------


def match_path(pattern: str, path: str) -> bool:
    """True when the POSIX *path* matches the glob *pattern*, as a .gitignore line would.

    ``*`` and ``?`` stay within one path segment, ``**`` spans any number of them. A
    pattern without a slash matches a file or folder name at any depth; a pattern
    matches everything below a folder it matches. A path ending in ``/`` is a folder.

    >>> match_path("*.txt", "wire/ap/a.txt"), match_path("wire/*.txt", "wire/ap/a.txt")
    (True, False)
    >>> match_path("wire/**/*.txt", "wire/ap/a.txt"), match_path("archive", "archive/2020/b.md")
    (True, True)
    """
    return match_any((pattern,), path)


def match_any(patterns: Iterable[str], path: str) -> bool:
    """True when *path* matches one of the globs *patterns* (see ``match_path``)."""
    patterns = tuple(patterns)
    if not patterns:
        return False
    return _spec(patterns).match_file(_posix(path))


def _posix(path: str) -> str:
    trailing = "/" if path.endswith(("/", "\\")) and len(path) > 1 else ""
    return PurePosixPath(path.replace("\\", "/")).as_posix().removeprefix("./") + trailing


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    # "./news/*.md" is how people write a path; .gitignore would read the dot literally.
    lines = [p.strip().removeprefix("./") for p in patterns]
    return pathspec.GitIgnoreSpec.from_lines(lines)


# --- parsing ----------------------------------------------------------------------------

# Key in the file -> Settings field. "locale" is a table of its own.
_FIELD = {
    "fail-level": "fail_level",
    "min-level": "min_level",
    "severity": "severity",
    "ignore": "ignore",
    "select": "select",
    "tolerance": "tolerance",
    "locale.gallon": "gallon",
    "locale.ton": "ton",
    "exclude": "exclude",
    "extend-exclude": "extend_exclude",
    "per-file-ignores": "per_file_ignores",
    "output-format": "output_format",
}
_KEYS = tuple(_FIELD)
_TOP_KEYS = tuple(dict.fromkeys(k.split(".")[0] for k in _KEYS))
_LOCALE_KEYS = ("gallon", "ton")
_CODE_PREFIX = re.compile(r"UC[0-9]{0,2}\Z")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), None, f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror or exc}") from None


def _parse_table(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in _TOP_KEYS:
            raise ConfigError(where, None, _unknown("key", key, [*_TOP_KEYS, *_FIELD]))
        if key == "locale":
            if not isinstance(raw, dict):
                raise ConfigError(where, key, "must be a table, e.g. [tool.unitcheck.locale]")
            for sub, value in raw.items():
                if sub not in _LOCALE_KEYS:
                    raise ConfigError(where, None, _unknown("key", f"locale.{sub}", _KEYS))
                values[f"locale.{sub}"] = _parse_value(f"locale.{sub}", value, where)
        else:
            values[key] = _parse_value(key, raw, where)
    return values


def _override_key(raw_key: str) -> str:
    key = raw_key.replace("_", "-")
    if key in _LOCALE_KEYS:
        key = f"locale.{key}"
    if key not in _FIELD:
        raise ConfigError(COMMAND_LINE, None, _unknown("setting", raw_key, _KEYS))
    return key


def _parse_value(key: str, raw: object, where: str, *, from_cli: bool = False) -> Any:
    """Check and convert one value; *from_cli* also accepts comma-separated strings."""

    def fail(reason: str) -> ConfigError:
        return ConfigError(where, key, reason)

    def strings(value: object) -> list[str]:
        if from_cli and isinstance(value, str):
            return [s for s in re.split(r"[,\s]+", value) if s]
        if isinstance(value, list | tuple | frozenset | set) and all(
            isinstance(v, str) for v in value
        ):
            return list(value)
        raise fail("must be a list of strings")

    if key in ("fail-level", "min-level"):
        if isinstance(raw, Severity):
            return raw
        if key == "fail-level" and (raw is False or raw == FAIL_NEVER):
            return None
        choices = [str(s) for s in Severity] + ([FAIL_NEVER] if key == "fail-level" else [])
        if not isinstance(raw, str):
            raise fail(f"must be one of {', '.join(choices)}")
        try:
            return Severity.parse(raw)
        except ValueError:
            raise fail(_unknown("level", raw, choices)) from None
    if key == "severity":
        if not isinstance(raw, Mapping):
            raise fail('must be a table of code = "level", e.g. UC302 = "warning"')
        grades: dict[str, Severity] = {}
        for code, level in raw.items():
            if isinstance(level, Severity):
                grade = level
            elif isinstance(level, str) and level.lower() in ("error", "warning", "info"):
                grade = Severity.parse(level)
            else:
                raise ConfigError(where, f"{key}.{code}", "must be one of error, warning, info")
            for c in _resolve_codes(code, where, f"{key}.{code}", allow_all=False):
                grades[c] = grade
        return tuple(sorted(grades.items()))
    if key in ("ignore", "select"):
        codes = frozenset(c for s in strings(raw) for c in _resolve_codes(s, where, key))
        return None if key == "select" and ALL in codes else codes
    if key == "tolerance":
        if isinstance(raw, str) and from_cli:
            try:
                raw = float(raw)
            except ValueError:
                raise fail(f"must be a number, not {raw!r}") from None
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise fail("must be a number (a multiplier on the rounding tolerance)")
        if not (math.isfinite(raw) and raw > 0):
            raise fail(f"must be a positive number, not {raw}")
        return float(raw)
    if key in ("locale.gallon", "locale.ton"):
        choices = GALLONS if key == "locale.gallon" else TONS
        if not isinstance(raw, str) or raw.lower() not in choices:
            shown = raw if isinstance(raw, str) else repr(raw)
            raise fail(_unknown("value", shown, choices))
        return raw.lower()
    if key in ("exclude", "extend-exclude"):
        return tuple(strings(raw))
    if key == "output-format":
        formats = [raw] if isinstance(raw, str) and not from_cli else strings(raw)
        if not formats or not all(f.strip() for f in formats):
            raise fail("must name at least one format")
        return tuple(formats)
    if key == "per-file-ignores":
        if not isinstance(raw, Mapping):
            raise fail('must be a table of "glob" = ["CODE", ...]')
        pairs = []
        for glob, codes in raw.items():
            sub = f"{key}.{glob}"
            if not isinstance(codes, list | tuple | frozenset | set) or not all(
                isinstance(c, str) for c in codes
            ):
                raise ConfigError(where, sub, "must be a list of codes")
            pairs.append((glob, frozenset(x for c in codes for x in _resolve_codes(c, where, sub))))
        return tuple(pairs)
    raise AssertionError(key)  # pragma: no cover - _FIELD and this function agree


def _resolve_codes(name: str, where: str, key: str, *, allow_all: bool = True) -> list[str]:
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
    raise ConfigError(where, key, _unknown("code", name, known))


def _unknown(what: str, name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    if not close and what == "code":
        close = difflib.get_close_matches(name.lower(), list(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown {what} '{name}'{hint}"


def _covers(codes: frozenset[str], code: str) -> bool:
    return ALL in codes or code in codes


# --- show -------------------------------------------------------------------------------


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

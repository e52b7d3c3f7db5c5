"""The settings a run is told, where each came from, and how they grade findings."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import OptionError
from ..model import Finding, Severity
from .globs import match_any, match_path

COMMAND_LINE = "command line"
DEFAULT = "default"
#: A selector that stands for every code, in ``select``, ``ignore`` and per-file ignores.
ALL = "ALL"
GALLONS = ("us", "imperial")
TONS = ("short", "long", "metric")
FAIL_NEVER = "never"
#: The locale settings and their defaults (what a bare "gallon" or "ton" means).
_LOCALE_DEFAULTS = {"gallon": "us", "ton": "short"}


class ConfigError(OptionError):
    """A config file (or a command-line value, or a ``Settings`` field) cannot be used
    as it is: *path* is the file (empty when there is none), *key* the setting."""

    fields = ("path", "key", "reason")
    path: str
    key: str | None
    reason: str

    @property
    def name(self) -> str:  # type: ignore[override]
        """The setting, as ``OptionError`` names what was given."""
        return self.key or ""

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

    ``explicit`` names the locale settings ("gallon", "ton") the run was told rather
    than left at their defaults; a value other than the default counts as told. Lint
    reads a bare "ton" as ``ton`` only when it was told (``lint_ton``). A bad value is
    a ``ConfigError`` (a ``ValueError``) naming the setting.

    >>> Settings().fail_level, Settings().tolerance, Settings().ton, Settings().lint_ton()
    (<Severity.ERROR: 3>, 1.0, 'short', None)
    >>> Settings(ton="metric").lint_ton()
    'metric'
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
    # Where a value came from, like ``Sources``: not part of what two settings are.
    explicit: frozenset[str] = dataclasses.field(default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        tolerance = self.tolerance
        if isinstance(tolerance, bool) or not isinstance(tolerance, int | float):
            raise ConfigError("", "tolerance", f"must be a positive number, not {tolerance!r}")
        if not (math.isfinite(tolerance) and tolerance > 0):
            raise ConfigError("", "tolerance", f"must be a positive number, not {tolerance!r}")
        for key, choices in (("gallon", GALLONS), ("ton", TONS)):
            value = getattr(self, key)
            if value not in choices:
                raise ConfigError("", key, f"must be one of {', '.join(choices)}, not {value!r}")
        told = {k for k, default in _LOCALE_DEFAULTS.items() if getattr(self, k) != default}
        if not set(self.explicit) <= set(_LOCALE_DEFAULTS):
            unknown = ", ".join(sorted(set(self.explicit) - set(_LOCALE_DEFAULTS)))
            raise ConfigError("", "explicit", f"names no locale setting: {unknown}")
        object.__setattr__(self, "explicit", frozenset(self.explicit) | told)

    def lint_ton(self) -> str | None:
        """What a bare "ton" means to lint: ``ton`` when it was told, else None (the
        copy must say, and a bare "tons" is flagged). Compare always reads ``ton``."""
        return self.ton if "ton" in self.explicit else None

    def with_options(self, **options: object) -> Settings:
        """A copy with the *options* that are not None replaced, validated again.

        A locale option given here counts as told (``explicit``). This is how the
        keywords of ``compare`` and ``lint`` (``tolerance=``, ``gallon=``, ``ton=``)
        reach the one options object.

        >>> Settings().with_options(ton="short", tolerance=None).lint_ton()
        'short'
        """
        given = {k: v for k, v in options.items() if v is not None}
        if not given:
            return self
        unknown = sorted(set(given) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise ConfigError("", unknown[0], "is not a setting")
        told = self.explicit | (set(given) & set(_LOCALE_DEFAULTS))
        told_now = frozenset(told)
        return dataclasses.replace(self, **given, explicit=told_now)  # type: ignore[arg-type]

    def is_enabled(self, code: str) -> bool:
        """False for a code that ``select`` leaves out or ``ignore`` drops."""
        if self.select is not None and not covers(self.select, code):
            return False
        return not covers(self.ignore, code)

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


def resolve(settings: Settings | None, **options: object) -> Settings:
    """*settings* (the defaults when None) with the *options* not None replaced.

    How ``compare``, ``lint`` and ``check_pair`` take their options: one ``Settings``,
    validated once, plus the keywords they have always had.

    >>> resolve(None, tolerance=2.0).tolerance
    2.0
    """
    if settings is None:
        settings = Settings()
    elif not isinstance(settings, Settings):
        raise TypeError(f"settings must be a Settings, not {type(settings).__name__}")
    return settings.with_options(**options)


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
        if not settings.is_enabled(f.code) or covers(dropped, f.code):
            continue
        grade = overrides.get(f.code)
        kept.append(
            f if grade is None or grade == f.severity else dataclasses.replace(f, severity=grade)
        )
    return tuple(kept)


def covers(codes: frozenset[str], code: str) -> bool:
    """True when the selector set *codes* names *code*, or is ``ALL``."""
    return ALL in codes or code in codes

"""The settings a run is told, where each came from, and how they grade findings."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnitcheckError
from ..model import Finding, Severity
from .globs import match_any, match_path

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

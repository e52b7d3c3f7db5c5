"""pint's answers, kept on disk so that a fresh process need not build the registry.

Importing pint and building its registry costs about 0.3 s, most of a cold ``unitcheck
extract`` (pint's import pulls in numpy, and dask when it is installed). Yet extraction
asks pint only a few dozen questions per article: the canonical name, dimension and SI
factor of a unit expression, or whether a word after a number is a unit pint knows.
:func:`remembered` keeps those answers, exactly as pint gave them, in the user's cache
folder, and a process that asks only questions already answered never imports pint.

Each module's answers are one pickle, named by a digest of everything they may depend
on: the source of that module and of every module of the package (an answer may pass
through several), every packaged table, the installed pint's own definition files and
the Python version. Change any of them and the old answers are never read again. New
answers are written once, at interpreter exit, merged with what other processes wrote
meanwhile, and atomically
(write a temporary file, then rename). A cache that cannot be read or written is
passed over silently: it only ever saves time.

The folder is ``$UNITCHECK_CACHE_DIR`` when set (an empty value turns the cache off),
else ``$XDG_CACHE_HOME/unitcheck``, else ``~/.cache/unitcheck``. This is the same kind
of cache as pint's own ``UnitRegistry(cache_folder=":auto:")``, which the registry uses.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import inspect
import os
import pickle
import sys
from collections.abc import Callable
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

#: Most answers one file keeps; beyond it the oldest go (a fuzz run asks about many
#: words that are not units, and loading the file must stay cheap).
MAX_ANSWERS = 20_000
_PREFIX = "pint-answers-"
#: Answer files kept per module; older ones are removed when a new one is written.
_KEEP_FILES = 4
#: pint's files whose change can change an answer (read as bytes, never imported).
_PINT_FILES = ("__init__.py", "default_en.txt", "constants_en.txt")

_answers: dict[str, dict[tuple[Any, ...], Any]] = {}  # module -> answers read or found
_new: dict[str, dict[tuple[Any, ...], Any]] = {}  # module -> answers found in this process


def cache_dir() -> Path | None:
    """The folder the answers live in, or None when ``UNITCHECK_CACHE_DIR`` is empty."""
    chosen = os.environ.get("UNITCHECK_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "unitcheck"


def remembered(fn: F) -> F:
    """Keep the answers of ``fn`` (hashable arguments, picklable result) across processes.

    Meant under ``functools.cache``, which answers repeat questions in memory; this layer
    is asked only on the first call with given arguments in a process. An exception is
    never remembered (rebuilding pint's would import pint): remember the function that
    catches it. Each module's answers live in a file of their own.
    """
    module = fn.__module__
    key_name = fn.__qualname__
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        answers = _load(module)
        if kwargs:  # one key however the arguments are passed: f(x, False), f(x, plural=False)
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            args, kwargs = tuple(bound.arguments.values()), {}
        key = (key_name, *args)
        try:
            return answers[key]
        except KeyError:
            pass
        value = fn(*args, **kwargs)
        _keep(module, key, value)
        return value

    return wrapper  # type: ignore[return-value]


def _keep(module: str, key: tuple[Any, ...], value: Any) -> None:
    if not _new:
        atexit.register(_save)
    _load(module)[key] = value
    _new.setdefault(module, {})[key] = value


@functools.cache
def _path(module: str) -> Path | None:
    """The answers file of ``module`` for its source, this package, tables and pint."""
    folder = cache_dir()
    source = getattr(sys.modules.get(module), "__file__", None)
    shared = _shared_digest()
    if folder is None or source is None or shared is None:
        return None
    try:
        digest = hashlib.sha256(shared + Path(source).read_bytes()).hexdigest()
    except OSError:
        return None
    return folder / f"{_PREFIX}{module}-{digest[:24]}.pickle"


@functools.cache
def _shared_digest() -> bytes | None:
    """A digest of the package's sources and tables, pint's files and Python's version."""
    digest = hashlib.sha256(repr(sys.version_info[:2]).encode())
    try:
        for path in sorted(Path(__file__).parent.rglob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        for table in sorted(files("unitcheck.data").iterdir(), key=lambda p: p.name):
            if table.name.endswith((".tsv", ".txt")):
                digest.update(table.name.encode() + b"\0" + table.read_bytes())
        spec = find_spec("pint")
        if spec is None or spec.origin is None:
            return None
        for name in _PINT_FILES:
            digest.update((Path(spec.origin).parent / name).read_bytes())
    except OSError:
        return None
    return digest.digest()


def _read(path: Path) -> dict[tuple[Any, ...], Any]:
    try:
        with path.open("rb") as stream:
            data = pickle.load(stream)
    except Exception:  # noqa: BLE001 - missing, partial or stale: start afresh
        return {}
    return data if isinstance(data, dict) else {}


def _load(module: str) -> dict[tuple[Any, ...], Any]:
    answers = _answers.get(module)
    if answers is None:
        path = _path(module)
        answers = _answers[module] = _read(path) if path is not None else {}
    return answers


def _save() -> None:
    """Write this process's new answers, merged with the files as they are now."""
    for module, new in list(_new.items()):
        path = _path(module)
        if path is None or not new:
            continue
        merged = _read(path)
        merged.update(new)
        if len(merged) > MAX_ANSWERS:
            merged = dict(list(merged.items())[-MAX_ANSWERS:])
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as stream:
                pickle.dump(merged, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            tmp.unlink(missing_ok=True)  # no room, no right, or an answer pickle refuses
            continue
        new.clear()
        _prune(path.parent, module)


def _prune(folder: Path, module: str) -> None:
    """Keep the newest few answer files of ``module``: older sources, tables or pints
    left theirs behind (a few stay, for environments that take turns)."""
    try:
        found = sorted(
            folder.glob(f"{_PREFIX}{module}-*.pickle"),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in found[_KEEP_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass

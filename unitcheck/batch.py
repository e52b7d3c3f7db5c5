"""Many comparisons in one run: pairs from a CSV file, two folders, or git history.

Each source gives a ``Pairing``: the pairs to compare, plus the files found on one
side only, which the CLI can warn about (or lint). ``run_parallel`` then checks the
pairs, in worker processes when asked to.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import csv
import multiprocessing
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from .config import match_path
from .errors import UnitcheckError
from .text.reading import COPY_SUFFIXES

#: Extensions of the files that hold copy; others are passed over in folders and git.
COPY_EXTENSIONS = frozenset(COPY_SUFFIXES)
_CSV_COLUMNS = ("original", "revised", "id")

T = TypeVar("T")
R = TypeVar("R")


class BatchError(UnitcheckError, ValueError):
    """A list of pairs cannot be read: the message names the file and line."""

    fields = ("path", "line", "reason")
    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


class GitError(UnitcheckError, RuntimeError):
    """git could not tell us what changed: not a repository, a bad ref, no git..."""

    fields = ("reason",)
    reason: str

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True, slots=True)
class Pair:
    """An original and its revised copy.

    ``original`` is a path, or, with ``original_bytes`` set, only the name to show
    (``"origin/main:story.md"``); the CLI then decodes the bytes instead of reading a
    file. ``revised`` is always a path on disk.
    """

    original: str
    revised: str
    id: str | None = None
    original_bytes: bytes | None = None


@dataclass(frozen=True, slots=True)
class Pairing:
    """Pairs to compare, and files present on one side only (as paths or names)."""

    pairs: tuple[Pair, ...]
    only_original: tuple[str, ...] = ()
    only_revised: tuple[str, ...] = ()


# --- CSV --------------------------------------------------------------------------------


def pairs_from_csv(path: str | os.PathLike[str]) -> Pairing:
    """Read pairs from a CSV file with columns original, revised and, optionally, id.

    The header row is optional; with one, columns may come in any order and other
    columns are ignored. Without one, the columns are original, revised, id. Blank
    rows and rows whose first cell starts with ``#`` are skipped. Relative paths are
    resolved against the CSV file's folder.
    """
    name = os.fspath(path)
    base = Path(name).parent
    try:
        with open(name, encoding="utf-8-sig", newline="") as stream:
            return Pairing(tuple(_csv_rows(stream, name, base)))
    except FileNotFoundError:
        raise BatchError(name, None, "no such file") from None
    except UnicodeDecodeError:
        raise BatchError(name, None, "not UTF-8 text") from None
    except csv.Error as exc:
        raise BatchError(name, None, f"not a readable CSV file: {exc}") from None
    except OSError as exc:
        raise BatchError(name, None, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None


def _csv_rows(stream: IO[str], name: str, base: Path) -> Iterable[Pair]:
    reader = csv.reader(stream)
    columns: dict[str, int] | None = None
    seen: dict[str, int] = {}
    first = True
    for row in reader:
        line = reader.line_num
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if first:
            first = False
            lowered = [c.lower() for c in cells]
            if "original" in lowered or "revised" in lowered:
                columns = _header(lowered, name, line)
                continue
        if columns is None:
            if len(cells) > 3 and any(cells[3:]):
                raise BatchError(name, line, f"expected 2 or 3 columns, found {len(cells)}")
            cells += [""] * (3 - len(cells))
            original, revised, pair_id = cells[:3]
        else:
            get = columns.get
            original, revised, pair_id = (
                cells[i] if (i := get(c)) is not None and i < len(cells) else ""
                for c in _CSV_COLUMNS
            )
        for label, value in (("original", original), ("revised", revised)):
            if not value:
                raise BatchError(name, line, f"the {label} path is missing")
        if pair_id:
            if pair_id in seen:
                raise BatchError(name, line, f"id {pair_id!r} already used on line {seen[pair_id]}")
            seen[pair_id] = line
        yield Pair(_resolve(base, original), _resolve(base, revised), pair_id or None)


def _header(cells: list[str], name: str, line: int) -> dict[str, int]:
    columns = {c: n for n, c in reversed(list(enumerate(cells))) if c in _CSV_COLUMNS}
    for needed in ("original", "revised"):
        if needed not in columns:
            raise BatchError(name, line, f"the header has no {needed!r} column")
    return columns


def _resolve(base: Path, path: str) -> str:
    p = Path(path).expanduser()
    return str(p if p.is_absolute() else base / p)


# --- two folders ------------------------------------------------------------------------


def pairs_from_dirs(
    orig_dir: str | os.PathLike[str],
    rev_dir: str | os.PathLike[str],
    exclude: Sequence[str] = (),
    *,
    extensions: Iterable[str] = COPY_EXTENSIONS,
) -> Pairing:
    """Pair the copy files of two folders by their path relative to each folder.

    Hidden files and folders are passed over, and so are relative paths matching a
    glob in *exclude*. Each pair's id is the relative path. Files in one folder only
    are listed in ``only_original`` / ``only_revised``.
    """
    exts = frozenset(e.lower() for e in extensions)
    a = _copy_files(Path(orig_dir), exts, exclude)
    b = _copy_files(Path(rev_dir), exts, exclude)
    pairs = tuple(
        Pair(str(Path(orig_dir, rel)), str(Path(rev_dir, rel)), rel) for rel in sorted(a & b)
    )
    return Pairing(
        pairs,
        tuple(str(Path(orig_dir, rel)) for rel in sorted(a - b)),
        tuple(str(Path(rev_dir, rel)) for rel in sorted(b - a)),
    )


def _copy_files(root: Path, exts: frozenset[str], exclude: Sequence[str]) -> set[str]:
    if not root.is_dir():
        raise BatchError(str(root), None, "not a folder")
    found: set[str] = set()
    for folder, dirs, files in os.walk(root):
        rel_folder = Path(folder).relative_to(root)
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".") and not _excluded((rel_folder / d).as_posix() + "/", exclude)
        ]
        for f in files:
            rel = (rel_folder / f).as_posix()
            if f.startswith(".") or Path(f).suffix.lower() not in exts:
                continue
            if not _excluded(rel, exclude):
                found.add(rel)
    return found


def _excluded(rel: str, exclude: Sequence[str]) -> bool:
    return any(match_path(p, rel) for p in exclude)


# --- git --------------------------------------------------------------------------------


def pairs_from_git(
    base_ref: str,
    paths: Sequence[str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> Pairing:
    """Pair each copy file changed since ``git merge-base base_ref HEAD`` with its old text.

    Changes in the working tree count, committed or not. The original of a pair is
    the file's blob at the merge base, in ``original_bytes``, named
    ``"<base_ref>:<path in repo>"``; renamed files pair with their old name. *paths*
    (relative to *cwd*) limit the files looked at. Files with no version at the merge
    base (added, or untracked and not ignored) go in ``only_revised``; files deleted
    since go in ``only_original``. Revised paths are relative to *cwd* when below it.
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    top = Path(_git(["rev-parse", "--show-toplevel"], here, what="find the repository").strip())
    base = _merge_base(base_ref, here)
    specs = ["--", *(str((here / p).absolute()) for p in paths)] if paths else []
    out = _git(
        ["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--ignore-submodules", base, *specs],
        top,
        what="list the changed files",
    )
    fields = out.split("\0")
    pairs: list[Pair] = []
    added: list[str] = []
    deleted: list[str] = []
    i = 0
    while i < len(fields) - 1:
        status = fields[i]
        if status[:1] in ("R", "C"):
            old, new = fields[i + 1], fields[i + 2]
            i += 3
        else:
            old = new = fields[i + 1]
            i += 2
        kind = status[:1]
        if not _is_copy(new):
            continue
        if kind == "D":
            deleted.append(f"{base_ref}:{old}")
        elif kind == "A":
            added.append(_shown(top / new, here))
        elif kind in ("M", "R", "C", "T"):
            data = _git_bytes(["cat-file", "blob", f"{base}:{old}"], top, what=f"read {old}")
            pairs.append(Pair(f"{base_ref}:{old}", _shown(top / new, here), new, data))
    untracked = _git(
        ["ls-files", "-z", "--others", "--exclude-standard", *specs], top, what="list new files"
    )
    added += [_shown(top / f, here) for f in untracked.split("\0") if f and _is_copy(f)]
    return Pairing(tuple(pairs), tuple(sorted(deleted)), tuple(sorted(added)))


def _merge_base(base_ref: str, cwd: Path) -> str:
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{base_ref}^{{commit}}"], cwd, what="")
    except GitError:
        raise GitError(f"unknown git ref {base_ref!r} ({_ref_hint(base_ref)})") from None
    return _git(
        ["merge-base", base_ref, "HEAD"],
        cwd,
        what=f"find where HEAD left {base_ref}",
        hint="in a shallow clone, fetch more history (actions/checkout: fetch-depth: 0)",
    ).strip()


def _ref_hint(ref: str) -> str:
    if "/" in ref:
        return f"is {ref} fetched? try: git fetch {ref.split('/', 1)[0]} {ref.split('/', 1)[1]}"
    return "check the branch or commit name"


def _git(args: list[str], cwd: Path, *, what: str, hint: str = "") -> str:
    """Run git and return its output as text (paths that are not UTF-8 survive)."""
    return _git_bytes(args, cwd, what=what, hint=hint).decode("utf-8", "surrogateescape")


def _git_bytes(args: list[str], cwd: Path, *, what: str, hint: str = "") -> bytes:
    """Run git (a list of arguments, no shell) and return its output."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            env={**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except NotADirectoryError:
        raise GitError(f"{cwd}: not a folder") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"git exited with status {done.returncode}"
        if "not a git repository" in detail.lower():
            raise GitError(f"{cwd}: not a git repository")
        extra = f" ({hint})" if hint else ""
        raise GitError(f"git could not {what}: {detail.removeprefix('fatal: ')}{extra}")
    return done.stdout


def _is_copy(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in COPY_EXTENSIONS


def _shown(path: Path, here: Path) -> str:
    try:
        return path.relative_to(here.resolve()).as_posix()
    except ValueError:
        return os.path.relpath(path, here)


# --- running ----------------------------------------------------------------------------


def run_parallel(
    fn: Callable[[T], R],
    items: Sequence[T],
    jobs: int = 1,
    *,
    progress: Callable[[int, int], None] | None = None,
    initializer: Callable[[], None] | None = None,
) -> list[R]:
    """``[fn(x) for x in items]``, in worker processes when *jobs* > 1 (0 = one a CPU).

    Results come back in the order of *items*. *fn* and the items must pickle (a
    module-level function), and *fn* should turn expected failures into results:
    the first exception raised stops the run and propagates. *progress*, if given,
    is called with (done, total) after each item. Each worker runs *initializer*
    once (to load what *fn* needs) and takes the items in chunks; on an interrupt
    the workers are ended at once.
    """
    total = len(items)
    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    workers = min(workers, total)
    if workers <= 1:
        results = []
        for n, item in enumerate(items, 1):
            results.append(fn(item))
            if progress:
                progress(n, total)
        return results
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    pool = concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context(method), initializer=initializer
    )
    chunk = max(1, min(64, total // (workers * 4)))
    out: list[R] = []
    try:
        for done, result in enumerate(pool.map(fn, items, chunksize=chunk), 1):
            out.append(result)
            if progress:
                progress(done, total)
    except BaseException:
        from .batch_stream import end_pool

        end_pool(pool)
        raise
    pool.shutdown(wait=True)
    return out


@contextlib.contextmanager
def tty_progress(
    total: int, verb: str = "checked", stream: IO[str] | None = None, *, minimum: int = 2
) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar with rate and ETA on *stream* (stderr) while the block runs.

    Yields a ``(done, total)`` callback for ``run_parallel``, or None unless the stream
    is a terminal and there are at least *minimum* items, so piped and CI output stays
    clean. The bar is drawn by rich, which also honours ``NO_COLOR``.
    """
    out = stream if stream is not None else sys.stderr
    isatty = getattr(out, "isatty", None)
    if total < minimum or not (isatty and isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(f"{verb} "),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    console = Console(file=out, force_terminal=True)
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(verb, total=total, rate="")

        def report(done: int, total: int) -> None:
            speed = bar.tasks[0].speed
            rate = f"{speed:.1f}/s" if speed else ""
            bar.update(task, completed=done, rate=rate)

        yield report

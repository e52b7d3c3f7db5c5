"""Globs over paths, as a .gitignore line reads them: shared by config and batch."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import PurePosixPath

import pathspec


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

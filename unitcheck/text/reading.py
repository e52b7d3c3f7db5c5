"""Read the copy a user hands us: find it in folders, decode it, refuse what is not text.

Nothing here writes anything. Every refusal is an ``InputError`` whose reason is short
enough for one line of CLI output.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pathspec

from ..errors import EmptyInputError, InputError, OptionError
from .markup import (
    PositionMap,
    blank_markdown,
    drop_invisible,
    extract_html,
    line_starts,
    markdown_superscripts,
)

FORMATS = ("text", "markdown", "html")
#: The largest input read (bigger files are refused before reading), and the longest
#: line of text checked: one line is one piece of work for the tokenizer, so its memory
#: grows with it (about 80 bytes a character). Minified HTML is one line of markup but
#: many lines of text, so the line limit applies to the text, not to the markup.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_LINE = 2 * 1024 * 1024
STDIN_NAME = "<stdin>"

#: Suffixes of the files a folder walk takes; other files in a folder are passed over.
COPY_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_ALIASES = {"md": "markdown", "htm": "html", "txt": "text"}
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.10
# C0 controls other than tab, line feed, form feed and carriage return; and DEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_C1 = re.compile("[\x80-\x9f]")
# Terminal control sequences (ECMA-48): CSI "ESC [ 2 J" and its 8-bit form, OSC and the
# other strings up to their terminator (never past a line end), two-character escapes,
# and any other C0 control but tab, line feed, vertical tab, form feed and carriage return.
_TERMINAL = re.compile(
    "\x1b\\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"
    "|\x1b[\\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\\\)?|\x1b[ -/]*[0-~]"
    "|[\x00-\x08\x0e-\x1f\x7f]"
)
_LINE_END = re.compile(r"\r\n|\r|\n")
_UTF16 = (("utf-16-le", 1), ("utf-16-be", 0))  # the byte that is NUL for ASCII text
_UTF16_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class Document:
    """One input, decoded: the text to search and the source it came from.

    ``text`` is what quantity offsets refer to. For plain text it is ``source``; for
    Markdown it is ``source`` with code, HTML and link targets blanked (same offsets);
    for HTML it is the extracted prose, and ``positions`` maps its offsets back.
    """

    path: str
    text: str
    source: str
    format: str
    encoding: str = "utf-8"
    positions: PositionMap | None = field(default=None, repr=False, compare=False)
    _line_starts: array[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"unknown format {self.format!r}")
        if self.positions is None:
            if len(self.text) != len(self.source):
                raise ValueError("text and source differ in length: a position map is needed")
            object.__setattr__(self, "positions", PositionMap.identity(len(self.source)))
        object.__setattr__(self, "_line_starts", line_starts(self.source))

    def source_offset(self, i: int) -> int:
        """The offset in ``source`` of the character at offset *i* in ``text``."""
        return self._map().start(self._check(i))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` that the span *start*:*end* of ``text`` came from."""
        s = self._map().start(self._check(start))
        return s, max(s, self._map().end(self._check(end)))

    def line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column in ``source`` of offset *offset* in ``text``."""
        return self.source_line_col(self.source_offset(offset))

    def source_line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column (in characters) of an offset in ``source``."""
        if not 0 <= offset <= len(self.source):
            raise ValueError(f"offset {offset} is outside the source (0..{len(self.source)})")
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _map(self) -> PositionMap:
        assert self.positions is not None  # set in __post_init__
        return self.positions

    def _check(self, i: int) -> int:
        if not 0 <= i <= len(self.text):
            raise ValueError(f"offset {i} is outside the text (0..{len(self.text)})")
        return i


def read_text(
    path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    format_hint: str | None = None,
    max_line: int = DEFAULT_MAX_LINE,
) -> Document:
    """Read, decode and extract one input; ``"-"`` reads *stdin* (default: ``sys.stdin``).

    The format comes from the file extension unless *format_hint* names one
    ("text", "markdown", "html", "md", "txt", "htm") or a file name to take it from.

    >>> import io
    >>> doc = read_text("-", stdin=io.BytesIO(b"\\xef\\xbb\\xbfThe dam is 60 m tall.\\r\\n"))
    >>> doc.path, doc.text[:20], doc.line_col(doc.text.index("60"))
    ('<stdin>', 'The dam is 60 m tall', (1, 12))
    """
    if path == "-":
        name, data = STDIN_NAME, _read_stream(stdin or sys.stdin.buffer, max_bytes)
    else:
        name, data = path, _read_file(path, max_bytes)
    fmt = format_of("" if path == "-" else path, format_hint)
    return document_from_bytes(data, name=name, format=fmt, max_line=max_line)


def document_from_bytes(
    data: bytes, *, name: str, format: str = "text", max_line: int = DEFAULT_MAX_LINE
) -> Document:
    """Decode *data* and extract its text; *name* is what error messages show.

    Terminal control sequences in the source ("\\x1b[2J") are read as spaces, so their
    digits never become quantities ("2 J"); soft hyphens and zero-width characters are
    left out of the text ("3\\u00ad000" reads 3000), with a position map back.
    ``source`` keeps everything as written.
    """
    source, encoding = decode(data, name=name)
    readable = neutralise(source)
    if format == "html":
        text, positions = extract_html(readable)
    elif format == "markdown":
        blanked = blank_markdown(readable)
        text, positions = drop_invisible(blanked, markdown_superscripts(readable, blanked))
    else:
        text, positions = drop_invisible(readable)
    if not text.strip():
        raise EmptyInputError(name, "no text found")
    _check_lines(text, max_line, name, "a paragraph" if format == "html" else "line {}")
    return Document(name, text, source, format, encoding, positions)


def _check_lines(text: str, limit: int, name: str, what: str) -> None:
    """Refuse a text with a line longer than *limit* characters, naming the line."""
    if len(text) <= limit:
        return
    start = 0
    for number, m in enumerate(_LINE_END.finditer(text + "\n"), 1):
        if m.start() - start > limit:
            shown = what.format(number)
            raise InputError(name, f"{shown} is longer than {limit:,} characters")
        start = m.end()


def neutralise(text: str) -> str:
    """*text* with terminal control sequences and stray control characters as spaces.

    The result has the same length, so offsets into it are offsets into *text*.

    >>> neutralise("Clear \\x1b[2Jnow: 5 km")
    'Clear     now: 5 km'
    """
    if not _TERMINAL.search(text):
        return text
    return _TERMINAL.sub(lambda m: " " * len(m.group()), text)


def encoding_note(encoding: str) -> str | None:
    """What a reader should be told about how an input was decoded, or None.

    >>> encoding_note("cp1252")
    'not valid UTF-8: read as Windows-1252 (cp1252)'
    """
    if encoding == "cp1252":
        return "not valid UTF-8: read as Windows-1252 (cp1252)"
    if encoding in ("utf-16-le", "utf-16-be"):
        return f"no byte-order mark: read as {encoding.upper()}"
    return None


def format_of(path: str, hint: str | None = None) -> str:
    """The format to read *path* as: *hint* if given, else by extension, else "text"."""
    if hint is not None:
        key = hint.lower().lstrip(".")
        if key in FORMATS or key in _ALIASES:
            return _ALIASES.get(key, key)
        if "." not in hint:
            raise OptionError("", f"unknown format {hint!r}; expected one of {', '.join(FORMATS)}")
        path = hint
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")


def decode(data: bytes, *, name: str) -> tuple[str, str]:
    """Decode *data* as UTF-8 (BOM optional), UTF-16 with a BOM, or clean cp1252.

    UTF-16 without a BOM is recognised by its NUL bytes (every second byte of
    Latin-script text) and read as ``utf-16-le`` or ``utf-16-be``. Returns the text and
    the encoding used (``encoding_note`` says which ones were a guess worth a warning);
    raises ``EmptyInputError`` for input that is empty or whitespace only,
    ``InputError`` for binary or undecodable input.
    """
    if not data:
        raise EmptyInputError(name, "file is empty")
    bare_utf16 = _utf16_without_bom(data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _decode_utf16(data, name), "utf-16"
    elif bare_utf16 is not None:
        text, encoding = _decode_utf16(data, name, bare_utf16), bare_utf16
    else:
        # Sniff the bytes themselves: a binary file may still decode as cp1252.
        if _looks_binary(data[:_SNIFF_BYTES].decode("latin-1")):
            raise InputError(name, "looks like a binary file")
        text, encoding = _decode_8bit(data, name)
    if not text.strip():
        raise EmptyInputError(name, "file is empty")
    return text, encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when *data* looks like UTF-16 text without a BOM."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4:
        return None
    for encoding, nul_at in _UTF16:
        nuls, others = sample[nul_at::2], sample[1 - nul_at :: 2]
        if nuls.count(0) >= _UTF16_SHARE * len(nuls) and others.count(0) == 0:
            return encoding
    return None


def _decode_utf16(data: bytes, name: str, encoding: str = "utf-16") -> str:
    try:
        text = data.decode(encoding)  # "utf-16" reads and drops the BOM
    except UnicodeDecodeError:
        what = "UTF-16" if encoding == "utf-16" else f"{encoding.upper()} (it has no BOM)"
        raise InputError(name, f"cannot decode as {what}") from None
    if _looks_binary(text[: _SNIFF_BYTES // 2]):
        raise InputError(name, "looks like a binary file")
    return text


def _decode_8bit(data: bytes, name: str) -> tuple[str, str]:
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    try:
        return data.decode("utf-8"), encoding
    except UnicodeDecodeError:
        pass
    # Old newsroom systems export Windows-1252; accept it only when it is unambiguous.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(name, "cannot decode as UTF-8") from None
    if _C1.search(text):
        raise InputError(name, "cannot decode as UTF-8")
    return text, "cp1252"


def _looks_binary(sample: str) -> bool:
    """True for a NUL, or for more than a tenth of control characters."""
    if "\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample)


def _read_file(path: str, max_bytes: int) -> bytes:
    """Read at most *max_bytes* of a regular file, turning OS errors into InputErrors.

    Anything but a regular file is refused: a FIFO, a socket or a device could block
    forever or never end (standard input is read with ``"-"``). The file is opened
    without blocking and checked on the open descriptor, so a FIFO swapped in after a
    check cannot hang the run either.
    """
    try:
        if os.path.isdir(path):
            raise InputError(path, "is a directory")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb", closefd=True) as stream:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError(path, "is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(path, f"is not a regular file ({_kind(info.st_mode)})")
            if info.st_size > max_bytes:
                raise InputError(path, f"file is larger than {_size(max_bytes)}")
            data = stream.read(max_bytes + 1)  # bounded even if the file grows meanwhile
    except OSError as exc:
        raise _os_error(path, exc) from None
    except ValueError:  # a NUL in the path
        raise InputError(path, "no such file") from None
    if len(data) > max_bytes:
        raise InputError(path, f"file is larger than {_size(max_bytes)}")
    return data


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a file"


def _read_stream(stream: BinaryIO, max_bytes: int) -> bytes:
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise _os_error(STDIN_NAME, exc) from None
    if len(data) > max_bytes:
        raise InputError(STDIN_NAME, f"file is larger than {_size(max_bytes)}")
    return data


def _os_error(path: str, exc: OSError) -> InputError:
    """The InputError for an OS error; an InputError passes through unchanged."""
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return InputError(path, "no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    return InputError(path, f"cannot read: {(exc.strerror or str(exc)).lower()}")


def _size(n: int) -> str:
    """A byte count as people write it: "20 MiB", "512 KiB", "1000 bytes"."""
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n} bytes"


# --- folders ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Expansion:
    """The files to read for a list of inputs, and the inputs that gave none.

    ``files`` keeps the order of the inputs; a folder's files come sorted by path.
    ``problems`` are folders with no copy file left to check, as ``InputError``s.
    """

    files: tuple[str, ...]
    problems: tuple[InputError, ...] = ()


def expand_paths(
    paths: Iterable[str],
    *,
    excluded: Callable[[str], bool] = lambda _: False,
    force_exclude: bool = False,
    gitignore: bool = True,
) -> Expansion:
    """Turn files and folders into the files to check, as ruff and Vale do.

    A folder is walked for files ending in ``COPY_SUFFIXES``, passing over hidden
    files and folders, paths *excluded* says no to (it gets folder paths with a
    trailing ``/``) and, inside a git work tree, what its .gitignore files ignore.
    A file named outright is always kept, and so is ``-``, unless *force_exclude*
    (for pre-commit, which names every staged file).
    """
    ignored = _GitIgnore() if gitignore else None
    seen: dict[str, None] = {}
    problems: list[InputError] = []

    def skip(path: str, is_dir: bool) -> bool:
        shown = path + "/" if is_dir else path
        return excluded(shown) or (ignored is not None and ignored(path, is_dir))

    for path in paths:
        if path == "-" or not os.path.isdir(path):
            if not (force_exclude and path != "-" and skip(path, False)):
                seen.setdefault(path)
            continue
        if force_exclude and skip(path, True):
            continue
        found = list(_walk(path, skip))
        if not found:
            problems.append(InputError(path, f"no {', '.join(COPY_SUFFIXES)} files to check"))
        for f in found:
            seen.setdefault(f)
    return Expansion(tuple(seen), tuple(problems))


def _walk(top: str, skip: Callable[[str, bool], bool]) -> Iterator[str]:
    """The copy files below *top*, sorted, as paths that start with *top*."""
    found = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = [
            d for d in dirs if not d.startswith(".") and not skip(_join(folder, d), True)
        ]
        for name in files:
            path = _join(folder, name)
            if name.startswith(".") or not name.lower().endswith(COPY_SUFFIXES):
                continue
            if not skip(path, False):
                found.append(path)
    yield from sorted(found, key=lambda p: Path(p).parts)


def _join(folder: str, name: str) -> str:
    # normpath turns "./a.md" into "a.md", as people write it.
    return os.path.normpath(os.path.join(folder, name))


class _GitIgnore:
    """What the .gitignore files of the git work tree around a path ignore.

    Each .gitignore applies to its own folder and below; the deepest file that
    matches decides, so a ``!pattern`` in a subfolder can take back a parent's line.
    Outside a git work tree nothing is ignored.
    """

    def __init__(self) -> None:
        # One walk reads each folder's .gitignore once; a new walk reads them afresh.
        self._trees: dict[Path, Path | None] = {}
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}

    def __call__(self, path: str, is_dir: bool) -> bool:
        full = Path(os.path.abspath(path))
        top = self._work_tree(full.parent)
        if top is None:
            return False
        folders = [full.parent, *full.parent.parents]
        for folder in folders[: folders.index(top) + 1]:
            spec = self._spec(folder)
            if spec is None:
                continue
            rel = full.relative_to(folder).as_posix() + ("/" if is_dir else "")
            verdict = spec.check_file(rel).include
            if verdict is not None:
                return verdict
        return False

    def _work_tree(self, folder: Path) -> Path | None:
        if folder not in self._trees:
            git = folder / ".git"
            parent = folder.parent
            self._trees[folder] = (
                folder if git.exists() else None if parent == folder else self._work_tree(parent)
            )
        return self._trees[folder]

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            try:
                text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
            except OSError:
                self._specs[folder] = None
            else:
                self._specs[folder] = pathspec.GitIgnoreSpec.from_lines(text.splitlines())
        return self._specs[folder]

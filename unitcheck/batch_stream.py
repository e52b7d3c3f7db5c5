"""Archive-scale compare: pairs streamed in, one JSON line a pair streamed out.

Pairs come from CSV (paths, as ``batch.pairs_from_csv`` reads them), JSON Lines or
Parquet (``id``, ``original`` and ``revised`` as texts, or ``original_path`` and
``revised_path``), one record at a time, never all in memory. ``check_chunk`` is the
pure job: it calls ``unitcheck.compare`` and returns each pair's result line;
``check_lines`` packs those into one string and counts (``ChunkResult``), which is what
every runner maps over chunks of records. ``run_local`` maps it in worker processes that load
the engine once; ``batch_dask`` maps the same function (``check_part``, which also reads a
``Span`` of the pairs file and writes a part file itself) on a Dask cluster. Only this
layer knows about processes; ``Comparison`` and ``Finding`` stay plain data.
"""

from __future__ import annotations

import concurrent.futures
import io
import json
import multiprocessing
import os
import re
import shutil
import signal
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from .batch import BatchError, Pair, _csv_rows

if TYPE_CHECKING:
    from .config import Settings

#: Pairs a worker takes at a time: large enough to hide the hand-over, small enough
#: that a progress bar moves and an interrupted run loses little.
DEFAULT_CHUNK = 64
#: Pairs a Dask task takes when the client reads them and sends their texts: each task
#: costs the client, the scheduler and the worker a few milliseconds whatever its size,
#: a tenth of a 64-pair chunk of small pairs.
DASK_CHUNK = 256
#: The most pairs a Dask task that reads its own span of the pairs file takes. With no
#: texts crossing the wire a task's cost is all in its count (about 4 ms of the client
#: and scheduler, 2-3 ms of the worker): 1,024 small pairs make that 1% of the work.
DASK_SPAN = 1024
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_PARQUET_SUFFIXES = (".parquet", ".pq")
#: Pairs a worker process checks before a fresh one takes over (see ``run_local``).
RECYCLE_PAIRS = 50_000
_LINE_N = re.compile(rb'^\{"n": (\d+),')
_BOM = b"\xef\xbb\xbf"
#: The lines of a byte string whose carriage returns end lines alone (text mode's reading)
_CR_LINES = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(frozen=True, slots=True)
class PairRecord:
    """One pair to compare: each side a path on disk or the text itself.

    ``n`` is the pair's 1-based position in the input; results carry it, and
    ``--resume`` skips the positions an earlier run already wrote. ``format`` is how the
    texts are read ("text", "markdown", "html"); paths go by their extension.
    """

    n: int
    id: str | None = None
    original: str | None = None
    revised: str | None = None
    original_text: str | None = None
    revised_text: str | None = None
    format: str = "text"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a runner needs from one checked pair: its result line and its counts.

    ``line`` is None for a pair passed over (its revised path is excluded). ``counts``
    are the shown errors, warnings and infos; ``worst`` is the highest severity of all
    findings, shown or not (0 for none), as ``RunResult.fails`` judges it.
    """

    n: int
    line: str | None
    counts: tuple[int, int, int] = (0, 0, 0)
    worst: int = 0
    unreadable: bool = False
    empty: bool = False


@dataclass(slots=True)
class Tally:
    """Running totals for the summary line and the exit code; a chunk's own totals."""

    pairs: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    worst: int = 0
    unreadable: int = 0
    empty: int = 0

    @classmethod
    def of(cls, shown: list[Outcome]) -> Tally:
        """The totals of the outcomes that have a line."""
        return cls(
            len(shown),
            sum(o.counts[0] for o in shown),
            sum(o.counts[1] for o in shown),
            sum(o.counts[2] for o in shown),
            max((o.worst for o in shown), default=0),
            sum(o.unreadable for o in shown),
            sum(o.empty for o in shown),
        )

    def add(self, other: Tally) -> None:
        """Count *other* (a chunk's totals) in."""
        self.pairs += other.pairs
        self.errors += other.errors
        self.warnings += other.warnings
        self.infos += other.infos
        self.worst = max(self.worst, other.worst)
        self.unreadable += other.unreadable
        self.empty += other.empty


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """A checked chunk as it crosses from a worker to the writer: one string and counts.

    ``text`` is the chunk's result lines, each ending in a newline, in input order;
    ``counts`` their totals. One string and a few numbers pickle in a fraction of the
    time a list of ``Outcome`` objects takes, on both sides of the wire, and the writer
    puts the string out as it is.
    """

    text: str
    counts: Tally = field(default_factory=Tally)
    records: int = 0  # records in the chunk, lines or not (passed-over pairs count)
    #: the file the worker wrote the lines to instead (``text`` is then empty): a JSON
    #: Lines part the writer appends and deletes, or a Parquet part already in place
    part: str | None = None

    @classmethod
    def of(cls, outcomes: list[Outcome]) -> ChunkResult:
        """The packed form of *outcomes*: the same lines and the same totals."""
        shown = [o for o in outcomes if o.line is not None]
        return cls(
            "".join(o.line + "\n" for o in shown if o.line is not None),
            Tally.of(shown),
            len(outcomes),
        )


# --- reading ----------------------------------------------------------------------------


def kind_of(path: str) -> str:
    """The kind of a pairs file, by its extension: "csv", "jsonl" or "parquet"."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    if suffix in _PARQUET_SUFFIXES:
        return "parquet"
    return "csv"


def read_pairs(path: str | os.PathLike[str]) -> Iterator[PairRecord]:
    """Stream the pairs of a CSV, JSON Lines or Parquet file, in file order.

    Relative paths are resolved against the pairs file's folder. A bad record raises
    ``BatchError`` naming the file and the line (or Parquet row).
    """
    name = os.fspath(path)
    kind = kind_of(name)
    if not os.path.exists(name):
        raise BatchError(name, None, "no such file")
    if kind == "parquet":
        yield from _parquet_records(name)
    elif kind == "jsonl":
        yield from _jsonl_records(name)
    else:
        yield from _csv_records(name)


def records_from_pairs(pairs: Iterable[Pair]) -> Iterator[PairRecord]:
    """Records for pairs already listed (two folders): paths on both sides."""
    for n, p in enumerate(pairs, 1):
        yield PairRecord(n, p.id, p.original, p.revised)


def count_pairs(path: str) -> int | None:
    """How many pairs a file holds, read cheaply (for a progress bar), or None."""
    try:
        if kind_of(path) == "parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
        if kind_of(path) == "jsonl":
            with open(path, "rb") as stream:
                return sum(not _blank(line) for line in _jsonl_lines(stream, at_start=True))
        return sum(1 for _ in _csv_records(path))
    except (OSError, BatchError, ImportError):
        return None


def on_terminal() -> bool:
    """True when stderr is a terminal: only then is a progress bar (and its count) worth it."""
    import sys

    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())


def _csv_records(name: str) -> Iterator[PairRecord]:
    base = Path(name).parent
    try:
        with open(name, encoding="utf-8-sig", newline="") as stream:
            for n, pair in enumerate(_csv_rows(stream, name, base), 1):
                yield PairRecord(n, pair.id, pair.original, pair.revised)
    except UnicodeDecodeError:
        raise BatchError(name, None, "not UTF-8 text") from None
    except OSError as exc:
        raise BatchError(name, None, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None


def _jsonl_records(name: str) -> Iterator[PairRecord]:
    try:
        stream = open(name, "rb")
    except OSError as exc:
        raise BatchError(name, None, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    with stream:
        yield from _jsonl_span_records(name, _jsonl_lines(stream, at_start=True), 1, 1)


def _jsonl_lines(stream: IO[bytes], *, at_start: bool) -> Iterator[bytes]:
    """The lines of a JSON Lines file, as text mode reads them: ends at \\n, \\r\\n or \\r.

    Bytes, so that a splitter can count their lengths (byte offsets) without decoding;
    a byte-order mark at the start of the file (*at_start*) is dropped, as utf-8-sig does.
    A JSON text holds no raw carriage return, so one can only end a line.
    """
    first = at_start
    for line in stream:
        if first:
            first = False
            if line.startswith(_BOM):
                line = line[len(_BOM) :]
        if b"\r" in line and not (line.endswith(b"\r\n") and line.count(b"\r") == 1):
            yield from _CR_LINES.findall(line)
        else:
            yield line


def _blank(line: bytes) -> bool:
    """True for a line that text mode's ``line.strip()`` leaves empty: no record there."""
    head = line.lstrip()
    if not head:
        return True
    if head[0] < 0x80 and not 0x1C <= head[0] <= 0x1F:  # whitespace bytes.strip() misses
        return False
    return not line.decode("utf-8", "replace").strip()


def _jsonl_span_records(
    name: str, lines: Iterable[bytes], n: int, first_line: int, skip: Set[int] = frozenset()
) -> Iterator[PairRecord]:
    """Records from *lines*, the first record numbered *n*, the first line *first_line*."""
    base = Path(name).parent
    for line_no, raw in enumerate(lines, first_line):
        if _blank(raw):
            continue
        if n in skip:
            n += 1
            continue
        try:
            row = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise BatchError(name, line_no, "not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise BatchError(name, line_no, f"not a JSON object: {exc.msg}") from None
        if not isinstance(row, dict):
            raise BatchError(name, line_no, "not a JSON object")
        yield _record(n, row, name, line_no, base)
        n += 1


@dataclass(frozen=True, slots=True)
class Span:
    """A run of records of a JSON Lines pairs file, by its bytes: a task a worker reads itself.

    ``start`` is the byte offset of the first record's line and ``end`` the offset past
    the last one's; ``n`` and ``line`` are the first record's position in the input and
    its line number; ``records`` how many records the range holds, and ``skip`` the
    positions among them to leave out (done by an earlier run). ``path`` is the file
    made absolute, to open; ``name`` the file as it was given, which errors name and
    relative paths in the records are resolved against, as ``read_pairs`` does. A few
    dozen bytes stand for a chunk's texts. A Parquet span (``kind`` "parquet") is the
    row groups ``start`` to ``end`` (not included); its ``line`` is the first row's
    number, which errors name, as for Parquet pairs read by the client.
    """

    path: str
    name: str
    start: int
    end: int
    n: int
    line: int
    records: int
    skip: frozenset[int] = frozenset()
    kind: str = "jsonl"


def jsonl_spans(
    path: str, size: int, skip: Set[int] = frozenset(), *, share: int = 0
) -> Iterator[Span]:
    """*path* cut into spans of *size* records, leaving out the positions in *skip*.

    With *share* (the number of worker threads), the spans are guided: each one takes
    at most *size* records, and ends once it holds 1/(2 x *share*) of the bytes not yet
    handed out (but not under ``DEFAULT_CHUNK`` records). The bulk of a big file goes
    in spans of *size*; towards the end they shrink, so that no worker is left idle for
    long while another finishes a large last span, and a small file is still shared by
    every worker.

    The file is read here as bytes only, line by line, to find where the records start:
    no line is decoded or parsed, so the splitter costs a small part of what reading the
    records costs (the workers do that). The spans cover every record once, at the same
    positions ``read_pairs`` gives them; a span whose records are all in *skip* is not
    given.
    """
    where = os.path.abspath(path)
    size = max(size, 1)
    try:
        stream = open(where, "rb")
        total = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        raise BatchError(path, None, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    least = min(DEFAULT_CHUNK, size)
    with stream:
        pos = len(_BOM) if stream.read(len(_BOM)) == _BOM else 0
        stream.seek(pos)
        n = 0
        start = first_n = first_line = count = 0
        goal = total  # bytes that end a span (guided), past the end of the file if not
        for line_no, line in enumerate(_jsonl_lines(stream, at_start=False), 1):
            if _blank(line):
                pos += len(line)
                continue
            n += 1
            if count == 0:
                start, first_n, first_line = pos, n, line_no
                if share > 0:
                    goal = start + (total - start) // (2 * share)
            count += 1
            pos += len(line)
            if count == size or (pos >= goal and count >= least):
                yield from _span((where, path), start, pos, first_n, first_line, count, skip)
                count = 0
        if count:
            yield from _span((where, path), start, pos, first_n, first_line, count, skip)


def _span(
    file: tuple[str, str],
    start: int,
    end: int,
    n: int,
    line: int,
    count: int,
    skip: Set[int],
    kind: str = "jsonl",
) -> Iterator[Span]:
    left = frozenset(k for k in range(n, n + count) if k in skip) if skip else frozenset()
    if len(left) < count:
        yield Span(*file, start, end, n, line, count - len(left), left, kind)


def parquet_spans(
    path: str, size: int, skip: Set[int] = frozenset(), *, share: int = 0
) -> list[Span] | None:
    """*path*'s row groups in spans of about *size* rows, or None if they are too large.

    A span is a run of whole row groups (pyarrow reads no less), guided as
    ``jsonl_spans`` is with *share*: up to *size* rows, or 1/(2 x *share*) of the rows
    not yet handed out, whichever is less, but not under ``DEFAULT_CHUNK``. A file with
    a row group of more than 2 x *size* rows (pyarrow writes up to a million in one)
    would make tasks too big to share out: None, and the client reads it instead.
    Only the file's footer is read here.
    """
    import pyarrow.parquet as pq

    where = os.path.abspath(path)
    try:
        meta = pq.ParquetFile(where).metadata
    except Exception as exc:  # pyarrow raises its own ArrowInvalid, an OSError...
        raise BatchError(path, None, f"not a readable Parquet file: {exc}") from None
    rows = [meta.row_group(g).num_rows for g in range(meta.num_row_groups)]
    size = max(size, 1)
    if any(r > 2 * size for r in rows):
        return None
    least = min(DEFAULT_CHUNK, size)
    total = sum(rows)
    spans: list[Span] = []
    group, n = 0, 1
    while group < len(rows):
        goal = size if share <= 0 else min(size, max((total - n + 1) // (2 * share), least))
        end, count = group, 0
        while end < len(rows) and (count == 0 or count + rows[end] <= goal):
            count += rows[end]
            end += 1
        spans += _span((where, path), group, end, n, n, count, skip, "parquet")
        group, n = end, n + count
    return spans


def read_span(span: Span) -> list[PairRecord]:
    """The records of *span*, as ``read_pairs`` gives them (a worker calls it)."""
    if span.kind == "parquet":
        return _parquet_span_records(span)
    try:
        with open(span.path, "rb") as stream:
            stream.seek(span.start)
            data = stream.read(span.end - span.start)
    except OSError as exc:
        reason = f"cannot read: {(exc.strerror or str(exc)).lower()}"
        raise BatchError(span.name, None, reason) from None
    lines = _jsonl_lines(io.BytesIO(data), at_start=span.start == 0)
    return list(_jsonl_span_records(span.name, lines, span.n, span.line, span.skip))


def _parquet_records(name: str) -> Iterator[PairRecord]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise BatchError(
            name, None, 'reading Parquet needs pyarrow: pip install "unitcheck[parquet]"'
        ) from None
    base = Path(name).parent
    try:
        file = pq.ParquetFile(name)
    except Exception as exc:  # pyarrow raises its own ArrowInvalid, an OSError...
        raise BatchError(name, None, f"not a readable Parquet file: {exc}") from None
    n = 0
    for batch in file.iter_batches(batch_size=4096):
        for row in batch.to_pylist():
            n += 1
            yield _record(n, row, name, n, base)


def _parquet_span_records(span: Span) -> list[PairRecord]:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(span.path).read_row_groups(range(span.start, span.end))
    except Exception as exc:  # pyarrow raises its own ArrowInvalid, an OSError...
        raise BatchError(span.name, None, f"not a readable Parquet file: {exc}") from None
    base = Path(span.name).parent
    return [
        _record(n, row, span.name, n, base)
        for n, row in enumerate(table.to_pylist(), span.n)
        if n not in span.skip
    ]


def _record(n: int, row: dict[str, Any], name: str, line: int, base: Path) -> PairRecord:
    """A record from a JSON object or a Parquet row; *line* is where to point errors."""
    sides: dict[str, tuple[str | None, str | None]] = {}
    for side in ("original", "revised"):
        text, path = row.get(side), row.get(f"{side}_path")
        if (text is None) == (path is None):
            what = "both" if text is not None else "neither"
            raise BatchError(
                name, line, f"give one of {side!r} (the text) and '{side}_path', not {what}"
            )
        value = text if text is not None else path
        if not isinstance(value, str):
            raise BatchError(name, line, f"{side!r} must be a string")
        sides[side] = (text, _resolve(base, path) if path is not None else None)
    fmt = row.get("format") or "text"
    if fmt not in ("text", "markdown", "html"):
        raise BatchError(name, line, f"format must be text, markdown or html, not {fmt!r}")
    raw_id = row.get("id")
    return PairRecord(
        n,
        None if raw_id in (None, "") else str(raw_id),
        sides["original"][1],
        sides["revised"][1],
        sides["original"][0],
        sides["revised"][0],
        fmt,
    )


def _resolve(base: Path, path: str) -> str:
    p = Path(path).expanduser()
    return str(p if p.is_absolute() else base / p)


def chunks(
    records: Iterable[PairRecord], size: int, skip: frozenset[int] | set[int] = frozenset()
) -> Iterator[list[PairRecord]]:
    """Lists of up to *size* records, leaving out the positions in *skip*."""
    chunk: list[PairRecord] = []
    for record in records:
        if record.n in skip:
            continue
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- the job ----------------------------------------------------------------------------


def warm() -> None:
    """Load pint, the tables and the sentence rules once: a worker's first chunk is fast too.

    Also leaves Ctrl-C to the parent: a worker ignores SIGINT, and the parent ends it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_engine()


def warm_engine() -> None:
    """Load the engine in this process (a Dask worker calls it from its plugin)."""
    from .config import Settings

    check_record(PairRecord(0, None, None, None, "It is 5 km.", "It is 5 miles."), Settings())


def check_chunk(records: list[PairRecord], settings: Settings) -> list[Outcome]:
    """Compare each pair of *records* under *settings*; a pure function of its arguments."""
    return [check_record(r, settings) for r in records]


def check_lines(records: list[PairRecord], settings: Settings) -> ChunkResult:
    """``check_chunk``, packed for the trip back: what every runner maps over chunks."""
    return ChunkResult.of(check_chunk(records, settings))


@dataclass(frozen=True, slots=True)
class PartTarget:
    """Where a worker writes a chunk's results itself, so that only counts come back.

    ``kind`` "jsonl": ``part-00000.jsonl``... in *folder*, which the writer appends to
    the results in input order and deletes; "parquet": the partitioned Parquet results
    folder itself, where the part stays.
    """

    folder: str
    kind: str


def check_part(
    source: Span | list[PairRecord], settings: Settings, index: int, target: PartTarget | None
) -> ChunkResult:
    """``check_lines`` for the records of *source* (a span the worker reads, or records).

    With a *target*, the lines go to chunk *index*'s part file there and the result
    carries its path and counts only. What a Dask task runs; pure but for that file.
    """
    records = read_span(source) if isinstance(source, Span) else source
    result = check_lines(records, settings)
    if target is None:
        return result
    if target.kind == "parquet":
        part = write_parquet_part(target.folder, index, result.text)
    else:
        part = _replace_in(Path(target.folder) / f"part-{index:05d}.jsonl", result.text.encode())
    return ChunkResult("", result.counts, result.records, str(part))


def _replace_in(target: Path, data: bytes) -> Path:
    """Write *data* beside *target* and rename it in: a part is whole or not there."""
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return target


def check_record(record: PairRecord, settings: Settings) -> Outcome:
    """Read one pair, compare it, apply the settings and suppressions, and say it as JSON."""
    from .check import compare_result
    from .compare import compare
    from .errors import EmptyInputError, UnitcheckError
    from .report.json_ import finding_dict
    from .report.positions import sort_key

    head = {
        "n": record.n,
        "id": record.id,
        "original": record.original,
        "revised": record.revised,
    }
    if record.revised is not None and settings.is_excluded(record.revised):
        return Outcome(record.n, None)
    try:
        doc_a = _document(record, "original")
        doc_b = _document(record, "revised")
    except EmptyInputError as exc:
        empty = f"{exc.path}: {exc.reason}"
        line = _dump({**head, "findings": [], "error": None, "empty": empty})
        return Outcome(record.n, line, worst=2, empty=True)
    except UnitcheckError as exc:
        line = _dump({**head, "findings": [], "error": str(exc), "empty": None})
        return Outcome(record.n, line, unreadable=True)
    # the steps of check_pair: a line says what a report of this pair would say
    comparison = compare(doc_a.text, doc_b.text, settings=settings)
    result = compare_result(doc_a, doc_b, comparison, settings)
    findings = result.findings
    shown = sorted(
        (f for f in findings if f.severity >= settings.min_level),
        key=lambda f: sort_key(result, f),
    )
    counts = [0, 0, 0]
    for f in shown:
        counts[3 - int(f.severity)] += 1
    listed = [finding_dict(result, f) for f in shown]
    line = _dump({**head, "findings": listed, "error": None, "empty": None})
    worst = max((int(f.severity) for f in findings), default=0)
    return Outcome(record.n, line, (counts[0], counts[1], counts[2]), worst)


def _document(record: PairRecord, side: str) -> Any:
    from .text.reading import document_from_bytes, read_text

    path = getattr(record, side)
    if path is not None:
        return read_text(path)
    text: str = getattr(record, f"{side}_text")
    name = f"{record.id or record.n}:{side}"
    return document_from_bytes(text.encode("utf-8"), name=name, format=record.format)


def _dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


# --- writing ----------------------------------------------------------------------------


class Writer(Protocol):
    def write(self, index: int, chunk: ChunkResult) -> None: ...
    def close(self) -> None: ...


class JsonlWriter:
    """One result line a pair, flushed a chunk at a time, so a stop loses no whole line.

    *parts* is the folder where Dask workers may leave chunks' lines for this writer
    (``parts_folder``), None for a stream with no folder of its own (stdout).
    """

    def __init__(self, stream: IO[str], *, owned: bool = False, parts: str | None = None) -> None:
        self.stream, self.owned, self.parts = stream, owned, parts

    def write(self, index: int, chunk: ChunkResult) -> None:
        if chunk.part is not None:
            _append_file(self.stream, chunk.part)
            os.unlink(chunk.part)
            return
        self.stream.write(chunk.text)
        self.stream.flush()

    def close(self) -> None:
        if self.owned:
            self.stream.close()


def _append_file(stream: IO[str], path: str) -> None:
    """Copy the file at *path* to the end of *stream*, a block at a time, and flush."""
    stream.flush()
    binary = getattr(stream, "buffer", None)
    with open(path, "rb") as part:
        if binary is not None:
            shutil.copyfileobj(part, binary, 1 << 20)
            binary.flush()
        else:  # a text-only stream
            stream.write(part.read().decode("utf-8"))
            stream.flush()


_PARQUET_SCHEMA: Any = None


def _parquet_schema() -> Any:
    global _PARQUET_SCHEMA
    if _PARQUET_SCHEMA is None:
        import pyarrow as pa

        _PARQUET_SCHEMA = pa.schema(
            [
                ("n", pa.int64()),
                ("id", pa.string()),
                ("original", pa.string()),
                ("revised", pa.string()),
                ("error", pa.string()),
                ("empty", pa.string()),
                ("findings", pa.string()),
            ]
        )
    return _PARQUET_SCHEMA


def write_parquet_part(folder: str | os.PathLike[str], index: int, text: str) -> Path:
    """Chunk *index*'s result lines *text* as ``part-{index:05d}.parquet`` in *folder*."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in text.splitlines()]
    for row in rows:
        row["findings"] = _dump(row["findings"])
    table = pa.Table.from_pylist(rows, schema=_parquet_schema())
    target = Path(folder) / f"part-{index:05d}.parquet"
    tmp = target.with_name(f".{target.name}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, target)
    return target


class ParquetWriter:
    """Partitioned Parquet: ``part-00000.parquet``... in *folder*, one part a chunk.

    Columns: ``n``, ``id``, ``original``, ``revised``, ``error``, ``empty`` and
    ``findings`` (the JSON list of findings, as in the JSON Lines results). Each part
    is written beside its name and renamed in, so no half-written part is left. A
    chunk whose part a worker wrote already (``ChunkResult.part``) is left as it is.
    """

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.schema = _parquet_schema()

    def write(self, index: int, chunk: ChunkResult) -> None:
        if chunk.part is None:
            write_parquet_part(self.folder, index, chunk.text)

    def close(self) -> None:
        pass


def open_writer(target: str, *, resume: bool = False) -> Writer:
    """A writer for ``--results``: '-' is stdout, a folder or ``*.parquet`` is Parquet."""
    import sys

    if target == "-":
        return JsonlWriter(sys.stdout)
    if is_parquet_target(target):
        return ParquetWriter(target)
    stream = open(target, "a" if resume else "w", encoding="utf-8", newline="\n")
    return JsonlWriter(stream, owned=True, parts=parts_folder(target))


def parts_folder(target: str) -> str:
    """Where Dask workers leave the parts of the JSON Lines results *target*: beside it."""
    return os.path.abspath(f"{target}.parts")


def recover_parts(target: str, done: Set[int]) -> set[int]:
    """Append the whole parts a stopped run left beside *target*; the positions they add.

    A Dask worker's part is renamed in only when complete, so each one found holds whole
    lines of checked pairs, which the run had not appended yet or had (a stop between
    appending and deleting it): the lines whose position is not in *done* are appended
    in chunk order, and every part is deleted. Call after ``done_positions``.
    """
    folder = Path(parts_folder(target))
    added: set[int] = set()
    if not folder.is_dir():
        return added
    with open(target, "ab") as out:
        for part in sorted(folder.glob("part-*.jsonl")):
            with part.open("rb") as stream:
                for line in stream:
                    match = _LINE_N.match(line)
                    if match is None or not line.endswith(b"\n"):
                        break
                    n = int(match.group(1))
                    if n not in done and n not in added:
                        out.write(line)
                        added.add(n)
            out.flush()
            part.unlink()
    clear_parts(str(folder))
    return added


def clear_parts(folder: str) -> None:
    """Delete the JSON Lines parts (and half-written ones) a run left in *folder*."""
    path = Path(folder)
    if path.is_dir():
        for part in [*path.glob("part-*.jsonl"), *path.glob(".part-*.jsonl.tmp")]:
            part.unlink(missing_ok=True)


def is_parquet_target(target: str) -> bool:
    """True when ``--results`` names a folder of Parquet parts rather than a JSONL file."""
    if target.endswith(("/", os.sep)) or os.path.isdir(target):
        return True
    return target.lower().endswith(_PARQUET_SUFFIXES)


def done_positions(path: str) -> set[int]:
    """The pair positions an earlier run wrote to the results file *path*.

    A last line without its newline (the run was stopped mid-write) is cut off, so the
    file ends with whole lines and the pair is checked again.
    """
    done: set[int] = set()
    try:
        stream = open(path, "r+b")
    except FileNotFoundError:
        return done
    with stream:
        good = 0
        for line in stream:
            match = _LINE_N.match(line)
            if not line.endswith(b"\n") or match is None:
                break
            done.add(int(match.group(1)))
            good += len(line)
        stream.truncate(good)
    return done


# --- running ----------------------------------------------------------------------------


def drive(
    submit: Callable[[list[PairRecord]], Any],
    wait_first: Callable[[set[Any]], set[Any]],
    batches: Iterable[list[PairRecord]],
    writer: Writer,
    *,
    window: int,
    ordered: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Tally:
    """Keep *window* chunks running; write each chunk's results as soon as it may be.

    A chunk is submitted whenever one finishes, whichever it is, so a worker never waits
    for the writer. In order, a finished chunk is held until the ones before it are
    written; at most *window* are held so, and beyond that no more are submitted until
    the oldest is done (a slow chunk cannot make the run hold the whole input).
    Unordered, a finished chunk is written at once. *submit* returns a future with
    ``result()``; *wait_first* blocks until at least one of a set of them is done.
    """
    tally = Tally()
    running: dict[Any, int] = {}  # future -> chunk index
    held: dict[int, ChunkResult] = {}  # finished, waiting for an earlier chunk
    source = enumerate(batches)
    exhausted = False
    next_out = 0  # the index the ordered output writes next

    def fill() -> None:
        nonlocal exhausted
        while not exhausted and len(running) < window and len(running) + len(held) < 2 * window:
            item = next(source, None)
            if item is None:
                exhausted = True
                return
            running[submit(item[1])] = item[0]

    def emit(index: int, chunk: ChunkResult) -> None:
        writer.write(index, chunk)
        tally.add(chunk.counts)
        if progress is not None:
            progress(chunk.records)

    fill()
    while running:
        finished = wait_first(set(running))
        for future in finished:
            index = running.pop(future)
            chunk = future.result()
            if ordered:
                held[index] = chunk
            else:
                emit(index, chunk)
        while next_out in held:
            emit(next_out, held.pop(next_out))
            next_out += 1
        fill()
    return tally


def run_local(
    batches: Iterable[list[PairRecord]],
    settings: Settings,
    writer: Writer,
    *,
    jobs: int,
    ordered: bool = True,
    progress: Callable[[int], None] | None = None,
    recycle: int = RECYCLE_PAIRS,
) -> Tally:
    """Map ``check_chunk`` over *batches* here (*jobs* 1) or in *jobs* warm processes.

    The workers are replaced by fresh ones after every *recycle* pairs: spaCy keeps
    every new word it meets, so a long-lived worker grows with the archive. The old
    pool's workers exit before the next pool starts (see ``_Pools``).
    """
    if jobs <= 1:
        tally = Tally()
        for index, chunk in enumerate(batches):
            result = check_lines(chunk, settings)
            writer.write(index, result)
            tally.add(result.counts)
            if progress is not None:
                progress(result.records)
        return tally
    pools = _Pools(jobs, recycle)
    try:
        tally = drive(
            lambda chunk: pools.submit(check_lines, chunk, settings),
            _wait_first,
            batches,
            writer,
            window=jobs * 3,
            ordered=ordered,
            progress=progress,
        )
    except BaseException:
        pools.end()
        raise
    pools.close()
    return tally


#: Modules the forkserver imports once, so each worker it forks starts with them loaded:
#: a fresh pool is then warm in a quarter of a second instead of one and a half.
#: ``__main__`` is multiprocessing's own default. A name that fails to import is skipped.
FORKSERVER_PRELOAD = (
    "__main__",
    "pint",
    "unitcheck.batch_stream",
    "unitcheck.check",
    "unitcheck.compare",
    "unitcheck.text.reading",
    "unitcheck.text.sentence_rules",
    "unitcheck.report.json_",
)


class _Pools:
    """Worker pools, one at a time: a fresh one after every *recycle* pairs.

    The old pool finishes the chunks it holds and its workers exit before the new pool
    starts, so the run never holds two pools' memory; the gap is the new pool's
    warm-up, short because the forkserver has the engine's modules loaded already.
    """

    def __init__(self, jobs: int, recycle: int) -> None:
        self.jobs, self.recycle = jobs, max(recycle, 1)
        methods = multiprocessing.get_all_start_methods()
        self.method = "forkserver" if "forkserver" in methods else "spawn"
        self.context = multiprocessing.get_context(self.method)
        if self.method == "forkserver":  # no effect once this process's forkserver runs
            self.context.set_forkserver_preload(list(FORKSERVER_PRELOAD))
        self.all: list[concurrent.futures.ProcessPoolExecutor] = []
        self.taken = 0

    def submit(self, fn: Callable[..., Any], chunk: list[PairRecord], *args: Any) -> Any:
        if not self.all or self.taken >= self.recycle:
            if self.all:
                self.all[-1].shutdown(wait=True)  # its chunks finish, its workers exit
            self.all.append(
                concurrent.futures.ProcessPoolExecutor(
                    self.jobs, mp_context=self.context, initializer=warm
                )
            )
            self.taken = 0
        self.taken += len(chunk)
        return self.all[-1].submit(fn, chunk, *args)

    def close(self) -> None:
        for pool in self.all:
            pool.shutdown(wait=True)

    def end(self) -> None:
        for pool in self.all:
            end_pool(pool)


def _wait_first(futures: set[Any]) -> set[Any]:
    done, _ = concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_COMPLETED)
    return done


def end_pool(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Stop a pool now: queued work cancelled, running workers terminated (Ctrl-C)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    tasks = getattr(pool, "_call_queue", None)  # shutdown() lets go of these
    results = getattr(pool, "_result_queue", None)
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
    # A chunk still being sent to the workers fills the task pipe, which no one reads
    # now: the thread sending it is not to be waited for, at exit or by the pool.
    if tasks is not None:
        tasks.cancel_join_thread()
    # A worker ended while it was sending a result leaves half a message in the result
    # pipe, and the pool's manager thread waits for the rest for ever: Python then hangs
    # at exit joining it (about one Ctrl-C in twenty). With the workers gone, this
    # process holds the pipe's last write end; closing it gives the thread an end of
    # file, on which it gives the pool up as broken and returns.
    writer = getattr(results, "_writer", None)
    if writer is not None and all(not p.is_alive() for p in processes):
        writer.close()

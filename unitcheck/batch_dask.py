"""Batch compare on a Dask cluster: the same pure job on chunks of pairs, more machines.

Needs the extra: ``pip install "unitcheck[dask]"``. When the workers see the pairs file
(JSON Lines, or Parquet of small row groups), the client only cuts it into spans (byte
ranges or runs of row groups) and each task reads its own; when they see the results'
folder, each task writes its chunk's part file and returns only counts, and the writer
appends the parts in input order. Otherwise the client reads the pairs and sends them,
and the lines come back, as ``run_local`` does. Either way ``batch_stream.check_part``
runs ``unitcheck.compare`` for each pair, with a bounded number of tasks in flight, and
the output is the same bytes. Pairs given as paths are read by the workers, so those
paths must mean the same file on every worker.
"""
from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Set
from typing import TYPE_CHECKING, Any

from .batch_stream import (
    DASK_SPAN,
    JsonlWriter,
    PairRecord,
    ParquetWriter,
    PartTarget,
    Tally,
    Writer,
    check_part,
    clear_parts,
    drive,
    jsonl_spans,
    kind_of,
    parquet_spans,
    warm_engine,
)
from .errors import UnitcheckError

if TYPE_CHECKING:
    from .config import Settings

#: Dask settings for a batch run. Every message under 1 MB that a client, scheduler or
#: worker sends is kept in a log of the last ``low-level-log-length`` (1,000), and so
#: are a worker's recent events: with a chunk's texts in each task that log held most of
#: the input, 150 MiB more at 100,000 pairs than at 10,000. Kept to the last 20 here,
#: it stays a few MB. The statistical profiler (a thread sampling the running task every
#: 10 ms) and the monitors that wake every 20-500 ms feed the dashboard, which a batch
#: run does not start; between them they took about a tenth of a worker's CPU on small
#: pairs. The memory monitor still guards the workers, once a second. The client takes
#: these for its own side always; a ``LocalCluster``'s scheduler and workers take them
#: too, a running cluster keeps its own (docs/batch.md says how to set them there).
LEAN_CONFIG = {
    "distributed.admin.low-level-log-length": 20,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


class DaskError(UnitcheckError, RuntimeError):
    """Dask is missing, or the scheduler cannot be reached."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def run_dask(
    batches: Iterable[list[PairRecord]],
    settings: Settings,
    writer: Writer,
    *,
    address: str,
    workers: int = 2,
    ordered: bool = True,
    progress: Callable[[int], None] | None = None,
    pairs: str | None = None,
    chunk: int | None = None,
    skip: Set[int] = frozenset(),
) -> Tally:
    """Map ``check_part`` over the chunks of the input on the cluster at *address*.

    *address* is a scheduler (``tcp://host:8786``) or ``local``, which starts a
    ``LocalCluster`` of *workers* one-thread worker processes for the run.

    When the workers see the JSON Lines file *pairs* (the same size and modification
    time) each task is a ``Span`` of the file that the worker reads itself, leaving
    out the positions in *skip*: *chunk* records, or if None guided spans of up to
    ``DASK_SPAN`` (see ``jsonl_spans``); else the client reads the records and sends
    *batches*. When the workers see the results' folder, each writes its chunk's part
    file there and sends back only the counts; else the lines come back with the task.
    """
    try:
        import distributed
    except ImportError:
        raise DaskError('--dask needs Dask distributed: pip install "unitcheck[dask]"') from None

    import dask

    cluster = None
    try:
        with dask.config.set(LEAN_CONFIG):  # the nannies hand it to their workers
            if address == "local":
                cluster = distributed.LocalCluster(
                    n_workers=max(workers, 1),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                # results come straight from the workers, not through the scheduler
                client = distributed.Client(cluster, direct_to_workers=True)
            else:  # timeout: distributed.comm.timeouts.connect
                client = distributed.Client(address)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise DaskError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    scratch = None
    try:
        client.register_plugin(_warm_plugin(distributed), name="unitcheck-warm")
        window = max(2 * sum(client.nthreads().values()), 2)
        target, scratch = _part_target(writer)
        reads, writes = _shared(client, pairs, target)
        if not writes:
            target = None
        source: Iterable[Any] = batches
        if reads and pairs is not None:
            source = _spans(pairs, chunk, skip, sum(client.nthreads().values())) or batches
        tally = drive(
            lambda item: client.submit(check_part, item[1], settings, item[0], target, pure=False),
            _wait_first,
            enumerate(source),
            writer,
            window=window,
            ordered=ordered,
            progress=progress,
        )
        if target is not None and target.kind == "jsonl":
            with contextlib.suppress(OSError):
                os.rmdir(target.folder)  # empty now, unless a stop left parts for --resume
        return tally
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _spans(pairs: str, chunk: int | None, skip: Set[int], threads: int) -> Iterable[Any] | None:
    """The spans of the pairs file for the workers to read, or None for the client to read.

    Guided spans of up to ``DASK_SPAN`` pairs, or *chunk* each if given; a Parquet file
    whose row groups are too large for that is read by the client.
    """
    size, share = (DASK_SPAN, threads) if chunk is None else (chunk, 0)
    if kind_of(pairs) == "parquet":
        return parquet_spans(pairs, size, skip, share=share)
    return jsonl_spans(pairs, size, skip, share=share)


def _part_target(writer: Writer) -> tuple[PartTarget | None, str | None]:
    """Where the workers would write parts for *writer*, and a scratch folder to remove.

    Partitioned Parquet: the results folder itself. JSON Lines: the writer's parts
    folder, emptied of what an earlier run left (``recover_parts`` has taken what a
    resumed run needs), or a fresh temporary folder for stdout.
    """
    if isinstance(writer, ParquetWriter):
        return PartTarget(str(writer.folder.resolve()), "parquet"), None
    if not isinstance(writer, JsonlWriter):
        return None, None
    if writer.parts is None:
        scratch = tempfile.mkdtemp(prefix="unitcheck-parts-")
        return PartTarget(scratch, "jsonl"), scratch
    os.makedirs(writer.parts, exist_ok=True)
    clear_parts(writer.parts)
    return PartTarget(writer.parts, "jsonl"), None


def _shared(client: Any, pairs: str | None, target: PartTarget | None) -> tuple[bool, bool]:
    """Whether every worker sees the pairs file *pairs* and the folder of *target*.

    On a LocalCluster they always do; a running cluster's workers may be other machines.
    The client leaves a marker file in the folder and asks each worker whether it sees
    the marker, and a pairs file of the same size and modification time, there.
    """
    stat = None
    if pairs is not None and kind_of(pairs) != "csv":
        info = os.stat(pairs)
        stat = (os.path.abspath(pairs), info.st_size, info.st_mtime_ns)
    marker = None
    if target is not None:
        marker = os.path.join(target.folder, f".probe-{uuid.uuid4().hex}")
        open(marker, "wb").close()
    try:
        answers = client.run(_sees, stat, marker).values()
    finally:
        if marker is not None:
            os.unlink(marker)
    answers = list(answers) or [(False, False)]
    return stat is not None and all(a[0] for a in answers), marker is not None and all(
        a[1] for a in answers
    )


def _sees(stat: tuple[str, int, int] | None, marker: str | None) -> tuple[bool, bool]:
    """On a worker: is the pairs file there as the client sees it, and the marker file?"""
    reads = False
    if stat is not None:
        try:
            info = os.stat(stat[0])
            reads = (info.st_size, info.st_mtime_ns) == stat[1:]
        except OSError:
            pass
    return reads, marker is not None and os.path.exists(marker)


def _wait_first(futures: set[Any]) -> set[Any]:
    import distributed

    return set(distributed.wait(list(futures), return_when="FIRST_COMPLETED").done)


def _warm_plugin(distributed: Any) -> Any:
    """A worker plugin that loads the engine when a worker joins, before any chunk."""

    class Warm(distributed.WorkerPlugin):  # type: ignore[misc]
        def setup(self, worker: Any) -> None:
            warm_engine()

    return Warm()

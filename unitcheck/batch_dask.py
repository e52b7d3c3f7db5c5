"""Batch compare on a Dask cluster: the same chunks and the same pure job, more machines.

Needs the extra: ``pip install "unitcheck[dask]"``. The client streams the pairs file
in chunks, as ``run_local`` does, and submits ``batch_stream.check_chunk`` for each,
keeping a bounded number in flight; the results come back to the client and go to the
same writer (JSON Lines in input order, or partitioned Parquet). Workers read pairs
given as paths themselves, so those paths must mean the same file on every worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .batch_stream import PairRecord, Tally, Writer, check_lines, drive, warm_engine
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
) -> Tally:
    """Map ``check_chunk`` over *batches* on the cluster at *address*.

    *address* is a scheduler (``tcp://host:8786``) or ``local``, which starts a
    ``LocalCluster`` of *workers* one-thread worker processes for the run.
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
    try:
        client.register_plugin(_warm_plugin(distributed), name="unitcheck-warm")
        window = max(2 * sum(client.nthreads().values()), 2)
        return drive(
            lambda chunk: client.submit(check_lines, chunk, settings, pure=False),
            _wait_first,
            batches,
            writer,
            window=window,
            ordered=ordered,
            progress=progress,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _wait_first(futures: set[Any]) -> set[Any]:
    import distributed

    return set(distributed.wait(list(futures), return_when="FIRST_COMPLETED").done)


def _warm_plugin(distributed: Any) -> Any:
    """A worker plugin that loads the engine when a worker joins, before any chunk."""

    class Warm(distributed.WorkerPlugin):  # type: ignore[misc]
        def setup(self, worker: Any) -> None:
            warm_engine()

    return Warm()

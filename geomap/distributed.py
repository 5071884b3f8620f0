"""Run the per-article stages on a Dask cluster, for corpora one machine cannot get through.

geomap does not schedule work across machines itself: it hands batches of articles to
``dask.distributed`` (an optional extra: ``pip install 'geomap[dask]'``), which already knows how
to place tasks, move data, and re-run the tasks of a worker that dies. What runs on a worker is
:func:`geomap.parallel.run_batch`, the same code the ``--jobs`` worker processes run, so a Dask
run computes exactly what a one-process run computes; the client hands results on in input order
and ``Pipeline.run`` merges and stores them as it does for a local run.

Each worker process builds its :class:`~geomap.pipeline.Pipeline` (gazetteer handle and spaCy
pipeline, ~2 s and ~200 MB) once and keeps it for every later batch: a small per-process pool of
pipelines, one per task running at the same moment (so one for a single-threaded worker), rather
than a ``WorkerPlugin``, because a plugin's setup runs on every worker of a shared cluster
whether or not it ever gets a geomap task, and would have to be registered again after a restart.

The gazetteer: a worker uses the client's cache file when it can see the same path (one machine,
a shared file system); otherwise it opens, and if needed builds, its own default cache from the
pinned data packages it has installed, and refuses to run if that cache's source hash differs
from the client's (the places would differ, so the events would).

The client keeps at most ``window`` batches submitted at once (default: 4 per worker thread), so
reading the input never runs far ahead of the cluster and memory stays flat on both sides.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from geomap.errors import GeomapError
from geomap.parallel import BATCH_SIZE, Mode, Outcome, _batches, deliver, run_batch
from geomap.records import Article

if TYPE_CHECKING:
    from geomap.pipeline import ArticleResult, Pipeline, PipelineSpec

LOCAL = "local"
# A task whose worker dies is re-run by the scheduler on its own (up to its allowed-failures, 3
# by default); ``retries`` also re-runs a task that raised, e.g. for a worker that ran out of memory.
RETRIES = 2


class DaskError(GeomapError):
    """The Dask cluster could not be used: dask missing, scheduler unreachable, workers killed."""


@dataclass(frozen=True, slots=True)
class DaskSpec:
    """What a worker needs to build the client's pipeline, possibly on another machine."""

    pipeline: PipelineSpec
    source_hash: str

    def build(self) -> Pipeline:
        from geomap.gazetteer.store import Gazetteer

        if self.pipeline.gazetteer_path.exists():
            return self.pipeline.build()
        gazetteer = Gazetteer.open()  # builds this worker's default cache if it has none
        if gazetteer.source_hash != self.source_hash:
            raise DaskError(f"worker gazetteer {gazetteer.path} was built from other data (source hash "
                            f"{gazetteer.source_hash[:12]}, client {self.source_hash[:12]}): install the same "
                            f"geomap version on the workers, or put the client's cache where they can read it")
        return self.pipeline.build(gazetteer)


# -- worker side ------------------------------------------------------------------------------------
_idle: dict[DaskSpec, list[Pipeline]] = {}
_idle_lock = threading.Lock()


def _dask_batch(spec: DaskSpec, mode: Mode, articles: list[Article], candidates: bool) -> list[Outcome]:
    """The task each batch becomes: borrow this process's pipeline (built on first use), run the batch.

    A pipeline is never used by two threads at once (spaCy's pipeline is not thread-safe); a worker
    with T threads ends up with at most T pipelines, a single-threaded one with exactly one.
    """
    with _idle_lock:
        pipelines = _idle.setdefault(spec, [])
        pipeline = pipelines.pop() if pipelines else None
    if pipeline is None:
        pipeline = spec.build()
    try:
        return run_batch(pipeline, mode, articles, candidates)
    finally:
        with _idle_lock:
            _idle[spec].append(pipeline)


def _worker_pid() -> int:
    return os.getpid()


# -- client side ------------------------------------------------------------------------------------
def _client(stack: ExitStack, scheduler: Any, workers: int | None) -> Any:
    """A connected ``distributed.Client``: ``scheduler`` is an address, ``"local"`` (a new
    LocalCluster of ``workers`` single-threaded processes, closed with ``stack``) or a Client."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise DaskError("--dask needs dask.distributed: pip install 'geomap[dask]'") from error
    if isinstance(scheduler, Client):
        return scheduler
    try:
        if scheduler == LOCAL:
            with dask.config.set({"distributed.nanny.pre-spawn-environ": _pre_spawn_environ()}):
                cluster = stack.enter_context(LocalCluster(
                    n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR))
            return stack.enter_context(Client(cluster))
        return stack.enter_context(Client(scheduler, timeout="20s"))
    except (OSError, TimeoutError, ValueError) as error:
        raise DaskError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from error


def _pre_spawn_environ() -> dict[str, Any]:
    """The nannies' environment for the worker processes, without ``MALLOC_TRIM_THRESHOLD_``.

    Dask sets it (to 65536) so that workers hand freed memory back to the OS, but setting it
    also turns off glibc's adaptive mmap threshold, so spaCy's many mid-sized allocations become
    mmap/munmap calls: measured on 2,000 articles, 2 workers, 146 articles/s with it and 174
    without (bench/dask_throughput.py gives the whole-corpus figures). geomap's workers hold one
    pipeline and one batch at a time, so their memory does not need trimming.
    """
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return environ


@dataclass(frozen=True)
class DaskCluster:
    """The runner of ``--dask``: the per-article stages on a Dask cluster (see :class:`geomap.pipeline.Runner`).

    ``scheduler``: a scheduler address, ``"local"`` for a LocalCluster of ``workers`` single-threaded
    worker processes started and closed with each run, or a ``distributed.Client``."""

    scheduler: Any
    workers: int | None = None

    def results(self, spec: PipelineSpec, articles: Iterable[Article], *, mode: str,
                on_error: Callable[[GeomapError], None] | None = None, candidates: bool = True) -> Iterator[ArticleResult]:
        return dask_results(spec, articles, scheduler=self.scheduler, mode=mode,  # type: ignore[arg-type]
                            source_hash=spec.source_hash, on_error=on_error, workers=self.workers,
                            candidates=candidates)


def dask_results(spec: PipelineSpec, articles: Iterable[Article], *, scheduler: Any, mode: Mode,
                 source_hash: str = "", on_error: Callable[[GeomapError], None] | None = None,
                 workers: int | None = None, batch_size: int = BATCH_SIZE, window: int | None = None,
                 candidates: bool = True, retries: int = RETRIES,
                 submitted: Callable[[Any], None] | None = None) -> Iterator[ArticleResult]:
    """The results of ``Pipeline.geoparse`` or ``Pipeline.process`` over ``articles``, computed on
    a Dask cluster and yielded in input order (see the module docstring).

    ``submitted`` is called with the client once the first window of batches is submitted (the
    tests use it to kill a worker while its tasks run).
    """
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    with ExitStack() as stack:
        client = _client(stack, scheduler, workers)
        window = window or 4 * max(1, sum(client.nthreads().values()))
        task_spec = DaskSpec(spec, source_hash)
        batches = _batches(articles, batch_size)

        def submit(batch: list[Article]) -> Any:
            return client.submit(_dask_batch, task_spec, mode, batch, candidates, pure=False, retries=retries)

        in_flight = deque((batch, submit(batch)) for batch in islice(batches, window))
        if submitted is not None:
            submitted(client)
        try:
            while in_flight:
                batch, future = in_flight.popleft()
                try:
                    outcomes = future.result()
                except (KilledWorker, FutureCancelledError) as error:
                    raise DaskError(f"Dask lost a batch of {len(batch)} articles, first {batch[0].id!r}, "
                                    f"after its retries ({error})") from error
                future.release()
                for batch_next in islice(batches, 1):  # keep the window full before yielding
                    in_flight.append((batch_next, submit(batch_next)))
                yield from deliver(batch, outcomes, on_error)
        finally:
            for _, future in in_flight:  # an error or a caller that stopped early: free the cluster
                future.cancel()


def worker_pids(client: Any) -> dict[str, int]:
    """Each worker's address and process id (for the tests, and for diagnosing a cluster)."""
    return client.run(_worker_pid)


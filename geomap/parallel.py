"""Run the per-article stages in worker processes, with bounded memory and one-job output order.

``parallel_results`` hands articles in batches to a ``concurrent.futures.ProcessPoolExecutor``.
Each worker builds its :class:`~geomap.pipeline.Pipeline` once, in the pool initializer, from a
picklable :class:`~geomap.pipeline.PipelineSpec` (the checked gazetteer path and the model name), so the code works
under ``spawn`` as well as ``fork``; ``spawn`` is the default because a forked child inherits the
parent's threads' locks (rich's progress bar runs a thread) and its SQLite handle.

Memory stays flat whatever the input size: only ``window`` batches are in flight, the input
iterator is read no further ahead than that, and results are yielded as soon as the oldest batch
is done. Results come back in input order, so a run with N jobs writes what a one-job run writes.
Workers return toponyms and events but not the article (the parent still holds it), which keeps
the text from crossing the process boundary twice.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Literal

from geomap.errors import GeomapError, InputError
from geomap.records import Article, Event, Toponym

if TYPE_CHECKING:
    from geomap.pipeline import ArticleResult, Pipeline, PipelineSpec

Mode = Literal["geoparse", "process"]
# One article's outcome as sent back by a worker: its position in the batch and (toponyms, events),
# or -1, None and the (path, problem) of the InputError reported for it. InputError itself is
# not sent because its two-argument constructor does not survive pickling.
Outcome = tuple[int, tuple[list[Toponym], list[Event]] | None, tuple[str, str] | None]

BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class WorkerProcesses:
    """The runner of ``--jobs``: the per-article stages in ``jobs`` worker processes on this machine
    (see :class:`geomap.pipeline.Runner`)."""

    jobs: int
    start_method: str = "spawn"

    def results(self, spec: PipelineSpec, articles: Iterable[Article], *, mode: str,
                on_error: Callable[[GeomapError], None] | None = None, candidates: bool = True) -> Iterator[ArticleResult]:
        return parallel_results(spec, articles, jobs=self.jobs, mode=mode,  # type: ignore[arg-type]
                                on_error=on_error, start_method=self.start_method, candidates=candidates)


_worker_pipeline: Pipeline | None = None
_worker_failure: GeomapError | None = None


def _init_worker(spec: PipelineSpec) -> None:
    """Pool initializer: one pipeline per worker process, reused for every batch it is given.

    A failure (an uninstalled model) is kept and raised by the first batch, so the parent gets
    geomap's one-line error instead of a broken pool.
    """
    global _worker_pipeline, _worker_failure
    try:
        _worker_pipeline = spec.build()
        _worker_pipeline.geoparser  # noqa: B018  (build the spaCy pipeline now, not in the first batch)
    except GeomapError as error:
        _worker_failure = GeomapError(str(error))


def _work_batch(mode: Mode, articles: list[Article], candidates: bool) -> list[Outcome]:
    """Run one batch through the worker's pipeline; a bad article becomes an error outcome."""
    if _worker_failure is not None:
        raise _worker_failure
    assert _worker_pipeline is not None, "worker used before its initializer ran"
    return run_batch(_worker_pipeline, mode, articles, candidates)


def run_batch(pipeline: Pipeline, mode: Mode, articles: list[Article], candidates: bool) -> list[Outcome]:
    """One batch through ``pipeline``: the worker-side code of every backend (--jobs and --dask),
    so that they all compute exactly what a one-process run computes."""
    outcomes: list[Outcome] = []
    position = {id(article): i for i, article in enumerate(articles)}

    def failed(error: GeomapError) -> None:
        # Kept in the order the stage reports it, among the results, as a one-job run reports it.
        path, problem = (error.path, error.problem) if isinstance(error, InputError) else ("", str(error))
        outcomes.append((-1, None, (path, problem)))

    stage = pipeline.geoparse if mode == "geoparse" else pipeline.process
    for item in stage(articles, on_error=failed, candidates=candidates):
        outcomes.append((position[id(item.article)], (item.toponyms, item.events), None))
    return outcomes


def parallel_results(spec: PipelineSpec, articles: Iterable[Article], *, jobs: int, mode: Mode,
                     on_error: Callable[[GeomapError], None] | None = None, batch_size: int = BATCH_SIZE,
                     window: int | None = None, start_method: str = "spawn",
                     candidates: bool = True) -> Iterator[ArticleResult]:
    """The results of ``Pipeline.geoparse`` or ``Pipeline.process`` over ``articles``, computed by
    ``jobs`` worker processes and yielded in input order.

    At most ``window`` batches (default ``4 * jobs``) are read and in flight at once.
    ``candidates=False`` drops ``Toponym.candidates`` in the workers (see ``Pipeline.geoparse``).
    """
    window = window or 4 * jobs
    batches = _batches(articles, batch_size)
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(spec,)) as pool:
        in_flight: deque[tuple[list[Article], Future[list[Outcome]]]] = deque()
        for batch in islice(batches, window):
            in_flight.append((batch, pool.submit(_work_batch, mode, batch, candidates)))
        while in_flight:
            batch, future = in_flight.popleft()
            outcomes = future.result()
            for batch_next in islice(batches, 1):  # keep the window full before yielding
                in_flight.append((batch_next, pool.submit(_work_batch, mode, batch_next, candidates)))
            yield from deliver(batch, outcomes, on_error)


def deliver(batch: list[Article], outcomes: list[Outcome],
            on_error: Callable[[GeomapError], None] | None) -> Iterator[ArticleResult]:
    """A worker's outcomes for ``batch`` as the parent hands them on: results, and errors reported."""
    from geomap.pipeline import ArticleResult

    for index, found, problem in outcomes:
        if problem is not None:
            error = InputError(*problem)
            if on_error is None:
                raise error
            on_error(error)
        else:
            toponyms, events = found
            yield ArticleResult(batch[index], toponyms, events)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch

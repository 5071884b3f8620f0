"""A Dask run gives what a one-process run gives, and a worker killed mid-run loses nothing.

A real ``distributed.LocalCluster`` of two single-threaded worker processes (each with a nanny
that restarts it), shared by the module's tests; skipped when dask.distributed is not installed
(``pip install -e '.[test]'`` installs it).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import time
from dataclasses import replace
from hashlib import sha256
from itertools import islice
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

from geomap.cli import cli  # noqa: E402
from geomap.distributed import DaskCluster, dask_results, worker_pids  # noqa: E402
from geomap.errors import GeomapError  # noqa: E402
from geomap.ingest import bundled_examples, read_articles  # noqa: E402
from geomap.pipeline import Pipeline, PipelineSpec  # noqa: E402
from geomap.records import Article  # noqa: E402
from geomap.exports.store import EventStore  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as local, distributed.Client(local) as client:
        client.wait_for_workers(2, timeout=60)
        yield client


@pytest.fixture(scope="module")
def news() -> list[Article]:
    """The bundled examples, and 40 LGL news articles when ../shared is there; else each paragraph
    of the examples as an article of its own: enough for many batches either way."""
    examples = list(read_articles(bundled_examples()))
    lgl = SHARED / "eval" / "geoparse" / "lgl.jsonl"
    if lgl.exists():
        return examples + list(islice(read_articles([lgl]), 40))
    paragraphs = [replace(a, id=f"{a.id}-{i}", text=p, content_hash=sha256(p.encode()).hexdigest())
                  for a in examples for i, p in enumerate(a.text.split("\n")) if len(p.split()) > 8]
    return examples + paragraphs


def test_dask_run_equals_one_process_run(pipeline, gazetteer, news, cluster):
    one = pipeline.run(news)
    on_dask = Pipeline(gazetteer, runner=DaskCluster(cluster)).run(news)
    assert len(one.events) > 10
    assert on_dask.events == one.events
    # the client's merge on disk (every event spilled) gives the same events
    assert Pipeline(gazetteer, runner=DaskCluster(cluster), spill_after=0).run(news).events == one.events
    assert (on_dask.articles_read, on_dask.places_found, on_dask.unresolved) == \
        (one.articles_read, one.places_found, one.unresolved)


def test_dask_run_stores_what_a_local_run_stores(pipeline, gazetteer, news, cluster, tmp_path):
    stored = {}
    for name, runner in (("local", pipeline), ("dask", Pipeline(gazetteer, runner=DaskCluster(cluster)))):
        with EventStore.open(tmp_path / f"{name}.gpkg", create=True) as store:
            result = runner.run(news[:12], store=store)
            stored[name] = (result.events, store.events())
    assert stored["dask"] == stored["local"]
    assert stored["local"][1]


def test_a_worker_killed_mid_run_loses_nothing(pipeline, gazetteer, news, cluster):
    expected = [(item.article.id, item.toponyms, item.events) for item in pipeline.process(news)]
    killed: list[int] = []

    def kill_a_busy_worker(client) -> None:
        # Called once the first window of batches is submitted: SIGKILL a worker with tasks assigned.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                pid = worker_pids(client)[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.01)
        raise AssertionError("no worker had a task in 30 s")

    spec = PipelineSpec(gazetteer.path)
    got = [(item.article.id, item.toponyms, item.events)
           for item in dask_results(spec, news, scheduler=cluster, mode="process", batch_size=2, window=6,
                                    submitted=kill_a_busy_worker, source_hash=gazetteer.source_hash)]
    assert killed, "no worker was killed"
    assert got == expected
    cluster.wait_for_workers(2, timeout=60)  # the nanny restarted it: the next test has two workers again
    assert killed[0] not in worker_pids(cluster).values()


def test_run_cli_on_a_dask_scheduler_writes_the_same_events(cluster, tmp_path):
    address = cluster.scheduler.address
    one = CliRunner().invoke(cli, ["run", "--out", str(tmp_path / "one"), "--no-tiles"])
    on_dask = CliRunner().invoke(cli, ["run", "--dask", address, "--out", str(tmp_path / "dask"), "--no-tiles"])
    assert one.exit_code == 0 and on_dask.exit_code == 0, on_dask.output
    events = [json.loads((tmp_path / name / "events.geojson").read_text("utf-8")) for name in ("one", "dask")]
    assert events[1] == events[0]
    assert events[0]["features"]


def test_a_missing_model_is_one_geomap_error(gazetteer, cluster):
    articles = list(read_articles(bundled_examples()))
    with pytest.raises(GeomapError, match="no_such_model"):
        Pipeline(gazetteer, model="no_such_model", runner=DaskCluster(cluster)).run(articles)

"""Several jobs give what one job gives: same toponyms, same events, same order, same errors."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.errors import GeomapError
from geomap.ingest import bundled_examples, read_articles
from geomap.parallel import WorkerProcesses, parallel_results
from geomap.pipeline import Pipeline, PipelineSpec, toponym_record


SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def news():
    """The bundled examples and 40 LGL news articles: enough for several batches."""
    lgl = SHARED / "eval" / "geoparse" / "lgl.jsonl"
    if not lgl.exists():
        pytest.skip("LGL corpus not available")
    return list(read_articles(bundled_examples())) + list(islice(read_articles([lgl]), 40))


def test_two_jobs_run_equals_one_job_run(pipeline, gazetteer, news):
    one = pipeline.run(news)
    two = Pipeline(gazetteer, runner=WorkerProcesses(2)).run(news)
    assert len(one.events) > 10
    assert two.events == one.events
    assert (two.articles_read, two.places_found, two.unresolved) == (one.articles_read, one.places_found, one.unresolved)


def test_small_batches_come_back_in_input_order(pipeline, gazetteer, news):
    expected = [(item.article.id, item.toponyms, item.events) for item in pipeline.process(news)]
    spec = PipelineSpec(gazetteer.path)
    got = [(item.article.id, item.toponyms, item.events)
           for item in parallel_results(spec, news, jobs=2, mode="process", batch_size=3, window=2)]
    assert got == expected


def test_geoparse_cli_with_two_jobs_prints_the_same_lines(shared, tmp_path):
    corpus = tmp_path / "news.jsonl"
    with open(shared / "eval" / "geoparse" / "gwn.jsonl", encoding="utf-8") as handle:
        lines = [json.loads(line) for line in islice(handle, 70)]
    corpus.write_text("".join(json.dumps({"id": r["doc_id"], "text": r["text"]}) + "\n" for r in lines), "utf-8")
    one = CliRunner().invoke(cli, ["geoparse", str(corpus)])
    two = CliRunner().invoke(cli, ["geoparse", "--jobs", "2", str(corpus)])
    assert one.exit_code == 0 and two.exit_code == 0
    assert len(one.output.splitlines()) == 70
    assert two.output == one.output


def test_geoparse_toponyms_equal_in_process(pipeline, gazetteer, news):
    expected = [[toponym_record(t) for t in item.toponyms] for item in pipeline.geoparse(news)]
    got = [[toponym_record(t) for t in item.toponyms] for item in Pipeline(gazetteer, runner=WorkerProcesses(2)).geoparse(news)]
    assert got == expected


def test_a_missing_model_is_one_geomap_error_not_a_broken_pool(gazetteer):
    articles = list(read_articles(bundled_examples()))
    with pytest.raises(GeomapError, match="no_such_model"):
        Pipeline(gazetteer, model="no_such_model", runner=WorkerProcesses(2)).run(articles)

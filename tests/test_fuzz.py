"""Property-based tests (hypothesis): random and mutated article texts through the whole pipeline.

Each generated text runs in the same call as a fixed real article (the second bundled example).
Whatever the text, the pipeline must not raise, must not report an internal error ("could not
process"), must give valid RFC 7946 GeoJSON, and must leave the real article's events exactly as
they are when it runs alone. CI runs ``GEOMAP_FUZZ_EXAMPLES`` cases per test (default 40);
set it higher for a long once-off run.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import geojson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import GeomapError
from geomap.exports.geojson import dumps, feature_collection
from geomap.ingest import bundled_examples, read_articles
from geomap.records import Article

EXAMPLES = int(os.environ.get("GEOMAP_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                database=None)
ANCHOR = bundled_examples()[1]
ANCHOR_TEXT = ANCHOR.read_text("utf-8")
# Pieces that have broken parsers before: markup, quotes, separators, digits that look like dates.
HOSTILE = ["<script>alert(1)</script>", '"', "'", "\\", "\u2028", "\x00", "\ufeff", "\u202e", "{{ x }}",
           "Kyiv", " region", "Sumy ", "2025-13-45", "on Tuesday", " killing 3", "\n\n", ".", "Mr.", "drone strike"]


def _anchor() -> Article:
    (article,) = read_articles([ANCHOR])
    return article


@pytest.fixture(scope="module")
def anchor_alone(pipeline) -> list:
    (result,) = list(pipeline.process([_anchor()]))
    return result.events


def _check_run(pipeline, texts: list[str], anchor_alone: list) -> None:
    """Run the anchor beside ``texts``; check the four promises."""
    problems: list[str] = []

    def collect(error: GeomapError) -> None:
        problems.append(str(error))

    fuzzed = [Article(id=f"fuzz-{i}", text=t, content_hash=str(i), path=f"fuzz-{i}.txt") for i, t in enumerate(texts)]
    results = list(pipeline.process([fuzzed[0], _anchor(), *fuzzed[1:]], on_error=collect))
    assert not [p for p in problems if "could not process" in p], problems
    anchor_events = [r.events for r in results if r.article.id == ANCHOR.name]
    assert anchor_events == [anchor_alone]
    events = [e for r in results for e in r.events]
    collection = json.loads(dumps(feature_collection(events)))
    assert geojson.loads(json.dumps(collection)).is_valid


def _mutated(draw: st.DrawFn) -> str:
    text = ANCHOR_TEXT
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        piece = draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)))
        if action == "insert":
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 400)):]
        elif action == "replace":
            text = text[:at] + piece + text[at + len(piece):]
        else:
            text = text[:at] + text[at:at + 60] * draw(st.integers(2, 30)) + text[at:]
    return text


mutated_texts = st.composite(_mutated)()


@FUZZ
@given(texts=st.lists(st.one_of(st.text(max_size=2_000), mutated_texts), min_size=1, max_size=3))
def test_random_and_mutated_texts_never_break_the_run_or_the_other_article(pipeline, anchor_alone, texts) -> None:
    _check_run(pipeline, texts, anchor_alone)


@FUZZ
@given(data=st.one_of(st.binary(max_size=3_000),
                      mutated_texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      mutated_texts.map(lambda t: t.encode("cp1251", "replace"))),
       suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html"]))
def test_random_files_beside_a_good_one_are_read_or_reported(pipeline, anchor_alone, data: bytes, suffix: str) -> None:
    """Bytes in any supported file type: ingest reports or reads them; the good file is untouched."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / ANCHOR.name).write_text(ANCHOR_TEXT, "utf-8")
        (Path(folder) / f"fuzz{suffix}").write_bytes(data)
        problems: list[GeomapError] = []
        articles = list(read_articles([folder], on_error=problems.append))
        assert all(str(p).startswith(str(Path(folder) / "fuzz")) for p in problems), problems
        (anchor,) = [a for a in articles if a.id == ANCHOR.name]
        results = list(pipeline.process(articles, on_error=problems.append))
    assert not [p for p in problems if "could not process" in str(p)], problems
    assert [r.events for r in results if r.article.id == anchor.id] == [anchor_alone]
    collection = feature_collection([e for r in results for e in r.events])
    assert geojson.loads(json.dumps(collection)).is_valid

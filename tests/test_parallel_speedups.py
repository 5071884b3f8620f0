"""The speed-ups change no result: windowed trigger matching, numpy MinHash, array lookup lemmas."""

from __future__ import annotations

import json
import random
from itertools import islice
from pathlib import Path

import pytest

from geomap.events import copies
from geomap.events.classify import TRIGGER_KEY

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _news_texts(count: int) -> list[str]:
    texts = []
    for name in ("lgl", "gwn"):
        corpus = SHARED / "eval" / "geoparse" / f"{name}.jsonl"
        if not corpus.exists():
            pytest.skip("geoparse corpora not available")
        with open(corpus, encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in islice(handle, count)]
    return texts


def _pure_python_sketch(hashed: set[int]) -> tuple[int, ...]:
    seeds = zip(copies._SEED_A[:, 0].tolist(), copies._SEED_B[:, 0].tolist())
    return tuple(min((a * h + b) % (1 << 64) for h in hashed) >> 3 for a, b in seeds)


def test_numpy_min_hashes_equal_the_formula_on_news():
    for text in _news_texts(60):
        hashed = copies.shingles(text)
        if len(hashed) >= copies.MIN_SHINGLES:
            assert copies.sketch(text) == (_pure_python_sketch(hashed), len(hashed))


def test_numpy_min_hashes_equal_the_formula_at_the_edges_of_uint64():
    rng = random.Random(7)
    edges = {0, 1, (1 << 61) - 1, (1 << 64) - 1, (1 << 63)}
    edges |= {(1 << 64) - 1 - rng.getrandbits(10) for _ in range(50)}
    assert copies._min_hashes(edges) == _pure_python_sketch(edges)
    assert all(0 <= value < (1 << 61) for value in copies._min_hashes(edges))  # they fit SQLite's integers


def test_windowed_trigger_matching_finds_what_the_whole_doc_matcher_finds(pipeline):
    nlp = pipeline.geoparser.nlp
    triggers = nlp.get_pipe("geomap_event_triggers")
    assert triggers.anchors is not None  # the rules have anchors: the fast path is the one tested
    found = 0
    for doc in nlp.pipe(_news_texts(120), disable=["geomap_event_triggers"]):
        whole = sorted(triggers.matcher(doc))
        assert sorted(triggers._matches(doc)) == whole
        found += len(whole)
    assert found > 100


def test_triggers_of_a_sentence_with_a_stop_word_first_rule(pipeline):
    # "went on strike" starts with a stop word: its anchor is "strike", and the match starts 2 tokens before it.
    doc = pipeline.geoparser.nlp("Dock workers in Odesa went on strike over unpaid wages.")
    assert [(span.text, span.label_) for span in doc.spans[TRIGGER_KEY]] == [("went on strike", "protest")]


def test_min_hashes_equal_the_formula_for_every_size():
    """Bodies of any size, at and around the chunk size, give the formula's values."""
    rng = random.Random(11)
    for size in (900, 40, copies.CHUNK, copies.CHUNK + 1, 3):
        hashed = {rng.getrandbits(64) for _ in range(size)}
        assert copies._min_hashes(hashed) == _pure_python_sketch(hashed)


def test_array_lookup_lemmas_are_spacys_lookup_lemmas():
    import spacy

    from geomap.ingest import bundled_examples

    texts = [path.read_text(encoding="utf-8") for path in bundled_examples()] + [
        "Drones struck Kharkiv; troops were deployed, prisoners freed and talks held. Shelling continued."]
    theirs = spacy.blank("en")
    theirs.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    ours = spacy.blank("en")
    ours.add_pipe("geomap_lemmatizer", name="lemmatizer").initialize()
    for text in texts:
        assert [t.lemma_ for t in ours(text)] == [t.lemma_ for t in theirs(text)]

"""The shipped event-type model: it types plain cases, matches scikit-learn's arithmetic, stays small
and fast, and scores well on the development split; the corpus it was trained on is well formed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from geomap.events.type_model import EventTypeModel

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "geomap" / "events" / "corpus"

# Written for this test, not taken from the corpus: (sentence, trigger, expected type).
PLAIN = [
    ("Russian drones struck a power plant in Velykyi Brod overnight, cutting electricity.", "struck", "air_strike"),
    ("Riot police fired tear gas as protesters hurled stones outside the parliament in Dravica.", "hurled stones", "riot"),
    ("The two foreign ministers held talks in Talvera on Monday.", "talks", "talks"),
    ("North Korea test-fired a ballistic missile into the sea off its east coast.", "test-fired", "weapons_test"),
    ("He was sentenced to ten years in prison by a military court in Oruzan.", "sentenced", "court_hearing"),
    ("The company struck a deal with investors to expand its factory.", "struck a deal", "none"),
    ("Gunmen kidnapped three aid workers on the road to Marsabu.", "kidnapped", "abduction"),
    ("Police arrested twelve people during a raid on a flat in Kellin.", "arrested", "arrest"),
    ("Thousands of teachers marched peacefully through the capital demanding higher pay.", "marched", "protest"),
    ("A roadside bomb exploded next to an army convoy near Tessaly, wounding four soldiers.", "roadside bomb", "explosion"),
    ("Rebel fighters captured the town of Amberg after government troops withdrew.", "captured", "territory_change"),
]

# More sentences for the arithmetic check: varied lengths, punctuation, unknown words, numbers.
MORE = [
    ("On 4 June, artillery shelled the outskirts of Noria, killing 2 civilians.", "shelled"),
    ("Soldiers and militants exchanged fire for hours near the Kivu crossing; three died.", "exchanged fire"),
    ("Gunmen opened fire at a wedding in Kerem.", "opened fire"),
    ("Air defences shot down six drones over the port overnight, the ministry said.", "shot down"),
    ("The navy began a week of drills in the strait (its largest this year).", "drills"),
    ("A military helicopter crashed during a training flight, killing its crew.", "crashed"),
    ("The EU imposed sanctions on four generals.", "sanctions"),
    ("Two destroyers were deployed to the gulf.", "deployed"),
    ("Xyzzy plugh.", "Xyzzy"),
    ("Strike!", "Strike"),
    ("The minister said in a statement that the ceasefire agreed on Friday would hold.", "statement"),
]


@pytest.fixture(scope="module")
def model() -> EventTypeModel:
    return EventTypeModel.load()


def mention(text: str, trigger: str) -> tuple[str, int, int]:
    start = text.index(trigger)
    return text, start, start + len(trigger)


def corpus_classes() -> set[str]:
    readme = (CORPUS / "README.md").read_text("utf-8")
    return set(re.findall(r"^\| `(\w+)` \|", readme, flags=re.MULTILINE))


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_plain_sentences_are_typed(model):
    got = model.predict([mention(text, trigger) for text, trigger, _ in PLAIN])
    wrong = [(text, expected, label) for (text, _, expected), (label, _) in zip(PLAIN, got) if label != expected]
    assert not wrong, wrong
    assert all(0.0 < p <= 1.0 for _, p in got)


def test_probabilities_are_distributions(model):
    probabilities = model.probabilities([mention(t, g) for t, g in MORE])
    assert probabilities.shape == (len(MORE), len(model.labels))
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert model.probabilities([]).shape == (0, len(model.labels))
    assert model.predict([]) == []
    assert set(model.labels) <= corpus_classes()


def test_transform_equals_scikit_learn(model):
    pytest.importorskip("sklearn")
    from scipy.sparse import coo_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    from geomap.events.train_types import BlockAnalyzer

    items = [mention(t, g) for t, g, _ in PLAIN] + [mention(t, g) for t, g in MORE]
    names = sorted(model._w.vocabulary, key=model._w.vocabulary.get)
    offsets = np.flatnonzero(np.diff(np.r_[-1, model._w.block_of, -1]))
    parts = []
    for b, block in enumerate(model.config.blocks):
        lo, hi = offsets[b], offsets[b + 1]
        vectorizer = TfidfVectorizer(analyzer=BlockAnalyzer(model.features, block), vocabulary=names[lo:hi],
                                     sublinear_tf=model.config.sublinear_tf)
        vectorizer.idf_ = model._w.idf[lo:hi].astype(np.float64)
        parts.append(vectorizer.transform(items) * dict(model.config.block_weights)[block])
    expected = hstack(parts).toarray()
    rows, cols, values = model.transform(items)
    got = coo_matrix((values, (rows, cols)), shape=expected.shape).toarray()
    assert np.abs(expected).sum() > 0
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_weights_are_small_and_typing_is_fast(model):
    size = len(resources.files("geomap.events").joinpath("type_model.npz").read_bytes())
    assert size <= 3_000_000
    items = [mention(t, g) for t, g, _ in PLAIN] + [mention(t, g) for t, g in MORE]
    items = (items * (1000 // len(items) + 1))[:1000]
    started = time.perf_counter()
    model.predict(items)
    assert time.perf_counter() - started < 2.0  # about 0.1 s on one core; generous for a loaded machine


def test_inference_does_not_import_scikit_learn():
    code = ("import sys; from geomap.events.type_model import EventTypeModel; "
            "print(EventTypeModel.load().predict([('Jets bombed the bridge.', 5, 11)])[0][0]); "
            "assert 'sklearn' not in sys.modules and 'scipy' not in sys.modules")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert run.returncode == 0, run.stderr


def test_corpus_files_are_valid():
    classes = corpus_classes()
    assert len(classes) == 24
    dev = read(CORPUS / "dev.jsonl") + read(CORPUS / "dev2.jsonl")
    train_files = sorted(CORPUS.glob("train*.jsonl"))
    assert len(dev) > 0 and len(train_files) > 0
    train_texts: set[str] = set()
    for path in [CORPUS / "dev.jsonl", CORPUS / "dev2.jsonl", *train_files]:
        for number, row in enumerate(read(path), 1):
            where = f"{path.name}:{number}"
            assert row["label"] in classes, where
            assert isinstance(row["text"], str) and row["trigger"] and row["trigger"] in row["text"], where
            if path.name.startswith("train"):
                train_texts.add(row["text"])
    both = {row["text"] for row in dev} & train_texts  # neither development split is trained on
    assert not both, sorted(both)[:5]


def test_dev_split_macro_f1(model):
    dev = read(CORPUS / "dev.jsonl")
    gold = [row["label"] for row in dev]
    predicted = [label for label, _ in model.predict([mention(row["text"], row["trigger"]) for row in dev])]
    f1 = []
    for label in sorted(set(gold) | set(predicted)):
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        n_gold, n_predicted = gold.count(label), predicted.count(label)
        f1.append(2 * tp / (n_gold + n_predicted) if n_gold + n_predicted else 0.0)
    assert float(np.mean(f1)) >= 0.80

"""Retrain the event-place linker: ``python -m geomap.events.train_link [--data FILE] [--out PATH]``.

Reads Halterman's event-location sentences (``event_location_dev.jsonl``: one event trigger and
the places where that event happened a sentence; MIT licence, see ``../shared/eval/events/README.md``).
The rows the corpus calls unchecked train the model; the checked rows (``source == "RELABEL"`` or
``answer == "accept"``) are the development split: never trained or tuned on, only scored at the
end, and what ``bench/events.py --only location`` scores end to end. The sentences' text is never
written anywhere: only the weights derived from them (``link_model.npz``) are committed.

Each sentence goes through geomap's own pipeline (recognition, resolution, triggers), and every
candidate place of the trigger's sentence (:func:`link_model.candidates`) becomes one training pair
with the gold trigger, positive when it overlaps a gold place. A logistic regression over the pair
features (:class:`link_model.PairFeatures`) is fitted with its C and decision threshold chosen by
5-fold cross-validation on the training rows, grouped by sentence.

Needs scikit-learn (``pip install geomap[train]``). The same data gives the same weights file.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from geomap.events.classify import TRIGGER_KEY
from geomap.events.extract import link_places
from geomap.events.link_model import FORMAT, WEIGHTS, LinkModel, PairFeatures, candidates

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = Path("..") / "shared" / "eval" / "events" / "event_location_dev.jsonl"
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(11))  # 0.20 ... 0.70
FOLDS = 5
MIN_COUNT = 2  # a feature seen in one training pair only says nothing general


@dataclass(slots=True)
class Sentence:
    """One row's candidate pairs: features and gold labels, and what the rules chose."""

    checked: bool
    features: list[list[str]]
    labels: list[bool]
    has_gold: bool  # the row names a place for its event (reachable or not)
    rules: list[bool]  # the rule linker's verdict on each candidate


def is_checked(record: dict) -> bool:
    """The rows the corpus README calls checked labels: the development split."""
    return record.get("source") == "RELABEL" or record.get("answer") == "accept"


def gold_span(span: dict, tokens: list) -> tuple[int, int]:
    """A gold span's character offsets, taken from its first and last token.

    About 29% of the checked spans store token indices in ``start``/``end`` (``{"start": 5, "end": 5,
    "token_start": 5, "token_end": 5, "text": "Mosul"}``), which read as characters point at the
    sentence's first words or at nothing; the tokens carry true character offsets. A span without
    usable token indices keeps its own ``start``/``end``.
    """
    first, last = span.get("token_start"), span.get("token_end")
    if isinstance(first, int) and isinstance(last, int) and 0 <= first <= last < len(tokens):
        start, end = tokens[first].get("start"), tokens[last].get("end")
        if isinstance(start, int) and isinstance(end, int) and start < end:
            return start, end
    return int(span["start"]), int(span["end"])


def read_records(path: Path) -> list[dict]:
    records = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise ValueError(f"{path}:{number}: not a sentence record")
        records.append(record)
    return records


def sentences(records: Sequence[dict]) -> list[Sentence]:
    """Every record with one gold trigger, as candidate pairs (records without a trigger are skipped)."""
    from geomap.pipeline import Pipeline

    geoparser = Pipeline().geoparser
    out: list[Sentence] = []
    docs = geoparser.nlp.pipe((r["text"] for r in records), batch_size=64)
    for record, doc in zip(records, docs):
        tokens = [t if isinstance(t, dict) else {} for t in record.get("tokens") or []]
        spans = [s for s in record.get("spans") or [] if isinstance(s, dict)]
        verbs = [gold_span(s, tokens) for s in spans if s.get("label") == "VERB"]
        gold = [gold_span(s, tokens) for s in spans if s.get("label") == "LOCATION"]
        if len(verbs) != 1:
            continue
        trigger = doc.char_span(*verbs[0], alignment_mode="expand")
        if trigger is None:
            continue
        sentence = trigger.sent
        ours = [t for t in doc.spans[TRIGGER_KEY] if t.sent.start == sentence.start]
        overlapping = [t for t in ours if t.start < trigger.end and trigger.start < t.end]
        label = overlapping[0].label_ if overlapping else "other"
        gold_trigger = doc[trigger.start:trigger.end]
        gold_trigger.label_ = label
        triggers = sorted([gold_trigger, *[t for t in ours if t not in overlapping]], key=lambda t: t.start)
        index = triggers.index(gold_trigger)
        places = candidates([t for t in geoparser.toponyms(doc) if t.mention.sentence_start == sentence.start_char], doc)
        pairs = PairFeatures(doc, triggers, places)
        if not pairs.places:
            out.append(Sentence(is_checked(record), [], [], bool(gold), []))
            continue
        located = {id(t) for t in link_places(doc, triggers, places, "rules")[index]}  # what the rules give this trigger
        out.append(Sentence(
            is_checked(record),
            [pairs.of(index, j) for j in range(len(pairs.places))],
            [any(t.mention.start < b and a < t.mention.end for a, b in gold) for t in pairs.toponyms],
            bool(gold),
            [id(t) in located for t in pairs.toponyms],
        ))
    return out


def matrix(rows: Sequence[list[str]], vocabulary: dict[str, int]):
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for features in rows:
        indices.extend(sorted({vocabulary[f] for f in features if f in vocabulary}))
        indptr.append(len(indices))
    return csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocabulary)))


def vocabulary_of(rows: Sequence[list[str]]) -> dict[str, int]:
    counts = Counter(f for features in rows for f in set(features))
    return {name: k for k, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_COUNT))}


def fit(rows: Sequence[list[str]], labels: Sequence[bool], c: float):
    from sklearn.linear_model import LogisticRegression

    vocabulary = vocabulary_of(rows)
    model = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000)
    model.fit(matrix(rows, vocabulary), np.asarray(labels, dtype=int))
    names = sorted(vocabulary, key=vocabulary.get)
    return LinkModel(names, model.coef_[0], float(model.intercept_[0]), 0.5)


def sentence_right(probabilities: Sequence[float], sentence: Sentence, threshold: float) -> bool:
    """The end-to-end rule in miniature: the best place above the threshold must be a gold place;
    with none above it, the sentence must name no place for its event."""
    if probabilities:
        best = int(np.argmax(probabilities))
        if probabilities[best] >= threshold:
            return sentence.labels[best]
    return not sentence.has_gold


def rules_right(sentence: Sentence) -> bool:
    """The rule linker (``link_places(..., "rules")``) scored the same way: its first place for the trigger."""
    chosen = [k for k, kept in enumerate(sentence.rules) if kept]
    return sentence.labels[chosen[0]] if chosen else not sentence.has_gold


def scores(model: LinkModel, sentences: Sequence[Sentence]) -> list[list[float]]:
    return [[model.probability(f) for f in s.features] for s in sentences]


def tune(train: Sequence[Sentence]) -> tuple[float, float, float]:
    """(C, threshold, accuracy) with the best out-of-fold sentence accuracy."""
    folds = [train[k::FOLDS] for k in range(FOLDS)]
    best = (C_GRID[0], 0.5, -1.0)
    for c in C_GRID:
        oof: list[tuple[list[float], Sentence]] = []
        for k in range(FOLDS):
            rest = [s for m, fold in enumerate(folds) if m != k for s in fold]
            model = fit([f for s in rest for f in s.features], [y for s in rest for y in s.labels], c)
            oof.extend(zip(scores(model, folds[k]), folds[k]))
        for threshold in THRESHOLDS:
            accuracy = sum(sentence_right(p, s, threshold) for p, s in oof) / len(oof)
            if accuracy > best[2] + 1e-9:
                best = (c, threshold, accuracy)
    return best


def write_npz(model: LinkModel, path: Path) -> None:
    """Deterministic bytes: fixed member order and timestamps, written atomically."""
    names = sorted(model.index, key=model.index.get)
    arrays = {"format": np.asarray(FORMAT), "names": np.asarray(names, dtype=np.str_),
              "weights": model.weights.astype(np.float32), "intercept": np.asarray(model.intercept),
              "threshold": np.asarray(model.threshold)}
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
    os.close(handle)
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for key, value in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, value, allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; the weights are an ordinary package file
    os.replace(tmp, path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geomap.events.train_link", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the sentences (default {DEFAULT_DATA})")
    parser.add_argument("--out", type=Path, default=HERE / WEIGHTS, help="where the weights go (default: the package's)")
    args = parser.parse_args(argv)
    try:
        records = read_records(args.data)
    except (OSError, ValueError) as error:
        print(f"error: {args.data}: cannot read the event-location sentences ({error})", file=sys.stderr)
        return 1
    every = sentences(records)
    train = [s for s in every if not s.checked]
    dev = [s for s in every if s.checked]
    c, threshold, accuracy = tune(train)
    model = fit([f for s in train for f in s.features], [y for s in train for y in s.labels], c)
    model.threshold = threshold
    write_npz(model, args.out)
    shipped = LinkModel.from_arrays(dict(np.load(args.out, allow_pickle=False)))
    dev_scores = scores(shipped, dev)
    model_right = sum(sentence_right(p, s, shipped.threshold) for p, s in zip(dev_scores, dev))
    rule_right = sum(rules_right(s) for s in dev)
    reachable = sum(any(s.labels) or not s.has_gold for s in dev)
    print(f"training: {len(train)} sentences, {sum(len(s.labels) for s in train)} pairs; "
          f"C={c}, threshold={threshold} (cross-validated sentence accuracy {accuracy:.3f}); "
          f"{len(shipped.index)} features -> {args.out}")
    print(f"dev (checked rows, gold trigger): {len(dev)} sentences, {reachable} where the right answer is "
          f"reachable (a candidate overlaps the gold place, or the gold has none)")
    print(f"  right place or rightly none: model {model_right / len(dev):.3f}   rules {rule_right / len(dev):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Retrain the event-type classifier: ``python -m geomap.events.train_types [--corpus DIR] [--out PATH]``.

Reads every ``train*.jsonl`` of the corpus (``corpus/README.md``), fits one TF-IDF vectoriser a
feature block (``type_model.TypeFeatures``) and a multinomial logistic regression with balanced
class weights, and writes the arrays inference needs to ``type_model.npz``. The regularisation
strength C is chosen by stratified cross-validation on the training files alone: ``dev.jsonl`` and
``dev2.jsonl`` are never trained or tuned on, only scored at the end, through the numpy model that was just written
(so the table describes exactly what ships).

Needs scikit-learn (``pip install geomap[train]``); typing mentions afterwards does not. The same
corpus gives the same weights file, byte for byte: fixed folds, a deterministic solver and a zip
written with fixed timestamps.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from geomap.events.type_model import FORMAT, WEIGHTS, EventTypeModel, FeatureConfig, Mention, TypeFeatures

HERE = Path(__file__).resolve().parent
C_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)
FOLDS = 5
TOLERANCE = 0.005
SEED = 0
MIN_DF = 2  # a feature seen in one training sentence only is a name or a typo, not a cue
# The most features kept a block (by corpus frequency), so the weights stay small (< 3 MB).
MAX_FEATURES = {"t": 6000, "w": 20000, "s": 8000, "c": 12000}
# A word becomes a candidate trigger for the model when it names the event in at least this many
# training rows and in at least this share of the training sentences it occurs in: "shelled" is a
# trigger nearly wherever it occurs, "said" or "forces" almost never (attribution, not an event).
CANDIDATE_MIN_ROWS = 2
CANDIDATE_MIN_SHARE = 0.3


Row = dict[str, str]


def read_rows(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if row["trigger"] not in row["text"]:
                raise ValueError(f"{path.name}:{number}: trigger {row['trigger']!r} is not in its text")
            rows.append(row)
    return rows


def mention(row: Row) -> Mention:
    """The trigger's first occurrence in the text, as the corpus defines it."""
    start = row["text"].index(row["trigger"])
    return row["text"], start, start + len(row["trigger"])


def training_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.glob("train*.jsonl") if p.name != "dev.jsonl")


class BlockAnalyzer:
    """One block's features of a mention, for that block's TfidfVectorizer."""

    def __init__(self, features: TypeFeatures, block: str) -> None:
        self.features = features
        self.prefix = block + ":"

    def __call__(self, item: Mention) -> list[str]:
        return [f for f in self.features(item) if f.startswith(self.prefix)]


class _Cached:
    """Features computed once a mention, shared by every block and fold (training only)."""

    def __init__(self, features: TypeFeatures) -> None:
        self.features = features
        self.config = features.config
        self.memo: dict[Mention, list[str]] = {}

    def __deepcopy__(self, memo: dict) -> _Cached:
        return self  # scikit-learn's clone() deep-copies parameters; a pure cache can be shared

    def __call__(self, item: Mention) -> list[str]:
        found = self.memo.get(item)
        if found is None:
            found = self.memo[item] = self.features(item)
        return found


def make_pipeline(config: FeatureConfig, c: float = 1.0, features: TypeFeatures | None = None):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = features or TypeFeatures(config)
    union = FeatureUnion(
        [(block, TfidfVectorizer(analyzer=BlockAnalyzer(features, block), min_df=MIN_DF,
                                 max_features=MAX_FEATURES.get(block), sublinear_tf=config.sublinear_tf,
                                 dtype=np.float64))
         for block in config.blocks],
        transformer_weights=dict(config.block_weights),
    )
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED)
    return Pipeline([("features", union), ("classifier", classifier)])


def tune(config: FeatureConfig, items: list[Mention], labels: list[str], grid: Sequence[float] = C_GRID,
         ) -> tuple[float, dict[float, float]]:
    """The smallest C whose mean macro-F1 over stratified folds of the training rows is within
    ``TOLERANCE`` of the best: the most regularised of the near-equals, as real news is further
    from the training sentences than one fold is from another."""
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    features = _Cached(TypeFeatures(config))
    scores = {c: float(cross_val_score(make_pipeline(config, c, features), items, labels, cv=folds,
                                       scoring="f1_macro").mean())
              for c in grid}
    top = max(scores.values())
    return min(c for c in grid if scores[c] >= top - TOLERANCE), scores


def candidate_words(rows: list[Row]) -> list[str]:
    """The lemmas the model may type where no rule fires (see ``CANDIDATE_MIN_SHARE``).

    Lemmas come from the same blank English pipeline with lookup lemmas that ``geomap run`` uses,
    so "docked" in an article meets "dock" here.
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    stop_words = nlp.Defaults.stop_words
    as_trigger: dict[str, int] = {}
    present: dict[str, int] = {}
    docs = nlp.pipe(row["text"] for row in rows)
    for row, doc in zip(rows, docs):
        start, end = mention(row)[1:]
        inside = {t.lemma_.lower() for t in doc if t.idx < end and t.idx + len(t) > start}
        for lemma in {t.lemma_.lower() for t in doc if t.is_alpha and len(t) > 2 and t.lower_ not in stop_words}:
            present[lemma] = present.get(lemma, 0) + 1
            if row["label"] != "none" and lemma in inside:
                as_trigger[lemma] = as_trigger.get(lemma, 0) + 1
    return sorted(lemma for lemma, n in as_trigger.items()
                  if n >= CANDIDATE_MIN_ROWS and n / present[lemma] >= CANDIDATE_MIN_SHARE)


def export(pipeline, config: FeatureConfig, candidates: Sequence[str] = ()) -> dict[str, np.ndarray]:
    """The fitted pipeline as plain arrays (see ``EventTypeModel``)."""
    union = pipeline.named_steps["features"]
    classifier = pipeline.named_steps["classifier"]
    names: list[str] = []
    idf: list[np.ndarray] = []
    offsets = [0]
    for block, vectorizer in union.transformer_list:
        block_names = vectorizer.get_feature_names_out().tolist()
        names.extend(block_names)
        idf.append(vectorizer.idf_.astype(np.float32))
        offsets.append(offsets[-1] + len(block_names))
        assert all("\n" not in name for name in block_names)
    weights = dict(config.block_weights)
    return {
        "format": np.array(FORMAT, dtype=np.int32),
        "config": _bytes(config.to_json()),
        "labels": _bytes("\n".join(classifier.classes_.tolist())),
        "vocabulary": _bytes("\n".join(names)),
        "block_offsets": np.array(offsets, dtype=np.int32),
        "block_weights": np.array([weights[block] for block, _ in union.transformer_list], dtype=np.float32),
        "idf": np.concatenate(idf),
        "coef": classifier.coef_.T.astype(np.float16),
        "intercept": classifier.intercept_.astype(np.float32),
        "candidates": _bytes("\n".join(candidates)),
    }


def write_npz(arrays: dict[str, np.ndarray], path: Path) -> None:
    """An ``np.load``-able zip with fixed entry order and timestamps, written to a temporary file in
    the same directory and renamed over ``path`` (readers never see half a file)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, array in arrays.items():
            entry = io.BytesIO()
            np.lib.format.write_array(entry, np.asarray(array, order="C"), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entry.getvalue(), compresslevel=9)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(buffer.getvalue())
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def dev_table(model: EventTypeModel, rows: list[Row]) -> tuple[str, float]:
    """Per-class precision/recall/F1 of ``model`` on ``rows``, and the macro-F1 over the classes
    present in either the gold labels or the predictions."""
    from sklearn.metrics import precision_recall_fscore_support

    gold = [row["label"] for row in rows]
    predicted = [label for label, _ in model.predict([mention(row) for row in rows])]
    classes = sorted(set(gold) | set(predicted))
    p, r, f, support = precision_recall_fscore_support(gold, predicted, labels=classes, zero_division=0)
    width = max(len(c) for c in classes + ["macro avg"])
    lines = [f"{'class':<{width}}  precision  recall     f1  support"]
    for i, label in enumerate(classes):
        flag = "  < 0.60" if f[i] < 0.60 else ""
        lines.append(f"{label:<{width}}  {p[i]:9.3f}  {r[i]:6.3f}  {f[i]:5.3f}  {support[i]:7d}{flag}")
    macro = float(np.mean(f))
    accuracy = float(np.mean([g == q for g, q in zip(gold, predicted)]))
    lines.append(f"{'macro avg':<{width}}  {np.mean(p):9.3f}  {np.mean(r):6.3f}  {macro:5.3f}  {len(gold):7d}")
    lines.append(f"{'accuracy':<{width}}  {'':9}  {'':6}  {accuracy:5.3f}  {len(gold):7d}")
    return "\n".join(lines), macro


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geomap.events.train_types",
                                     description="Retrain the event-type classifier from the corpus; score it on dev.jsonl.")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus", help="directory of train*.jsonl and dev.jsonl")
    parser.add_argument("--out", type=Path, default=HERE / WEIGHTS, help="weights file to write")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("warning: retraining needs scikit-learn (pip install geomap[train]); skipped", file=sys.stderr)
        return 0

    dev_path, second_path = args.corpus / "dev.jsonl", args.corpus / "dev2.jsonl"
    dev = read_rows(dev_path) if dev_path.is_file() else []
    second = read_rows(second_path) if second_path.is_file() else []
    dev_texts = {row["text"] for row in dev + second}
    files = training_files(args.corpus)
    if not files:
        print(f"error: no train*.jsonl in {args.corpus}", file=sys.stderr)
        return 2
    train: list[Row] = []
    for path in files:
        train.extend(read_rows(path))
    leaked = [row for row in train if row["text"] in dev_texts]
    train = [row for row in train if row["text"] not in dev_texts]
    print(f"training on {len(train)} rows from {', '.join(p.name for p in files)}"
          + (f" (dropped {len(leaked)} also in a development split)" if leaked else ""))

    config = FeatureConfig()
    items = [mention(row) for row in train]
    labels = [row["label"] for row in train]
    c, scores = tune(config, items, labels)
    print(f"C by {FOLDS}-fold cross-validation on the training rows (macro-F1): "
          + ", ".join(f"{k:g}: {v:.3f}" for k, v in scores.items()) + f" -> C = {c:g}")
    pipeline = make_pipeline(config, c).fit(items, labels)
    candidates = candidate_words(train)
    print(f"{len(candidates)} candidate trigger lemmas (typed by the model where no rule fires)")
    write_npz(export(pipeline, config, candidates), args.out)
    size = args.out.stat().st_size
    model = EventTypeModel.from_path(args.out)
    print(f"wrote {args.out} ({size / 1e6:.2f} MB, {model.n_features} features, {len(model.labels)} classes)")
    if dev:
        table, macro = dev_table(model, dev)
        print(f"\ndev.jsonl ({len(dev)} rows, never trained or tuned on):\n{table}\n\nmacro-F1 on dev: {macro:.3f}")
    else:
        print(f"no {dev_path}: nothing to score")
    if second:
        table, macro = dev_table(model, second)
        print(f"\ndev2.jsonl ({len(second)} rows, a second writer's split, never trained on):\n{table}\n\n"
              f"macro-F1 on dev2: {macro:.3f}")
    return 0


def _bytes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


if __name__ == "__main__":
    sys.exit(main())

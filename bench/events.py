"""Event benchmark: geomap's trigger classifier on PLOVER sentences, and the seed acceptance table.

Run from the repository root (the sentences live in ``../shared/eval/events``)::

    python bench/events.py              # tables
    python bench/events.py --json       # the same figures as one JSON document on stdout
    python bench/events.py --errors     # also list every sentence scored wrong (for reading, not tuning)

The system under test is the real pipeline (``geomap.pipeline.Pipeline``): each gold ``text``
goes through the same spaCy pipeline ``geomap run`` uses and the event types are read from
``doc.spans["event_triggers"]``. The gold categories never reach it.

Scoring (``PLOVER_GSR_CAMEO.json``, PLOVER 0.5b1 codes):

* Labels are the PLOVER (category, mode) pairs that ``taxonomy.json`` maps its types to; several
  types can share one label (shelling, air, missile and drone strikes are all
  ``ASSAULT/heavy-weapons``: PLOVER does not split them) and the table lists them beside it.
  A predicted type counts as its label; types the taxonomy maps to no PLOVER category
  (``statement``, ``interception``, ``other``) are not scored.
* A gold (category, mode) is first renamed to the PLOVER 0.8 vocabulary of the taxonomy
  (``CATEGORY_RENAMES`` from the corpus README, ``MODE_RENAMES`` from CAMEO2PLOVER-2021), then
  matched to a label: one whose modes include the gold mode first, else the mode-less label of that
  category (gold ``ASSAULT/torture`` counts as ``ASSAULT`` when the taxonomy maps a type to plain
  ``ASSAULT``). Gold with no label is "outside": predicting any label there is a false positive.
* Predictions are the triggers whose status (``geomap.events.extract.status_of``) is happened or
  claimed: PLOVER codes "threatened to shell" as THREATEN and "refused to meet" as REJECT, and
  geomap marks those planned. The macro-F1 over every trigger whatever its status is printed too.
* One sentence may carry several gold events (some texts occur twice with two codes) and several
  triggers, so scoring is multi-label per distinct text: per label TP / FP / FN, precision,
  recall, F1. Macro-F1 is the mean F1 over the labels with gold support > 0 (a label without
  support has no recall; its false positives are still shown).
* Confusions pair each missed gold label with each spurious predicted type of the same sentence
  (``nothing`` when the sentence got no scored type; an outside gold shows its category).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PLOVER_FILE = SHARED / "eval" / "events" / "PLOVER_GSR_CAMEO.json"

# PLOVER 0.5b1 category names the corpus uses -> the names of PLOVER 0.8 (corpus README).
CATEGORY_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
# 0.5b1 modes -> CAMEO2PLOVER-2021 modes (043 "host a visit" is mode visit; 142 hunger; 143 boycott).
MODE_RENAMES = {"demo-org": "demo", "demo-spon": "demo", "riot-spon": "riot", "detain": "arrest", "host": "visit",
                "strike-hun": "hunger", "strike-gen": "boycott"}
NOTHING = "nothing"
# PLOVER codes a threatened, offered or refused event as THREATEN / AGREE / REJECT, not as the event:
# the main score keeps the triggers geomap gives status happened or claimed ("all statuses" is shown too).
REPORTED = frozenset({"happened", "claimed"})

Key = tuple[str, str | None]  # a gold code: (category, mode)
Label = tuple[str, tuple[str, ...]]  # a taxonomy label: (category, modes); no modes = the whole category


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str
    codes: frozenset[Key]  # normalised (category, mode) pairs


@dataclass(slots=True)
class LabelScore:
    label: str
    types: tuple[str, ...]
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class PloverReport:
    labels: list[LabelScore]
    confusions: Counter[tuple[str, str]]
    sentences: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    macro_f1_all_statuses: float | None = None  # the same scoring over every trigger, whatever its status

    @property
    def macro_f1(self) -> float:
        scored = [s for s in self.labels if s.support]
        return sum(s.f1 for s in scored) / len(scored) if scored else 0.0


class BenchInputError(Exception):
    """The gold file is unreadable: reported as one line naming the file."""


def normalise(category: str | None, mode: str | None) -> Key | None:
    if not category or category == "DOCUMENT":
        return None
    mode = (mode or "").strip() or None
    return CATEGORY_RENAMES.get(category, category), MODE_RENAMES.get(mode, mode) if mode else None


def load_gold(path: Path) -> list[GoldSentence]:
    """Distinct texts with all their gold codes (the corpus repeats a few texts with a second code)."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BenchInputError(f"{path}: cannot read the PLOVER sentences ({error})") from error
    if not isinstance(records, list):
        raise BenchInputError(f"{path}: expected a JSON list of coded sentences")
    codes: dict[str, set[Key]] = {}
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            raise BenchInputError(f"{path}: item {number} is not an object")
        key = normalise(record.get("event"), record.get("mode"))
        text = record.get("text")
        if key is None or not isinstance(text, str) or not text.strip():
            continue  # the DOCUMENT header record
        codes.setdefault(text, set()).add(key)
    return [GoldSentence(text, frozenset(keys)) for text, keys in codes.items()]


def taxonomy_labels() -> dict[str, Label]:
    """Taxonomy type id -> its PLOVER (category, modes), for the types that have one."""
    from geomap.events.taxonomy import load_taxonomy

    return {t.id: (t.plover_category, t.plover_modes) for t in load_taxonomy().types if t.plover_category}


def label_name(key: Key | Label) -> str:
    category, modes = key
    if isinstance(modes, tuple):
        return f"{category}/{'|'.join(modes)}" if modes else category
    return f"{category}/{modes}" if modes else category


def gold_label(key: Key, labels: Iterable[Label]) -> Label | None:
    """The taxonomy label a gold code counts as: one listing its mode, else the category's mode-less label."""
    labels = set(labels)
    for label in sorted(labels):
        if label[0] == key[0] and key[1] in label[1]:
            return label
    if (key[0], ()) in labels:
        return key[0], ()
    return None


def score(gold: Sequence[GoldSentence], predicted: Sequence[set[str]], type_labels: dict[str, Label]) -> PloverReport:
    """Multi-label scores per PLOVER label, and the confusions of the errors."""
    by_label: dict[Label, list[str]] = {}
    for type_id, key in type_labels.items():
        by_label.setdefault(key, []).append(type_id)
    scores = {key: LabelScore(label_name(key), tuple(types)) for key, types in by_label.items()}
    confusions: Counter[tuple[str, str]] = Counter()
    errors = []
    for sentence, types in zip(gold, predicted):
        gold_keys = {k for k in (gold_label(c, scores) for c in sentence.codes) if k is not None}
        predicted_keys = {type_labels[t] for t in types if t in type_labels}
        for key in gold_keys & predicted_keys:
            scores[key].tp += 1
        missed, spurious = gold_keys - predicted_keys, predicted_keys - gold_keys
        for key in missed:
            scores[key].fn += 1
        for key in spurious:
            scores[key].fp += 1
        if not missed and not spurious:
            continue
        spurious_types = sorted(t for t in types if type_labels.get(t) in spurious) or [NOTHING]
        gold_names = [label_name(k) for k in missed] or [
            label_name(c) + ("" if gold_label(c, scores) else " (outside)") for c in sorted(sentence.codes, key=str)]
        for name in gold_names:
            for type_id in spurious_types:
                confusions[(name, type_id)] += 1
        errors.append({"text": sentence.text, "gold": sorted(label_name(c) for c in sentence.codes),
                       "predicted": sorted(types)})
    ordered = sorted(scores.values(), key=lambda s: (-s.support, s.label))
    return PloverReport(ordered, confusions, len(gold), errors)


def classify(pipeline: Any, texts: Sequence[str], *, statuses: frozenset[str] | None = REPORTED) -> list[set[str]]:
    """The event types geomap's own pipeline finds in each text, keeping triggers of the given statuses."""
    from geomap.events.classify import TRIGGER_KEY
    from geomap.events.extract import status_of

    return [{span.label_ for span in doc.spans[TRIGGER_KEY] if statuses is None or status_of(doc, span) in statuses}
            for doc in pipeline.geoparser.nlp.pipe(texts, batch_size=64)]


def seed_table(pipeline: Any) -> list[dict[str, Any]]:
    """The acceptance rows on the bundled articles, merged as ``geomap run`` merges them."""
    from geomap.events.acceptance import evaluate
    from geomap.ingest import bundled_examples, read_articles

    result = pipeline.run(read_articles(bundled_examples()))
    return [{"row": row.id, "expected": row.expected, "got": outcome.got, "passed": outcome.passed}
            for row, outcome in evaluate(result.events, pipeline.gazetteer)]


def report_json(plover: PloverReport, seed: list[dict[str, Any]], top: int) -> dict[str, Any]:
    return {
        "plover": {
            "file": str(PLOVER_FILE),
            "sentences": plover.sentences,
            "macro_f1": round(plover.macro_f1, 4),
            "macro_f1_all_statuses": round(plover.macro_f1_all_statuses or 0.0, 4),
            "labels": [{"label": s.label, "types": list(s.types), "support": s.support, "tp": s.tp, "fp": s.fp,
                        "fn": s.fn, "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                        "f1": round(s.f1, 4)} for s in plover.labels],
            "confusions": [{"gold": g, "predicted": p, "count": n} for (g, p), n in plover.confusions.most_common(top)],
        },
        "seed_acceptance": {"passed": sum(r["passed"] for r in seed), "rows": len(seed), "table": seed},
    }


def print_tables(plover: PloverReport, seed: list[dict[str, Any]], top: int, show_errors: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"PLOVER_GSR_CAMEO: {plover.sentences} distinct sentences, "
                        f"macro-F1 {plover.macro_f1:.3f} over labels with support "
                        f"(happened/claimed triggers; all statuses {plover.macro_f1_all_statuses or 0:.3f})")
    for column in ("PLOVER label", "taxonomy types", "support", "TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(column, justify="left" if column in ("PLOVER label", "taxonomy types") else "right")
    for s in plover.labels:
        table.add_row(s.label, ", ".join(s.types), str(s.support), str(s.tp), str(s.fp), str(s.fn),
                      f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}" if s.support else "-")
    console.print(table)
    confusion = Table(title=f"Most frequent errors (gold -> predicted), top {top}")
    for column in ("gold", "predicted", "count"):
        confusion.add_column(column)
    for (gold, predicted), count in plover.confusions.most_common(top):
        confusion.add_row(gold, predicted, str(count))
    console.print(confusion)
    seed_rows = Table(title=f"Seed acceptance table: {sum(r['passed'] for r in seed)}/{len(seed)} rows pass")
    for column in ("row", "expected", "got", "result"):
        seed_rows.add_column(column, overflow="fold")
    for r in seed:
        seed_rows.add_row(r["row"], r["expected"], r["got"], "pass" if r["passed"] else "[red]FAIL[/red]")
    console.print(seed_rows)
    if show_errors:
        for error in plover.errors:
            console.print(f"gold {error['gold']} predicted {error['predicted'] or '-'}: {error['text']}",
                          markup=False, highlight=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    parser.add_argument("--top", type=int, default=12, help="how many confusions to show (default 12)")
    parser.add_argument("--errors", action="store_true", help="also list the sentences scored wrong")
    args = parser.parse_args(argv)
    if not PLOVER_FILE.is_file():
        print(f"skipped: {PLOVER_FILE} not found (the shared evaluation data is not on this machine)")
        return 0
    try:
        gold = load_gold(PLOVER_FILE)
    except BenchInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(REPO))
    from geomap.errors import GeomapError
    from geomap.pipeline import Pipeline

    try:
        pipeline = Pipeline()
    except GeomapError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    texts = [g.text for g in gold]
    plover = score(gold, classify(pipeline, texts), taxonomy_labels())
    plover.macro_f1_all_statuses = score(gold, classify(pipeline, texts, statuses=None), taxonomy_labels()).macro_f1
    seed = seed_table(pipeline)
    if args.json:
        print(json.dumps(report_json(plover, seed, args.top), indent=1, ensure_ascii=False))
    else:
        print_tables(plover, seed, args.top, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

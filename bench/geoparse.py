"""Geoparsing benchmark: score ``geomap geoparse`` on LGL and GeoWebNews.

Run from the repository root (the corpora live in ``../shared/eval/geoparse``)::

    python bench/geoparse.py                      # both corpora, end to end + gold spans
    python bench/geoparse.py --corpus gwn --limit 20
    python bench/geoparse.py --save-output outputs/bench   # keep the raw CLI output
    python bench/geoparse.py --system-output outputs/bench/gwn.system.jsonl --corpus gwn
    python bench/geoparse.py --json outputs/bench/geoparse.json
    python bench/geoparse.py --self-test          # check the scoring code on hand-made data

The system under test is the CLI, ``geomap geoparse INPUT.jsonl --format jsonl``, which prints one
line per article: ``{"id", "toponyms": [{"start", "end", "surface", "name", "geonameid", "lat",
"lon", "country_code", "kind", "usage", "confidence"}]}`` with offsets into the article's ``text``.
Its input is a temporary JSONL holding only ``doc_id``, ``title`` and ``text`` of each gold
document: the gold ``toponyms`` never reach the system. For oracle recognition the same input also
carries ``spans: [[start, end], ...]`` (the gold toponym spans) and the CLI is run with
``--gold-spans``.

Metrics (as defined in the corpora's README, the EUPEG benchmark and Gritta et al.):

* Recognition: precision / recall / F1 of toponym spans, exact (same start and end) and inexact
  (overlapping). Matching is one-to-one: exact pairs first, then the remaining overlapping pairs,
  largest overlap first.
* Resolution, over the inexactly matched toponyms whose gold entry has coordinates: Acc@161
  (share with error < 161 km), mean and median error in km, and AUC, the trapezoid area under the
  sorted ``ln(1 + error_km) / ln(20039)`` curve over x in [0, 1] (lower is better). A matched
  toponym the system left unresolved (``lat`` null) counts as an error of 20039 km.
* Oracle recognition: the same resolution metrics with the gold spans given; a gold span the system
  returned nothing for also counts as 20039 km.
* Accuracy by confidence band, over matched toponyms the system resolved.

Corpus choices (see ``GWN_LITERAL_TYPES`` and ``SYSTEM_USAGES`` below):

* GeoWebNews ``type`` values ``Literal_Expression``, ``Non_Lit_Expression``, ``Non_Toponym`` and
  ``Homonym`` are not toponyms and are dropped from the gold data; the other ten types make the
  2,700 toponyms of the README.
* GeoWebNews "literal" follows the label map in Gritta's own analysis code (Pragmatic Guide to
  Geoparsing Evaluation, ``geowebnews_analysis``): ``Literal``, ``Mixed``, ``Coercion``,
  ``Literal_Modifier`` and ``Embedded_Literal`` are literal; ``Metonymic``, ``Demonym``,
  ``Language``, ``Non_Literal_Modifier`` and ``Embedded_Non_Lit`` are associative.
* GeoWebNews "all types" keeps every system usage (literal, metonymic, demonym, organisation):
  GeoWebNews annotates demonyms, languages, metonymy and places embedded in organisation names
  (``Embedded_*``). "literal" keeps only system mentions with usage ``literal``.
* LGL has no ``type``; every gold toponym is scored. View "LGL" follows the README ("LGL does not
  annotate adjectives"): system ``demonym`` and ``organisation`` mentions are dropped, ``literal``
  and ``metonymic`` ones kept (LGL tags "Washington said ..." as a toponym). The gold data do,
  however, hold several hundred adjectival toponyms ("American" 41, "Russian" 40, "Georgian" 38,
  "Palestinian" 31, ...) and places inside organisation names ("Alexandria Police", "Minnesota
  Department of Transportation"): on geomap's first output ~80% of its LGL demonym mentions and
  ~65% of its organisation mentions overlapped a gold toponym. So a second view, "LGL all usages",
  keeps every system mention; read both.
* Oracle runs are given all gold toponym spans of the corpus and scored without a usage filter.
* Split: LGL is all "tune". GeoWebNews: first 70% of documents in file order are "tune", the last
  30% "held-out" (the Mordecai 3 split); "all" is the whole corpus, comparable to the published
  figures. With ``--limit N`` the GeoWebNews sample is the first 70% of N tune documents plus the
  first 30% of N held-out documents, so both parts stay visible in a quick run.
* Gold toponyms whose offsets do not index their surface (5 GeoWebNews spans with negative offsets,
  2 of them toponyms) are dropped and counted.

Cite Lieberman, Samet & Sankaranarayanan (ICDE 2010) for LGL and Gritta, Pilehvar & Collier
(LREV 2020) for GeoWebNews when reporting these numbers.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "eval" / "geoparse"
CORPORA: tuple[str, ...] = ("lgl", "gwn")

MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the error of an unresolved toponym
ACC_KM = 161.0  # 100 miles
EARTH_RADIUS_KM = 6371.0088
HELD_OUT_SHARE_TENTHS = 3  # GeoWebNews: last 30% of documents are held out

# GeoWebNews annotation types that are not toponyms (README): never counted as gold.
GWN_NON_TOPONYM_TYPES = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Homonym"})
# Literal vs associative GeoWebNews toponyms, after Gritta's label map.
GWN_LITERAL_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Literal_Modifier", "Embedded_Literal"})
GWN_ASSOCIATIVE_TYPES = frozenset({"Metonymic", "Demonym", "Language", "Non_Literal_Modifier", "Embedded_Non_Lit"})

ALL_USAGES = frozenset({"literal", "metonymic", "demonym", "organisation"})
# Which system mentions take part in scoring, per scoring view (corpus / gold subset).
SYSTEM_USAGES: dict[str, frozenset[str]] = {
    "lgl": frozenset({"literal", "metonymic"}),
    "lgl-all": ALL_USAGES,
    "gwn-all": ALL_USAGES,
    "gwn-literal": frozenset({"literal"}),
}

CONFIDENCE_BANDS: tuple[tuple[str, float, float], ...] = (
    ("<0.5", -math.inf, 0.5),
    ("0.5-0.7", 0.5, 0.7),
    ("0.7-0.9", 0.7, 0.9),
    (">=0.9", 0.9, math.inf),
)


@dataclass(frozen=True, slots=True)
class Published:
    """A published end-to-end score (EUPEG cached outputs; Mordecai 3 is oracle, last 30%)."""

    system: str
    corpus: str
    f1: float | None
    acc161: float | None
    auc: float | None
    note: str = ""


PUBLISHED: tuple[Published, ...] = (
    Published("CamCoder", "lgl", 0.65, 0.72, 0.25),
    Published("Edinburgh Geoparser", "lgl", 0.50, 0.82, 0.17),
    Published("CLAVIN", "lgl", 0.57, 0.70, 0.26),
    Published("Stanford NER + top population", "lgl", 0.68, 0.59, 0.37),
    Published("Mordecai 3", "lgl", None, 0.827, None, "gold spans, last 30% of docs"),
    Published("CamCoder", "gwn", 0.69, 0.84, 0.15),
    Published("Edinburgh Geoparser", "gwn", 0.65, 0.92, 0.07),
    Published("CLAVIN", "gwn", 0.55, 0.94, 0.06, "recall .39"),
    Published("Stanford NER + top population", "gwn", 0.74, 0.70, 0.26),
    Published("Mordecai 3", "gwn", None, 0.941, None, "gold spans, last 30% of docs"),
)


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    surface: str
    name: str | None
    lat: float | None
    lon: float | None
    type: str | None  # GeoWebNews class; None in LGL
    geonameid: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    index: int  # position in the corpus file: the tune/held-out split follows file order
    doc_id: str
    title: str | None
    text: str
    toponyms: tuple[GoldToponym, ...]
    dropped: int = 0  # gold toponyms whose offsets do not index their surface


@dataclass(frozen=True, slots=True)
class SysToponym:
    start: int
    end: int
    surface: str
    name: str | None
    geonameid: str | None
    lat: float | None
    lon: float | None
    country_code: str | None
    kind: str | None
    usage: str | None  # literal | metonymic | demonym | organisation; a missing usage is scored as literal
    confidence: float | None

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class SysDoc:
    doc_id: str
    toponyms: tuple[SysToponym, ...]


@dataclass(frozen=True, slots=True)
class View:
    """One way of scoring a corpus: which gold types count and which system usages are kept."""

    key: str  # the SYSTEM_USAGES key
    corpus: str
    label: str
    gold_types: frozenset[str] | None  # None: every gold toponym

    @property
    def usages(self) -> frozenset[str]:
        return SYSTEM_USAGES[self.key]

    def keeps_gold(self, toponym: GoldToponym) -> bool:
        return self.gold_types is None or toponym.type in self.gold_types


GWN_TOPONYM_TYPES = GWN_LITERAL_TYPES | GWN_ASSOCIATIVE_TYPES
VIEWS: dict[str, tuple[View, ...]] = {
    "lgl": (View("lgl", "lgl", "LGL", None), View("lgl-all", "lgl", "LGL all usages", None)),
    "gwn": (
        View("gwn-all", "gwn", "GWN all types", GWN_TOPONYM_TYPES),
        View("gwn-literal", "gwn", "GWN literal", GWN_LITERAL_TYPES),
    ),
}


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Recognition:
    gold: int
    system: int
    matched: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class Resolution:
    n: int  # toponyms scored (gold coordinates, matched)
    unresolved: int  # of which the system gave no coordinates (or no mention, in oracle mode)
    acc161: float
    mean_km: float
    median_km: float
    auc: float
    # Acc@161 that also counts the right GeoNames id as correct: country and region points differ
    # between gazetteers by hundreds of km (GeoNames puts Russia at 60N 100E, a centroid is 2,000 km away).
    acc161_or_id: float = math.nan


@dataclass(frozen=True, slots=True)
class Band:
    label: str
    n: int
    acc161: float


@dataclass(frozen=True, slots=True)
class ResolvedPair:
    doc_id: str
    surface: str
    gold_name: str | None
    system_name: str | None
    error_km: float


@dataclass(frozen=True, slots=True)
class ErrorClass:
    """Resolved pairs sharing surface, gold name and system name: one row of the largest-errors table."""

    surface: str
    gold_name: str | None
    system_name: str | None
    error_km: float  # the largest among them
    count: int
    doc_id: str  # where the largest one is


@dataclass(frozen=True, slots=True)
class Diagnostics:
    false_positives: list[tuple[str, int]]
    false_negatives: list[tuple[str, int]]
    largest_errors: list[ErrorClass]
    miss_classes: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SplitScore:
    corpus: str
    view: str
    split: str
    docs: int
    exact: Recognition
    inexact: Recognition
    resolution: Resolution
    bands: list[Band]
    oracle: Resolution | None = None


@dataclass(frozen=True, slots=True)
class RunTiming:
    corpus: str
    mode: str  # "end-to-end" or "gold spans"
    docs: int
    words: int
    seconds: float
    startup: float = math.nan  # wall seconds of the same command on a one-word document

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else math.nan

    @property
    def words_per_second_after_startup(self) -> float:
        work = self.seconds - self.startup
        return self.words / work if work > 0 else math.nan


@dataclass(frozen=True, slots=True)
class OutputIssues:
    """Things wrong with the system output itself, whatever the gold says."""

    corpus: str
    mode: str
    missing_docs: int  # gold docs with no output line
    unknown_docs: int  # output lines whose id is no gold doc
    offset_mismatches: int  # text[start:end] != surface, or offsets out of range
    usages: dict[str, int]
    examples: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    scores: list[SplitScore] = field(default_factory=list)
    timings: list[RunTiming] = field(default_factory=list)
    issues: list[OutputIssues] = field(default_factory=list)
    diagnostics: dict[str, Diagnostics] = field(default_factory=dict)
    oracle_last30: dict[str, Resolution] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- loading


def _float(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def load_gold(path: Path, corpus: str) -> list[GoldDoc]:
    """Read a gold corpus, dropping non-toponym GeoWebNews types and spans with broken offsets."""
    docs: list[GoldDoc] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            text: str = record["text"]
            if "\r" in text:  # geomap normalises newlines; the gold offsets would drift
                raise SystemExit(f"{path}: document {record['doc_id']} contains \\r; offsets would not align")
            kept: list[GoldToponym] = []
            dropped = 0
            for raw in record["toponyms"]:
                kind = raw.get("type")
                if corpus == "gwn" and kind in GWN_NON_TOPONYM_TYPES:
                    continue
                start, end = int(raw["start"]), int(raw["end"])
                if not (0 <= start < end <= len(text)) or text[start:end] != raw["surface"]:
                    dropped += 1
                    continue
                kept.append(
                    GoldToponym(start, end, raw["surface"], raw.get("name"), _float(raw.get("lat")), _float(raw.get("lon")), kind,
                                _str(raw.get("geonameid")))
                )
            docs.append(GoldDoc(len(docs), str(record["doc_id"]), record.get("title"), text, tuple(kept), dropped))
    return docs


def parse_system_line(record: dict[str, Any]) -> SysDoc:
    toponyms = tuple(
        SysToponym(
            start=int(t["start"]),
            end=int(t["end"]),
            surface=str(t.get("surface", "")),
            name=_str(t.get("name")),
            geonameid=_str(t.get("geonameid")),
            lat=_float(t.get("lat")),
            lon=_float(t.get("lon")),
            country_code=_str(t.get("country_code")),
            kind=_str(t.get("kind")),
            usage=_str(t.get("usage")),
            confidence=_float(t.get("confidence")),
        )
        for t in record.get("toponyms") or ()
    )
    return SysDoc(str(record["id"]), toponyms)


def parse_system_output(lines: Iterable[str]) -> tuple[dict[str, SysDoc], list[str]]:
    """Parse the CLI's JSONL; returns the documents by id and the lines that were not records."""
    docs: dict[str, SysDoc] = {}
    junk: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        try:
            record = json.loads(stripped)
            doc = parse_system_line(record)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            junk.append(stripped[:200])
            continue
        docs[doc.doc_id] = doc
    return docs, junk


def words(docs: Iterable[GoldDoc]) -> int:
    return sum(len(doc.text.split()) for doc in docs)


def tune_size(full_size: int) -> int:
    """How many documents, from the top of the file, make the tune part (70%)."""
    return full_size - full_size * HELD_OUT_SHARE_TENTHS // 10


def split_by_order(docs: Sequence[GoldDoc], full_size: int) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """First 70% of the corpus file (tune) and last 30% (held-out), whatever subset ``docs`` is."""
    cut = tune_size(full_size)
    return [d for d in docs if d.index < cut], [d for d in docs if d.index >= cut]


def limit_docs(corpus: str, docs: list[GoldDoc], limit: int | None) -> list[GoldDoc]:
    """A quick-run sample; for GeoWebNews 70% of it from the tune part and 30% from the held-out part."""
    if limit is None or limit >= len(docs):
        return docs
    if corpus != "gwn":
        return docs[:limit]
    tune, held = split_by_order(docs, len(docs))
    n_held = limit * HELD_OUT_SHARE_TENTHS // 10 if limit > 1 else 0
    n_held = max(n_held, 1) if limit > 1 else 0
    return tune[: limit - n_held] + held[:n_held]


def splits_of(corpus: str, docs: list[GoldDoc], full_size: int) -> list[tuple[str, list[GoldDoc]]]:
    """The named document sets reported for a corpus."""
    if corpus == "lgl":
        return [("all (tune)", docs)]
    tune, held = split_by_order(docs, full_size)
    return [("tune", tune), ("held-out", held), ("all", docs)]


# ----------------------------------------------------------------------------- scoring


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc_of(errors_km: Sequence[float]) -> float:
    """EUPEG/Gritta AUC: trapezoid area under sorted ln(1+e)/ln(20039), x spread over [0, 1]."""
    if not errors_km:
        return math.nan
    ys = sorted(min(1.0, math.log1p(e) / math.log(MAX_ERROR_KM)) for e in errors_km)
    if len(ys) == 1:
        return ys[0]
    return sum((a + b) / 2 for a, b in zip(ys, ys[1:])) / (len(ys) - 1)


def _ratio(num: int, den: int) -> float:
    return num / den if den else math.nan


def recognition(gold: int, system: int, matched: int) -> Recognition:
    p, r = _ratio(matched, system), _ratio(matched, gold)
    f1 = 2 * p * r / (p + r) if p + r > 0 else (0.0 if gold or system else math.nan)
    return Recognition(gold, system, matched, p, r, f1)


def resolution(errors_km: Sequence[float], unresolved: int, id_hits: Sequence[bool] = ()) -> Resolution:
    if not errors_km:
        return Resolution(0, unresolved, math.nan, math.nan, math.nan, math.nan)
    return Resolution(
        acc161_or_id=(sum(id_hits) / len(id_hits)) if id_hits else math.nan,
        n=len(errors_km),
        unresolved=unresolved,
        acc161=sum(e < ACC_KM for e in errors_km) / len(errors_km),
        mean_km=statistics.fmean(errors_km),
        median_km=statistics.median(errors_km),
        auc=auc_of(errors_km),
    )


@dataclass(frozen=True, slots=True)
class Alignment:
    """A one-to-one alignment of gold and system spans in one document."""

    exact: list[tuple[int, int]]  # (gold index, system index)
    overlap: list[tuple[int, int]]  # further pairs that overlap without matching exactly

    @property
    def inexact(self) -> list[tuple[int, int]]:
        return self.exact + self.overlap


def align(gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]]) -> Alignment:
    """Pair spans one-to-one: identical spans first, then overlapping ones, largest overlap first."""
    free_system: dict[tuple[int, int], list[int]] = {}
    for j, span in enumerate(system):
        free_system.setdefault(span, []).append(j)
    exact: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for i, span in enumerate(gold):
        if free_system.get(span):
            j = free_system[span].pop(0)
            exact.append((i, j))
            used_gold.add(i)
            used_system.add(j)
    candidates: list[tuple[int, int, int, int]] = []
    for i, (gs, ge) in enumerate(gold):
        if i in used_gold:
            continue
        for j, (ss, se) in enumerate(system):
            if j in used_system:
                continue
            overlap = min(ge, se) - max(gs, ss)
            if overlap > 0:
                candidates.append((-overlap, gs, i, j))
    overlap_pairs: list[tuple[int, int]] = []
    for _, _, i, j in sorted(candidates):
        if i in used_gold or j in used_system:
            continue
        overlap_pairs.append((i, j))
        used_gold.add(i)
        used_system.add(j)
    return Alignment(exact, overlap_pairs)


def _error_km(gold: GoldToponym, system: SysToponym | None) -> float:
    assert gold.lat is not None and gold.lon is not None
    if system is None or not system.resolved:
        return MAX_ERROR_KM
    return haversine_km(gold.lat, gold.lon, system.lat, system.lon)  # type: ignore[arg-type]


@dataclass(slots=True)
class _Tally:
    """Counts accumulated over the documents of one split."""

    gold: int = 0
    system: int = 0
    exact: int = 0
    inexact: int = 0
    errors: list[float] = field(default_factory=list)
    id_hits: list[bool] = field(default_factory=list)  # within 161 km or the same GeoNames id
    unresolved: int = 0
    band_hits: dict[str, list[bool]] = field(default_factory=lambda: {label: [] for label, _, _ in CONFIDENCE_BANDS} | {"n/a": []})
    false_positives: Counter[str] = field(default_factory=Counter)
    false_negatives: Counter[str] = field(default_factory=Counter)
    pairs: list[ResolvedPair] = field(default_factory=list)
    miss_classes: Counter[str] = field(default_factory=Counter)  # resolved toponyms >= 161 km off, by cause


def miss_class(gold: GoldToponym, system: SysToponym) -> str:
    """Why a resolved toponym is 161 km or more off, in the classes the issue notes count."""
    same_entry = gold.geonameid is not None and gold.geonameid == system.geonameid
    if same_entry and system.kind == "country":
        return "right country; gazetteers' country points differ"
    if same_entry:
        return "right region or place; its derived point differs"
    if system.usage == "demonym":
        return "demonym resolved to another place"
    if (system.name or "").casefold() == (gold.name or gold.surface).casefold():
        return "namesake: a same-name place elsewhere"
    if system.kind in ("country", "admin1", "admin2", "continent", "region"):
        return "a region or country where the gold has another entity"
    return "another entity (feature, building, river, other name)"


def _band(confidence: float | None) -> str:
    if confidence is None:
        return "n/a"
    for label, low, high in CONFIDENCE_BANDS:
        if low <= confidence < high:
            return label
    return "n/a"


def tally(view: View, golds: Sequence[GoldDoc], systems: dict[str, SysDoc]) -> _Tally:
    """Align each document's kept gold and system toponyms and count everything the tables need."""
    out = _Tally()
    for doc in golds:
        gold = [t for t in doc.toponyms if view.keeps_gold(t)]
        sys_doc = systems.get(doc.doc_id)
        system = [t for t in (sys_doc.toponyms if sys_doc else ()) if (t.usage or "literal") in view.usages]
        alignment = align([(t.start, t.end) for t in gold], [(t.start, t.end) for t in system])
        out.gold += len(gold)
        out.system += len(system)
        out.exact += len(alignment.exact)
        out.inexact += len(alignment.inexact)
        matched_gold = {i for i, _ in alignment.inexact}
        matched_system = {j for _, j in alignment.inexact}
        out.false_negatives.update(t.surface for i, t in enumerate(gold) if i not in matched_gold)
        out.false_positives.update(t.surface for j, t in enumerate(system) if j not in matched_system)
        for i, j in alignment.inexact:
            g, s = gold[i], system[j]
            if g.lat is None or g.lon is None:
                continue
            error = _error_km(g, s)
            out.errors.append(error)
            out.id_hits.append(error < ACC_KM or (s.resolved and g.geonameid is not None and g.geonameid == s.geonameid))
            if not s.resolved:
                out.unresolved += 1
                continue
            out.band_hits[_band(s.confidence)].append(error < ACC_KM)
            out.pairs.append(ResolvedPair(doc.doc_id, g.surface, g.name, s.name, error))
            if error >= ACC_KM:
                out.miss_classes[miss_class(g, s)] += 1
    return out


def oracle_resolution(view: View, golds: Sequence[GoldDoc], systems: dict[str, SysDoc]) -> Resolution:
    """Resolution with gold spans given: every gold toponym with coordinates is scored."""
    errors: list[float] = []
    unresolved = 0
    for doc in golds:
        gold = [t for t in doc.toponyms if view.keeps_gold(t)]
        sys_doc = systems.get(doc.doc_id)
        system = list(sys_doc.toponyms) if sys_doc else []
        alignment = align([(t.start, t.end) for t in gold], [(t.start, t.end) for t in system])
        by_gold = {i: system[j] for i, j in alignment.inexact}
        for i, g in enumerate(gold):
            if g.lat is None or g.lon is None:
                continue
            s = by_gold.get(i)
            unresolved += s is None or not s.resolved
            errors.append(_error_km(g, s))
    return resolution(errors, unresolved)


def score_split(
    view: View, split: str, golds: Sequence[GoldDoc], systems: dict[str, SysDoc], oracle: dict[str, SysDoc] | None
) -> SplitScore:
    t = tally(view, golds, systems)
    bands = [Band(label, len(hits), _ratio(sum(hits), len(hits))) for label, hits in t.band_hits.items() if label != "n/a" or hits]
    return SplitScore(
        corpus=view.corpus,
        view=view.label,
        split=split,
        docs=len(golds),
        exact=recognition(t.gold, t.system, t.exact),
        inexact=recognition(t.gold, t.system, t.inexact),
        resolution=resolution(t.errors, t.unresolved, t.id_hits),
        bands=bands,
        oracle=oracle_resolution(view, golds, oracle) if oracle is not None else None,
    )


def diagnose(view: View, golds: Sequence[GoldDoc], systems: dict[str, SysDoc], top: int = 10) -> Diagnostics:
    t = tally(view, golds, systems)
    groups: dict[tuple[str, str | None, str | None], list[ResolvedPair]] = {}
    for pair in t.pairs:
        groups.setdefault((pair.surface, pair.gold_name, pair.system_name), []).append(pair)
    classes = [
        ErrorClass(surface, gold_name, system_name, worst.error_km, len(pairs), worst.doc_id)
        for (surface, gold_name, system_name), pairs in groups.items()
        for worst in [max(pairs, key=lambda p: p.error_km)]
    ]
    largest = sorted(classes, key=lambda c: c.error_km, reverse=True)[:top]
    return Diagnostics(t.false_positives.most_common(top), t.false_negatives.most_common(top), largest,
                       t.miss_classes.most_common())


def check_output(
    corpus: str, mode: str, golds: Sequence[GoldDoc], systems: dict[str, SysDoc], corpus_ids: frozenset[str]
) -> OutputIssues:
    """Offsets that do not index the reported surface, missing documents, unknown ids, usages seen.

    ``golds`` are the documents scored; ``corpus_ids`` every id of the corpus (a saved output of the
    whole corpus scored with ``--limit`` has no unknown ids).
    """
    texts = {doc.doc_id: doc.text for doc in golds}
    mismatches = 0
    examples: list[str] = []
    usages: Counter[str] = Counter()
    for doc_id, doc in systems.items():
        text = texts.get(doc_id)
        if text is None:
            continue
        for t in doc.toponyms:
            usages[t.usage or "None"] += 1
            if not (0 <= t.start < t.end <= len(text)) or text[t.start : t.end] != t.surface:
                mismatches += 1
                if len(examples) < 5:
                    examples.append(f"{doc_id} [{t.start}:{t.end}] surface={t.surface!r} text={text[max(0, t.start):t.end]!r}")
    return OutputIssues(
        corpus=corpus,
        mode=mode,
        missing_docs=sum(doc_id not in systems for doc_id in texts),
        unknown_docs=sum(doc_id not in corpus_ids for doc_id in systems),
        offset_mismatches=mismatches,
        usages=dict(usages.most_common()),
        examples=examples,
    )


# ----------------------------------------------------------------------------- running geomap


def geomap_command() -> list[str]:
    """The geomap CLI of this interpreter: the venv's entry point, else ``python -m geomap.cli``."""
    script = Path(sys.executable).with_name("geomap")
    if script.exists():
        return [str(script)]
    found = shutil.which("geomap")
    return [found] if found else [sys.executable, "-m", "geomap.cli"]


def write_input(path: Path, docs: Sequence[GoldDoc], with_spans: bool) -> None:
    """The system's input: id, title and text only (plus the gold spans in oracle mode)."""
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            record: dict[str, object] = {"doc_id": doc.doc_id, "title": doc.title, "text": doc.text}
            if with_spans:
                record["spans"] = [[t.start, t.end] for t in doc.toponyms]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


class GoldSpansUnsupported(RuntimeError):
    pass


def supports_gold_spans(command: Sequence[str]) -> bool:
    proc = subprocess.run([*command, "geoparse", "--help"], capture_output=True, text=True, cwd=REPO_ROOT)
    return proc.returncode == 0 and "--gold-spans" in proc.stdout


def model_alone(model: str, docs: Sequence[GoldDoc]) -> tuple[float, float]:
    """The model's own speed on the same texts: (start-up seconds, processing seconds), in a subprocess."""
    code = (
        "import json, sys, time; t = time.perf_counter(); import spacy; nlp = spacy.load(sys.argv[1]); "
        "s = time.perf_counter() - t; texts = json.load(sys.stdin); t = time.perf_counter(); "
        "[None for _ in nlp.pipe(texts, batch_size=32)]; print(s, time.perf_counter() - t)"
    )
    proc = subprocess.run([sys.executable, "-c", code, model], input=json.dumps([d.text for d in docs]),
                          capture_output=True, text=True, check=True)
    startup, seconds = (float(x) for x in proc.stdout.split())
    return startup, seconds


def run_geomap(
    command: Sequence[str], docs: Sequence[GoldDoc], *, gold_spans: bool, model: str | None, workdir: Path, tag: str
) -> tuple[list[str], float]:
    """Run ``geomap geoparse`` on the stripped documents; returns its stdout lines and wall seconds."""
    source = workdir / f"{tag}.input.jsonl"
    write_input(source, docs, with_spans=gold_spans)
    argv = [*command, "geoparse", str(source), "--format", "jsonl"]
    if gold_spans:
        argv.append("--gold-spans")
    if model:
        argv += ["--model", model]
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=REPO_ROOT)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        if gold_spans and "gold-spans" in proc.stderr and "no such option" in proc.stderr.lower():
            raise GoldSpansUnsupported(proc.stderr.strip())
        tail = "\n".join(proc.stderr.strip().splitlines()[-25:])
        raise SystemExit(f"geomap failed (exit {proc.returncode}): {' '.join(argv)}\n{tail}")
    return proc.stdout.splitlines(), seconds


# ----------------------------------------------------------------------------- printing


def _fmt(value: float | None, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:.{digits}f}"


def _km(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:,.0f}"


def _numeric_column(rows: Sequence[Sequence[str]], index: int) -> bool:
    cells = [row[index] for row in rows if row[index] not in ("", "—")]
    return bool(cells) and all(cell.replace(",", "").replace(".", "").replace(" / ", "").replace("—", "").isdigit() for cell in cells)


class Printer:
    """Prints tables with rich when it is installed, as aligned plain text otherwise."""

    def __init__(self) -> None:
        try:
            from rich.console import Console
        except ImportError:
            self._console = None
        else:
            self._console = Console(width=max(160, shutil.get_terminal_size((160, 40)).columns))

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        if self._console is not None:
            from rich.table import Table

            table = Table(title=title, title_justify="left", show_lines=False)
            for i, column in enumerate(columns):
                table.add_column(column, justify="right" if _numeric_column(rows, i) else "left")
            for row in rows:
                table.add_row(*row)
            self._console.print(table)
            return
        widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(columns)]
        print(f"\n{title}")
        print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print("  ".join(cell.rjust(w) if _numeric_column(rows, i) else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))))

    def line(self, text: str = "") -> None:
        if self._console is not None:
            self._console.print(text, highlight=False, markup=False)
        else:
            print(text)


def _row_name(score: SplitScore) -> list[str]:
    return [score.view, score.split, str(score.docs)]


def print_report(report: Report, printer: Printer) -> None:
    filters = "; ".join(f"{key}: {', '.join(sorted(usages))}" for key, usages in SYSTEM_USAGES.items())
    printer.line(f"System usages scored — {filters}. GWN literal types: {', '.join(sorted(GWN_LITERAL_TYPES))}.")
    if report.timings:
        printer.table(
            "Run time (wall clock of the geomap CLI, one process on one core; start-up = the same command on a one-word document)",
            ["corpus", "mode", "docs", "words", "seconds", "words/s", "start-up s", "words/s after start-up"],
            [[t.corpus, t.mode, str(t.docs), f"{t.words:,}", f"{t.seconds:.1f}", f"{t.words_per_second:,.0f}",
              f"{t.startup:.1f}", f"{t.words_per_second_after_startup:,.0f}"] for t in report.timings],
        )
    for issue in report.issues:
        printer.line(
            f"[{issue.corpus} {issue.mode}] output check: missing docs {issue.missing_docs}, unknown ids {issue.unknown_docs}, "
            f"offset/surface mismatches {issue.offset_mismatches}, usages {issue.usages}"
        )
        for example in issue.examples:
            printer.line(f"    mismatch: {example}")

    printer.table(
        "Recognition (toponym spans; exact = same span, inexact = overlapping span)",
        ["view", "split", "docs", "gold", "system", "exact", "P", "R", "F1", "inexact", "P", "R", "F1"],
        [
            [*_row_name(s), str(s.exact.gold), str(s.exact.system), str(s.exact.matched), _fmt(s.exact.precision), _fmt(s.exact.recall),
             _fmt(s.exact.f1), str(s.inexact.matched), _fmt(s.inexact.precision), _fmt(s.inexact.recall), _fmt(s.inexact.f1)]
            for s in report.scores
        ],
    )
    printer.table(
        "Resolution end to end (inexactly matched toponyms with gold coordinates; unresolved = 20039 km)",
        ["view", "split", "docs", "recall", "n", "unresolved", "Acc@161", "…or same id", "mean km", "median km", "AUC"],
        [
            [*_row_name(s), _fmt(s.inexact.recall), str(s.resolution.n), str(s.resolution.unresolved), _fmt(s.resolution.acc161),
             _fmt(s.resolution.acc161_or_id), _km(s.resolution.mean_km), _km(s.resolution.median_km), _fmt(s.resolution.auc)]
            for s in report.scores
        ],
    )
    oracle = [s for s in report.scores if s.oracle is not None]
    if oracle:
        printer.table(
            "Resolution with gold spans (oracle recognition; a span left unresolved or dropped = 20039 km)",
            ["view", "split", "docs", "n", "unresolved", "Acc@161", "mean km", "median km", "AUC"],
            [
                [*_row_name(s), str(s.oracle.n), str(s.oracle.unresolved), _fmt(s.oracle.acc161), _km(s.oracle.mean_km),
                 _km(s.oracle.median_km), _fmt(s.oracle.auc)]
                for s in oracle
                if s.oracle is not None
            ],
        )
    labels = [label for label, _, _ in CONFIDENCE_BANDS] + (["n/a"] if any(b.label == "n/a" for s in report.scores for b in s.bands) else [])
    printer.table(
        "Acc@161 by system confidence (matched toponyms the system resolved): n / Acc@161",
        ["view", "split", "docs", *labels],
        [
            [*_row_name(s), *(next((f"{b.n} / {_fmt(b.acc161, 2)}" for b in s.bands if b.label == label), "0 / —") for label in labels)]
            for s in report.scores
        ],
    )
    print_comparison(report, printer)
    for key, diag in report.diagnostics.items():
        printer.table(
            f"{key}: 10 most frequent false positives and false negatives (inexact matching, all docs)",
            ["#", "false positive", "count", "false negative", "count"],
            [
                [str(i + 1), fp[0] if fp else "", str(fp[1]) if fp else "", fn[0] if fn else "", str(fn[1]) if fn else ""]
                for i, (fp, fn) in enumerate(_zip_longest(diag.false_positives, diag.false_negatives))
            ],
        )
        printer.table(
            f"{key}: 10 largest resolution errors (resolved, matched toponyms; same surface/gold/system grouped)",
            ["doc", "surface", "gold name", "system name", "error km", "times"],
            [[c.doc_id, c.surface, c.gold_name or "—", c.system_name or "—", _km(c.error_km), str(c.count)] for c in diag.largest_errors],
        )
        printer.table(
            f"{key}: resolution misses (>= 161 km) by cause",
            ["cause", "count"],
            [[cause, str(count)] for cause, count in diag.miss_classes],
        )
    for note in report.notes:
        printer.line(note)


def _zip_longest(a: list[tuple[str, int]], b: list[tuple[str, int]]) -> Iterator[tuple[tuple[str, int] | None, tuple[str, int] | None]]:
    for i in range(max(len(a), len(b))):
        yield (a[i] if i < len(a) else None, b[i] if i < len(b) else None)


def print_comparison(report: Report, printer: Printer) -> None:
    rows: list[list[str]] = []
    for corpus in CORPORA:
        ours = [s for s in report.scores if s.corpus == corpus and s.split in ("all", "all (tune)")]
        if not ours:
            continue
        for p in PUBLISHED:
            if p.corpus == corpus:
                rows.append([corpus.upper(), p.system, p.note, _fmt(p.f1, 2), _fmt(p.acc161, 3), _fmt(p.auc, 2)])
        for s in ours:
            rows.append([corpus.upper(), f"geomap, {s.view} (inexact)", f"{s.docs} docs", _fmt(s.inexact.f1, 2), _fmt(s.resolution.acc161, 3), _fmt(s.resolution.auc, 2)])
            rows.append([corpus.upper(), f"geomap, {s.view} (exact)", f"{s.docs} docs", _fmt(s.exact.f1, 2), "", ""])
        for view, res in report.oracle_last30.items():
            if view.startswith(corpus.upper()):
                rows.append([corpus.upper(), f"geomap, {view}", "gold spans, last 30% of docs", "", _fmt(res.acc161, 3), _fmt(res.auc, 2)])
    if rows:
        printer.table("Published figures beside ours (F1 / Acc@161 / AUC)", ["corpus", "system", "note", "F1", "Acc@161", "AUC"], rows)


def _jsonable(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def report_json(report: Report) -> dict[str, object]:
    data = asdict(report)
    data["timings"] = [asdict(t) | {"words_per_second": t.words_per_second,
                                    "words_per_second_after_startup": t.words_per_second_after_startup}
                       for t in report.timings]
    return _jsonable(data)  # type: ignore[return-value]


# ----------------------------------------------------------------------------- benchmark


@dataclass(frozen=True, slots=True)
class Options:
    data_dir: Path
    corpora: tuple[str, ...]
    limit: int | None
    model: str | None
    system_output: Path | None
    oracle_output: Path | None
    save_output: Path | None
    oracle: bool


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def benchmark(options: Options, printer: Printer) -> Report:
    report = Report()
    command = geomap_command()
    run_cli = options.system_output is None
    oracle_supported: bool | None = None
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
        workdir = Path(tmp)
        startup = math.nan
        if run_cli:
            # Start-up (imports, gazetteer names, model loading) timed on a one-word document.
            _, startup = run_geomap(command, [GoldDoc(0, "startup", None, "Hello.", (), 0)], gold_spans=False,
                                    model=options.model, workdir=workdir, tag="startup")
        for corpus in options.corpora:
            all_docs = load_gold(options.data_dir / f"{corpus}.jsonl", corpus)
            docs = limit_docs(corpus, all_docs, options.limit)
            dropped = sum(doc.dropped for doc in docs)
            if dropped:
                report.notes.append(f"{corpus}: {dropped} gold toponym(s) dropped, offsets do not index their surface")
            n_words = words(docs)

            if run_cli:
                lines, seconds = run_geomap(command, docs, gold_spans=False, model=options.model, workdir=workdir, tag=corpus)
                report.timings.append(RunTiming(corpus, "end-to-end", len(docs), n_words, seconds, startup))
                if options.model:
                    # The target is relative: at least 70% of the model's own throughput after start-up.
                    model_startup, model_seconds = model_alone(options.model, docs)
                    report.timings.append(RunTiming(corpus, f"{options.model} alone", len(docs), n_words,
                                                    model_startup + model_seconds, model_startup))
                _save(options.save_output, f"{corpus}.system.jsonl", lines)
            else:
                assert options.system_output is not None
                lines = _read_lines(_saved(options.system_output, f"{corpus}.system.jsonl"))
            systems, junk = parse_system_output(lines)
            if junk:
                report.notes.append(f"{corpus}: {len(junk)} output line(s) were not records, e.g. {junk[0]!r}")
            corpus_ids = frozenset(doc.doc_id for doc in all_docs)
            report.issues.append(check_output(corpus, "end-to-end", docs, systems, corpus_ids))

            oracle: dict[str, SysDoc] | None = None
            saved_oracle = options.oracle_output
            if saved_oracle is None and options.system_output is not None and options.system_output.is_dir():
                saved_oracle = options.system_output
            if saved_oracle is not None and _saved(saved_oracle, f"{corpus}.oracle.jsonl").is_file():
                oracle, _ = parse_system_output(_read_lines(_saved(saved_oracle, f"{corpus}.oracle.jsonl")))
            elif run_cli and options.oracle:
                if oracle_supported is None:
                    oracle_supported = supports_gold_spans(command)
                if oracle_supported:
                    try:
                        lines, seconds = run_geomap(command, docs, gold_spans=True, model=options.model, workdir=workdir, tag=f"{corpus}.oracle")
                    except GoldSpansUnsupported:
                        oracle_supported = False
                    else:
                        report.timings.append(RunTiming(corpus, "gold spans", len(docs), n_words, seconds, startup))
                        _save(options.save_output, f"{corpus}.oracle.jsonl", lines)
                        oracle, _ = parse_system_output(lines)
                unsupported = "gold-spans mode: not supported by this geomap"
                if not oracle_supported and unsupported not in report.notes:
                    printer.line(unsupported)
                    report.notes.append(unsupported)
            if oracle is not None:
                report.issues.append(check_output(corpus, "gold spans", docs, oracle, corpus_ids))

            for view in VIEWS[corpus]:
                for split, split_docs in splits_of(corpus, docs, len(all_docs)):
                    report.scores.append(score_split(view, split, split_docs, systems, oracle))
                report.diagnostics[view.label] = diagnose(view, docs, systems)
                if oracle is not None:  # for Mordecai 3's figures, which use the last 30% of documents
                    _, last30 = split_by_order(docs, len(all_docs))
                    report.oracle_last30[f"{view.label} oracle"] = oracle_resolution(view, last30, oracle)
    return report


def _saved(path: Path, name: str) -> Path:
    """A saved output: ``path`` itself, or ``path/name`` when it is a ``--save-output`` folder."""
    return path / name if path.is_dir() else path


def _save(folder: Path | None, name: str, lines: Sequence[str]) -> None:
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


# ----------------------------------------------------------------------------- self-test


def self_test() -> None:
    """Check the scoring code against hand-made documents with known answers."""
    text = "Paris and Springfield met Lyon. Texas officials spoke."
    gold = GoldDoc(
        0,
        "d1",
        None,
        text,
        (
            GoldToponym(0, 5, "Paris", "Paris", 48.8566, 2.3522, "Literal"),
            GoldToponym(10, 21, "Springfield", "Springfield", 39.7817, -89.6501, "Literal"),
            GoldToponym(26, 30, "Lyon", "Lyon", 45.764, 4.8357, "Literal"),
            GoldToponym(32, 37, "Texas", "Texas", 31.0, -100.0, "Non_Literal_Modifier"),
        ),
    )

    def sys_from(g: GoldToponym, *, lat: float | None = None, lon: float | None = None, start: int | None = None,
                 usage: str = "literal", confidence: float = 0.95) -> SysToponym:
        s = g.start if start is None else start
        return SysToponym(s, g.end, text[s : g.end], g.name, None, g.lat if lat is None else lat, g.lon if lon is None else lon,
                          None, "place", usage, confidence)

    view_all = View("gwn-all", "gwn", "all", GWN_TOPONYM_TYPES)
    view_lit = View("gwn-literal", "gwn", "literal", GWN_LITERAL_TYPES)

    # 1. A perfect system: everything is 1, the error 0 and the AUC 0.
    perfect = {"d1": SysDoc("d1", tuple(sys_from(g) for g in gold.toponyms))}
    s = score_split(view_all, "t", [gold], perfect, perfect)
    assert (s.exact.precision, s.exact.recall, s.exact.f1) == (1.0, 1.0, 1.0), s.exact
    assert s.inexact.f1 == 1.0 and s.resolution.n == 4 and s.resolution.acc161 == 1.0, s
    assert s.resolution.auc == 0.0 and s.resolution.mean_km == 0.0 and s.oracle is not None and s.oracle.auc == 0.0
    assert [b.n for b in s.bands if b.label == ">=0.9"] == [4]

    # 2. Partial: Paris shifted by one char (inexact only), Springfield resolved to Springfield MA
    #    (~1,350 km), Lyon unresolved, Texas missed, one false positive ("officials").
    g = gold.toponyms
    partial = SysDoc(
        "d1",
        (
            sys_from(g[0], start=1, confidence=0.6),
            sys_from(g[1], lat=42.1015, lon=-72.5898, confidence=0.8),
            SysToponym(26, 30, "Lyon", None, None, None, None, None, None, "literal", None),
            SysToponym(38, 47, "officials", "X", None, 0.0, 0.0, None, "place", "literal", 0.3),
        ),
    )
    s = score_split(view_all, "t", [gold], {"d1": partial}, {"d1": partial})
    assert (s.exact.gold, s.exact.system, s.exact.matched) == (4, 4, 2), s.exact
    assert (s.inexact.matched, s.inexact.precision, s.inexact.recall) == (3, 0.75, 0.75), s.inexact
    springfield = haversine_km(39.7817, -89.6501, 42.1015, -72.5898)
    assert 1300 < springfield < 1500, springfield
    res = s.resolution
    assert res.n == 3 and res.unresolved == 1 and abs(res.acc161 - 1 / 3) < 1e-12, res
    assert abs(res.mean_km - (springfield + MAX_ERROR_KM) / 3) < 1e-6 and abs(res.median_km - springfield) < 1e-6
    ys = [0.0, math.log1p(springfield) / math.log(MAX_ERROR_KM), 1.0]
    assert abs(res.auc - ((ys[0] + ys[1]) / 2 + (ys[1] + ys[2]) / 2) / 2) < 1e-12, res.auc
    bands = {b.label: b for b in s.bands}
    assert bands["0.5-0.7"].n == 1 and bands["0.5-0.7"].acc161 == 1.0 and bands["0.7-0.9"].acc161 == 0.0
    # Oracle: Texas (no system mention) counts as 20039 km too.
    assert s.oracle is not None and s.oracle.n == 4 and s.oracle.unresolved == 2 and s.oracle.acc161 == 0.25, s.oracle
    diag = diagnose(view_all, [gold], {"d1": partial})
    assert diag.false_positives == [("officials", 1)] and diag.false_negatives == [("Texas", 1)], diag
    assert diag.largest_errors[0].surface == "Springfield"

    # 3. Literal view: Texas (Non_Literal_Modifier) leaves the gold, demonym mentions leave the system.
    demonym = SysDoc("d1", (*perfect["d1"].toponyms[:3], sys_from(g[3], usage="demonym")))
    s = score_split(view_lit, "t", [gold], {"d1": demonym}, None)
    assert (s.exact.gold, s.exact.system, s.exact.f1) == (3, 3, 1.0), s.exact

    # 4. Alignment is one-to-one: two system spans inside one gold span match once.
    a = align([(0, 10)], [(0, 4), (5, 10)])
    assert a.exact == [] and len(a.overlap) == 1
    assert align([(0, 5), (0, 5)], [(0, 5)]).exact == [(0, 0)]

    # 5. AUC of a single worst error is 1; Acc@161 is strict (< 161 km).
    assert auc_of([MAX_ERROR_KM]) == 1.0 and resolution([161.0], 0).acc161 == 0.0

    # 6. The split: GeoWebNews's 200 documents give 140 tune and 60 held-out.
    fake = [GoldDoc(i, str(i), None, "x", ()) for i in range(200)]
    tune, held = split_by_order(fake, len(fake))
    assert (len(tune), len(held)) == (140, 60)
    assert len(limit_docs("gwn", fake, 10)) == 10 and limit_docs("gwn", fake, 10)[-1].doc_id == "142"
    print("self-test passed")


# ----------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="score only N documents per corpus (quick run)")
    parser.add_argument("--model", default=None, help="passed to geomap geoparse as --model")
    parser.add_argument("--system-output", type=Path, default=None, metavar="FILE",
                        help="score a saved `geomap geoparse --format jsonl` output instead of running the CLI; "
                             "a --save-output folder supplies <corpus>.system.jsonl and <corpus>.oracle.jsonl")
    parser.add_argument("--oracle-output", type=Path, default=None, metavar="FILE",
                        help="saved output of a --gold-spans run to score as oracle recognition")
    parser.add_argument("--no-oracle", action="store_true", help="skip the gold-spans run")
    parser.add_argument("--save-output", type=Path, default=None, metavar="DIR", help="keep the CLI's raw output here")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write the numbers as JSON")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, metavar="DIR", help="the corpora folder")
    parser.add_argument("--self-test", action="store_true", help="check the scoring code and exit")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        self_test()
        return 0
    if not args.data.is_dir():
        print(f"Geoparsing corpora not found at {args.data} (../shared is absent): nothing to benchmark.")
        return 0
    corpora = CORPORA if args.corpus == "all" else (args.corpus,)
    options = Options(
        data_dir=args.data,
        corpora=corpora,
        limit=args.limit,
        model=args.model,
        system_output=args.system_output,
        oracle_output=args.oracle_output,
        save_output=args.save_output,
        oracle=not args.no_oracle,
    )
    printer = Printer()
    report = benchmark(options, printer)
    print_report(report, printer)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        printer.line(f"numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())

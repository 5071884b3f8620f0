"""Throughput benchmark: articles/s, words/s, CPU-seconds per article and peak memory of the CLI.

Run from the repository root (the source corpora live in ``../shared/eval/geoparse``)::

    python bench/throughput.py                         # 10,000 articles; geoparse and extract; 1 and 2 jobs
    python bench/throughput.py --runs 1 --modes geoparse --jobs 2 --articles 10000 100000   # memory vs size
    python bench/throughput.py --runs 1 --modes extract --jobs 2 --articles 10000 --spill-after 1000000 10000   # merge in memory vs the default
    python bench/throughput.py --runs 1 --modes run-store --jobs 2 --articles 10000 30000   # run --store, memory vs size
    python bench/throughput.py --json outputs/bench/throughput.json

The system under test is the command line as users run it: ``geomap geoparse --jobs J CORPUS``
(places only, one JSON line per article to a file) and ``geomap extract --jobs J CORPUS`` (places,
events and the merge across all articles); ``--modes run-store`` measures ``geomap run --store S
--out O CORPUS`` into a new store each time (the articles stored, then the store's events merged and
written: events.geojson, the store's layer and the map). Each row is the median of ``--runs`` runs.

The corpus: ``--articles`` distinct news articles built from the real LGL and GeoWebNews texts and
geomap's bundled examples, each a whole source document (one in four with a second whole document
appended), with a distinct id, a publication date spread over 2025, and small edits so that no
sentence occurs twice in the corpus: the first use of a sentence is kept as it is, later uses drop
one to three lower-case words (chosen at random, checked against every sentence so far); a sentence
with no unused variant is left out. So no cache (the resolver's, spaCy's) sees repeated text.
Corpora are written once to ``--corpus-dir`` (default: the system temp folder), never to the repo.

Figures:

* start-up: wall time of the same command on a one-article file (imports, gazetteer names, the
  spaCy pipeline; with J jobs one worker's start-up, as one article needs only one worker).
* busy s: wall time on the whole corpus minus wall time on its first J x 32 articles (one batch
  per worker, so all J workers start in both runs): the time spent on the other articles, with
  start-up taken away exactly. articles/s, words/s are over those articles and that time;
  words/s/core = words/s divided by jobs. Words are whitespace-separated words of the article
  texts, for geomap and the tokenizer alike.
* CPU s/article: user + system CPU of the command and all its workers (``RUSAGE_CHILDREN``), the
  same difference, per article. Equal for 1 and 2 jobs means no work is duplicated.
* peak RSS: the largest sum of the resident memory of the command's process tree, sampled every
  0.1 s from /proc (shared pages are counted in every process, so this overstates the truth);
  largest process: the biggest single process's sampled peak, from the same samples.
* tokenizer: spaCy's bare English tokenizer (``spacy.blank("en").tokenizer.pipe``) over the same
  texts in this process, one core, median of ``--runs`` (once per corpus): the ceiling geomap
  cannot beat. ratio = geomap words/s/core over
  tokenizer words/s.

Timings depend on the machine and on anything else running on it; the table prints the load
average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from hashlib import blake2b
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SOURCES = [SHARED / "eval" / "geoparse" / "lgl.jsonl", SHARED / "eval" / "geoparse" / "gwn.jsonl"]
CORPUS_VERSION = 2  # bump when the corpus recipe changes: cached corpora are keyed by it
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘(]?[A-Z0-9])")
PAGE = os.sysconf("SC_PAGE_SIZE")


# -- the corpus ---------------------------------------------------------------------------------
def source_documents() -> list[tuple[str, str]]:
    """(title, text) of every real news document available: LGL, GeoWebNews, the bundled examples."""
    documents = []
    for path in SOURCES:
        if not path.exists():
            sys.exit(f"{path}: missing; the benchmark builds its corpus from ../shared/eval/geoparse")
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                documents.append((record.get("title") or "", record["text"]))
    from geomap.ingest import bundled_examples

    for path in bundled_examples():
        documents.append(("", path.read_text("utf-8")))
    return documents


class SentenceEditor:
    """Gives each use of a sentence a form no earlier sentence of the corpus had."""

    def __init__(self) -> None:
        self.seen: set[bytes] = set()
        self.dropped = 0

    def unique(self, sentence: str, rng: random.Random) -> str | None:
        for variant in self._variants(sentence, rng):
            key = blake2b(variant.encode(), digest_size=8).digest()
            if key not in self.seen:
                self.seen.add(key)
                return variant
        self.dropped += 1
        return None

    @staticmethod
    def _variants(sentence: str, rng: random.Random) -> Iterator[str]:
        yield sentence
        words = sentence.split(" ")
        removable = [i for i, word in enumerate(words) if i > 0 and word.isalpha() and word.islower()]
        for count in (1, 2, 3):
            if len(removable) < count:
                return
            for _ in range(8):
                gone = set(rng.sample(removable, count))
                yield " ".join(w for i, w in enumerate(words) if i not in gone)


def build_corpus(path: Path, articles: int, seed: int = 10) -> dict:
    """Write ``articles`` distinct articles to ``path`` (JSONL) and return the corpus statistics."""
    documents = source_documents()
    editor = SentenceEditor()
    words = sentences = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with open(partial, "w", encoding="utf-8") as out:
        order: list[int] = []
        for number in range(articles):
            if not order:
                order = list(range(len(documents)))
                random.Random(seed + number).shuffle(order)
            rng = random.Random(f"{seed}:{number}")
            chosen = [documents[order.pop()]]
            title = chosen[0][0] or None
            if rng.random() < 0.25:
                chosen.append(documents[rng.randrange(len(documents))])
            text = ""
            while not text:  # late in a large corpus a document can have no unused sentence left: add another
                paragraphs = []
                for _, source in chosen:
                    for paragraph in source.split("\n"):
                        kept = [s for s in (editor.unique(s, rng) for s in SENTENCE_END.split(paragraph.strip()) if s) if s]
                        sentences += len(kept)
                        paragraphs.append(" ".join(kept))
                text = "\n".join(paragraphs).strip()
                chosen = [documents[rng.randrange(len(documents))]]
            words += len(text.split())
            published = date(2025, 1, 1) + timedelta(days=number % 365)
            record = {"id": f"bench-{number:06d}", "title": title, "published": published.isoformat(),
                      "text": text}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    partial.replace(path)
    stats = {"articles": articles, "words": words, "sentences": sentences, "sentences_left_out": editor.dropped,
             "source_documents": len(documents), "version": CORPUS_VERSION, "seed": seed}
    path.with_suffix(".stats.json").write_text(json.dumps(stats), "utf-8")
    return stats


def corpus(folder: Path, articles: int) -> tuple[Path, dict]:
    path = folder / f"geomap-throughput-v{CORPUS_VERSION}-{articles}.jsonl"
    stats_path = path.with_suffix(".stats.json")
    if path.exists() and stats_path.exists():
        return path, json.loads(stats_path.read_text("utf-8"))
    started = time.perf_counter()
    stats = build_corpus(path, articles)
    print(f"built {path} ({articles} articles, {stats['words']} words) in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    return path, stats


# -- measuring a command ------------------------------------------------------------------------
def tree_rss(root: int) -> tuple[int, int]:
    """Resident bytes of ``root`` and all its descendants, and of the largest of them, from /proc."""
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children[int(fields[1])].append(pid)
        rss[pid] = int(fields[21]) * PAGE
    total, largest, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        stack.extend(children.get(pid, ()))
    return total, largest


@dataclass
class Measured:
    wall: float
    cpu: float
    peak_tree_rss: int
    largest_process_rss: int


def measure(command: list[str], stdout_path: Path) -> Measured:
    """Run ``command`` once: wall time, CPU of its whole tree, peak summed RSS of the tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = largest = 0
    with open(stdout_path, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak, largest
            while not done.is_set():
                tree, single = tree_rss(process.pid)
                peak, largest = max(peak, tree), max(largest, single)
                done.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, errors = process.communicate()
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {errors.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, peak, largest)


def tokenizer_words_per_second(path: Path, words: int) -> float:
    """spaCy's bare English tokenizer over the corpus texts, one core (texts read as it goes)."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer

    def texts() -> Iterator[str]:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)["text"]

    started = time.perf_counter()
    for _ in tokenizer.pipe(texts(), batch_size=256):
        pass
    return words / (time.perf_counter() - started)


# -- the table ------------------------------------------------------------------------------------
@dataclass
class Row:
    mode: str
    jobs: int
    articles: int
    words: int
    runs: int
    startup_s: float
    busy_s: float
    articles_per_s: float
    words_per_s: float
    words_per_s_per_core: float
    cpu_s_per_article: float
    peak_tree_rss_mb: float
    largest_process_mb: float
    tokenizer_words_per_s: float
    ratio_to_tokenizer: float
    spill_after: int | None = None  # extract's --spill-after (None: geomap's default)


def bench_row(mode: str, jobs: int, path: Path, stats: dict, runs: int, work: Path, ceiling: float,
              spill_after: int | None = None) -> Row:
    """One table row: the median of ``runs`` runs of one command on the corpus and on a prefix of it.

    The rates are computed from the difference between the whole corpus and a prefix of
    ``jobs`` x 32 articles (one batch per worker, so every worker has started in both), which
    takes away start-up exactly; start-up itself is shown as the wall time on one article.
    """
    from geomap.parallel import BATCH_SIZE

    command = [str(Path(sys.executable).with_name("geomap")), "run" if mode == "run-store" else mode, "--jobs", str(jobs)]
    if spill_after is not None:
        command += ["--spill-after", str(spill_after)]
    if mode == "run-store":  # a new store each time (a store skips the articles it holds), outputs beside it
        store, outputs = work / "store.gpkg", work / "outputs"
        command += ["--store", str(store), "--out", str(outputs)]

        def measure_run(command: list[str], stdout_path: Path) -> Measured:
            store.unlink(missing_ok=True)
            return measure(command, stdout_path)
    else:
        measure_run = measure
    one, prefix = work / "one.jsonl", work / "prefix.jsonl"
    with open(path, encoding="utf-8") as handle:
        head = [handle.readline() for _ in range(jobs * BATCH_SIZE)]
    one.write_text(head[0], "utf-8")
    prefix.write_text("".join(head), "utf-8")
    prefix_words = sum(len(json.loads(line)["text"].split()) for line in head)
    startups, walls, cpus, peaks, largest = [], [], [], [], []
    for _ in range(runs):
        startups.append(measure_run([*command, str(one)], work / "one.out").wall)
        start = measure_run([*command, str(prefix)], work / "prefix.out")
        full = measure_run([*command, str(path)], work / f"{mode}.out")
        walls.append(full.wall - start.wall)
        cpus.append(full.cpu - start.cpu)
        peaks.append(full.peak_tree_rss)
        largest.append(full.largest_process_rss)
    articles, words = stats["articles"] - len(head), stats["words"] - prefix_words
    busy = max(statistics.median(walls), 1e-9)
    words_per_s = words / busy
    return Row(mode, jobs, stats["articles"], stats["words"], runs, statistics.median(startups), busy,
               articles / busy, words_per_s, words_per_s / jobs, statistics.median(cpus) / articles,
               max(peaks) / 2**20, max(largest) / 2**20, ceiling, words_per_s / jobs / ceiling, spill_after)


def print_table(rows: list[Row]) -> None:
    header = (f"{'mode':<10}{'jobs':>5}{'articles':>9}{'words':>10}{'runs':>5}{'start s':>8}{'busy s':>8}"
              f"{'art/s':>8}{'words/s':>9}{'w/s/core':>9}{'CPU s/art':>10}{'peak RSS MB':>12}{'largest MB':>11}"
              f"{'tok w/s':>10}{'ratio':>7}{'spill after':>12}")
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r.mode:<10}{r.jobs:>5}{r.articles:>9}{r.words:>10}{r.runs:>5}{r.startup_s:>8.2f}{r.busy_s:>8.1f}"
              f"{r.articles_per_s:>8.1f}{r.words_per_s:>9.0f}{r.words_per_s_per_core:>9.0f}{r.cpu_s_per_article:>10.4f}"
              f"{r.peak_tree_rss_mb:>12.0f}{r.largest_process_mb:>11.0f}{r.tokenizer_words_per_s:>10.0f}"
              f"{r.ratio_to_tokenizer:>7.3f}{'default' if r.spill_after is None else r.spill_after:>12}", flush=True)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000], help="corpus sizes (default 10000)")
    parser.add_argument("--modes", nargs="+", choices=["geoparse", "extract", "run-store"],
                        default=["geoparse", "extract"])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=5, help="runs per row; the median is shown (default 5)")
    parser.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--json", type=Path, default=None, help="also write the rows as JSON here")
    parser.add_argument("--spill-after", type=int, nargs="+", default=[None], metavar="EVENTS",
                        help="extract and run-store rows with these --spill-after values (default: geomap's own; 0: merge on disk)")
    args = parser.parse_args(argv)

    rows: list[Row] = []
    started_load = load()
    print(f"load average at start: {started_load} ({os.cpu_count()} cores)", flush=True)
    with tempfile.TemporaryDirectory(prefix="geomap-throughput-") as scratch:
        work = Path(scratch)
        for size in args.articles:
            path, stats = corpus(args.corpus_dir, size)
            print(f"corpus {path.name}: {stats['articles']} articles, {stats['words']} words, "
                  f"{stats['sentences']} sentences (none repeated), {stats['sentences_left_out']} left out "
                  f"for want of an unused variant, from {stats['source_documents']} source documents", flush=True)
            # The ceiling, measured once per corpus in this same run (median of --runs).
            ceiling = statistics.median(tokenizer_words_per_second(path, stats["words"]) for _ in range(args.runs))
            for mode in args.modes:
                for jobs in args.jobs:
                    for spill_after in args.spill_after if mode != "geoparse" else [None]:
                        rows.append(bench_row(mode, jobs, path, stats, args.runs, work, ceiling, spill_after))
                        print(f"[{mode}, {jobs} jobs, {size} articles done; load {load()}]", file=sys.stderr, flush=True)
    print()
    print_table(rows)
    print(f"\nload average: {started_load} at start, {load()} at the end ({os.cpu_count()} cores)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

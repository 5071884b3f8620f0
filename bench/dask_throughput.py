"""Dask against --jobs: the same command, corpus and cores, in the same run; prints the ratio.

Run from the repository root (needs ``pip install -e '.[dask]'`` and ../shared/eval/geoparse)::

    python bench/dask_throughput.py                   # 10,000 articles, 2 workers, median of 3
    python bench/dask_throughput.py --runs 1 --articles 2000

The two systems under test are ``geomap extract --jobs 2 CORPUS`` (a ProcessPoolExecutor of two
worker processes) and ``geomap extract --dask local --jobs 2 CORPUS`` (a dask.distributed
LocalCluster of two single-threaded worker processes, each with its nanny, started by the
command). The corpus is bench/throughput.py's (same recipe, same cache file). The two commands
alternate within each repetition, so a change in the machine's load hits both alike.

As in bench/throughput.py, busy s is the wall time on the whole corpus minus the wall time on its
first jobs x 32 articles, which takes start-up (for Dask: starting the cluster, the workers and
their pipelines) away exactly; articles/s is over the remaining articles. Start-up is shown
separately as the wall time on one article. ratio = Dask articles/s over --jobs articles/s;
whole-run ratio = the same over the full commands' wall times, start-up included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import corpus, load, measure  # noqa: E402

BATCH_SIZE = 32


@dataclass
class Row:
    system: str
    startup_s: float
    full_s: float
    busy_s: float
    articles_per_s: float
    cpu_s_per_article: float
    peak_tree_rss_mb: float


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for both systems (default 2)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions; the median is shown (default 3)")
    parser.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args(argv)

    geomap = str(Path(sys.executable).with_name("geomap"))
    systems = {
        f"--jobs {args.jobs}": [geomap, "extract", "--jobs", str(args.jobs)],
        f"--dask local --jobs {args.jobs}": [geomap, "extract", "--dask", "local", "--jobs", str(args.jobs)],
    }
    started_load = load()
    print(f"load average at start: {started_load} ({os.cpu_count()} cores)", flush=True)
    path, stats = corpus(args.corpus_dir, args.articles)
    print(f"corpus {path.name}: {stats['articles']} articles, {stats['words']} words", flush=True)
    samples: dict[str, dict[str, list[float]]] = {name: {"one": [], "prefix": [], "full": [], "cpu": [], "rss": []}
                                                   for name in systems}
    with tempfile.TemporaryDirectory(prefix="geomap-dask-bench-") as scratch:
        work = Path(scratch)
        with open(path, encoding="utf-8") as handle:
            head = [handle.readline() for _ in range(args.jobs * BATCH_SIZE)]
        (work / "one.jsonl").write_text(head[0], "utf-8")
        (work / "prefix.jsonl").write_text("".join(head), "utf-8")
        outputs: dict[str, bytes] = {}
        for run in range(args.runs):
            for name, command in systems.items():
                got = samples[name]
                got["one"].append(measure([*command, str(work / "one.jsonl")], work / "one.out").wall)
                prefix = measure([*command, str(work / "prefix.jsonl")], work / "prefix.out")
                full = measure([*command, str(path)], work / "full.out")
                got["prefix"].append(prefix.wall)
                got["full"].append(full.wall)
                got["cpu"].append(full.cpu - prefix.cpu)
                got["rss"].append(full.peak_tree_rss)
                outputs[name] = (work / "full.out").read_bytes()
                print(f"[run {run + 1}: {name}: full {full.wall:.1f} s, prefix {prefix.wall:.1f} s; "
                      f"load {load()}]", file=sys.stderr, flush=True)
    same = len(set(outputs.values())) == 1
    articles = stats["articles"] - len(head)
    rows = []
    for name, got in samples.items():
        busy = statistics.median(f - p for f, p in zip(got["full"], got["prefix"]))
        rows.append(Row(name, statistics.median(got["one"]), statistics.median(got["full"]), busy, articles / busy,
                        statistics.median(got["cpu"]) / articles, max(got["rss"]) / 2**20))
    header = f"{'system':<26}{'start s':>8}{'full s':>8}{'busy s':>8}{'art/s':>8}{'CPU s/art':>10}{'peak RSS MB':>12}"
    print()
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r.system:<26}{r.startup_s:>8.2f}{r.full_s:>8.1f}{r.busy_s:>8.1f}{r.articles_per_s:>8.1f}"
              f"{r.cpu_s_per_article:>10.4f}{r.peak_tree_rss_mb:>12.0f}")
    local, dask = rows
    print(f"\nratio (Dask art/s / --jobs art/s): {dask.articles_per_s / local.articles_per_s:.3f}; "
          f"whole-run ratio (start-up included): {local.full_s / dask.full_s:.3f}")
    print(f"outputs identical: {same}; {stats['articles']} articles, median of {args.runs} runs")
    print(f"load average: {started_load} at start, {load()} at the end ({os.cpu_count()} cores)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

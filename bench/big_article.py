"""A 50 MB article beside a good one: what `geomap run` does with it, in how long, in how much memory.

By default an article over --max-article-mb (20) is refused before it is read; with a higher limit
it is read and then refused by the 1,000,000-character limit of the language pipeline. Either way
the good article's events are written. Each case runs `geomap run` in its own process; peak memory
is that process's maximum resident set (getrusage of the child).

    python bench/big_article.py [--mb 50]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = ("Russian drones struck energy facilities near Kharkiv overnight, the regional governor said, "
             "and air defences shot down most of them over the Sumy and Poltava regions.\n\n")
GOOD = "Ukrainian officials said a missile hit a warehouse in Odesa on Tuesday, injuring two workers.\n"


def make_inputs(folder: Path, megabytes: int) -> Path:
    inputs = folder / "in"
    inputs.mkdir()
    repeats = megabytes * 1024 * 1024 // len(PARAGRAPH.encode()) + 1
    with (inputs / "big.txt").open("w", encoding="utf-8") as handle:
        for _ in range(repeats):
            handle.write(PARAGRAPH)
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    return inputs


def run_case(inputs: Path, out: Path, extra: list[str]) -> tuple[float, float, int, int]:
    """(seconds, peak MB, exit code, events written) of one `geomap run` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "geomap.cli", "run", str(inputs), "--out", str(out), *extra],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    events = 0
    if (out / "events.geojson").exists():
        events = len(json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"])
    return seconds, peak_kb / 1024, proc.returncode, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="geomap-big-") as tmp:
        folder = Path(tmp)
        inputs = make_inputs(folder, args.mb)
        size = (inputs / "big.txt").stat().st_size / 1024 / 1024
        print(f"| case ({size:.0f} MB article + one good article) | seconds | peak MB | exit | events |")
        print("|---|---:|---:|---:|---:|")
        # getrusage(RUSAGE_CHILDREN) keeps the largest child so far: run the smaller case first.
        for label, extra in (("default: refused over --max-article-mb 20", []),
                             (f"--max-article-mb {args.mb + 10}: read, then refused over 1,000,000 characters",
                              ["--max-article-mb", str(args.mb + 10)])):
            seconds, peak, code, events = run_case(inputs, folder / f"out{len(extra)}", extra)
            print(f"| {label} | {seconds:.1f} | {peak:.0f} | {code} | {events} |")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()

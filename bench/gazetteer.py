"""Gazetteer benchmark: build time, open time, first lookup, lookups per second, size, peak memory.

Run: python bench/gazetteer.py [--skip-build]
Builds into a temporary file (the project's cache is left alone) in a child process so the
peak memory of the build is its own; then opens it and times lookups of real place names.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

NAMES = ["Kyiv", "Kharkov", "Sumy", "Krasnopillia", "Sudzha", "Helsinki", "Riyadh", "London", "Paris", "Springfield",
         "Alexandria", "Washington", "Sea of Azov", "Oryol", "Dnipropetrovsk", "Gaza", "Aleppo", "Khartoum", "Nowhere-xyz"]


_PEAK = "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"


def _child(code: str) -> tuple[str, float]:
    """Run code in a fresh interpreter; returns its stdout and its own peak RSS in MB."""
    lines = subprocess.run([sys.executable, "-c", code + _PEAK], check=True, capture_output=True, text=True).stdout.split("\n")
    lines = [line for line in lines if line.strip()]
    return "\n".join(lines[:-1]), float(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-build", action="store_true", help="measure the existing cache instead of a new build")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        if args.skip_build:
            from geomap.gazetteer.store import default_cache_path

            path = default_cache_path()
        else:
            path = Path(folder) / "gazetteer.sqlite"
            output, peak = _child(
                f"import time; from pathlib import Path; from geomap.gazetteer.build import build; "
                f"t = time.perf_counter(); build(Path({str(path)!r})); print(time.perf_counter() - t)"
            )
            rows += [("build time", f"{float(output):.1f} s"), ("build peak memory", f"{peak:.0f} MB")]
        output, peak = _child(
            "import time, json\n"
            "t0 = time.perf_counter()\n"
            "from geomap.gazetteer.store import Gazetteer\n"
            f"g = Gazetteer.open(__import__('pathlib').Path({str(path)!r}), rebuild=False)\n"
            "t1 = time.perf_counter()\n"
            "g.lookup('Kyiv')\n"
            "t2 = time.perf_counter()\n"
            f"names = {NAMES!r}\n"
            "n = 0\n"
            "start = time.perf_counter()\n"
            "while time.perf_counter() - start < 3:\n"
            "    for name in names:\n"
            "        g.lookup(name)\n"
            "        n += 1\n"
            "rate = n / (time.perf_counter() - start)\n"
            "print(json.dumps({'open': t1 - t0, 'first': t2 - t1, 'rate': rate}))\n"
        )
        import json

        timings = json.loads(output)
        rows += [
            ("open time (import + checks)", f"{timings['open'] * 1000:.0f} ms"),
            ("first lookup", f"{timings['first'] * 1000:.1f} ms"),
            ("lookups per second (19 names, uncached)", f"{timings['rate']:.0f}"),
            ("lookup process peak memory", f"{peak:.0f} MB"),
            ("database size", f"{path.stat().st_size / 1024 / 1024:.0f} MB"),
        ]
    width = max(len(label) for label, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|------")
    for label, value in rows:
        print(f"{label.ljust(width)} | {value}")


if __name__ == "__main__":
    main()

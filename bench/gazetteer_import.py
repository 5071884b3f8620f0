"""GeoNames import benchmark: rows per second and peak memory at two sizes, extrapolated to the full dumps.

Run: python bench/gazetteer_import.py [--rows 50000 200000]
Writes synthetic allCountries.txt and alternateNamesV2.txt files in GeoNames' exact columns
(random Latin names, three alternates each, four alternate-name rows per place) into a temporary
folder, imports each size in a fresh child process (so peak memory is the import's own), and
prints a table. The full-dump row counts used for the extrapolation are assumptions, printed
with the table; peak memory that does not grow with the row count is what "bounded" means here.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

# Approximate row counts of the full dumps (GeoNames, 2024-2025): assumptions, not measurements.
FULL_ALL_COUNTRIES_ROWS = 13_000_000
FULL_ALTERNATE_NAME_ROWS = 18_000_000
SYLLABLES = ["ka", "ro", "vy", "lo", "mi", "sha", "ne", "dar", "pol", "ky", "iv", "ska", "no", "ve", "zh", "tu", "ra"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def write_dumps(folder: Path, rows: int, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    places, alternates = folder / "allCountries.txt", folder / "alternateNamesV2.txt"
    with places.open("w", encoding="utf-8") as out, alternates.open("w", encoding="utf-8") as alt:
        for number in range(1, rows + 1):
            name = _name(rng)
            feature = rng.choices([("P", "PPL"), ("S", "PS"), ("H", "STM"), ("A", "ADM2")], [80, 8, 8, 4])[0]
            fields = [str(number), name, name, ",".join(_name(rng) for _ in range(3)), f"{rng.uniform(-60, 70):.5f}",
                      f"{rng.uniform(-180, 180):.5f}", feature[0], feature[1], "UA", "", f"{rng.randint(1, 27):02d}",
                      str(rng.randint(1, 500)), "", "", str(rng.choice([0, 0, 0, 600, 5000, 120000])), "", "100",
                      "Europe/Kyiv", "2024-01-01"]
            out.write("\t".join(fields) + "\n")
            for index in range(4):
                alt.write("\t".join([str(number * 10 + index), str(number), rng.choice(["en", "uk", "ru", "link"]),
                                     _name(rng), "", "", "", "", "", ""]) + "\n")
    return places, alternates


def _import(path: Path, layer: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of importing ``path`` in a fresh interpreter."""
    code = (
        "import resource, time; from pathlib import Path; from geomap.gazetteer.geonames_import import import_dump\n"
        f"started = time.perf_counter(); import_dump(Path({str(path)!r}), Path({str(layer)!r}))\n"
        "print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[50_000, 200_000])
    args = parser.parse_args()
    print(f"{'file':<22}{'rows':>10}{'seconds':>10}{'rows/s':>10}{'peak MB':>10}{'full rows':>12}{'full est.':>12}")
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as folder:
            places, alternates = write_dumps(Path(folder), rows)
            layer = Path(folder) / "layer.sqlite"
            for path, count, full in ((places, rows, FULL_ALL_COUNTRIES_ROWS), (alternates, rows * 4, FULL_ALTERNATE_NAME_ROWS)):
                seconds, peak = _import(path, layer)
                rate = count / seconds
                print(f"{path.name:<22}{count:>10,}{seconds:>10.1f}{rate:>10,.0f}{peak:>10.0f}{full:>12,}"
                      f"{full / rate / 3600:>10.1f} h")
            print(f"{'layer file':<22}{'':>10}{'':>10}{'':>10}{layer.stat().st_size / 2**20:>10.0f} MB on disk")


if __name__ == "__main__":
    main()

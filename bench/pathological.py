"""Pathological inputs: does processing time grow linearly with the size of the input?

Two shapes, each at doubling sizes, through Pipeline.process (recognition, resolution, events):
  names     one sentence listing place names ("... struck Kyiv, Kharkiv, Odesa, ...") thousands long
  sentence  one very long sentence of ordinary words and a few places, no full stop
Prints a table: size, seconds, and microseconds per character (flat when linear).

    python bench/pathological.py [--sizes 25000 50000 100000 200000]
"""

from __future__ import annotations

import argparse
import itertools
import time

from geomap.pipeline import Pipeline
from geomap.records import Article

PLACES = ["Kyiv", "Kharkiv", "Odesa", "Sumy", "Kherson", "Dnipro", "Lviv", "Mykolaiv", "Zaporizhzhia", "Poltava",
          "Chernihiv", "Izium", "Bakhmut", "Avdiivka", "Pokrovsk", "Kramatorsk", "Sloviansk", "Donetsk", "Luhansk",
          "Mariupol", "Berdiansk", "Melitopol", "Kursk", "Belgorod", "Bryansk", "Vinnytsia", "Uman", "Rivne"]
WORDS = "the drones were seen over the fields near Kyiv and officials said that residents should stay inside".split()


def names_sentence(size: int) -> str:
    head = "Russian drones struck "
    names = itertools.cycle(PLACES)
    parts = [head]
    length = len(head)
    while length < size:
        name = next(names) + ", "
        parts.append(name)
        length += len(name)
    return "".join(parts)[:size]


def long_sentence(size: int) -> str:
    words = itertools.cycle(WORDS)
    parts: list[str] = []
    length = 0
    while length < size:
        word = next(words) + " "
        parts.append(word)
        length += len(word)
    return "".join(parts)[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    args = parser.parse_args()
    pipeline = Pipeline()
    list(pipeline.process([Article(id="warm", text="Drones hit Kyiv.", content_hash="w")]))
    print("| input | characters | seconds | µs per character | events |")
    print("|---|---:|---:|---:|---:|")
    for label, make in (("place names in one sentence", names_sentence), ("one long sentence", long_sentence)):
        for size in args.sizes:
            text = make(size)
            started = time.perf_counter()
            (result,) = list(pipeline.process([Article(id=label, text=text, content_hash=str(size))]))
            seconds = time.perf_counter() - started
            print(f"| {label} | {size:,} | {seconds:.2f} | {seconds / size * 1e6:.1f} | {len(result.events):,} |")


if __name__ == "__main__":
    main()

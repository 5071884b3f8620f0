"""Benchmark the event map at 1k / 10k / 100k synthetic events.

Prints, per size: time to build + write the HTML, file size, and the time headless
Chromium needs from navigation until ``window.geomapReady`` (all cluster layers built).

    python bench/map.py                  # 1000 10000 100000
    python bench/map.py 5000 50000 --no-browser
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from geomap.events.taxonomy import load_taxonomy
from geomap.render.map import country_outlines_json, write_map

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Roughly Europe, the Middle East and the Caucasus: where the events in the corpus are.
LON_RANGE = (-10.0, 60.0)
LAT_RANGE = (15.0, 65.0)
AREA_PRECISIONS = ("admin1", "admin2", "country", "region")


def _source(rng: random.Random, article: int) -> dict[str, Any]:
    return {
        "article_id": f"art-{article:06d}",
        "title": f"Overnight attacks and diplomatic talks, report {article}",
        "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "url": f"https://news.example.org/{article}",
    }


def synthetic_events(n: int, seed: int = 7) -> dict[str, Any]:
    """A FeatureCollection with realistic-looking events: ~5 events per article,
    places clumped around ~n/20 centres, 10% region-level, 2% without a place."""
    rng = random.Random(seed)
    type_ids = [t.id for t in load_taxonomy().types]
    centres = [(rng.uniform(*LON_RANGE), rng.uniform(*LAT_RANGE)) for _ in range(max(1, n // 20))]
    articles = max(1, n // 5)
    features = []
    for i in range(n):
        lon, lat = rng.choice(centres)
        area = rng.random() < 0.10
        placed = rng.random() >= 0.02
        precision = rng.choice(AREA_PRECISIONS) if area else "place"
        geometry = (
            {"type": "Point", "coordinates": [round(lon + rng.gauss(0, 0.3), 5), round(lat + rng.gauss(0, 0.3), 5)]}
            if placed else None
        )
        features.append({
            "type": "Feature",
            "id": f"ev-{i:07d}",
            "geometry": geometry,
            "properties": {
                "id": f"ev-{i:07d}",
                "event_type": rng.choice(type_ids),
                "status": rng.choice(["happened", "claimed", "planned"]),
                "place": f"Place {i % 997}",
                "place_name": f"Place {i % 997}",
                "precision": precision if placed else None,
                "extent": [lon - 1, lat - 1, lon + 1, lat + 1] if area and placed else None,
                "date": "2025-03-11",
                "date_precision": "day",
                "sources": [_source(rng, rng.randrange(articles))],
                "corroboration": 1,
                "evidence": "Officials said several drones were shot down overnight near the city, "
                            f"damaging a power line (report {i}).",
                "actors": ["Ukraine", "Russia"],
                "claimant": None,
                "confidence": round(rng.uniform(0.4, 0.95), 2),
            },
        })
    return {"type": "FeatureCollection", "features": features}


def load_seconds(browser: Any, path: Path, timeout_s: float = 600) -> float:
    """Seconds from navigation to ``window.geomapReady`` in a fresh page."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    try:
        started = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=timeout_s * 1000)
        page.wait_for_function("window.geomapReady === true", timeout=timeout_s * 1000, polling=50)
        return time.perf_counter() - started
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium load time")
    parser.add_argument("--keep", type=Path, help="write the maps into this folder instead of a temp one")
    args = parser.parse_args()

    country_outlines_json()  # warm the cache: measured once, not per size
    rows: list[tuple[int, float, float, float | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths: list[tuple[int, Path, float]] = []
        for n in args.sizes:
            collection = synthetic_events(n)
            started = time.perf_counter()
            path = write_map(collection, folder / f"map_{n}.html", title=f"{n} synthetic events")
            paths.append((n, path, time.perf_counter() - started))
        loads: dict[int, float] = {}
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    for n, path, _ in paths:
                        loads[n] = load_seconds(browser, path)
                finally:
                    browser.close()
        rows = [(n, write_s, path.stat().st_size / 1e6, loads.get(n)) for n, path, write_s in paths]

    print(f"{'events':>8} {'write s':>8} {'size MB':>8} {'load s':>8}")
    for n, write_s, size_mb, load_s in rows:
        load = f"{load_s:8.2f}" if load_s is not None else f"{'-':>8}"
        print(f"{n:>8} {write_s:8.2f} {size_mb:8.2f} {load}")


if __name__ == "__main__":
    main()

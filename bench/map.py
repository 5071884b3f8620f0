"""Benchmark the event map at 1k / 10k / 100k (or a million) synthetic events.

Prints, per size: time to build + write the HTML, file size, the time headless Chromium
needs from navigation until ``window.geomapReady`` (events filtered, clustered and the
first frame painted), and how long filter changes take until the visible count is final.

    python bench/map.py                  # 1000 10000 100000
    python bench/map.py 1000 100000 1000000   # the sizes of the map issue (about 2 minutes)
    python bench/map.py 5000 50000 --no-browser

"filter ms" is the slowest of five real UI changes (untick a type, untick a status, set
a date range, tick both back), each timed inside the page from the input's click/change
to ``geomapVisibleCount()`` being final; "+paint ms" waits for the next painted frame too.
Tile requests are aborted, as on a machine without a connection.
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
TILE_HOST = "https://tile.openstreetmap.org/"
# Roughly Europe, the Middle East and the Caucasus: where the events in the corpus are.
LON_RANGE = (-10.0, 60.0)
LAT_RANGE = (15.0, 65.0)
AREA_PRECISIONS = ("admin1", "country", "region", "water")
STATUSES = ("happened", "happened", "happened", "claimed", "planned", "denied", "hypothetical")
DATE_PRECISIONS = ("day", "day", "day", "day", "week", "month")


def _source(rng: random.Random, article: int) -> dict[str, Any]:
    return {
        "article_id": f"art-{article:06d}",
        "title": f"Overnight attacks and diplomatic talks, report {article}",
        "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T06:00:00",
        "url": f"https://news.example.org/{article}",
    }


def synthetic_events(n: int, seed: int = 7) -> dict[str, Any]:
    """A FeatureCollection in the events.geojson schema: ~5 events per article, places
    clumped around ~n/20 centres, 10% region-level, 2% without a place, 3% undated,
    dates over one year at day/week/month precision."""
    rng = random.Random(seed)
    taxonomy = load_taxonomy()
    types = list(taxonomy.types)
    centres = [(rng.uniform(*LON_RANGE), rng.uniform(*LAT_RANGE)) for _ in range(max(1, n // 20))]
    articles = max(1, n // 5)
    features = []
    for i in range(n):
        lon, lat = rng.choice(centres)
        area = rng.random() < 0.10
        placed = rng.random() >= 0.02
        dated = rng.random() >= 0.03
        event_type = rng.choice(types)
        geometry = (
            {"type": "Point", "coordinates": [round(lon + rng.gauss(0, 0.3), 6), round(lat + rng.gauss(0, 0.3), 6)]}
            if placed else None
        )
        place = f"Place {i % 997}"
        features.append({
            "type": "Feature",
            "id": f"ev-{i:07d}",
            "geometry": geometry,
            "properties": {
                "id": f"ev-{i:07d}",
                "event_type": event_type.id,
                "event_label": event_type.label,
                "status": rng.choice(STATUSES),
                "place": place,
                "place_name": place if placed else None,
                "geonameid": 700000 + i % 997 if placed else None,
                "country_code": "UA" if placed else None,
                "admin1_code": "UA.21" if placed else None,
                "precision": (rng.choice(AREA_PRECISIONS) if area else "place") if placed else None,
                "extent": [lon - 1, lat - 1, lon + 1, lat + 1] if area and placed else None,
                "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if dated else None,
                "date_precision": rng.choice(DATE_PRECISIONS) if dated else None,
                "sources": [_source(rng, rng.randrange(articles))],
                "corroboration": 1,
                "evidence": f"Officials said several drones were shot down overnight near {place}, "
                            f"damaging a power line (report {i}).",
                "trigger": "shot down",
                "actors": ["Ukraine", "Russia"],
                "claimant": None,
                "quantities": [{"value": 3, "unit": "drone", "text": "three drones"}] if i % 4 == 0 else [],
                "is_caption": False,
                "details": {},
                "confidence": round(rng.uniform(0.4, 0.95), 2),
            },
        })
    return {"type": "FeatureCollection", "features": features}


# Each step acts on a real control, then reads the visible count; all synchronous in the
# page, so the time measured is the whole filter + re-cluster + redraw.
_FILTER_STEPS_JS = r"""
async () => {
  const q = (s) => document.querySelector(s);
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const setDate = (input, value) => { input.value = value; input.dispatchEvent(new Event("change", {bubbles: true})); };
  const steps = [
    () => q(".geomap-types input[type=checkbox]").click(),
    () => q(".geomap-statuses input[data-status=happened]").click(),
    () => { setDate(q(".geomap-date-from"), "2025-03-01"); setDate(q(".geomap-date-to"), "2025-05-31"); },
    () => q(".geomap-types input[type=checkbox]").click(),
    () => q(".geomap-statuses input[data-status=happened]").click(),
  ];
  const counts = [], settle = [], paint = [];
  for (const step of steps) {
    await frame();
    const t0 = performance.now();
    step();
    counts.push(window.geomapVisibleCount());
    settle.push(performance.now() - t0);
    await frame();
    paint.push(performance.now() - t0);
  }
  return {counts, settle, paint};
}
"""


def measure(browser: Any, path: Path, timeout_s: float = 600) -> tuple[float, float, float]:
    """(load s, slowest filter ms, slowest filter + paint ms) in a fresh page."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    context.route(f"{TILE_HOST}**", lambda route: route.abort("internetdisconnected"))
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=timeout_s * 1000)
        page.wait_for_function("window.geomapReady === true", timeout=timeout_s * 1000, polling=50)
        load_s = time.perf_counter() - started
        result = page.evaluate(_FILTER_STEPS_JS)
        return load_s, max(result["settle"]), max(result["paint"])
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--keep", type=Path, help="write the maps into this folder instead of a temp one")
    args = parser.parse_args()

    country_outlines_json()  # warm the cache: measured once, not per size
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths: list[tuple[int, Path, float]] = []
        for n in args.sizes:
            collection = synthetic_events(n)
            started = time.perf_counter()
            path = write_map(collection, folder / f"map_{n}.html", title=f"{n} synthetic events")
            paths.append((n, path, time.perf_counter() - started))
        browser_rows: dict[int, tuple[float, float, float]] = {}
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    for n, path, _ in paths:
                        browser_rows[n] = measure(browser, path)
                finally:
                    browser.close()
        rows = [(n, write_s, path.stat().st_size / 1e6, browser_rows.get(n)) for n, path, write_s in paths]

    print(f"{'events':>8} {'write s':>8} {'size MB':>8} {'load s':>8} {'filter ms':>10} {'+paint ms':>10}")
    for n, write_s, size_mb, measured in rows:
        if measured is None:
            tail = f"{'-':>8} {'-':>10} {'-':>10}"
        else:
            load_s, filter_ms, paint_ms = measured
            tail = f"{load_s:8.2f} {filter_ms:10.1f} {paint_ms:10.1f}"
        print(f"{n:>8} {write_s:8.2f} {size_mb:8.2f} {tail}")


if __name__ == "__main__":
    main()

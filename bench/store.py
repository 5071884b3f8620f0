"""How long the event store takes to add many articles' events and to export them in each format.

    python bench/store.py                      # 10,000 articles, one event each
    python bench/store.py --articles 2000 --events-per-article 2

The events are the bundled example articles' own events, copied onto synthetic articles with
their own ids, dates (spread over a year) and sources, so the store, the merge and the writers
do real work without timing the NLP (``bench/geoparse.py`` covers that). Prints one table.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from geomap.exports.geojson import feature
from geomap.exports import write_export
from geomap.exports.formats import FORMATS, SUFFIXES
from geomap.records import Article, SourceRef
from geomap.exports.store import EventStore


def seed_events():
    from geomap.ingest import bundled_examples, read_articles
    from geomap.pipeline import Pipeline

    pipeline = Pipeline()
    return [e for item in pipeline.process(read_articles(bundled_examples())) for e in item.events]


def synthetic(count: int, per_article: int, seed: int = 1):
    """(Article, events) pairs: each article carries copies of seed events, re-dated and re-sourced."""
    rng = random.Random(seed)
    base = seed_events()
    start = date(2025, 1, 1)
    for number in range(count):
        article_id = f"bench-{number:06d}"
        text = f"synthetic article {number}"
        digest = hashlib.sha256(text.encode()).hexdigest()
        day = start + timedelta(days=rng.randrange(365))
        article = Article(article_id, text, digest, title=f"Report {number}", published=datetime(day.year, day.month, day.day))
        source = SourceRef(article_id, article.title, article.published.isoformat(), None, digest)
        events = []
        for position in range(per_article):
            template = rng.choice(base)
            event_id = hashlib.sha1(f"{article_id}|{position}".encode()).hexdigest()[:16]
            events.append(replace(template, id=event_id, date=day, sources=(source,)))
        yield article, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--events-per-article", type=int, default=1)
    args = parser.parse_args()

    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as folder:
        store_path = Path(folder) / "events.gpkg"
        items = list(synthetic(args.articles, args.events_per_article))
        started = time.perf_counter()
        with EventStore.open(store_path, create=True) as store:
            for article, events in items:
                store.add(article, [], events, gazetteer_source_hash="bench")
            added = time.perf_counter() - started
            rows.append((f"add {args.articles:,} articles ({args.articles * args.events_per_article:,} events), "
                         "one transaction each", added, f"{added / args.articles * 1000:.2f} ms/article"))
            started = time.perf_counter()
            again = sum(store.is_unchanged(article) for article, _ in items)
            rows.append((f"re-run: recognise {again:,} unchanged articles", time.perf_counter() - started, ""))
            started = time.perf_counter()
            events = store.events()
            rows.append(("merge all stored events (merge_events) + corrections", time.perf_counter() - started,
                         f"{len(events):,} merged events"))
            features = [feature(e) for e in events]
            started = time.perf_counter()
            store.refresh_layer(features)
            rows.append(("rewrite the store's events layer", time.perf_counter() - started,
                         f"{store_path.stat().st_size / 1e6:.1f} MB store"))
            provenance = store.provenance()
        for fmt in FORMATS:
            out = Path(folder) / f"export-{fmt}{SUFFIXES[fmt]}"
            started = time.perf_counter()
            write_export(features, out, fmt, provenance=provenance)
            rows.append((f"export {fmt}", time.perf_counter() - started, f"{out.stat().st_size / 1e6:.1f} MB"))

    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'seconds':>8}  note")
    print(f"{'-' * width}  {'-' * 8}  ----")
    for step, seconds, note in rows:
        print(f"{step:<{width}}  {seconds:>8.2f}  {note}")


if __name__ == "__main__":
    sys.exit(main())

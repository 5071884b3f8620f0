"""The commands that read articles: ``run`` (events, the map and the GeoJSON), ``geoparse`` and ``extract``."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import click

from geomap.cli.base import (EXIT_PARTIAL, Reporter, _inputs, _note_stale, _open_store, _pipeline, any_language_option, cli,
                             extraction_options, jobs_option, map_options, max_mb_option, model_option, online_options)
from geomap.render.selection import MAP_EVENTS


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Folder for events.geojson and map.html.")
@map_options
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A GeoPackage event store to add the articles to (created if missing); "
                   "the outputs then show every event in the store.")
@click.option("--reprocess", is_flag=True,
              help="With --store: extract again the given articles another geomap or gazetteer extracted "
                   "(corrections follow their events).")
@extraction_options
@click.option("--map-events", type=click.IntRange(min=1), default=MAP_EVENTS, show_default=True, metavar="N",
              help="Events the map shows at most; past that, the most recent located ones (events.geojson and "
                   "the store keep them all).")
@online_options
def run(inputs: tuple[str, ...], out_dir: Path, title: str, cdn: bool, no_tiles: bool, store_path: Path | None,
        reprocess: bool, model: str | None, event_typing: str, event_linking: str, max_article_mb: float,
        any_language: bool, jobs: int, dask: str | None, spill_after: int | None, map_events: int,
        online: str | None, online_url: str | None) -> None:
    """Extract events from articles and write events.geojson and map.html.

    With no INPUTS, runs on the bundled example articles. With --store, the articles are added
    to the store (articles already stored with the same text are skipped, changed ones replace
    their earlier events) and the outputs are rendered from everything in it.

    \b
    Examples:
      geomap run
      geomap run articles/ feed.jsonl --out outputs/
      geomap run today/ --store events.gpkg --out outputs/
    """
    from rich.console import Console
    from rich.progress import Progress

    from geomap.ingest import read_articles
    from geomap.pipeline import RunResult
    from geomap.exports.store import LayerWriter

    reporter = Reporter()
    pipeline = _pipeline(model, jobs, online, online_url, dask, event_typing, event_linking, spill_after)
    articles = read_articles(_inputs(inputs), on_error=reporter, max_bytes=int(max_article_mb * 1024 * 1024),
                             english_only=not any_language)
    console = Console(stderr=True)
    store = _open_store(store_path, create=True) if store_path else None
    result = RunResult(events=[])
    try:
        with ExitStack() as stack:
            with Progress(console=console, transient=True, disable=not console.is_terminal) as progress:
                task = progress.add_task("articles", total=None)
                events = stack.enter_context(pipeline.merging(
                    articles, result, on_error=reporter, progress=lambda n: progress.advance(task, n), store=store,
                    reprocess=reprocess))
            if result.articles_read == 0 and result.articles_unchanged == 0:
                # Nothing was read: keep the previous outputs rather than replacing them with an empty map.
                raise click.ClickException(f"no article could be read; nothing written to {out_dir}")
            # The merged events are written as they come (a run may have millions): events.geojson, the
            # store's layer, and the map, which shows up to --map-events of them.
            layer = stack.enter_context(LayerWriter(store)) if store is not None else None
            written = pipeline.write_outputs(result, out_dir, title=title, cdn=cdn, tiles=not no_tiles, events=events,
                                             provenance=store.provenance() if store is not None else None,
                                             layer=layer, map_events=map_events)
        if store is not None:
            _note_stale(store, store_path, pipeline.makers())
    finally:
        if store is not None:
            store.close()
    if store is not None:
        click.echo(f"store {store_path}: {result.articles_read - result.articles_replaced} articles added, "
                   f"{result.articles_replaced} replaced, {result.articles_unchanged} unchanged (skipped)")
        written.insert(0, store_path)
    _summary(result, written, reporter)
    if reporter.problems:
        sys.exit(EXIT_PARTIAL)


def _summary(result, written: list[Path], reporter: Reporter) -> None:
    located = result.located_count
    unchanged = getattr(result, "articles_unchanged", 0)
    skipped = f" ({unchanged} unchanged in the store, skipped)" if unchanged else ""
    others = f", other files skipped: {len(reporter.skipped)}" if reporter.skipped else ""
    click.echo(f"articles read: {result.articles_read + unchanged}{skipped}, failed: {len(reporter.problems)}{others}")
    click.echo(f"places found: {result.places_found}, unresolved: {sum(result.unresolved.values())}")
    if result.unresolved:
        names = ", ".join(f"{name} ({count})" for name, count in result.unresolved.most_common(20))
        click.echo(f"  unresolved names (add them to the gazetteer): {names}")
    click.echo(f"events: {result.event_count} ({located} located, {result.event_count - located} without a place)")
    for event_type, count in sorted(result.events_by_type.items(), key=lambda item: (-item[1], item[0])):
        click.echo(f"  {event_type}: {count}")
    for path in written:
        click.echo(f"wrote {path}")
    if result.map_note:
        click.echo(f"the map shows {result.map_note}; raise --map-events to show more")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--gold-spans", is_flag=True,
              help="Resolve the character spans given in each record's 'spans' field instead of recognising (benchmarks).")
@model_option
@max_mb_option
@any_language_option
@jobs_option
@online_options
def geoparse(inputs: tuple[str, ...], output_format: str, gold_spans: bool, model: str | None, max_article_mb: float,
             any_language: bool, jobs: int, online: str | None, online_url: str | None) -> None:
    """Print each article's place mentions as one JSON line.

    \b
    Example:
      geomap geoparse ../shared/eval/geoparse/lgl.jsonl > lgl.out.jsonl

    Each line: {"id", "toponyms": [{"start", "end", "surface", "name", "geonameid", "lat", "lon",
    "country_code", "kind", "usage", "confidence"}]}, offsets into the article text.
    """
    from geomap.ingest import read_articles
    from geomap.pipeline import toponym_record

    reporter = Reporter()
    pipeline = _pipeline(model, jobs, online, online_url)
    articles = read_articles(_inputs(inputs), on_error=reporter, max_bytes=int(max_article_mb * 1024 * 1024),
                             english_only=not any_language)
    spans_by_id = _gold_spans(inputs) if gold_spans else {}
    if gold_spans:
        for article in articles:
            toponyms = pipeline.geoparser.spans_to_toponyms(article.text, spans_by_id.get(article.id, []))
            click.echo(json.dumps({"id": article.id, "toponyms": [toponym_record(t) for t in toponyms]}))
    else:
        for item in pipeline.geoparse(articles, on_error=reporter, candidates=False):
            records = [toponym_record(t) for t in item.toponyms]
            click.echo(json.dumps({"id": item.article.id, "toponyms": records}, ensure_ascii=False))
    if reporter.problems:
        sys.exit(EXIT_PARTIAL)


def _gold_spans(inputs: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for name in inputs:
        with open(name, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    key = str(record.get("id") or record.get("doc_id"))
                    spans[key] = [tuple(s) for s in record.get("spans", [])]
    return spans


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["jsonl", "geojson"]), default="jsonl", show_default=True,
              help="jsonl: one GeoJSON Feature per line; geojson: one FeatureCollection.")
@extraction_options
def extract(inputs: tuple[str, ...], output_format: str, model: str | None, event_typing: str, event_linking: str,
            max_article_mb: float, any_language: bool, jobs: int, dask: str | None, spill_after: int | None) -> None:
    """Print the events of the articles (merged across articles).

    \b
    Examples:
      geomap extract articles/ > events.jsonl
      geomap extract articles/ --format geojson > events.geojson
    """
    from geomap.exports.geojson import dumps, feature, feature_collection
    from geomap.ingest import read_articles
    from geomap.pipeline import RunResult

    reporter = Reporter()
    pipeline = _pipeline(model, jobs, dask=dask, event_typing=event_typing, event_linking=event_linking,
                         spill_after=spill_after)
    articles = read_articles(_inputs(inputs), on_error=reporter, max_bytes=int(max_article_mb * 1024 * 1024),
                             english_only=not any_language)
    events = pipeline.merged_events(articles, RunResult(events=[]), on_error=reporter)
    if output_format == "geojson":
        click.echo(dumps(feature_collection(list(events), provenance=pipeline.provenance())), nl=False)
    else:
        for event in events:  # printed as the merge gives them, never all held at once
            click.echo(json.dumps(feature(event), ensure_ascii=False))
    if reporter.problems:
        sys.exit(EXIT_PARTIAL)

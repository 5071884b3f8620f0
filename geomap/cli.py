"""geomap's command line: a thin layer over :mod:`geomap.pipeline`.

Exit codes: 0 every input processed; 1 some inputs failed (the rest were processed and
written) or a fatal error such as an unwritable output folder; 2 usage errors (click's own).
Library errors become one-line messages in one place, :class:`GeomapGroup`, never tracebacks.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import click

from geomap.version import __version__
from geomap.errors import GeomapError, SkippedInput
from geomap.render.selection import MAP_EVENTS

EXIT_PARTIAL = 1


class Reporter:
    """Collects per-input problems and prints each as one line on stderr.

    A file in a folder that is not an article (an image, a spreadsheet) is a notice, not a problem:
    printed as "skipped:" and counted in ``skipped``, without failing the run.
    """

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.skipped: list[str] = []

    def __call__(self, error: GeomapError) -> None:
        if isinstance(error, SkippedInput):
            self.skipped.append(error.path)
            click.echo(f"skipped: {error}", err=True)
            return
        self.problems.append(str(error))
        click.echo(f"error: {error}", err=True)


def _inputs(inputs: Sequence[str]) -> list[Path]:
    from geomap.ingest import bundled_examples

    return [Path(i) for i in inputs] if inputs else bundled_examples()


def _pipeline(model: str | None, jobs: int = 1, online: str | None = None, online_url: str | None = None,
              dask: str | None = None, event_typing: str = "both", event_linking: str = "both",
              spill_after: int | None = None):
    import os

    from geomap.gazetteer.online import enable_online
    from geomap.gazetteer.store import Gazetteer
    from geomap.pipeline import Pipeline

    gazetteer = Gazetteer.open(notify=lambda message: click.echo(message, err=True))
    if online is not None:
        if jobs != 1:
            # Worker processes open their own gazetteer without the fallback; one process asks, once per name.
            click.echo("--online: running in one process (--jobs ignored)", err=True)
            jobs = 1
        enable_online(gazetteer, online, online_url, notify=lambda message: click.echo(f"warning: {message}", err=True))
        if dask is not None:
            click.echo("--online: running in one process (--dask ignored)", err=True)
            dask = None
    if dask == "local" and click.get_current_context().get_parameter_source("jobs") == click.core.ParameterSource.DEFAULT:
        jobs = 0  # a LocalCluster with one worker per core unless --jobs says otherwise
    extra = {} if spill_after is None else {"spill_after": spill_after}
    jobs = jobs or os.cpu_count() or 1
    runner = None
    if dask is not None:
        from geomap.distributed import DaskCluster

        runner = DaskCluster(dask, workers=jobs)
    elif jobs > 1:
        from geomap.parallel import WorkerProcesses

        runner = WorkerProcesses(jobs)
    return Pipeline(gazetteer, model=model, runner=runner, event_typing=event_typing, event_linking=event_linking,
                    **extra)


def online_options(command):
    """--online and --online-url, for the commands that resolve places."""
    command = click.option(
        "--online-url", default=None, metavar="URL",
        help="The Nominatim service to ask (default: $GEOMAP_NOMINATIM_URL, else nominatim.openstreetmap.org); "
             "point it at your own Nominatim.")(command)
    return click.option(
        "--online", type=click.Choice(["nominatim"]), default=None,
        help="Ask an online geocoder for names the gazetteer cannot resolve, once per name (answers are cached). "
             "This tells the service which places you are looking at.")(command)


model_option = click.option("--model", default=None, metavar="NAME",
                            help="An installed spaCy pipeline whose NER is fused with gazetteer matching.")
jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
                           help="Worker processes (0: one per core); the output is the same as with one.")
dask_option = click.option(
    "--dask", metavar="ADDRESS", default=None,
    help="Run on a Dask cluster: its scheduler's address (tcp://host:8786), or 'local' for a LocalCluster of "
         "--jobs single-threaded worker processes (default one per core); needs 'geomap[dask]'.")
spill_option = click.option(
    "--spill-after", type=click.IntRange(min=0), default=None, metavar="EVENTS",
    help="Events held in memory before the merge across articles goes to a temporary file in the system's temp "
         "folder (the result is the same) [default: 10,000, about 40 MB]; lower it if memory is short.")
event_typing_option = click.option(
    "--event-typing", type=click.Choice(["both", "rules", "model"]), default="both", show_default=True,
    help="Who decides event types: the trigger rules with the trained classifier (both), the rules alone, "
         "or the classifier alone (see the README's 'Event types').")
event_linking_option = click.option(
    "--event-linking", type=click.Choice(["both", "rules", "model"]), default="both", show_default=True,
    help="Who decides where events happened: the locative rules with the trained linker (both), the rules "
         "alone, or the linker alone (see the README's 'Events on real news').")
any_language_option = click.option(
    "--any-language", is_flag=True,
    help="Also process articles detected as not English (geomap's pipeline is English: expect poor results).")
max_mb_option = click.option("--max-article-mb", type=float, default=20.0, show_default=True,
                             help="Refuse text files larger than this (in MB).")


def map_options(command):
    """--title, --cdn and --no-tiles, shared by the commands that write a map."""
    command = click.option("--no-tiles", "no_tiles", is_flag=True,
                           help="Leave out the OpenStreetMap tiles: the map then makes no network request at all.")(command)
    command = click.option("--cdn", is_flag=True, help="Link Leaflet & co. from folium's CDNs instead of inlining them "
                                                       "(small file; needs a connection).")(command)
    return click.option("--title", default="geomap", show_default=True, help="Title shown on the map.")(command)


class GeomapGroup(click.Group):
    """Turns geomap's own errors into clean one-line CLI errors, in this one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GeomapError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=GeomapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
def cli() -> None:
    """Turn news articles about armed conflict into a map of events, offline.

    \b
    Examples:
      geomap run                         # the bundled example articles -> outputs/
      geomap run articles/ --out today/  # a folder of .txt/.jsonl/.json/.html files
      geomap geoparse corpus.jsonl       # place mentions, one JSON line per article
      geomap extract articles/ --format geojson > events.geojson
    """


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
@model_option
@event_typing_option
@event_linking_option
@max_mb_option
@any_language_option
@jobs_option
@dask_option
@spill_option
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
@model_option
@event_typing_option
@event_linking_option
@max_mb_option
@any_language_option
@jobs_option
@dask_option
@spill_option
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


@cli.group(cls=GeomapGroup)
def gazetteer() -> None:
    """Build and query the offline gazetteer cache."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the cache (default: gazetteer/ in a checkout, else the user cache folder).")
def gazetteer_build(path: Path | None) -> None:
    """Build the gazetteer cache from the installed sources (under a minute).

    \b
    Example:
      geomap gazetteer build
    """
    from geomap.gazetteer.build import build
    from geomap.gazetteer.store import default_cache_path

    target = path or default_cache_path()
    timings = build(target)
    counts = ", ".join(f"{k}: {int(v)}" for k, v in timings.items() if k != "seconds")
    click.echo(f"built {target} in {timings['seconds']:.1f} s ({counts})")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--context", default=None, help="A sentence around the name: cue words and co-mentioned places count.")
@click.option("--limit", default=10, show_default=True)
def gazetteer_lookup(name: str, context: str | None, limit: int) -> None:
    """Print the ranked candidates for NAME and the parts of each score.

    \b
    Examples:
      geomap gazetteer lookup Kharkov
      geomap gazetteer lookup Kursk --context "Sudzha, the Kursk region of Russia"
    """
    from geomap.gazetteer.store import Gazetteer
    from geomap.geoparser import Geoparser
    from geomap.records import Mention

    store = Gazetteer.open(notify=lambda message: click.echo(message, err=True))
    geoparser = Geoparser(store)
    candidates = []
    if context:
        # Resolve the name as it stands in the context: its cue words and neighbours count. A context
        # that does not contain the name is the article around it: the name is added after it.
        text = context if name in context else f"{context.rstrip()} In {name}."
        if name not in context:
            click.echo(f"the context does not contain {name!r}: resolving it as a place the same text names", err=True)
        matching = [t for t in geoparser.parse(text) if t.mention.surface == name]
        candidates = list(matching[0].candidates) if matching else []
        if not matching:
            click.echo(f"{name!r} is not read as a place in that context; its ranking without context:", err=True)
    if not candidates:
        candidates = geoparser.resolver.rank(Mention(0, len(name), name, 0, len(name)), None, set())
    if not candidates:
        click.echo(f"no place called {name!r} in the gazetteer", err=True)
        sys.exit(EXIT_PARTIAL)
    for rank, candidate in enumerate(candidates[:limit], 1):
        place = candidate.place
        click.echo(f"{rank}. {place.name} [{place.kind.value}] {place.country_code or ''} {place.admin1_code or ''} "
                   f"pop {place.population} ({place.lat:.4f}, {place.lon:.4f}) {place.id}  score {candidate.score:.2f}")
        click.echo("     " + ", ".join(f"{label} {value:+.2f}" for label, value in candidate.parts))


user_layer_option = click.option(
    "--user-layer", "user_layer", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The user layer file (default: $GEOMAP_USER_PLACES, else user-places.sqlite in the user data folder).")


@gazetteer.command("add")
@click.argument("name")
@click.argument("lat", type=float)
@click.argument("lon", type=float)
@click.option("--kind", type=click.Choice(["place", "landmark", "admin2", "admin1", "region", "water", "country"]),
              default="place", show_default=True, help="landmark: a building, power plant, base or bridge.")
@click.option("--country", default=None, metavar="CC", help="ISO 3166-1 alpha-2 code of its country.")
@click.option("--admin1", default=None, metavar="CODE", help="Its first-level region, GeoNames-style (UA.21, or 21 with --country).")
@click.option("--alias", "aliases", multiple=True, metavar="NAME", help="Another name it goes by (repeatable).")
@click.option("--population", type=int, default=0, show_default=True)
@click.option("--prefer", is_flag=True, help="Outrank bundled places of the same name.")
@user_layer_option
def gazetteer_add(name: str, lat: float, lon: float, kind: str, country: str | None, admin1: str | None,
                  aliases: tuple[str, ...], population: int, prefer: bool, user_layer: Path | None) -> None:
    """Add a place to your user layer; the next run recognises and resolves it.

    User places live in a file of their own, so rebuilding the gazetteer never loses them.

    \b
    Examples:
      geomap gazetteer add "Zaporizhzhia NPP" 47.5119 34.5858 --kind landmark --country UA --alias ZNPP
      geomap gazetteer add Novomykhailivka 47.83 37.28 --country UA --admin1 UA.05 --prefer
    """
    from geomap.gazetteer.user import UserLayer

    with UserLayer(user_layer) as layer:
        place = layer.add(name, lat, lon, kind=kind, country_code=country, admin1_code=admin1, aliases=aliases,
                          population=population, prefer=prefer)
    click.echo(f"added {place.name} [{place.kind.value}] ({place.lat:.4f}, {place.lon:.4f}) {place.id}"
               f"{' (preferred)' if prefer else ''} to {layer.path}")


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--prefer", is_flag=True, help="CSV/GeoJSON: the imported places outrank bundled namesakes.")
@user_layer_option
@click.option("--into", "into", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="GeoNames dumps: the layer file to write (default: $GEOMAP_GEONAMES, else geonames-import.sqlite "
                   "in the user data folder).")
def gazetteer_import(files: tuple[Path, ...], prefer: bool, user_layer: Path | None, into: Path | None) -> None:
    """Import your own places (CSV, GeoJSON) or GeoNames dumps (.txt or .zip).

    CSV columns: name, lat, lon and optionally kind, country, admin1, aliases (|-separated),
    population, prefer. GeoJSON: Point features with a "name" property (and the same optional ones).
    GeoNames: allCountries, cities500 (any cities*), admin1CodesASCII, admin2Codes and
    alternateNamesV2, read line by line into a layer of their own; import the places first.

    \b
    Examples:
      geomap gazetteer import my-places.csv
      geomap gazetteer import allCountries.zip alternateNamesV2.zip
    """
    from geomap.gazetteer import geonames_import
    from geomap.gazetteer.user import UserLayer

    for path in files:
        if geonames_import.dump_kind(path) is not None:
            counts = geonames_import.import_dump(path, into)
            click.echo(f"imported {path} into {counts.pop('layer')}: "
                       + ", ".join(f"{key} {value}" for key, value in counts.items()))
        else:
            with UserLayer(user_layer) as layer:
                added = layer.import_file(path, prefer=prefer)
            click.echo(f"imported {len(added)} places from {path} into {layer.path}")


@gazetteer.command("list")
@click.option("--online", "online_only", is_flag=True, help="List the cached online answers instead.")
@user_layer_option
def gazetteer_list(online_only: bool, user_layer: Path | None) -> None:
    """List the places of your user layer (or the cached online answers).

    \b
    Example:
      geomap gazetteer list
    """
    from geomap.gazetteer.user import UserLayer

    with UserLayer(user_layer) as layer:
        if online_only:
            for row in layer.online_answers():
                click.echo(f"{row['query']}: {row['place_id'] or 'not found'}  [{row['service']}, {row['answered_at']}]")
            return
        entries = layer.places()
    for entry in entries:
        place = entry.place
        aliases = f" aka {', '.join(entry.aliases)}" if entry.aliases else ""
        click.echo(f"{place.id}  {place.name} [{place.kind.value}] {place.country_code or ''} {place.admin1_code or ''} "
                   f"({place.lat:.4f}, {place.lon:.4f}){aliases}{' preferred' if entry.preferred else ''}  "
                   f"source: {place.source}, added {entry.added_at}")
    if not entries:
        click.echo("no user places", err=True)


@gazetteer.command("remove")
@click.argument("names", nargs=-1, required=True)
@user_layer_option
def gazetteer_remove(names: tuple[str, ...], user_layer: Path | None) -> None:
    """Remove places from your user layer, by name or id (as `geomap gazetteer list` shows).

    \b
    Example:
      geomap gazetteer remove "Zaporizhzhia NPP"
    """
    from geomap.gazetteer.user import UserLayer

    with UserLayer(user_layer) as layer:
        for name in names:
            removed = layer.remove(name)
            if not removed:
                raise click.ClickException(f"no user place called {name!r} in {layer.path}")
            click.echo(f"removed {', '.join(removed)}")


def _open_store(path: Path, *, create: bool = False):
    from geomap.exports.store import EventStore

    return EventStore.open(path, create=create)


def _makers() -> tuple[str, str]:
    """This install's (gazetteer source hash, extractor hash), without opening the gazetteer."""
    from geomap.fingerprint import extractor_hash
    from geomap.gazetteer.build import source_hash

    return source_hash(), extractor_hash()


def _note_stale(store, store_path: Path, makers: tuple[str, str]) -> None:
    """Say when some stored events were made by another geomap or gazetteer, and what to do."""
    stale = store.stale_ids(*makers)
    if stale:
        click.echo(f"note: {len(stale)} article(s) in {store_path} were extracted by another geomap or gazetteer; "
                   f"`geomap store upgrade {store_path}` extracts them again (corrections are kept)", err=True)


@cli.group("store", cls=GeomapGroup)
def store_group() -> None:
    """Inspect and upgrade an event store."""


@store_group.command("info")
@click.argument("store_path", metavar="STORE", type=click.Path(dir_okay=False, path_type=Path))
def store_info(store_path: Path) -> None:
    """Print the store's schema, articles, corrections and whether this geomap made its events.

    \b
    Example:
      geomap store info events.gpkg
    """
    with _open_store(store_path) as store:
        makers = _makers()
        stale = store.stale_ids(*makers)
        textless = sum(1 for has_text in stale.values() if not has_text)
        click.echo(f"store {store_path}: schema {store.schema_version}, {store.article_count()} articles, "
                   f"{len(store.corrections())} corrections")
        click.echo(f"extracted by this geomap and gazetteer: {store.article_count() - len(stale)}; "
                   f"by another: {len(stale)} ({textless} stored without their text)")


@store_group.command("upgrade")
@click.argument("store_path", metavar="STORE", type=click.Path(dir_okay=False, path_type=Path))
@model_option
@event_typing_option
@event_linking_option
@jobs_option
def store_upgrade(store_path: Path, model: str | None, event_typing: str, event_linking: str, jobs: int) -> None:
    """Extract again, with this geomap and gazetteer, the stored articles another one extracted.

    Each article is re-extracted from the text the store keeps; the analyst's corrections follow
    the events they were made on. Articles stored by a geomap that did not keep their text are
    listed: give their files to `geomap run FILES --store STORE --reprocess`.

    \b
    Example:
      geomap store upgrade events.gpkg
    """

    if not store_path.exists():
        raise click.ClickException(f"{store_path}: no such store")
    reporter = Reporter()
    pipeline = _pipeline(model, jobs, event_typing=event_typing, event_linking=event_linking)
    with _open_store(store_path) as store:
        corrections = len(store.corrections())
        upgrade = pipeline.upgrade(store, on_error=reporter, keep_events=False)
        count = store.refresh_layer() if upgrade.reextracted else None
        click.echo(f"store {store_path}: {upgrade.reextracted} articles extracted again"
                   + (f", {count} events" if count is not None else "") + f"; {corrections} corrections kept")
        if upgrade.without_text:
            shown = ", ".join(upgrade.without_text[:10]) + (" …" if len(upgrade.without_text) > 10 else "")
            click.echo(f"{len(upgrade.without_text)} article(s) were stored without their text ({shown}): "
                       f"`geomap run FILES --store {store_path} --reprocess` extracts them again from their files")
    if reporter.problems:
        sys.exit(EXIT_PARTIAL)


def _date(ctx: click.Context, param: click.Parameter, value: str | None):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date like 2025-03-19, got {value!r}") from None


def _bbox(ctx: click.Context, param: click.Parameter, value: str | None):
    from geomap.exports.filters import parse_bbox

    if value is None:
        return None
    try:
        return parse_bbox(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _countries(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes from codes or country names ("Pakistan" -> PK), saying what it understood."""
    from geomap.gazetteer.store import Gazetteer
    from geomap.gazetteer.typed import country_code

    codes = []
    gazetteer = None
    for value in values:
        text = value.strip()
        if len(text) == 2 and text.isalpha():
            codes.append(text.upper())
            continue
        if gazetteer is None:
            gazetteer = Gazetteer.open()  # opened once, and only when a name needs it
        understood = country_code(gazetteer, text)
        if understood is None:
            raise click.BadParameter(f"no country called {text!r} (give a name such as Pakistan or an ISO code such as PK)")
        click.echo(f"--country {text}: {understood[1]} ({understood[0]})", err=True)
        codes.append(understood[0])
    return tuple(codes)


def filter_options(command):
    """The event filters ``export`` and ``map`` share."""
    options = [
        click.option("--type", "types", multiple=True, metavar="TYPE", help="Keep this event type (repeatable)."),
        click.option("--status", "statuses", multiple=True, metavar="STATUS",
                     help="Keep this status: happened, planned, claimed, denied, hypothetical, background (repeatable)."),
        click.option("--since", callback=_date, metavar="DATE", help="Keep events on or after this date (drops undated)."),
        click.option("--until", callback=_date, metavar="DATE", help="Keep events on or before this date (drops undated)."),
        click.option("--country", "countries", multiple=True, metavar="COUNTRY", callback=_countries,
                     help="Keep events in this country: a name (Pakistan) or an ISO 3166-1 alpha-2 code (PK); repeatable."),
        click.option("--bbox", callback=_bbox, metavar="W,S,E,N",
                     help="Keep located events inside min_lon,min_lat,max_lon,max_lat."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, help="Keep events at least this confident."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filtered(source: Path, types, statuses, since, until, countries, bbox, min_confidence):
    """The features of ``source`` that pass the filters, and the source's provenance."""
    from geomap.events.taxonomy import load_taxonomy
    from geomap.exports import EventFilter, read_features

    unknown = sorted(set(types) - set(load_taxonomy().ids))
    if unknown:
        raise click.BadParameter(f"unknown event type {unknown[0]!r} (known: {', '.join(load_taxonomy().ids)})",
                                 param_hint="--type")
    features, provenance = read_features(source)
    from geomap.exports.store import is_store

    if is_store(source):
        with _open_store(source) as store:
            _note_stale(store, source, _makers())
    chosen = EventFilter(frozenset(types), frozenset(statuses), since, until, frozenset(c.upper() for c in countries),
                         bbox, min_confidence)
    return chosen.apply(features), provenance


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "-o", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write; its suffix picks the format unless --format is given.")
@click.option("--format", "output_format", type=click.Choice(["geojson", "gpkg", "parquet", "csv", "acled", "kml"]),
              default=None, help="geojson (RFC 7946), gpkg (GeoPackage), parquet (GeoParquet), csv (the same columns "
                                 "as a table), acled (ACLED's columns; by default events that happened or were claimed), kml.")
@filter_options
def export(source: Path, out_path: Path, output_format: str | None, **filters) -> None:
    """Write the events of a store or a run's events.geojson to another format, filtered.

    \b
    Examples:
      geomap export events.gpkg -o events.csv                       # the GeoJSON's columns, flat
      geomap export events.gpkg -o acled.csv --format acled         # ACLED's columns
      geomap export events.gpkg -o strikes.gpkg --type drone_strike --since 2025-03-01
      geomap export outputs/events.geojson -o ukraine.parquet --country UA --min-confidence 0.7
      geomap export events.gpkg -o area.kml --bbox 30,46,40,52
    """
    from geomap.exports import write_export
    from geomap.exports.formats import ACLED_STATUSES, SUFFIXES

    if output_format is None:
        by_suffix = {suffix: name for name, suffix in SUFFIXES.items() if name != "acled"} | {".json": "geojson"}
        output_format = by_suffix.get(out_path.suffix.lower())
        if output_format is None:
            raise click.BadParameter(f"cannot tell the format from {out_path.name!r}; give --format", param_hint="--out")
    if output_format == "acled" and not filters["statuses"]:
        filters["statuses"] = ACLED_STATUSES
        click.echo(f"--format acled: events {' or '.join(ACLED_STATUSES)} (the status column flags claimed ones; "
                   f"--status chooses others)", err=True)
    features, provenance = _filtered(source, **filters)
    written = write_export(features, out_path, output_format, provenance=provenance)
    click.echo(f"{len(features)} events")
    for path in written:
        click.echo(f"wrote {path}")


@cli.command("map")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "-o", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("map.html"),
              show_default=True, help="The map file to write.")
@map_options
@filter_options
def map_command(source: Path, out_path: Path, title: str, cdn: bool, no_tiles: bool, **filters) -> None:
    """Render a map from a store, a run's events.geojson or an export, filtered.

    \b
    Examples:
      geomap map events.gpkg -o march.html --since 2025-03-01 --until 2025-03-31
      geomap map outputs/events.geojson -o strikes.html --type drone_strike --type missile_strike
    """
    from geomap.exports.geojson import feature_collection
    from geomap.render.map import write_map

    features, provenance = _filtered(source, **filters)
    collection = feature_collection([], provenance=provenance)
    collection["features"] = list(features)
    written = write_map(collection, out_path, title=title, cdn=cdn, tiles=not no_tiles, gazetteer=_cached_gazetteer())
    click.echo(f"{len(features)} events")
    click.echo(f"wrote {written}")


def _cached_gazetteer():
    """The gazetteer cache when it is built and current, for the map's town labels; never built here
    (a map of a store or an export needs no gazetteer: without one it names countries and the events' places)."""
    from geomap.gazetteer.store import Gazetteer, check_cache, default_cache_path

    path = default_cache_path()
    if check_cache(path) is not None:
        click.echo(f"note: no gazetteer cache at {path}; the map names countries and the events' places only "
                   "(`geomap gazetteer build` adds towns and regions)", err=True)
        return None
    return Gazetteer(path)


@cli.command()
@click.argument("store_path", metavar="STORE", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("event_ids", nargs=-1, metavar="EVENT_ID...")
@click.option("--wrong", is_flag=True, help="The event did not happen (or is not an event): leave it out of outputs.")
@click.option("--type", "event_type", default=None, metavar="TYPE", help="Set the event type (a taxonomy id).")
@click.option("--place", default=None, metavar="PLACE",
              help="Move the event: a gazetteer id (geonames:703448), a name, 'Name, Country', or LAT,LON. "
                   "A name places in several countries share is refused with the list of them.")
@click.option("--note", default=None, help="Why: kept with the correction.")
@click.option("--undo", is_flag=True, help="Remove the event's corrections.")
@click.option("--file", "edit_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help='An edit file: one JSON object a line, {"id": ..., "wrong": true | "type": ... | "place": ..., "note": ...}.')
@click.option("--list", "list_only", is_flag=True, help="Print the store's corrections.")
def correct(store_path: Path, event_ids: tuple[str, ...], wrong: bool, event_type: str | None, place: str | None,
            note: str | None, undo: bool, edit_file: Path | None, list_only: bool) -> None:
    """Correct events in a store; corrections are kept and reapplied on every later run.

    EVENT_ID is the id outputs show (the GeoJSON feature id, the CSV's event_id_cnty).

    \b
    Examples:
      geomap correct events.gpkg 29258cc11566d7b7 --wrong --note "a 2022 photo"
      geomap correct events.gpkg 29258cc11566d7b7 --type missile_strike
      geomap correct events.gpkg 29258cc11566d7b7 --place "Sumy"
      geomap correct events.gpkg 29258cc11566d7b7 --place "Georgia, US"
      geomap correct events.gpkg --file edits.jsonl
      geomap correct events.gpkg --list
    """
    if not store_path.exists():
        raise click.ClickException(f"{store_path}: no such store")
    store = _open_store(store_path)
    try:
        if list_only:
            for correction in store.corrections():
                reason = f" ({correction.note})" if correction.note else ""
                click.echo(f"{correction.event_id}: {correction.describe()}{reason}  [{correction.corrected_at}]")
            return
        edits = [{"id": i, "wrong": wrong, "type": event_type, "place": place, "note": note} for i in event_ids]
        if edit_file is not None:
            edits += _edit_file(edit_file)
        if not edits:
            raise click.UsageError("give EVENT_ID... with --wrong/--type/--place/--undo, or --file, or --list")
        gazetteer = None
        current: dict = {}  # event id -> its place now: settles a name its country shares with no other
        for edit in edits:
            target = None
            if edit.get("place"):
                if gazetteer is None:
                    from geomap.gazetteer.store import Gazetteer

                    gazetteer = Gazetteer.open(notify=lambda message: click.echo(message, err=True))
                    current = {e.id: e.place for e in store.events(corrected=False)}
                from geomap.gazetteer.typed import typed_place

                target = typed_place(gazetteer, str(edit["place"]), near=current.get(str(edit["id"])))
            if not (edit.get("wrong") or edit.get("type") or target or undo or edit.get("undo")):
                raise click.UsageError(f"nothing to change for {edit['id']}: give --wrong, --type, --place or --undo")
            done = store.correct(str(edit["id"]), wrong=bool(edit.get("wrong")), event_type=edit.get("type"),
                                 place=target, note=edit.get("note"), undo=undo or bool(edit.get("undo")))
            changes = ", ".join(c.describe() for c in done) or "corrections removed"
            click.echo(f"{edit['id']}: {changes}")
        count = store.refresh_layer()
        click.echo(f"store {store_path}: {count} events")
    finally:
        store.close()


def _edit_file(path: Path) -> list[dict]:
    from geomap.errors import InputError

    edits = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read ({getattr(error, 'strerror', None) or error})") from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            edit = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:line {number}", f"invalid JSON ({error.msg})") from error
        if not isinstance(edit, dict) or not edit.get("id"):
            raise InputError(f"{path}:line {number}", 'expected {"id": ..., "wrong"/"type"/"place": ...}')
        edits.append(edit)
    return edits


def main() -> None:
    """Console entry point."""
    cli()


if __name__ == "__main__":
    main()

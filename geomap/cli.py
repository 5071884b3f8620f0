"""geomap's command line: a thin layer over :mod:`geomap.pipeline`.

Exit codes: 0 every input processed; 1 some inputs failed (the rest were processed and
written) or a fatal error such as an unwritable output folder; 2 usage errors (click's own).
Library errors become one-line messages in one place, :class:`GeomapGroup`, never tracebacks.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from geomap import __version__
from geomap.errors import GeomapError

EXIT_PARTIAL = 1


class Reporter:
    """Collects per-input problems and prints each as one line on stderr."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def __call__(self, error: GeomapError) -> None:
        self.problems.append(str(error))
        click.echo(f"error: {error}", err=True)


def _inputs(inputs: Sequence[str]) -> list[Path]:
    from geomap.ingest import bundled_examples

    return [Path(i) for i in inputs] if inputs else bundled_examples()


def _pipeline(model: str | None):
    from geomap.gazetteer.store import Gazetteer
    from geomap.pipeline import Pipeline

    gazetteer = Gazetteer.open(notify=lambda message: click.echo(message, err=True))
    return Pipeline(gazetteer, model=model)


model_option = click.option("--model", default=None, metavar="NAME",
                            help="An installed spaCy pipeline whose NER is fused with gazetteer matching.")
max_mb_option = click.option("--max-article-mb", type=float, default=20.0, show_default=True,
                             help="Refuse text files larger than this (in MB).")


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
@click.option("--title", default="geomap", show_default=True, help="Title shown on the map.")
@model_option
@max_mb_option
def run(inputs: tuple[str, ...], out_dir: Path, title: str, model: str | None, max_article_mb: float) -> None:
    """Extract events from articles and write events.geojson and map.html.

    With no INPUTS, runs on the bundled example articles.

    \b
    Examples:
      geomap run
      geomap run articles/ feed.jsonl --out outputs/
    """
    from rich.console import Console
    from rich.progress import Progress

    from geomap.ingest import read_articles

    reporter = Reporter()
    pipeline = _pipeline(model)
    articles = read_articles(_inputs(inputs), on_error=reporter, max_bytes=int(max_article_mb * 1024 * 1024))
    console = Console(stderr=True)
    with Progress(console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("articles", total=None)
        result = pipeline.run(articles, on_error=reporter, progress=lambda n: progress.advance(task, n))
    if result.articles_read == 0:
        # Nothing was read: keep the previous outputs rather than replacing them with an empty map.
        raise click.ClickException(f"no article could be read; nothing written to {out_dir}")
    written = pipeline.write_outputs(result, out_dir, title=title)
    _summary(result, written, reporter)
    if reporter.problems:
        sys.exit(EXIT_PARTIAL)


def _summary(result, written: list[Path], reporter: Reporter) -> None:
    located = sum(1 for e in result.events if e.place is not None)
    click.echo(f"articles read: {result.articles_read}, failed: {len(reporter.problems)}")
    click.echo(f"places found: {result.places_found}, unresolved: {sum(result.unresolved.values())}")
    if result.unresolved:
        names = ", ".join(f"{name} ({count})" for name, count in result.unresolved.most_common(20))
        click.echo(f"  unresolved names (add them to the gazetteer): {names}")
    click.echo(f"events: {len(result.events)} ({located} located, {len(result.events) - located} without a place)")
    for event_type, count in sorted(result.events_by_type.items(), key=lambda item: (-item[1], item[0])):
        click.echo(f"  {event_type}: {count}")
    for path in written:
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--gold-spans", is_flag=True,
              help="Resolve the character spans given in each record's 'spans' field instead of recognising (benchmarks).")
@model_option
@max_mb_option
def geoparse(inputs: tuple[str, ...], output_format: str, gold_spans: bool, model: str | None, max_article_mb: float) -> None:
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
    pipeline = _pipeline(model)
    articles = read_articles(_inputs(inputs), on_error=reporter, max_bytes=int(max_article_mb * 1024 * 1024))
    spans_by_id = _gold_spans(inputs) if gold_spans else {}
    if gold_spans:
        for article in articles:
            toponyms = pipeline.geoparser.spans_to_toponyms(article.text, spans_by_id.get(article.id, []))
            click.echo(json.dumps({"id": article.id, "toponyms": [toponym_record(t) for t in toponyms]}))
    else:
        for item in pipeline.process(articles, on_error=reporter):
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
@max_mb_option
def extract(inputs: tuple[str, ...], output_format: str, model: str | None, max_article_mb: float) -> None:
    """Print the events of the articles (merged across articles).

    \b
    Examples:
      geomap extract articles/ > events.jsonl
      geomap extract articles/ --format geojson > events.geojson
    """
    from geomap.export import dumps, feature, feature_collection
    from geomap.ingest import read_articles

    reporter = Reporter()
    pipeline = _pipeline(model)
    articles = read_articles(_inputs(inputs), on_error=reporter, max_bytes=int(max_article_mb * 1024 * 1024))
    result = pipeline.run(articles, on_error=reporter)
    if output_format == "geojson":
        click.echo(dumps(feature_collection(result.events, provenance=pipeline.provenance())), nl=False)
    else:
        for event in result.events:
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
    """Build the gazetteer cache from the installed sources (about 20 s).

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
    from geomap.geoparse import Geoparser
    from geomap.records import Mention

    store = Gazetteer.open(notify=lambda message: click.echo(message, err=True))
    geoparser = Geoparser(store)
    if context:
        # Resolve the name as it stands in the context: its cue words and neighbours count.
        matching = [t for t in geoparser.parse(context) if t.mention.surface == name]
        candidates = list(matching[0].candidates) if matching else []
    else:
        candidates = geoparser.resolver.rank(Mention(0, len(name), name, 0, len(name)), None, set())
    if not candidates:
        click.echo(f"no place called {name!r} in the gazetteer", err=True)
        sys.exit(EXIT_PARTIAL)
    for rank, candidate in enumerate(candidates[:limit], 1):
        place = candidate.place
        click.echo(f"{rank}. {place.name} [{place.kind.value}] {place.country_code or ''} {place.admin1_code or ''} "
                   f"pop {place.population} ({place.lat:.4f}, {place.lon:.4f}) {place.id}  score {candidate.score:.2f}")
        click.echo("     " + ", ".join(f"{label} {value:+.2f}" for label, value in candidate.parts))


def main() -> None:
    """Console entry point."""
    cli()


if __name__ == "__main__":
    main()

"""``geomap export`` and ``geomap map``: a store's or a run's events, filtered, in other formats or on a map."""

from __future__ import annotations

from pathlib import Path

import click

from geomap.cli.base import (cli, _makers, map_options, _note_stale, _open_store)


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

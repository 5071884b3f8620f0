"""``geomap gazetteer``: build the cache, look names up, and keep the user's own places."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geomap.cli.base import (EXIT_PARTIAL, cli, GeomapGroup)


@cli.group(cls=GeomapGroup)
def gazetteer() -> None:
    """Build and query the offline gazetteer cache."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the cache (default: gazetteer/ in a checkout, else the user cache folder).")
def gazetteer_build(path: Path | None) -> None:
    """Build the gazetteer cache from the installed sources (once; a minute or two).

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

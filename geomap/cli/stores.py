"""``geomap store`` (info, upgrade) and ``geomap correct``: the event store and the analyst's corrections."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from geomap.cli.base import (EXIT_PARTIAL, cli, event_linking_option, event_typing_option, GeomapGroup, jobs_option,
                             _makers, model_option, _open_store, _pipeline, Reporter)


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

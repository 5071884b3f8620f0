"""What every command shares: the ``geomap`` group (library errors become one-line CLI errors in one place,
:class:`GeomapGroup`), the per-input reporter, the common options and the pipeline and store they open."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from geomap.errors import GeomapError, SkippedInput
from geomap.version import __version__

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


def extraction_options(command):
    """The options of the commands that extract events from articles (``run`` and ``extract``): the model,
    who types and who places events, the article size and language, and how and where the work runs."""
    for option in (spill_option, dask_option, jobs_option, any_language_option, max_mb_option, event_linking_option,
                   event_typing_option, model_option):  # innermost first, so --help lists them in the usual order
        command = option(command)
    return command


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

"""The one place the stages are wired: ingest -> places -> resolve -> events -> merge -> outputs.

``Pipeline`` holds the collaborators (gazetteer, spaCy pipeline, resolver) and exposes the
three jobs the CLI and the Python API offer: geoparse, extract and run. A failing article is
reported through ``on_error`` and never stops the others.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Protocol

from spacy.tokens import Doc

from geomap.errors import GeomapError, InputError
from geomap.events import classify  # noqa: F401  (registers the trigger component)
from geomap.events.typer import MODES  # (and registers the typer component)
from geomap.events.extract import LINKING_MODES, extract_events
from geomap.events.spill import DEFAULT_SPILL_AFTER, MergeSpool
from geomap.exports.atomic import write_atomic
from geomap.exports.geojson import dumps_parts, feature, feature_collection
from geomap.exports.store import EventStore, LayerWriter
from geomap.fingerprint import extractor_hash
from geomap.gazetteer.store import Gazetteer
from geomap.geoparser import Geoparser
from geomap.records import Article, Event, Toponym, Usage
from geomap.render.selection import MAP_EVENTS, MapSelection
from geomap.version import __version__

ErrorHandler = Callable[[GeomapError], None]


@dataclass(slots=True)
class ArticleResult:
    article: Article
    toponyms: list[Toponym]
    events: list[Event]


@dataclass(slots=True)
class RunResult:
    """What a run produced, for the summary the CLI prints and for notebook users."""

    events: list[Event]
    articles_read: int = 0
    articles_failed: int = 0
    places_found: int = 0
    unresolved: Counter[str] = field(default_factory=Counter)
    files_written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # With a store: articles skipped because stored with the same text, and stored ones replaced.
    articles_unchanged: int = 0
    articles_replaced: int = 0

    # When the events were written as they came rather than kept (``geomap run``): (type, located) -> count.
    counted: Counter[tuple[str, bool]] | None = None
    map_note: str = ""  # what the map leaves out, when a run has more events than it shows

    @property
    def events_by_type(self) -> Counter[str]:
        if self.counted is None:
            return Counter(e.event_type for e in self.events)
        by_type: Counter[str] = Counter()
        for (event_type, _), count in self.counted.items():
            by_type[event_type] += count
        return by_type

    @property
    def event_count(self) -> int:
        return len(self.events) if self.counted is None else sum(self.counted.values())

    @property
    def located_count(self) -> int:
        if self.counted is None:
            return sum(1 for e in self.events if e.place is not None)
        return sum(count for (_, located), count in self.counted.items() if located)


def _per_article(
    docs: Iterable[tuple[Doc, Article]],
    on_error: ErrorHandler | None,
    work: Callable[[Doc, Article], tuple[list[Toponym], list[Event]]],
) -> Iterator[ArticleResult]:
    """Apply ``work`` to each article; a failure on odd text is reported and the others go on."""
    for doc, article in docs:
        try:
            toponyms, events = work(doc, article)
        except (ValueError, IndexError, KeyError) as error:
            report = InputError(article.path or article.id, f"could not process article {article.id!r} ({error})")
            if on_error is None:
                raise report from error
            on_error(report)
            continue
        yield ArticleResult(article, toponyms, events)


def _kept(toponyms: list[Toponym], candidates: bool) -> list[Toponym]:
    """The toponyms, without their ranked alternatives unless ``candidates``."""
    return toponyms if candidates else [replace(t, candidates=()) for t in toponyms]


def _within_length(articles: Iterable[Article], on_error: ErrorHandler | None, max_chars: int) -> Iterator[Article]:
    """Drop (and report) articles longer than the spaCy pipeline accepts, before they reach it.

    spaCy raises inside ``nlp.pipe`` for such a text, which would end the stream and lose every
    later article; checked here, only the over-long article is lost, with a message saying why.
    """
    for article in articles:
        if len(article.text) <= max_chars:
            yield article
            continue
        report = InputError(article.path or article.id,
                            f"article {article.id!r} is {len(article.text):,} characters, over the "
                            f"{max_chars:,}-character limit of one article (split it into smaller articles)")
        if on_error is None:
            raise report
        on_error(report)


@dataclass(slots=True)
class UpgradeResult:
    """What ``Pipeline.upgrade`` did to a store."""

    without_text: list[str]  # article ids stored without their text: their files must be given again
    reextracted: int = 0
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What another process needs to build the same pipeline: small and picklable (the checked gazetteer
    path, its source hash, the model name and the two modes)."""

    gazetteer_path: Path
    model: str | None = None
    event_typing: str = "both"
    event_linking: str = "both"
    source_hash: str = ""

    def build(self, gazetteer: Gazetteer | None = None) -> Pipeline:
        # The parent opened (and if needed built) the cache with Gazetteer.open: it is sound here.
        return Pipeline(gazetteer or Gazetteer(self.gazetteer_path), model=self.model, event_typing=self.event_typing,
                        event_linking=self.event_linking)


class Runner(Protocol):
    """A way of running the per-article stages somewhere else: worker processes on this machine
    (:class:`geomap.parallel.WorkerProcesses`, ``--jobs``) or a Dask cluster
    (:class:`geomap.distributed.DaskCluster`, ``--dask``). Each builds the pipeline ``spec`` describes
    where it runs and gives back what :meth:`Pipeline.geoparse` or :meth:`Pipeline.process` (``mode``)
    would give here, in input order."""

    def results(self, spec: PipelineSpec, articles: Iterable[Article], *, mode: str,
                on_error: ErrorHandler | None, candidates: bool) -> Iterator[ArticleResult]: ...


class Pipeline:
    """geomap's stages wired together over one gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, model: str | None = None, runner: Runner | None = None,
                 event_typing: str = "both", event_linking: str = "both",
                 spill_after: int = DEFAULT_SPILL_AFTER) -> None:
        """``runner`` runs geoparse/process/run elsewhere: ``WorkerProcesses(jobs=2)`` in worker processes
        (see :mod:`geomap.parallel`), ``DaskCluster("tcp://scheduler:8786")`` on a Dask cluster (see
        :mod:`geomap.distributed`); without one, in this process.

        ``event_typing`` says who types events: the trigger ``rules``, the trained ``model`` or
        ``both`` (the default; see :mod:`geomap.events.typer`). ``event_linking`` says who decides
        where each event happened: the locative ``rules``, the trained linker (``model``) or ``both``
        (the default; see :func:`geomap.events.extract.link_places`).

        ``spill_after``: events a run holds in memory before the cross-article merge goes to disk
        (see :mod:`geomap.events.spill`; the result is the same either way).
        """
        if event_typing not in MODES:
            raise GeomapError(f"event typing {event_typing!r} is not one of {', '.join(MODES)}")
        if event_linking not in LINKING_MODES:
            raise GeomapError(f"event linking {event_linking!r} is not one of {', '.join(LINKING_MODES)}")
        self.event_linking = event_linking
        self.gazetteer = gazetteer or Gazetteer.open()
        self.model = model
        self.event_typing = event_typing
        self.runner = runner
        self.spill_after = spill_after

    @cached_property
    def geoparser(self) -> Geoparser:
        """Built on first use: with a runner only its workers need the spaCy pipeline (~200 MB, ~2 s)."""
        geoparser = Geoparser(self.gazetteer, model=self.model)
        if "geomap_event_triggers" not in geoparser.nlp.pipe_names:
            geoparser.nlp.add_pipe("geomap_event_triggers")
            geoparser.nlp.add_pipe("geomap_event_typer", config={"mode": self.event_typing})
        return geoparser

    def spec(self) -> PipelineSpec:
        """How a runner builds this pipeline in its own processes."""
        return PipelineSpec(self.gazetteer.path, self.model, self.event_typing, self.event_linking,
                            self.gazetteer.source_hash)

    def provenance(self) -> dict[str, str]:
        return {"geomap_version": __version__, "gazetteer_source_hash": self.gazetteer.source_hash}

    def geoparse(self, articles: Iterable[Article], *, on_error: ErrorHandler | None = None,
                 candidates: bool = True) -> Iterator[ArticleResult]:
        """Places only (no event extraction): what ``geomap geoparse`` prints.

        ``candidates=False`` leaves out each toponym's ranked alternatives (``Toponym.candidates``),
        which callers that keep only the chosen place do not need: with several jobs, sending
        them back from the workers cost ~20% more CPU than the geoparsing itself.
        """
        if self.runner is not None:
            yield from self.runner.results(self.spec(), articles, mode="geoparse", on_error=on_error,
                                           candidates=candidates)
            return
        articles = _within_length(articles, on_error, self.geoparser.nlp.max_length)
        docs = self.geoparser.docs_with((a.text, a) for a in articles)
        yield from _per_article(docs, on_error,
                                lambda doc, article: (
                                    _kept(self.geoparser.toponyms(doc, text=article.text), candidates), []))

    def process(self, articles: Iterable[Article], *, on_error: ErrorHandler | None = None,
                candidates: bool = True) -> Iterator[ArticleResult]:
        """Run every article through recognition, resolution and event extraction (not merging)."""
        if self.runner is not None:
            yield from self.runner.results(self.spec(), articles, mode="process", on_error=on_error,
                                           candidates=candidates)
            return

        def work(doc: Doc, article: Article) -> tuple[list[Toponym], list[Event]]:
            toponyms = self.geoparser.toponyms(doc, text=article.text)
            return _kept(toponyms, candidates), extract_events(article, doc, toponyms, linking=self.event_linking)

        articles = _within_length(articles, on_error, self.geoparser.nlp.max_length)
        docs = self.geoparser.nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=32)
        yield from _per_article(docs, on_error, work)

    def run(self, articles: Iterable[Article], *, on_error: ErrorHandler | None = None,
            progress: Callable[[int], None] | None = None, store: EventStore | None = None,
            reprocess: bool = False) -> RunResult:
        """Extract and merge the events of all articles.

        With a ``store``, articles stored with the same text are skipped (with ``reprocess``, only
        those this very geomap and gazetteer extracted), each new or changed article is written to
        it in its own transaction, and ``result.events`` are the merged events of the whole store.
        """
        started = time.perf_counter()
        result = RunResult(events=[])
        with self.merging(articles, result, on_error=on_error, progress=progress, store=store,
                          reprocess=reprocess) as events:
            result.events = list(events)
        result.seconds = time.perf_counter() - started
        return result

    @contextmanager
    def merging(self, articles: Iterable[Article], result: RunResult, *, on_error: ErrorHandler | None = None,
                progress: Callable[[int], None] | None = None, store: EventStore | None = None,
                reprocess: bool = False) -> Iterator[Iterable[Event]]:
        """Read and extract every article (into ``store``, with one; see :meth:`run`), then give the merged
        events, to be read once, one at a time: what ``run`` collects, without holding them (``geomap run``
        writes them as they come, ``extract`` prints them). ``result`` gets the counts.

        The events wait for the merge in a :class:`~geomap.events.spill.MergeSpool`: beyond
        ``spill_after`` of them, on disk, so memory stays flat however many articles there are.
        """
        if store is not None:
            articles = self._not_in(store, articles, result, self.makers() if reprocess else None)
            for item in self.process(articles, on_error=on_error, candidates=False):
                self._count(item, result)
                added = store.add(item.article, item.toponyms, item.events, reprocess=reprocess,
                                  gazetteer_source_hash=self.gazetteer.source_hash, extractor_hash=extractor_hash())
                result.articles_replaced += added.status == "replaced"
                if progress:
                    progress(1)
            events = store.merged_events(spill_after=self.spill_after)
            try:
                yield events
            finally:
                events.close()
            return
        with MergeSpool(self.spill_after) as spool:
            for item in self.process(articles, on_error=on_error, candidates=False):
                self._count(item, result)
                spool.add(item.events)
                if progress:
                    progress(1)
            yield spool.merged()

    def merged_events(self, articles: Iterable[Article], result: RunResult, *, on_error: ErrorHandler | None = None,
                      progress: Callable[[int], None] | None = None) -> Iterator[Event]:
        """The merged events of all articles, one at a time once every article is read (see :meth:`merging`)."""
        with self.merging(articles, result, on_error=on_error, progress=progress) as events:
            yield from events

    @staticmethod
    def _count(item: ArticleResult, result: RunResult) -> None:
        result.articles_read += 1
        for toponym in item.toponyms:
            if toponym.mention.usage == Usage.DEMONYM:
                continue
            result.places_found += 1
            if toponym.place is None:
                result.unresolved[toponym.mention.surface] += 1

    @staticmethod
    def _not_in(store: EventStore, articles: Iterable[Article], result: RunResult,
                makers: tuple[str, str] | None = None) -> Iterator[Article]:
        """The articles the store lacks or holds with other text (checked before the costly NLP);
        with ``makers`` (gazetteer and extractor hashes) also those another geomap extracted."""
        stale = store.stale_ids(*makers) if makers else {}
        for article in articles:
            if store.is_unchanged(article) and article.id not in stale:
                result.articles_unchanged += 1
            else:
                yield article

    def makers(self) -> tuple[str, str]:
        """(gazetteer source hash, extractor hash): what a stored article's events were made with."""
        return self.gazetteer.source_hash, extractor_hash()

    def upgrade(self, store: EventStore, *, on_error: ErrorHandler | None = None,
                progress: Callable[[int], None] | None = None, keep_events: bool = True) -> UpgradeResult:
        """Extract again, from its stored text, every article of ``store`` another geomap or gazetteer
        extracted; corrections follow the events they were made on. Articles stored without their
        text (by a geomap before store schema 2) are listed: ``run FILES --store S --reprocess`` does them.

        The articles are read from the store one at a time. ``keep_events``: merge the store's events into
        ``UpgradeResult.events`` (without it nothing is merged: ``store.refresh_layer()`` merges as it writes).
        """
        stale = store.stale_ids(*self.makers())
        upgrade = UpgradeResult(without_text=[article_id for article_id, has_text in stale.items() if not has_text])

        def articles() -> Iterator[Article]:
            for article_id, has_text in stale.items():
                row = store.stored_row(article_id) if has_text else None
                article = EventStore.stored_article(row) if row is not None else None
                if article is not None:
                    yield article

        result = RunResult(events=[])
        with self.merging(articles(), result, on_error=on_error, progress=progress, store=store,
                          reprocess=True) as events:
            upgrade.events = list(events) if keep_events else []
        upgrade.reextracted = result.articles_read
        return upgrade

    def write_outputs(self, result: RunResult, out_dir: Path, *, title: str = "geomap",
                      provenance: Mapping[str, str] | None = None, cdn: bool = False, tiles: bool = True,
                      events: Iterable[Event] | None = None, layer: LayerWriter | None = None,
                      map_events: int = MAP_EVENTS) -> list[Path]:
        """events.geojson and map.html, each written atomically (``provenance`` defaults to this pipeline's).

        ``events``: the merged events if not ``result.events``, read once as they come (from
        :meth:`merging`): events.geojson is written feature by feature, ``layer`` (a store's, to be
        committed here) gets each feature too, ``result`` counts them, and the map shows up to
        ``map_events`` of them (see :mod:`geomap.render.selection`). ``cdn`` and ``tiles`` are the map's
        options, see :func:`geomap.render.map.build_map`.
        """
        from geomap.render.map import write_map  # folium is heavy: only when a map is written

        provenance = provenance or self.provenance()
        shown = MapSelection(map_events)
        counted: Counter[tuple[str, bool]] = Counter()

        def features() -> Iterator[dict]:
            for event in result.events if events is None else events:
                counted[event.event_type, event.place is not None] += 1
                shown.add(event)
                one = feature(event)
                if layer is not None:
                    layer.add(one)
                yield one

        written = [write_atomic(out_dir / "events.geojson", dumps_parts(features(), provenance=provenance))]
        if events is not None:
            result.counted = counted
        if layer is not None:
            layer.commit()
        result.map_note = shown.note()
        collection = feature_collection(shown.events(), provenance=provenance)
        written.append(write_map(collection, out_dir / "map.html", title=f"{title}: {shown.note()}" if shown.cut else title,
                                 cdn=cdn, tiles=tiles, gazetteer=self.gazetteer))
        result.files_written = written
        return written


def toponym_record(toponym: Toponym) -> dict:
    """The ``geomap geoparse`` JSON shape of one toponym."""
    place = toponym.place
    mention = toponym.mention
    return {
        "start": mention.start,
        "end": mention.end,
        "surface": mention.surface,
        "name": place.name if place else None,
        "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country_code": place.country_code if place else None,
        "kind": place.kind.value if place else None,
        "usage": mention.usage.value,
        "confidence": toponym.confidence,
    }


"""The Python API for notebook users; the CLI calls the same pipeline.

    >>> import geomap
    >>> pipeline = geomap.api.default_pipeline()           # opens (or builds) the gazetteer once
    >>> toponyms = geomap.geoparse("Drones hit Sumy overnight.")
    >>> result = geomap.extract_events(geomap.read_articles(["articles/"]))
    >>> gdf = geomap.to_geodataframe(result.events)
    >>> geomap.build_map(result.events).save("map.html")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from geomap.exports.geojson import feature_collection, to_geodataframe
from geomap.gazetteer.store import Gazetteer
from geomap.ingest import read_articles as _read_articles
from geomap.pipeline import Pipeline, RunResult
from geomap.records import Article, Event, Toponym

__all__ = ["build_map", "default_pipeline", "extract_events", "geoparse", "read_articles", "to_geodataframe"]


@lru_cache(maxsize=4)
def default_pipeline(model: str | None = None) -> Pipeline:
    """One pipeline per model per process: building it loads the gazetteer's names (about a second)."""
    return Pipeline(model=model)


def read_articles(paths: Sequence[str | Path], **kwargs) -> Iterator[Article]:
    """Articles from files and folders (.txt, .jsonl, .json, .html); see :func:`geomap.ingest.read_articles`."""
    return _read_articles([Path(p) for p in paths], **kwargs)


def geoparse(text: str, *, pipeline: Pipeline | None = None) -> list[Toponym]:
    """Every place mention in ``text`` with its usage and gazetteer resolution."""
    return (pipeline or default_pipeline()).geoparser.parse(text)


def extract_events(articles: Iterable[Article], *, pipeline: Pipeline | None = None) -> RunResult:
    """Events of the articles, merged across them (``result.events``)."""
    return (pipeline or default_pipeline()).run(articles)


def build_map(events: Sequence[Event], *, title: str = "geomap", cdn: bool = False, tiles: bool = True,
              gazetteer: Gazetteer | None = None):
    """A folium Map of the events (self-contained unless ``cdn``; OSM tiles unless not ``tiles``); ``.save(path)``.

    With a ``gazetteer`` (``default_pipeline().gazetteer``) the map also names the regions and largest
    towns around the events when zoomed in; without one, countries and the events' own places.
    """
    from geomap.render.map import build_map as _build_map

    return _build_map(feature_collection(events), title=title, cdn=cdn, tiles=tiles, gazetteer=gazetteer)


__all__ += ["to_geodataframe"]

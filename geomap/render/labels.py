"""Place names for the offline map, so that a zoomed-in view says where it is.

Offline the map has only Natural Earth outlines under the events: without names, three towns of
one province are three anonymous dots. The page gets a small table of labels, each
``[name, lat, lon, min_zoom, kind]``, drawn from ``min_zoom`` on, largest first, skipping any that
would overlap one already drawn (``static/labels.js``):

- countries at their Natural Earth label point, from the zoom Natural Earth gives (``MIN_LABEL``);
- the events' own places (``place_name`` at the event's point; those with most events first);
- with a gazetteer, its first-level regions and its most populous towns inside the events' extent
  (padded by ``PAD_DEG``), a town's first zoom set by its population; at most ``MAX_TOWNS``, so
  the file stays small whatever the number of events.

Names are data: the page writes them with ``textContent`` only.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from geomap.render import assets
from geomap.render.geometry import point

if TYPE_CHECKING:
    from geomap.gazetteer.store import Gazetteer

Label = list  # [name, lat, lon, min_zoom, kind]

PAD_DEG = 1.0  # around the events' extent, where towns are labelled
MAX_TOWNS = 3000
MAX_REGIONS = 300
MAX_EVENT_PLACES = 5000  # a store of a million events at as many places keeps the file and the page light
# A town's first zoom level by population: a city of a million from zoom 5, a village from 10.
TOWN_ZOOMS = ((1_000_000, 5), (300_000, 6), (100_000, 7), (30_000, 8), (10_000, 9), (0, 10))
REGION_ZOOM = 5
EVENT_PLACE_ZOOMS = {"place": 6, "landmark": 8, "admin2": 7}  # other precisions: regions, countries, seas
EVENT_AREA_ZOOM = 5
KIND_ORDER = ("event", "country", "region", "town")  # drawn first when labels would overlap



def town_zoom(population: int) -> int:
    return next(zoom for floor, zoom in TOWN_ZOOMS if population >= floor)


@lru_cache(maxsize=1)
def country_labels() -> tuple[tuple[str, float, float, int, str], ...]:
    """Natural Earth's country names at its label points (empty when the shapefile cannot be read)."""
    try:
        import pyogrio

        frame = pyogrio.read_dataframe(assets.natural_earth_countries(),
                                       columns=["NAME_EN", "LABEL_X", "LABEL_Y", "MIN_LABEL"], read_geometry=False)
    except (ImportError, OSError, RuntimeError, ValueError):
        return ()
    out = []
    for row in frame.itertuples():
        if isinstance(row.NAME_EN, str) and math.isfinite(row.LABEL_X) and math.isfinite(row.LABEL_Y):
            zoom = max(2, int(row.MIN_LABEL)) if math.isfinite(row.MIN_LABEL) else 4
            out.append((row.NAME_EN, round(row.LABEL_Y, 4), round(row.LABEL_X, 4), zoom, "country"))
    return tuple(out)


def event_place_labels(features: Iterable[Mapping[str, Any]]) -> tuple[list[Label], tuple[float, float, float, float] | None]:
    """One label per distinct place the events are at (the ``MAX_EVENT_PLACES`` with most events when
    there are more), and the events' extent."""
    count: Counter[tuple[str, float, float]] = Counter()
    zoom_of: dict[tuple[str, float, float], int] = {}
    west = south = math.inf
    east = north = -math.inf
    for feature in features:
        lonlat = point(feature.get("geometry"))
        if lonlat is None:
            continue
        lon, lat = float(lonlat[0]), float(lonlat[1])
        west, east, south, north = min(west, lon), max(east, lon), min(south, lat), max(north, lat)
        props = feature.get("properties") if isinstance(feature.get("properties"), Mapping) else {}
        name = props.get("place_name")
        if not isinstance(name, str) or not name.strip():
            continue
        key = (name, round(lat, 4), round(lon, 4))
        count[key] += 1
        zoom_of.setdefault(key, EVENT_PLACE_ZOOMS.get(str(props.get("precision")), EVENT_AREA_ZOOM))
    labels = [[name, lat, lon, zoom_of[(name, lat, lon)], "event"]
              for (name, lat, lon), _ in count.most_common(MAX_EVENT_PLACES)]
    extent = (west, south, east, north) if west <= east else None
    return labels, extent


def gazetteer_labels(gazetteer: Gazetteer, extent: tuple[float, float, float, float]) -> list[Label]:
    """The gazetteer's regions and largest towns around the events."""
    west, south, east, north = extent
    bbox = (max(-180.0, west - PAD_DEG), max(-90.0, south - PAD_DEG), min(180.0, east + PAD_DEG), min(90.0, north + PAD_DEG))
    labels: list[Label] = []
    for place in gazetteer.largest_within(bbox, kinds=("admin1",), limit=MAX_REGIONS):
        labels.append([place.name, round(place.lat, 4), round(place.lon, 4), REGION_ZOOM, "region"])
    for place in gazetteer.largest_within(bbox, kinds=("place",), limit=MAX_TOWNS):
        labels.append([place.name, round(place.lat, 4), round(place.lon, 4), town_zoom(place.population), "town"])
    return labels


def map_labels(features: Iterable[Mapping[str, Any]], gazetteer: Gazetteer | None = None) -> list[Label]:
    """Every label of the map, in the order they are drawn when they would overlap."""
    events, extent = event_place_labels(features)
    labels = events + [list(c) for c in country_labels()]
    if gazetteer is not None and extent is not None:
        labels += gazetteer_labels(gazetteer, extent)
    return sorted(labels, key=lambda label: (KIND_ORDER.index(label[4]), label[3]))

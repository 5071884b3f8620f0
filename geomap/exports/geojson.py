"""Events out: the GeoJSON contract (RFC 7946) and a GeoDataFrame for notebook users.

``feature_collection`` is the one place that turns ``Event`` records into the public schema;
the map, ``events.geojson`` and ``geomap extract`` all use it, so they cannot drift apart.
Output is deterministic: features sorted by date, type, place and id; keys in fixed order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from geomap.events.taxonomy import load_taxonomy
from geomap.gazetteer.regions import admin1_name, country_name
from geomap.records import Event, PlaceKind

ATTRIBUTION = "Places: GeoNames (CC BY 4.0), Natural Earth (public domain); events extracted by geomap"
EXTENT_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.WATER,
                          PlaceKind.CONTINENT})


def feature(event: Event) -> dict[str, Any]:
    """One event as a GeoJSON Feature (geometry null when the text gives no place)."""
    place = event.place
    mention = event.toponym.mention if event.toponym else None
    event_type = load_taxonomy().get(event.event_type)
    geometry = {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]} if place else None
    properties = {
        "id": event.id,
        "event_type": event.event_type,
        "event_label": event_type.label,
        **event_type.codes(),
        "status": event.status,
        "place": mention.surface if mention else None,
        "place_name": place.name if place else None,
        "geonameid": place.geonameid if place else None,
        "country_code": place.country_code if place else None,
        "country": country_name(place.country_code) if place else None,
        "admin1_code": place.admin1_code if place else None,
        "admin1": admin1_name(place.admin1_code) if place else None,
        "precision": place.kind.value if place else None,
        "extent": list(place.extent) if place and place.extent and place.kind in EXTENT_KINDS else None,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "sources": [
            {"article_id": s.article_id, "title": s.title, "published": s.published, "url": s.url,
             "copy_group": s.text_group} for s in event.sources
        ],
        "article_ids": [s.article_id for s in event.sources],
        "source_urls": [s.url for s in event.sources if s.url],
        "corroboration": corroboration(event),
        "evidence": event.evidence,
        "trigger": event.trigger,
        "actors": list(event.actors),
        "actor_classes": [{"actor": name, "class": acled_class} for name, acled_class in event.actor_classes],
        "claimant": event.claimant,
        "quantities": [{"value": q.value, "unit": q.unit, "text": q.text} for q in event.quantities],
        "fatalities": _smallest(event, "fatalities"),
        "injured": _smallest(event, "injured"),
        "mentions": list(event.mentions),
        "is_caption": event.is_caption,
        "details": dict(event.details),
        "confidence": event.confidence,
    }
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def _smallest(event: Event, unit: str) -> int | None:
    """The most conservative count the reports state (as ACLED codes fatalities); None when none is stated."""
    values = [q.value for q in event.quantities if q.unit == unit]
    return min(values) if values else None


def corroboration(event: Event) -> int:
    """Distinct source texts: exact and near copies of one wire text count once."""
    return len({s.text_group or s.content_hash or s.article_id for s in event.sources})


def feature_collection(events: Iterable[Event], *, provenance: Mapping[str, Any] | None = None) -> dict[str, Any]:
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": [feature(e) for e in events]}
    if provenance:
        # A foreign member (RFC 7946 §6.1): readers ignore it; it says which geomap made the file.
        collection["geomap"] = {"attribution": ATTRIBUTION, **provenance}
    return collection


def dumps(collection: Mapping[str, Any]) -> str:
    return json.dumps(collection, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def dumps_parts(features: Iterable[Mapping[str, Any]], *, provenance: Mapping[str, Any] | None = None) -> Iterator[str]:
    """``dumps(feature_collection(...))`` in parts, feature by feature, to the same bytes: a run's GeoJSON
    is written as its merged events arrive, never held whole (a year of news has millions)."""
    yield '{\n "type": "FeatureCollection",\n "features": ['
    empty = True
    for one in features:
        yield ("\n  " if empty else ",\n  ") + json.dumps(one, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        empty = False
    yield "]" if empty else "\n ]"
    if provenance:
        member = json.dumps({"attribution": ATTRIBUTION, **provenance}, ensure_ascii=False, indent=1)
        yield ',\n "geomap": ' + member.replace("\n", "\n ")
    yield "\n}\n"


def to_geodataframe(events: Sequence[Event]):  # -> geopandas.GeoDataFrame (imported lazily: heavy)
    """Events as a GeoDataFrame in EPSG:4326, one row per event: the GeoPackage export's table
    (columns in the GeoJSON's order, integer ids as integers, nested values as JSON text)."""
    from geomap.exports.table import frame_from_features

    return frame_from_features([feature(e) for e in events])

"""Hand-made events in the events.geojson schema, for the map tests (browser and HTML)."""

from __future__ import annotations

from typing import Any

# Every property of events.geojson, in export.py's key order, with neutral values.
DEFAULT_PROPERTIES: dict[str, Any] = {
    "event_label": None, "status": "happened", "place": "somewhere", "place_name": "Somewhere", "geonameid": None,
    "country_code": None, "admin1_code": None, "precision": "place", "extent": None, "date": "2025-03-01",
    "date_precision": "day", "sources": [], "corroboration": 1, "evidence": "", "trigger": "said", "actors": [],
    "claimant": None, "quantities": [], "is_caption": False, "details": {}, "confidence": 0.8,
}


def event_feature(event_id: str, event_type: str, lonlat: tuple[float, float] | None, **properties: Any) -> dict[str, Any]:
    """One Feature; ``properties`` override the defaults (unknown names are refused, to keep the schema)."""
    unknown = set(properties) - set(DEFAULT_PROPERTIES)
    if unknown:
        raise TypeError(f"not events.geojson properties: {sorted(unknown)}")
    return {
        "type": "Feature",
        "id": event_id,
        "geometry": None if lonlat is None else {"type": "Point", "coordinates": list(lonlat)},
        "properties": {"id": event_id, "event_type": event_type, **DEFAULT_PROPERTIES, **properties},
    }

"""Which events an export or a map keeps: the ``--type/--status/--since/--until/--country/--bbox/--min-confidence`` filters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class EventFilter:
    """A conjunction of conditions on a Feature; an empty filter keeps everything.

    Conditions on a field the event lacks exclude it: ``--since`` drops undated events and
    ``--bbox``/``--country`` drop events without a place, because nothing says they qualify.
    """

    types: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    countries: frozenset[str] = frozenset()  # ISO 3166-1 alpha-2, upper case
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    min_confidence: float | None = None

    def keeps(self, feature: Mapping[str, Any]) -> bool:
        properties = feature.get("properties") or {}
        if self.types and properties.get("event_type") not in self.types:
            return False
        if self.statuses and properties.get("status") not in self.statuses:
            return False
        if self.since or self.until:
            when = properties.get("date")
            if not when:
                return False
            day = date.fromisoformat(when[:10])
            if (self.since and day < self.since) or (self.until and day > self.until):
                return False
        if self.countries and (properties.get("country_code") or "").upper() not in self.countries:
            return False
        if self.bbox is not None:
            geometry = feature.get("geometry")
            if not geometry:
                return False
            lon, lat = geometry["coordinates"][:2]
            min_lon, min_lat, max_lon, max_lat = self.bbox
            if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
                return False
        if self.min_confidence is not None and float(properties.get("confidence") or 0.0) < self.min_confidence:
            return False
        return True

    def apply(self, features: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        return [f for f in features if self.keeps(f)]

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``"min_lon,min_lat,max_lon,max_lat"`` as floats; ValueError with the reason otherwise."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        raise ValueError(f"expected min_lon,min_lat,max_lon,max_lat, got {text!r}")
    min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    if min_lon > max_lon or min_lat > max_lat:
        raise ValueError(f"minimum greater than maximum in {text!r}")
    return min_lon, min_lat, max_lon, max_lat

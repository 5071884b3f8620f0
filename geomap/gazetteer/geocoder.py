"""A geopy ``Geocoder`` over geomap's offline gazetteer, so code written for geopy can use it.

``geocode`` ranks candidates with the same scoring the geoparser uses (no context), and
``reverse`` uses the cache's R-tree. Answers are ``geopy.location.Location`` objects whose
``raw`` holds the gazetteer row, so users can see where an answer came from.
"""

from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.gazetteer.store import Gazetteer
from geomap.records import Mention, Place


def _location(place: Place) -> Location:
    parts = [place.name, place.admin1_code or "", place.country_code or ""]
    raw = {
        "id": place.id, "geonameid": place.geonameid, "name": place.name, "kind": place.kind.value,
        "country_code": place.country_code, "admin1_code": place.admin1_code, "population": place.population,
        "extent": place.extent, "source": place.source,
    }
    return Location(", ".join(p for p in parts if p), Point(place.lat, place.lon), raw)


class GazetteerGeocoder(Geocoder):
    """Offline geocoding from the cached gazetteer (no network, no rate limit)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__(scheme="https", timeout=1, user_agent="geomap")
        self.gazetteer = gazetteer or Gazetteer.open()

    def geocode(self, query: str, *, exactly_one: bool = True, limit: int = 10) -> Location | list[Location] | None:
        from geomap.resolve import Resolver

        ranked = Resolver(self.gazetteer).rank(Mention(0, len(query), query, 0, len(query)), None, set())
        if not ranked:
            return None
        if exactly_one:
            return _location(ranked[0].place)
        return [_location(candidate.place) for candidate in ranked[:limit]]

    def reverse(self, query, *, exactly_one: bool = True, radius_deg: float = 0.5) -> Location | list[Location] | None:
        point = Point(query)
        place = self.gazetteer.nearest(point.latitude, point.longitude, radius_deg=radius_deg)
        if place is None:
            return None
        return _location(place) if exactly_one else [_location(place)]

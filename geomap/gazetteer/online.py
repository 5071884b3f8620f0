"""The opt-in online fallback: names no gazetteer layer knows go to a Nominatim service, once.

Nothing here runs unless the user asks (``--online nominatim``). Each name is sent at most once:
the answer, "not found" included, is written to the user layer with its service and date
(:meth:`geomap.gazetteer.user.UserLayer.record_online`), so the next run finds it offline. A
timeout or an error from the service is logged and leaves the name unresolved for this run; it is
not cached, so a later run may ask again. Requests go through geopy's ``Nominatim`` and
``RateLimiter`` (one request a second by default, the public service's policy) with a user agent
naming geomap.

Privacy: every name sent tells the service which places the analyst is looking at.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from functools import partial
from urllib.parse import urlsplit

from geopy.adapters import RequestsAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from geomap.errors import GeomapError
from geomap.gazetteer.names import normalise
from geomap.gazetteer.store import Gazetteer, NameMatch
from geomap.gazetteer.user import UserLayer
from geomap.records import Place, PlaceKind
from geomap.version import __version__

log = logging.getLogger(__name__)

SERVICES = ("nominatim",)
DEFAULT_NOMINATIM_URL = "https://nominatim.openstreetmap.org"
USER_AGENT = f"geomap/{__version__} (conflict-event geoparser; https://pypi.org/project/geomap/)"
# Nominatim "class" values whose answers are waters; "place" answers are towns and villages.
_WATER_CLASSES = frozenset({"natural", "water", "waterway"})


def nominatim_url() -> str:
    """``$GEOMAP_NOMINATIM_URL``, else the public OpenStreetMap service."""
    return os.environ.get("GEOMAP_NOMINATIM_URL") or DEFAULT_NOMINATIM_URL


class OnlineLookup:
    """A gazetteer fallback: ``lookup(name)`` asks the service once per name and caches the answer."""

    def __init__(self, gazetteer: Gazetteer, *, service: str = "nominatim", url: str | None = None,
                 timeout: float = 10.0, min_delay_seconds: float = 1.0,
                 notify: Callable[[str], None] | None = None) -> None:
        if service not in SERVICES:
            raise GeomapError(f"unknown online geocoder {service!r} (known: {', '.join(SERVICES)})")
        self.url = (url or nominatim_url()).rstrip("/")
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise GeomapError(f"{self.url}: not an http(s) URL for the {service} service")
        self.gazetteer = gazetteer
        self.service = f"{service} {self.url}"  # answers are cached per service URL
        self.notify = notify or log.warning
        self.layer = UserLayer(gazetteer.user_path)
        gazetteer.attach_user_layer()
        # geopy's requests adapter retries twice by default: a hung service would cost three timeouts per name.
        self.geocoder = Nominatim(user_agent=USER_AGENT, domain=parts.netloc + parts.path, scheme=parts.scheme,
                                  timeout=timeout, adapter_factory=partial(RequestsAdapter, max_retries=0))
        # No retries: a failing service must not hold the run up; the name stays unresolved this run.
        self._geocode = RateLimiter(self.geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                                    swallow_exceptions=False)
        self.asked = 0  # requests sent this run
        self.failed: dict[str, str] = {}  # name -> why, for names the service failed on this run

    def __call__(self, name: str) -> list[NameMatch]:
        key = normalise(name)
        if not key or key in self.failed:
            return []
        cached = self.layer.online_answer(name, self.service)
        if cached is not None:
            # Found answers are already in the user layer's names, where the lookup looked first.
            place = self.gazetteer.get(cached[0]) if cached[0] else None
            return [NameMatch(place, name, False, False)] if place else []
        self.asked += 1
        try:
            location = self._geocode(name, exactly_one=True, addressdetails=True, language="en")
        except GeopyError as error:
            self.failed[key] = f"{type(error).__name__}: {error}"
            self.notify(f"online look-up of {name!r} at {self.url} failed ({type(error).__name__}); "
                        "left unresolved, not cached")
            return []
        place = self._place(location) if location is not None else None
        self.layer.record_online(name, self.service, place, [name] if place else [])
        if place is None:
            return []
        return [NameMatch(place, name, normalise(place.name) == key, False)]

    def _place(self, location: Location) -> Place:
        """A gazetteer place from a Nominatim answer; its source names the service and the date."""
        raw = location.raw
        address = raw.get("address") or {}
        name = raw.get("name") or raw.get("display_name", "").split(",")[0].strip() or location.address
        osm_class = raw.get("class", "")
        if osm_class == "place" or (osm_class == "boundary" and raw.get("type") != "administrative"):
            kind = PlaceKind.PLACE
        elif osm_class == "boundary":
            kind = PlaceKind.ADMIN2
        elif osm_class in _WATER_CLASSES:
            kind = PlaceKind.WATER
        else:
            kind = PlaceKind.LANDMARK  # power plants, bases, bridges, buildings
        extent = None
        if len(raw.get("boundingbox") or []) == 4:
            south, north, west, east = (float(v) for v in raw["boundingbox"])
            extent = (west, south, east, north)
        country = (address.get("country_code") or "").upper() or None
        # Nominatim has no GeoNames region codes: borrow the region of the nearest bundled town in the
        # same country, so the article-context parts of the score work for online answers too.
        near = self.gazetteer.nearest(location.latitude, location.longitude)
        admin1 = near.admin1_code if near is not None and near.country_code == country else None
        from geomap.gazetteer.user import _today

        return Place(
            id=f"osm:{raw.get('osm_type', 'unknown')}/{raw.get('osm_id', normalise(name))}",
            name=name, lat=location.latitude, lon=location.longitude, kind=kind, country_code=country,
            admin1_code=admin1, extent=extent, source=f"{self.service} {_today()}",
        )

    def close(self) -> None:
        self.layer.close()


def enable_online(gazetteer: Gazetteer, service: str | None, url: str | None = None, **options) -> OnlineLookup | None:
    """Install the online fallback on ``gazetteer`` when the user asked for one (``service`` not None)."""
    if service is None:
        return None
    lookup = OnlineLookup(gazetteer, service=service, url=url, **options)
    gazetteer.fallback = lookup
    return lookup

"""A place from what a person types: a gazetteer id, ``LAT,LON``, ``Name, Country`` or a bare name.

Used where an analyst names a place by hand (``geomap correct --place``, ``--country``), so a name
that several notable places share is never settled silently: "Georgia" on a Syrian event is the
country, the US state or something else, and the caller hears which ones and how to say which.
"""

from __future__ import annotations

from geomap.errors import InputError
from geomap.gazetteer.store import Gazetteer, NameMatch
from geomap.records import Place, PlaceKind

MAX_LISTED = 8
NOTABLE_POPULATION = 1000  # smaller namesakes of a town do not make a name ambiguous


class AmbiguousPlace(InputError):
    """A typed name that notable places in several countries share; the message lists them."""


def country_code(gazetteer: Gazetteer, text: str) -> tuple[str, str] | None:
    """(ISO 3166-1 alpha-2 code, the country's name) for a code ("PK") or a country name ("Pakistan")."""
    text = text.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper(), text.upper()
    found = [m.place for m in gazetteer.lookup(text, loose=False) if m.place.kind == PlaceKind.COUNTRY]
    if not found or not found[0].country_code:
        return None
    return found[0].country_code, found[0].name


def _notable(match: NameMatch) -> bool:
    return match.place.kind != PlaceKind.PLACE or match.place.population >= NOTABLE_POPULATION


def _describe(place: Place) -> str:
    where = place.admin1_code or place.country_code or "-"
    population = f", pop {place.population:,}" if place.population else ""
    return f"{place.id} {place.name} ({place.kind.value}, {where}{population})"


def _point(gazetteer: Gazetteer, text: str) -> Place | None:
    parts = text.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(text, "latitude or longitude out of range")
    near = gazetteer.nearest(lat, lon)
    return Place(f"user:{lat:.5f},{lon:.5f}", near.name if near else f"{lat:.5f}, {lon:.5f}", lat, lon,
                 PlaceKind.PLACE, country_code=near.country_code if near else None,
                 admin1_code=near.admin1_code if near else None, source="user")


def typed_place(gazetteer: Gazetteer, text: str, *, near: Place | None = None) -> Place:
    """The place ``text`` names; raises :class:`AmbiguousPlace` or :class:`InputError`.

    A bare name that notable places in several countries share is settled by ``near`` (the
    event's current place: "Odessa" on a Ukrainian event) when exactly one country fits, and is
    otherwise ambiguous. "Name, Country" (a name or an ISO code) narrows it to that country.
    """
    text = text.strip()
    point = _point(gazetteer, text)
    if point is not None:
        return point
    if ":" in text and (found := gazetteer.get(text)) is not None:
        return found
    name, country = text, None
    if "," in text:
        head, _, tail = text.rpartition(",")
        understood = country_code(gazetteer, tail)
        if understood is not None and head.strip():
            name, country = head.strip(), understood[0]
    matches = [m for m in gazetteer.lookup(name) if country is None or m.place.country_code == country]
    if not matches:
        where = f" in {country}" if country else ""
        raise InputError(text, f"no such place{where} in the gazetteer (give an id like geonames:703448, or LAT,LON)")
    matches = [m for m in matches if not m.loose] or matches  # "Parys" only when nothing is spelt "Paris"
    # Its own name before an alternate ("Sumy" the city, not "Sumska oblast"), a district after the
    # city it is named for ("Paris, France" is the city), then the most populous.
    matches.sort(key=lambda m: (not m.own_name, m.place.kind == PlaceKind.ADMIN2, -m.place.population, m.place.id))
    notable = [m for m in matches if _notable(m)] or matches
    countries = {m.place.country_code for m in notable}
    if len(countries) > 1 and near is not None and near.country_code in countries:
        notable = [m for m in notable if m.place.country_code == near.country_code]
        countries = {near.country_code}
    if len(countries) > 1:
        listed = "; ".join(_describe(m.place) for m in notable[:MAX_LISTED])
        more = f" and {len(notable) - MAX_LISTED} more" if len(notable) > MAX_LISTED else ""
        example = f"{name}, {notable[0].place.country_code}"
        raise AmbiguousPlace(text, f"several places have this name: {listed}{more}. "
                                   f"Give an id, a name with its country ({example!r}) or LAT,LON")
    return notable[0].place

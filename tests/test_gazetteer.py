"""The gazetteer cache: spellings, kinds, the geopy geocoder, and recovery from a damaged cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geomap.gazetteer.store import Gazetteer, check_cache
from geomap.geodesy import great_circle_km
from geomap.records import PlaceKind


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [("Kiev", "Kyiv"), ("Kharkov", "Kharkiv"), ("Krasnopillia", "Krasnopillya"), ("Orel", "Orël"), ("Oryol", "Orël"),
     ("Nikolaev", "Mykolayiv"), ("Kirovohrad", "Kropyvnytskyi"), ("Dnipropetrovsk", "Dnipro")],
)
def test_transliteration_variants_reach_the_city(gazetteer, variant, canonical):
    names = {m.place.name for m in gazetteer.lookup(variant) if m.place.kind == PlaceKind.PLACE}
    assert canonical in names


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Sumy", "UA.21"), ("Kursk", "RU.41"), ("Krasnodar", "RU.38"), ("Dnipropetrovsk", "UA.04"), ("Kirovohrad", "UA.10"),
     ("Oryol", "RU.56"), ("Tula", "RU.76"), ("Mykolaiv", "UA.16")],
)
def test_region_names_reach_the_admin1_unit(gazetteer, name, admin1):
    regions = [m.place for m in gazetteer.lookup(name) if m.place.kind == PlaceKind.ADMIN1]
    assert admin1 in {r.admin1_code for r in regions}
    region = next(r for r in regions if r.admin1_code == admin1)
    min_lon, min_lat, max_lon, max_lat = region.extent
    assert min_lon <= region.lon <= max_lon and min_lat <= region.lat <= max_lat


@pytest.mark.parametrize(
    ("name", "admin1", "big_city"),
    [("Ontario", "CA.08", (43.70, -79.42)), ("Western Australia", "AU.08", (-31.95, 115.86)),
     ("Krasnoyarsk Krai", "RU.91", (56.01, 92.87))],
)
def test_a_region_point_is_its_middle_not_where_its_people_live(gazetteer, name, admin1, big_city):
    """Gazetteers put a first-level region in its middle; these regions' people (and most of their
    places) crowd one edge, around the city given."""
    region = next(m.place for m in gazetteer.lookup(name) if m.place.kind == PlaceKind.ADMIN1 and m.place.admin1_code == admin1)
    assert great_circle_km(region.lat, region.lon, *big_city) > 200
    min_lon, min_lat, max_lon, max_lat = region.extent
    assert min_lon <= region.lon <= max_lon and min_lat <= region.lat <= max_lat


@pytest.mark.parametrize(
    ("name", "admin1", "geonames_point"),
    [("Ontario", "CA.08", (49.25, -84.5)), ("Alaska", "US.AK", (64.0, -150.0)), ("Hawaii", "US.HI", (20.75, -156.5))],
)
def test_a_region_point_is_the_middle_of_its_outline(gazetteer, name, admin1, geonames_point):
    """Where GeoNames puts these regions (its admin1 records): the centroid of the outline, even when the
    towns crowd one edge (Ontario), the outline crosses the antimeridian (Alaska) or the middle is sea
    (Hawaii: the land nearest it)."""
    region = next(m.place for m in gazetteer.lookup(name) if m.place.kind == PlaceKind.ADMIN1 and m.place.admin1_code == admin1)
    assert great_circle_km(region.lat, region.lon, *geonames_point) < 161
    assert region.lon < 0  # not folded into the eastern hemisphere


def test_curated_waters_and_countries(gazetteer):
    assert gazetteer.lookup("Azov Sea")[0].place.kind == PlaceKind.WATER
    assert gazetteer.lookup("Sea of Azov")[0].place.name == "Sea of Azov"
    china = [m.place for m in gazetteer.lookup("China")]
    assert china[0].kind == PlaceKind.COUNTRY
    assert gazetteer.lookup("U.S.")[0].place.country_code == "US"


def test_reverse_lookup_finds_nearest_town(gazetteer):
    place = gazetteer.nearest(50.4547, 30.5238)
    assert place is not None and place.name == "Kyiv"


def test_geopy_geocoder_over_the_cache(gazetteer):
    from geomap.gazetteer.geocoder import GazetteerGeocoder

    geocoder = GazetteerGeocoder(gazetteer)
    location = geocoder.geocode("Kharkov")
    assert location.address.startswith("Kharkiv") and abs(location.latitude - 49.98) < 0.1
    assert location.raw["kind"] == "place"
    assert len(geocoder.geocode("Paris", exactly_one=False)) > 1
    assert geocoder.geocode("Nowhere-at-all-xyz") is None
    back = geocoder.reverse((60.17, 24.94))
    assert back.address.startswith("Helsinki")


def test_truncated_cache_is_detected_and_rebuilt(gazetteer, tmp_path: Path):
    damaged = tmp_path / "cache.sqlite"
    shutil.copyfile(gazetteer.path, damaged)
    with damaged.open("r+b") as handle:
        handle.truncate(damaged.stat().st_size // 3)
    assert check_cache(damaged) is not None
    messages: list[str] = []
    rebuilt = Gazetteer.open(damaged, notify=messages.append)
    assert messages and str(damaged) in messages[0]
    assert rebuilt.lookup("Helsinki")[0].place.country_code == "FI"
    assert check_cache(damaged) is None


def test_missing_cache_without_rebuild_is_a_clear_error(tmp_path: Path):
    from geomap.errors import GazetteerError

    with pytest.raises(GazetteerError, match="not built yet"):
        Gazetteer.open(tmp_path / "none.sqlite", rebuild=False)

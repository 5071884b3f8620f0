"""Custom places: added from the CLI or a CSV/GeoJSON file, kept in a user layer that survives
rebuilds, listed, removed, preferred over bundled namesakes when asked, and found by the next run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.gazetteer.store import Gazetteer
from geomap.gazetteer.user import UserLayer

# A made-up village name: no gazetteer knows it, so only the user layer can place it.
VILLAGE = "Zvirohradivka"
ARTICLE = (f"Russian forces struck {VILLAGE} with drones overnight, the regional governor said on Tuesday. "
           f"Two houses in {VILLAGE} were damaged.\n")


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("GEOMAP_USER_PLACES", str(tmp_path / "user.sqlite"))
    return CliRunner()


def _open(gazetteer, user: Path) -> Gazetteer:
    return Gazetteer(gazetteer.path, user_path=user)


def test_added_place_resolves_in_the_next_run(runner, tmp_path: Path, gazetteer):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = runner.invoke(cli, ["run", str(article), "--out", str(tmp_path / "before"), "--no-tiles"])
    assert before.exit_code == 0, before.output
    features = json.loads((tmp_path / "before" / "events.geojson").read_text())["features"]
    assert [f["properties"]["place_name"] for f in features] == [None]  # the strike is found, but not placed

    added = runner.invoke(cli, ["gazetteer", "add", VILLAGE, "47.5741", "36.2190", "--country", "UA", "--admin1", "26"])
    assert added.exit_code == 0, added.output
    assert f"added {VILLAGE} [place] (47.5741, 36.2190) user:zvirohradivka" in added.output

    after = runner.invoke(cli, ["run", str(article), "--out", str(tmp_path / "after"), "--no-tiles"])
    assert after.exit_code == 0, after.output
    features = json.loads((tmp_path / "after" / "events.geojson").read_text())["features"]
    located = [f for f in features if f["properties"]["place_name"] == VILLAGE]
    assert located, after.output
    assert located[0]["geometry"]["coordinates"] == [36.219, 47.5741]
    assert located[0]["properties"]["admin1_code"] == "UA.26"


def test_user_places_survive_a_rebuild_of_the_bundled_cache(tmp_path: Path, gazetteer):
    from geomap.gazetteer.build import build

    user = tmp_path / "user.sqlite"
    with UserLayer(user) as layer:
        layer.add("Test Ridge Base", 48.1, 37.7, kind="landmark", country_code="UA")
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(gazetteer.path.read_bytes())
    build(cache)  # what `geomap gazetteer build` does
    rebuilt = Gazetteer(cache, user_path=user)
    assert [m.place.id for m in rebuilt.lookup("Test Ridge Base")] == ["user:test-ridge-base:landmark"]


def test_prefer_makes_a_user_place_outrank_its_bundled_namesake(tmp_path: Path, gazetteer):
    from geomap.gazetteer.geocoder import GazetteerGeocoder

    user = tmp_path / "user.sqlite"
    with UserLayer(user) as layer:
        layer.add("Kramatorsk", 48.70, 37.50, kind="landmark", country_code="UA")  # an airfield, say
    plain = _open(gazetteer, user)
    assert GazetteerGeocoder(plain).geocode("Kramatorsk").raw["id"] == "geonames:704508"  # the city still wins
    with UserLayer(user) as layer:
        layer.add("Kramatorsk", 48.70, 37.50, kind="landmark", country_code="UA", prefer=True)
    preferred = GazetteerGeocoder(_open(gazetteer, user)).geocode("Kramatorsk")
    assert preferred.raw["id"] == "user:kramatorsk:landmark" and preferred.raw["source"] == "user"
    assert (preferred.latitude, preferred.longitude) == (48.70, 37.50)


def test_lookup_shows_the_preference_and_list_and_remove(runner, tmp_path: Path, gazetteer):
    runner.invoke(cli, ["gazetteer", "add", "Sumy", "50.9", "34.8", "--kind", "landmark", "--alias", "Sumy Depot",
                        "--prefer"])
    lookup = runner.invoke(cli, ["gazetteer", "lookup", "Sumy", "--limit", "2"])
    first, parts = lookup.output.splitlines()[:2]
    assert first.startswith("1. Sumy [landmark]") and "user:sumy:landmark" in first
    assert "user place, preferred +25.00" in parts
    listing = runner.invoke(cli, ["gazetteer", "list"])
    assert "user:sumy:landmark  Sumy [landmark]" in listing.output and "aka Sumy Depot preferred" in listing.output
    removed = runner.invoke(cli, ["gazetteer", "remove", "Sumy"])
    assert removed.output == "removed user:sumy:landmark\n"
    after = runner.invoke(cli, ["gazetteer", "lookup", "Sumy", "--limit", "1"])
    assert "geonames:" in after.output and "user:" not in after.output
    assert runner.invoke(cli, ["gazetteer", "list"]).output.strip() == "no user places"
    missing = runner.invoke(cli, ["gazetteer", "remove", "Sumy"])
    assert missing.exit_code == 1 and "no user place called 'Sumy'" in missing.output


def test_import_csv_and_geojson(runner, tmp_path: Path, gazetteer):
    csv_file = tmp_path / "places.csv"
    csv_file.write_text("name,lat,lon,kind,country,admin1,aliases\n"
                        "Vuhledar Mine 3,47.78,37.25,landmark,UA,UA.05,Mine No. 3|Shakhta 3\n"
                        "Kalynivske,47.7,37.3,place,UA,,\n", encoding="utf-8")
    geojson_file = tmp_path / "places.geojson"
    geojson_file.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [33.52, 44.61]},
         "properties": {"name": "Test Pier", "kind": "landmark", "country": "UA"}}]}), encoding="utf-8")
    result = runner.invoke(cli, ["gazetteer", "import", str(csv_file), str(geojson_file)])
    assert result.exit_code == 0, result.output
    assert f"imported 2 places from {csv_file}" in result.output
    assert f"imported 1 places from {geojson_file}" in result.output
    store = _open(gazetteer, tmp_path / "user.sqlite")
    assert store.lookup("Shakhta 3")[0].place.name == "Vuhledar Mine 3"
    assert store.lookup("Test Pier")[0].place.lon == 33.52
    assert "user:kalynivske" in {m.place.id for m in store.lookup("Kalynivske")}  # beside its bundled namesakes


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [("name,lat,lon\nKozacha,91,30\n", ".csv", "places.csv:line 2: latitude 91.0 or longitude 30.0 out of range"),
     ("name,lat,lon\nKozacha,north,30\n", ".csv", "places.csv:line 2: latitude 'north' or longitude '30' is not a number"),
     ("name,latitude,lon\n", ".csv", "places.csv: the CSV header lacks lat"),
     ("name,lat,lon,country\nKozacha,50,30,Ukraine\n", ".csv", "country 'Ukraine' is not a two-letter ISO 3166-1 code"),
     ('{"type": "FeatureCollection", "features": [{"geometry": {"type": "LineString", "coordinates": []}}]}',
      ".geojson", "places.geojson:feature 1: expected a Point geometry"),
     ("{not json", ".geojson", "places.geojson: invalid JSON")],
)
def test_bad_import_files_are_one_line_errors_and_add_nothing(runner, tmp_path: Path, content, suffix, message):
    path = tmp_path / f"places{suffix}"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["gazetteer", "import", str(path)])
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1 and message in error_lines[0], result.output
    with UserLayer(tmp_path / "user.sqlite") as layer:
        assert layer.places() == []


def test_a_bad_row_leaves_the_layer_as_it_was(tmp_path: Path):
    path = tmp_path / "places.csv"
    path.write_text("name,lat,lon\nGood Place,50,30\nBad Place,50,300\n", encoding="utf-8")
    with UserLayer(tmp_path / "user.sqlite") as layer:
        with pytest.raises(Exception, match="line 3"):
            layer.import_file(path)
        assert layer.places() == []

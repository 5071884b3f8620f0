"""The user layer: places an analyst adds, and the answers of the opt-in online geocoder.

Front-line villages, power plants and bases are often missing from the bundled gazetteer. They
are kept in a SQLite file of their own (``$GEOMAP_USER_PLACES``, else ``user-places.sqlite`` in
the user data folder), never in the bundled cache, so ``geomap gazetteer build`` cannot lose them.
The file has the bundled cache's ``places``/``names``/``match_names`` columns, so
:class:`geomap.gazetteer.store.Gazetteer` reads it as one more layer, plus:

* ``places.preferred`` — the user asked this place to outrank bundled places of the same name;
* ``online_answers`` — every answer of the online geocoder, "not found" included, with its service
  and date, so a name is asked once and the next run is offline.

Every change is one SQLite transaction: an interrupted command leaves the file as it was.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import InputError
from geomap.gazetteer.build import PLACE_COLUMNS
from geomap.gazetteer.names import normalise, skeleton
from geomap.gazetteer.rows import place_from_row
from geomap.records import Place, PlaceKind

USER_FILE = "user-places.sqlite"
# The kinds a user may give; "landmark" is a building, plant, base or bridge.
USER_KINDS = tuple(kind.value for kind in PlaceKind)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS places ({PLACE_COLUMNS},
    preferred INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    norm TEXT NOT NULL,
    skel TEXT NOT NULL,
    place INTEGER NOT NULL REFERENCES places(rowid) ON DELETE CASCADE,
    name TEXT NOT NULL,
    quality INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS names_norm ON names(norm);
CREATE INDEX IF NOT EXISTS names_skel ON names(skel);
-- A view, not a table: a removed place's names stop being matched at once.
CREATE VIEW IF NOT EXISTS match_names AS
    SELECT n.name AS surface, max(p.population) AS population FROM names n JOIN places p ON p.rowid = n.place
    WHERE n.quality >= 0 GROUP BY n.name;
CREATE TABLE IF NOT EXISTS online_answers (
    norm TEXT NOT NULL,
    service TEXT NOT NULL,
    query TEXT NOT NULL,
    place_id TEXT,          -- NULL: the service said "not found"
    answered_at TEXT NOT NULL,
    PRIMARY KEY (norm, service)
);
"""


def default_user_path() -> Path:
    """``$GEOMAP_USER_PLACES``, else ``user-places.sqlite`` in the user data folder (kept across rebuilds)."""
    if env := os.environ.get("GEOMAP_USER_PLACES"):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("geomap")) / USER_FILE


@dataclass(frozen=True, slots=True)
class UserPlace:
    """A place in the user layer, with what the listing shows."""

    place: Place
    aliases: tuple[str, ...]
    preferred: bool
    added_at: str


def _today() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(name)).strip("-") or "place"


def validated_place(name: str, lat: float, lon: float, *, kind: str = "place", country_code: str | None = None,
                    admin1_code: str | None = None, population: int = 0, source: str = "user",
                    where: str = "") -> Place:
    """A user place from what the user typed, or an :class:`InputError` naming ``where`` and the problem."""
    where = where or name
    name = name.strip()
    if not normalise(name):
        raise InputError(where, "a place needs a name")
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise InputError(where, f"latitude {lat} or longitude {lon} out of range")
    if kind not in USER_KINDS:
        raise InputError(where, f"unknown kind {kind!r} (one of {', '.join(USER_KINDS)})")
    if country_code is not None and not re.fullmatch(r"[A-Za-z]{2}", country_code):
        raise InputError(where, f"country {country_code!r} is not a two-letter ISO 3166-1 code")
    country_code = country_code.upper() if country_code else None
    if admin1_code and country_code and "." not in admin1_code:
        admin1_code = f"{country_code}.{admin1_code}"  # "21" with --country UA -> "UA.21", GeoNames' form
    place_id = f"user:{_slug(name)}" + ("" if kind == "place" else f":{kind}")
    return Place(place_id, name, lat, lon, PlaceKind(kind), country_code, admin1_code, population, None, None, source)


class UserLayer:
    """Read-write access to the user layer file (created on first use)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_user_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise InputError(str(self.path), f"cannot open the user gazetteer layer ({error})") from error

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> UserLayer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- user places -----------------------------------------------------------------------------
    def add(self, name: str, lat: float, lon: float, *, kind: str = "place", country_code: str | None = None,
            admin1_code: str | None = None, aliases: Sequence[str] = (), population: int = 0,
            prefer: bool = False, source: str = "user", where: str = "") -> Place:
        """Add (or replace, by the same name and kind) one place; ``where`` prefixes error messages."""
        place = validated_place(name, lat, lon, kind=kind, country_code=country_code, admin1_code=admin1_code,
                                population=population, source=source, where=where)
        with self._db:
            self._insert(place, [(place.name, 1), *((a.strip(), 0) for a in aliases if a.strip())], prefer)
        return place

    def _insert(self, place: Place, names: Iterable[tuple[str, int]], prefer: bool = False) -> None:
        self._db.execute("DELETE FROM places WHERE id = ?", (place.id,))
        extent = place.extent or (None, None, None, None)
        cursor = self._db.execute(
            "INSERT INTO places (id, geonameid, name, lat, lon, kind, country_code, admin1_code, population, "
            "min_lon, min_lat, max_lon, max_lat, source, preferred, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (place.id, place.geonameid, place.name, place.lat, place.lon, place.kind.value, place.country_code,
             place.admin1_code, place.population, *extent, place.source, int(prefer), _today()),
        )
        seen: set[str] = set()
        for alias, quality in names:
            key = normalise(alias)
            if key and key not in seen:
                seen.add(key)
                self._db.execute("INSERT INTO names VALUES (?,?,?,?,?)",
                                 (key, skeleton(alias), cursor.lastrowid, alias, quality))

    def places(self, *, source_prefix: str = "") -> list[UserPlace]:
        """Every place of the layer (those whose source starts with ``source_prefix``), by name."""
        rows = self._db.execute(
            "SELECT p.*, (SELECT group_concat(n.name, '|') FROM names n WHERE n.place = p.rowid AND n.quality = 0) "
            "AS aliases FROM places p WHERE p.source LIKE ? ORDER BY p.name, p.id", (source_prefix + "%",)).fetchall()
        return [UserPlace(place_from_row(row), tuple(a for a in (row["aliases"] or "").split("|") if a), bool(row["preferred"]),
                          row["added_at"]) for row in rows]

    def remove(self, name_or_id: str) -> list[str]:
        """Remove the places with this id, or whose own name is this name; returns their ids."""
        rows = self._db.execute(
            "SELECT id FROM places WHERE id = ? OR rowid IN (SELECT place FROM names WHERE norm = ? AND quality = 1)",
            (name_or_id, normalise(name_or_id))).fetchall()
        ids = [row["id"] for row in rows]
        with self._db:
            for place_id in ids:
                self._db.execute("DELETE FROM online_answers WHERE place_id = ?", (place_id,))
                self._db.execute("DELETE FROM places WHERE id = ?", (place_id,))
        return ids

    def import_file(self, path: Path, *, prefer: bool = False) -> list[Place]:
        """Add every place of a CSV or GeoJSON file, all or nothing (one transaction)."""
        records = list(_geojson_records(path) if path.suffix.lower() in (".geojson", ".json") else _csv_records(path))
        if not records:
            raise InputError(str(path), "no places in the file")
        added = []
        with self._db:
            for where, record in records:
                place = self._record_place(where, record)
                aliases = record.get("aliases") or []
                if isinstance(aliases, str):
                    aliases = [a for a in aliases.split("|") if a.strip()]
                self._insert(place, [(place.name, 1), *((str(a).strip(), 0) for a in aliases)],
                             prefer or _truthy(record.get("prefer")))
                added.append(place)
        return added

    def _record_place(self, where: str, record: dict) -> Place:
        try:
            lat, lon = float(record["lat"]), float(record["lon"])
        except KeyError as error:
            raise InputError(where, f"missing {error.args[0]!r}") from None
        except (TypeError, ValueError):
            raise InputError(where, f"latitude {record.get('lat')!r} or longitude {record.get('lon')!r} is not a number") from None
        population = record.get("population") or 0
        try:
            population = int(float(population))
        except (TypeError, ValueError):
            raise InputError(where, f"population {population!r} is not a number") from None
        return validated_place(str(record.get("name") or ""), lat, lon, kind=str(record.get("kind") or "place"),
                               country_code=record.get("country_code") or record.get("country") or None,
                               admin1_code=record.get("admin1_code") or record.get("admin1") or None,
                               population=population, where=where)

    # -- online answers --------------------------------------------------------------------------
    def online_answer(self, name: str, service: str) -> tuple[str | None, str] | None:
        """(place id or None for "not found", date) of an earlier online answer for ``name``, if any."""
        row = self._db.execute("SELECT place_id, answered_at FROM online_answers WHERE norm = ? AND service = ?",
                               (normalise(name), service)).fetchone()
        return (row["place_id"], row["answered_at"]) if row else None

    def record_online(self, name: str, service: str, place: Place | None, names: Sequence[str] = ()) -> None:
        """Keep one online answer: the place (with ``names``, the query among them) or "not found"."""
        with self._db:
            if place is not None:
                self._insert(place, [(place.name, 1), *((n, 0) for n in names)])
            self._db.execute("INSERT OR REPLACE INTO online_answers VALUES (?,?,?,?,?)",
                             (normalise(name), service, name, place.id if place else None, _today()))

    def online_answers(self) -> Iterator[sqlite3.Row]:
        yield from self._db.execute("SELECT * FROM online_answers ORDER BY answered_at, query")


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "y")


def _csv_records(path: Path) -> Iterator[tuple[str, dict]]:
    """Rows of a CSV with a header: name, lat, lon, and optional kind, country, admin1, aliases (|-separated),
    population, prefer."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = {f.strip().lower() for f in reader.fieldnames or []}
            missing = {"name", "lat", "lon"} - fields
            if missing:
                raise InputError(str(path), f"the CSV header lacks {', '.join(sorted(missing))} "
                                            "(expected name,lat,lon[,kind,country,admin1,aliases,population,prefer])")
            rows = [(f"{path}:line {reader.line_num}", {k.strip().lower(): v for k, v in row.items() if k})
                    for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(str(path), f"cannot read ({getattr(error, 'strerror', None) or error})") from error
    yield from rows


def _geojson_records(path: Path) -> Iterator[tuple[str, dict]]:
    """Point features of a GeoJSON FeatureCollection; ``properties.name`` is required."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read ({getattr(error, 'strerror', None) or error})") from error
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"invalid JSON ({error.msg}{' ' if error.msg.endswith(' at') else ' at '}line {error.lineno})") from error
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError(str(path), "expected a GeoJSON FeatureCollection")
    for number, feature in enumerate(features, 1):
        where = f"{path}:feature {number}"
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") != "Point" or len(geometry.get("coordinates") or []) < 2:
            raise InputError(where, "expected a Point geometry")
        lon, lat = geometry["coordinates"][:2]
        yield where, {**(feature.get("properties") or {}), "lat": lat, "lon": lon}

"""Read access to the gazetteer cache: lookup by name, by id, by region, and reverse by point.

``Gazetteer.open()`` finds (or builds) the cache and checks it: a missing, partial, stale or
corrupt file is rebuilt with a message, never a traceback. The object is cheap to query and
holds read-only SQLite connections; each worker process opens its own.

Lookups read three layers: the bundled cache, an imported GeoNames dump
(:mod:`geomap.gazetteer.geonames_import`) and the user's own places and cached online answers
(:mod:`geomap.gazetteer.user`). The last two live in files of their own, so rebuilding the bundled
cache never loses them. An optional ``fallback`` (the opt-in online geocoder) is asked only for
names no layer knows.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.gazetteer import build as builder
from geomap.gazetteer import sources
from geomap.gazetteer.names import normalise, skeleton
from geomap.gazetteer.rows import place_from_row
from geomap.records import Place

log = logging.getLogger(__name__)

CACHE_NAME = "geomap-gazetteer.sqlite"


def default_cache_path() -> Path:
    """``$GEOMAP_GAZETTEER``, else ``gazetteer/`` of a source checkout, else the user cache folder."""
    if env := os.environ.get("GEOMAP_GAZETTEER"):
        return Path(env)
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").exists() and (checkout / "gazetteer").is_dir():
        return checkout / "gazetteer" / CACHE_NAME
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("geomap")) / CACHE_NAME


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A place found under a name, and how well the name fits it."""

    place: Place
    matched_name: str
    own_name: bool  # the place's main name, not an alternate
    loose: bool  # found only through the skeleton key (romanisation variant)
    unit_type: str | None = None  # an admin unit's own type ("Region", "City"): "Kyiv region" is not Kyiv City;
    # "capital" for a national capital
    preferred: bool = False  # a user place added with --prefer: it outranks bundled namesakes


class Gazetteer:
    """The cached gazetteer. Use :meth:`open`; the constructor takes an already checked path."""

    def __init__(self, path: Path, *, user_path: Path | None = None, imported_path: Path | None = None) -> None:
        """``user_path`` and ``imported_path`` default to :func:`user.default_user_path` and
        :func:`geonames_import.default_import_path`; a layer whose file does not exist is skipped."""
        from geomap.gazetteer.geonames_import import default_import_path
        from geomap.gazetteer.user import default_user_path

        self.path = path
        self._db = _connect_ro(path)
        self.meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        # (connection, has a "preferred" column): imported dump layer first, then the user layer.
        self._layers: list[tuple[sqlite3.Connection, bool]] = []
        self.imported_path = imported_path or default_import_path()
        if self.imported_path.exists() and self.imported_path != path:
            imported = _connect_ro(self.imported_path)
            complete = imported.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
            if complete is not None and complete[0] == "1":
                self._layers.append((imported, False))
            else:
                log.warning("%s: GeoNames import incomplete (interrupted?); not used", self.imported_path)
                imported.close()
        self.user_path = user_path or default_user_path()
        self._user_db: sqlite3.Connection | None = None
        self.attach_user_layer()
        # Asked for names nothing in the layers knows (the online geocoder, when the user opts in).
        self.fallback: Callable[[str], list[NameMatch]] | None = None

    def attach_user_layer(self) -> bool:
        """Read the user layer when its file exists (called again once the online cache creates it)."""
        if self._user_db is None and self.user_path.exists():
            self._user_db = _connect_ro(self.user_path)
            self._layers.append((self._user_db, True))
        return self._user_db is not None

    @classmethod
    def open(cls, path: Path | None = None, *, rebuild: bool = True, notify: Callable[[str], None] | None = None) -> Gazetteer:
        """Open the cache at ``path`` (default :func:`default_cache_path`), building it when needed."""
        path = path or default_cache_path()
        notify = notify or log.warning
        problem = check_cache(path)
        if problem is not None:
            if not rebuild:
                raise GazetteerError(f"{path}: {problem}; run `geomap gazetteer build`")
            notify(f"gazetteer cache {path}: {problem}; building it (once; a minute or two)")
            try:
                builder.build(path)
            except OSError as error:
                raise GazetteerError(f"{path}: cannot build the gazetteer cache ({error})") from error
        return cls(path)

    @property
    def source_hash(self) -> str:
        return self.meta.get("source_hash", "")

    def close(self) -> None:
        self._db.close()
        for connection, _ in self._layers:
            connection.close()

    # -- lookups ---------------------------------------------------------------------------------
    def lookup(self, name: str, *, loose: bool = True, limit: int = 200) -> list[NameMatch]:
        """All places known under ``name`` (normalised); romanisation variants when nothing exact."""
        key = normalise(name)
        if not key:
            return []
        found = self._rows("norm", key, limit, False)
        if not found and loose:
            found = self._rows("skel", skeleton(name), limit, True)
        if not found and loose and self.fallback is not None:
            return self.fallback(name)
        return found

    def _rows(self, column: str, key: str, limit: int, is_loose: bool) -> list[NameMatch]:
        """Matches on one name key in every layer; a place id already found in an earlier layer is
        skipped (the bundled entry of a place wins over its copy in an imported dump)."""
        matches: list[NameMatch] = []
        seen: set[str] = set()
        layers = [(self._db, False), *self._layers]
        for connection, has_preferred in layers:
            preferred = "p.preferred" if has_preferred else "0"
            rows = connection.execute(
                f"SELECT p.*, n.name AS matched, n.quality, {preferred} AS is_preferred FROM names n "
                f"JOIN places p ON p.rowid = n.place WHERE n.{column} = ? ORDER BY p.population DESC LIMIT ?",
                (key, limit),
            ).fetchall()
            for r in rows:
                if r["id"] in seen:
                    continue
                seen.add(r["id"])
                matches.append(NameMatch(place_from_row(r), r["matched"], r["quality"] == 1, is_loose, r["unit_type"],
                                         bool(r["is_preferred"])))
        return matches

    def get(self, place_id: str) -> Place | None:
        for connection in (self._db, *(c for c, _ in self._layers)):
            row = connection.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
            if row:
                return place_from_row(row)
        return None

    def by_geonameid(self, geonameid: int) -> Place | None:
        row = self._db.execute("SELECT * FROM places WHERE geonameid = ? LIMIT 1", (geonameid,)).fetchone()
        return place_from_row(row) if row else None

    def admin1(self, admin1_code: str) -> Place | None:
        row = self._db.execute(
            "SELECT * FROM places WHERE admin1_code = ? AND kind = 'admin1' LIMIT 1", (admin1_code,)
        ).fetchone()
        return place_from_row(row) if row else None

    def country(self, country_code: str) -> Place | None:
        row = self._db.execute(
            "SELECT * FROM places WHERE country_code = ? AND kind = 'country' LIMIT 1", (country_code,)
        ).fetchone()
        return place_from_row(row) if row else None

    def capital(self, country_code: str) -> Place | None:
        """The country's capital city (flagged when the cache is built), if the gazetteer knows it."""
        row = self._db.execute(
            "SELECT * FROM places WHERE country_code = ? AND kind = 'place' AND unit_type = ? "
            "ORDER BY population DESC LIMIT 1", (country_code, sources.CAPITAL)
        ).fetchone()
        return place_from_row(row) if row else None

    def largest_within(self, bbox: tuple[float, float, float, float], *, kinds: tuple[str, ...] = ("place",),
                       limit: int = 1000) -> list[Place]:
        """The most populous entries of the given kinds whose points lie in ``bbox`` (min_lon, min_lat,
        max_lon, max_lat), largest first: the towns a map labels around its events."""
        rows = self._within(bbox, kinds, "ORDER BY p.population DESC, p.id LIMIT ?", (limit,))
        return [place_from_row(row) for row in rows]

    def nearest(self, lat: float, lon: float, *, kinds: tuple[str, ...] = ("place",), radius_deg: float = 0.5) -> Place | None:
        """The nearest entry of the given kinds within ``radius_deg`` (R-tree window, then exact distance)."""
        rows = self._within((lon - radius_deg, lat - radius_deg, lon + radius_deg, lat + radius_deg), kinds)
        if not rows:
            return None
        best = min(rows, key=lambda r: (r["lat"] - lat) ** 2 + ((r["lon"] - lon) * _cos(lat)) ** 2)
        return place_from_row(best)

    def _within(self, bbox: tuple[float, float, float, float], kinds: tuple[str, ...], tail: str = "",
                tail_params: tuple = ()) -> list[sqlite3.Row]:
        """The base layer's entries of the given kinds with their points in ``bbox`` (an R-tree window)."""
        placeholders = ",".join("?" for _ in kinds)
        west, south, east, north = bbox
        return self._db.execute(
            "SELECT p.* FROM places_rtree r JOIN places p ON p.rowid = r.rowid "
            "WHERE r.min_lon >= ? AND r.max_lon <= ? AND r.min_lat >= ? AND r.max_lat <= ? "
            f"AND p.kind IN ({placeholders}) {tail}",
            (west, east, south, north, *kinds, *tail_params),
        ).fetchall()

    def match_names(self) -> Iterator[tuple[str, int]]:
        """Surface forms to look for in text, with the largest population they name (every layer)."""
        yield from self._db.execute("SELECT surface, population FROM match_names")
        for connection, _ in self._layers:
            yield from connection.execute("SELECT surface, population FROM match_names")

    def common_words(self) -> frozenset[str]:
        """Frequent lower-case English words (see ``build.COMMON_WORD_CUTOFF``)."""
        return frozenset(row[0] for row in self._db.execute("SELECT word FROM common_words"))

    def names_of_kinds(self, kinds: tuple[str, ...]) -> list[str]:
        """Every name (as written) of places of the given kinds: countries and regions for demonyms."""
        placeholders = ",".join("?" for _ in kinds)
        return [
            row[0]
            for row in self._db.execute(
                f"SELECT n.name FROM names n JOIN places p ON p.rowid = n.place WHERE p.kind IN ({placeholders})", kinds
            )
        ]

    def stats(self) -> dict[str, int]:
        return {kind: count for kind, count in self._db.execute("SELECT kind, count(*) FROM places GROUP BY kind")}


def _connect_ro(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error as error:
        raise GazetteerError(f"{path}: cannot open gazetteer cache ({error})") from error
    connection.row_factory = sqlite3.Row
    return connection


def _cos(lat: float) -> float:
    import math

    return math.cos(math.radians(lat))


def check_cache(path: Path) -> str | None:
    """Why the cache at ``path`` cannot be used as it is, or None when it is sound and current."""
    if not path.exists():
        return "not built yet"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            connection.execute("SELECT count(*) FROM places").fetchone()
    except sqlite3.DatabaseError as error:
        return f"unreadable or corrupt ({error})"
    if meta.get("complete") != "1":
        return "incomplete (an earlier build was interrupted)"
    if meta.get("schema_version") != str(builder.SCHEMA_VERSION):
        return f"schema {meta.get('schema_version')} is not the current {builder.SCHEMA_VERSION}"
    if meta.get("source_hash") != builder.source_hash():
        return "built from other sources (stale)"
    return None

"""The event store: a GeoPackage that grows run after run and keeps the analyst's corrections.

One file, SQLite underneath, that QGIS and ``geopandas.read_file(path, layer="events")`` open
directly. It holds:

- ``events`` — the spatial layer (written by pyogrio): the merged, corrected events of every
  stored article, with the same columns as a GeoPackage export. It is *derived*: rebuilt from
  the tables below after each run or correction.
- ``articles`` — one row per article: id, content hash, title, date, url, and which geomap and
  gazetteer processed it.
- ``article_events`` — each article's own events before merging (JSON records), and
  ``mentions`` — its place mentions and their resolution.
- ``corrections`` — what the analyst changed, keyed by event id, applied after merging.
- ``store_meta`` — schema version and the time of the last change.

Why per-article events rather than merged ones: merging (:func:`geomap.events.merge.merge_events`)
does not depend on input order, so merging all stored per-article events gives the same events
whether the articles came in one run or in many, in any order, and replacing an article is
deleting its rows and inserting new ones.

Crash safety: each article is written in one ``BEGIN IMMEDIATE`` transaction, so a run killed at
any point leaves whole articles or none (SQLite's journal rolls back the rest on next open). The
``events`` layer is swapped in one transaction too. Two runs on one store take turns per
transaction, waiting up to ``busy_seconds``; past that the run fails with a message saying the
store is busy.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from geomap.errors import InputError, OutputError
from geomap.exports.corrections import Correction, correction_plan, successor_of, with_corrections
from geomap.exports.event_json import event_from_record, event_record, place_record
from geomap.records import Article, Event, Place, Toponym
from geomap.version import __version__

SCHEMA_VERSION = 2  # 2: articles keep their text, body start, date origin and the extractor hash (re-extraction)
LAYER = "events"
BUSY_SECONDS = float(os.environ.get("GEOMAP_STORE_BUSY_SECONDS", "60"))  # how long a run waits for another
PAUSE_ENV = "GEOMAP_STORE_PAUSE_AT"  # test hook, see _pause_point

SCHEMA = """
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, title TEXT, published TEXT, url TEXT, source TEXT,
    path TEXT, events INTEGER NOT NULL, geomap_version TEXT, gazetteer_source_hash TEXT, added_at TEXT NOT NULL,
    text TEXT, body_start INTEGER, published_from TEXT, extractor_hash TEXT);
CREATE TABLE IF NOT EXISTS article_events (
    article_id TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL,
    status TEXT NOT NULL, date TEXT, place_id TEXT, record TEXT NOT NULL, PRIMARY KEY (article_id, position));
CREATE INDEX IF NOT EXISTS article_events_event_id ON article_events (event_id);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL, position INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    surface TEXT NOT NULL, usage TEXT NOT NULL, cue TEXT, label TEXT, place_id TEXT, place_name TEXT, kind TEXT,
    lat REAL, lon REAL, country_code TEXT, confidence REAL, PRIMARY KEY (article_id, position));
CREATE TABLE IF NOT EXISTS corrections (
    event_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT, note TEXT, corrected_at TEXT NOT NULL,
    PRIMARY KEY (event_id, field));
"""
# The articles another geomap or gazetteer extracted: parameters (gazetteer source hash, extractor hash).
STALE = "gazetteer_source_hash IS NOT ? OR extractor_hash IS NOT ?"
# Schema 1 -> 2: the columns a store needs to re-extract its articles without their files.
MIGRATION_2 = ("text TEXT", "body_start INTEGER", "published_from TEXT", "extractor_hash TEXT")


def run_time() -> str:
    """Now, in UTC to the second; ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


_pauses: dict[str, int] = defaultdict(int)


def _pause_point(name: str) -> None:
    """Crash-test hook: with ``GEOMAP_STORE_PAUSE_AT=name[:n]`` the process announces the n-th
    arrival at ``name`` on stderr and sleeps, so a test can SIGKILL it in exactly that state."""
    wanted = os.environ.get(PAUSE_ENV)
    if not wanted:
        return
    point, _, count = wanted.partition(":")
    if point != name:
        return
    _pauses[name] += 1
    if _pauses[name] == int(count or 1):
        sys.stderr.write(f"geomap: paused at {name}\n")
        sys.stderr.flush()
        time.sleep(3600)






# -- the store -------------------------------------------------------------------------------------
def is_store(path: Path) -> bool:
    """Whether ``path`` is a geomap store (a GeoPackage with the ``articles`` table), not an export.

    A run killed in the middle of a write leaves a hot journal beside the store, which a read-only
    connection cannot roll back (SQLite refuses to read the file then); the store is then opened for
    writing once, which rolls the unfinished transaction back, as the next run would.
    """
    path = Path(path)
    try:
        return _has_store_tables(sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, timeout=BUSY_SECONDS))
    except sqlite3.DatabaseError:
        if not path.with_name(path.name + "-journal").exists():
            return False
    try:
        return _has_store_tables(sqlite3.connect(path, timeout=BUSY_SECONDS))
    except sqlite3.DatabaseError:
        return False


def _has_store_tables(connection: sqlite3.Connection) -> bool:
    try:
        row = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('articles', 'article_events')"
        ).fetchone()
    finally:
        connection.close()
    return row[0] == 2


@dataclass(slots=True)
class AddResult:
    """What happened to one article offered to the store."""

    status: str  # added | replaced | unchanged
    events: int = 0


class EventStore:
    """A geomap event store. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection, *, busy_seconds: float) -> None:
        self.path = path
        self._db = connection
        self.busy_seconds = busy_seconds

    # -- opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False, busy_seconds: float = BUSY_SECONDS) -> EventStore:
        """Open the store at ``path`` (creating it when ``create``); InputError if it is not a store."""
        path = Path(path)
        if not path.exists():
            if not create:
                raise InputError(str(path), "no such store")
            _create(path)
        elif not is_store(path):
            raise InputError(str(path), "not a geomap store (a GeoPackage with an 'articles' table); "
                                        "give a new file name to start a store")
        connection = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None)
        connection.row_factory = sqlite3.Row
        store = cls(path, connection, busy_seconds=busy_seconds)
        try:
            version = store._meta("schema_version")
        except sqlite3.DatabaseError as error:
            connection.close()
            raise InputError(str(path), f"cannot read the store ({error})") from error
        if version and int(version) > SCHEMA_VERSION:
            connection.close()
            raise InputError(str(path), f"store schema {version} is newer than this geomap's ({SCHEMA_VERSION}); upgrade geomap")
        if version and int(version) < 2:
            store._migrate_to_2()
        return store

    def _migrate_to_2(self) -> None:
        """Add the columns re-extraction needs (empty for articles stored before: their text was not kept)."""
        with self._transaction() as db:
            present = {row[1] for row in db.execute("PRAGMA table_info(articles)")}
            for column in MIGRATION_2:
                if column.split()[0] not in present:
                    db.execute(f"ALTER TABLE articles ADD COLUMN {column}")
            db.execute("INSERT OR REPLACE INTO store_meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front (BEGIN IMMEDIATE) so two writers queue, not deadlock."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise OutputError(f"{self.path}: the store is busy: another geomap process has been writing to it "
                                  f"for over {self.busy_seconds:.0f} s; try again when it finishes") from error
            raise OutputError(f"{self.path}: cannot write to the store ({error})") from error
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            try:
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as error:
                self._db.execute("ROLLBACK")
                raise OutputError(f"{self.path}: cannot write to the store ({error})") from error

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, db: sqlite3.Connection, **values: str) -> None:
        db.executemany("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", values.items())

    # -- articles -----------------------------------------------------------------------------
    def stored_hash(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def is_unchanged(self, article: Article) -> bool:
        """Whether the article is stored with this very text (a re-run skips it)."""
        return self.stored_hash(article.id) == article.content_hash

    def add(self, article: Article, toponyms: Sequence[Toponym], events: Sequence[Event], *,
            gazetteer_source_hash: str | None = None, extractor_hash: str | None = None,
            reprocess: bool = False) -> AddResult:
        """Store one article's mentions and (un-merged) events, replacing its earlier version; one transaction.

        An article stored with the same text is left alone unless ``reprocess`` (a newer geomap or
        gazetteer extracted it again). Corrections made on the article's earlier events follow them
        to the events that replace them (:func:`_successor`).
        """
        with self._transaction() as db:
            row = db.execute("SELECT content_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
            if row and row[0] == article.content_hash and not reprocess:
                return AddResult("unchanged")
            status = "replaced" if row else "added"
            earlier = [event_from_record(json.loads(r[0])) for r in db.execute(
                "SELECT record FROM article_events WHERE article_id = ? ORDER BY position", (article.id,))]
            db.execute("DELETE FROM article_events WHERE article_id = ?", (article.id,))
            db.execute("DELETE FROM mentions WHERE article_id = ?", (article.id,))
            now = run_time()
            db.execute(
                "INSERT OR REPLACE INTO articles (id, content_hash, title, published, url, source, path, events, "
                "geomap_version, gazetteer_source_hash, added_at, text, body_start, published_from, extractor_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, article.content_hash, article.title,
                 article.published.isoformat() if article.published else None, article.url, article.source,
                 article.path, len(events), __version__, gazetteer_source_hash, now, article.text,
                 article.body_start, article.published_from, extractor_hash),
            )
            self._move_corrections(db, earlier, events)
            half = len(events) // 2
            self._insert_events(db, article.id, list(enumerate(events))[:half])
            _pause_point("mid_article")  # killed here: the article row and half its events are uncommitted
            self._insert_events(db, article.id, list(enumerate(events))[half:])
            db.executemany(
                'INSERT INTO mentions (article_id, position, start, "end", surface, usage, cue, label, place_id, '
                "place_name, kind, lat, lon, country_code, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(article.id, i, t.mention.start, t.mention.end, t.mention.surface, t.mention.usage.value, t.mention.cue,
                  t.mention.label, t.place.id if t.place else None, t.place.name if t.place else None,
                  t.place.kind.value if t.place else None, t.place.lat if t.place else None,
                  t.place.lon if t.place else None, t.place.country_code if t.place else None, t.confidence)
                 for i, t in enumerate(toponyms)],
            )
            values = {"changed_at": now, "geomap_version": __version__}
            if gazetteer_source_hash:
                values["gazetteer_source_hash"] = gazetteer_source_hash
            self._set_meta(db, **values)
        _pause_point("after_article")
        return AddResult(status, len(events))

    @staticmethod
    def _move_corrections(db: sqlite3.Connection, earlier: Sequence[Event], events: Sequence[Event]) -> None:
        """Re-key the corrections of an article's replaced events to their successors."""
        if not earlier:
            return
        corrected = {row[0] for row in db.execute("SELECT DISTINCT event_id FROM corrections")}
        for old in earlier:
            if old.id not in corrected:
                continue
            successor = successor_of(old, events)
            if successor is not None and successor.id != old.id:
                db.execute("UPDATE OR REPLACE corrections SET event_id = ? WHERE event_id = ?", (successor.id, old.id))

    def stale_ids(self, gazetteer_source_hash: str, extractor_hash: str) -> dict[str, bool]:
        """The articles another geomap or gazetteer extracted (or whose makers are unknown): their ids, each
        with whether the store kept its text (read one at a time with :meth:`stored_row`)."""
        rows = self._db.execute(f"SELECT id, text IS NOT NULL FROM articles WHERE {STALE} ORDER BY id",
                                (gazetteer_source_hash, extractor_hash))
        return {row[0]: bool(row[1]) for row in rows}

    def stored_row(self, article_id: str) -> dict[str, Any] | None:
        """One article's row, whole (its text too)."""
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return dict(row) if row is not None else None

    @staticmethod
    def stored_article(row: Mapping[str, Any]) -> Article | None:
        """The article as stored, to extract again; None when its text was not kept (stored before schema 2)."""
        if row.get("text") is None:
            return None
        published = datetime.fromisoformat(row["published"]) if row.get("published") else None
        return Article(id=row["id"], text=row["text"], content_hash=row["content_hash"], title=row.get("title"),
                       published=published, url=row.get("url"), source=row.get("source"), path=row.get("path"),
                       body_start=row.get("body_start") or 0, published_from=row.get("published_from"))

    @staticmethod
    def _insert_events(db: sqlite3.Connection, article_id: str, numbered: Sequence[tuple[int, Event]]) -> None:
        db.executemany(
            "INSERT INTO article_events (article_id, position, event_id, event_type, status, date, place_id, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, i, e.id, e.event_type, e.status, e.date.isoformat() if e.date else None,
              e.place.id if e.place else None, json.dumps(event_record(e), ensure_ascii=False)) for i, e in numbered],
        )

    def article_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self._db.execute("SELECT * FROM articles ORDER BY id")]

    def raw_events(self) -> list[Event]:
        """Every stored article's own events, before merging."""
        return [event for batch in self._raw_batches() for event in batch]

    def _raw_batches(self, where: str = "", parameters: Sequence[Any] = ()) -> Iterator[list[Event]]:
        """Stored articles' own events, a few thousand at a time (a store may hold millions)."""
        rows = self._db.execute(f"SELECT record FROM article_events {where} ORDER BY article_id, position", parameters)
        while batch := rows.fetchmany(5000):
            yield [event_from_record(json.loads(row[0])) for row in batch]

    def _raw_by_id(self, ids: Iterable[str]) -> dict[str, Event]:
        wanted = sorted(set(ids))
        found: dict[str, Event] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            where = f"WHERE event_id IN ({', '.join('?' * len(chunk))})"
            for batch in self._raw_batches(where, chunk):
                found.update((event.id, event) for event in batch)
        return found

    # -- events out ---------------------------------------------------------------------------
    def events(self, *, corrected: bool = True) -> list[Event]:
        """The merged events of all stored articles, corrections applied (unless ``corrected=False``)."""
        return list(self.merged_events(corrected=corrected))

    def merged_events(self, *, corrected: bool = True, spill_after: int | None = None) -> Iterator[Event]:
        """:meth:`events` one at a time, in the same order, with memory bounded whatever the store holds.

        The stored reports wait for the merge in a :class:`~geomap.events.spill.MergeSpool` (on disk past
        ``spill_after``), exactly as ``merge_events`` over all of them: merging sees all sources at once, as a
        single run over all the articles would, which is what makes runs add up. Corrections are few: the
        merged events they can reach are found in a first pass over the merged events and corrected, then
        set in their places among the others in a second.
        """
        import heapq

        from geomap.events.merge import sort_key
        from geomap.events.spill import DEFAULT_SPILL_AFTER, MergeSpool

        with MergeSpool(DEFAULT_SPILL_AFTER if spill_after is None else spill_after) as spool:
            for batch in self._raw_batches():
                spool.add(batch)
            corrections = self.corrections() if corrected else []
            if not corrections:
                yield from spool.merged()
                return
            targets = {c.event_id for c in corrections}
            raw_by_id = self._raw_by_id(targets)
            articles = {e.sources[0].article_id for e in raw_by_id.values() if e.sources}
            reachable = [e for e in spool.merged()
                         if e.id in targets or any(s.article_id in articles for s in e.sources)]
            raw_by_id.update(self._raw_by_id(e.id for e in reachable if e.id not in raw_by_id))
            changes = correction_plan(corrections, reachable, raw_by_id)
            changed = sorted((e for e in (with_corrections(event, changes) for event in reachable if event.id in changes)
                              if e is not None), key=sort_key)
            yield from heapq.merge((e for e in spool.merged() if e.id not in changes), changed, key=sort_key)

    def features(self) -> list[dict[str, Any]]:
        from geomap.exports.geojson import feature

        return [feature(e) for e in self.events()]

    @property
    def schema_version(self) -> str | None:
        return self._meta("schema_version")

    def provenance(self) -> dict[str, str]:
        """geomap version, the gazetteer hash of the last run, and the time the store last changed.

        The time is when the data last changed, not when it was read, so exporting an unchanged
        store twice gives byte-identical files.
        """
        return {"geomap_version": __version__,
                "gazetteer_source_hash": self._meta("gazetteer_source_hash") or "",
                "run_at": self._meta("changed_at") or ""}

    # -- corrections --------------------------------------------------------------------------
    def corrections(self) -> list[Correction]:
        rows = self._db.execute("SELECT * FROM corrections ORDER BY event_id, field")
        return [Correction(r["event_id"], r["field"], r["value"], r["note"], r["corrected_at"]) for r in rows]

    def correct(self, event_id: str, *, wrong: bool | None = None, event_type: str | None = None,
                place: Place | None = None, note: str | None = None, undo: bool = False) -> list[Correction]:
        """Record corrections of one event (by the id outputs show); they are applied on every render.

        ``undo`` removes the event's corrections. Raises InputError for an unknown event or type.
        """
        from geomap.events.taxonomy import load_taxonomy

        known = {e.id for e in self.events(corrected=False)} | {
            row[0] for row in self._db.execute("SELECT event_id FROM article_events")}
        if event_id not in known and not undo:
            raise InputError(str(self.path), f"no event with id {event_id!r} in the store")
        if event_type is not None and event_type not in load_taxonomy().ids:
            raise InputError(str(self.path), f"unknown event type {event_type!r} "
                                             f"(known: {', '.join(load_taxonomy().ids)})")
        now = run_time()
        rows = []
        if wrong:
            rows.append((event_id, "wrong", "true", note, now))
        if event_type is not None:
            rows.append((event_id, "event_type", event_type, note, now))
        if place is not None:
            rows.append((event_id, "place", json.dumps(place_record(place), ensure_ascii=False), note, now))
        with self._transaction() as db:
            if undo:
                db.execute("DELETE FROM corrections WHERE event_id = ?", (event_id,))
            db.executemany("INSERT OR REPLACE INTO corrections VALUES (?, ?, ?, ?, ?)", rows)
            self._set_meta(db, changed_at=now)
        return [Correction(*row) for row in rows]

    # -- the spatial layer --------------------------------------------------------------------
    def refresh_layer(self, features: Iterable[Mapping[str, Any]] | None = None) -> int:
        """Rewrite the ``events`` layer from the store, in one transaction; returns the event count.

        ``features``: the store's merged events as GeoJSON features, if already at hand (see
        :class:`LayerWriter` to give them one at a time while they are written elsewhere too).
        """
        if features is None:
            from geomap.exports.geojson import feature

            features = (feature(e) for e in self.merged_events())
        with LayerWriter(self) as layer:
            for one in features:
                layer.add(one)
            return layer.commit()

    def _swap_layer(self, scratch: Path, bounds: Sequence[float | None]) -> None:
        """Replace the ``events`` layer's rows with the scratch GeoPackage's, in one transaction."""
        import pyogrio

        from geomap.exports.table import frame_from_features

        columns = [row[1] for row in sqlite3.connect(scratch).execute(f'PRAGMA table_info("{LAYER}")')]
        current = [row[1] for row in self._db.execute(f'PRAGMA table_info("{LAYER}")')]
        if columns != current:
            # A newer schema (or a missing layer): let GDAL recreate the layer, then fill it below.
            pyogrio.write_dataframe(frame_from_features([]), self.path, layer=LAYER, driver="GPKG", geometry_type="Point",
                                    layer_options={"SPATIAL_INDEX": "NO", "OVERWRITE": "YES"})
        names = ", ".join(f'"{c}"' for c in columns if c != "fid")
        self._db.execute("ATTACH DATABASE ? AS scratch", (str(scratch),))
        try:
            with self._transaction() as db:
                db.execute(f'DELETE FROM main."{LAYER}"')
                db.execute(f'INSERT INTO main."{LAYER}" ({names}) SELECT {names} FROM scratch."{LAYER}" ORDER BY fid')
                _pause_point("layer_swap")  # killed here: the old layer comes back
                db.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
                           "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
                           (*bounds, LAYER))
        finally:
            self._db.execute("DETACH DATABASE scratch")


LAYER_PART = 10_000  # features converted and written at a time


class LayerWriter:
    """The store's ``events`` layer rebuilt a part at a time: a store of millions of events is never one
    table in memory.

    pyogrio writes the rows into a scratch GeoPackage (so GDAL encodes the geometries), ``LAYER_PART`` at
    a time, and :meth:`commit` swaps them into the store in one SQLite transaction: a reader or a crash
    sees the old layer or the new one, never a mix. Use as a context manager (the scratch file is removed).
    """

    def __init__(self, store: EventStore) -> None:
        self._store = store
        self._folder = Path(tempfile.mkdtemp(prefix="geomap-layer-"))
        self._scratch = self._folder / "layer.gpkg"
        self._part: list[Mapping[str, Any]] = []
        self._written = False
        self.count = 0
        self.bounds: list[float | None] = [None, None, None, None]

    def __enter__(self) -> LayerWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)

    def add(self, feature: Mapping[str, Any]) -> None:
        self._part.append(feature)
        if len(self._part) >= LAYER_PART:
            self._flush()

    def _flush(self) -> None:
        import pyogrio

        from geomap.exports.table import frame_from_features

        frame = frame_from_features(self._part)
        pyogrio.write_dataframe(frame, self._scratch, layer=LAYER, driver="GPKG", geometry_type="Point",
                                append=self._written, layer_options={} if self._written else {"SPATIAL_INDEX": "NO"})
        self._written = True
        self._part = []
        self.count += len(frame)
        if frame.geometry.notna().any():
            found = [float(v) for v in frame.geometry.dropna().total_bounds]
            self.bounds = [v if old is None else pick(old, v) for old, v, pick in
                           zip(self.bounds, found, (min, min, max, max), strict=True)]

    def commit(self) -> int:
        """Swap the written rows in; returns how many there are."""
        if self._part or not self._written:
            self._flush()
        self._store._swap_layer(self._scratch, self.bounds)
        return self.count


def _create(path: Path) -> None:
    """A new, empty store: GDAL makes the GeoPackage and its empty ``events`` layer, then our tables.

    Built under a temporary name and linked into place, so two runs starting a store at once
    end up sharing one complete file.
    """
    import pyogrio

    from geomap.exports.table import frame_from_features

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise OutputError(f"{path.parent}: cannot create a store here ({error.strerror or error})") from error
    scratch = Path(folder) / path.name
    try:
        pyogrio.write_dataframe(frame_from_features([]), scratch, layer=LAYER, driver="GPKG", geometry_type="Point",
                                layer_options={"SPATIAL_INDEX": "NO"})
        connection = sqlite3.connect(scratch, isolation_level=None)
        connection.executescript(f"BEGIN; {SCHEMA} COMMIT;")
        connection.execute("INSERT INTO store_meta VALUES ('schema_version', ?), ('created_at', ?)",
                           (str(SCHEMA_VERSION), run_time()))
        connection.close()
        os.chmod(scratch, 0o644)
        try:
            os.link(scratch, path)  # fails if another process made the store first: then use theirs
        except FileExistsError:
            pass
    except OSError as error:
        raise OutputError(f"{path}: cannot create the store ({error.strerror or error})") from error
    finally:
        scratch.unlink(missing_ok=True)
        os.rmdir(folder)

"""Events waiting for the cross-article merge, on disk once there are many: flat memory at any corpus size.

:func:`geomap.events.merge.merge_events` needs every event of a run at once, and so did a run: a
year of wire copy would not fit in memory. :class:`MergeSpool` holds a run's events in memory up to
``spill_after``, exactly as before, and beyond that writes them to a SQLite file in the system's
temporary folder, compressed, each article's body sketch once. The merge then sweeps through time,
and its result is exactly ``merge_events`` over all the events:

1. **Copies.** Near-copies are found as :func:`geomap.events.copies.copy_groups` finds them (the same
   MinHash bands, the same overlap test, the same group keys), with the bands in a table that SQLite
   groups on disk instead of a dictionary of every band of every article.
2. **Pairs.** ``merge_events`` compares only events of one block (:func:`geomap.events.merge._block_keys`:
   type family and country, or article and text for events without a place), of one part of it
   (:func:`geomap.events.pairs.place_key`), within the days their precisions allow
   (:func:`geomap.events.pairs.pair_window`). Here the same pairs are found by the same finder from each key's
   rows read in day order, holding only the last window of days (:class:`geomap.events.pairs.KeyScan`), with
   the events themselves read
   through a bounded cache. The pairs ``same_happening`` accepts go to a table, with the day the merge
   visits them at (:func:`geomap.events.merge.sweep_day`).
3. **The sweep.** Complete linkage visits the accepted pairs in time, as ``merge_marked`` does. A group
   none of whose members has a pair left to visit can never change: it is merged, written out and
   forgotten, so the sweep holds only the groups of the last few weeks of reports, whatever the
   corpus. The merged events are read back in ``merge_events``' order.

Memory is then bounded by the reports of a window of days, not by the corpus (three arrays of 8 bytes
an event index the events). Events kept on disk lose their body sketches (the merge has used them, and no
output shows them); everything else is as in memory.
"""

from __future__ import annotations

import heapq
import pickle
import shutil
import sqlite3
import tempfile
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

from geomap.errors import OutputError
from geomap.events.copies import BAND_ROWS, COPY_THRESHOLD, SKETCH_SIZE, estimated_overlap
from geomap.events.merge import combine, merge_events, same_happening, sort_key, sweep_day
from geomap.events.pairs import key_rows, scan_keys
from geomap.records import Event, SourceRef

DEFAULT_SPILL_AFTER = 10_000  # events held in memory before the merge goes to disk (about 4 KB each)
GROUP_CACHE = 65_536  # articles whose copy group is kept in memory while merging
BATCH = 5_000  # rows read or written at a time

_SCHEMA = """
CREATE TABLE sources (number INTEGER PRIMARY KEY, article_id TEXT UNIQUE, content_hash TEXT, sketch BLOB,
                      shingles INTEGER);
CREATE TABLE bands (band INTEGER, first INTEGER, second INTEGER, source INTEGER);
CREATE INDEX bands_source ON bands (source);
CREATE TABLE roots (number INTEGER PRIMARY KEY, root INTEGER);
CREATE TABLE groups (article_id TEXT PRIMARY KEY, key TEXT);
CREATE TABLE events (number INTEGER PRIMARY KEY, id TEXT, record BLOB);
CREATE TABLE keys (key TEXT, day INTEGER, number INTEGER, placed INTEGER, precision TEXT, wide INTEGER);
CREATE TABLE pairs (day INTEGER, first INTEGER, second INTEGER, PRIMARY KEY (first, second)) WITHOUT ROWID;
CREATE TABLE merged (day TEXT, type TEXT, place TEXT, id TEXT, record BLOB);
"""


def _pack(event: Event) -> bytes:
    return zlib.compress(pickle.dumps(event, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(record: bytes) -> Event:
    return pickle.loads(zlib.decompress(record))


def _root(parent: array, i: int) -> int:
    """Union-find: the root of ``i``, halving the path on the way."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


class MergeSpool:
    """A run's events until the merge; ``merged()`` gives what ``merge_events`` gives over all of them.

    ``spill_after``: events held in memory before they go to disk (0: straight to disk); ``folder``:
    where the temporary SQLite file goes (the system's temporary folder by default). Use as a context
    manager, or call ``close()``: the file is removed.
    """

    def __init__(self, spill_after: int = DEFAULT_SPILL_AFTER, folder: Path | None = None) -> None:
        self.spill_after = spill_after
        self.folder = folder
        self._held: list[Event] = []
        self._directory: Path | None = None
        self._db: sqlite3.Connection | None = None
        self._events = 0
        self._merged: list[Event] | None = None  # merged in memory
        self._done = False  # merged on disk
        self.peak_held = 0  # the most events the merge's sweep held at once (when spilled)
        self._group_of: Callable[[str], str | None] = self._group_lookup  # cached once the groups are known

    @property
    def spilled(self) -> bool:
        return self._db is not None

    def __enter__(self) -> MergeSpool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None

    def add(self, events: Sequence[Event]) -> None:
        """One article's events (or any events): kept until :meth:`merged`."""
        if self._merged is not None or self._done:
            raise RuntimeError("events added to a MergeSpool after its merge")
        try:
            if self._db is None:
                self._held.extend(events)
                if len(self._held) > self.spill_after:
                    self._open()
                    self._write(self._held)
                    self._held = []
            else:
                self._write(events)
        except (sqlite3.Error, OSError) as error:  # no room in the temporary folder, or none to write in
            raise self._failed(error) from error

    def merged(self) -> Iterator[Event]:
        """The merged events, in ``merge_events``' order (merged once: later calls read them again)."""
        if self._db is None:
            if self._merged is None:
                self._merged = merge_events(self._held)
            yield from self._merged
            return
        db = self._db
        try:
            if not self._done:
                db.commit()
                self._copy_groups()
                self._group_of = lru_cache(maxsize=GROUP_CACHE)(self._group_lookup)
                rank, numbers = self._ranks()
                self._sweep(numbers, self._accepted_pairs(rank))
                self._done = True
            rows = db.execute("SELECT record FROM merged ORDER BY day, type, place, id")
            for (record,) in rows:
                yield _unpack(record)
        except sqlite3.Error as error:
            raise self._failed(error) from error

    def _failed(self, error: Exception) -> OutputError:
        folder = self._directory or self.folder or Path(tempfile.gettempdir())
        return OutputError(f"the merge's temporary file in {folder} failed ({error}); free some disk space there, "
                           "point TMPDIR at a larger disk, or raise --spill-after to keep more events in memory")

    # -- writing ------------------------------------------------------------------------------
    def _open(self) -> None:
        self._directory = Path(tempfile.mkdtemp(prefix="geomap-merge-", dir=self.folder))
        self._db = sqlite3.connect(self._directory / "spool.sqlite", isolation_level=None)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;" + _SCHEMA)
        self._db.execute("BEGIN")

    def _write(self, events: Iterable[Event]) -> None:
        db = self._db
        assert db is not None
        rows = []
        seen: set[int] = set()  # an article's events share one SourceRef
        for event in events:
            for source in event.sources:
                if id(source) not in seen:
                    seen.add(id(source))
                    self._add_source(source)
            self._events += 1
            stripped = replace(event, sources=tuple(replace(s, body_sketch=(), body_shingles=0) for s in event.sources))
            rows.append((self._events, event.id, _pack(stripped)))
        db.executemany("INSERT INTO events VALUES (?, ?, ?)", rows)

    def _add_source(self, source: SourceRef) -> None:
        """An article's sketch, once; as in ``copy_groups``, the last sketched source of an article id counts."""
        db = self._db
        assert db is not None
        row = db.execute("SELECT number, content_hash, sketch FROM sources WHERE article_id = ?", (source.article_id,)).fetchone()
        if not source.body_sketch:
            if row is None:
                db.execute("INSERT INTO sources (article_id, content_hash, sketch, shingles) VALUES (?, ?, NULL, ?)",
                           (source.article_id, source.content_hash, source.body_shingles))
            return
        sketch = np.asarray(source.body_sketch, dtype=np.uint64).tobytes()
        if row is not None and (row[1], row[2]) == (source.content_hash, sketch):
            return
        if row is None:
            number = db.execute("INSERT INTO sources (article_id, content_hash, sketch, shingles) VALUES (?, ?, ?, ?)",
                                (source.article_id, source.content_hash, sketch, source.body_shingles)).lastrowid
        else:
            number = row[0]
            db.execute("UPDATE sources SET content_hash = ?, sketch = ?, shingles = ? WHERE number = ?",
                       (source.content_hash, sketch, source.body_shingles, number))
            db.execute("DELETE FROM bands WHERE source = ?", (number,))
        db.executemany("INSERT INTO bands VALUES (?, ?, ?, ?)", [
            (band, int(source.body_sketch[band]), int(source.body_sketch[band + 1]) if BAND_ROWS > 1 else 0, number)
            for band in range(0, SKETCH_SIZE, BAND_ROWS)])

    # -- 1. copies ------------------------------------------------------------------------------
    def _copy_groups(self) -> None:
        """Fill ``groups`` (article id -> copy group key) as :func:`geomap.events.copies.copy_groups` gives it
        over the same sources."""
        db = self._db
        assert db is not None
        db.execute("CREATE INDEX bands_bucket ON bands (band, first, second)")
        size = db.execute("SELECT coalesce(max(number), 0) FROM sources").fetchone()[0]
        parent = array("q", range(size + 1))

        def root(i: int) -> int:
            return _root(parent, i)

        @lru_cache(maxsize=8192)
        def source(number: int) -> SourceRef:
            article_id, sketch, shingles = db.execute(
                "SELECT article_id, sketch, shingles FROM sources WHERE number = ?", (number,)).fetchone()
            values = tuple(int(v) for v in np.frombuffer(sketch, dtype=np.uint64))
            return SourceRef(article_id, body_sketch=values, body_shingles=shingles)

        buckets = db.execute("SELECT group_concat(source) FROM bands GROUP BY band, first, second HAVING count(*) > 1")
        for (members,) in buckets:
            numbers = [int(m) for m in members.split(",")]
            for k, a in enumerate(numbers):
                for b in numbers[k + 1:]:
                    if root(a) != root(b) and estimated_overlap(source(a), source(b)) >= COPY_THRESHOLD:
                        parent[root(a)] = root(b)
        numbers = [n for (n,) in db.execute("SELECT number FROM sources WHERE sketch IS NOT NULL")]
        db.executemany("INSERT INTO roots VALUES (?, ?)", ((n, root(n)) for n in numbers))
        # A group of two or more, keyed by its smallest text (content hash, else article id; SQLite compares
        # text as UTF-8 bytes, which orders as Python orders strings).
        db.execute("""
            INSERT INTO groups
            SELECT s.article_id, g.key FROM sources s JOIN roots r ON r.number = s.number
            JOIN (SELECT r2.root AS root, min(coalesce(s2.content_hash, s2.article_id)) AS key FROM sources s2
                  JOIN roots r2 ON r2.number = s2.number GROUP BY r2.root HAVING count(*) > 1) g ON g.root = r.root""")

    # -- 2. pairs and partitions ------------------------------------------------------------------
    def _group_lookup(self, article_id: str) -> str | None:
        assert self._db is not None
        row = self._db.execute("SELECT key FROM groups WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def _marked(self, record: bytes) -> Event:
        """An event read back, its sources marked with their copy groups (as ``mark_copies`` marks them)."""
        event = _unpack(record)
        return replace(event, sources=tuple(replace(s, text_group=self._group_of(s.article_id)) for s in event.sources))

    def _ranks(self) -> tuple[array, array]:
        """Each event's place in id order (``merge_marked`` numbers events so) and the event number at each place."""
        db = self._db
        assert db is not None
        numbers = array("q", (n for (n,) in db.execute("SELECT number FROM events ORDER BY id, number")))
        rank = array("q", bytes(8 * (self._events + 1)))
        for position, number in enumerate(numbers):
            rank[number] = position
        return rank, numbers

    def _accepted_pairs(self, rank: array) -> array:
        """Fill ``pairs`` with every pair ``merge_marked`` finds (ranks, smaller first) and the day the sweep
        visits it at; return, per rank, the last day any of its pairs is visited (-1: it has none)."""
        db = self._db
        assert db is not None
        rows = []
        for number, record in db.execute("SELECT number, record FROM events"):
            event = self._marked(record)
            rows.extend(key_rows(event, number))
            if len(rows) >= BATCH:
                db.executemany("INSERT INTO keys VALUES (?, ?, ?, ?, ?, ?)", rows)
                rows = []
        db.executemany("INSERT INTO keys VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.execute("CREATE INDEX keys_order ON keys (key, day, number)")
        last = array("q", [-1]) * self._events
        found: list[tuple[int, int, int]] = []

        @lru_cache(maxsize=20_000)
        def event(number: int) -> Event:
            (record,) = db.execute("SELECT record FROM events WHERE number = ?", (number,)).fetchone()
            return self._marked(record)

        def join(a: int, b: int) -> None:
            if rank[b] < rank[a]:  # in merge_marked's order: its actor test is one-sided for unknown names
                a, b = b, a
            first, second = event(a), event(b)
            if same_happening(first, second):
                day = max(sweep_day(first), sweep_day(second))
                found.append((day, rank[a], rank[b]))
                for r in (rank[a], rank[b]):
                    last[r] = max(last[r], day)
                if len(found) >= BATCH:
                    db.executemany("INSERT OR IGNORE INTO pairs VALUES (?, ?, ?)", found)
                    found.clear()

        query = "SELECT key, day, number, placed, precision, wide FROM keys ORDER BY key, day, number"
        scan_keys(((key, day, number, bool(placed), precision, bool(wide))
                   for key, day, number, placed, precision, wide in db.execute(query)), join)
        db.executemany("INSERT OR IGNORE INTO pairs VALUES (?, ?, ?)", found)
        db.execute("CREATE INDEX pairs_second ON pairs (second)")
        db.execute("CREATE INDEX pairs_sweep ON pairs (day, first, second)")
        return last

    # -- 3. the sweep ---------------------------------------------------------------------------
    def _sweep(self, numbers: array, last: array) -> None:
        """Complete linkage as ``merge_marked`` does it, pair by pair in its order (day, then ranks), holding
        only the groups that still have a pair to come: a group whose members' last pairs lie behind the
        sweep can never change, so it is merged, written to ``merged`` and forgotten. An event enters when
        the sweep first meets it, with the set of events it may share a group with (its accepted pairs):
        everything complete linkage asks about two groups of held events."""
        db = self._db
        assert db is not None
        group: dict[int, int] = {}  # rank -> its group (the group's smallest rank)
        members: dict[int, list[int]] = {}
        near: dict[int, set[int]] = {}
        ends: dict[int, int] = {}  # group -> the last day of its members' pairs
        queue: list[tuple[int, int]] = []  # (end, group), stale entries skipped
        out: list[tuple[str, str, str, str, bytes]] = []

        def enter(r: int) -> None:
            if r in group:
                return
            group[r], members[r], ends[r] = r, [r], last[r]
            self.peak_held = max(self.peak_held, len(group))
            near[r] = {x for (x,) in db.execute("SELECT second FROM pairs WHERE first = ?", (r,))}
            near[r].update(x for (x,) in db.execute("SELECT first FROM pairs WHERE second = ?", (r,)))
            heapq.heappush(queue, (last[r], r))

        def emit(ranks: list[int]) -> None:
            out.append(self._merged_row([self._read(numbers[r]) for r in ranks]))
            if len(out) >= BATCH:
                db.executemany("INSERT INTO merged VALUES (?, ?, ?, ?, ?)", out)
                out.clear()

        def settle(before: int | None) -> None:
            while queue and (before is None or queue[0][0] < before):
                end, g = heapq.heappop(queue)
                if ends.get(g) != end:
                    continue  # merged into another group since
                del ends[g]
                for r in members[g]:
                    del group[r], near[r]
                emit(members.pop(g))

        for day, first, second in db.execute("SELECT day, first, second FROM pairs ORDER BY day, first, second"):
            settle(day)
            enter(first)
            enter(second)
            a, b = group[first], group[second]
            if a != b and all(y in near[x] for x in members[a] for y in members[b]):
                keep, gone = min(a, b), max(a, b)
                for r in members[gone]:
                    group[r] = keep
                members[keep].extend(members.pop(gone))
                ends[keep] = max(ends[keep], ends.pop(gone))
                heapq.heappush(queue, (ends[keep], keep))
        settle(None)
        for r, end in enumerate(last):
            if end < 0:  # no pair: the event is merged with nothing
                emit([r])
        db.executemany("INSERT INTO merged VALUES (?, ?, ?, ?, ?)", out)
        db.execute("CREATE INDEX merged_order ON merged (day, type, place, id)")

    def _read(self, number: int) -> Event:
        assert self._db is not None
        (record,) = self._db.execute("SELECT record FROM events WHERE number = ?", (number,)).fetchone()
        return self._marked(record)

    @staticmethod
    def _merged_row(group: list[Event]) -> tuple[str, str, str, str, bytes]:
        event = combine(group)
        day, event_type, place, event_id = sort_key(event)
        return (day or date.min).isoformat(), event_type, place, event_id, _pack(event)

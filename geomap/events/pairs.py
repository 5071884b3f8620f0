"""Which pairs of events the merge compares: the keys an event is compared within, and the pairs of a key's
events within the days two reports of one happening can lie apart.

``same_happening`` (:mod:`geomap.events.merge`) decides; this only leaves out pairs it can never accept, so a
merge visits O(n·k) pairs, not O(n²). One finder serves the merge in memory and the merge on disk
(:mod:`geomap.events.spill`): each event gives its keys (:func:`pair_keys`), the rows of one key are read in
day order, and :class:`KeyScan` pairs each row with the rows of the last window of days before it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from geomap.events.frames import family_key
from geomap.records import Event, PlaceKind, SourceRef

PRECISION_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}

# The widest date window ``merge._dates_compatible`` allows between two events finer than a year; year-precise
# events (background history) sit in blocks of their own, with a year's window.
MAX_WINDOW_DAYS = max(v for k, v in PRECISION_DAYS.items() if k != "year") + 2
YEAR_WINDOW_DAYS = PRECISION_DAYS["year"] + 2


def place_key(event: Event) -> str | None:
    """Within a block, which located events can share a place (``merge._places_compatible``, by
    :meth:`Place.holds`, which reads codes): a town, a district or a first-level region only with the places
    of its first-level region (which holds its towns and districts); a sea or a landmark only with itself.
    None for a country, which holds every place of its block (events there are compared with all of it)."""
    place = event.place
    if place is None or place.kind == PlaceKind.COUNTRY:
        return None
    if place.kind in (PlaceKind.PLACE, PlaceKind.ADMIN1, PlaceKind.ADMIN2) and place.admin1_code:
        return f"admin1 {place.admin1_code}"
    return f"place {place.id}"


def pair_window(first: str, second: str, yearly: bool) -> int:
    """The widest day difference ``merge._dates_compatible`` can accept between two precisions (a month's
    containment test, and year-precise history, take the block's whole window)."""
    if yearly:
        return YEAR_WINDOW_DAYS
    if "month" in (first, second):
        return MAX_WINDOW_DAYS
    return max(PRECISION_DAYS.get(first, 1), PRECISION_DAYS.get(second, 1)) + 2


def text_of(source: SourceRef) -> str | None:
    """The text a source carries: its copy group (near copies), else its content hash (exact copies)."""
    return source.text_group or source.content_hash


def pair_keys(event: Event) -> list[tuple[str, int]]:
    """(key, wide) of the groups an event is compared within, as ``merge_events`` blocks it: a placed, dated
    event in its place's part of its type family's country block (:func:`place_key`), and
    in the whole block, where a country's events (``wide``: they hold any place of it) meet it; every event
    in its article's and its text's group, for the events without a place or a date."""
    kind = family_key(event.event_type)
    yearly = int(event.date_precision == "year")
    keys: list[tuple[str, int]] = []
    if event.place is not None and event.date is not None:
        block = f"{kind}\t{event.place.country_code or '-'}\t{yearly}"
        part = place_key(event)
        keys.append((f"wide\t{block}", int(part is None)))
        if part is not None:
            keys.append((f"block\t{block}\t{part}", 0))
    names = [f"article\t{kind}\t{s.article_id}\t{yearly}" for s in event.sources]
    names += [f"text\t{kind}\t{text_of(s)}\t{yearly}" for s in event.sources if text_of(s)]
    keys.extend((name, 0) for name in dict.fromkeys(names))
    return keys


class KeyScan:
    """The pairs of one key's events that ``merge_events`` compares (a superset would be harmless:
    ``same_happening`` decides, and the sweep visits pairs in its own order), found as the key's rows
    arrive in day order (undated ones first), holding only the rows of the last window of days.

    ``block``: a place's part of a block, pairs within the window their two precisions allow
    (:func:`pair_window`); ``wide``: a whole block, each country's event with every event within the block's
    window; ``article`` and ``text``: two
    events without a place within their window, and an event without a date with every other placed like it
    (only those can be the same happening; placed and unplaced events never merge)."""

    def __init__(self, key: str, join: Callable[[int, int], None]) -> None:
        self.key = key
        self.join = join
        self.kind = key.split("\t", 1)[0]
        self.yearly = key.split("\t")[3] == "1" if self.kind in ("block", "wide") else key.endswith("\t1")
        self.reach = YEAR_WINDOW_DAYS if self.yearly else MAX_WINDOW_DAYS
        self.recent: deque[tuple[int, int, str]] = deque()  # (day, number, precision)
        # A whole block's country events apart: every other event meets only these, not the whole window.
        self.recent_wide: deque[tuple[int, int, str]] = deque()
        self.undated: list[tuple[int, bool]] = []  # (number, placed)

    def add(self, day: int | None, number: int, placed: bool, precision: str, wide: bool) -> None:
        if self.kind not in ("block", "wide"):
            for other, other_placed in self.undated:
                if other_placed == placed:
                    self.join(other, number)
            if day is None:
                self.undated.append((number, placed))
                return
            if placed:
                return  # a placed event meets others of its article here only through an undated one
        assert day is not None
        for window in (self.recent, self.recent_wide):
            while window and window[0][0] < day - self.reach:
                window.popleft()
        if self.kind == "wide":
            for _, other, _ in self.recent if wide else self.recent_wide:
                self.join(other, number)
            if wide:
                self.recent_wide.append((day, number, precision))
        else:
            for other_day, other, other_precision in self.recent:
                if day - other_day <= pair_window(precision, other_precision, self.yearly):
                    self.join(other, number)
        self.recent.append((day, number, precision))


# A row of a key: (key, day ordinal or None, number, placed, precision, wide).
KeyRow = tuple[str, "int | None", int, bool, str, bool]


def key_rows(event: Event, number: int) -> list[KeyRow]:
    """The rows an event gives :func:`scan_keys`, one a key it is compared within (:func:`pair_keys`)."""
    day = event.date.toordinal() if event.date is not None else None
    return [(key, day, number, event.place is not None, event.date_precision or "day", bool(wide))
            for key, wide in pair_keys(event)]


def scan_keys(rows: Iterable[KeyRow], join: Callable[[int, int], None]) -> None:
    """Call ``join(earlier, later)`` on every pair of numbers the merge compares. ``rows`` come ordered by
    key, then day (undated first), then number."""
    scan: KeyScan | None = None
    for key, day, number, placed, precision, wide in rows:
        if scan is None or key != scan.key:
            scan = KeyScan(key, join)
        scan.add(day, number, placed, precision, wide)

"""One event per real-world happening: merge reports of the same event across articles.

Two events are the same happening when their types agree (equal, or one is a generic
"attack"/"explosion" and the other a specific violent type), their places are compatible given
their precision (Helsinki lies in Finland; Sumy city lies in Sumy oblast), and their dates fall
within each other's window (a date that only repeats the publication day may match an event a
day or two earlier). Unlocated or undated events merge across articles only when their articles are
copies of one text (type and date alone join unrelated stories, and an undated report may be of another
year); background events never merge with current ones. Merging is
complete linkage over that relation, visiting pairs in the order of their days and then of their
events' ids, so the result does not depend on the order articles arrive in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from geomap.events.classify import SPECIFICITY
from geomap.events.copies import mark_copies
from geomap.events.frames import GENERIC_TYPES, PLACE_RANK, TYPE_RANK, one_happening
from geomap.events.pairs import PRECISION_DAYS, key_rows, scan_keys, text_of
from geomap.gazetteer.names import skeleton
from geomap.records import Event, Place, PlaceKind


def _inside(small: Place, large: Place) -> bool:
    return small.id == large.id or large.holds(small)


def _places_compatible(a: Place | None, b: Place | None, *, same_article: bool) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if same_article and a.id != b.id and PlaceKind.COUNTRY not in (a.kind, b.kind):
        return False  # one article naming two places at two precisions reports two things
    return _inside(a, b) or _inside(b, a)


def _date_window(event: Event) -> int:
    days = PRECISION_DAYS.get(event.date_precision or "day", 1)
    if dict(event.details).get("date_from") in ("publication", "document date"):
        days += 2  # reported "today" may mean yesterday's event
    return days


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return True
    if (a.date_precision == "year") != (b.date_precision == "year"):
        return False  # "in 2019" is history; a dated report is news (and they sit in different blocks)
    for coarse, fine in ((a, b), (b, a)):
        if coarse.date_precision == "month":
            # "last month" is that month, not the 31 days around the day it was computed from: a report of
            # today's deal is not the deal welcomed last month. A date that only repeats the publication
            # day may be an event a day or two earlier.
            slack = _date_window(fine) - 1 if fine.date_precision == "day" else 0
            return any(_month(fine.date - timedelta(days=d)) == _month(coarse.date) for d in range(slack + 1))
    return abs((a.date - b.date).days) <= max(_date_window(a), _date_window(b))


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


@lru_cache(maxsize=65536)
def _actor_keys(actors: tuple[str, ...]) -> frozenset[str]:
    """Spelling-insensitive actor names (cached: merging compares each event with many others)."""
    return frozenset(skeleton(x) for x in actors)


def _actors_compatible(a: Event, b: Event) -> bool:
    if a.toponym is not None:
        return True
    actors_a = _actor_keys(a.actors)
    actors_b = _actor_keys(b.actors)
    if not actors_a or not actors_b:
        return actors_a == actors_b
    return len(actors_a & actors_b) >= min(2, len(actors_a), len(actors_b)) and (actors_a <= actors_b or actors_b <= actors_a or len(actors_a & actors_b) >= 2)


def _copies(a: Event, b: Event) -> bool:
    """Some source of ``a`` and some source of ``b`` are copies of one text (exact or near)."""
    groups_a = {text_of(s) for s in a.sources} - {None}
    return any(text_of(s) in groups_a for s in b.sources)


def same_happening(a: Event, b: Event) -> bool:
    same_article = a.sources[0].article_id == b.sources[0].article_id
    if not same_article and (a.place is None and b.place is None or a.date is None or b.date is None) and not _copies(a, b):
        # Unrelated stories share types and dates all the time, and two undated reports of shelling in one
        # town may be years apart: across articles, such events merge only when the texts are copies.
        return False
    if (a.status == "background") != (b.status == "background"):
        return False  # history recalled is never the news of the day
    return (
        one_happening(a.event_type, b.event_type)
        and _places_compatible(a.place, b.place, same_article=same_article)
        and _dates_compatible(a, b)
        and _actors_compatible(a, b)
        # Within one sentence, extraction already split what differs.
        and not (same_article and a.evidence_span == b.evidence_span)
    )


def merge_events(events: Sequence[Event]) -> list[Event]:
    """Merge reports of the same happening; output sorted deterministically.

    Complete linkage: two groups merge only when every member of one is the same happening as
    every member of the other, so a vague report ("in Ukraine") cannot chain distinct events
    together. Pairs are visited in time (:func:`sweep_day`: at the later of their two days), then in
    event-id order; neither depends on the input order.

    Only pairs that can be the same happening are visited: events of one block (type family and
    country, see :func:`geomap.events.pairs.pair_keys`) whose dates lie within their window. That skips no pair
    ``same_happening`` accepts, so the groups are those of visiting every pair, in O(n·k) not O(n²).
    """
    return merge_marked(mark_copies(events))


def merge_marked(events: Sequence[Event]) -> list[Event]:
    """:func:`merge_events` over events whose sources already carry their copy groups (``mark_copies``
    over the whole run): the merge of one partition (see :mod:`geomap.events.spill`)."""
    ordered = sorted(events, key=lambda e: e.id)
    members: list[list[int]] = [[i] for i in range(len(ordered))]
    group_of = list(range(len(ordered)))
    pairs = _candidate_pairs(ordered)
    compatible = set(pairs)
    days = [sweep_day(e) for e in ordered]
    for i, j in sorted(pairs, key=lambda p: (max(days[p[0]], days[p[1]]), p)):
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        if all((min(x, y), max(x, y)) in compatible for x in members[a] for y in members[b]):
            keep, gone = min(a, b), max(a, b)
            for index in members[gone]:
                group_of[index] = keep
            members[keep].extend(members[gone])
            members[gone] = []
    merged = [combine([ordered[i] for i in group]) for group in members if group]
    return sorted(merged, key=sort_key)


def sweep_day(event: Event) -> int:
    """Where an event stands in the merge's sweep through time: its day (undated events first).

    A pair is visited at the later of its two days, so the groups a report can join are settled in
    the order things happened, and a group none of whose members has a pair left to visit is final:
    the merge of a year of news never needs more than the reports of a few weeks at once
    (:mod:`geomap.events.spill`)."""
    return event.date.toordinal() if event.date is not None else 0


def _candidate_pairs(ordered: Sequence[Event]) -> list[tuple[int, int]]:
    """Index pairs (i < j) that ``same_happening`` accepts, in the order the full double loop visits them:
    among the pairs :mod:`geomap.events.pairs` finds, the finder the merge on disk uses too."""
    rows = sorted((row for i, event in enumerate(ordered) for row in key_rows(event, i)),
                  key=lambda row: (row[0], row[1] is not None, row[1] or 0, row[2]))
    found: set[tuple[int, int]] = set()
    scan_keys(rows, lambda a, b: found.add((min(a, b), max(a, b))))
    return sorted(p for p in found if same_happening(ordered[p[0]], ordered[p[1]]))


def sort_key(event: Event) -> tuple:
    return (event.date or date.min, event.event_type, event.place.id if event.place else "", event.id)


def combine(group: list[Event]) -> Event:
    """The merged record: most precise place, best-founded date, all sources, details side by side."""
    if len(group) == 1:
        return group[0]

    def place_rank(e: Event) -> tuple:
        return (PLACE_RANK.get(e.place.kind, 9) if e.place else 10, -e.confidence, e.id)

    def date_rank(e: Event) -> tuple:
        origin = dict(e.details).get("date_from")
        return ({"text": 0, "publication": 1, "document date": 1}.get(origin or "", 2), e.date or date.max, e.id)

    best_place = min(group, key=place_rank)
    best_date = min(group, key=date_rank)
    sources = sorted({s for e in group for s in e.sources}, key=lambda s: s.article_id)
    specific = Counter(e.event_type for e in group if e.event_type not in GENERIC_TYPES)
    statuses = sorted({e.status for e in group})
    details = [("date_from", dict(best_date.details).get("date_from", ""))]
    if len(statuses) > 1:
        details.append(("statuses", ", ".join(statuses)))
    quantity_texts = sorted({q.text for e in group for q in e.quantities})
    if len({q.value for e in group for q in e.quantities}) > 1:
        details.append(("quantities reported", "; ".join(quantity_texts)))
    place_texts = sorted({e.toponym.mention.surface for e in group if e.toponym})
    if len(place_texts) > 1:
        details.append(("places as written", "; ".join(place_texts)))
    return replace(
        best_place,
        id=min(e.id for e in group),
        event_type=min(specific, key=lambda t: (TYPE_RANK.get(t, 0), -specific[t], -SPECIFICITY.get(t, 0), t))
        if specific else best_place.event_type,
        status=best_place.status,
        date=best_date.date,
        date_precision=best_date.date_precision,
        sources=tuple(sources),
        confidence=round(min(0.99, max(e.confidence for e in group) + 0.05 * (len(sources) - 1)), 3),
        quantities=tuple(dict.fromkeys(q for e in group for q in e.quantities)),
        actors=tuple(dict.fromkeys(a for e in group for a in e.actors)),
        actor_classes=tuple(dict.fromkeys(a for e in group for a in e.actor_classes)),
        mentions=tuple(dict.fromkeys(m for e in group for m in (e.evidence, *e.mentions) if m != best_place.evidence)),
        details=tuple(details),
    )


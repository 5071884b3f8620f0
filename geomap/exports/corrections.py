"""The analyst's corrections of events, applied after every merge: an event marked wrong, its type or
its place changed. Keyed by event id; a correction follows its report when a later article gives the
merged event another id, and when the article is extracted again."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from geomap.exports.event_json import place_from_record
from geomap.records import Event, Mention, Toponym

CORRECTION_FIELDS = ("wrong", "event_type", "place")


@dataclass(frozen=True, slots=True)
class Correction:
    """One change an analyst made to one event: ``wrong`` (drop it), ``event_type`` or ``place``."""

    event_id: str
    field: str
    value: str | None
    note: str | None = None
    corrected_at: str | None = None

    def describe(self) -> str:
        if self.field == "wrong":
            return "marked wrong"
        if self.field == "place":
            return f"moved to {json.loads(self.value or '{}').get('name')}"
        return f"type set to {self.value}"


def _absorbing_event(raw: Event, merged: Sequence[Event], raw_by_id: Mapping[str, Event]) -> Event | None:
    """The merged event that took in ``raw`` although it carries another id.

    A merged event has the smallest id of its reports, so a later article can change the id of an
    event the analyst corrected; the correction follows the report it was made on: to the merged
    event that cites the same article, has an id no larger, and is the same happening.
    """
    from geomap.events.merge import same_happening

    article = raw.sources[0].article_id if raw.sources else None
    for event in sorted(merged, key=lambda e: e.id):
        if event.id > raw.id or article not in {s.article_id for s in event.sources}:
            continue
        representative = raw_by_id.get(event.id)
        if representative is not None and same_happening(raw, representative):
            return event
    return None


def apply_corrections(merged: Sequence[Event], raw: Sequence[Event], corrections: Iterable[Correction]) -> list[Event]:
    """The merged events with the analyst's corrections applied; events marked wrong are left out."""
    from geomap.events.merge import sort_key

    changes = correction_plan(corrections, merged, {event.id: event for event in raw})
    return sorted((e for e in (with_corrections(event, changes) for event in merged) if e is not None), key=sort_key)


def correction_plan(corrections: Iterable[Correction], merged: Sequence[Event],
                    raw_by_id: Mapping[str, Event]) -> dict[str, list[Correction]]:
    """Which merged event each correction applies to (by its id).

    ``merged`` needs only the merged events a correction can reach: those whose id a correction names,
    and those citing the article of a corrected report (which may have taken it in under another id);
    ``raw_by_id`` the reports corrected and those whose ids those merged events carry.
    """
    by_id = {event.id: event for event in merged}
    changes: dict[str, list[Correction]] = defaultdict(list)
    for correction in corrections:
        target = correction.event_id
        if target not in by_id and target in raw_by_id:
            absorbing = _absorbing_event(raw_by_id[target], merged, raw_by_id)
            target = absorbing.id if absorbing else target
        if target in by_id:
            changes[target].append(correction)
    return changes


def with_corrections(event: Event, changes: Mapping[str, Sequence[Correction]]) -> Event | None:
    """``event`` with its corrections applied (see :func:`correction_plan`); None when marked wrong."""
    notes = []
    for correction in sorted(changes.get(event.id, ()), key=lambda c: (c.field, c.event_id)):
        if correction.field == "wrong":
            return None
        if correction.field == "event_type" and correction.value:
            notes.append(f"type {event.event_type} -> {correction.value}")
            event = replace(event, event_type=correction.value)
        elif correction.field == "place" and correction.value:
            place = place_from_record(json.loads(correction.value))
            mention = event.toponym.mention if event.toponym else Mention(0, 0, place.name, 0, 0)
            notes.append(f"place {event.place.name if event.place else 'none'} -> {place.name}")
            event = replace(event, toponym=Toponym(mention, place, 1.0))
    if notes:
        event = replace(event, details=event.details + (("corrected", "; ".join(notes)),))
    return event


def successor_of(old: Event, events: Sequence[Event]) -> Event | None:
    """The event of a re-extracted article that reports what ``old`` reported: one citing the same
    sentence (as its evidence or among its mentions), the same type first, then the same place."""
    sentence = old.evidence
    reporting = [e for e in events if e.evidence == sentence or sentence in e.mentions
                 or (old.evidence_span and e.evidence_span == old.evidence_span)]
    if not reporting:
        return None
    return min(reporting, key=lambda e: (e.event_type != old.event_type, (e.place.id if e.place else None)
                                         != (old.place.id if old.place else None), e.id))

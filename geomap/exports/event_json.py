"""Events and places as the JSON records the event store keeps: what an article's events were, written so
that a later geomap reads them back (keys it lacks are ignored)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date, datetime
from typing import Any

from geomap.records import Event, Mention, Place, PlaceKind, Quantity, SourceRef, Toponym, Usage


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if f.name != "candidates"}
    if isinstance(value, (PlaceKind, Usage)):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _build(cls: type, record: Mapping[str, Any], **given: Any) -> Any:
    """``cls`` from a JSON record: lists back to tuples; keys this version lacks are ignored."""
    values = {f.name: _tuples(record[f.name]) for f in fields(cls) if f.name in record}
    values.update(given)
    return cls(**values)


def place_record(place: Place) -> dict[str, Any]:
    return _plain(place)


def place_from_record(record: Mapping[str, Any]) -> Place:
    return _build(Place, record, kind=PlaceKind(record["kind"]))


def event_record(event: Event) -> dict[str, Any]:
    """An article's event as JSON-able data (a toponym's candidate list is dropped: outputs never show it)."""
    return _plain(event)


def event_from_record(record: Mapping[str, Any]) -> Event:
    """The inverse of :func:`event_record`; keys a newer geomap wrote and this one lacks are ignored."""
    values = dict(record)
    toponym = values.pop("toponym", None)
    if toponym:
        mention = _build(Mention, toponym["mention"], usage=Usage(toponym["mention"]["usage"]))
        place = place_from_record(toponym["place"]) if toponym.get("place") else None
        toponym = Toponym(mention, place, toponym["confidence"])
    return _build(
        Event, values, toponym=toponym,
        date=date.fromisoformat(values["date"]) if values.get("date") else None,
        sources=tuple(_build(SourceRef, s) for s in values.get("sources") or ()),
        quantities=tuple(_build(Quantity, q) for q in values.get("quantities") or ()),
    )

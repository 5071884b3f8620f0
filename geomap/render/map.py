"""The event map: one self-contained HTML file built with folium.

Why it looks the way it does:

* **Opens from file:// with no network.** Leaflet and jQuery are inlined from the pinned
  ``xstatic-*`` packages (see :mod:`geomap.render.assets`), and the base map is Natural
  Earth country outlines embedded in the page. OpenStreetMap tiles are drawn *on top*
  when there is a connection; offline they fail quietly (Leaflet keeps a failed tile
  hidden), and they are the only requests the page makes. ``tiles=False`` drops them,
  ``cdn=True`` keeps folium's usual CDN links instead of inlining, for a small file.
* **A million events in one file, and filters stay instant.** Events are not folium
  ``Marker`` objects (one JS statement each), nor a million JSON objects: what filters and
  redraws read (point, type, status, date interval, area flag) is packed into typed-array
  columns, and the texts a popup, the list or the export needs are compressed in chunks that
  the page inflates only when opened (:mod:`geomap.render.payload`). A small JavaScript
  routine filters with one pass over the columns and clusters only what passes and lies in
  view, on a screen grid, each time the view or a filter changes. That costs tens of
  milliseconds at a million events, where rebuilding a Leaflet.markercluster tree costs
  seconds, so clustering always follows the filters.
* **Article text is untrusted.** The JSON is escaped for a ``<script>`` context (the texts
  are compressed besides) and popups/tooltips are built with DOM APIs and ``textContent``; links are made only for
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
  GeoJSON with exactly the properties of ``events.geojson``: the compressed chunks keep
  every property (what the type table already says is left out), and the page puts them
  back in the input's key order.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink
from folium.elements import JSCSSMixin
from folium.template import Template

from geomap.render import assets
from geomap.render.labels import map_labels
from geomap.render.payload import (AREA_PRECISIONS, STATUS_ORDER, build_payload, colour_of, features_of, json_clean,
                                   script_safe_json)

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


def payload_json(payload: Any) -> str:
    """The payload as script-safe JSON; NaN/Infinity anywhere in article data become null."""
    try:
        return script_safe_json(payload)
    except ValueError:
        return script_safe_json(json_clean(payload))


def payload_json_parts(payload: Mapping[str, Any]) -> Iterator[str]:
    """:func:`payload_json` of a dict in parts: its long lists (the compressed chunks) item by item."""
    yield "{"
    for number, (key, value) in enumerate(payload.items()):
        yield ("," if number else "") + script_safe_json(str(key)) + ":"
        if isinstance(value, list) and len(value) > 1:
            yield "["
            for item, part in enumerate(value):
                yield ("," if item else "") + payload_json(part)
            yield "]"
        else:
            yield payload_json(value)
    yield "}"


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
        colour = colour_of(str(t["colour"]))
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

    def __init__(self, name: str, builder: str, data_json: str, css: str, library_js: str,
                 js_options: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self._name = name
        self.builder = builder
        self.data_json = data_json
        self.css = css
        self.library_js = library_js
        self.js_options = dict(js_options or {})


class EventLayer(_DataLayer):
    """All events as packed columns and compressed texts (:mod:`geomap.render.payload`), filtered,
    clustered and drawn in JavaScript."""

    def __init__(self, payload: dict[str, Any], *, title: str, attribution: str) -> None:
        # The page is rendered with a slot where the data goes; html_parts streams the data into it,
        # so the texts of a million events are never copied into one string (a fresh token a map:
        # no title or article text can hold it).
        self.payload = payload
        self.slot = f"@@geomap-events-{uuid.uuid4().hex}@@"
        super().__init__("GeomapEvents", "geomapBuildEvents", self.slot,
                         static_asset("events.css") + _type_css(payload["types"]),
                         # fflate (MIT, vendored from npm with its licence) inflates the compressed texts
                         "/*! " + static_asset("fflate.LICENSE") + " */\n" + static_asset("fflate.min.js") + "\n"
                         + static_asset("events.js"),
                         {"title": title, "attribution": attribution, "fitMaxZoom": FIT_MAX_ZOOM})


class LabelLayer(_DataLayer):
    """Place names drawn as the map is zoomed in, offline (see :mod:`geomap.render.labels`)."""

    def __init__(self, labels: list[list[Any]]) -> None:
        super().__init__("GeomapLabels", "geomapBuildLabels", payload_json(labels), static_asset("labels.css"),
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
        m.add_child(LabelLayer(map_labels(features_of(feature_collection), gazetteer)))
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


def html_parts(feature_collection: dict, **kw: Any) -> Iterator[str]:
    """The HTML document for ``feature_collection`` in parts: the page around the events' data, and
    the data piece by piece (see :func:`build_map` for the options)."""
    m = build_map(feature_collection, **kw)
    events = next(child for child in m._children.values() if isinstance(child, EventLayer))
    head, tail = m.get_root().render().split(events.slot)
    yield head
    yield from payload_json_parts(events.payload)
    yield tail


def render_html(feature_collection: dict, **kw: Any) -> str:
    """The complete HTML document for ``feature_collection``."""
    return "".join(html_parts(feature_collection, **kw))


def write_map(feature_collection: dict, path: str | os.PathLike[str], **kw: Any) -> Path:
    """Write the map to ``path`` atomically and return the path.

    The HTML goes to a temporary file in the same folder which then replaces
    ``path``, so a reader (or a crash) never sees a half-written map.
    """
    from geomap.exports.atomic import write_atomic  # one atomic writer for every output file

    return write_atomic(Path(path), html_parts(feature_collection, **kw))

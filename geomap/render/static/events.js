// Filters, clusters and draws the events embedded in the page (read by geomap/render/map.py and
// inlined: the map opens from file:// with no network). Article text only ever enters the page
// through textContent, text nodes and property assignment; no HTML is built from strings.
(function () {
  "use strict";
  var SAFE_URL = /^https?:\/\//i;
  var DAY_MS = 864e5;
  var MAX_LAT = 85.0511287798;
  var CELL_PX = 60;          // grid cell for clustering, in screen pixels
  var STACK_LIMIT = 25;      // events listed in one popup for markers on the same spot
  // How each status is drawn (a class on the marker; events.css says how it looks). The legend
  // lists the statuses present with the same drawing.
  var STATUS_STYLE = {
    happened: {cls: "geomap-status-happened", note: "happened: solid"},
    claimed: {cls: "geomap-status-claimed", note: "claimed: striped"},
    planned: {cls: "geomap-status-planned", note: "planned: hollow, dotted"},
    denied: {cls: "geomap-status-denied", note: "denied: crossed out"},
    hypothetical: {cls: "geomap-status-hypothetical", note: "hypothetical: faint, dotted"},
    background: {cls: "geomap-status-background", note: "background (history recalled): grey"}
  };
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
  // Dates are typed and shown as YYYY-MM-DD whatever the browser's locale (a date input would
  // follow it: 03/19/2025 in one country, 19.03.2025 in another). undefined: not a date.
  function inputDay(value) {
    var text = (value || "").trim();
    if (text === "") { return null; }
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) { return undefined; }
    var day = Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS;
    return isoDay(day) === text ? day : undefined;
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

  // The properties of an event as an object (null ones left out, as are id, event_type,
  // event_label and the type's codes when they only repeat the record and its type); built on first use.
  var schema = [], SOURCES = -1;
  // 0 there: "as the record / its type"; the type's codes (ACLED, CAMEO, PLOVER) are added from the payload.
  var DERIVED = {id: true, event_type: true, event_label: true};
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

  function buildPopup(ev, type, sourceAt) {
    var p = props(ev);
    var root = el("div", "geomap-popup");
    var head = el("div", "geomap-popup-title");
    head.appendChild(el("span", "geomap-swatch geomap-st" + ev.t));
    head.appendChild(document.createTextNode(typeLabel(ev, type)));
    root.appendChild(head);
    var codes = type.codes || {};
    var acled = [str(p.acled_event_type) || str(codes.acled_event_type),
                 str(p.acled_sub_event_type) || str(codes.acled_sub_event_type)].filter(Boolean);
    addRow(root, "ACLED", acled.length ? acled.join(" \u2014 ") : null);
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
        var source = sourceAt(indices[i]);
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
  // The payload (geomap/render/payload.py): per-event columns packed as little-endian typed
  // arrays in one base64 string, and the texts in raw-DEFLATE chunks inflated on first use.
  function base64Bytes(text) {
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes;
  }

  function inflatedJson(text) {
    return JSON.parse(new TextDecoder().decode(fflate.inflateSync(base64Bytes(text))));
  }

  // A few inflated chunks are kept (a popup, the list and the export read some again and again).
  function chunkCache(packed, limit) {
    var cache = new Map();
    return function (c) {
      var found = cache.get(c);
      if (found === undefined) {
        found = inflatedJson(packed[c]);
        if (cache.size >= limit) { cache.delete(cache.keys().next().value); }
        cache.set(c, found);
      }
      return found;
    };
  }

  window.geomapBuildEvents = function (map, data, options) {
    var types = data.types, statuses = data.statuses;
    schema = data.schema;
    SOURCES = schema.indexOf("sources");
    types.forEach(function (t) { Object.keys(t.codes || {}).forEach(function (key) { DERIVED[key] = true; }); });
    var n = data.n, nt = Math.max(types.length, 1), CHUNK = data.chunk, SOURCE_CHUNK = data.source_chunk;
    var packed = base64Bytes(data.columns).buffer, offset = 0;
    function column(Kind) {
      var array = new Kind(packed, offset, n);
      offset += array.byteLength;
      return array;
    }
    var X = column(Float64Array), Y = column(Float64Array);
    var d0 = column(Float32Array), d1 = column(Float32Array);
    var tOf = column(Uint16Array), sOf = column(Uint16Array), A = column(Uint8Array);
    var recordChunk = chunkCache(data.records, 16), sourceChunk = chunkCache(data.sources, 16);
    function sourceAt(j) {
      var rows = sourceChunk(Math.floor(j / SOURCE_CHUNK));
      return rows[j % SOURCE_CHUNK];
    }
    // One event as the drawing code reads it: id, type, point, area flag and its property values.
    function eventAt(k) {
      var chunk = recordChunk(Math.floor(k / CHUNK)), i = k % CHUNK, v = new Array(schema.length);
      for (var key = 0; key < schema.length; key++) {
        var value = chunk.columns[key][i];
        v[key] = value === undefined ? null : value;
      }
      return {id: chunk.ids[i], t: tOf[k], x: placed[k] ? X[k] : null, y: placed[k] ? Y[k] : null, a: A[k], v: v};
    }
    var mx = new Float64Array(n), my = new Float64Array(n);
    var mask = new Uint8Array(n);
    var placed = new Uint8Array(n);   // 0: an event without a place (listed, not drawn)
    var nPlaced = 0;
    var unplacedRows = inflatedJson(data.unplaced_list);
    var unplacedIndex = unplacedRows.index;  // the events without a place: the list walks only them
    var byId = null;                  // event id -> index, built when first asked for
    var minDay = Infinity, maxDay = -Infinity;
    var west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
    var i;
    for (i = 0; i < n; i++) {
      var x = X[i], y = Y[i];
      placed[i] = x === x && y === y ? 1 : 0;
      if (placed[i]) {
        var lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, y));
        var s = Math.sin(lat * Math.PI / 180);
        mx[i] = (x + 180) / 360;
        my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
        nPlaced += 1;
        if (x < west) { west = x; } if (x > east) { east = x; }
        if (y < south) { south = y; } if (y > north) { north = y; }
      } else {
        mx[i] = NaN; my[i] = NaN;
      }
      if (d0[i] === d0[i]) {
        if (d0[i] < minDay) { minDay = d0[i]; }
        if (d1[i] > maxDay) { maxDay = d1[i]; }
      }
    }
    function indexOfId(id) {
      if (byId === null) {
        byId = new Map();
        for (var c = 0; c * CHUNK < n; c++) {
          var ids = recordChunk(c).ids;
          for (var j = 0; j < ids.length; j++) { if (ids[j] && !byId.has(ids[j])) { byId.set(ids[j], c * CHUNK + j); } }
        }
      }
      return byId.get(String(id));
    }

    // ---------------------------------------------------------------- filter state
    var typeOn = types.map(function () { return true; });
    var statusOn = statuses.map(function (s) { return s.on !== false; });
    var range = {from: null, to: null, undated: true};
    var shown = 0, shownPlaced = 0;
    var typeCounts = new Array(types.length), statusCounts = new Array(statuses.length), undatedCount = 0;

    function applyFilters() {
      var k;
      for (k = 0; k < types.length; k++) { typeCounts[k] = 0; }
      for (k = 0; k < statuses.length; k++) { statusCounts[k] = 0; }
      undatedCount = 0;
      shown = 0;
      shownPlaced = 0;
      var from = range.from, to = range.to;
      for (var j = 0; j < n; j++) {
        var dated = d0[j] === d0[j];
        var pd = dated ? (from === null || d1[j] >= from) && (to === null || d0[j] <= to) : range.undated;
        var pt = typeOn[tOf[j]], ps = statusOn[sOf[j]];
        if (ps && pd) { typeCounts[tOf[j]] += 1; }
        if (pt && pd) { statusCounts[sOf[j]] += 1; }
        if (pt && ps && !dated) { undatedCount += 1; }
        if (pt && ps && pd) { mask[j] = 1; shown += 1; shownPlaced += placed[j]; } else { mask[j] = 0; }
      }
    }

    // ---------------------------------------------------------------- drawing
    // One icon per type, status and shape, made on first use.
    var icons = Object.create(null);
    function statusClass(k) {
      var style = STATUS_STYLE[statuses[k] ? statuses[k].id : ""];
      return style ? style.cls : "geomap-status-other";
    }
    function iconFor(k) {
      var key = tOf[k] + ":" + sOf[k] + ":" + A[k];
      if (!(key in icons)) {
        var shape = A[k] ? "geomap-area" : "geomap-point";
        icons[key] = L.divIcon({className: "geomap-marker " + shape + " geomap-t" + tOf[k] + " " + statusClass(sOf[k]),
                                iconSize: A[k] ? [18, 18] : [12, 12]});
      }
      return icons[key];
    }
    var layer = L.layerGroup().addTo(map);
    var drawn = new Map();            // signature -> marker, reused while unchanged
    var eventMarkers = Object.create(null);  // event index -> its own marker, if drawn alone

    function eventMarker(k) {
      // Drawn from the columns alone; the texts are inflated only when the tooltip or popup opens.
      var marker = L.marker([Y[k], X[k]], {icon: iconFor(k), keyboard: true});
      marker.bindTooltip(function () { return tooltipNode(eventAt(k), types[tOf[k]]); }, {direction: "top", offset: [0, -8]});
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
        if (!mask[j] || !placed[j]) { continue; }
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
      var ev = eventAt(k);
      var popup = openPopup(placed[k] ? [ev.y, ev.x] : map.getCenter(), buildPopup(ev, types[ev.t], sourceAt));
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
        if (mask[j] && placed[j] && Math.floor(mx[j] * scale / cell) === g.cx &&
            Math.floor(my[j] * scale / cell) === g.cy) { found.push(j); }
      }
      return found;
    }

    function openStack(found, latlng) {
      var box = el("div", "geomap-popup-list");
      box.appendChild(el("div", "geomap-popup-title", found.length + " events at this spot"));
      found.slice(0, STACK_LIMIT).forEach(function (k) { box.appendChild(buildPopup(eventAt(k), types[tOf[k]], sourceAt)); });
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
    // The event as events.geojson has it: every key in the input's order, a null kept null, and
    // 0 in id / event_type / event_label / the type's codes read as "the same as the record / its type".
    function toFeature(k) {
      var ev = eventAt(k), type = types[ev.t], properties = {};
      var derived = {id: ev.id, event_type: type.id, event_label: type.label};
      Object.keys(type.codes || {}).forEach(function (key) { derived[key] = type.codes[key]; });
      schema.forEach(function (key, j) {
        var value = ev.v[j];
        if (value === 0 && DERIVED[key]) { value = derived[key]; }
        else if (key === "sources" && Array.isArray(value)) { value = value.map(sourceAt); }
        properties[key] = value;
      });
      var geometry = placed[k] ? {type: "Point", coordinates: [ev.x, ev.y]} : null;
      return {type: "Feature", id: ev.id, geometry: geometry, properties: properties};
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
      var text = el("span", "geomap-row-text");  // wraps under itself, not under the box
      text.appendChild(document.createTextNode(label + " "));
      var count = el("span", "geomap-count");
      text.appendChild(count);
      row.appendChild(text);
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
      if (ui.onMap) {
        ui.onMap.textContent = shownPlaced + " of " + nPlaced + (nPlaced === 1 ? " event" : " events") + " on the map";
      }
      if (ui.unplaced) { fillUnplaced(); }
    }

    // The events without a place that pass the filters, each opening its popup (the list is
    // rebuilt on every filter change; at most UNPLACED_LIMIT items are drawn).
    var UNPLACED_LIMIT = 200;
    function fillUnplaced() {
      var list = ui.unplacedList, count = 0, nUnplaced = unplacedIndex.length;
      while (list.firstChild) { list.removeChild(list.firstChild); }
      for (var u = 0; u < nUnplaced; u++) {
        var k = unplacedIndex[u];
        if (!mask[k]) { continue; }
        count += 1;
        if (count > UNPLACED_LIMIT) { continue; }
        list.appendChild(unplacedItem(u, k));
      }
      ui.unplacedSummary.textContent = count + (count === 1 ? " event" : " events") + " without a place" +
        (count < nUnplaced ? " (of " + nUnplaced + ")" : "");
      ui.unplacedMore.textContent = count > UNPLACED_LIMIT ?
        "and " + (count - UNPLACED_LIMIT) + " more: download the GeoJSON to see them all" : "";
      ui.unplaced.style.display = nUnplaced ? "" : "none";
    }

    // Line u of the list, from the payload's summary of the events without a place.
    function unplacedItem(u, k) {
      var place = str(unplacedRows.place[u]), date = str(unplacedRows.date[u]);
      var item = el("li");
      var button = el("button", "geomap-unplaced-item");
      button.type = "button";
      button.setAttribute("data-event", String(unplacedRows.id[u]));
      button.appendChild(el("span", "geomap-swatch geomap-st" + tOf[k]));
      var label = str(unplacedRows.label[u]) || types[tOf[k]].label;
      button.appendChild(document.createTextNode(label + " \u00b7 " + (str(unplacedRows.status[u]) || "not stated") +
        (date ? " \u00b7 " + date : "") + (place ? " \u00b7 " + place : "")));
      button.addEventListener("click", function () { openEvent(k); });
      item.appendChild(button);
      return item;
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
          input.type = "text";
          input.inputMode = "numeric";
          input.placeholder = "YYYY-MM-DD";
          input.pattern = "\\d{4}-\\d{2}-\\d{2}";
          input.title = "a date as YYYY-MM-DD" + (isFinite(minDay) ? "; events run from " + isoDay(minDay) + " to " + isoDay(maxDay) : "");
          // Applied as soon as a whole date (or nothing) is typed; marked when left half-typed.
          input.addEventListener("input", function () {
            var day = inputDay(input.value);
            if (day !== undefined && day !== range[end]) { range[end] = day; refresh(); }
          });
          input.addEventListener("change", function () {
            var day = inputDay(input.value);
            input.classList.toggle("geomap-invalid", day === undefined);
            range[end] = day === undefined ? null : day;
            refresh();
          });
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
          ui.from.classList.remove("geomap-invalid"); ui.to.classList.remove("geomap-invalid");
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
        ui.onMap = el("p", "geomap-onmap");
        box.appendChild(ui.onMap);
        ui.unplaced = el("details", "geomap-unplaced");
        ui.unplacedSummary = el("summary");
        ui.unplaced.appendChild(ui.unplacedSummary);
        ui.unplacedList = el("ol", "geomap-unplaced-list");
        ui.unplaced.appendChild(ui.unplacedList);
        ui.unplacedMore = el("p", "geomap-more");
        ui.unplaced.appendChild(ui.unplacedMore);
        box.appendChild(ui.unplaced);
        var legend = el("p");
        legend.appendChild(el("span", "geomap-legend geomap-point"));
        legend.appendChild(document.createTextNode("place "));
        legend.appendChild(el("span", "geomap-legend geomap-area"));
        legend.appendChild(document.createTextNode("somewhere in a region, country or sea "));
        legend.appendChild(el("span", "geomap-legend geomap-cluster-legend"));
        legend.appendChild(document.createTextNode("several events, by type"));
        box.appendChild(legend);
        var statusLegend = el("p", "geomap-status-legend");
        statuses.forEach(function (st) {
          var style = STATUS_STYLE[st.id];
          if (!style) { return; }
          var item = el("span", "geomap-status-key");
          item.appendChild(el("span", "geomap-legend geomap-marker geomap-point geomap-legend-status " + style.cls));
          item.appendChild(document.createTextNode(style.note + " "));
          statusLegend.appendChild(item);
        });
        if (statusLegend.firstChild) { box.appendChild(statusLegend); }
        L.DomEvent.disableScrollPropagation(box);
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });

    // ---------------------------------------------------------------- start
    map.attributionControl.addAttribution(options.attribution);
    var filters = new Filters().addTo(map);
    new Info().addTo(map);
    if (nPlaced > 0) {
      // The events fit beside the filter panel (top right), not under it, when the map is wide enough.
      var size = map.getSize(), panel = filters.getContainer().offsetWidth + 20;
      var right = size.x > 2.5 * panel ? panel : 30;
      map.fitBounds([[south, west], [north, east]], {paddingTopLeft: [30, 30], paddingBottomRight: [right, 30],
                                                     maxZoom: options.fitMaxZoom, animate: false});
    } else {
      map.setView([30, 20], 2);
    }
    refresh();
    map.on("moveend", render);

    window.geomapMap = map;
    // Events that pass the filters (anywhere on the map): what the export button downloads.
    window.geomapVisibleCount = function () { return shown; };
    window.geomapOnMapCount = function () { return shownPlaced; };
    window.geomapVisibleIds = function () {
      var ids = [];
      for (var c = 0; c * CHUNK < n; c++) {
        var chunkIds = recordChunk(c).ids;
        for (var j = 0; j < chunkIds.length; j++) { if (mask[c * CHUNK + j]) { ids.push(chunkIds[j]); } }
      }
      return ids;
    };
    // Zoom in until the event is drawn on its own (or in a stack at the last zoom level);
    // resolves with its marker's centre in page pixels.
    window.geomapRevealEvent = function (id) {
      return new Promise(function (resolve, reject) {
        var k = indexOfId(id);
        if (k === undefined || !mask[k] || !placed[k]) { reject(new Error("event not on the map: " + id)); return; }
        map.setView([Y[k], X[k]], map.getMaxZoom(), {animate: false});
        var marker = eventMarkers[k];
        if (!marker) {
          marker = drawn.get(Array.from(drawn.keys()).find(function (sig) {
            var m = drawn.get(sig);
            return m.getCount && m.getLatLng().equals(L.latLng(Y[k], X[k]), 1e-6);
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
        return openEvent(indexOfId(id)).getElement().textContent;
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

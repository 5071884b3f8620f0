// The offline base map: Natural Earth country outlines in a pane below the tiles.
// Read by geomap/render/map.py and inlined into the page (the map opens from file:// offline).
window.geomapBuildBase = function (map, outlines, style) {
  "use strict";
  // Below Leaflet's tile pane (200): online tiles, when they load, cover the outlines.
  var pane = map.createPane("geomapBase");
  pane.style.zIndex = 150;
  pane.style.pointerEvents = "none";
  if (outlines) {
    L.geoJSON(outlines, {
      pane: "geomapBase",
      interactive: false,
      style: {color: style.border, weight: 0.7, fillColor: style.land, fillOpacity: 1}
    }).addTo(map);
  }
};

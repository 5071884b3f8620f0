// Place names on the offline map (read by geomap/render/map.py and inlined). Labels are
// [name, lat, lon, minZoom, kind], in the order they win when they would overlap; names are data
// and reach the page through textContent only. They sit in a pane above the base and the tiles and
// below the markers, and ignore the pointer, so a marker under a label is still clicked.
window.geomapBuildLabels = function (map, labels) {
  "use strict";
  var MAX_DRAWN = 250;        // labels on screen at once
  var CHAR_PX = 6.2, HEIGHT_PX = 14, GAP_PX = 4;
  var pane = map.createPane("geomapLabels");
  pane.style.zIndex = 450;
  pane.style.pointerEvents = "none";
  var layer = L.layerGroup().addTo(map);
  var icons = [];             // built on first use: one divIcon per label

  function icon(k) {
    if (!icons[k]) {
      var node = document.createElement("span");
      node.className = "geomap-label geomap-label-" + labels[k][4];
      node.textContent = String(labels[k][0]);
      icons[k] = L.divIcon({html: node, className: "geomap-label-icon", iconSize: null, iconAnchor: [-7, 7]});
    }
    return icons[k];
  }

  function overlaps(box, boxes) {
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i];
      if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) { return true; }
    }
    return false;
  }

  function draw() {
    layer.clearLayers();
    var z = map.getZoom(), bounds = map.getBounds().pad(0.1), boxes = [], drawn = 0;
    for (var k = 0; k < labels.length && drawn < MAX_DRAWN; k++) {
      var label = labels[k];
      if (label[3] > z || !bounds.contains([label[1], label[2]])) { continue; }
      var p = map.latLngToLayerPoint([label[1], label[2]]);
      var width = String(label[0]).length * CHAR_PX;
      var box = [p.x + 7 - GAP_PX, p.y - 7 - GAP_PX, p.x + 7 + width + GAP_PX, p.y + 7 + GAP_PX];
      if (overlaps(box, boxes)) { continue; }
      boxes.push(box);
      layer.addLayer(L.marker([label[1], label[2]], {icon: icon(k), pane: "geomapLabels", interactive: false,
                                                     keyboard: false}));
      drawn += 1;
    }
  }

  map.on("zoomend moveend", draw);
  draw();
  window.geomapLabelsDrawn = function () {
    var names = [];
    layer.eachLayer(function (marker) { names.push(marker.getElement().textContent); });
    return names;
  };
};

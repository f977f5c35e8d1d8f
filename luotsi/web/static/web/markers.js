/* Maps with points (Leaflet): area boundaries and one marker per listed item (events,
   public concerns), each opening a popup with a link. Progressive enhancement: the list
   on the page carries the same information. No inline code (strict CSP): the points come from a
   JSON data element named by data-markers. */
(function () {
  "use strict";

  function setUp(container) {
    if (typeof L === "undefined") { return; }
    var data = container.dataset;
    var map = L.map(container, { zoomControl: false, attributionControl: Boolean(data.tileUrl) });
    container.leafletMap = map;
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.attribution || "", maxZoom: 18 }).addTo(map);
    }
    var source = document.getElementById(data.markers);
    var markers = source ? JSON.parse(source.textContent) : [];
    fetch(data.boundariesUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        var layer = L.geoJSON(geojson, {
          style: function () { return { color: "#0000bf", weight: 2, fillOpacity: 0.04 }; },
          interactive: false,
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [8, 8] });
        markers.forEach(function (point) {
          var popup = document.createElement("div");
          var link = document.createElement("a");
          link.href = point.url;
          link.textContent = point.title;
          popup.appendChild(link);
          popup.appendChild(document.createElement("br"));
          popup.appendChild(document.createTextNode(point.when));
          // An optional per-point colour (e.g. a campaign target's status).
          L.circleMarker([point.lat, point.lon], {
            radius: 8, color: point.color || "#b01818", weight: 3, fillOpacity: 0.6,
          }).bindPopup(popup).addTo(map);
        });
        container.dataset.ready = "true";
      });
  }

  function start() {
    document.querySelectorAll(".map[data-markers]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

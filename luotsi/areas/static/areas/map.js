/* Boundary maps (Leaflet). Progressive enhancement: every answer the map gives is also
   reachable through the address search and the district list, which work without it.
   No inline code: settings come from the container's data attributes (strict CSP). */
(function () {
  "use strict";

  function boundaryStyle() {
    return { color: "#0000bf", weight: 2, fillColor: "#0000bf", fillOpacity: 0.08 };
  }

  function setUp(container) {
    if (typeof L === "undefined") { return; }
    var data = container.dataset;
    var map = L.map(container, { zoomControl: false, attributionControl: Boolean(data.tileUrl) });
    container.leafletMap = map;  // for the browser tests, which click known coordinates
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.attribution || "", maxZoom: 18 }).addTo(map);
    }
    fetch(data.boundariesUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        var layer = L.geoJSON(geojson, { style: boundaryStyle, interactive: false }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [8, 8] });
        container.dataset.ready = "true";
        if (data.markerLat && data.markerLon) {
          L.circleMarker([Number(data.markerLat), Number(data.markerLon)], {
            radius: 8, color: "#b01818", weight: 3, fillOpacity: 0.6,
          }).addTo(map);
        }
      });
    if (data.clickUrl) {
      container.classList.add("map-clickable");
      map.on("click", function (event) {
        var lat = event.latlng.lat.toFixed(6);
        var lon = event.latlng.lng.toFixed(6);
        window.location.assign(data.clickUrl + "?lat=" + lat + "&lon=" + lon + "#result");
      });
    }
  }

  function start() {
    document.querySelectorAll(".map[data-boundaries-url]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

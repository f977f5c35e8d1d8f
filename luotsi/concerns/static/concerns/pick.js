/* Choosing the place of a message on the map (Leaflet). A click sets the form's hidden
   latitude and longitude and says what was chosen in a live region; the street-address field
   does the same without a map or a mouse. No inline code (strict CSP). */
(function () {
  "use strict";

  function setUp(container) {
    if (typeof L === "undefined") { return; }
    var data = container.dataset;
    var lat = document.getElementById(data.latField);
    var lon = document.getElementById(data.lonField);
    var said = document.getElementById(data.status);
    var map = L.map(container, { zoomControl: false, attributionControl: Boolean(data.tileUrl) });
    container.leafletMap = map;  // for the browser tests, which click known coordinates
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.attribution || "", maxZoom: 18 }).addTo(map);
    }
    var marker = null;
    function choose(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      if (marker) { map.removeLayer(marker); }
      marker = L.circleMarker(latlng, { radius: 8, color: "#b01818", weight: 3, fillOpacity: 0.6 })
        .addTo(map);
      said.textContent = data.chosen + " " + lat.value + ", " + lon.value;
    }
    fetch(data.boundariesUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        var layer = L.geoJSON(geojson, {
          style: function () { return { color: "#0000bf", weight: 2, fillOpacity: 0.04 }; },
          interactive: false,
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [8, 8] });
        if (lat.value && lon.value) {
          choose(L.latLng(Number(lat.value), Number(lon.value)));
        }
        container.dataset.ready = "true";
      });
    container.classList.add("map-clickable");
    map.on("click", function (event) { choose(event.latlng); });
  }

  function start() {
    document.querySelectorAll(".map[data-lat-field]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

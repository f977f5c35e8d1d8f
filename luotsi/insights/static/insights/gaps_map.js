/* The outreach-gaps map (Leaflet): districts coloured by the chosen indicator. Progressive
   enhancement only: the ranked table under the map has every figure it shows. No inline
   code: settings come from data attributes and a JSON script element (strict CSP). */
(function () {
  "use strict";

  function setUp(container) {
    if (typeof L === "undefined") { return; }
    var data = container.dataset;
    var values = JSON.parse(document.getElementById(data.valuesId).textContent);
    var colours = data.colours.split(",");
    var map = L.map(container, { zoomControl: false, attributionControl: Boolean(data.tileUrl) });
    container.leafletMap = map;
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.attribution || "", maxZoom: 18 }).addTo(map);
    }
    function style(feature) {
      var entry = values[feature.properties.code];
      if (!entry) {  // a district the reader does not work with: outline only
        return { color: "#767676", weight: 1, fillOpacity: 0 };
      }
      if (entry["class"] === null) {
        return { color: "#1a1a1a", weight: 1, fillColor: "#bdbdbd", fillOpacity: 0.7, dashArray: "3" };
      }
      return { color: "#1a1a1a", weight: 1, fillColor: colours[entry["class"]], fillOpacity: 0.85 };
    }
    fetch(data.boundariesUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        var layer = L.geoJSON(geojson, {
          style: style,
          onEachFeature: function (feature, shape) {
            var entry = values[feature.properties.code];
            // Leaflet writes a string tooltip as HTML: the district's name (editable in the
            // admin) goes in as text.
            if (entry) {
              var tip = document.createElement("span");
              tip.textContent = entry.name + (entry["class"] === null ? " – " + data.noValue : "");
              shape.bindTooltip(tip);
            }
          },
        }).addTo(map);
        var shown = L.featureGroup();
        layer.eachLayer(function (shape) {
          if (values[shape.feature.properties.code]) { shown.addLayer(shape); }
        });
        var bounds = shown.getLayers().length ? shown.getBounds() : layer.getBounds();
        map.fitBounds(bounds, { padding: [8, 8] });
        container.dataset.ready = "true";
      });
  }

  function start() {
    document.querySelectorAll(".map[data-values-id]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

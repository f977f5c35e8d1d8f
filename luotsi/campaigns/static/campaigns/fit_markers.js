/* Zoom a markers.js map (data-fit-markers) to its points once they are drawn, so that a
   campaign on one street is not shown at the scale of the whole city. No inline code
   (strict CSP); loaded after web/markers.js. */
(function () {
  "use strict";

  function fit(container) {
    var map = container.leafletMap;
    var source = document.getElementById(container.dataset.markers);
    if (!map || !source) { return; }
    var points = JSON.parse(source.textContent).map(function (point) {
      return [point.lat, point.lon];
    });
    if (points.length) { map.fitBounds(points, { padding: [24, 24], maxZoom: 17 }); }
  }

  function watch(container) {
    if (container.dataset.ready === "true") { fit(container); return; }
    new MutationObserver(function (records, observer) {
      if (container.dataset.ready === "true") { observer.disconnect(); fit(container); }
    }).observe(container, { attributes: true, attributeFilter: ["data-ready"] });
  }

  function start() {
    document.querySelectorAll(".map[data-fit-markers]").forEach(watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

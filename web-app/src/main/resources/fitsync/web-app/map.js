// A run on a map: Leaflet with the configured tiles and their attribution. The track is drawn as an SVG
// path of every point the API's polyline holds (no further simplification, no clipping), so it shows
// whether or not the tiles load.

import {config, loadLibrary} from './config.js';

export async function drawRoute(container, points) {
  return drawRouteParts(container, [points], {markEnds: true});
}

/**
 * A route in parts, as a shared run is served once privacy zones have cut it: no start or end marker then,
 * since the parts' ends are exactly where the runner chose not to be seen.
 */
export async function drawRouteParts(container, parts, {markEnds = false} = {}) {
  await loadLibrary('leaflet');
  const L = window.L;
  const map = L.map(container, {preferCanvas: false, scrollWheelZoom: false, keyboard: true});
  L.tileLayer(config.tile_url, {attribution: config.tile_attribution, maxZoom: 19}).addTo(map);
  const drawn = parts.filter((points) => points.length > 1);
  const route = L.polyline(drawn, {color: '#c2410c', weight: 4, smoothFactor: 0, noClip: true, className: 'route'});
  route.addTo(map);
  map.fitBounds(route.getBounds(), {padding: [16, 16]});
  if (markEnds) {
    const points = drawn[0];
    L.circleMarker(points[0], {radius: 6, color: '#15803d', fillOpacity: 1, className: 'route-start'}).addTo(map);
    L.circleMarker(points[points.length - 1], {radius: 6, color: '#b91c1c', fillOpacity: 1, className: 'route-end'}).addTo(map);
  }
  return () => map.remove();
}

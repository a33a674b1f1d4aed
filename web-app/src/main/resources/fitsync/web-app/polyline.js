// Google's encoded polyline format (precision 5), as the API serves a run's simplified track.

export function decodePolyline(encoded) {
  const points = [];
  let index = 0;
  let lat = 0;
  let lon = 0;
  while (index < encoded.length) {
    const [dLat, afterLat] = nextValue(encoded, index);
    const [dLon, afterLon] = nextValue(encoded, afterLat);
    index = afterLon;
    lat += dLat;
    lon += dLon;
    points.push([lat / 1e5, lon / 1e5]);
  }
  return points;
}

function nextValue(encoded, start) {
  let result = 0;
  let shift = 0;
  let index = start;
  let byte;
  do {
    byte = encoded.charCodeAt(index++) - 63;
    result |= (byte & 0x1f) << shift;
    shift += 5;
  } while (byte >= 0x20 && index < encoded.length);
  return [result & 1 ? ~(result >> 1) : result >> 1, index];
}

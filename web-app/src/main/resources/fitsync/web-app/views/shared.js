// A run someone shared: the public link's page, seen without signing in. It shows only what the API's
// public view holds (date, distance, times, climb, the route cut by the runner's privacy zones).

import {api} from '../api.js';
import {append, h} from '../dom.js';
import * as format from '../format.js';
import {drawRouteParts} from '../map.js';
import {decodePolyline} from '../polyline.js';

export async function sharedRunView(main, [token], app) {
  const run = await api(`/api/v1/shared/${encodeURIComponent(token)}`);
  const parts = (run.polylines ?? (run.polyline ? [run.polyline] : [])).map(decodePolyline);
  const mapBox = h('div', {class: 'map', id: 'run-map', role: 'region', 'aria-label': 'Map of the shared route'});
  append(main, [
    h('h1', {tabindex: '-1'}, `A run on ${format.day(run.started_at)}`),
    h('dl', {class: 'figures'},
      h('dt', {}, 'Distance'), h('dd', {}, format.km(run.distance_m)),
      h('dt', {}, 'Moving time'), h('dd', {}, format.duration(run.moving_time_s ?? run.duration_s)),
      h('dt', {}, 'Elevation gain'), h('dd', {}, format.metres(run.elevation_gain_m))),
    parts.some((p) => p.length > 1) ? mapBox : h('p', {class: 'muted'}, 'No route to show.'),
    h('p', {class: 'muted'}, 'Shared from FitSync. Parts of the route near places the runner keeps private are not shown.'),
  ]);
  if (parts.some((p) => p.length > 1)) {
    const remove = await drawRouteParts(mapBox, parts).catch((error) => app.fail(error));
    return remove;
  }
  return undefined;
}

// One run: its figures, the route on a map, charts of pace, elevation and heart rate, its notes (editable)
// and its track as GPX or TCX.

import {api} from '../api.js';
import {drawCharts, paceFromDistance, paceFromTrack, units} from '../charts.js';
import {append, h} from '../dom.js';
import * as format from '../format.js';
import {drawRoute} from '../map.js';
import {decodePolyline} from '../polyline.js';

export async function runView(main, [id], app) {
  const controller = new AbortController();
  const cleanups = [() => controller.abort()];
  const [run, track] = await Promise.all([
    api(`/api/v1/runs/${id}`, {signal: controller.signal}),
    api(`/api/v1/runs/${id}/track`, {signal: controller.signal}),
  ]);
  const points = run.polyline ? decodePolyline(run.polyline) : [];
  const mapBox = h('div', {class: 'map', id: 'run-map', role: 'region',
    'aria-label': points.length > 1 ? `Map of the route, ${points.length} points` : 'No route recorded'});
  const chartsBox = h('div', {class: 'charts', id: 'run-charts'});

  append(main, [
    h('p', {class: 'back'}, h('a', {href: '/app/'}, '← All runs')),
    h('h1', {tabindex: '-1'}, `${format.day(run.started_at)}, ${format.clock(run.started_at)}`),
    run.overlapping ? h('p', {class: 'badge'}, 'Overlapping: another recording of this time counts instead') : null,
    figures(run),
    points.length > 1 ? mapBox : h('p', {class: 'muted'}, 'No route: this run was recorded without GPS.'),
    h('section', {'aria-labelledby': 'charts-title'}, h('h2', {id: 'charts-title'}, 'Charts'), chartsBox),
    notesForm(run, app),
    downloads(run, app),
    sharing(run, app)]);

  const drawing = [];
  if (points.length > 1) drawing.push(drawRoute(mapBox, points).then((remove) => cleanups.push(remove)));
  const series = chartSeries(track);
  if (series.length === 0) chartsBox.append(h('p', {class: 'muted'}, 'Nothing recorded to chart.'));
  else drawing.push(drawCharts(chartsBox, series).then((remove) => cleanups.push(remove)));
  // Map and charts drawn: the page is whole (the mark the load benchmark measures as interactive).
  Promise.all(drawing).then(() => performance.mark('fitsync:ready'), app.fail);
  return () => cleanups.forEach((cleanup) => cleanup());
}

function figures(run) {
  const stats = run.stats ?? {};
  const item = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
  return h('dl', {class: 'figures'},
    item('Distance', format.km(run.distance_m)),
    item('Moving time', format.duration(stats.moving_time_s ?? run.duration_s)),
    item('Pace', format.pace(stats.avg_pace_s_per_km)),
    item('Elevation gain', format.metres(stats.elevation_gain_m)),
    stats.avg_heart_rate != null ? item('Heart rate', `${format.bpm(stats.avg_heart_rate)} avg, ${format.bpm(stats.max_heart_rate)} max`) : null,
    item('Source', run.source),
    run.location ? item('Place', [run.location.city, run.location.country].filter(Boolean).join(', ')) : null);
}

function chartSeries(track) {
  const points = track.points ?? [];
  const samples = track.samples;
  const series = [];
  if (points.length > 1) {
    const pace = paceFromTrack(points);
    series.push({key: 'pace', label: 'Pace', color: '#1d4ed8', invert: true, text: units.pace, ...pace});
  } else if (samples?.distance_m) {
    const pace = paceFromDistance(samples.time, samples.distance_m);
    series.push({key: 'pace', label: 'Pace', color: '#1d4ed8', invert: true, text: units.pace, ...pace});
  }
  if (points.some((p) => p[3] != null)) {
    series.push({key: 'elevation', label: 'Elevation', color: '#15803d', text: units.elevation,
      times: points.map((p) => p[0]), values: points.map((p) => p[3])});
  }
  if (samples?.heart_rate) {
    series.push({key: 'heart-rate', label: 'Heart rate', color: '#b91c1c', text: units.heartRate,
      times: samples.time, values: samples.heart_rate});
  }
  return series;
}

function notesForm(run, app) {
  const notes = h('textarea', {id: 'run-notes', name: 'notes', rows: '4', maxlength: '10000'});
  notes.value = run.notes ?? '';
  const saved = h('span', {class: 'saved', role: 'status', 'aria-live': 'polite'});
  const save = h('button', {type: 'submit'}, 'Save notes');
  return h('form', {class: 'notes', onsubmit: async (event) => {
    event.preventDefault();
    save.disabled = true;
    saved.textContent = 'Saving…';
    try {
      const updated = await api(`/api/v1/runs/${run.id}`, {method: 'PATCH', body: {notes: notes.value === '' ? null : notes.value}});
      notes.value = updated.notes ?? '';
      saved.textContent = 'Saved.';
    } catch (error) {
      saved.textContent = '';
      app.fail(error);
    } finally {
      save.disabled = false;
    }
  }},
  h('h2', {}, h('label', {for: 'run-notes'}, 'Notes')), notes, h('div', {class: 'row'}, save, saved));
}

/** The track as a file: fetched with the session's token (it never goes in a URL), then saved. */
function downloads(run, app) {
  const download = (kind, accept, extension) => h('button', {type: 'button', onclick: async () => {
    try {
      const blob = await api(`/api/v1/runs/${run.id}/track`, {accept});
      const url = URL.createObjectURL(blob);
      const anchor = h('a', {href: url, download: `run-${run.started_at.slice(0, 10)}.${extension}`});
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      app.fail(error);
    }
  }}, `Download ${kind}`);
  return h('section', {class: 'downloads', 'aria-labelledby': 'downloads-title'},
    h('h2', {id: 'downloads-title'}, 'Track'),
    download('GPX', 'application/gpx+xml', 'gpx'),
    download('TCX', 'application/vnd.garmin.tcx+xml', 'tcx'));
}

/** Public links to the run: each opens /app/shared/{token}, showing what privacy settings allow. */
function sharing(run, app) {
  const result = h('p', {class: 'share-result', role: 'status', 'aria-live': 'polite'});
  const create = h('button', {type: 'button', id: 'share-create', onclick: async () => {
    try {
      const link = await api(`/api/v1/runs/${run.id}/share`, {method: 'POST'});
      const url = `${location.origin}/app/shared/${link.token}`;
      result.replaceChildren('Anyone with this link can see the run: ',
        h('a', {href: url, id: 'share-url', target: '_blank', rel: 'noopener'}, url));
    } catch (error) {
      app.fail(error);
    }
  }}, 'Create a public link');
  const revoke = h('button', {type: 'button', class: 'secondary', onclick: async () => {
    try {
      await api(`/api/v1/runs/${run.id}/share`, {method: 'DELETE'});
      result.replaceChildren('Every public link to this run now shows nothing.');
    } catch (error) {
      app.fail(error);
    }
  }}, 'Revoke all links');
  return h('section', {class: 'sharing', 'aria-labelledby': 'sharing-title'},
    h('h2', {id: 'sharing-title'}, 'Sharing'),
    h('p', {class: 'muted'}, 'A public link shows the date, distance, times, climb and the route without your ',
      h('a', {href: '/app/privacy'}, 'private places'), '.'),
    h('div', {class: 'row'}, create, revoke), result);
}

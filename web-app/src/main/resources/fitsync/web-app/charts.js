// Line charts of a run over its elapsed time (uPlot, on canvas). Each chart also says in words what it
// shows, for screen readers.

import {loadLibrary} from './config.js';
import {h} from './dom.js';
import * as format from './format.js';

const MAX_POINTS = 1500;

/** Series of {label, unit, times (ms), values, color, invert?, text(value)} drawn into one chart each. */
export async function drawCharts(container, series) {
  await loadLibrary('uPlot');
  const uPlot = window.uPlot;
  const plots = [];
  for (const one of series) {
    const [xs, ys] = downsample(one.times, one.values);
    const finite = ys.filter((v) => v != null);
    if (finite.length < 2) continue;
    const low = Math.min(...finite);
    const high = Math.max(...finite);
    const figure = h('figure', {class: 'chart', dataset: {chart: one.key}, 'aria-label': `${one.label}: ${one.text(low)} to ${one.text(high)}`},
      h('figcaption', {}, `${one.label} (${one.text(low)} – ${one.text(high)})`));
    container.append(figure);
    const width = Math.max(280, figure.clientWidth || container.clientWidth || 600);
    const plot = new uPlot({
      width,
      height: 180,
      legend: {show: false},
      cursor: {drag: {x: false, y: false}},
      scales: {x: {time: false}, y: {dir: one.invert ? -1 : 1}},
      axes: [
        {label: 'minutes', values: (u, ticks) => ticks.map((t) => Math.round(t / 60))},
        {values: (u, ticks) => ticks.map((t) => one.text(t)), size: 70},
      ],
      series: [{}, {label: one.label, stroke: one.color, width: 2, spanGaps: true}],
    }, [xs, ys], figure);
    plots.push(plot);
  }
  const resize = () => plots.forEach((plot) => plot.setSize({width: Math.max(280, plot.root.parentElement.clientWidth), height: 180}));
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    plots.forEach((plot) => plot.destroy());
  };
}

/** Seconds since the start and values, at most MAX_POINTS of them (every n-th: enough for 180 px). */
function downsample(times, values) {
  const step = Math.max(1, Math.ceil(times.length / MAX_POINTS));
  const xs = [];
  const ys = [];
  for (let i = 0; i < times.length; i += step) {
    xs.push((times[i] - times[0]) / 1000);
    ys.push(values[i]);
  }
  return [xs, ys];
}

/** Pace in s/km from a track's points: distance over the last 30 s at each point, so GPS noise averages out. */
export function paceFromTrack(points) {
  const times = points.map((p) => p[0]);
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    cumulative.push(cumulative[i - 1] + haversine(points[i - 1], points[i]));
  }
  return {times, values: paceOver(times, cumulative)};
}

/** Pace in s/km from the watch's distance stream. */
export function paceFromDistance(times, distances) {
  return {times, values: paceOver(times, distances)};
}

function paceOver(times, distances) {
  const values = [];
  let start = 0;
  for (let i = 0; i < times.length; i++) {
    while (times[i] - times[start] > 30_000) start++;
    const metres = (distances[i] ?? 0) - (distances[start] ?? 0);
    const seconds = (times[i] - times[start]) / 1000;
    const pace = metres > 5 && seconds > 0 ? seconds / (metres / 1000) : null;
    values.push(pace != null && pace < 1200 ? pace : null); // slower than 20 min/km is standing
  }
  return values;
}

function haversine([, lat1, lon1], [, lat2, lon2]) {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export const units = {
  pace: (v) => format.pace(v),
  elevation: (v) => format.metres(v),
  heartRate: (v) => format.bpm(v),
};

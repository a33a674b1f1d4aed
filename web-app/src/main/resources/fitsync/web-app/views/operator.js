// The operator's view of this node, from its own health check and Prometheus metrics: readiness, the
// database pool, admission, request rates and errors (over the last refresh), and imports parked on
// Strava's rate limits. Refreshed every 5 s while open.

import {h, replace} from '../dom.js';
import {hasRole} from '../session.js';

const REFRESH_MS = 5000;

export function operatorView(main, params, app) {
  if (!hasRole('admin')) {
    main.append(h('h1', {tabindex: '-1'}, 'This node'), h('p', {}, 'This page is for operators: it needs the role admin.'));
    return;
  }
  const body = h('div', {id: 'operator', 'aria-live': 'polite'}, h('p', {class: 'loading'}, 'Reading the node…'));
  main.append(h('h1', {tabindex: '-1'}, 'This node'), body);
  let previous = null;
  let timer = null;
  const controller = new AbortController();

  async function refresh() {
    try {
      const [ready, text] = await Promise.all([
        fetch('/health/ready', {signal: controller.signal}).then((r) => r.json()),
        fetch('/metrics', {signal: controller.signal}).then((r) => r.text()),
      ]);
      const sample = {at: performance.now(), metrics: parseMetrics(text)};
      replace(body, health(ready), pool(sample.metrics), traffic(sample, previous), imports(sample.metrics));
      previous = sample;
    } catch (error) {
      app.fail(error);
    }
    if (!controller.signal.aborted) timer = setTimeout(refresh, REFRESH_MS);
  }
  refresh();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}

/** Prometheus text format: [{name, labels, value}], comments skipped. */
export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, key, value] of (match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({name: match[1], labels, value: Number(match[4])});
  }
  return samples;
}

function sum(metrics, name, filter = () => true) {
  return metrics.filter((m) => m.name === name && filter(m.labels)).reduce((total, m) => total + m.value, 0);
}

function card(title, ...rows) {
  return h('section', {class: 'card'}, h('h2', {}, title),
    h('dl', {class: 'figures'}, rows.map(([label, value, id]) => [h('dt', {}, label), h('dd', {id}, value)])));
}

function health(ready) {
  return card('Health',
    ['Ready', ready.status === 'UP' ? 'Yes' : `No: ${ready.detail ?? ready.status}`, 'op-ready'],
    ['Database', ready.database ?? '–'],
    ['Migrations', ready.migrations ?? '–']);
}

function pool(metrics) {
  return card('Database pool',
    ['Active', String(sum(metrics, 'hikaricp_connections_active')), 'op-pool-active'],
    ['Idle', String(sum(metrics, 'hikaricp_connections_idle'))],
    ['Waiting', String(sum(metrics, 'hikaricp_connections_pending'))],
    ['Size limit', String(sum(metrics, 'hikaricp_connections_max'))],
    ['Timeouts since start', String(sum(metrics, 'hikaricp_connections_timeout_total'))]);
}

const isSync = (labels) => labels.route === '/api/v1/sync';

function traffic(sample, previous) {
  const count = (filter) => sum(sample.metrics, 'http_server_requests_seconds_count', filter);
  const rows = [
    ['Sync requests since start', String(count(isSync)), 'op-sync-total'],
    ['Server errors (5xx) since start', String(count((l) => l.status?.startsWith('5'))), 'op-5xx'],
    ['Refused for overload (503) since start', String(sum(sample.metrics, 'fitsync_requests_rejected_total'))],
    ['In flight now', String(sum(sample.metrics, 'fitsync_admission_in_flight'))],
  ];
  if (previous) {
    const seconds = (sample.at - previous.at) / 1000;
    const before = (filter) => sum(previous.metrics, 'http_server_requests_seconds_count', filter);
    const all = count(() => true) - before(() => true);
    const errors = count((l) => l.status?.startsWith('5')) - before((l) => l.status?.startsWith('5'));
    rows.unshift(
      ['Sync requests per second', ((count(isSync) - before(isSync)) / seconds).toFixed(1), 'op-sync-rate'],
      ['Requests per second', (all / seconds).toFixed(1)],
      ['Error rate (5xx)', all > 0 ? `${((errors / all) * 100).toFixed(1)} %` : '0 %']);
  }
  return card('Traffic', ...rows);
}

function imports(metrics) {
  const parked = sum(metrics, 'fitsync_imports_parked_total');
  const finished = sum(metrics, 'fitsync_imports_finished_total');
  return card('Imports',
    ['Parked on Strava rate limits since start', String(parked)],
    ['Finished since start', String(finished)]);
}

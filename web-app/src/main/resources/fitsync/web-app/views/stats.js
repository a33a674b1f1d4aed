// Totals per week, month or year as bars (distance), with the figures in a table beside them, and the
// runner's personal records: best efforts per distance, the longest run, the biggest climb.

import {api} from '../api.js';
import {append, h} from '../dom.js';
import * as format from '../format.js';

const SPANS = {week: 12 * 7, month: 365, year: 5 * 365};

export async function statsView(main, params, app) {
  const query = new URLSearchParams(location.search);
  const period = Object.hasOwn(SPANS, query.get('period')) ? query.get('period') : 'week';
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const to = new Date();
  const from = new Date(to.getTime() - SPANS[period] * 86_400_000);
  const controller = new AbortController();
  const [stats, records] = await Promise.all([
    api(`/api/v1/stats?${new URLSearchParams({period, tz, from: isoDate(from), to: isoDate(to)})}`, {signal: controller.signal}),
    api('/api/v1/records', {signal: controller.signal}),
  ]);
  append(main, [
    h('h1', {tabindex: '-1'}, 'Totals and records'),
    h('nav', {class: 'periods', 'aria-label': 'Period'},
      ['week', 'month', 'year'].map((p) => h('a', {href: `/app/stats?period=${p}`, 'aria-current': p === period ? 'page' : null}, `By ${p}`))),
    totals(stats, period),
    recordsSection(records),
  ]);
  return () => controller.abort();
}

function isoDate(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function periodLabel(start, period) {
  const date = new Date(`${start}T00:00:00`);
  if (period === 'year') return String(date.getFullYear());
  if (period === 'month') return date.toLocaleDateString(undefined, {month: 'short', year: 'numeric'});
  return `Week of ${date.toLocaleDateString(undefined, {day: 'numeric', month: 'short'})}`;
}

function totals(stats, period) {
  const section = h('section', {'aria-labelledby': 'totals-title'}, h('h2', {id: 'totals-title'}, 'Distance'));
  if (stats.items.length === 0) {
    section.append(h('p', {class: 'muted'}, 'No runs in this range yet.'));
    return section;
  }
  const longest = Math.max(...stats.items.map((item) => item.distance_m));
  section.append(
    h('div', {class: 'bars', id: 'stats-bars', 'aria-hidden': 'true'},
      stats.items.map((item) => h('div', {class: 'bar-slot', title: `${periodLabel(item.start, period)}: ${format.km(item.distance_m)}`},
        h('div', {class: 'bar', dataset: {start: item.start}}),
        h('span', {class: 'bar-label'}, periodLabel(item.start, period).replace('Week of ', ''))))),
    h('table', {class: 'totals'},
      h('caption', {}, `Per ${period}, ${stats.items.length} with runs; ${format.km(stats.total.distance_m)} in all`),
      h('thead', {}, h('tr', {}, ['Period', 'Runs', 'Distance', 'Moving time', 'Climb', 'Longest'].map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, stats.items.map((item) => h('tr', {},
        h('th', {scope: 'row'}, periodLabel(item.start, period)),
        h('td', {}, String(item.count)),
        h('td', {}, format.km(item.distance_m)),
        h('td', {}, format.duration(item.moving_time_s)),
        h('td', {}, format.metres(item.elevation_gain_m)),
        h('td', {}, item.longest_run_id ? h('a', {href: `/app/runs/${item.longest_run_id}`}, format.km(item.longest_run_m)) : '–'))))));
  // Heights are set through the CSSOM: the page's policy allows no inline style attributes from markup.
  section.querySelectorAll('.bar').forEach((bar, i) => {
    bar.style.height = `${Math.max(2, (stats.items[i].distance_m / longest) * 100)}%`;
  });
  return section;
}

const DISTANCE_NAMES = {'400m': '400 m', '1k': '1 km', '1mi': '1 mile', '5k': '5 km', '10k': '10 km', half_marathon: 'Half marathon', marathon: 'Marathon'};

function recordsSection(records) {
  const rows = records.best_efforts.map((effort) => h('tr', {},
    h('th', {scope: 'row'}, DISTANCE_NAMES[effort.distance] ?? effort.distance),
    h('td', {}, format.duration(effort.time_s)),
    h('td', {}, format.pace(effort.pace_s_per_km)),
    h('td', {}, h('a', {href: `/app/runs/${effort.run_id}`}, format.day(effort.run_started_at)))));
  return h('section', {'aria-labelledby': 'records-title'},
    h('h2', {id: 'records-title'}, 'Personal records'),
    rows.length === 0
      ? h('p', {class: 'muted'}, 'No best efforts yet: they come from runs with a GPS track or a distance stream.')
      : h('table', {class: 'records', id: 'records'},
        h('thead', {}, h('tr', {}, ['Distance', 'Time', 'Pace', 'Run'].map((t) => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, rows)),
    h('dl', {class: 'figures'},
      records.longest_run ? [h('dt', {}, 'Longest run'), h('dd', {}, h('a', {href: `/app/runs/${records.longest_run.run_id}`}, format.km(records.longest_run.distance_m)))] : null,
      records.biggest_climb ? [h('dt', {}, 'Biggest climb'), h('dd', {}, h('a', {href: `/app/runs/${records.biggest_climb.run_id}`}, format.metres(records.biggest_climb.elevation_gain_m)))] : null));
}

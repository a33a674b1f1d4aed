// The runner's days: steps and sleep per day over a date range (the last 28 days unless the form says
// otherwise), as bar charts and a table that says where each value came from: a device's platform, or a
// manual entry, which device value it overrode, and which coach corrected it. The coach's page of a
// client shows the same (daysPanel), and a runner can make a pairing code here to hand to a coach.

import {api} from '../api.js';
import {h, replace} from '../dom.js';

const DEFAULT_DAYS = 28;
const PLATFORMS = {healthkit: 'HealthKit', health_connect: 'Health Connect', garmin: 'Garmin', manual: 'Manual'};
const numberFormat = new Intl.NumberFormat();
const dayFormat = new Intl.DateTimeFormat(undefined, {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric'});
const shortDayFormat = new Intl.DateTimeFormat(undefined, {day: 'numeric', month: 'short'});
const expiryFormat = new Intl.DateTimeFormat(undefined, {hour: '2-digit', minute: '2-digit'});

export function daysView(main, params, app) {
  const range = rangeFromQuery();
  const panel = daysPanel({entriesPath: '/api/v1/entries', range, app,
    onRange: (from, to) => app.navigate(`/app/days?${new URLSearchParams({from, to})}`)});
  main.append(
    h('h1', {tabindex: '-1'}, 'Your days'),
    panel.element,
    pairingSection(app));
  panel.load();
  return panel.cleanup;
}

/** The range in the address bar, or the last 28 days up to today (in the browser's time zone). */
export function rangeFromQuery() {
  const query = new URLSearchParams(location.search);
  const today = new Date();
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (DEFAULT_DAYS - 1));
  return {from: validDate(query.get('from')) ?? isoDate(start), to: validDate(query.get('to')) ?? isoDate(today)};
}

/**
 * The range form, the charts and the table of days read from `entriesPath` (the runner's own or a coach's
 * view of a client). `correct(day)`, when given, adds a "Correct" button to each row. `load()` (re)reads.
 */
export function daysPanel({entriesPath, range, app, onRange, correct, idPrefix = 'days'}) {
  const controller = new AbortController();
  const status = h('p', {class: 'list-status', role: 'status', 'aria-live': 'polite', id: `${idPrefix}-status`});
  const charts = h('div', {class: 'day-charts', id: `${idPrefix}-charts`});
  const table = h('div', {class: 'table-scroll', id: `${idPrefix}-table`});
  const element = h('section', {class: 'days', 'aria-label': 'Steps and sleep per day'},
    rangeForm(range, onRange, idPrefix), status, charts, table);

  async function load() {
    status.textContent = 'Loading days…';
    status.dataset.state = 'loading';
    try {
      const query = new URLSearchParams({from: range.from, to: range.to});
      const {items} = await api(`${entriesPath}?${query}`, {signal: controller.signal});
      const dates = datesBetween(range.from, range.to);
      const byDate = new Map(items.map((day) => [day.date, day]));
      replace(charts,
        barChart({key: 'steps', title: 'Steps per day', dates, byDate, field: 'steps', text: steps}),
        barChart({key: 'sleep', title: 'Sleep per night', dates, byDate, field: 'sleep_min', text: sleep}));
      replace(table, items.length === 0 ? null : daysTable(items, correct));
      status.textContent = items.length === 0
        ? `No steps or sleep recorded from ${longDay(range.from)} to ${longDay(range.to)}.`
        : `${items.length} of ${dates.length} days have steps or sleep.`;
      status.dataset.state = 'loaded';
    } catch (error) {
      status.textContent = '';
      status.dataset.state = 'failed';
      app.fail(error);
    }
  }

  return {element, load, cleanup: () => controller.abort()};
}

function rangeForm(range, onRange, idPrefix) {
  const from = h('input', {type: 'date', id: `${idPrefix}-from`, name: 'from', value: range.from, required: true});
  const to = h('input', {type: 'date', id: `${idPrefix}-to`, name: 'to', value: range.to, required: true});
  return h('form', {class: 'filters', 'aria-label': 'Choose the days', onsubmit: (event) => {
    event.preventDefault();
    onRange(from.value, to.value);
  }},
  h('label', {for: from.id}, 'From'), from,
  h('label', {for: to.id}, 'To'), to,
  h('button', {type: 'submit'}, 'Show'));
}

/** One bar per day of the range, drawn in SVG, with its figures in words (caption and the image's name). */
function barChart({key, title, dates, byDate, field, text}) {
  const values = dates.map((date) => byDate.get(date)?.[field] ?? null);
  const known = values.map((value, i) => [value, dates[i]]).filter(([value]) => value != null);
  const figure = h('figure', {class: 'day-chart', dataset: {chart: key}});
  if (known.length === 0) {
    figure.append(h('figcaption', {}, `${title}: nothing recorded in these days.`));
    return figure;
  }
  const [highest, highestDate] = known.reduce((best, one) => (one[0] > best[0] ? one : best));
  const average = known.reduce((sum, [value]) => sum + value, 0) / known.length;
  const summary = `${title}: ${known.length} of ${dates.length} days recorded, average ${text(Math.round(average))}, `
    + `highest ${text(highest)} on ${longDay(highestDate)}.`;
  const top = Math.max(highest, 1);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${dates.length * 10} 100`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Bar chart of ${title.toLowerCase()}, ${longDay(dates[0])} to `
    + `${longDay(dates[dates.length - 1])}: the caption sums it up, the table below gives each day.`);
  svg.classList.add('bars');
  values.forEach((value, i) => {
    if (value == null) return;
    const height = Math.max((value / top) * 100, value > 0 ? 1 : 0);
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', String(i * 10 + 1.5));
    bar.setAttribute('width', '7');
    bar.setAttribute('y', String(100 - height));
    bar.setAttribute('height', String(height));
    bar.dataset.date = dates[i];
    const tip = document.createElementNS(ns, 'title');
    tip.textContent = `${longDay(dates[i])}: ${text(value)}`;
    bar.append(tip);
    svg.append(bar);
  });
  figure.append(
    h('figcaption', {}, summary),
    h('div', {class: 'bar-area'},
      h('span', {class: 'bar-top', 'aria-hidden': 'true'}, text(highest)),
      svg),
    h('div', {class: 'bar-dates', 'aria-hidden': 'true'},
      h('span', {}, shortDay(dates[0])), h('span', {}, shortDay(dates[dates.length - 1]))));
  return figure;
}

function daysTable(items, correct) {
  const rows = [...items].reverse().map((day) => h('tr', {dataset: {date: day.date}},
    h('th', {scope: 'row'},
      h('span', {class: 'day-date'}, longDay(day.date)),
      correct ? h('button', {type: 'button', class: 'link correct', 'aria-label': `Correct ${longDay(day.date)}`,
        onclick: () => correct(day)}, 'Correct') : null),
    valueCell(day, 'steps', steps),
    valueCell(day, 'sleep_min', sleep)));
  return h('table', {class: 'days-table'},
    h('caption', {}, 'Days, newest first: each value and where it came from'),
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, 'Date'), h('th', {scope: 'col'}, 'Steps'), h('th', {scope: 'col'}, 'Sleep'))),
    h('tbody', {}, rows));
}

/** A value and its source: the device's platform, "Manual", or a badge naming the device value it overrode. */
function valueCell(day, field, text) {
  const value = day[field];
  if (value == null) return h('td', {dataset: {field}}, h('span', {class: 'muted'}, '–'));
  const manual = day.manual_fields?.includes(field);
  const overridden = day.overridden?.[field];
  const coach = day.corrections?.find((correction) => correction.field === field)?.coach_id;
  let source;
  if (manual && overridden) {
    source = [h('span', {class: 'badge manual-badge'}, `Manual (overrode ${platform(overridden.source)})`),
      h('span', {class: 'muted overridden'}, ` ${platform(overridden.source)} had ${text(overridden.value)}`)];
  } else if (manual) {
    source = h('span', {class: 'source'}, 'Manual');
  } else {
    source = h('span', {class: 'source'}, deviceSource(day, field));
  }
  return h('td', {dataset: {field}},
    h('span', {class: 'value'}, text(value)),
    h('span', {class: 'value-source'}, source),
    coach ? h('span', {class: 'corrected'}, `Corrected by ${coach}`) : null);
}

/**
 * The platform a device value came from. Sleep names its night's platform; steps name the day's one device
 * platform, or every one of them when several sent something that day (the API does not say which won).
 */
function deviceSource(day, field) {
  if (field === 'sleep_min' && day.sleep?.source) return platform(day.sleep.source);
  const devices = (day.data_sources ?? []).filter((source) => source !== 'manual').map(platform);
  return devices.length === 0 ? 'Device' : devices.join(' or ');
}

function pairingSection(app) {
  const result = h('div', {class: 'pairing-result', id: 'pairing-result', role: 'status', 'aria-live': 'polite'});
  const button = h('button', {type: 'button', id: 'pairing-create'}, 'Create a pairing code');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const pairing = await api('/api/v1/pairing-codes', {method: 'POST'});
      replace(result,
        h('p', {}, 'Your code: ', h('strong', {class: 'pairing-code', id: 'pairing-code'}, pairing.code)),
        h('p', {class: 'muted'}, `Valid once, until ${expiryFormat.format(new Date(pairing.expires_at))} `
          + `(${dayFormat.format(new Date(pairing.expires_at))}).`));
    } catch (error) {
      app.fail(error);
    } finally {
      button.disabled = false;
    }
  });
  return h('section', {class: 'card pairing', 'aria-labelledby': 'pairing-title'},
    h('h2', {id: 'pairing-title'}, 'Share with a coach'),
    h('p', {}, 'A coach who enters this code sees your days and runs (with your privacy zones cut out) '
      + 'and can correct a day\'s steps or sleep. The code works once, for 15 minutes.'),
    button, result);
}

export function steps(value) {
  return value == null ? '–' : `${numberFormat.format(value)} steps`;
}

export function sleep(minutes) {
  if (minutes == null) return '–';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

export function platform(source) {
  return PLATFORMS[source] ?? source;
}

/** A calendar date (YYYY-MM-DD) as a day in the browser's locale; it names no instant, so no time zone shifts it. */
export function longDay(date) {
  return dayFormat.format(localDate(date));
}

function shortDay(date) {
  return shortDayFormat.format(localDate(date));
}

function localDate(date) {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year, month - 1, day);
}

export function isoDate(date) {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-`
    + String(date.getDate()).padStart(2, '0');
}

function validDate(text) {
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}

/** Every date from `from` to `to` inclusive (none when `to` comes first: the API says why). */
function datesBetween(from, to) {
  const dates = [];
  const day = localDate(from);
  const last = localDate(to);
  while (day <= last && dates.length < 3660) {
    dates.push(isoDate(day));
    day.setDate(day.getDate() + 1);
  }
  return dates;
}

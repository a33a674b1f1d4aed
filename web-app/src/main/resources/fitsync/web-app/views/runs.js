// The run list: newest first, the next page fetched as the end of the list comes into view (or on the
// "More runs" button, for keyboards), filtered by dates, with overlapping recordings behind a toggle.

import {api} from '../api.js';
import {h} from '../dom.js';
import * as format from '../format.js';

const PAGE_SIZE = 50;

export function runsView(main, params, app) {
  const query = new URLSearchParams(location.search);
  const filters = {
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    overlapping: query.get('overlapping') === 'true',
  };
  const list = h('ol', {class: 'runs', id: 'run-list', 'aria-label': 'Runs, newest first'});
  const status = h('p', {class: 'list-status', role: 'status', 'aria-live': 'polite'});
  const more = h('button', {type: 'button', class: 'more', hidden: true}, 'More runs');
  const controller = new AbortController();
  let cursor = null;
  let loading = false;
  let finished = false;

  async function loadPage() {
    if (loading || finished) return;
    loading = true;
    more.hidden = true;
    status.textContent = 'Loading runs…';
    try {
      const page = await api(`/api/v1/runs?${pageQuery(filters, cursor)}`, {signal: controller.signal});
      list.append(...page.items.map(runItem));
      cursor = page.next_cursor;
      finished = cursor == null;
      const count = list.children.length;
      status.textContent = finished
        ? (count === 0 ? 'No runs in this range yet.' : `All ${count} runs shown.`)
        : `${count} runs shown.`;
      status.dataset.state = finished ? 'end' : 'more';
      // The list can be used from here on: what the load benchmark measures as interactive.
      if (!performance.getEntriesByName('fitsync:ready').length) performance.mark('fitsync:ready');
      more.hidden = finished;
    } catch (error) {
      status.textContent = '';
      more.hidden = false;
      app.fail(error);
    } finally {
      loading = false;
    }
    // A tall screen may show the whole page and the sentinel at once: keep filling it.
    if (!finished && !controller.signal.aborted && isVisible(more)) loadPage();
  }

  more.addEventListener('click', loadPage);
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) loadPage();
  }, {rootMargin: '400px'});

  main.append(
    h('h1', {tabindex: '-1'}, 'Your runs'),
    filterForm(filters, app),
    list, status, more);
  observer.observe(more);
  loadPage();

  return () => {
    controller.abort();
    observer.disconnect();
  };
}

function pageQuery(filters, cursor) {
  const query = new URLSearchParams({limit: String(PAGE_SIZE)});
  if (filters.from) query.set('from', new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) {
    const end = new Date(`${filters.to}T00:00:00`);
    end.setDate(end.getDate() + 1); // the last day counts whole
    query.set('to', end.toISOString());
  }
  if (filters.overlapping) query.set('include_overlapping', 'true');
  if (cursor) query.set('cursor', cursor);
  return query;
}

function filterForm(filters, app) {
  const from = h('input', {type: 'date', id: 'filter-from', name: 'from', value: filters.from});
  const to = h('input', {type: 'date', id: 'filter-to', name: 'to', value: filters.to});
  const overlapping = h('input', {type: 'checkbox', id: 'filter-overlapping', name: 'overlapping', checked: filters.overlapping});
  return h('form', {class: 'filters', 'aria-label': 'Filter runs', onsubmit: (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    if (from.value) query.set('from', from.value);
    if (to.value) query.set('to', to.value);
    if (overlapping.checked) query.set('overlapping', 'true');
    app.navigate(`/app/runs${query.size ? `?${query}` : ''}`);
  }},
  h('label', {for: 'filter-from'}, 'From'), from,
  h('label', {for: 'filter-to'}, 'To'), to,
  h('span', {class: 'check'}, overlapping, h('label', {for: 'filter-overlapping'}, 'Show overlapping recordings')),
  h('button', {type: 'submit'}, 'Apply'));
}

function runItem(run) {
  const pace = run.stats?.avg_pace_s_per_km;
  return h('li', {class: 'run', dataset: {runId: run.id}},
    h('a', {href: `/app/runs/${run.id}`},
      h('span', {class: 'run-date'}, `${format.day(run.started_at)} ${format.clock(run.started_at)}`),
      h('span', {class: 'run-distance'}, format.km(run.distance_m)),
      h('span', {class: 'run-time'}, format.duration(run.stats?.moving_time_s ?? run.duration_s)),
      h('span', {class: 'run-pace'}, format.pace(pace)),
      h('span', {class: 'run-source'}, run.source),
      run.overlapping ? h('span', {class: 'badge'}, 'Overlapping') : null));
}

function isVisible(element) {
  const box = element.getBoundingClientRect();
  return !element.hidden && box.top < window.innerHeight + 400;
}

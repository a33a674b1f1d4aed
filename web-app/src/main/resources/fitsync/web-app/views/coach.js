// The coach's desk: the clients linked to this coach (and a form to redeem a client's pairing code), and
// one client's page: their days as on "Your days", a form to correct a day's steps or sleep, and their
// runs, newest first, with tracks cut by the client's privacy zones on the server.

import {api, ApiError} from '../api.js';
import {h, replace} from '../dom.js';
import * as format from '../format.js';
import {daysPanel, longDay, rangeFromQuery} from './days.js';

const RUNS_PAGE = 20;

export async function clientsView(main, params, app) {
  const controller = new AbortController();
  const list = h('ul', {class: 'clients', id: 'client-list', 'aria-label': 'Clients, earliest link first'});
  const status = h('p', {class: 'list-status', role: 'status', 'aria-live': 'polite'});

  async function load() {
    const {items} = await api('/api/v1/coach/clients', {signal: controller.signal});
    replace(list, items.map((client) => h('li', {dataset: {clientId: client.client_id}},
      h('a', {href: `/app/coach/clients/${encodeURIComponent(client.client_id)}`}, client.client_id),
      h('span', {class: 'muted'}, ` linked ${format.day(client.linked_at)}`))));
    status.textContent = items.length === 0
      ? 'No clients yet: ask a runner for a pairing code (on their Days page) and enter it below.'
      : `${items.length} ${items.length === 1 ? 'client' : 'clients'}.`;
  }

  main.append(
    h('h1', {tabindex: '-1'}, 'Your clients'),
    list, status,
    redeemForm(app, load));
  await load();
  return () => controller.abort();
}

function redeemForm(app, reload) {
  const code = h('input', {id: 'pairing-code-input', name: 'code', required: true, autocomplete: 'off',
    autocapitalize: 'characters', spellcheck: 'false', 'aria-describedby': 'pairing-code-hint'});
  const saved = h('span', {class: 'saved', role: 'status', 'aria-live': 'polite'});
  const submit = h('button', {type: 'submit'}, 'Add client');
  return h('form', {class: 'card redeem', 'aria-labelledby': 'redeem-title', onsubmit: async (event) => {
    event.preventDefault();
    submit.disabled = true;
    saved.textContent = '';
    try {
      const {client_id: client} = await api('/api/v1/coach/clients', {method: 'POST', body: {code: code.value.trim()}});
      code.value = '';
      saved.textContent = `${client} is now your client.`;
      app.clearNotice();
      await reload();
    } catch (error) {
      app.fail(error);
    } finally {
      submit.disabled = false;
    }
  }},
  h('h2', {id: 'redeem-title'}, 'Add a client'),
  h('label', {for: code.id}, 'Pairing code'),
  h('p', {class: 'muted hint', id: 'pairing-code-hint'}, 'Like K7Q2-9XPA: the runner makes it on their Days page.'),
  h('div', {class: 'row'}, code, submit, saved));
}

export function clientView(main, [encodedId], app) {
  const id = decodeURIComponent(encodedId);
  const base = `/api/v1/coach/clients/${encodeURIComponent(id)}`;
  const range = rangeFromQuery();
  const form = correctionForm(base, app, () => panel.load());
  const panel = daysPanel({entriesPath: `${base}/entries`, range, app, idPrefix: 'client-days',
    onRange: (from, to) => app.navigate(`/app/coach/clients/${encodeURIComponent(id)}?${new URLSearchParams({from, to})}`),
    correct: (day) => form.edit(day)});
  const runs = runList(base, app);
  main.append(
    h('p', {class: 'back'}, h('a', {href: '/app/coach'}, '← All clients')),
    h('h1', {tabindex: '-1'}, `Client ${id}`),
    h('h2', {}, 'Days'),
    panel.element,
    form.element,
    runs.element);
  panel.load();
  runs.load();
  return () => {
    panel.cleanup();
    runs.cleanup();
  };
}

/** PUT /coach/clients/{id}/entries/{date}: a blank field is left as it is. */
function correctionForm(base, app, reload) {
  const date = h('input', {type: 'date', id: 'correct-date', name: 'date', required: true});
  const steps = h('input', {type: 'number', id: 'correct-steps', name: 'steps', min: '0', step: '1', inputmode: 'numeric'});
  const sleep = h('input', {type: 'number', id: 'correct-sleep', name: 'sleep_min', min: '0', step: '1', inputmode: 'numeric'});
  const saved = h('p', {class: 'saved', id: 'correct-status', role: 'status', 'aria-live': 'polite'});
  const errors = h('ul', {class: 'field-errors', id: 'correct-errors'});
  const submit = h('button', {type: 'submit'}, 'Save correction');
  const field = (input, label) => h('div', {class: 'field'}, h('label', {for: input.id}, label), input);

  const element = h('form', {class: 'card correction', id: 'correction', 'aria-labelledby': 'correct-title',
    'aria-describedby': 'correct-hint', onsubmit: async (event) => {
      event.preventDefault();
      const body = {};
      if (steps.value !== '') body.steps = Number(steps.value);
      if (sleep.value !== '') body.sleep_min = Number(sleep.value);
      replace(errors);
      if (Object.keys(body).length === 0) {
        saved.textContent = 'Enter steps or sleep minutes to correct.';
        return;
      }
      submit.disabled = true;
      saved.textContent = 'Saving…';
      try {
        await api(`${base}/entries/${date.value}`, {method: 'PUT', body});
        saved.textContent = `Saved ${longDay(date.value)}.`;
        app.clearNotice();
        await reload();
      } catch (error) {
        saved.textContent = '';
        if (error instanceof ApiError && error.status === 422) {
          replace(errors, (error.errors ?? []).map((e) => h('li', {}, `${e.field}: ${e.message}`)));
        }
        app.fail(error);
      } finally {
        submit.disabled = false;
      }
    }},
  h('h2', {id: 'correct-title'}, 'Correct a day'),
  h('p', {class: 'muted hint', id: 'correct-hint'},
    'The value you enter shows as manual, to the client too, with your name. A blank field stays as it is.'),
  h('div', {class: 'fields'},
    field(date, 'Date'), field(steps, 'Steps'), field(sleep, 'Sleep (minutes)')),
  errors,
  h('div', {class: 'row'}, submit, saved));

  return {element, edit(day) {
    date.value = day.date;
    steps.value = day.steps ?? '';
    sleep.value = day.sleep_min ?? '';
    saved.textContent = '';
    replace(errors);
    element.scrollIntoView({block: 'nearest'});
    steps.focus();
  }};
}

function runList(base, app) {
  const controller = new AbortController();
  const list = h('ol', {class: 'runs client-runs', id: 'client-runs', 'aria-labelledby': 'client-runs-title'});
  const status = h('p', {class: 'list-status', role: 'status', 'aria-live': 'polite'});
  const more = h('button', {type: 'button', class: 'more', hidden: true}, 'More runs');
  let cursor = null;

  async function load() {
    more.hidden = true;
    status.textContent = 'Loading runs…';
    try {
      const query = new URLSearchParams({limit: String(RUNS_PAGE)});
      if (cursor) query.set('cursor', cursor);
      const page = await api(`${base}/runs?${query}`, {signal: controller.signal});
      list.append(...page.items.map(runItem));
      cursor = page.next_cursor;
      const count = list.children.length;
      status.textContent = cursor == null
        ? (count === 0 ? 'No runs yet.' : `All ${count} runs shown.`)
        : `${count} runs shown.`;
      more.hidden = cursor == null;
    } catch (error) {
      status.textContent = '';
      more.hidden = cursor == null;
      app.fail(error);
    }
  }
  more.addEventListener('click', load);

  const element = h('section', {class: 'client-runs-section', 'aria-labelledby': 'client-runs-title'},
    h('h2', {id: 'client-runs-title'}, 'Runs, newest first'), list, status, more);
  return {element, load, cleanup: () => controller.abort()};
}

function runItem(run) {
  return h('li', {class: 'run', dataset: {runId: run.id}},
    h('div', {class: 'run-row'},
      h('span', {class: 'run-date'}, `${format.day(run.started_at)} ${format.clock(run.started_at)}`),
      h('span', {class: 'run-distance'}, format.km(run.distance_m)),
      h('span', {class: 'run-time'}, format.duration(run.stats?.moving_time_s ?? run.duration_s)),
      h('span', {class: 'run-pace'}, format.pace(run.stats?.avg_pace_s_per_km)),
      h('span', {class: 'run-source'}, run.source)));
}

// Imports: the Strava connection, importing the Strava history with live progress (the import's event
// stream), cancelling, and uploading FIT/GPX/TCX files that become runs.

import {api, ApiError} from '../api.js';
import {h, replace} from '../dom.js';
import {followEvents} from '../events.js';
import * as format from '../format.js';
import {ACTIVITY_FILE, uploadFile} from '../upload.js';

const ACTIVE = new Set(['queued', 'running', 'waiting_rate_limit']);
const STATE_TEXT = {
  queued: 'Queued',
  running: 'Running',
  waiting_rate_limit: 'Waiting for Strava',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const FILE_POLL_MS = 1000;

export async function importsView(main, params, app) {
  const controller = new AbortController();
  const signal = controller.signal;
  const connection = h('div', {class: 'strava-connection', id: 'strava-connection'});
  const list = h('ol', {class: 'imports', id: 'import-list', 'aria-label': 'Imports, newest first'});
  const announcer = h('p', {class: 'visually-hidden', role: 'status', 'aria-live': 'polite'});
  const items = new Map();

  main.append(
    h('h1', {tabindex: '-1'}, 'Imports'),
    h('section', {class: 'card', 'aria-labelledby': 'strava-heading'},
      h('h2', {id: 'strava-heading'}, 'Strava'),
      connection,
      h('h3', {}, 'Your imports'),
      list),
    uploadSection(app, signal),
    announcer);

  async function showConnection() {
    let state;
    try {
      state = await api('/api/v1/integrations/strava', {signal});
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        replace(connection, h('p', {class: 'muted'}, 'Strava import is not set up on this server.'));
        return;
      }
      throw error;
    }
    if (!state.connected) {
      replace(connection,
        h('p', {'data-connected': 'false'}, 'Strava is not connected.'),
        h('button', {type: 'button', id: 'strava-connect', onclick: connect}, 'Connect Strava'));
      return;
    }
    replace(connection,
      h('p', {'data-connected': 'true'}, `Connected to Strava athlete ${state.athlete_id}.`),
      h('div', {class: 'row'},
        h('button', {type: 'button', id: 'import-start', onclick: startImport}, 'Import my history'),
        h('button', {type: 'button', class: 'secondary', id: 'strava-disconnect', onclick: askDisconnect}, 'Disconnect')));
  }

  async function connect(event) {
    event.currentTarget.disabled = true;
    try {
      const {authorize_url: url} = await api('/api/v1/integrations/strava/authorize', {signal});
      location.assign(url);
    } catch (error) {
      event.currentTarget.disabled = false;
      app.fail(error);
    }
  }

  function askDisconnect() {
    const keep = h('button', {type: 'button', class: 'secondary', onclick: () => showConnection().catch(app.fail)}, 'Keep connected');
    const confirm = h('div', {class: 'confirm', role: 'group', 'aria-labelledby': 'disconnect-question'},
      h('p', {id: 'disconnect-question'},
        'Disconnect Strava? A running import stops and the runs imported from Strava are deleted.'),
      h('div', {class: 'row'},
        h('button', {type: 'button', class: 'danger', id: 'strava-disconnect-confirm', onclick: disconnect}, 'Yes, disconnect'),
        keep));
    replace(connection, confirm);
    keep.focus();
  }

  async function disconnect() {
    try {
      await api('/api/v1/integrations/strava', {method: 'DELETE', signal});
      announcer.textContent = 'Strava disconnected.';
      await showConnection();
      await showImports();
    } catch (error) {
      app.fail(error);
    }
  }

  async function startImport(event) {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      const started = await api('/api/v1/imports', {method: 'POST', body: {provider: 'strava'}, signal});
      app.clearNotice();
      announcer.textContent = 'Import started.';
      show(started, {first: true});
    } catch (error) {
      app.fail(error);
    } finally {
      button.disabled = false;
    }
  }

  async function showImports() {
    const {items: imports} = await api('/api/v1/imports', {signal});
    replace(list);
    items.clear();
    if (imports.length === 0) list.append(h('li', {class: 'muted empty'}, 'No imports yet.'));
    for (const item of imports) show(item, {first: false});
  }

  /** Adds or updates an import's entry; an active one follows its event stream. */
  function show(item, {first}) {
    let entry = items.get(item.id);
    if (!entry) {
      entry = importEntry(item, cancel);
      items.set(item.id, entry);
      list.querySelector('.empty')?.remove();
      if (first) list.prepend(entry.element);
      else list.append(entry.element);
      if (ACTIVE.has(item.state)) follow(item.id);
    }
    const wasActive = entry.element.dataset.state && ACTIVE.has(entry.element.dataset.state);
    entry.update(item);
    if (wasActive && !ACTIVE.has(item.state)) {
      announcer.textContent = `Strava import ${STATE_TEXT[item.state]?.toLowerCase() ?? item.state}.`;
    }
  }

  async function follow(id) {
    // A stream lasts at most 2 h and may drop: follow again while the import is still active.
    while (!signal.aborted) {
      let last = null;
      try {
        await followEvents(`/api/v1/imports/${id}/events`, ({event, data}) => {
          if (event !== 'progress') return;
          last = JSON.parse(data);
          show(last, {first: false});
        }, {signal});
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.status !== 0) {
          app.fail(error);
          return;
        }
      }
      if (last && !ACTIVE.has(last.state)) return;
      await pause(2000, signal);
    }
  }

  async function cancel(id, button) {
    button.disabled = true;
    try {
      show(await api(`/api/v1/imports/${id}/cancel`, {method: 'POST', signal}), {first: false});
    } catch (error) {
      button.disabled = false;
      app.fail(error);
    }
  }

  await showConnection();
  await showImports();
  return () => controller.abort();
}

function importEntry(item, cancel) {
  const title = h('span', {class: 'import-title', id: `import-title-${item.id}`});
  const state = h('span', {class: 'import-state'});
  const bar = h('progress', {id: `progress-${item.id}`, max: '1', value: '0'});
  const label = h('span', {class: 'progress-label', id: `progress-label-${item.id}`});
  bar.setAttribute('aria-labelledby', `${title.id} ${label.id}`);
  const counts = h('p', {class: 'import-counts'});
  const note = h('p', {class: 'import-note'});
  const cancelButton = h('button', {type: 'button', class: 'secondary import-cancel',
    onclick: (event) => cancel(item.id, event.currentTarget)}, 'Cancel');
  const element = h('li', {class: 'import', dataset: {importId: item.id}},
    h('div', {class: 'import-head'}, title, state),
    h('div', {class: 'import-progress'}, bar, label),
    counts, note, cancelButton);

  function update(current) {
    const p = current.progress ?? {};
    const processed = (p.imported ?? 0) + (p.skipped_duplicate ?? 0) + (p.skipped_not_run ?? 0) + (p.failed ?? 0);
    const finished = !ACTIVE.has(current.state);
    let total = Math.max(p.estimated_total ?? 0, p.fetched ?? 0, processed);
    let done = current.state === 'completed' ? total : processed;
    element.dataset.state = current.state;
    const provider = current.provider === 'strava_archive' ? 'Strava archive' : 'Strava';
    title.textContent = `${provider} import, ${format.day(current.created_at)} ${format.clock(current.created_at)}`;
    state.textContent = STATE_TEXT[current.state] ?? current.state;
    state.className = `import-state state-${current.state}`;
    if (total === 0 && current.state === 'completed') {
      total = 1;
      done = 1;
    }
    bar.max = Math.max(total, 1);
    bar.value = Math.min(done, bar.max);
    bar.dataset.percent = String(Math.round((bar.value / bar.max) * 100));
    const listing = current.phase === 'listing' && !finished;
    label.textContent = p.fetched == null && !finished ? 'Starting…'
      : `${processed} of ${p.fetched ?? 0} activities${listing ? ' listed so far' : ''}`;
    counts.textContent = `${p.imported ?? 0} imported, ${p.skipped_duplicate ?? 0} already here, `
      + `${p.skipped_not_run ?? 0} not runs, ${p.failed ?? 0} failed`;
    note.textContent = noteOf(current);
    note.hidden = !note.textContent;
    cancelButton.hidden = finished;
  }

  update(item);
  return {element, update};
}

function noteOf(item) {
  if (item.state === 'waiting_rate_limit') {
    return item.resume_at ? `Strava's rate limit is reached: continuing at ${format.clock(item.resume_at)}.`
      : 'Strava\'s rate limit is reached: continuing when it allows.';
  }
  if (item.state === 'queued' && item.resume_at) {
    return `Strava could not be reached: trying again at ${format.clock(item.resume_at)}.`;
  }
  if (item.state === 'failed' && item.error) return item.error.detail || item.error.type;
  if (item.finished_at) return `Finished ${format.day(item.finished_at)} ${format.clock(item.finished_at)}.`;
  return '';
}

function uploadSection(app, signal) {
  const input = h('input', {type: 'file', id: 'file-input', multiple: true,
    accept: '.fit,.gpx,.tcx,.gz', 'aria-describedby': 'file-hint'});
  const uploads = h('ul', {class: 'uploads', id: 'upload-list', 'aria-label': 'Uploaded files'});
  const zone = h('div', {class: 'drop-zone', id: 'drop-zone'},
    h('p', {id: 'file-hint'}, 'Drop FIT, GPX or TCX files here (also gzip-compressed, .gz), or choose them.'),
    h('label', {for: 'file-input', class: 'file-label'}, 'Choose activity files'),
    input);

  function take(files) {
    for (const file of files) uploads.prepend(uploadEntry(file, app, signal));
  }

  input.addEventListener('change', () => {
    take(Array.from(input.files));
    input.value = '';
  });
  zone.addEventListener('dragenter', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('dragleave', (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove('dragging');
  });
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    take(Array.from(event.dataTransfer?.files ?? []));
  });

  return h('section', {class: 'card', 'aria-labelledby': 'upload-heading'},
    h('h2', {id: 'upload-heading'}, 'Upload activity files'),
    zone, uploads);
}

function uploadEntry(file, app, signal) {
  const bar = h('progress', {max: '1', value: '0', 'aria-label': `Uploading ${file.name}`});
  const status = h('span', {class: 'upload-status'}, 'Waiting…');
  const result = h('span', {class: 'upload-result'});
  const element = h('li', {class: 'upload', dataset: {state: 'uploading', filename: file.name}},
    h('span', {class: 'upload-name'}, file.name), bar, status, result);

  function showFile(resource) {
    element.dataset.state = resource.state;
    element.dataset.fileId = resource.id;
    switch (resource.state) {
      case 'awaiting_upload':
      case 'processing':
        status.textContent = 'Uploaded, processing…';
        break;
      case 'imported':
        status.textContent = 'Imported.';
        break;
      case 'duplicate':
        status.textContent = 'Already imported.';
        break;
      case 'skipped':
        status.textContent = `Skipped: ${resource.reason ?? 'not a run'}.`;
        break;
      case 'failed':
        status.textContent = `Failed: ${resource.error?.detail || resource.error?.type || 'unreadable file'}.`;
        break;
      default:
        status.textContent = resource.state;
    }
    if (resource.run_id) {
      replace(result, h('a', {href: `/app/runs/${resource.run_id}`, class: 'run-link'}, `View the run from ${file.name}`));
    }
  }

  async function run() {
    if (!ACTIVITY_FILE.test(file.name)) {
      element.dataset.state = 'failed';
      bar.hidden = true;
      status.textContent = 'Not an activity file: choose .fit, .gpx or .tcx (optionally .gz).';
      return;
    }
    status.textContent = 'Uploading…';
    let resource;
    try {
      resource = await uploadFile(file, {signal, onProgress: (sent, total) => {
        bar.max = Math.max(total, 1);
        bar.value = sent;
        status.textContent = `Uploading… ${Math.round((sent / Math.max(total, 1)) * 100)} %`;
      }});
    } catch (error) {
      if (error?.name === 'AbortError') return;
      element.dataset.state = 'failed';
      status.textContent = `Upload failed: ${error.detail || error.title || error.message}`;
      app.fail(error);
      return;
    }
    bar.max = 1;
    bar.value = 1;
    showFile(resource);
    while ((resource.state === 'processing' || resource.state === 'awaiting_upload') && !signal.aborted) {
      await pause(FILE_POLL_MS, signal);
      if (signal.aborted) return;
      try {
        resource = await api(`/api/v1/files/${resource.id}`, {signal});
        showFile(resource);
      } catch (error) {
        if (error?.name === 'AbortError') return;
        if (!(error instanceof ApiError) || error.status !== 0) {
          app.fail(error);
          return;
        }
      }
    }
  }

  run();
  return element;
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, {once: true});
  });
}

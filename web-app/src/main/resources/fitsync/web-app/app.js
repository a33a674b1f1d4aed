// The app's frame: signs in from a one-time link, routes /app/… paths to views, and shows what goes wrong.
// Each view is a function (main, params, app) that fills <main> and may return a function to clean up.

import {api, ApiError} from './api.js';
import {h, replace} from './dom.js';
import {CALLBACK_PATH, finishOidcSignIn} from './oidc.js';
import {currentSession, endSession, hasRole, startSession} from './session.js';
import {clientView, clientsView} from './views/coach.js';
import {daysView} from './views/days.js';
import {importsView} from './views/imports.js';
import {runsView} from './views/runs.js';
import {runView} from './views/run.js';
import {operatorView} from './views/operator.js';
import {privacyView} from './views/privacy.js';
import {sharedRunView} from './views/shared.js';
import {signInView} from './views/signin.js';
import {statsView} from './views/stats.js';

const routes = [
  [/^\/app\/?$/, runsView],
  [/^\/app\/runs\/?$/, runsView],
  [/^\/app\/runs\/([0-9a-fA-F-]{36})\/?$/, runView],
  [/^\/app\/imports\/?$/, importsView],
  [/^\/app\/sign-in\/?$/, signInView],
  [/^\/app\/stats\/?$/, statsView],
  [/^\/app\/operator\/?$/, operatorView],
  [/^\/app\/privacy\/?$/, privacyView],
  [/^\/app\/shared\/([A-Za-z0-9_-]{20,100})\/?$/, sharedRunView],
  [/^\/app\/days\/?$/, daysView],
  [/^\/app\/coach\/?$/, clientsView],
  [/^\/app\/coach\/clients\/([^/]+)\/?$/, clientView],
];

const main = document.getElementById('main');
const notice = document.getElementById('notice');
let cleanup = null;

const app = {
  navigate(path, {replace: replacing = false} = {}) {
    history[replacing ? 'replaceState' : 'pushState'](null, '', path);
    render();
  },
  /** Shows an error as the problem's title and detail; a 401 ends the session and asks to sign in again. */
  fail(error) {
    if (error?.name === 'AbortError') return;
    if (error instanceof ApiError && error.status === 401) {
      app.navigate('/app/sign-in', {replace: true});
    }
    showNotice(error);
  },
  clearNotice() {
    replace(notice);
  },
};

function showNotice(error) {
  const title = error instanceof ApiError ? error.title : 'Something went wrong';
  const detail = error instanceof ApiError ? error.detail : error?.message ?? String(error);
  replace(notice, h('div', {class: 'problem'},
    h('strong', {class: 'problem-title'}, title),
    detail ? h('span', {class: 'problem-detail'}, ` ${detail}`) : null,
    h('button', {type: 'button', class: 'link', onclick: app.clearNotice}, 'Dismiss')));
}

function renderNav() {
  const session = currentSession();
  const nav = document.getElementById('nav');
  if (!session) {
    replace(nav);
    return;
  }
  replace(nav,
    h('a', {href: '/app/'}, 'Runs'),
    h('a', {href: '/app/stats'}, 'Totals'),
    h('a', {href: '/app/days'}, 'Days'),
    hasRole('coach') ? h('a', {href: '/app/coach'}, 'Clients') : null,
    h('a', {href: '/app/privacy'}, 'Privacy'),
    hasRole('admin') ? h('a', {href: '/app/operator'}, 'Operator') : null,
    h('a', {href: '/app/imports'}, 'Imports'),
    h('span', {class: 'who'}, session.user_id),
    h('button', {type: 'button', class: 'link', onclick: () => {
      endSession();
      app.navigate('/app/sign-in');
    }}, 'Sign out'));
}

async function render() {
  if (cleanup) cleanup();
  cleanup = null;
  const path = location.pathname;
  if (!currentSession() && !/^\/app\/(sign-in|shared\/[^/]+)\/?$/.test(path)) {
    history.replaceState(null, '', '/app/sign-in');
    return render();
  }
  renderNav();
  const [pattern, view] = routes.find(([p]) => p.test(location.pathname)) ?? [];
  // Each view fills a container of its own: one still loading when the next replaces it fills a
  // detached container, never the page.
  const container = h('div', {class: 'view'});
  replace(main, container);
  if (!view) {
    container.append(h('h1', {tabindex: '-1'}, 'Not found'),
      h('p', {}, 'There is no such page. ', h('a', {href: '/app/'}, 'Back to your runs')));
    return;
  }
  try {
    const ending = (await view(container, location.pathname.match(pattern).slice(1), app)) ?? null;
    if (container.isConnected) cleanup = ending;
    else ending?.();
  } catch (error) {
    if (container.isConnected) app.fail(error);
  }
  if (container.isConnected) container.querySelector('h1')?.focus({preventScroll: true});
}

/** A link opened from `fitsync token --link`: exchanged once for a session, then gone from the address bar. */
async function signInFromLink() {
  const link = new URLSearchParams(location.hash.slice(1)).get('link');
  if (!link) return;
  history.replaceState(null, '', location.pathname === '/app/sign-in' ? '/app/' : location.pathname);
  try {
    startSession(await api('/api/v1/auth/link', {method: 'POST', body: {link}}));
  } catch (error) {
    showNotice(error);
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/app')) return;
  event.preventDefault();
  app.clearNotice();
  app.navigate(url.pathname + url.search);
});
/** Back from the OpenID Connect provider with a code: traded for a session, then gone from the address bar. */
async function signInFromProvider() {
  if (location.pathname !== CALLBACK_PATH) return;
  const params = new URLSearchParams(location.search);
  history.replaceState(null, '', '/app/');
  try {
    startSession(await finishOidcSignIn(params));
  } catch (error) {
    showNotice(error);
  }
}

// Opening a link in a tab that already shows the app changes only the fragment, which fires popstate
// (and hashchange, where a browser fires only that): sign in from it before routing, which would drop it.
async function route() {
  await signInFromProvider();
  await signInFromLink();
  await render();
}
window.addEventListener('popstate', route);
window.addEventListener('hashchange', () => {
  if (location.hash.includes('link=')) route();
});

await route();

// Signing in: with a one-time link from the server's command line (embedded mode and HS256 deployments).

import {config} from '../config.js';
import {h} from '../dom.js';
import {oidcConfigured, providerName, startOidcSignIn} from '../oidc.js';
import {currentSession} from '../session.js';

export function signInView(main, params, app) {
  if (currentSession()) {
    app.navigate('/app/', {replace: true});
    return;
  }
  main.append(h('h1', {tabindex: '-1'}, 'Sign in to FitSync'));
  if (oidcConfigured()) {
    main.append(h('section', {class: 'card'},
      h('h2', {}, 'With your account'),
      h('p', {}, h('button', {type: 'button', id: 'oidc-sign-in', onclick: () => startOidcSignIn().catch(app.fail)},
        `Sign in with ${providerName()}`))));
  }
  main.append(
    config.sign_in_links
      ? h('section', {class: 'card'},
          h('h2', {}, 'With a sign-in link'),
          h('p', {}, 'On the server, print a link valid for 15 minutes and open it in this browser:'),
          h('pre', {}, h('code', {}, 'java -jar fitsync.jar token --user YOUR-NAME --link')),
          h('p', {class: 'muted'}, 'Each link works once. The page keeps you signed in until this tab closes.'))
      : h('p', {class: 'muted'}, 'This server signs people in through its identity provider only.'));
}

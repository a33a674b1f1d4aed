// Signing in with the deployment's OpenID Connect provider: the authorization code flow with PKCE
// (RFC 7636) as a public client. The verifier and state wait in sessionStorage during the round trip;
// the code is traded at the provider's token endpoint, and the address bar is cleaned of it at once.

import {config} from './config.js';

const PENDING = 'fitsync.oidc.pending';
export const CALLBACK_PATH = '/app/oidc-callback';

export function oidcConfigured() {
  return Boolean(config.oidc);
}

export function providerName() {
  return new URL(config.oidc.issuer).host;
}

async function discover() {
  const response = await fetch(`${config.oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the sign-in provider answered ${response.status}`);
  return response.json();
}

function randomString(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends the browser to the provider's sign-in page. */
export async function startOidcSignIn() {
  const provider = await discover();
  const verifier = randomString(32);
  const state = randomString(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, token_endpoint: provider.token_endpoint}));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.oidc.client_id,
    redirect_uri: location.origin + CALLBACK_PATH,
    scope: config.oidc.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(url);
}

/**
 * Back from the provider: checks the state, trades the code for tokens, and answers what startSession
 * takes. The caller replaces the address first, so neither code nor state stays in the history.
 */
export async function finishOidcSignIn(params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(`the sign-in provider refused: ${params.get('error_description') ?? params.get('error')}`);
  if (!pending || params.get('state') !== pending.state) throw new Error('this sign-in was not started here, or has been used: start again');
  const response = await fetch(pending.token_endpoint, {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: location.origin + CALLBACK_PATH,
      client_id: config.oidc.client_id,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`the sign-in provider refused the code (${response.status})`);
  const tokens = await response.json();
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(
    atob(tokens.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
  return {
    access_token: tokens.access_token,
    expires_in: tokens.expires_in ?? Math.max(0, claims.exp - Date.now() / 1000),
    user_id: claims.sub,
    roles: Array.isArray(claims.roles) ? claims.roles : [],
  };
}

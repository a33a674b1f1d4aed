// Who is signed in. The access token lives in this tab's sessionStorage only: never in a URL, a cookie
// or localStorage, so it ends with the tab and is never sent anywhere but in the Authorization header.

const KEY = 'fitsync.session';

export function currentSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY));
    if (session && session.expires_at > Date.now()) return session;
  } catch {
    // A damaged entry is no session.
  }
  sessionStorage.removeItem(KEY);
  return null;
}

export function startSession({access_token, expires_in, user_id, roles}) {
  const session = {token: access_token, user_id, roles: roles ?? [], expires_at: Date.now() + expires_in * 1000};
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function endSession() {
  sessionStorage.removeItem(KEY);
}

export function hasRole(role) {
  return currentSession()?.roles.includes(role) ?? false;
}

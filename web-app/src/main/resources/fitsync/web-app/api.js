// Calls to FitSync's API with the session's token. A refusal becomes an ApiError carrying the problem's
// title and detail (RFC 9457 problem+json), which the page shows as it is.

import {currentSession, endSession} from './session.js';

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

export async function api(path, {method = 'GET', body, accept = 'application/json', signal} = {}) {
  const headers = {Accept: accept};
  const session = currentSession();
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'FitSync cannot be reached', 'check the connection and try again');
  }
  if (response.status === 401) endSession();
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return null;
  return accept === 'application/json' ? response.json() : response.blob();
}

export async function problemOf(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // Not problem+json (a proxy's page): the status line is all there is.
  }
  const title = problem.title || `${response.status} ${response.statusText || 'error'}`.trim();
  // A 422 names each bad field in `errors` ({field, message}): kept for forms that point at their inputs.
  return Object.assign(new ApiError(response.status, title, problem.detail ?? ''), {errors: problem.errors ?? []});
}

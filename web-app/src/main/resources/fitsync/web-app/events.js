// Server-sent events read with fetch(): EventSource cannot send an Authorization header, and the access
// token never goes into a URL. The stream's bytes are parsed here into events ({event, data}); comments
// (": heartbeat") only keep the connection alive and are dropped.

import {ApiError, problemOf} from './api.js';
import {currentSession, endSession} from './session.js';

/**
 * Parses the complete frames at the start of `buffer` (text decoded so far). Returns the events and what
 * is left over: the start of a frame whose end has not arrived yet. Lines may end in \n, \r\n or \r.
 */
export function parseFrames(buffer) {
  const events = [];
  // A \r at the very end may be the first half of a \r\n whose \n is still on its way: keep it as it is.
  const held = buffer.endsWith('\r') ? '\r' : '';
  const text = buffer.slice(0, buffer.length - held.length).replace(/\r\n?/g, '\n');
  let start = 0;
  let end;
  while ((end = text.indexOf('\n\n', start)) !== -1) {
    const frame = parseFrame(text.slice(start, end));
    if (frame) events.push(frame);
    start = end + 2;
  }
  return {events, rest: text.slice(start) + held};
}

function parseFrame(frame) {
  let event = 'message';
  const data = [];
  for (const line of frame.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? {event, data: data.join('\n')} : null;
}

/**
 * Follows an event stream until it ends or `signal` aborts, calling `onEvent({event, data})` for each
 * event. Resolves when the server closes the stream; rejects with an ApiError when it refuses it.
 */
export async function followEvents(path, onEvent, {signal} = {}) {
  const headers = {Accept: 'text/event-stream'};
  const session = currentSession();
  if (session) headers.Authorization = `Bearer ${session.token}`;
  let response;
  try {
    response = await fetch(path, {headers, signal, cache: 'no-store'});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'FitSync cannot be reached', 'check the connection and try again');
  }
  if (response.status === 401) endSession();
  if (!response.ok) throw await problemOf(response);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, {stream: true});
      const {events, rest} = parseFrames(buffer);
      buffer = rest;
      events.forEach(onEvent);
    }
  } finally {
    reader.releaseLock();
  }
}

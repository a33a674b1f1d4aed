// Activity files to FitSync: declared with their size and SHA-256, their bytes put at the signed upload
// URL with progress (XMLHttpRequest: fetch() reports no upload progress), then completed. Where the page
// cannot hash (crypto.subtle exists only in secure contexts) the bytes go to POST /api/v1/files/direct.

import {api, ApiError} from './api.js';
import {currentSession} from './session.js';

export const ACTIVITY_FILE = /\.(fit|gpx|tcx)(\.gz)?$/i;

// Headers a page may not set itself; the browser sets them from the body.
const FORBIDDEN = new Set(['content-length', 'host', 'connection', 'expect']);

/**
 * Uploads one file; `onProgress(sent, total)` follows the bytes. Resolves with the file resource once
 * FitSync has the bytes (state `processing`, or already an outcome).
 */
export async function uploadFile(file, {onProgress, signal}) {
  if (!globalThis.crypto?.subtle) {
    return send('POST', `/api/v1/files/direct?${new URLSearchParams({filename: file.name})}`, file,
      {Authorization: `Bearer ${currentSession()?.token}`, 'Content-Type': 'application/octet-stream', Accept: 'application/json'},
      onProgress, signal);
  }
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  const declared = await api('/api/v1/files', {method: 'POST', signal, body: {
    id: crypto.randomUUID(), filename: file.name, size: file.size, sha256,
    content_type: file.type || 'application/octet-stream'}});
  if (declared.upload) {
    const upload = declared.upload;
    // FitSync's own store signs a URL under this server's origin; reach it as the page does (the public
    // URL may name the host otherwise). Object storage is another origin, which the page's
    // Content-Security-Policy must allow.
    const target = new URL(upload.url, location.href);
    const url = target.pathname.startsWith('/api/v1/files/') ? target.pathname + target.search : upload.url;
    await send(upload.method ?? 'PUT', url, file, upload.headers ?? {}, onProgress, signal);
  } else {
    onProgress(file.size, file.size);
  }
  return api(`/api/v1/files/${declared.id}/complete`, {method: 'POST', signal});
}

function send(method, url, body, headers, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    for (const [name, value] of Object.entries(headers)) {
      if (!FORBIDDEN.has(name.toLowerCase())) request.setRequestHeader(name, value);
    }
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(body.size, body.size);
        resolve(parse(request.responseText));
      } else {
        const problem = parse(request.responseText) ?? {};
        reject(new ApiError(request.status, problem.title || `Upload refused (${request.status})`, problem.detail ?? ''));
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, 'The upload failed', 'check the connection and try again')));
    request.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    signal?.addEventListener('abort', () => request.abort(), {once: true});
    request.send(body);
  });
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

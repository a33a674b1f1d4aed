/**
 * sync-client's {@code SyncTransport} on {@code java.net.http}: FitSync's HTTP API (docs/api.md) with
 * streamed request and response bodies, every failure reported as a value, and nothing of a body logged.
 */
package org.fitsync.client.jvm.http;

package org.fitsync.adapter.http;

/** What the HTTP adapter needs from configuration. */
public record HttpSettings(int port, long maxBodyBytes) {

    public HttpSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }
}

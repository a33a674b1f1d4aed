package org.fitsync.adapter.http;

import org.fitsync.adapter.http.ratelimit.WriteRateLimit;

/** What the HTTP adapter needs from configuration. */
public record HttpSettings(int port, long maxBodyBytes, WriteRateLimit writeRateLimit) {

    public HttpSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (writeRateLimit == null) {
            throw new IllegalArgumentException("writeRateLimit is required (WriteRateLimit.off() for none)");
        }
    }

    /** Without a write rate limit. */
    public HttpSettings(int port, long maxBodyBytes) {
        this(port, maxBodyBytes, WriteRateLimit.off());
    }
}

package org.fitsync.app.wiring;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Where clients reach this node, for URLs it hands out: {@code FITSYNC_PUBLIC_URL}, else
 * {@code http://localhost:<port>} once the HTTP server listens (the port may be chosen at start).
 */
final class PublicUrl implements Supplier<URI> {

    private final Optional<URI> configured;
    private final AtomicReference<URI> local = new AtomicReference<>(URI.create("http://localhost"));

    PublicUrl(Optional<URI> configured) {
        this.configured = configured;
    }

    void listening(int port) {
        local.set(URI.create("http://localhost:" + port));
    }

    @Override
    public URI get() {
        return configured.orElseGet(local::get);
    }
}

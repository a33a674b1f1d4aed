package org.fitsync.client.jvm.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** The server's base URI, to which API paths are appended (it may carry a path prefix of a reverse proxy). */
final class ServerAddress {

    private final String base;

    ServerAddress(URI server) {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || server.getHost() == null) {
            throw new IllegalArgumentException("the server must be an http or https URI with a host: " + server);
        }
        if (server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new IllegalArgumentException("the server URI must not have a query or fragment: " + server);
        }
        String text = server.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** {@code pathAndQuery} starts with {@code /}. */
    URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    boolean isCleartext() {
        return base.regionMatches(true, 0, "http:", 0, 5);
    }
}

package org.fitsync.adapter.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** Echoes a client's request id when it is safe to log and return; otherwise makes a new one. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    static String choose(String offered) {
        if (offered != null && SANE.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}

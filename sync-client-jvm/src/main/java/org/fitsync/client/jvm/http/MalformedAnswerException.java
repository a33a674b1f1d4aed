package org.fitsync.client.jvm.http;

import java.io.IOException;

/**
 * The server's answer did not have the shape docs/api.md gives it. The message names the shape that was
 * expected, never what was read: answers carry health data.
 */
final class MalformedAnswerException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedAnswerException(String expected) {
        super(expected);
    }
}

package org.fitsync.adapter.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads whatever a request handler left of the body. A route that answers without reading (a
 * pairing code ignores its body; a refused token is answered before the body is looked at) would
 * otherwise leave bytes in flight: Jetty then closes the connection, and the client's TCP stack may
 * reset it before the client has read the answer, so a well-behaved client sees a broken connection
 * instead of the response. Bodies past the size limit are not drained: those connections close.
 */
final class UnreadBody {

    private UnreadBody() {}

    static void drain(Context ctx, long maxBytes) {
        if (ctx.req().getContentLengthLong() == 0 || ctx.req().getContentLengthLong() > maxBytes) {
            return;
        }
        byte[] buffer = new byte[8192];
        long left = maxBytes;
        try {
            InputStream in = ctx.req().getInputStream();
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= read;
            }
        } catch (IOException | IllegalStateException e) {
            // Already read through another reader, or the client went away: nothing left to drain.
        }
    }
}

package org.fitsync.adapter.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

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
        long declared = ctx.req().getContentLengthLong();
        if (declared == 0 || declared > maxBytes) {
            return;
        }
        try {
            ServletInputStream in = ctx.req().getInputStream();
            if (in.isFinished()) {
                return; // the handler read it all, as every JSON route does
            }
            byte[] buffer = new byte[8192];
            long left = maxBytes;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= read;
            }
        } catch (IOException | IllegalStateException e) {
            // Read through another reader, or the client went away: nothing left to drain.
        }
    }
}

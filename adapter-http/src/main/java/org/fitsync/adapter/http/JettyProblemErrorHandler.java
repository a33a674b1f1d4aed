package org.fitsync.adapter.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (an unparseable request line,
 * oversized headers, a bad URI), are problem+json too instead of Jetty's HTML page.
 */
final class JettyProblemErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private static byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        // Hand-written so this path needs no object mapper; every value here is a constant or a number.
        String json = "{\"type\":\"https://fitsync.dev/problems/http-" + status + "\",\"title\":\"" + reason
                + "\",\"status\":" + status + ",\"detail\":\"The request was rejected: " + reason + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}

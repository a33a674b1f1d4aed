package org.fitsync.app.overload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A phone on a bad network doing a first sync: a raw socket with a small receive window that reads
 * its response a few bytes at a time with pauses. Honours {@code 503} with {@code Retry-After} as the
 * sync client does. Reads in its own thread until closed.
 */
final class SlowPullReader implements AutoCloseable {

    private static final int RECEIVE_BUFFER = 4 * 1024;

    private final int port;
    private final String token;
    private final int chunkBytes;
    private final Duration pause;
    private final AtomicLong bodyRead = new AtomicLong();
    private volatile Socket socket;
    private volatile Thread reader;
    private volatile int status;
    private volatile OptionalLong contentLength = OptionalLong.empty();
    private final AtomicInteger refusals = new AtomicInteger();

    SlowPullReader(int port, String token, int chunkBytes, Duration pause) {
        this.port = port;
        this.token = token;
        this.chunkBytes = chunkBytes;
        this.pause = pause;
    }

    /**
     * Sends the first-sync pull until it is taken (a {@code 503} is retried after its
     * {@code Retry-After}, at most until {@code deadline}), then starts reading the body slowly.
     * Returns the final status; anything but {@code 200} ends the reader.
     */
    int start(Duration deadline) throws IOException, InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (true) {
            Socket s = new Socket();
            s.setReceiveBufferSize(RECEIVE_BUFFER);
            s.connect(new InetSocketAddress("localhost", port), 5_000);
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/v1/sync?last_pulled_at=0 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            Headers headers = Headers.read(in);
            if (headers.status == 503 && System.nanoTime() < until) {
                refusals.incrementAndGet();
                s.close();
                Thread.sleep(Duration.ofSeconds(headers.retryAfter).toMillis()); // as told by the server
                continue;
            }
            status = headers.status;
            contentLength = headers.contentLength;
            if (status == 200) {
                socket = s;
                reader = new Thread(() -> readSlowly(in), "slow-reader");
                reader.setDaemon(true);
                reader.start();
            } else {
                s.close();
            }
            return status;
        }
    }

    private void readSlowly(InputStream in) {
        byte[] buffer = new byte[chunkBytes];
        try {
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                bodyRead.addAndGet(read);
                Thread.sleep(pause.toMillis()); // the slow network this client simulates
            }
        } catch (IOException e) {
            // closed by the test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int status() {
        return status;
    }

    int refusals() {
        return refusals.get();
    }

    long bodyRead() {
        return bodyRead.get();
    }

    OptionalLong contentLength() {
        return contentLength;
    }

    /** Drops the connection mid-body, as a phone losing its network does. */
    @Override
    public void close() throws IOException {
        Socket s = socket;
        if (s != null) {
            s.setSoLinger(true, 0); // a reset, not a polite close
            s.close();
        }
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
    }

    /** A response's status line and the headers this client cares about. */
    private record Headers(int status, long retryAfter, OptionalLong contentLength) {
        static Headers read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before the headers ended: " + head);
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            List<String> lines =
                    head.toString(StandardCharsets.ISO_8859_1).lines().toList();
            int status = Integer.parseInt(lines.get(0).split(" ", 3)[1]);
            long retryAfter = 1;
            OptionalLong length = OptionalLong.empty();
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("retry-after:")) {
                    retryAfter = Long.parseLong(line.substring(12).trim());
                } else if (lower.startsWith("content-length:")) {
                    length = OptionalLong.of(Long.parseLong(line.substring(15).trim()));
                }
            }
            return new Headers(status, retryAfter, length);
        }
    }
}

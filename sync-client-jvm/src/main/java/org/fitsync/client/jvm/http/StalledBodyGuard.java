package org.fitsync.client.jvm.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends the reading of a response body that stopped arriving. {@code java.net.http}'s request timeout
 * ends when the headers arrive, so a connection that goes silent mid-body would block the sync thread
 * for good; this stream gives up once a read has waited {@code silence} without a byte. The watchdog
 * closes the HTTP client's body stream, which wakes the blocked read and drops the connection (an
 * interrupt would not: the JDK's body stream waits on through one).
 */
final class StalledBodyGuard extends FilterInputStream {

    private final long silenceNanos;
    private final Object lock = new Object();

    // Guarded by lock.
    private boolean reading;
    private long readSince;
    private boolean stalled;
    private boolean closed;

    private StalledBodyGuard(InputStream body, Duration silence) {
        super(body);
        this.silenceNanos = silence.toNanos();
    }

    static InputStream watch(InputStream body, Duration silence) {
        StalledBodyGuard guard = new StalledBodyGuard(body, silence);
        guard.checkLater(guard.silenceNanos);
        return guard;
    }

    @Override
    public int read() throws IOException {
        return (int) guarded(() -> in.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return (int) guarded(() -> in.read(buffer, offset, length));
    }

    @Override
    public long skip(long n) throws IOException {
        return guarded(() -> in.skip(n));
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            closed = true;
        }
        super.close();
    }

    private interface Read {
        long run() throws IOException;
    }

    private long guarded(Read read) throws IOException {
        synchronized (lock) {
            if (stalled) {
                throw stall();
            }
            // Silence counts while waiting for the server, not while the caller handles what it read.
            reading = true;
            readSince = System.nanoTime();
        }
        try {
            long result = read.run();
            synchronized (lock) {
                if (stalled) {
                    throw stall();
                }
            }
            return result;
        } catch (IOException e) {
            synchronized (lock) {
                if (stalled) {
                    throw stall();
                }
            }
            throw e;
        } finally {
            synchronized (lock) {
                reading = false;
            }
        }
    }

    private InterruptedIOException stall() {
        return new InterruptedIOException("no data from the server for " + Duration.ofNanos(silenceNanos));
    }

    private void checkLater(long delayNanos) {
        CompletableFuture.delayedExecutor(Math.max(1, delayNanos), TimeUnit.NANOSECONDS)
                .execute(this::check);
    }

    private void check() {
        long waited;
        boolean giveUp;
        synchronized (lock) {
            if (closed || stalled) {
                return;
            }
            waited = reading ? System.nanoTime() - readSince : 0;
            giveUp = waited >= silenceNanos;
            stalled = giveUp;
        }
        if (!giveUp) {
            checkLater(silenceNanos - waited);
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            // Closing is how the read is woken; a failure to close leaves nothing else to do.
        }
    }
}

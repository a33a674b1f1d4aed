package org.fitsync.adapter.http.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fitsync.adapter.http.sse.EventStreamResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How one event stream coalesces what arrives while its client is slow to read. */
class SyncEventStreamTest {

    private static final Pattern CHANGED = Pattern.compile("event: changed\ndata: \\{\"timestamp\":(\\d+)}");

    private final ScheduledExecutorService writers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    /** A socket whose first {@code changed} write blocks until the test lets it through. */
    private static final class SlowSocket extends OutputStream {
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch letThrough = new CountDownLatch(1);
        final CountDownLatch fiftyWritten = new CountDownLatch(1);
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            String text = new String(b, off, len, StandardCharsets.UTF_8);
            if (text.startsWith("event: changed") && blocked.getCount() > 0) {
                blocked.countDown();
                try {
                    letThrough.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (written) {
                written.write(b, off, len);
            }
            if (text.contains("{\"timestamp\":50}")) {
                fiftyWritten.countDown();
            }
        }

        List<Long> changedTimestamps() {
            String text;
            synchronized (written) {
                text = written.toString(StandardCharsets.UTF_8);
            }
            List<Long> timestamps = new ArrayList<>();
            Matcher m = CHANGED.matcher(text);
            while (m.find()) {
                timestamps.add(Long.parseLong(m.group(1)));
            }
            return timestamps;
        }
    }

    @Test
    void changesArrivingWhileAWriteIsStuckBecomeOneEventWithTheNewestTimestamp() throws Exception {
        SlowSocket socket = new SlowSocket();
        EventStreamResponse response = new EventStreamResponse(socket, writers);
        SyncEventStream stream = new SyncEventStream(response, Duration.ZERO);
        stream.start(0, Duration.ofHours(1));

        stream.changed(1);
        assertThat(socket.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        for (long t = 2; t <= 50; t++) {
            stream.changed(t);
        }
        socket.letThrough.countDown();

        assertThat(socket.fiftyWritten.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(socket.changedTimestamps()).containsExactly(1L, 50L);
        response.end();
    }
}

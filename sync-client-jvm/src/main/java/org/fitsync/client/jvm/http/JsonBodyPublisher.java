package org.fitsync.client.jvm.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body written with a {@link JsonGenerator} as the HTTP client asks for bytes, a chunk at a
 * time: a push of thousands of records or a run of 200,000 track points is never held as one document.
 * The body is a sequence of {@link JsonStep}s (a record, a few hundred track points); each subscription
 * (the client may send a request again) writes it afresh. Sent with chunked transfer encoding.
 */
final class JsonBodyPublisher implements HttpRequest.BodyPublisher {

    /** One piece of the document, written when the HTTP client wants more bytes. */
    @FunctionalInterface
    interface JsonStep {
        void write(JsonGenerator json) throws IOException;
    }

    static final int CHUNK_BYTES = 16 * 1024;

    private final JsonFactory factory;
    private final Iterable<JsonStep> steps;

    JsonBodyPublisher(JsonFactory factory, Iterable<JsonStep> steps) {
        this.factory = factory;
        this.steps = steps;
    }

    @Override
    public long contentLength() {
        return -1;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Chunks(subscriber, steps.iterator()));
    }

    /** Writes chunks on demand; the drain loop keeps delivery serial when {@code request} re-enters from onNext. */
    private final class Chunks implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final Iterator<JsonStep> remaining;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger drains = new AtomicInteger();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK_BYTES * 2);
        private JsonGenerator json;

        Chunks(Flow.Subscriber<? super ByteBuffer> subscriber, Iterator<JsonStep> remaining) {
            this.subscriber = subscriber;
            this.remaining = remaining;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (finished.compareAndSet(false, true)) {
                    subscriber.onError(new IllegalArgumentException("demand must be positive: " + n));
                }
                return;
            }
            demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            drain();
        }

        @Override
        public void cancel() {
            finished.set(true);
        }

        private void drain() {
            if (drains.getAndIncrement() != 0) {
                return; // the running drain picks up the new demand
            }
            int missed = 1;
            do {
                while (demand.get() > 0 && !finished.get()) {
                    ByteBuffer chunk;
                    try {
                        chunk = nextChunk();
                    } catch (IOException | RuntimeException e) {
                        if (finished.compareAndSet(false, true)) {
                            subscriber.onError(e);
                        }
                        return;
                    }
                    if (chunk == null) {
                        if (finished.compareAndSet(false, true)) {
                            subscriber.onComplete();
                        }
                        return;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(chunk);
                }
                missed = drains.addAndGet(-missed);
            } while (missed != 0);
        }

        /** The next chunk of at least {@link #CHUNK_BYTES} (less at the end); null once everything was sent. */
        private ByteBuffer nextChunk() throws IOException {
            if (json == null) {
                json = factory.createGenerator(buffer, JsonEncoding.UTF8);
            }
            while (buffer.size() < CHUNK_BYTES && remaining.hasNext()) {
                remaining.next().write(json);
                json.flush();
            }
            if (!remaining.hasNext()) {
                json.close();
            }
            if (buffer.size() == 0) {
                return null;
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer.toByteArray());
            buffer.reset();
            return chunk;
        }
    }
}

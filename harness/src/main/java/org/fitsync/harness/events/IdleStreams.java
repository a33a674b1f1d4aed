package org.fitsync.harness.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Open, idle {@code GET /api/v1/sync/events} streams on one node, one per user, all on one
 * asynchronous HTTP client: their bodies (the cursor and heartbeats) are read and dropped. Opening
 * is throttled to a window of requests in flight, as devices do not all connect in the same
 * millisecond.
 */
final class IdleStreams implements AutoCloseable {

    private static final int OPENING_WINDOW = 200;

    private final HttpClient http;
    private final URI events;
    private final Function<String, String> tokens;
    private final List<CompletableFuture<HttpResponse<Void>>> open = new ArrayList<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();

    IdleStreams(HttpClient http, URI nodeBase, Function<String, String> tokens) {
        this.http = http;
        this.events = nodeBase.resolve("/api/v1/sync/events");
        this.tokens = tokens;
    }

    /** Opens streams until {@code total} were opened (users {@code idle-<n>}); returns how many in all answered 200. */
    @SuppressWarnings("FutureReturnValueIgnored") // the callbacks only count; they cannot fail
    int openUpTo(int total) throws InterruptedException {
        Semaphore window = new Semaphore(OPENING_WINDOW);
        for (int n = open.size(); n < total; n++) {
            window.acquire();
            CompletableFuture<Boolean> answered = new CompletableFuture<>();
            HttpRequest request = HttpRequest.newBuilder(events)
                    .header("Authorization", "Bearer " + tokens.apply("idle-" + n))
                    .header("Accept", "text/event-stream")
                    .build();
            CompletableFuture<HttpResponse<Void>> stream = http.sendAsync(request, info -> {
                if (info.statusCode() == 200) {
                    accepted.incrementAndGet();
                } else {
                    failures.merge("status " + info.statusCode(), 1, Integer::sum);
                }
                answered.complete(true);
                return HttpResponse.BodySubscribers.discarding();
            });
            stream.whenComplete((response, failure) -> {
                if (failure != null && answered.complete(false)) {
                    failures.merge(rootCause(failure), 1, Integer::sum);
                }
            });
            answered.whenComplete((result, failure) -> window.release());
            open.add(stream);
        }
        window.acquire(OPENING_WINDOW); // every answer is in
        window.release(OPENING_WINDOW);
        return accepted.get();
    }

    /** Streams that ended (the server closed them, or they never opened) so far. */
    long ended() {
        return open.stream().filter(CompletableFuture::isDone).count();
    }

    /** Why streams failed to open, by cause, with their counts. */
    Map<String, Integer> failures() {
        return new TreeMap<>(failures);
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Cancelling the exchanges closes their connections. */
    @Override
    public void close() {
        open.forEach(stream -> stream.cancel(true));
    }
}

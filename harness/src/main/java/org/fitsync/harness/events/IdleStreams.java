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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Open, idle {@code GET /api/v1/sync/events} streams on one node, one per user, all on one
 * asynchronous HTTP client: their bodies (the cursor and heartbeats) are read and dropped. Opening
 * is throttled to a window of requests in flight, as devices do not all connect in the same
 * millisecond, and a refused stream ({@code 503} while the node is busy opening the others) is
 * opened again after the {@code Retry-After}, as a client does.
 */
final class IdleStreams implements AutoCloseable {

    private static final int OPENING_WINDOW = 50;
    private static final int MAX_ATTEMPTS = 5;
    private static final long RETRY_AFTER_MS = 2_000;

    private final HttpClient http;
    private final URI events;
    private final Function<String, String> tokens;
    private final List<CompletableFuture<HttpResponse<Void>>> open = new ArrayList<>();
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private int nextUser;

    IdleStreams(HttpClient http, URI nodeBase, Function<String, String> tokens) {
        this.http = http;
        this.events = nodeBase.resolve("/api/v1/sync/events");
        this.tokens = tokens;
    }

    /** Opens streams of new users ({@code idle-<n>}) until {@code total} are open; returns how many are. */
    int openUpTo(int total) throws InterruptedException {
        List<String> users = new ArrayList<>();
        while (nextUser < total) {
            users.add("idle-" + nextUser++);
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !users.isEmpty(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(RETRY_AFTER_MS);
            }
            users = openAll(users);
        }
        return open.size();
    }

    /** Opens a stream for each user; returns the users whose stream was refused. */
    @SuppressWarnings("FutureReturnValueIgnored") // the callbacks only sort the answers; they cannot fail
    private List<String> openAll(List<String> users) throws InterruptedException {
        Semaphore window = new Semaphore(OPENING_WINDOW);
        ConcurrentLinkedQueue<CompletableFuture<HttpResponse<Void>>> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        for (String user : users) {
            window.acquire();
            CompletableFuture<Boolean> answered = new CompletableFuture<>();
            HttpRequest request = HttpRequest.newBuilder(events)
                    .header("Authorization", "Bearer " + tokens.apply(user))
                    .header("Accept", "text/event-stream")
                    .build();
            CompletableFuture<HttpResponse<Void>> stream = http.sendAsync(request, info -> {
                answered.complete(info.statusCode() == 200);
                if (info.statusCode() != 200) {
                    refusals.merge("HTTP " + info.statusCode(), 1, Integer::sum);
                }
                return HttpResponse.BodySubscribers.discarding();
            });
            stream.whenComplete((response, failure) -> {
                if (failure != null && answered.complete(false)) {
                    refusals.merge(rootCause(failure), 1, Integer::sum);
                }
            });
            answered.whenComplete((ok, failure) -> {
                if (ok) {
                    accepted.add(stream);
                } else {
                    refused.add(user);
                }
                window.release();
            });
        }
        window.acquire(OPENING_WINDOW); // every answer is in
        open.addAll(accepted);
        return new ArrayList<>(refused);
    }

    /** Open streams that ended since (the server closed them). */
    long ended() {
        return open.stream().filter(CompletableFuture::isDone).count();
    }

    /** Refused attempts so far, by cause (each was retried). */
    Map<String, Integer> refusals() {
        return new TreeMap<>(refusals);
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

package org.fitsync.adapter.strava;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to Strava with the rules every call needs: stay inside the rate limits (the
 * caller is told when the next window opens instead of being made to wait), retry {@code 429}s
 * and {@code 5xx}s and network errors with exponential backoff and jitter, and stop calling
 * while the circuit breaker is open.
 */
final class StravaHttp {

    private static final Logger LOG = LoggerFactory.getLogger(StravaHttp.class);

    /** How a request ended after the retries. */
    sealed interface Reply {
        record Success(int status, String body) implements Reply {}

        record ClientError(int status, String body) implements Reply {}

        record RateLimited(Instant resumeAt) implements Reply {}

        record Unavailable(String detail, Instant retryAt) implements Reply {}
    }

    private final HttpClient client;
    private final StravaClientSettings settings;
    private final RateLimitBudget budget;
    private final CircuitBreaker breaker;
    private final Clock clock;

    StravaHttp(HttpClient client, StravaClientSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.budget = new RateLimitBudget(settings.rateWindow());
        this.breaker = new CircuitBreaker(settings.breakerThreshold(), settings.breakerCooldown());
        this.clock = clock;
    }

    /** An API request: counted against the rate limits (reads against the read limit too). */
    Reply api(HttpRequest request, boolean read) {
        return send(request, true, read);
    }

    /** An OAuth request: not rate limited by Strava, but retried and guarded all the same. */
    Reply oauth(HttpRequest request) {
        return send(request, false, false);
    }

    private Reply send(HttpRequest request, boolean limited, boolean read) {
        Optional<Instant> closed = breaker.admit(clock.instant());
        if (closed.isPresent()) {
            return new Reply.Unavailable("Strava is failing; the circuit breaker is open", closed.get());
        }
        String lastProblem = "no attempt";
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (attempt > 0) {
                pause(attempt);
            }
            if (Thread.currentThread().isInterrupted()) {
                // The import was cancelled or the node is stopping: no further request goes out.
                return new Reply.Unavailable("interrupted", clock.instant());
            }
            if (limited) {
                Optional<Instant> wait = budget.reserve(read, clock.instant());
                if (wait.isPresent()) {
                    breaker.succeeded();
                    return new Reply.RateLimited(wait.get());
                }
            }
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
                continue;
            } catch (InterruptedException e) {
                // The node is stopping: hand the job back due at once, so another node resumes it now.
                Thread.currentThread().interrupt();
                return new Reply.Unavailable("interrupted", clock.instant());
            }
            if (limited) {
                budget.observe(response.headers(), clock.instant());
            }
            int status = response.statusCode();
            if (status == 429) {
                if (limited && budget.spent(clock.instant())) {
                    breaker.succeeded();
                    return new Reply.RateLimited(budget.nextOpening(clock.instant()));
                }
                lastProblem = "429 Too Many Requests";
                continue;
            }
            if (status >= 500) {
                lastProblem = "HTTP " + status;
                continue;
            }
            breaker.succeeded();
            return status < 300
                    ? new Reply.Success(status, response.body())
                    : new Reply.ClientError(status, response.body());
        }
        Instant now = clock.instant();
        breaker.failed(now);
        LOG.warn(
                "Strava request {} {} failed after {} attempts: {}",
                request.method(),
                request.uri().getPath(),
                settings.maxRetries() + 1,
                lastProblem);
        Instant retryAt = breaker.isOpen(now) ? now.plus(settings.breakerCooldown()) : now.plus(settings.backoffCap());
        return new Reply.Unavailable(lastProblem, retryAt);
    }

    /** Exponential backoff with jitter (between half and all of the bound), so callers that failed together spread out. */
    private void pause(int attempt) {
        long bound = Math.min(
                settings.backoffCap().toMillis(),
                settings.backoffBase().toMillis() * (1L << Math.min(attempt - 1, 20)));
        long millis = ThreadLocalRandom.current().nextLong(bound / 2, bound + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Duration requestTimeout() {
        return settings.requestTimeout();
    }
}

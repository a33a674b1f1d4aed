package org.fitsync.adapter.http.admission;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fitsync.adapter.http.Problem;
import org.fitsync.adapter.http.ProblemException;

/**
 * Admission control (docs/adr/0024): every request under {@code /api/} takes a place in its class
 * ({@link RequestClass}) before its handler runs and gives it back when the request ends; a request
 * that finds no place within the wait is answered {@code 503 overloaded} with {@code Retry-After}, at
 * once, instead of queueing behind a class that is stuck. A database connection that does not come
 * free in time is the same overload and gets the same answer.
 */
public final class AdmissionControl {

    private static final String TICKET = "fitsync.admission";
    private static final Set<HandlerType> WRITES =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private static final String REJECTED = "fitsync.requests.rejected";

    /** Why a request was refused, as the {@code cause} tag of the rejection counter. */
    private enum Cause {
        /** No place in the request's class came free within the wait. */
        ADMISSION("admission"),
        /** No database connection came free within the pool's timeout. */
        DATABASE_POOL("database_pool"),
        /** The database went away under the request (restart, failover): its connection broke or was ended. */
        DATABASE_UNAVAILABLE("database_unavailable");

        private final String tag;

        Cause(String tag) {
            this.tag = tag;
        }
    }

    private final AdmissionSettings settings;
    private final AdmissionGates gates;
    private final Map<String, RequestClass> getClasses;
    private final MeterRegistry metrics;

    /**
     * @param getClasses the class of {@code GET} requests to these routes (path templates); any other
     *                   read is {@link RequestClass#READ}
     */
    public AdmissionControl(AdmissionSettings settings, Map<String, RequestClass> getClasses, MeterRegistry metrics) {
        this.settings = settings;
        this.gates = new AdmissionGates(settings);
        this.getClasses = Map.copyOf(getClasses);
        this.metrics = metrics;
        for (RequestClass requestClass : RequestClass.values()) {
            Gauge.builder("fitsync.admission.in.flight", gates, g -> g.inFlight(requestClass))
                    .description("Requests holding a place in their admission class")
                    .tag("class", requestClass.label())
                    .register(metrics);
            for (Cause cause : Cause.values()) {
                rejections(requestClass.label(), cause);
            }
        }
        Gauge.builder("fitsync.admission.in.flight", gates, AdmissionGates::pullQueriesInFlight)
                .description("Requests holding a place in their admission class")
                .tag("class", "pull_database")
                .register(metrics);
    }

    /** Takes the request's place, or ends the request with {@code 503}. Only {@code /api/} is classed. */
    public void admit(Context ctx, String route) {
        Optional<RequestClass> requestClass = classify(ctx.method(), ctx.path(), route);
        if (requestClass.isEmpty()) {
            return;
        }
        Optional<AdmissionGates.Ticket> ticket;
        try {
            ticket = gates.enter(requestClass.get(), needsPullDatabasePlace(ctx, requestClass.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ticket = Optional.empty();
        }
        if (ticket.isEmpty()) {
            throw new ProblemException(refuse(ctx, requestClass.get().label(), Cause.ADMISSION));
        }
        ctx.attribute(TICKET, ticket.get());
    }

    /**
     * Pulls that may read a user's whole history (a first sync, no cursor) share the pulls' database
     * places, so a crowd of them never holds every connection. An incremental pull reads what changed
     * since its cursor, usually a few rows: it waits for its connection in the same first-come line as
     * writes (docs/adr/0028), since a place of its own would make pulls queue apart and wait longest.
     */
    private static boolean needsPullDatabasePlace(Context ctx, RequestClass requestClass) {
        if (requestClass != RequestClass.PULL) {
            return false;
        }
        String cursor = ctx.queryParam("last_pulled_at");
        return cursor == null || cursor.isBlank() || cursor.equals("null") || cursor.equals("0");
    }

    /** Gives the request's places back; safe to call more than once. */
    public void release(Context ctx) {
        ticket(ctx).ifPresent(AdmissionGates.Ticket::release);
    }

    /**
     * A pull has read what it sends and closed its snapshot: its database place goes to the next pull,
     * while it keeps its pull place for as long as the client takes to read the response.
     */
    public static void endDatabasePhase(Context ctx) {
        ticket(ctx).ifPresent(AdmissionGates.Ticket::endDatabasePhase);
    }

    /**
     * The {@code 503} for a request that failed because the connection pool had no connection for
     * it in time ({@link SQLTransientConnectionException} among the causes of {@code failure}), or
     * because the database went away under it (a connection error, SQLSTATE class {@code 08}, or the
     * server shutting down or starting up, {@code 57P01}–{@code 57P03}: a PostgreSQL restart); empty for
     * any other failure. A retry is safe: writes are idempotent, also one whose commit was cut off.
     */
    public Optional<Problem> databaseBusy(Context ctx, Throwable failure) {
        Optional<Cause> cause = poolTimedOut(failure)
                ? Optional.of(Cause.DATABASE_POOL)
                : databaseWentAway(failure) ? Optional.of(Cause.DATABASE_UNAVAILABLE) : Optional.empty();
        if (cause.isEmpty()) {
            return Optional.empty();
        }
        String label = ticket(ctx).map(t -> t.requestClass().label()).orElse("other");
        return Optional.of(refuse(ctx, label, cause.get()));
    }

    private static boolean databaseWentAway(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean poolTimedOut(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private Problem refuse(Context ctx, String classLabel, Cause cause) {
        rejections(classLabel, cause).increment();
        long retryAfter = settings.retryAfterSeconds();
        ctx.header("Retry-After", Long.toString(retryAfter));
        return Problem.of(
                503,
                "overloaded",
                "Server overloaded",
                "The server is too busy to take this request now; retry after " + retryAfter + " s");
    }

    private Counter rejections(String classLabel, Cause cause) {
        return Counter.builder(REJECTED)
                .description("Requests refused with 503 because the node was overloaded, by class and cause")
                .tags("class", classLabel, "cause", cause.tag)
                .register(metrics);
    }

    Optional<RequestClass> classify(HandlerType method, String path, String route) {
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        if (WRITES.contains(method)) {
            return Optional.of(RequestClass.WRITE);
        }
        return Optional.of(getClasses.getOrDefault(route, RequestClass.READ));
    }

    private static Optional<AdmissionGates.Ticket> ticket(Context ctx) {
        return Optional.ofNullable(ctx.attribute(TICKET));
    }
}

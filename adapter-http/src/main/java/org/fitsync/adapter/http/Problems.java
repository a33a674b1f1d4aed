package org.fitsync.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.fitsync.adapter.http.admission.AdmissionControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code application/problem+json}: problems raised by handlers, Javalin's
 * own responses (404, 405, 413…), and bugs, which become a {@code 500} without internals. A
 * database connection that did not come free in time is overload, not a bug: {@code 503} with
 * {@code Retry-After} ({@link AdmissionControl#databaseBusy}).
 */
final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final String WRITTEN = "fitsync.problem-written";

    private final ObjectMapper mapper;
    private final AdmissionControl admission;

    Problems(ObjectMapper mapper, AdmissionControl admission) {
        this.mapper = mapper;
        this.admission = admission;
    }

    void register(RoutesConfig routes) {
        routes.exception(ProblemException.class, (e, ctx) -> write(ctx, e.problem()));
        routes.exception(
                HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e.getStatus(), e.getMessage())));
        routes.exception(Exception.class, (e, ctx) -> {
            var overloaded = admission.databaseBusy(ctx, e);
            if (overloaded.isPresent()) {
                write(ctx, overloaded.get());
                return;
            }
            LOG.error("Unhandled error in {} {}", ctx.method(), ctx.path(), e);
            write(
                    ctx,
                    Problem.of(
                            500,
                            "internal",
                            "Internal server error",
                            "The server failed to handle this request; it has been logged"));
        });
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            routes.error(status, ctx -> {
                if (ctx.attribute(WRITTEN) == null) {
                    write(ctx, fromJavalin(status, null));
                }
            });
        }
    }

    void write(Context ctx, Problem problem) {
        if (problem.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.attribute(WRITTEN, true);
        try {
            ctx.status(problem.status())
                    .contentType(Problem.CONTENT_TYPE)
                    .result(mapper.writeValueAsBytes(problem.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem document could not be serialised", e);
        }
    }

    private static Problem fromJavalin(int status, String message) {
        return switch (status) {
            case 400 -> Problem.badRequest(message == null ? "The request could not be understood" : message);
            case 404 -> Problem.notFound("No such resource");
            case 405 ->
                Problem.of(
                        405,
                        "method-not-allowed",
                        "Method not allowed",
                        "This resource does not support the request's method");
            case 413 ->
                Problem.of(
                        413,
                        "body-too-large",
                        "Request body too large",
                        "The request body exceeds the configured limit");
            case 500 ->
                Problem.of(
                        500,
                        "internal",
                        "Internal server error",
                        "The server failed to handle this request; it has been logged");
            default ->
                Problem.of(
                        status, "http-" + status, "HTTP " + status, message == null ? "The request failed" : message);
        };
    }
}

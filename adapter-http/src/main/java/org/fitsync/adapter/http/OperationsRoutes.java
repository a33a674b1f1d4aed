package org.fitsync.adapter.http;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.fitsync.ports.out.ReadinessPort;

/** Unauthenticated operational endpoints: liveness, readiness, metrics and the API description. */
final class OperationsRoutes {

    private final ReadinessPort readiness;
    private final PrometheusMeterRegistry metrics;
    private final byte[] openApi;
    private final BooleanSupplier stopping;

    OperationsRoutes(
            ReadinessPort readiness, PrometheusMeterRegistry metrics, byte[] openApi, BooleanSupplier stopping) {
        this.readiness = readiness;
        this.stopping = stopping;
        this.metrics = metrics;
        this.openApi = openApi;
    }

    void register(RoutesConfig routes) {
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        routes.get("/health/ready", ctx -> {
            if (stopping.getAsBoolean()) {
                // A stopping node still serves what reaches it, but asks the balancer for nothing new.
                ctx.status(503).json(Map.of("status", "DOWN", "detail", "stopping"));
                return;
            }
            ReadinessPort.Readiness result = readiness.check();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", result.ready() ? "UP" : "DOWN");
            body.put("database", result.databaseReachable() ? "UP" : "DOWN");
            body.put("migrations", result.migrationsApplied() ? "APPLIED" : "PENDING");
            if (!result.ready()) {
                body.put("detail", result.detail());
            }
            ctx.status(result.ready() ? 200 : 503).json(body);
        });
        routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape()));
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }
}

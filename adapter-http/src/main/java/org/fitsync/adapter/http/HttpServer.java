package org.fitsync.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.fitsync.adapter.http.admission.AdmissionControl;
import org.fitsync.adapter.http.admission.RequestClass;
import org.fitsync.adapter.http.auth.TokenVerifier;
import org.fitsync.adapter.http.ratelimit.TokenBucketLimiter;
import org.fitsync.adapter.http.ratelimit.WriteRateLimiting;
import org.fitsync.ports.out.ReadinessPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The FitSync HTTP server: Javalin with problem+json errors, bearer auth on {@code /api/}, admission
 * control, request ids, structured access logs, Prometheus metrics, health checks and the OpenAPI
 * document.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger ACCESS = LoggerFactory.getLogger("org.fitsync.access");
    private static final String UNMATCHED = "UNMATCHED";

    private final Javalin javalin;
    private final List<RouteModule> modules;
    private final AtomicBoolean stopping;

    private HttpServer(Javalin javalin, List<RouteModule> modules, AtomicBoolean stopping) {
        this.javalin = javalin;
        this.modules = List.copyOf(modules);
        this.stopping = stopping;
    }

    public static HttpServer start(
            HttpSettings settings,
            ObjectMapper mapper,
            TokenVerifier verifier,
            PrometheusMeterRegistry metrics,
            ReadinessPort readiness,
            List<RouteModule> modules) {
        Set<String> publicPaths = new HashSet<>();
        Set<String> publicRoutes = new HashSet<>();
        List<String> fragments = new ArrayList<>();
        Map<String, RequestClass> getClasses = new HashMap<>();
        for (RouteModule module : modules) {
            publicPaths.addAll(module.publicPaths());
            publicRoutes.addAll(module.publicRoutes());
            fragments.addAll(module.openApiFragments());
            getClasses.putAll(module.getClasses());
        }
        Authentication authentication = new Authentication(verifier, publicPaths, publicRoutes);
        WriteRateLimiting rateLimiting =
                new WriteRateLimiting(TokenBucketLimiter.systemClock(settings.writeRateLimit()));
        AdmissionControl admission = new AdmissionControl(settings.admission(), getClasses, metrics);
        Problems problems = new Problems(mapper, admission);
        byte[] openApi = OpenApiDocument.build(mapper, fragments);

        AtomicBoolean stopping = new AtomicBoolean();
        Javalin javalin = Javalin.create(config -> {
            configureServer(config, settings, mapper);
            config.requestLogger.http((ctx, millis) -> {
                admission.release(ctx); // already given back by the after handler; this is the safety net
                logAndMeasure(ctx, millis, metrics);
            });
            config.routes.before(ctx -> {
                MDC.clear();
                String requestId = RequestIds.choose(ctx.header(RequestIds.HEADER));
                MDC.put("request_id", requestId);
                ctx.header(RequestIds.HEADER, requestId);
            });
            // Authenticate once a route matched, so unknown paths stay 404 and metrics know the route.
            // Admission comes last: a request refused for another reason never takes a place.
            config.routes.beforeMatched(ctx -> {
                authentication.authenticate(ctx, ctx.path(), ctx.method().name() + " " + matchedRoute(ctx));
                rateLimiting.check(ctx, Authentication.authenticatedCaller(ctx));
                admission.admit(ctx, matchedRoute(ctx));
            });
            // The place goes back before the unread body is drained: draining waits on the client.
            config.routes.after(ctx -> {
                admission.release(ctx);
                UnreadBody.drain(ctx, settings.maxBodyBytes());
            });
            problems.register(config.routes);
            new OperationsRoutes(readiness, metrics, openApi, stopping::get).register(config.routes);
            modules.forEach(module -> module.register(config.routes));
        });
        javalin.start(settings.port());
        return new HttpServer(javalin, modules, stopping);
    }

    private static void configureServer(JavalinConfig config, HttpSettings settings, ObjectMapper mapper) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = settings.maxBodyBytes();
        config.http.defaultContentType = "application/json";
        config.router.ignoreTrailingSlashes = true;
        config.jsonMapper(new JacksonJsonMapper(mapper));
        // Bounded request threads (FITSYNC_HTTP_THREADS): past the point where CPU and the connection
        // pool are busy, more threads only time-slice the same work; excess requests queue in Jetty.
        QueuedThreadPool threads =
                new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()), 60_000);
        threads.setName("fitsync-http");
        config.jetty.threadPool = threads;
        // Let in-flight requests finish on shutdown (SIGTERM) before the pool is closed.
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(20_000);
            server.setErrorHandler(new JettyProblemErrorHandler());
        });
        // Room for large bearer tokens, so an oversized token is judged (401) rather than cut off (431).
        config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(64 * 1024));
    }

    private static void logAndMeasure(Context ctx, Float millis, PrometheusMeterRegistry metrics) {
        String route = matchedRoute(ctx);
        int status = ctx.statusCode();
        Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .tags("method", ctx.method().name(), "route", route, "status", Integer.toString(status))
                .register(metrics)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
        ACCESS.atInfo()
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("path", ctx.path())
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", Math.round(millis * 10) / 10.0)
                .log("{} {} {} {}ms", ctx.method().name(), ctx.path(), status, Math.round(millis));
        MDC.clear();
    }

    private static String matchedRoute(Context ctx) {
        try {
            var endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? UNMATCHED : endpoint.path;
        } catch (RuntimeException e) {
            return UNMATCHED;
        }
    }

    public int port() {
        return javalin.port();
    }

    /**
     * The first step of a graceful stop: {@code /health/ready} answers {@code 503} from now on while every
     * request is still served, so a load balancer stops routing here before {@link #close()} stops accepting.
     */
    public void markStopping() {
        stopping.set(true);
    }

    @Override
    public void close() {
        modules.forEach(RouteModule::stopping);
        javalin.stop();
    }
}

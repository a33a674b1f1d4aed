package org.fitsync.app.wiring;

import java.net.URI;
import java.security.SecureRandom;
import java.util.function.Supplier;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.privacy.PrivacyRoutes;
import org.fitsync.adapter.http.ratelimit.TokenBucketLimiter;
import org.fitsync.adapter.http.ratelimit.WriteRateLimit;
import org.fitsync.adapter.postgres.privacy.PostgresPrivacy;
import org.fitsync.adapter.postgres.run.PostgresRuns;
import org.fitsync.application.privacy.PrivacyService;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.in.privacy.OthersViewUseCase;
import org.fitsync.ports.out.privacy.PrivacySettingsPort;
import org.fitsync.ports.out.privacy.RunSharesPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.LoadTrackPort;

/**
 * Privacy zones and share links: the settings and links over PostgreSQL, the runs and tracks they apply
 * to read through the runs adapter, and the view of a user's runs that leaves their own (a coach's, a
 * public link's), which the runs feature's coach routes use.
 */
final class PrivacyWiring {

    private final PrivacyService service;
    private final RouteModule routes;

    private PrivacyWiring(
            FeatureContext context,
            double polylineToleranceMetres,
            WriteRateLimit sharedLinkLimit,
            Supplier<URI> publicUrl) {
        PostgresPrivacy privacy = new PostgresPrivacy(context.database().jdbi());
        PrivacySettingsPort settings = privacy;
        RunSharesPort shares = privacy;
        PostgresRuns runs = new PostgresRuns();
        LoadRunPort loadRun = runs;
        LoadTrackPort loadTrack = runs;
        this.service = new PrivacyService(
                new PrivacyService.Ports(context.transactions(), settings, shares, loadRun, loadTrack),
                new TrackSimplifier(polylineToleranceMetres),
                context.clock(),
                new SecureRandom());
        this.routes = new PrivacyRoutes(
                new PrivacyRoutes.UseCases(service, service, service),
                context.jsonBody(),
                context.json(),
                TokenBucketLimiter.systemClock(sharedLinkLimit),
                publicUrl);
    }

    /**
     * {@code polylineToleranceMetres}: the runs feature's, so redacted polylines look like stored ones;
     * {@code publicUrl}: where clients reach this node, for the links handed out.
     */
    static PrivacyWiring wire(
            FeatureContext context,
            double polylineToleranceMetres,
            WriteRateLimit sharedLinkLimit,
            Supplier<URI> publicUrl) {
        return new PrivacyWiring(context, polylineToleranceMetres, sharedLinkLimit, publicUrl);
    }

    RouteModule routes() {
        return routes;
    }

    /** A user's runs as others see them, for the coach's views of a client's runs. */
    OthersViewUseCase othersView() {
        return service;
    }
}

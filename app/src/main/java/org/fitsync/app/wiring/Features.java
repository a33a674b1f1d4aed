package org.fitsync.app.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.app.config.FitSyncConfig;
import org.fitsync.application.run.RunPlaces;
import org.fitsync.ports.in.run.BackfillRunFiguresUseCase;

/**
 * The composition of FitSync's features: each feature wires its own ports, services and adapters from
 * its own configuration, and what one feature needs of another is handed over here, in the open.
 */
public final class Features {

    private final List<RouteModule> routes;
    private final List<AutoCloseable> workers;
    private final FilesWiring files;
    private final PublicUrl shareLinksUrl;
    private final BackfillRunFiguresUseCase figuresBackfill;

    private Features(
            List<RouteModule> routes,
            List<AutoCloseable> workers,
            FilesWiring files,
            PublicUrl shareLinksUrl,
            BackfillRunFiguresUseCase figuresBackfill) {
        this.routes = List.copyOf(routes);
        this.workers = List.copyOf(workers);
        this.files = files;
        this.shareLinksUrl = shareLinksUrl;
        this.figuresBackfill = figuresBackfill;
    }

    public static Features wire(FeatureContext context, FitSyncConfig config) {
        DailyWiring daily = DailyWiring.wire(context);
        CoachWiring coach = CoachWiring.wire(context, daily.entries(), daily.manualEntries());
        PublicUrl shareLinksUrl = new PublicUrl(config.files().publicUrl());
        PrivacyWiring privacy = PrivacyWiring.wire(
                context,
                config.runs().polylineToleranceMetres(),
                config.rateLimit().sharedLinkRateLimit(),
                shareLinksUrl);
        RunsWiring runs = RunsWiring.wire(
                context,
                config.runs(),
                config.sync().registry(),
                NodeSecrets.cursorSecret(config),
                coach.actForClient(),
                privacy.othersView());
        SyncWiring sync = SyncWiring.wire(
                context, config.sync(), Map.of("runs", runs.syncStore(), "daily_entries", daily.syncStore()));
        ExecutorService placeLookups = RunsWiring.placeLookups();
        RunPlaces places = RunsWiring.places(context, config.runs().places(), placeLookups);
        FilesWiring files = FilesWiring.wire(
                context,
                config.files(),
                NodeSecrets.filesSecret(config),
                config.server().maxBodyBytes(),
                runs.submitRun(),
                places);
        Optional<ImportsWiring> imports = config.imports().enabled()
                ? Optional.of(ImportsWiring.wire(
                        context,
                        config.imports(),
                        NodeSecrets.tokenKey(config.imports(), config.dataDir()),
                        runs.importedRuns(),
                        places,
                        files.archives(),
                        files.files()))
                : ImportsWiring.off();

        AccountWiring account = AccountWiring.wire(
                context,
                config.exports(),
                new AccountWiring.ExportInputs(
                        files.blobStore(),
                        files.files(),
                        NodeSecrets.filesSecret(config),
                        shareLinksUrl,
                        sync.pull(),
                        config.sync().spoolDirectory()),
                imports.map(ImportsWiring::revocation).orElseGet(AccountWiring::withoutStrava),
                imports.map(ImportsWiring::connections));

        List<RouteModule> routes =
                new ArrayList<>(List.of(daily.routes(), coach.routes(), privacy.routes(), account.routes()));
        routes.addAll(sync.routes());
        routes.addAll(runs.routes());
        routes.addAll(files.routes());
        List<AutoCloseable> workers = new ArrayList<>(sync.workers());
        workers.add(placeLookups::shutdownNow);
        // Export workers stop before the blob store they write to is closed.
        workers.add(account.workers());
        workers.addAll(runs.workers());
        workers.addAll(files.workers());
        imports.ifPresent(wired -> {
            routes.addAll(wired.routes());
            workers.addAll(wired.workers());
        });
        // With FITSYNC_JWKS_URL an identity provider signs users in; the node has no secret to sign with.
        NodeSecrets.hs256Secret(config.auth(), config.dataDir())
                .map(secret -> SignInLinksWiring.wire(
                        context,
                        secret,
                        config.auth().maxClockSkew(),
                        config.rateLimit().signInLinkRateLimit()))
                .ifPresent(signIn -> routes.add(signIn.routes()));
        return new Features(routes, workers, files, shareLinksUrl, runs.figuresBackfill());
    }

    /** The HTTP server listens on {@code port} (URLs handed out name it unless a public URL is set). */
    public void listening(int port) {
        files.listening(port);
        shareLinksUrl.listening(port);
    }

    public List<RouteModule> routes() {
        return routes;
    }

    /** The figures backfill, which this node's worker runs unless FITSYNC_BACKFILL is off. */
    public BackfillRunFiguresUseCase figuresBackfill() {
        return figuresBackfill;
    }

    /** Background work to stop, in order, before the database closes. */
    public List<AutoCloseable> workers() {
        return workers;
    }
}

package org.fitsync.app.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.fitsync.adapter.blobs.fs.FilesystemBlobStore;
import org.fitsync.adapter.blobs.fs.SignedUploadUrls;
import org.fitsync.adapter.files.ActivityFileLimits;
import org.fitsync.adapter.files.ActivityFileReader;
import org.fitsync.adapter.files.archive.ArchiveLimits;
import org.fitsync.adapter.files.archive.StravaArchiveReader;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.files.FileRoutes;
import org.fitsync.adapter.postgres.files.PostgresActivityFiles;
import org.fitsync.app.config.FilesConfig;
import org.fitsync.application.files.FileProcessor;
import org.fitsync.application.files.FileRunBridge;
import org.fitsync.application.files.FileService;
import org.fitsync.application.files.UnfinishedUploadSweep;
import org.fitsync.application.imports.archive.ArchiveProviders;
import org.fitsync.application.run.RunPlaces;
import org.fitsync.ports.in.run.SubmitRunUseCase;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.files.ReadActivityFilePort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Activity files: the files table, the filesystem blob store, the routes, and the processing workers. */
final class FilesWiring {

    private static final Logger LOG = LoggerFactory.getLogger(FilesWiring.class);

    private final List<RouteModule> routes;
    private final List<AutoCloseable> workers;
    private final PublicUrl publicUrl;
    private final ArchiveProviders archives;
    private final LoadFilePort files;

    private FilesWiring(
            List<RouteModule> routes,
            List<AutoCloseable> workers,
            PublicUrl publicUrl,
            ArchiveProviders archives,
            LoadFilePort files) {
        this.routes = routes;
        this.workers = workers;
        this.publicUrl = publicUrl;
        this.archives = archives;
        this.files = files;
    }

    /**
     * {@code secret}: the upload URLs' key; {@code submitRun}: the runs feature's use case, through which
     * every run made of a file is stored.
     */
    static FilesWiring wire(
            FeatureContext context,
            FilesConfig config,
            String secret,
            long maxBodyBytes,
            SubmitRunUseCase submitRun,
            RunPlaces places) {
        var transactions = context.transactions();
        var clock = context.clock();
        PostgresActivityFiles files =
                new PostgresActivityFiles(context.database().jdbi());
        FilesystemBlobStore blobs;
        try {
            blobs = new FilesystemBlobStore(config.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob directory FITSYNC_FILES_DIR", e);
        }
        PublicUrl publicUrl = new PublicUrl(config.publicUrl());
        SignedUploadUrls uploadUrls = new SignedUploadUrls(secret, publicUrl);
        ReadActivityFilePort reader = new ActivityFileReader(ActivityFileLimits.defaults());

        FileService service = new FileService(
                new FileService.Settings(config.maxBytes(), config.uploadTtl()),
                transactions,
                new FileService.Records(files, files, files),
                new FileService.Blobs(blobs, blobs, blobs, blobs, uploadUrls, uploadUrls),
                clock);
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        FileProcessor processor = new FileProcessor(
                new FileProcessor.Settings(node, config.lease()),
                transactions,
                files,
                files,
                blobs,
                reader,
                new FileRunBridge(submitRun),
                places);
        UnfinishedUploadSweep sweep =
                new UnfinishedUploadSweep(config.unfinishedTtl(), transactions, files, blobs, clock);
        FileRoutes fileRoutes = new FileRoutes(
                new FileRoutes.UseCases(service, service, service, service, service, service),
                context.jsonBody(),
                maxBodyBytes);
        FileWorkers fileWorkers =
                new FileWorkers(processor, config.workers(), config.poll(), sweep, config.sweepInterval());
        LOG.info("Activity files on: node {}, {} workers", node, config.workers());
        // The Strava archive import reads uploaded ZIP files: the imports feature gets them as a provider.
        ArchiveProviders archives = new ArchiveProviders(
                transactions, files, blobs, new StravaArchiveReader(ArchiveLimits.defaults(), reader), clock);
        return new FilesWiring(List.of(fileRoutes), List.of(fileWorkers), publicUrl, archives, files);
    }

    List<RouteModule> routes() {
        return routes;
    }

    List<AutoCloseable> workers() {
        return workers;
    }

    /** Uploaded Strava account exports as the provider of {@code strava_archive} import jobs. */
    ArchiveProviders archives() {
        return archives;
    }

    /** The user's files, for checking the file an archive import names. */
    LoadFilePort files() {
        return files;
    }

    /** The HTTP server listens on {@code port}: upload URLs name it unless FITSYNC_PUBLIC_URL is set. */
    void listening(int port) {
        publicUrl.listening(port);
    }
}

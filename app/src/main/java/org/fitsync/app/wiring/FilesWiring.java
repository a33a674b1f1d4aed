package org.fitsync.app.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.blobs.fs.FilesystemBlobStore;
import org.fitsync.adapter.blobs.fs.SignedUploadUrls;
import org.fitsync.adapter.blobs.s3.S3BlobStore;
import org.fitsync.adapter.blobs.s3.S3Location;
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
import org.fitsync.ports.out.files.DeleteBlobPort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.files.ReadActivityFilePort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Activity files: the files table, the blob store (filesystem or S3), the routes, and the processing workers. */
final class FilesWiring {

    private static final Logger LOG = LoggerFactory.getLogger(FilesWiring.class);

    private final List<RouteModule> routes;
    private final List<AutoCloseable> workers;
    private final PublicUrl publicUrl;
    private final ArchiveProviders archives;
    private final LoadFilePort files;
    private final FileService.Blobs blobs;

    private FilesWiring(
            List<RouteModule> routes,
            List<AutoCloseable> workers,
            PublicUrl publicUrl,
            ArchiveProviders archives,
            LoadFilePort files,
            FileService.Blobs blobs) {
        this.routes = routes;
        this.workers = workers;
        this.publicUrl = publicUrl;
        this.archives = archives;
        this.files = files;
        this.blobs = blobs;
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
        PublicUrl publicUrl = new PublicUrl(config.publicUrl());
        List<AutoCloseable> closeables = new ArrayList<>();
        FileService.Blobs blobs;
        if (config.s3().isPresent()) {
            S3BlobStore s3 = s3(config.s3().get(), clock);
            closeables.add(s3);
            // Clients put bytes at the bucket's presigned URLs: FitSync's own upload route refuses.
            blobs = new FileService.Blobs(s3, s3, s3, s3, s3, Optional.empty());
        } else {
            FilesystemBlobStore fs;
            try {
                fs = new FilesystemBlobStore(config.directory());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the blob directory FITSYNC_FILES_DIR", e);
            }
            SignedUploadUrls uploadUrls = new SignedUploadUrls(secret, publicUrl);
            blobs = new FileService.Blobs(fs, fs, fs, fs, uploadUrls, Optional.of(uploadUrls));
        }
        ReadActivityFilePort reader = new ActivityFileReader(ActivityFileLimits.defaults());

        FileService service = new FileService(
                new FileService.Settings(config.maxBytes(), config.maxArchiveBytes(), config.uploadTtl()),
                transactions,
                new FileService.Records(files, files, files),
                blobs,
                clock);
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        FileProcessor processor = new FileProcessor(
                new FileProcessor.Settings(node, config.lease()),
                transactions,
                files,
                files,
                blobs.open(),
                reader,
                new FileRunBridge(submitRun),
                places);
        UnfinishedUploadSweep sweep =
                new UnfinishedUploadSweep(config.unfinishedTtl(), transactions, files, blobs.delete(), clock);
        FileRoutes fileRoutes = new FileRoutes(
                new FileRoutes.UseCases(service, service, service, service, service, service),
                context.jsonBody(),
                maxBodyBytes);
        FileWorkers fileWorkers =
                new FileWorkers(processor, config.workers(), config.poll(), sweep, config.sweepInterval());
        LOG.info(
                "Activity files on: node {}, {} workers, blobs in {}",
                node,
                config.workers(),
                config.s3().isPresent() ? "S3 bucket " + config.s3().get().bucket() : "FITSYNC_FILES_DIR");
        // The Strava archive import reads uploaded ZIP files: the imports feature gets them as a provider.
        ArchiveProviders archives = new ArchiveProviders(
                transactions, files, blobs.open(), new StravaArchiveReader(ArchiveLimits.defaults(), reader), clock);
        // Workers first: they stop before the store they read from is closed.
        List<AutoCloseable> workers = new ArrayList<>(List.of(fileWorkers));
        workers.addAll(closeables);
        return new FilesWiring(List.of(fileRoutes), List.copyOf(workers), publicUrl, archives, files, blobs);
    }

    private static S3BlobStore s3(FilesConfig.S3 s3, Clock clock) {
        Optional<S3Location.AccessKey> key = s3.accessKeyId()
                .map(id -> new S3Location.AccessKey(id, s3.secretAccessKey().orElseThrow()));
        S3Location location =
                new S3Location(s3.bucket(), s3.region(), s3.endpoint(), key, s3.prefix(), s3.sha256Checksums());
        try {
            return S3BlobStore.connect(location, s3.spool().resolve("fitsync-s3-uploads"), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload spool under FITSYNC_SPOOL_DIR", e);
        }
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

    /** Removes stored files' bytes, for an account erasure. */
    DeleteBlobPort blobs() {
        return blobs.delete();
    }

    /** The blob store, for account exports: they keep their zips in it under keys of their own. */
    FileService.Blobs blobStore() {
        return blobs;
    }

    /** The HTTP server listens on {@code port}: upload URLs name it unless FITSYNC_PUBLIC_URL is set. */
    void listening(int port) {
        publicUrl.listening(port);
    }
}

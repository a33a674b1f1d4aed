package org.fitsync.application.account;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.AccountExport;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.account.AccountExportStore;
import org.fitsync.ports.out.account.WriteExportArchivePort;
import org.fitsync.ports.out.files.DeleteBlobPort;
import org.fitsync.ports.out.files.StoreBlobPort;

/**
 * Runs account export jobs: claims one, writes the zip to a spool file (runs page by page, so memory
 * stays bounded), stores the file in the blob store under the export's own key, and marks the job
 * done. A heartbeat keeps the lease meanwhile; progress is saved every {@link #SAVE_EVERY} runs.
 *
 * <p>A job whose node died is claimed again once its lease expires, and its zip is written again from
 * the start: a zip cannot be resumed halfway, and the spool file was the dead node's. A job that keeps
 * failing (or keeps killing its node) fails for good after {@code maxAttempts} claims.
 */
public final class AccountExportRunner {

    static final int SAVE_EVERY = 100;

    /** How the runner behaves; the lease is how long a silent node keeps a job before another takes it. */
    public record Settings(String node, Duration lease, int maxAttempts, Path spool) {
        public Settings {
            if (lease.toMillis() < 300 || maxAttempts < 1) {
                throw new IllegalArgumentException("invalid export runner settings");
            }
        }
    }

    /** The stores a run writes to. */
    public record Ports(
            TransactionPort transactions,
            AccountExportStore exports,
            WriteExportArchivePort archive,
            StoreBlobPort store,
            DeleteBlobPort delete) {}

    private final Settings settings;
    private final Ports ports;
    private final ScheduledExecutorService heartbeats;
    private final Clock clock;

    public AccountExportRunner(Settings settings, Ports ports, ScheduledExecutorService heartbeats, Clock clock) {
        this.settings = settings;
        this.ports = ports;
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    /** Claims and runs one job until it is done, failed or lost; false if none was waiting. */
    public boolean runOnce() {
        Optional<AccountExport> claimed = ports.exports().claimNext(settings.node(), settings.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        AccountExport job = claimed.get();
        AtomicBoolean lost = new AtomicBoolean();
        long beat = Math.max(100, settings.lease().toMillis() / 3);
        ScheduledFuture<?> heartbeat =
                heartbeats.scheduleWithFixedDelay(() -> beat(job, lost), beat, beat, TimeUnit.MILLISECONDS);
        try {
            new Execution(job, lost).run();
        } finally {
            heartbeat.cancel(false);
        }
        return true;
    }

    private void beat(AccountExport job, AtomicBoolean lost) {
        try {
            if (!ports.transactions()
                    .inUserTransaction(
                            job.user(), () -> ports.exports().heartbeat(job, settings.node(), settings.lease()))) {
                lost.set(true);
            }
        } catch (RuntimeException e) {
            // A missed beat is harmless unless the lease runs out; the next one tries again.
        }
    }

    /** Thrown out of the archive writer to stop it when the job is no longer ours. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("export lease lost", null, false, false);
        }
    }

    /** One claimed job being worked on. */
    private final class Execution {
        private final AccountExport job;
        private final UserId user;
        private final AtomicBoolean lost;
        private int total;
        private int written;

        Execution(AccountExport job, AtomicBoolean lost) {
            this.job = job;
            this.user = job.user();
            this.lost = lost;
        }

        void run() {
            if (job.attemptsExceeded(settings.maxAttempts())) {
                fail("the export failed on every attempt");
                return;
            }
            Path spoolFile = null;
            try {
                total = ports.transactions()
                        .inUserSnapshot(user, () -> ports.exports().countRuns(user));
                save();
                Files.createDirectories(settings.spool());
                spoolFile = Files.createTempFile(settings.spool(), "export-", ".zip");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spoolFile), 64 * 1024)) {
                    ports.archive().write(user, out, this::runWritten);
                }
                if (lost.get()) {
                    return;
                }
                long size = store(spoolFile);
                boolean completed = ports.transactions()
                        .inUserTransaction(
                                user,
                                () -> ports.exports().complete(job, settings.node(), written, size, clock.instant()));
                if (!completed) {
                    forgetIfErased();
                }
            } catch (LeaseLost e) {
                // Taken over by another node, or the account was erased: the job is not ours any more.
            } catch (IOException e) {
                fail("the export could not be written");
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                fail("the export could not be written");
                throw e;
            } finally {
                deleteQuietly(spoolFile);
            }
        }

        private void runWritten(int runs) {
            written = runs;
            if (lost.get()) {
                throw new LeaseLost();
            }
            if (runs % SAVE_EVERY == 0) {
                save();
            }
        }

        private void save() {
            boolean ours = ports.transactions()
                    .inUserTransaction(
                            user,
                            () -> ports.exports()
                                    .progress(
                                            job, settings.node(), written, Math.max(total, written), settings.lease()));
            if (!ours) {
                lost.set(true);
                throw new LeaseLost();
            }
        }

        private long store(Path spoolFile) throws IOException {
            try (InputStream in = Files.newInputStream(spoolFile)) {
                StoreBlobPort.BlobWrite write =
                        ports.store().store(job.blobKey(), in, Optional.empty(), Long.MAX_VALUE);
                if (write instanceof StoreBlobPort.BlobWrite.Stored stored) {
                    return stored.facts().size();
                }
                throw new IOException("the blob store refused the export: " + write);
            }
        }

        /**
         * The zip is stored but the job could not be marked done. If the row is gone (the account was
         * erased meanwhile) nobody will ever delete the zip: do it now. If another node took the job
         * over, the zip is theirs to replace under the same key.
         */
        private void forgetIfErased() throws IOException {
            boolean gone = ports.transactions()
                    .inUserSnapshot(user, () -> ports.exports().find(user, job.id()))
                    .isEmpty();
            if (gone) {
                ports.delete().delete(job.blobKey());
            }
        }

        private void fail(String error) {
            try {
                ports.transactions()
                        .inUserTransaction(
                                user, () -> ports.exports().fail(job, settings.node(), error, clock.instant()));
            } catch (RuntimeException e) {
                // The lease expires and another attempt runs, or fails the job for good.
            }
        }

        private void deleteQuietly(Path file) {
            if (file == null) {
                return;
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temporary file; the spool directory is the node's own scratch space.
            }
        }
    }
}

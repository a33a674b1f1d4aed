package org.fitsync.client.engine;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.fitsync.client.ClientSchema;
import org.fitsync.client.SchemaMigration;
import org.fitsync.client.local.LocalFiles;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.StoreMeta;
import org.fitsync.client.remote.Exchange;
import org.fitsync.client.remote.PullReceipt;
import org.fitsync.client.remote.PullRequest;
import org.fitsync.client.remote.SyncTransport;
import org.fitsync.client.retry.RetryPolicy;
import org.fitsync.client.status.SyncProgress;

/**
 * One sync, in WatermelonDB's order with FitSync's requests in front: queued runs, readings and files are sent
 * first (so the pull that follows brings the runs back as records), then every page is pulled, then local
 * record changes are pushed. The first failure ends the sync; what was done stays done.
 */
public final class SyncCycle {

    /** Sizes of the sync's units of work. */
    public record Sizes(int pullPage, int applyChunk, int pushBatch) {
        public Sizes {
            if (pullPage < 1 || applyChunk < 1 || pushBatch < 1) {
                throw new IllegalArgumentException("sizes must be >= 1");
            }
        }
    }

    private final LocalStore store;
    private final SyncTransport transport;
    private final ClientSchema schema;
    private final Sizes sizes;
    private final OpSender ops;
    private final RecordPusher pusher;
    private final Consumer<Set<String>> onPulled;
    private final Consumer<SyncProgress> onProgress;

    public SyncCycle(
            LocalStore store,
            SyncTransport transport,
            ClientSchema schema,
            RetryPolicy policy,
            Sizes sizes,
            LocalFiles files,
            Consumer<Set<String>> onPulled,
            Consumer<SyncProgress> onProgress) {
        this.store = store;
        this.transport = transport;
        this.schema = schema;
        this.sizes = sizes;
        this.ops = new OpSender(store, transport, policy, files);
        this.pusher = new RecordPusher(store, transport, policy, sizes.pushBatch());
        this.onPulled = onPulled;
        this.onProgress = onProgress;
    }

    /** Runs the sync; empty when it completed, else the failure that ended it. */
    public Optional<Outcome.Stopped> run(String token, SyncKind kind) {
        Outcome outcome = ops.sendAll(token);
        if (outcome instanceof Outcome.Done && kind == SyncKind.FULL) {
            outcome = pullAll(token);
        }
        if (outcome instanceof Outcome.Done) {
            outcome =
                    pusher.pushAll(token, (sent, total) -> onProgress.accept(SyncProgress.NONE.uploading(sent, total)));
        }
        return outcome instanceof Outcome.Stopped stopped ? Optional.of(stopped) : Optional.empty();
    }

    private Outcome pullAll(String token) {
        StoreMeta start = store.read(tx -> tx.meta());
        long mark = start.lastPullMark() + 1;
        store.write(tx -> {
            tx.saveMeta(tx.meta().withPullMark(mark));
            return null;
        });
        boolean fromScratch = start.lastPulledAt() == 0;
        Optional<SchemaMigration> migration =
                fromScratch ? Optional.empty() : schema.migrationFrom(start.schemaVersion());
        long cursor = start.lastPulledAt();
        long downloaded = 0;
        while (true) {
            PullApplier applier = new PullApplier(store, schema, mark, sizes.applyChunk(), onPulled);
            Exchange<PullReceipt> answer = transport.pull(
                    token, new PullRequest(cursor, schema.version(), migration, sizes.pullPage()), applier);
            if (answer instanceof Exchange.Failed<PullReceipt> failed) {
                return Outcome.stopped(failed.failure());
            }
            PullReceipt receipt = ((Exchange.Answered<PullReceipt>) answer).value();
            boolean last = !receipt.hasMore();
            applier.finish(
                    meta -> meta.pulledTo(receipt.timestamp(), schema.version()),
                    last && (fromScratch || receipt.replacement()));
            downloaded += applier.received();
            onProgress.accept(SyncProgress.NONE.downloadedSoFar(downloaded));
            cursor = receipt.timestamp();
            migration = Optional.empty();
            if (last) {
                return Outcome.DONE;
            }
        }
    }
}

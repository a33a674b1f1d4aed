package org.fitsync.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.fitsync.client.engine.SyncCycle;
import org.fitsync.client.local.LocalFiles;
import org.fitsync.client.local.LocalStores;
import org.fitsync.client.remote.SyncTransport;
import org.fitsync.client.retry.RetryPolicy;
import org.fitsync.client.schedule.ConnectivityProbe;
import org.fitsync.client.schedule.Scheduler;

/**
 * Everything a {@link FitSyncClient} is built from, in one object: the three ports the platform
 * provides (stores, transport, scheduler), the schema, and the tuning, each with a default.
 */
public final class ClientConfig {

    final LocalStores stores;
    final SyncTransport transport;
    final Scheduler scheduler;
    ClientSchema schema = ClientSchema.of(1, org.fitsync.domain.sync.CollectionRegistry.defaults());
    Clock clock = Clock.systemUTC();
    ConnectivityProbe probe = () -> false;
    LocalFiles files = LocalFiles.NONE;
    RetryPolicy retry = RetryPolicy.DEFAULT;
    DoubleSupplier random = new Random()::nextDouble;
    Duration writeDebounce = Duration.ofSeconds(2);
    Duration periodicInterval = Duration.ofMinutes(15);
    Duration probeInterval = Duration.ofSeconds(10);
    SyncCycle.Sizes sizes = new SyncCycle.Sizes(10_000, 1_000, 500);

    private ClientConfig(LocalStores stores, SyncTransport transport, Scheduler scheduler) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    public static ClientConfig of(LocalStores stores, SyncTransport transport, Scheduler scheduler) {
        return new ClientConfig(stores, transport, scheduler);
    }

    /** The synced collections and schema version; by default the server's default collections at version 1. */
    public ClientConfig schema(ClientSchema value) {
        schema = Objects.requireNonNull(value);
        return this;
    }

    /** Where queued activity files wait to be sent; without it, {@code uploadActivityFile} fails. */
    public ClientConfig files(LocalFiles value) {
        files = Objects.requireNonNull(value);
        return this;
    }

    public ClientConfig clock(Clock value) {
        clock = Objects.requireNonNull(value);
        return this;
    }

    /** Asked every {@link #probeInterval} while offline; by default never reachable (wait for the host's signal). */
    public ClientConfig connectivityProbe(ConnectivityProbe value) {
        probe = Objects.requireNonNull(value);
        return this;
    }

    public ClientConfig retry(RetryPolicy value) {
        retry = Objects.requireNonNull(value);
        return this;
    }

    /** Numbers in [0, 1) for the backoff's jitter. */
    public ClientConfig random(DoubleSupplier value) {
        random = Objects.requireNonNull(value);
        return this;
    }

    /** How long after the last local write the client syncs (2 s). */
    public ClientConfig writeDebounce(Duration value) {
        writeDebounce = positive(value);
        return this;
    }

    /** How often a started client syncs while in the foreground (15 min). */
    public ClientConfig periodicInterval(Duration value) {
        periodicInterval = positive(value);
        return this;
    }

    /** How often the connectivity probe is asked while offline (10 s). */
    public ClientConfig probeInterval(Duration value) {
        probeInterval = positive(value);
        return this;
    }

    /** Records per pulled page (5,000), per local transaction while applying one (1,000), and per push (500). */
    public ClientConfig sizes(int pullPage, int applyChunk, int pushBatch) {
        sizes = new SyncCycle.Sizes(pullPage, applyChunk, pushBatch);
        return this;
    }

    private static Duration positive(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("must be positive: " + value);
        }
        return value;
    }
}

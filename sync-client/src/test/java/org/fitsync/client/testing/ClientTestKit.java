package org.fitsync.client.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.fitsync.client.ClientConfig;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.TokenProvider;
import org.fitsync.client.retry.RetryPolicy;
import org.fitsync.domain.sync.Value;

/** A client on virtual time against a {@link FakeServer}, with a token provider the test controls. */
public final class ClientTestKit {

    public static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), 0.5, 5);

    public final VirtualTime time = new VirtualTime(Instant.parse("2026-12-01T08:00:00Z"));
    public final FakeServer server = new FakeServer();
    public final InMemoryStores stores = new InMemoryStores();
    public final InMemoryFiles files = new InMemoryFiles();
    public final AtomicBoolean reachable = new AtomicBoolean(true);
    public final AtomicReference<String> token = new AtomicReference<>("token-1");
    /** What {@link TokenProvider#renewToken} returns; empty means the app has no new token. */
    public final AtomicReference<Optional<String>> renewal = new AtomicReference<>(Optional.empty());

    public double random = 0;

    public ClientConfig config() {
        return ClientConfig.of(stores, server, time)
                .clock(time)
                .files(files)
                .retry(POLICY)
                .random(() -> random)
                .connectivityProbe(reachable::get);
    }

    public TokenProvider tokens() {
        return new TokenProvider() {
            @Override
            public String currentToken() {
                return token.get();
            }

            @Override
            public Optional<String> renewToken(String rejected) {
                Optional<String> renewed = renewal.get();
                renewed.ifPresent(token::set);
                return renewed;
            }
        };
    }

    public FitSyncClient client(String user) {
        return FitSyncClient.signIn(config(), user, tokens());
    }

    /** Runs what is due now, so the sync behind {@code request} runs to its end; returns the status it ended in. */
    public org.fitsync.client.status.SyncStatus run(
            java.util.concurrent.CompletableFuture<org.fitsync.client.status.SyncStatus> request) {
        time.runDue();
        return request.getNow(null);
    }

    /** Runs everything due now (a sync asked for is run to its end). */
    public void settle() {
        time.runDue();
    }

    public static Map<String, Value> workout(String name) {
        return Map.of("name", new Value.Text(name), "started_at", new Value.Num(1_795_158_000_000d));
    }
}

package org.fitsync.adapter.postgres.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.application.sync.CollectionStores;
import org.fitsync.application.sync.PullService;
import org.fitsync.application.sync.PushService;
import org.fitsync.application.sync.SyncSettings;
import org.fitsync.application.testing.MovableClock;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.CollectionRegistry;
import org.fitsync.domain.sync.RawChanges;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;
import org.fitsync.ports.in.sync.Migration;
import org.fitsync.ports.in.sync.PullChangesQuery;
import org.fitsync.ports.in.sync.PullMode;
import org.fitsync.ports.in.sync.PullOutcome;
import org.fitsync.ports.in.sync.PullSection;
import org.fitsync.ports.in.sync.PullSink;
import org.fitsync.ports.in.sync.PulledRecord;
import org.fitsync.ports.in.sync.PushChangesCommand;
import org.fitsync.ports.in.sync.PushOutcome;
import org.fitsync.ports.out.sync.SyncRecordStore;

/** The sync services on a fresh database, with a settable clock and helpers to build pushes and read pulls. */
final class SyncFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final DatabaseSettings settings;
    final PostgresDatabase database;
    final PostgresTransactions transactions;
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-20T07:00:00Z"));
    final PushService push;
    final PullService pull;

    SyncFixture(Duration retention) {
        this(retention, new PostgresSyncRecords());
    }

    SyncFixture(Duration retention, SyncRecordStore store) {
        settings = PostgresTestDatabase.fresh();
        database = PostgresDatabase.connect(settings, null);
        transactions = new PostgresTransactions(database.jdbi());
        CollectionStores stores = CollectionStores.allGeneric(store);
        PostgresSyncVersions versions = new PostgresSyncVersions();
        PostgresPurgeHorizons horizons = new PostgresPurgeHorizons();
        CollectionRegistry registry = CollectionRegistry.defaults();
        push = new PushService(
                transactions,
                versions,
                registry,
                stores,
                horizons,
                new SyncSettings(Duration.ofSeconds(60), retention),
                clock);
        pull = new PullService(transactions, versions, registry, stores, horizons);
    }

    @Override
    public void close() {
        database.close();
    }

    PushOutcome.Pushed push(UserId user, Optional<Long> lastPulledAt, RawChanges changes) {
        PushOutcome outcome = push.push(new PushChangesCommand(user, changes, lastPulledAt));
        if (outcome instanceof PushOutcome.Pushed pushed) {
            return pushed;
        }
        throw new AssertionError("push refused: " + outcome);
    }

    Pulled pull(UserId user, long lastPulledAt) {
        return pull(user, lastPulledAt, OptionalInt.empty(), Optional.empty());
    }

    Pulled pull(UserId user, long lastPulledAt, OptionalInt limit, Optional<Migration> migration) {
        Pulled result = new Pulled();
        PullOutcome outcome =
                pull.pull(new PullChangesQuery(user, Optional.of(lastPulledAt), migration, limit), result);
        if (!(outcome instanceof PullOutcome.Pulled)) {
            throw new AssertionError("pull refused: " + outcome);
        }
        return result;
    }

    /** One collection's section of a push. */
    static RawChanges changes(
            String collection,
            List<Map<String, Value>> created,
            List<Map<String, Value>> updated,
            List<String> deleted) {
        return new RawChanges(Map.of(
                collection,
                new RawChanges.Section(
                        created,
                        updated,
                        deleted.stream().map(id -> (Value) new Value.Text(id)).toList())));
    }

    static RawChanges created(String collection, Map<String, Value> record) {
        return changes(collection, List.of(record), List.of(), List.of());
    }

    static RawChanges updated(String collection, Map<String, Value> record) {
        return changes(collection, List.of(), List.of(record), List.of());
    }

    static RawChanges deleted(String collection, String id) {
        return changes(collection, List.of(), List.of(), List.of(id));
    }

    /** A raw record from alternating names and values (String, Number, Boolean or null). */
    static Map<String, Value> rec(String id, Object... pairs) {
        Map<String, Value> record = new LinkedHashMap<>();
        record.put("id", new Value.Text(id));
        for (int i = 0; i < pairs.length; i += 2) {
            record.put((String) pairs[i], value(pairs[i + 1]));
        }
        return record;
    }

    static Value value(Object o) {
        if (o == null) {
            return Value.NULL;
        }
        if (o instanceof String s) {
            return new Value.Text(s);
        }
        if (o instanceof Number n) {
            return new Value.Num(n.doubleValue());
        }
        if (o instanceof Boolean b) {
            return new Value.Bool(b);
        }
        if (o instanceof Value v) {
            return v;
        }
        throw new IllegalArgumentException("unsupported " + o);
    }

    /** A pull collected in memory. */
    static final class Pulled implements PullSink {
        PullMode mode;
        final Map<String, List<JsonNode>> created = new LinkedHashMap<>();
        final Map<String, List<JsonNode>> updated = new LinkedHashMap<>();
        final Map<String, List<String>> deleted = new LinkedHashMap<>();
        final List<String> order = new ArrayList<>();
        long timestamp;
        boolean hasMore;
        boolean ended;

        @Override
        public void begin(PullMode mode) {
            this.mode = mode;
        }

        @Override
        public void record(String collection, PullSection section, PulledRecord record) {
            try {
                JsonNode node = JSON.readTree(wireForm(record));
                (section == PullSection.CREATED ? created : updated)
                        .computeIfAbsent(collection, c -> new ArrayList<>())
                        .add(node);
                order.add(collection + "/" + node.path("id").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void deleted(String collection, RecordId id) {
            deleted.computeIfAbsent(collection, c -> new ArrayList<>()).add(id.value());
            order.add(collection + "/" + id.value());
        }

        @Override
        public void end(long timestamp, boolean hasMore) {
            this.timestamp = timestamp;
            this.hasMore = hasMore;
            this.ended = true;
        }

        /** The record as the sync API serves it: a document is already in that form, fields are rendered. */
        private static String wireForm(PulledRecord record) {
            if (record instanceof PulledRecord.Document document) {
                return document.encoded();
            }
            return RecordJson.write(((PulledRecord.Fields) record).record());
        }

        List<JsonNode> created(String collection) {
            return created.getOrDefault(collection, List.of());
        }

        List<JsonNode> updated(String collection) {
            return updated.getOrDefault(collection, List.of());
        }

        List<String> deleted(String collection) {
            return deleted.getOrDefault(collection, List.of());
        }

        Optional<JsonNode> record(String collection, String id) {
            return java.util.stream.Stream.concat(created(collection).stream(), updated(collection).stream())
                    .filter(n -> n.path("id").asText().equals(id))
                    .findFirst();
        }

        boolean isEmpty() {
            return order.isEmpty();
        }
    }
}

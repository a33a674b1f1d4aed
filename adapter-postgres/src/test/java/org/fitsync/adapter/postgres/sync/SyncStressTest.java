package org.fitsync.adapter.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.adapter.postgres.sync.SyncFixture.rec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.RawChanges;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 8 writers × 300 random pushes while 4 pullers pull continuously (two of them in small pages):
 * every puller that replays what it received ends with exactly the server's final state.
 */
class SyncStressTest {

    private static final int WRITERS = 8;
    private static final int PUSHES = 300;
    private static final int PULLERS = 4;
    private static final List<String> COLLECTIONS = List.of("workouts", "mesocycles", "runs");

    private final UserId user = new UserId("stress");
    private SyncFixture sync;

    @BeforeEach
    void start() {
        sync = new SyncFixture(Duration.ofDays(90));
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    @Test
    void everyPullersReplayedStateEqualsTheServersFinalState() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + PULLERS);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            long seed = 1000L + w;
            writers.add(pool.submit(() -> write(new Random(seed))));
        }
        List<Future<Map<String, JsonNode>>> pullers = new ArrayList<>();
        for (int p = 0; p < PULLERS; p++) {
            OptionalInt limit = p % 2 == 0 ? OptionalInt.empty() : OptionalInt.of(5 + p);
            pullers.add(pool.submit(() -> replay(limit, writing)));
        }
        for (Future<?> writer : writers) {
            writer.get(5, TimeUnit.MINUTES);
        }
        writing.set(false);
        Map<String, JsonNode> server = new HashMap<>();
        SyncFixture.Pulled all = sync.pull(user, 0);
        all.created.forEach((c, records) ->
                records.forEach(r -> server.put(c + "/" + r.path("id").asText(), r)));
        assertThat(server).isNotEmpty();
        for (Future<Map<String, JsonNode>> puller : pullers) {
            assertThat(puller.get(5, TimeUnit.MINUTES)).isEqualTo(server);
        }
        pool.shutdown();
    }

    private void write(Random random) {
        Optional<Long> cursor = Optional.empty();
        for (int i = 0; i < PUSHES; i++) {
            Map<String, RawChanges.Section> sections = new LinkedHashMap<>();
            for (String collection : COLLECTIONS) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                List<Map<String, Value>> created = new ArrayList<>();
                List<Map<String, Value>> updated = new ArrayList<>();
                List<Value> deleted = new ArrayList<>();
                int ops = 1 + random.nextInt(4);
                for (int op = 0; op < ops; op++) {
                    // Mostly contended ids, some fresh ones so that deletes do not empty the set.
                    String id = random.nextInt(4) == 0
                            ? collection.charAt(0) + "-"
                                    + Thread.currentThread().getId() + "-" + i + "-" + op
                            : collection.charAt(0) + "" + random.nextInt(200);
                    long updatedAt = sync.clock.millis() - random.nextInt(100_000);
                    String field = collection.equals("runs") ? "notes" : "name";
                    int kind = random.nextInt(20);
                    if (kind == 0) {
                        deleted.add(new Value.Text(id));
                    } else if (kind < 4) {
                        created.add(rec(id, field, "v" + random.nextInt(1000), "updated_at", updatedAt));
                    } else {
                        updated.add(rec(id, field, "v" + random.nextInt(1000), "updated_at", updatedAt));
                    }
                }
                sections.put(collection, new RawChanges.Section(created, updated, deleted));
            }
            long timestamp = sync.push(user, cursor, new RawChanges(sections)).timestamp();
            if (random.nextBoolean()) {
                cursor = Optional.of(timestamp);
            }
        }
    }

    private Map<String, JsonNode> replay(OptionalInt limit, AtomicBoolean writing) {
        Map<String, JsonNode> state = new HashMap<>();
        long cursor = 0;
        boolean finalRound = false;
        while (true) {
            boolean last = !writing.get();
            SyncFixture.Pulled page = sync.pull(user, cursor, limit, Optional.empty());
            Set<String> seen = new HashSet<>();
            for (String key : page.order) {
                assertThat(seen.add(key))
                        .as("duplicate in one response: " + key)
                        .isTrue();
            }
            page.created.forEach((c, records) ->
                    records.forEach(r -> state.put(c + "/" + r.path("id").asText(), r)));
            page.updated.forEach((c, records) ->
                    records.forEach(r -> state.put(c + "/" + r.path("id").asText(), r)));
            page.deleted.forEach((c, ids) -> ids.forEach(id -> state.remove(c + "/" + id)));
            assertThat(page.timestamp).isGreaterThanOrEqualTo(cursor);
            cursor = page.timestamp;
            if (!page.hasMore && finalRound) {
                return state;
            }
            finalRound = (last && !page.hasMore) ? true : finalRound;
        }
    }
}

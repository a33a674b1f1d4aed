package org.fitsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.client.testing.ClientTestKit.workout;

import java.util.List;
import java.util.Map;
import org.fitsync.client.remote.PullRequest;
import org.fitsync.client.testing.ClientTestKit;
import org.fitsync.domain.sync.CollectionRegistry;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

    private final ClientTestKit kit = new ClientTestKit();

    @Test
    void aStoreSyncedWithAnOlderSchemaPullsOnceWithTheMigrationOfWhatWasAdded() {
        FitSyncClient v1 = kit.client("alice");
        v1.put("workouts", "w1", workout("Legs"));
        kit.run(v1.syncNow());
        v1.close();
        kit.settle();

        ClientSchema v3 = ClientSchema.of(1, CollectionRegistry.defaults())
                .withStep(new ClientSchema.Step(2, List.of("achievements"), Map.of()))
                .withStep(new ClientSchema.Step(3, List.of(), Map.of("workouts", List.of("template_id"))));
        FitSyncClient upgraded = FitSyncClient.signIn(kit.config().schema(v3), "alice", kit.tokens());
        kit.run(upgraded.syncNow());
        kit.run(upgraded.syncNow());

        List<PullRequest> pulls = kit.server.pulls;
        assertThat(pulls.get(0).migration()).isEmpty(); // a first sync brings everything anyway
        PullRequest migrating = pulls.get(1);
        assertThat(migrating.schemaVersion()).isEqualTo(3);
        SchemaMigration migration = migrating.migration().orElseThrow();
        assertThat(migration.fromVersion()).isEqualTo(1);
        assertThat(migration.createdTables()).containsExactly("achievements");
        assertThat(migration.addedColumns()).containsExactly(Map.entry("workouts", List.of("template_id")));
        assertThat(pulls.get(2).migration()).isEmpty();
    }
}

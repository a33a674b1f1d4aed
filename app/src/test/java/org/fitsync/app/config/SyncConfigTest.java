package org.fitsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fitsync.adapter.http.Json;
import org.fitsync.app.testing.TestServer;
import org.fitsync.domain.sync.ColumnType;
import org.fitsync.domain.sync.ConflictStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FITSYNC_TOMBSTONE_RETENTION and FITSYNC_COLLECTIONS_FILE. */
class SyncConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreNinetyDaysAndApiMdsCollections() {
        SyncConfig config = SyncConfig.from(new Environment(Map.of()), Duration.ofSeconds(60), Json.newMapper());
        assertThat(config.settings().tombstoneRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.registry().all()).hasSize(10);
    }

    @Test
    void extraCollectionsComeFromTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("collections.json"), """
                {"collections": [{"name": "journal_entries", "strategy": "server_wins",
                  "columns": [{"name": "title", "type": "string"}, {"name": "mood", "type": "number", "optional": false}]}]}""");
        SyncConfig config = SyncConfig.from(
                new Environment(
                        Map.of("FITSYNC_COLLECTIONS_FILE", file.toString(), "FITSYNC_TOMBSTONE_RETENTION", "7d")),
                Duration.ofSeconds(60),
                Json.newMapper());
        var journal = config.registry().find("journal_entries").orElseThrow();
        assertThat(journal.strategy()).isEqualTo(ConflictStrategy.SERVER_WINS);
        assertThat(journal.column("mood").orElseThrow().type()).isEqualTo(ColumnType.NUMBER);
        assertThat(journal.column("mood").orElseThrow().optional()).isFalse();
        assertThat(config.settings().tombstoneRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aBadFileStopsStartUpNamingTheVariable() throws Exception {
        Path file = Files.writeString(
                dir.resolve("bad.json"),
                "{\"collections\": [{\"name\": \"x\", \"columns\": [{\"name\": \"c\", \"type\": \"date\"}]}]}");
        assertThatThrownBy(() -> SyncConfig.from(
                        new Environment(Map.of("FITSYNC_COLLECTIONS_FILE", file.toString())),
                        Duration.ofSeconds(60),
                        Json.newMapper()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FITSYNC_COLLECTIONS_FILE");
        assertThatThrownBy(() -> SyncConfig.from(
                        new Environment(Map.of(
                                "FITSYNC_COLLECTIONS_FILE",
                                dir.resolve("missing.json").toString())),
                        Duration.ofSeconds(60),
                        Json.newMapper()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FITSYNC_COLLECTIONS_FILE");
    }

    @Test
    void aServerSyncsTheCollectionsOfItsFile() throws Exception {
        Path file = Files.writeString(dir.resolve("collections.json"), """
                {"collections": [{"name": "journal_entries", "columns": [{"name": "title", "type": "string"}]}]}""");
        try (TestServer server = TestServer.start(Map.of("FITSYNC_COLLECTIONS_FILE", file.toString()))) {
            String token = server.token("journaler");
            TestServer.Response pushed = server.post(
                    "/api/v1/sync",
                    token,
                    Map.of(
                            "changes",
                            Map.of(
                                    "journal_entries",
                                    Map.of(
                                            "created",
                                            java.util.List.of(Map.of("id", "j1", "title", "Day one")),
                                            "updated",
                                            java.util.List.of(),
                                            "deleted",
                                            java.util.List.of()))));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            assertThat(server.get("/api/v1/sync", token)
                            .json()
                            .path("changes")
                            .path("journal_entries")
                            .path("created")
                            .get(0)
                            .path("title")
                            .asText())
                    .isEqualTo("Day one");
        }
    }
}

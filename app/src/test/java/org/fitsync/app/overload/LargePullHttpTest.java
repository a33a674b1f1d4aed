package org.fitsync.app.overload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pull too large for the heap goes through a spool file and arrives whole, with its length. */
class LargePullHttpTest {

    private static final int RECORDS = 5_000; // about 2.5 MB: far past the 64 KiB kept on the heap

    @TempDir
    Path spool;

    @Test
    void aLargeFirstSyncArrivesWholeWithItsLengthAndLeavesNoFileBehind() throws Exception {
        try (TestServer server = TestServer.start(Map.of("FITSYNC_SPOOL_DIR", spool.toString()))) {
            LargeDataSets.seed(server.ownerDataSource(), List.of("large"), RECORDS);
            String token = server.token("large");

            TestServer.Response first = server.get("/api/v1/sync?last_pulled_at=0", token);

            assertThat(first.status()).isEqualTo(200);
            assertThat(Long.parseLong(first.header("Content-Length")))
                    .isEqualTo(first.raw().body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isGreaterThan(1024 * 1024);
            JsonNode workouts = first.json().path("changes").path("workouts");
            Set<String> ids = new HashSet<>();
            workouts.path("created").forEach(r -> ids.add(r.path("id").asText()));
            assertThat(ids).hasSize(RECORDS).contains("w0", "w" + (RECORDS - 1));
            assertThat(workouts.path("updated")).isEmpty();
            assertThat(workouts.path("deleted")).isEmpty();
            assertThat(first.json().path("has_more").asBoolean()).isFalse();

            long cursor = first.json().path("timestamp").asLong();
            TestServer.Response next = server.get("/api/v1/sync?last_pulled_at=" + cursor, token);
            assertThat(next.json().path("changes").path("workouts").path("updated"))
                    .isEmpty();
            assertThat(next.json().path("timestamp").asLong()).isEqualTo(cursor);

            try (Stream<Path> left = Files.list(spool)) {
                assertThat(left).as("spool files are unlinked").isEmpty();
            }
        }
    }
}

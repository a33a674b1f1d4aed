package org.fitsync.harness.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A Strava archive import timed: the export's ZIP uploaded as a file, the {@code strava_archive} import
 * started, its resource polled until it finished. The rate is taken over the server's own clock
 * ({@code created_at} to {@code finished_at}), which the polling interval does not blur.
 */
final class ArchivePhase {

    /** The finished import, the archive's size and the time from starting the import to seeing it finished. */
    record Result(JsonNode job, long zipBytes, double observedSeconds) {
        double serverSeconds() {
            return Duration.between(
                                    Instant.parse(job.path("created_at").asText()),
                                    Instant.parse(job.path("finished_at").asText()))
                            .toNanos()
                    / 1e9;
        }

        int imported() {
            return job.path("progress").path("imported").asInt();
        }
    }

    private ArchivePhase() {}

    /** Imports an archive of {@code activities} runs of {@code seconds} seconds; fails unless every one was imported. */
    static Result run(FilesClient api, int activities, int seconds, Instant newest) throws Exception {
        byte[] zip = StravaArchive.zip(activities, seconds, newest);
        UUID fileId = UUID.randomUUID();
        api.upload(fileId, "export_12345.zip", zip);
        long start = System.nanoTime();
        String job = api.startArchiveImport(fileId);
        JsonNode done = api.awaitImport(job, Duration.ofMillis(100));
        double observed = (System.nanoTime() - start) / 1e9;
        JsonNode progress = done.path("progress");
        if (!done.path("state").asText().equals("completed")
                || progress.path("fetched").asInt() != activities
                || progress.path("imported").asInt() != activities
                || progress.path("failed").asInt() != 0) {
            throw new IllegalStateException("the archive import did not import every activity: " + done);
        }
        return new Result(done, zip.length, observed);
    }
}

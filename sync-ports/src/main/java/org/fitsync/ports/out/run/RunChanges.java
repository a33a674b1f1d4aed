package org.fitsync.ports.out.run;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fitsync.domain.run.StoredRun;

/**
 * Runs changed after a cursor, split as a WatermelonDB pull wants them: created after the cursor,
 * updated (existed at the cursor), and deleted (existed at the cursor, deleted since). A run both
 * created and deleted after the cursor never reached the client and is left out.
 */
public record RunChanges(List<StoredRun> created, List<StoredRun> updated, List<UUID> deleted) {

    public RunChanges {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        deleted = List.copyOf(deleted);
    }

    /** One changed row as stored: the run, the version that created it, and whether it is deleted. */
    public record Row(StoredRun run, long createdVersion, boolean isDeleted) {}

    public static RunChanges classify(List<Row> rows, long afterVersion) {
        List<StoredRun> created = new ArrayList<>();
        List<StoredRun> updated = new ArrayList<>();
        List<UUID> deleted = new ArrayList<>();
        for (Row row : rows) {
            boolean newSinceCursor = row.createdVersion() > afterVersion;
            if (row.isDeleted()) {
                if (!newSinceCursor) {
                    deleted.add(row.run().id());
                }
            } else if (newSinceCursor) {
                created.add(row.run());
            } else {
                updated.add(row.run());
            }
        }
        return new RunChanges(created, updated, deleted);
    }
}

package org.fitsync.adapter.postgres.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileError;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.FileState;
import org.fitsync.domain.files.ProcessingOutcome;
import org.fitsync.domain.files.Sha256;
import org.fitsync.ports.out.files.ClaimFilePort;
import org.fitsync.ports.out.files.DeclareFilePort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.files.MarkFileUploadedPort;
import org.fitsync.ports.out.files.SweepFilesPort;
import org.jdbi.v3.core.Jdbi;

/**
 * Activity files in {@code activity_files}. User-scoped calls join the caller's user transaction
 * (row-level security); the claim and the sweep's listing cross users through the definer functions
 * of V91. Finishing is guarded by {@code state = 'processing' AND lease_owner = :node}, so a node
 * whose lease was taken over writes nothing.
 */
public final class PostgresActivityFiles
        implements DeclareFilePort, LoadFilePort, MarkFileUploadedPort, ClaimFilePort, SweepFilesPort {

    private final Jdbi jdbi;

    /** {@code jdbi} serves the cross-user claim and listing, which run outside any user transaction. */
    public PostgresActivityFiles(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<ActivityFile> declareIfNew(ActivityFile file) {
        boolean processing = file.state() == FileState.PROCESSING;
        int inserted = PostgresTransactions.handle()
                .createUpdate("""
                        INSERT INTO activity_files (user_id, id, filename, size, sha256, format, content_type, state,
                                                    created_at, uploaded_at)
                        VALUES (:user, :id, :filename, :size, :sha256, :format, :contentType, :state, :created,
                                CASE WHEN :processing THEN CAST(:created AS timestamptz) END)
                        ON CONFLICT (user_id, id) DO NOTHING""")
                .bind("user", file.user().value())
                .bind("id", file.id().value())
                .bind("filename", file.filename())
                .bind("size", file.size())
                .bind("sha256", file.sha256().hex())
                .bind("format", file.format().wireName())
                .bind("contentType", file.contentType().orElse(null))
                .bind("state", file.state().wireName())
                .bind("created", utc(file.createdAt()))
                .bind("processing", processing)
                .execute();
        return inserted == 1 ? Optional.empty() : load(file.user(), file.id());
    }

    @Override
    public Optional<ActivityFile> load(UserId user, FileId id) {
        return PostgresTransactions.handle()
                .createQuery("SELECT * FROM activity_files WHERE user_id = :user AND id = :id")
                .bind("user", user.value())
                .bind("id", id.value())
                .map((rs, ctx) -> file(rs))
                .findOne();
    }

    @Override
    public Optional<UUID> runOfSameBytes(UserId user, Sha256 sha256, FileId other) {
        return PostgresTransactions.handle()
                .createQuery("SELECT run_id FROM activity_files WHERE user_id = :user AND sha256 = :sha256"
                        + " AND state = 'imported' AND id <> :other ORDER BY created_at LIMIT 1")
                .bind("user", user.value())
                .bind("sha256", sha256.hex())
                .bind("other", other.value())
                .mapTo(UUID.class)
                .findOne();
    }

    @Override
    public boolean markUploaded(UserId user, FileId id) {
        return PostgresTransactions.handle()
                        .createUpdate("UPDATE activity_files SET state = 'processing', uploaded_at = now()"
                                + " WHERE user_id = :user AND id = :id AND state = 'awaiting_upload'")
                        .bind("user", user.value())
                        .bind("id", id.value())
                        .execute()
                == 1;
    }

    @Override
    public Optional<ActivityFile> claimNext(String node, Duration lease) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM claim_activity_file(:node, :lease)")
                .bind("node", node)
                .bind("lease", lease.toMillis())
                .map((rs, ctx) -> file(rs))
                .findOne());
    }

    @Override
    public boolean finish(ActivityFile file, String node, ProcessingOutcome outcome) {
        Optional<UUID> runId = Optional.empty();
        Optional<String> reason = Optional.empty();
        Optional<FileError> error = Optional.empty();
        if (outcome instanceof ProcessingOutcome.Imported imported) {
            runId = Optional.of(imported.runId());
        } else if (outcome instanceof ProcessingOutcome.Duplicate duplicate) {
            runId = Optional.of(duplicate.runId());
        } else if (outcome instanceof ProcessingOutcome.Skipped skipped) {
            reason = Optional.of(skipped.reason());
        } else if (outcome instanceof ProcessingOutcome.Failed failed) {
            error = Optional.of(failed.error());
        }
        return PostgresTransactions.handle()
                        .createUpdate("""
                                UPDATE activity_files SET state = :state, run_id = :run, reason = :reason,
                                       error_type = :errorType, error_detail = :errorDetail, lease_owner = NULL,
                                       lease_until = NULL, finished_at = now()
                                 WHERE user_id = :user AND id = :id AND state = 'processing' AND lease_owner = :node""")
                        .bind("state", outcome.state().wireName())
                        .bind("run", runId.orElse(null))
                        .bind("reason", reason.orElse(null))
                        .bind("errorType", error.map(FileError::type).orElse(null))
                        .bind("errorDetail", error.map(FileError::detail).orElse(null))
                        .bind("user", file.user().value())
                        .bind("id", file.id().value())
                        .bind("node", node)
                        .execute()
                == 1;
    }

    @Override
    public List<BlobKey> unfinishedBefore(Instant cutoff, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM unfinished_activity_files(:before, :limit)")
                .bind("before", utc(cutoff))
                .bind("limit", limit)
                .map((rs, ctx) ->
                        new BlobKey(new UserId(rs.getString("user_id")), new FileId(rs.getObject("id", UUID.class))))
                .list());
    }

    @Override
    public boolean deleteUnfinished(BlobKey key, Instant cutoff) {
        return PostgresTransactions.handle()
                        .createUpdate("DELETE FROM activity_files WHERE user_id = :user AND id = :id"
                                + " AND state = 'awaiting_upload' AND created_at < :before")
                        .bind("user", key.user().value())
                        .bind("id", key.id().value())
                        .bind("before", utc(cutoff))
                        .execute()
                == 1;
    }

    private static ActivityFile file(ResultSet rs) throws SQLException {
        String errorType = rs.getString("error_type");
        return new ActivityFile(
                new UserId(rs.getString("user_id")),
                new FileId(rs.getObject("id", UUID.class)),
                rs.getString("filename"),
                rs.getLong("size"),
                new Sha256(rs.getString("sha256")),
                FileFormat.fromWire(rs.getString("format")).orElseThrow(),
                Optional.ofNullable(rs.getString("content_type")),
                FileState.fromWire(rs.getString("state")).orElseThrow(),
                Optional.ofNullable(rs.getObject("run_id", UUID.class)),
                Optional.ofNullable(rs.getString("reason")),
                errorType == null
                        ? Optional.empty()
                        : Optional.of(new FileError(errorType, rs.getString("error_detail"))),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package org.fitsync.adapter.postgres.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.imports.ImportError;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportPhase;
import org.fitsync.domain.imports.ImportProgress;
import org.fitsync.domain.imports.ImportRange;
import org.fitsync.domain.imports.ImportState;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Import jobs in {@code import_jobs}. A worker's writes are guarded by
 * {@code state = 'running' AND lease_owner = :node}: a node whose lease expired (and was taken
 * over) or whose job was cancelled updates nothing, and stops.
 */
public final class PostgresImportJobs implements ImportJobStore {

    private static final String ACTIVE = "('queued', 'running', 'waiting_rate_limit')";
    private static final String OWNED =
            " WHERE user_id = :user AND id = :id AND state = 'running' AND lease_owner = :node";

    private final Jdbi jdbi;

    /** {@code jdbi} serves the cross-user claim, which runs outside any user transaction. */
    public PostgresImportJobs(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Created create(ImportJob job) {
        var handle = PostgresTransactions.handle();
        Optional<UUID> inserted = handle.createQuery("""
                        INSERT INTO import_jobs (user_id, id, provider, state, phase, range_after, range_before,
                                                 activity_id, file_id, created_at, updated_at)
                        VALUES (:user, :id, :provider, 'queued', 'listing', :after, :before, :activity, :file,
                                :created, :created)
                        ON CONFLICT (user_id)
                            WHERE state IN ('queued', 'running', 'waiting_rate_limit') AND activity_id IS NULL
                            DO NOTHING
                        RETURNING id""")
                .bind("user", job.user().value())
                .bind("id", job.id().value())
                .bind("provider", job.provider())
                .bind("after", job.range().after().map(PostgresImportJobs::utc).orElse(null))
                .bind(
                        "before",
                        job.range().before().map(PostgresImportJobs::utc).orElse(null))
                .bind("activity", job.activityId().orElse(null))
                .bind("file", job.file().map(FileId::value).orElse(null))
                .bind("created", utc(job.createdAt()))
                .mapTo(UUID.class)
                .findOne();
        if (inserted.isPresent()) {
            return new Created.Queued(find(job.user(), job.id()).orElseThrow());
        }
        return active(job.user())
                .<Created>map(active -> new Created.AlreadyActive(active.id()))
                // The active one finished between our insert and this read: the slot is free now.
                .orElseGet(() -> create(job));
    }

    @Override
    public Optional<ImportJob> find(UserId user, ImportId id) {
        return PostgresTransactions.handle()
                .createQuery("SELECT * FROM import_jobs WHERE user_id = :user AND id = :id")
                .bind("user", user.value())
                .bind("id", id.value())
                .map(PostgresImportJobs::job)
                .findOne();
    }

    @Override
    public List<ImportJob> list(UserId user, int limit) {
        return PostgresTransactions.handle()
                .createQuery(
                        "SELECT * FROM import_jobs WHERE user_id = :user ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("user", user.value())
                .bind("limit", limit)
                .map(PostgresImportJobs::job)
                .list();
    }

    @Override
    public Optional<ImportJob> active(UserId user) {
        return PostgresTransactions.handle()
                .createQuery("SELECT * FROM import_jobs WHERE user_id = :user AND activity_id IS NULL AND state IN "
                        + ACTIVE + " LIMIT 1")
                .bind("user", user.value())
                .map(PostgresImportJobs::job)
                .findOne();
    }

    @Override
    public Optional<ImportJob> cancel(UserId user, ImportId id, Instant now) {
        return PostgresTransactions.handle()
                .createQuery("UPDATE import_jobs SET state = 'cancelled', phase = 'done', resume_at = NULL, "
                        + "lease_until = NULL, finished_at = :now, updated_at = now() "
                        + "WHERE user_id = :user AND id = :id AND state IN " + ACTIVE + " RETURNING *")
                .bind("user", user.value())
                .bind("id", id.value())
                .bind("now", utc(now))
                .map(PostgresImportJobs::job)
                .findOne();
    }

    @Override
    public Optional<ImportJob> claimNext(String node, Duration lease) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM claim_import_job(:node, :lease)")
                .bind("node", node)
                .bind("lease", lease.toMillis())
                .map(PostgresImportJobs::job)
                .findOne());
    }

    @Override
    public boolean heartbeat(UserId user, ImportId id, String node, Duration lease) {
        return PostgresTransactions.handle()
                        .createUpdate("UPDATE import_jobs SET lease_until = now() + :lease * interval '1 millisecond'"
                                + OWNED)
                        .bind("user", user.value())
                        .bind("id", id.value())
                        .bind("node", node)
                        .bind("lease", lease.toMillis())
                        .execute()
                == 1;
    }

    @Override
    public boolean checkpoint(ImportJob job, String node, Duration lease) {
        return owned(job, node, """
                        UPDATE import_jobs SET phase = :phase, cursor_before = :cursor, fetched = :fetched,
                               imported = :imported, skipped_duplicate = :duplicate, skipped_not_run = :notRun,
                               failed = :failed, estimated_total = :estimate,
                               attempts = CASE WHEN fetched = :fetched AND cursor_before IS NOT DISTINCT FROM CAST(:cursor AS timestamptz)
                                               THEN attempts ELSE 0 END,
                               lease_until = now() + :lease * interval '1 millisecond', updated_at = now()""")
                        .bind("phase", job.phase().wireName())
                        .bind(
                                "cursor",
                                job.cursor().map(PostgresImportJobs::utc).orElse(null))
                        .bindMap(progress(job.progress()))
                        .bind("lease", lease.toMillis())
                        .execute()
                == 1;
    }

    @Override
    public boolean park(ImportJob job, String node, Instant resumeAt, boolean rateLimited) {
        // Parking hands the job back: any node may pick it up when it is due.
        return owned(job, node, """
                        UPDATE import_jobs SET state = :state, resume_at = :resume, lease_owner = NULL,
                               lease_until = NULL, attempts = attempts + :failure, updated_at = now()""")
                        .bind("state", rateLimited ? "waiting_rate_limit" : "queued")
                        .bind("resume", utc(resumeAt))
                        .bind("failure", rateLimited ? 0 : 1)
                        .execute()
                == 1;
    }

    @Override
    public boolean complete(ImportJob job, String node, Instant now) {
        return owned(job, node, """
                        UPDATE import_jobs SET state = 'completed', phase = 'done', cursor_before = :cursor,
                               fetched = :fetched, imported = :imported, skipped_duplicate = :duplicate,
                               skipped_not_run = :notRun, failed = :failed, estimated_total = :estimate,
                               finished_at = :now, lease_until = NULL, updated_at = now()""")
                        .bind(
                                "cursor",
                                job.cursor().map(PostgresImportJobs::utc).orElse(null))
                        .bindMap(progress(job.progress()))
                        .bind("now", utc(now))
                        .execute()
                == 1;
    }

    @Override
    public boolean fail(ImportJob job, String node, ImportError error, Instant now) {
        return owned(job, node, """
                        UPDATE import_jobs SET state = 'failed', phase = 'done', error_type = :type,
                               error_detail = :detail, finished_at = :now, lease_until = NULL,
                               updated_at = now()""")
                        .bind("type", error.type())
                        .bind(
                                "detail",
                                error.detail().length() > 1000 ? error.detail().substring(0, 1000) : error.detail())
                        .bind("now", utc(now))
                        .execute()
                == 1;
    }

    /** An update of a running job that only the node holding its lease may make. */
    private static Update owned(ImportJob job, String node, String update) {
        return PostgresTransactions.handle()
                .createUpdate(update + OWNED)
                .bind("user", job.user().value())
                .bind("id", job.id().value())
                .bind("node", node);
    }

    /** The progress counters, as the named parameters the checkpoint and completion share. */
    private static Map<String, Object> progress(ImportProgress p) {
        Map<String, Object> values = new HashMap<>();
        values.put("fetched", p.fetched());
        values.put("imported", p.imported());
        values.put("duplicate", p.skippedDuplicate());
        values.put("notRun", p.skippedNotRun());
        values.put("failed", p.failed());
        values.put(
                "estimate", p.estimatedTotal().isPresent() ? p.estimatedTotal().getAsInt() : null);
        return values;
    }

    private static ImportJob job(ResultSet rs, StatementContext ctx) throws SQLException {
        int estimate = rs.getInt("estimated_total");
        OptionalInt estimated = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(estimate);
        ImportProgress progress = new ImportProgress(
                rs.getInt("fetched"),
                rs.getInt("imported"),
                rs.getInt("skipped_duplicate"),
                rs.getInt("skipped_not_run"),
                rs.getInt("failed"),
                estimated);
        String errorType = rs.getString("error_type");
        String errorDetail = rs.getString("error_detail");
        Optional<ImportError> error = errorType == null
                ? Optional.empty()
                : Optional.of(new ImportError(errorType, errorDetail == null ? "" : errorDetail));
        return new ImportJob(
                new ImportId(rs.getObject("id", UUID.class)),
                new UserId(rs.getString("user_id")),
                rs.getString("provider"),
                ImportState.fromWire(rs.getString("state")).orElseThrow(),
                ImportPhase.fromWire(rs.getString("phase")).orElseThrow(),
                progress,
                new ImportRange(instant(rs, "range_after"), instant(rs, "range_before")),
                Optional.ofNullable(rs.getString("activity_id")),
                Optional.ofNullable(rs.getObject("file_id", UUID.class)).map(FileId::new),
                instant(rs, "cursor_before"),
                instant(rs, "resume_at"),
                error,
                rs.getInt("attempts"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                instant(rs, "finished_at"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

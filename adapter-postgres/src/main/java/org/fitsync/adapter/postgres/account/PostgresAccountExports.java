package org.fitsync.adapter.postgres.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.AccountExport;
import org.fitsync.domain.account.ExportId;
import org.fitsync.domain.account.ExportState;
import org.fitsync.ports.out.account.AccountExportStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Account export jobs in {@code account_exports} (V104). A worker's writes are guarded by
 * {@code state = 'running' AND lease_owner = :node}: a node whose lease expired and was taken over, or
 * whose user was erased meanwhile, updates nothing and stops.
 */
public final class PostgresAccountExports implements AccountExportStore {

    private static final String OWNED =
            " WHERE user_id = :user AND id = :id AND state = 'running' AND lease_owner = :node";

    private final Jdbi jdbi;

    /** {@code jdbi} serves the cross-user claim and sweep listing, which run outside any user transaction. */
    public PostgresAccountExports(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Created create(AccountExport job) {
        Optional<UUID> inserted = PostgresTransactions.handle()
                .createQuery("""
                        INSERT INTO account_exports (user_id, id, state, created_at)
                        VALUES (:user, :id, 'queued', :created)
                        ON CONFLICT (user_id) WHERE state IN ('queued', 'running') DO NOTHING
                        RETURNING id""")
                .bind("user", job.user().value())
                .bind("id", job.id().value())
                .bind("created", utc(job.createdAt()))
                .mapTo(UUID.class)
                .findOne();
        if (inserted.isPresent()) {
            return new Created.Queued(find(job.user(), job.id()).orElseThrow());
        }
        return active(job.user())
                .<Created>map(Created.AlreadyActive::new)
                // The active one finished between our insert and this read: the slot is free now.
                .orElseGet(() -> create(job));
    }

    private Optional<AccountExport> active(UserId user) {
        return PostgresTransactions.handle()
                .createQuery("SELECT * FROM account_exports WHERE user_id = :user AND state IN ('queued', 'running')")
                .bind("user", user.value())
                .map(PostgresAccountExports::export)
                .findOne();
    }

    @Override
    public Optional<AccountExport> find(UserId user, ExportId id) {
        return PostgresTransactions.handle()
                .createQuery("SELECT * FROM account_exports WHERE user_id = :user AND id = :id")
                .bind("user", user.value())
                .bind("id", id.value())
                .map(PostgresAccountExports::export)
                .findOne();
    }

    @Override
    public List<AccountExport> all(UserId user) {
        return PostgresTransactions.handle()
                .createQuery("SELECT * FROM account_exports WHERE user_id = :user ORDER BY created_at, id")
                .bind("user", user.value())
                .map(PostgresAccountExports::export)
                .list();
    }

    @Override
    public Optional<AccountExport> claimNext(String node, Duration lease) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM claim_account_export(:node, :lease)")
                .bind("node", node)
                .bind("lease", lease.toMillis())
                .map(PostgresAccountExports::export)
                .findOne());
    }

    @Override
    public boolean heartbeat(AccountExport job, String node, Duration lease) {
        return owned(job, node, "UPDATE account_exports SET lease_until = now() + :lease * interval '1 millisecond'")
                        .bind("lease", lease.toMillis())
                        .execute()
                == 1;
    }

    @Override
    public boolean progress(AccountExport job, String node, int runsDone, int runsTotal, Duration lease) {
        return owned(job, node, """
                        UPDATE account_exports SET runs_done = :done, runs_total = :total,
                               lease_until = now() + :lease * interval '1 millisecond', updated_at = now()""")
                        .bind("done", runsDone)
                        .bind("total", runsTotal)
                        .bind("lease", lease.toMillis())
                        .execute()
                == 1;
    }

    @Override
    public boolean complete(AccountExport job, String node, int runsDone, long sizeBytes, Instant now) {
        return owned(job, node, """
                        UPDATE account_exports SET state = 'done', runs_done = :done,
                               runs_total = greatest(runs_total, :done), size_bytes = :size,
                               finished_at = :now, lease_owner = NULL, lease_until = NULL, updated_at = now()""")
                        .bind("done", runsDone)
                        .bind("size", sizeBytes)
                        .bind("now", utc(now))
                        .execute()
                == 1;
    }

    @Override
    public boolean fail(AccountExport job, String node, String error, Instant now) {
        return owned(job, node, """
                        UPDATE account_exports SET state = 'failed', error = :error, finished_at = :now,
                               lease_owner = NULL, lease_until = NULL, updated_at = now()""")
                        .bind("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                        .bind("now", utc(now))
                        .execute()
                == 1;
    }

    @Override
    public List<FinishedExport> finishedBefore(Instant before, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id, id FROM finished_account_exports(:before, :limit)")
                .bind("before", utc(before))
                .bind("limit", limit)
                .map((rs, ctx) -> new FinishedExport(
                        new UserId(rs.getString("user_id")), new ExportId(rs.getObject("id", UUID.class))))
                .list());
    }

    @Override
    public boolean delete(UserId user, ExportId id) {
        return PostgresTransactions.handle()
                        .createUpdate("DELETE FROM account_exports WHERE user_id = :user AND id = :id")
                        .bind("user", user.value())
                        .bind("id", id.value())
                        .execute()
                == 1;
    }

    @Override
    public int countRuns(UserId user) {
        return PostgresTransactions.handle()
                .createQuery("SELECT count(*) FROM runs WHERE user_id = :user AND deleted_at IS NULL")
                .bind("user", user.value())
                .mapTo(Integer.class)
                .one();
    }

    /** An update of a running job that only the node holding its lease may make. */
    private static Update owned(AccountExport job, String node, String update) {
        return PostgresTransactions.handle()
                .createUpdate(update + OWNED)
                .bind("user", job.user().value())
                .bind("id", job.id().value())
                .bind("node", node);
    }

    private static AccountExport export(ResultSet rs, StatementContext ctx) throws SQLException {
        long size = rs.getLong("size_bytes");
        OptionalLong sizeBytes = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(size);
        return new AccountExport(
                new ExportId(rs.getObject("id", UUID.class)),
                new UserId(rs.getString("user_id")),
                ExportState.fromWire(rs.getString("state")).orElseThrow(),
                rs.getInt("runs_done"),
                rs.getInt("runs_total"),
                sizeBytes,
                Optional.ofNullable(rs.getString("error")),
                rs.getInt("attempts"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getObject("finished_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package org.fitsync.adapter.postgres.run;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.ContentFingerprint;
import org.fitsync.domain.run.FieldChange;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.PageKey;
import org.fitsync.domain.run.RunDetailsChange;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.RunFiguresCalculator;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.RunRevision;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.TimelineRun;
import org.fitsync.domain.run.Track;
import org.fitsync.ports.out.run.DeleteRunPort;
import org.fitsync.ports.out.run.EditRunPort;
import org.fitsync.ports.out.run.FindOverlapsPort;
import org.fitsync.ports.out.run.ListRunsPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.LoadTrackPort;
import org.fitsync.ports.out.run.MetadataFormatPort;
import org.fitsync.ports.out.run.ReviseRunPort;
import org.fitsync.ports.out.run.RunIdentity;
import org.fitsync.ports.out.run.StoreNewRunPort;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The {@code runs} table. Every method runs on the handle of the transaction the application
 * service opened (row-level security scopes it to the user), and still filters by {@code user_id}
 * so the indexes, all led by it, are used.
 */
public final class PostgresRuns
        implements LoadRunPort,
                FindOverlapsPort,
                StoreNewRunPort,
                ReviseRunPort,
                EditRunPort,
                DeleteRunPort,
                ListRunsPort,
                LoadTrackPort,
                MetadataFormatPort {

    private static final String RUN_COLUMNS = """
            id, started_at, ended_at, duration_s, distance_m, source, notes, metadata::text AS metadata,
            polyline, point_count, overlapping, "overlaps", strava_id, weather::text AS weather,
            created_at, updated_at, location::text AS location,
            moving_time_s, elevation_gain_m, elevation_loss_m, avg_heart_rate, max_heart_rate, avg_cadence,
            avg_pace_s_per_km,
            (SELECT f.id FROM activity_files f WHERE f.user_id = runs.user_id AND f.run_id = runs.id
                AND f.state = 'imported' ORDER BY f.created_at LIMIT 1) AS file_id""";
    private static final String TIMELINE_COLUMNS =
            "id, started_at, ended_at, source, created_version, notes, overlapping, \"overlaps\"";
    /**
     * Runs whose {@code [started_at, ended_at)} intersects {@code [:start, :end)}. The lower bound on
     * {@code started_at} (a run spans at most 48 h, enforced by a CHECK) keeps the btree range scan
     * of {@code runs_history} to a few days whatever the history's length; the comparisons are
     * leakproof, so PostgreSQL uses them as index conditions under row-level security.
     */
    static final String OVERLAPPING_RUNS = " FROM runs WHERE user_id = :user AND deleted_at IS NULL"
            + " AND started_at > :earliest AND started_at < :end AND ended_at > :start";

    private static final String FIND_IDENTITY =
            "SELECT content_hash, deleted_at IS NOT NULL AS deleted" + " FROM runs WHERE user_id = :user AND id = :id";

    /**
     * A submission's first look ({@link #identityOrClaim}): the id's identity, and the user's version
     * claimed only when there is none. It follows a {@code WITH app_user AS (…)} that gives the user:
     * a set_config of it when this is the transaction's first statement, else the one already set.
     * The identity refers to it laterally from a subquery PostgreSQL may not flatten ({@code OFFSET
     * 0}), so the lookup is the inner side of a nested loop and runs after the set_config, with
     * row-level security seeing the user. Flattened, the reference becomes a plain join condition,
     * the runs may be read first with no user set, and the identity is missed
     * ({@code PostgresRunsTest} holds it).
     */
    private static final String IDENTITY_OR_CLAIM =
            """
            known AS (SELECT r.content_hash, r.deleted FROM app_user
                CROSS JOIN LATERAL (SELECT content_hash, deleted_at IS NOT NULL AS deleted FROM runs
                    WHERE user_id = app_user.user_id AND user_id = :user AND id = :id OFFSET 0) AS r),
            claimed AS (""" + PostgresSyncVersions.claimFrom("FROM app_user WHERE NOT EXISTS (SELECT 1 FROM known)") + """
            )
            SELECT known.content_hash, known.deleted, claimed.version
            FROM (SELECT 1) AS one LEFT JOIN known ON true LEFT JOIN claimed ON true""";

    private static final String SET_USER_IDENTITY_OR_CLAIM =
            "WITH app_user AS (SELECT set_config('app.user_id', :app_user, true) AS user_id), " + IDENTITY_OR_CLAIM;
    private static final String USER_SET_IDENTITY_OR_CLAIM =
            "WITH app_user AS (SELECT app_user_id() AS user_id), " + IDENTITY_OR_CLAIM;

    private static final String RUN_VALUES = """
            :user, :id, :started, :ended, :duration, :distance, :source, :notes, CAST(:metadata AS jsonb),
            :polyline, :points, :track, :samples, :strava, CAST(:weather AS jsonb), :hash, :version, :version,
            :movingTime, :elevationGain, :elevationLoss, :avgHeartRate, :maxHeartRate, :avgCadence, :avgPace, now()""";

    private static final String INSERT_RUN = """
            INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, notes,
                metadata, polyline, point_count, track, samples, strava_id, weather, content_hash,
                created_version, version, moving_time_s, elevation_gain_m, elevation_loss_m, avg_heart_rate,
                max_heart_rate, avg_cadence, avg_pace_s_per_km, figures_computed_at)
            """;

    @Override
    public Optional<StoredRun> loadRun(UserId user, UUID id) {
        return handle().createQuery("SELECT " + RUN_COLUMNS
                        + " FROM runs WHERE user_id = :user AND id = :id AND deleted_at IS NULL")
                .bind("user", user.value())
                .bind("id", id)
                .map((rs, ctx) -> storedRun(rs))
                .findOne();
    }

    @Override
    public Optional<StoredRun> loadRunByStravaId(UserId user, String stravaId) {
        return handle().createQuery("SELECT " + RUN_COLUMNS
                        + " FROM runs WHERE user_id = :user AND strava_id = :strava AND deleted_at IS NULL")
                .bind("user", user.value())
                .bind("strava", stravaId)
                .map((rs, ctx) -> storedRun(rs))
                .findOne();
    }

    @Override
    public Optional<RunIdentity> findIdentity(UserId user, UUID id) {
        return handle().createQuery(FIND_IDENTITY)
                .bind("user", user.value())
                .bind("id", id)
                .map((rs, ctx) -> new RunIdentity(
                        id, new ContentFingerprint(rs.getString("content_hash")), rs.getBoolean("deleted")))
                .findOne();
    }

    @Override
    public List<TimelineRun> findOverlapping(UserId user, TimeSpan span) {
        return handle().createQuery("SELECT " + TIMELINE_COLUMNS + OVERLAPPING_RUNS)
                .bind("user", user.value())
                .bind("earliest", utc(span.start().minus(RunValidation.MAX_SPAN)))
                .bind("start", utc(span.start()))
                .bind("end", utc(span.end()))
                .map((rs, ctx) -> timelineRun(rs))
                .list();
    }

    @Override
    public FirstLook identityOrClaim(UserId user, UUID id) {
        return PostgresTransactions.firstStatementMaySetUser((handle, setsUser) -> {
            Query query = handle.createQuery(setsUser ? SET_USER_IDENTITY_OR_CLAIM : USER_SET_IDENTITY_OR_CLAIM)
                    .bind("user", user.value())
                    .bind("id", id);
            if (setsUser) {
                query.bind("app_user", PostgresTransactions.user().value());
            }
            return query.map((rs, ctx) -> {
                        String hash = rs.getString("content_hash");
                        if (hash != null) {
                            return (FirstLook) new FirstLook.Known(
                                    new RunIdentity(id, new ContentFingerprint(hash), rs.getBoolean("deleted")));
                        }
                        long version = rs.getLong("version");
                        if (rs.wasNull()) {
                            throw new IllegalStateException("neither an identity nor a claimed version for run " + id);
                        }
                        PostgresTransactions.claimed(user, version);
                        return new FirstLook.Claimed(version);
                    })
                    .one();
        });
    }

    /**
     * The common case, a new run that overlaps nothing, is one statement: an insert that checks. Only
     * when it stores nothing does a second statement read why, under the same lock, so what it finds
     * is what stopped the insert.
     */
    @Override
    public StoreAttempt storeIfNew(
            UserId user,
            NewRun run,
            ContentFingerprint fingerprint,
            String polyline,
            RunFigures figures,
            long version) {
        Optional<StoredRun> stored = insertIfClear(user, run, fingerprint, polyline, figures, version);
        if (stored.isPresent()) {
            return new StoreAttempt.Stored(stored.get());
        }
        BeforeInsert look = lookBeforeInsert(user, run.id(), run.span());
        if (look.identity().isPresent()) {
            return new StoreAttempt.AlreadyKnown(look.identity().get());
        }
        Optional<StoredRun> imported = run.stravaId().flatMap(stravaId -> loadRunByStravaId(user, stravaId));
        if (imported.isPresent()) {
            return new StoreAttempt.StravaIdTaken(imported.get().id());
        }
        return new StoreAttempt.MayOverlap(look.overlapping());
    }

    @Override
    public StoredRun store(
            UserId user,
            NewRun run,
            ContentFingerprint fingerprint,
            String polyline,
            RunFigures figures,
            long version) {
        return bindRun(
                        handle().createQuery(INSERT_RUN + "VALUES (" + RUN_VALUES + ") RETURNING " + RUN_COLUMNS),
                        user,
                        run,
                        fingerprint,
                        polyline,
                        figures,
                        version)
                .map((rs, ctx) -> storedRun(rs))
                .one();
    }

    /**
     * Inserts the run only if nothing is stored under its id, no live run has its Strava id and no
     * live run overlaps its span. One statement, so one snapshot taken after the caller's claim took
     * the user's lock: nothing can be stored for the user between its check and its insert.
     */
    Optional<StoredRun> insertIfClear(
            UserId user,
            NewRun run,
            ContentFingerprint fingerprint,
            String polyline,
            RunFigures figures,
            long version) {
        String sameActivity = run.stravaId().isEmpty()
                ? ""
                : " AND NOT EXISTS (SELECT 1 FROM runs"
                        + " WHERE user_id = :user AND strava_id = :strava AND deleted_at IS NULL)";
        return bindRun(
                        handle().createQuery(INSERT_RUN + "SELECT " + RUN_VALUES
                                + " WHERE NOT EXISTS (SELECT 1 FROM runs WHERE user_id = :user AND id = :id)"
                                + " AND NOT EXISTS (SELECT 1" + OVERLAPPING_RUNS + ")" + sameActivity
                                + " RETURNING " + RUN_COLUMNS),
                        user,
                        run,
                        fingerprint,
                        polyline,
                        figures,
                        version)
                .bind("earliest", utc(run.span().start().minus(RunValidation.MAX_SPAN)))
                .bind("start", utc(run.span().start()))
                .bind("end", utc(run.span().end()))
                .map((rs, ctx) -> storedRun(rs))
                .findOne();
    }

    /**
     * The id's identity and the overlapping runs in one statement (one snapshot): a one-row base
     * left-joined to each, so there is a row, and the identity, even when nothing overlaps.
     */
    BeforeInsert lookBeforeInsert(UserId user, UUID id, TimeSpan span) {
        List<CheckedRow> rows = handle().createQuery("SELECT i.content_hash, i.deleted, o.* FROM (SELECT 1) AS one"
                        + " LEFT JOIN (SELECT content_hash, deleted_at IS NOT NULL AS deleted FROM runs"
                        + " WHERE user_id = :user AND id = :id) AS i ON true"
                        + " LEFT JOIN (SELECT " + TIMELINE_COLUMNS + OVERLAPPING_RUNS + ") AS o ON true")
                .bind("user", user.value())
                .bind("id", id)
                .bind("earliest", utc(span.start().minus(RunValidation.MAX_SPAN)))
                .bind("start", utc(span.start()))
                .bind("end", utc(span.end()))
                .map((rs, ctx) -> {
                    String hash = rs.getString("content_hash");
                    Optional<RunIdentity> identity = hash == null
                            ? Optional.empty()
                            : Optional.of(new RunIdentity(id, new ContentFingerprint(hash), rs.getBoolean("deleted")));
                    return new CheckedRow(
                            identity, rs.getObject("id") == null ? Optional.empty() : Optional.of(timelineRun(rs)));
                })
                .list();
        return new BeforeInsert(
                rows.get(0).identity(),
                rows.stream().flatMap(row -> row.overlapping().stream()).toList());
    }

    /** What {@link #lookBeforeInsert} found: the identity and the live runs overlapping the span. */
    record BeforeInsert(Optional<RunIdentity> identity, List<TimelineRun> overlapping) {}

    /** One row of {@link #lookBeforeInsert}: the identity (on every row) and one overlapping run, if any. */
    private record CheckedRow(Optional<RunIdentity> identity, Optional<TimelineRun> overlapping) {}

    private static Query bindRun(
            Query query,
            UserId user,
            NewRun run,
            ContentFingerprint fingerprint,
            String polyline,
            RunFigures figures,
            long version) {
        return RunFiguresColumns.bind(
                query.bind("user", user.value())
                        .bind("id", run.id())
                        .bind("started", utc(run.startedAt()))
                        .bind("ended", utc(run.endedAt()))
                        .bind("duration", run.durationS())
                        .bind("distance", run.distanceM())
                        .bind("source", run.source().wireName())
                        .bind("notes", run.notes().orElse(null))
                        .bind("metadata", run.metadataJson().orElse(null))
                        .bind("polyline", polyline)
                        .bind("points", run.track().size())
                        .bind("track", TrackCodec.encode(run.track()))
                        .bind("samples", run.samples().map(SampleCodec::encode).orElse(null))
                        .bind("strava", run.stravaId().orElse(null))
                        .bind("weather", run.weatherJson().orElse(null))
                        .bind("hash", fingerprint.hex())
                        .bind("version", version),
                figures);
    }

    @Override
    public void reviseRun(UserId user, RunRevision revision, long version) {
        handle().createUpdate("""
                        UPDATE runs SET overlapping = :overlapping, "overlaps" = :overlaps,
                            notes = COALESCE(CAST(:carried AS text), notes), version = :version, updated_at = now()
                        WHERE user_id = :user AND id = :id""")
                .bind("user", user.value())
                .bind("id", revision.id())
                .bind("overlapping", revision.state().overlapping())
                .bindArray("overlaps", UUID.class, revision.state().overlaps())
                .bind("carried", revision.carriedNotes().orElse(null))
                .bind("version", version)
                .execute();
    }

    @Override
    public boolean editRun(UserId user, UUID id, RunDetailsChange change, long version) {
        return handle().createUpdate("""
                        UPDATE runs SET
                            notes = CASE WHEN :setNotes THEN CAST(:notes AS text) ELSE notes END,
                            metadata = CASE WHEN :setMetadata THEN CAST(:metadata AS jsonb) ELSE metadata END,
                            version = :version, updated_at = now()
                        WHERE user_id = :user AND id = :id AND deleted_at IS NULL""")
                        .bind("user", user.value())
                        .bind("id", id)
                        .bind("setNotes", !(change.notes() instanceof FieldChange.Keep))
                        .bind("notes", valueOf(change.notes()))
                        .bind("setMetadata", !(change.metadataJson() instanceof FieldChange.Keep))
                        .bind("metadata", valueOf(change.metadataJson()))
                        .bind("version", version)
                        .execute()
                == 1;
    }

    @Override
    public Optional<TimelineRun> deleteRun(UserId user, UUID id, long version) {
        return handle().createQuery("UPDATE runs SET deleted_at = now(), updated_at = now(), version = :version"
                        + " WHERE user_id = :user AND id = :id AND deleted_at IS NULL RETURNING " + TIMELINE_COLUMNS)
                .bind("user", user.value())
                .bind("id", id)
                .bind("version", version)
                .map((rs, ctx) -> timelineRun(rs))
                .findOne();
    }

    @Override
    public List<TimelineRun> deleteRunsFrom(UserId user, Source source, long version) {
        return handle().createQuery("UPDATE runs SET deleted_at = now(), updated_at = now(), version = :version"
                        + " WHERE user_id = :user AND source = :source AND deleted_at IS NULL RETURNING "
                        + TIMELINE_COLUMNS)
                .bind("user", user.value())
                .bind("source", source.wireName())
                .bind("version", version)
                .map((rs, ctx) -> timelineRun(rs))
                .list();
    }

    @Override
    public List<StoredRun> listRuns(
            UserId user,
            Optional<Instant> from,
            Optional<Instant> to,
            Optional<PageKey> after,
            boolean includeOverlapping,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(RUN_COLUMNS)
                .append(" FROM runs WHERE user_id = :user AND deleted_at IS NULL");
        from.ifPresent(f -> sql.append(" AND started_at >= :from"));
        to.ifPresent(t -> sql.append(" AND started_at < :to"));
        after.ifPresent(a -> sql.append(" AND (started_at, id) < (:afterStart, :afterId)"));
        if (!includeOverlapping) {
            sql.append(" AND NOT overlapping");
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT :limit");
        Query query =
                handle().createQuery(sql.toString()).bind("user", user.value()).bind("limit", limit);
        from.ifPresent(f -> query.bind("from", utc(f)));
        to.ifPresent(t -> query.bind("to", utc(t)));
        after.ifPresent(a -> query.bind("afterStart", utc(a.startedAt())).bind("afterId", a.id()));
        return query.map((rs, ctx) -> storedRun(rs)).list();
    }

    @Override
    public Optional<RunRecording> loadTrack(UserId user, UUID id) {
        return handle().createQuery(
                        "SELECT track, samples FROM runs WHERE user_id = :user AND id = :id AND deleted_at IS NULL")
                .bind("user", user.value())
                .bind("id", id)
                .map((rs, ctx) -> new RunRecording(
                        TrackCodec.decode(rs.getBytes("track")),
                        Optional.ofNullable(rs.getBytes("samples")).map(SampleCodec::decode)))
                .findOne();
    }

    /** The metadata column is jsonb: a text it would refuse must not reach it. */
    @Override
    public boolean isStorableObject(String json) {
        return JsonbObjectText.isObject(json);
    }

    private static Handle handle() {
        return PostgresTransactions.handle();
    }

    private static String valueOf(FieldChange<String> change) {
        return change instanceof FieldChange.SetTo<String> set ? set.value() : null;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return new ArrayList<>(Arrays.asList((UUID[]) array.getArray()));
        } finally {
            array.free();
        }
    }

    private static Source source(ResultSet rs) throws SQLException {
        String wire = rs.getString("source");
        return Source.fromWire(wire)
                .orElseThrow(() -> new IllegalStateException("unknown source in database: " + wire));
    }

    private static StoredRun storedRun(ResultSet rs) throws SQLException {
        return new StoredRun(
                rs.getObject("id", UUID.class),
                new TimeSpan(instant(rs, "started_at"), instant(rs, "ended_at")),
                rs.getLong("duration_s"),
                rs.getDouble("distance_m"),
                source(rs),
                Optional.ofNullable(rs.getString("notes")),
                Optional.ofNullable(rs.getString("metadata")),
                rs.getString("polyline"),
                rs.getInt("point_count"),
                rs.getBoolean("overlapping"),
                uuids(rs, "overlaps"),
                Optional.ofNullable(rs.getString("strava_id")),
                Optional.ofNullable(rs.getString("weather")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                Optional.ofNullable(rs.getObject("file_id", UUID.class)),
                Optional.ofNullable(rs.getString("location")),
                figures(rs));
    }

    /**
     * The stored figures; a run stored before they were (V96) has none, and takes its moving time and
     * pace from the submitted duration_s, as the stats aggregate does.
     */
    private static RunFigures figures(ResultSet rs) throws SQLException {
        long movingTime = rs.getLong("moving_time_s");
        if (rs.wasNull()) {
            return RunFiguresCalculator.of(
                    Track.EMPTY, Optional.empty(), rs.getLong("duration_s"), rs.getDouble("distance_m"));
        }
        int maxHeartRate = rs.getInt("max_heart_rate");
        OptionalInt maxHeart = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(maxHeartRate);
        return new RunFigures(
                movingTime,
                optionalDouble(rs, "elevation_gain_m"),
                optionalDouble(rs, "elevation_loss_m"),
                optionalDouble(rs, "avg_heart_rate"),
                maxHeart,
                optionalDouble(rs, "avg_cadence"),
                optionalDouble(rs, "avg_pace_s_per_km"));
    }

    private static OptionalDouble optionalDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static TimelineRun timelineRun(ResultSet rs) throws SQLException {
        return new TimelineRun(
                rs.getObject("id", UUID.class),
                new TimeSpan(instant(rs, "started_at"), instant(rs, "ended_at")),
                source(rs),
                rs.getLong("created_version"),
                Optional.ofNullable(rs.getString("notes")),
                rs.getBoolean("overlapping"),
                uuids(rs, "overlaps"));
    }
}

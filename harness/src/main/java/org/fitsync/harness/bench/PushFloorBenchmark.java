package org.fitsync.harness.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.postgresql.PGConnection;

/**
 * How close a sync push comes to the cheapest way of storing the same rows (docs/benchmarks.md, "Push
 * against its floor"). One embedded PostgreSQL that commits durably, as a deployment does; FitSync's
 * server as deployed ({@code java -jar fitsync.jar serve}) pushes batches of workouts over HTTP, and
 * plain JDBC stores batches of the same size with the text FitSync stored for such a workout:
 * <ul>
 *   <li>into {@code sync_records} itself (row-level security, the app role) as one multi-row
 *       {@code unnest} statement, as a JDBC batch, and as a batch rewritten to multi-row
 *       {@code VALUES};
 *   <li>into an identical table without row-level security, by {@code unnest} and by binary
 *       {@code COPY} (PostgreSQL refuses {@code COPY FROM} into a table with row-level security);
 *   <li>into that table with {@code data} as {@code text}: what the JSONB parse costs;
 *   <li>a commit of one row: the price of a durable commit on this disk.
 * </ul>
 * Every target takes the same warm-up batches, then the measured batches alternate between targets so
 * that the machine's load falls on all of them alike. System properties: bench.floor.size (500 records
 * per batch), bench.floor.warmup (200 batches per target), bench.floor.batches (60 per target).
 */
public final class PushFloorBenchmark {

    private static final ObjectMapper JSON = Json.newMapper();
    private static final Map<String, String> UNLIMITED = Map.of("FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "1000000");

    private PushFloorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int size = Integer.getInteger("bench.floor.size", 500);
        int warmup = Integer.getInteger("bench.floor.warmup", 200);
        int batches = Integer.getInteger("bench.floor.batches", 60);
        System.out.printf(
                Locale.ROOT,
                "Push against its floor: batches of %d workouts, %d warm-up and %d measured batches per target,"
                        + " durable commits (fsync, synchronous_commit, full_page_writes on)%n",
                size,
                warmup,
                batches);
        PostgresTestDatabase.useDurableCommits();
        DatabaseSettings db = PostgresTestDatabase.fresh();
        try (BenchServer server = BenchServer.start(db, UNLIMITED);
                Connection owner = PostgresTestDatabase.ownerDataSource(db).getConnection();
                Connection app = appConnection(db, "");
                Connection rewritten = appConnection(db, "?reWriteBatchedInserts=true")) {
            createTwinTables(owner, db.appUser());
            HttpPush push = new HttpPush(server, size);
            push.run(0);
            String data = storedWorkout(owner);
            List<Target> targets = List.of(
                    push,
                    new UnnestInsert("JDBC unnest, sync_records", app, "sync_records", "jsonb", data, size),
                    new BatchInsert("JDBC batch, sync_records", app, "sync_records", data, size),
                    new BatchInsert("JDBC batch rewritten, sync_records", rewritten, "sync_records", data, size),
                    new UnnestInsert("JDBC unnest, no RLS", app, "floor_records", "jsonb", data, size),
                    new BinaryCopy("binary COPY, no RLS", app, data, size),
                    new UnnestInsert(
                            "JDBC unnest, no RLS, data as text", app, "floor_records_text", "text", data, size),
                    new UnnestInsert("commit of 1 row, no RLS", app, "floor_records", "jsonb", data, 1));
            for (int i = 1; i <= warmup; i++) {
                for (Target target : targets) {
                    target.run(i);
                }
            }
            for (int i = warmup + 1; i <= warmup + batches; i++) {
                for (Target target : targets) {
                    target.measured.add(target.run(i));
                }
            }
            report(targets, size);
        } finally {
            PostgresTestDatabase.shutDown();
        }
    }

    private static Connection appConnection(DatabaseSettings db, String parameters) throws SQLException {
        Connection connection = DriverManager.getConnection(db.jdbcUrl() + parameters, db.appUser(), db.appPassword());
        connection.setAutoCommit(false);
        return connection;
    }

    /** Tables like {@code sync_records} (columns, checks, indexes) without row-level security. */
    private static void createTwinTables(Connection owner, String appRole) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute("CREATE TABLE floor_records (LIKE sync_records INCLUDING ALL)");
            statement.execute("CREATE TABLE floor_records_text (LIKE sync_records INCLUDING ALL)");
            statement.execute("ALTER TABLE floor_records_text ALTER COLUMN data TYPE text");
            statement.execute("GRANT SELECT, INSERT ON floor_records, floor_records_text TO " + appRole);
        }
    }

    /** The text FitSync stored for one pushed workout, so that every target stores the same bytes. */
    private static String storedWorkout(Connection owner) throws SQLException {
        try (Statement statement = owner.createStatement();
                ResultSet row = statement.executeQuery("SELECT data::text FROM sync_records LIMIT 1")) {
            if (!row.next()) {
                throw new IllegalStateException("the first push stored nothing");
            }
            return row.getString(1);
        }
    }

    private static void report(List<Target> targets, int size) {
        System.out.printf(
                Locale.ROOT,
                "%n%-38s %10s %10s %10s %12s %12s%n",
                "target",
                "p50 ms",
                "p90 ms",
                "records/s",
                "statement",
                "commit");
        double fitsync = 0;
        double floor = 0;
        for (Target target : targets) {
            double p50 = percentile(
                    target.measured.stream().mapToDouble(Timing::totalMs).toArray(), 0.5);
            double p90 = percentile(
                    target.measured.stream().mapToDouble(Timing::totalMs).toArray(), 0.9);
            double perSecond = target.records * 1000.0 / p50;
            boolean split = target.measured.get(0).commitMs() >= 0;
            System.out.printf(
                    Locale.ROOT,
                    "%-38s %10.2f %10.2f %10.0f %12s %12s%n",
                    target.name,
                    p50,
                    p90,
                    perSecond,
                    split ? String.format(Locale.ROOT, "%.2f", median(target.measured, Timing::statementMs)) : "",
                    split ? String.format(Locale.ROOT, "%.2f", median(target.measured, Timing::commitMs)) : "");
            if (target instanceof HttpPush) {
                fitsync = perSecond;
            } else if (target.records == size && target.name.endsWith("sync_records")) {
                floor = Math.max(floor, perSecond);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nFitSync's push: %.0f records/s, %.2f of the fastest plain JDBC insert into sync_records"
                        + " (%.0f records/s)%n",
                fitsync,
                fitsync / floor,
                floor);
    }

    private static double median(List<Timing> timings, java.util.function.ToDoubleFunction<Timing> part) {
        return percentile(timings.stream().mapToDouble(part).toArray(), 0.5);
    }

    private static double percentile(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(fraction * sorted.length))];
    }

    /** One batch's wall time; statement and commit apart where the target sees them (else -1). */
    private record Timing(double totalMs, double statementMs, double commitMs) {}

    /** One way of storing a batch; {@link #run} stores batch {@code n} (from 1) and times it. */
    private abstract static class Target {
        final String name;
        final int records;
        final List<Timing> measured = new ArrayList<>();

        Target(String name, int records) {
            this.name = name;
            this.records = records;
        }

        abstract Timing run(int n) throws Exception;
    }

    /** FitSync's {@code POST /api/v1/sync}, as a device pushes new workouts; the body is built off the clock. */
    private static final class HttpPush extends Target {
        private final BenchServer server;
        private final String token;
        private final PlainHttpClient client;
        private final long cursor;

        HttpPush(BenchServer server, int size) throws Exception {
            super("FitSync push (HTTP)", size);
            this.server = server;
            this.token = server.token("floor-http");
            this.client = new PlainHttpClient(server.port());
            PlainHttpClient.Response first =
                    client.send(PlainHttpClient.request("GET", server.port(), "/api/v1/sync", token, "", new byte[0]));
            this.cursor = JSON.readTree(first.body()).path("timestamp").asLong();
        }

        @Override
        Timing run(int n) throws Exception {
            List<Map<String, Object>> created = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                created.add(workout(n * records + i));
            }
            Map<String, Object> body = Map.of(
                    "changes",
                    Map.of("workouts", Map.of("created", created, "updated", List.of(), "deleted", List.of())),
                    "last_pulled_at",
                    cursor);
            byte[] request = PlainHttpClient.post(server.port(), "/api/v1/sync", token, JSON.writeValueAsBytes(body));
            long start = System.nanoTime();
            PlainHttpClient.Response response = client.send(request);
            double ms = (System.nanoTime() - start) / 1e6;
            if (response.status() != 200) {
                throw new IllegalStateException("push answered " + response.status() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return new Timing(ms, -1, -1);
        }

        /** The workout of the sync benchmark (bench/bench.js). */
        private static Map<String, Object> workout(int i) {
            long start = 1_795_158_000_000L + i * 60_000L;
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", "w" + i);
            record.put("name", "Workout " + i);
            record.put("notes", "Felt strong; added 2.5 kg on the last set");
            record.put("template_id", "t" + (i % 50));
            record.put(
                    "exercises",
                    "[{\"name\":\"squat\",\"sets\":[[5,100],[5,100],[5,102.5]]},"
                            + "{\"name\":\"bench\",\"sets\":[[5,70],[5,70],[5,72.5]]}]");
            record.put("started_at", start);
            record.put("ended_at", start + 3_600_000L);
            record.put("created_at", start);
            record.put("updated_at", start + 3_600_000L);
            return record;
        }
    }

    /** A JDBC target: the user set for row-level security, the rows stored, then the commit, each timed. */
    private abstract static class JdbcTarget extends Target {
        final Connection connection;
        final String user;
        final String data;

        JdbcTarget(String name, Connection connection, String data, int records) {
            super(name, records);
            this.connection = connection;
            this.user = "floor-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            this.data = data;
        }

        @Override
        Timing run(int n) throws Exception {
            String[] ids = new String[records];
            for (int i = 0; i < records; i++) {
                ids[i] = "w" + (n * records + i);
            }
            long start = System.nanoTime();
            try (PreparedStatement set = connection.prepareStatement("SELECT set_config('app.user_id', ?, true)")) {
                set.setString(1, user);
                set.executeQuery().close();
            }
            store(ids, n);
            long stored = System.nanoTime();
            connection.commit();
            long committed = System.nanoTime();
            return new Timing((committed - start) / 1e6, (stored - start) / 1e6, (committed - stored) / 1e6);
        }

        abstract void store(String[] ids, long version) throws Exception;
    }

    /** One {@code INSERT … SELECT FROM unnest(…)} with binary arrays, as FitSync's push stores new records. */
    private static final class UnnestInsert extends JdbcTarget {
        private final String sql;

        UnnestInsert(String name, Connection connection, String table, String dataType, String data, int records) {
            super(name, connection, data, records);
            this.sql = "INSERT INTO " + table + " (user_id, collection, id, data, version, seq)"
                    + " SELECT ?, 'workouts', t.id, t.data::" + dataType + ", ?, t.seq"
                    + " FROM unnest(?, ?, ?) AS t(id, data, seq)";
        }

        @Override
        void store(String[] ids, long version) throws SQLException {
            String[] rows = new String[ids.length];
            int[] seqs = new int[ids.length];
            Arrays.fill(rows, data);
            for (int i = 0; i < seqs.length; i++) {
                seqs[i] = i;
            }
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, user);
                insert.setLong(2, version);
                insert.setObject(3, ids);
                insert.setObject(4, rows);
                insert.setObject(5, seqs);
                insert.executeUpdate();
            }
        }
    }

    /** A JDBC batch of one-row inserts (multi-row {@code VALUES} when the driver rewrites batches). */
    private static final class BatchInsert extends JdbcTarget {
        private final String table;

        BatchInsert(String name, Connection connection, String table, String data, int records) {
            super(name, connection, data, records);
            this.table = table;
        }

        @Override
        void store(String[] ids, long version) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                    + " (user_id, collection, id, data, version, seq) VALUES (?, 'workouts', ?, ?::jsonb, ?, ?)")) {
                for (int i = 0; i < ids.length; i++) {
                    insert.setString(1, user);
                    insert.setString(2, ids[i]);
                    insert.setString(3, data);
                    insert.setLong(4, version);
                    insert.setInt(5, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** {@code COPY … FROM STDIN (FORMAT binary)} into the table without row-level security. */
    private static final class BinaryCopy extends JdbcTarget {
        private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

        BinaryCopy(String name, Connection connection, String data, int records) {
            super(name, connection, data, records);
        }

        @Override
        void store(String[] ids, long version) throws SQLException, IOException {
            byte[] userBytes = user.getBytes(StandardCharsets.UTF_8);
            byte[] collection = "workouts".getBytes(StandardCharsets.UTF_8);
            byte[] json = data.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * (json.length + 64));
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
            for (int i = 0; i < ids.length; i++) {
                out.writeShort(6);
                field(out, userBytes);
                field(out, collection);
                field(out, ids[i].getBytes(StandardCharsets.UTF_8));
                out.writeInt(json.length + 1);
                out.writeByte(1); // jsonb's binary format: a version byte, then the text
                out.write(json);
                out.writeInt(8);
                out.writeLong(version);
                out.writeInt(4);
                out.writeInt(i);
            }
            out.writeShort(-1);
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY floor_records (user_id, collection, id, data, version, seq) FROM STDIN (FORMAT binary)",
                            new java.io.ByteArrayInputStream(bytes.toByteArray()));
        }

        private static void field(DataOutputStream out, byte[] value) throws IOException {
            out.writeInt(value.length);
            out.write(value);
        }
    }
}

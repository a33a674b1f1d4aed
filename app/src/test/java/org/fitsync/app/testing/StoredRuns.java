package org.fitsync.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;

/**
 * A user's runs as a client sees them ({@code GET /api/v1/runs}, every page, overlapping runs
 * included), and counts straight from the runs table that look past row-level security.
 */
public final class StoredRuns {

    private StoredRuns() {}

    /** Every live run of the token's user, newest first. */
    public static List<JsonNode> all(TestServer server, String token) {
        List<JsonNode> runs = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            String path = "/api/v1/runs?limit=200&include_overlapping=true"
                    + cursor.map(c -> "&cursor=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                            .orElse("");
            TestServer.Response page = server.get(path, token);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("items").forEach(runs::add);
            JsonNode next = page.json().path("next_cursor");
            cursor = next.isTextual() ? Optional.of(next.asText()) : Optional.empty();
        } while (cursor.isPresent());
        return runs;
    }

    /** The live runs imported from Strava. */
    public static List<JsonNode> imported(TestServer server, String token) {
        return all(server, token).stream()
                .filter(r -> r.path("source").asText().equals("strava"))
                .toList();
    }

    /** The imported run of one Strava activity. */
    public static JsonNode byStravaId(TestServer server, String token, String stravaId) {
        return imported(server, token).stream()
                .filter(r -> r.path("strava_id").asText().equals(stravaId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no run imported from activity " + stravaId));
    }

    /** Live Strava runs of a user in the runs table, whoever may see them. */
    public static int liveStravaRows(DatabaseSettings database, String user) {
        return count(
                database,
                user,
                "SELECT count(*) FROM runs WHERE user_id = ? AND source = 'strava' AND deleted_at IS NULL");
    }

    /** Distinct Strava activities among a user's rows, live or deleted. */
    public static int distinctStravaIds(DatabaseSettings database, String user) {
        return count(
                database, user, "SELECT count(DISTINCT strava_id) FROM runs WHERE user_id = ? AND source = 'strava'");
    }

    /** Every Strava row of a user, deleted ones too. */
    public static int allStravaRows(DatabaseSettings database, String user) {
        return count(database, user, "SELECT count(*) FROM runs WHERE user_id = ? AND source = 'strava'");
    }

    private static int count(DatabaseSettings database, String user, String sql) {
        try (Connection c = PostgresTestDatabase.ownerDataSource(database).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, user);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

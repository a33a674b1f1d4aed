package org.fitsync.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.http.auth.SignInLinkIssuer;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.app.FitSyncApplication;
import org.fitsync.app.config.Environment;
import org.fitsync.app.config.FitSyncConfig;
import org.fitsync.ports.in.run.BackfillRunFiguresUseCase;

/**
 * A real FitSync node for integration tests: the full application on a random port, on a fresh
 * migrated database of the per-JVM embedded PostgreSQL, with a known JWT secret.
 */
public final class TestServer implements AutoCloseable {

    public static final String JWT_SECRET = "fitsync-test-secret-0123456789-abcdefghijklmnop";

    private final FitSyncApplication app;
    private final DatabaseSettings database;
    private final TokenIssuer tokens = new TokenIssuer(JWT_SECRET, Clock.systemUTC());
    private final SignInLinkIssuer links = new SignInLinkIssuer(JWT_SECRET, Clock.systemUTC());
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = Json.newMapper();

    private TestServer(FitSyncApplication app, DatabaseSettings database) {
        this.app = app;
        this.database = database;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** Starts with extra environment variables (on top of the test defaults). */
    public static TestServer start(Map<String, String> extraEnv) {
        DatabaseSettings database = PostgresTestDatabase.fresh();
        return start(database, extraEnv);
    }

    /** Starts another node on an existing test database (for multi-node tests). */
    public static TestServer start(DatabaseSettings database, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("FITSYNC_PORT", "0");
        env.put("FITSYNC_JWT_SECRET", JWT_SECRET);
        env.put("FITSYNC_DATA_DIR", tempDir().toString());
        // The test database's pool size, unless a test chooses its own.
        env.put("FITSYNC_DATABASE_POOL_SIZE", Integer.toString(database.maxPoolSize()));
        // Tests never reach the internet: a test of start places points FITSYNC_GEOCODER_URL at a local fake.
        env.put("FITSYNC_GEOCODER", "off");
        env.putAll(extraEnv);
        FitSyncConfig config = FitSyncConfig.from(new Environment(env));
        return new TestServer(FitSyncApplication.start(config, database, List.of()), database);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("fitsync-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    public String token(String user, String... roles) {
        return tokens.issue(user, List.of(roles), Duration.ofHours(1));
    }

    /** A one-time sign-in link for the web app, as {@code token --link} prints after {@code #link=}: 15 minutes. */
    public String signInLink(String user, String... roles) {
        return links.issue(user, List.of(roles), Duration.ofMinutes(15));
    }

    public DatabaseSettings database() {
        return database;
    }

    /** The node's figures backfill, for a pass run at once. */
    public BackfillRunFiguresUseCase figuresBackfill() {
        return app.figuresBackfill();
    }

    /** A superuser view of the database, for assertions that look past row-level security. */
    public DataSource ownerDataSource() {
        return PostgresTestDatabase.ownerDataSource(database);
    }

    public ObjectMapper json() {
        return json;
    }

    public HttpClient client() {
        return client;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Response post(String path, String token, Object body) {
        return send(request(path, token)
                .POST(bodyOf(body))
                .header("Content-Type", "application/json")
                .build());
    }

    public Response put(String path, String token, Object body) {
        return send(request(path, token)
                .PUT(bodyOf(body))
                .header("Content-Type", "application/json")
                .build());
    }

    public Response patch(String path, String token, Object body) {
        return send(request(path, token)
                .method("PATCH", bodyOf(body))
                .header("Content-Type", "application/json")
                .build());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpRequest.BodyPublisher bodyOf(Object body) {
        if (body instanceof String raw) {
            return HttpRequest.BodyPublishers.ofString(raw);
        }
        if (body instanceof byte[] raw) {
            return HttpRequest.BodyPublishers.ofByteArray(raw);
        }
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP response with its body parsed as JSON on demand. */
    public record Response(HttpResponse<String> raw, ObjectMapper mapper) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return mapper.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }

    @Override
    public void close() {
        app.close();
    }
}

package org.fitsync.client.jvm.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.fitsync.client.SchemaMigration;
import org.fitsync.client.jvm.http.JsonBodyPublisher.JsonStep;
import org.fitsync.client.remote.Exchange;
import org.fitsync.client.remote.FileBytes;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.client.remote.IngestReceipt;
import org.fitsync.client.remote.Problem;
import org.fitsync.client.remote.PullReceipt;
import org.fitsync.client.remote.PullRequest;
import org.fitsync.client.remote.PullSink;
import org.fitsync.client.remote.PushReceipt;
import org.fitsync.client.remote.PushRequest;
import org.fitsync.client.remote.RemoteFile;
import org.fitsync.client.remote.RunReceipt;
import org.fitsync.client.remote.SyncTransport;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.remote.UploadReceipt;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.files.UploadTarget;
import org.fitsync.domain.run.NewRun;

/**
 * FitSync's HTTP API (docs/api.md) on one {@link HttpClient}. Request bodies are generated as they are
 * sent and answers parsed as they arrive, so neither a first sync of 100,000 records nor a run of
 * 200,000 track points is ever held as one document. Every request carries the bearer token and an
 * {@code X-Request-Id}. Every outcome is a value: a 2xx answer, an {@link TransportFailure.HttpError}
 * with the server's problem and {@code Retry-After}, or {@link TransportFailure.Unreachable} when no
 * usable answer came (no connection, a timeout, a body cut off or malformed). Nothing is retried here
 * and nothing of a body is logged: it is health data.
 */
public final class HttpSyncTransport implements SyncTransport {

    /** Connect within 10 s; headers within 60 s; a body silent for 60 s is given up. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final String SYNC = "/api/v1/sync";
    private static final String RUNS = "/api/v1/runs";
    private static final String INGEST_STEPS = "/api/v1/ingest/steps";
    private static final String INGEST_SLEEP = "/api/v1/ingest/sleep";
    private static final String FILES = "/api/v1/files";

    /** Headers java.net.http sets itself and refuses from the caller. */
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** An upload may take longer than an answer: its timeout grows by a second per 32 KiB (a slow mobile link). */
    private static final long UPLOAD_BYTES_PER_SECOND = 32 * 1024;

    private final ServerAddress server;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient client;
    private final JsonFactory json = new JsonFactory();

    public HttpSyncTransport(URI server) {
        this(server, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * {@code requestTimeout} bounds the wait for an answer's headers, and then each silence while its body
     * is read (a long first sync may take longer as a whole, as long as data keeps coming).
     */
    public HttpSyncTransport(URI server, Duration connectTimeout, Duration requestTimeout) {
        this(server, connectTimeout, requestTimeout, Clock.systemUTC());
    }

    /** {@code clock} turns a {@code Retry-After} date into a wait. */
    public HttpSyncTransport(URI server, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.server = new ServerAddress(server);
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .connectTimeout(positive(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Exchange<PullReceipt> pull(String token, PullRequest request, PullSink sink) {
        StringBuilder query = new StringBuilder(SYNC)
                .append("?last_pulled_at=")
                .append(request.lastPulledAt())
                .append("&schema_version=")
                .append(request.schemaVersion())
                .append("&limit=")
                .append(request.limit());
        if (request.migration().isPresent()) {
            query.append("&migration=")
                    .append(URLEncoder.encode(migrationJson(request.migration().get()), StandardCharsets.UTF_8));
        }
        return exchange(token, request(query.toString()).GET(), (status, body) -> {
            try (JsonParser parser = json.createParser(body)) {
                return PullBodyReader.read(parser, sink);
            }
        });
    }

    @Override
    public Exchange<PushReceipt> push(String token, PushRequest request) {
        return exchange(token, post(SYNC, RequestBodies.push(request)), (status, body) -> {
            try (JsonParser parser = json.createParser(body)) {
                return PushReceiptReader.read(parser);
            }
        });
    }

    @Override
    public Exchange<RunReceipt> submitRun(String token, NewRun run) {
        return exchange(token, post(RUNS, RequestBodies.run(run)), (status, body) -> {
            body.transferTo(OutputStream.nullOutputStream()); // the stored run: the pull brings it
            return new RunReceipt(run.id(), status == 201);
        });
    }

    @Override
    public Exchange<IngestReceipt> ingestSteps(String token, DeviceSource source, List<StepsReading> items) {
        return ingest(token, INGEST_STEPS, RequestBodies.steps(source, items));
    }

    @Override
    public Exchange<IngestReceipt> ingestSleep(String token, DeviceSource source, List<SleepReading> items) {
        return ingest(token, INGEST_SLEEP, RequestBodies.sleep(source, items));
    }

    @Override
    public Exchange<RemoteFile> declareFile(String token, FileDeclaration file) {
        return exchange(token, post(FILES, RequestBodies.file(file)), this::remoteFile);
    }

    @Override
    public Exchange<UploadReceipt> uploadFile(UploadTarget target, long size, FileBytes bytes) {
        URI url = target.url().isAbsolute()
                ? target.url()
                : server.resolve(target.url().toString());
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return bytes.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }),
                size);
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(requestTimeout.plusSeconds(size / UPLOAD_BYTES_PER_SECOND))
                .method(target.method(), body);
        if ("http".equalsIgnoreCase(url.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        target.headers().forEach((name, value) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        // The signed URL is the credential: the bearer token is not sent to it (it may be another host's).
        return send(builder.header("X-Request-Id", UUID.randomUUID().toString()).build(), (status, answer) -> {
            answer.transferTo(OutputStream.nullOutputStream());
            return new UploadReceipt(status);
        });
    }

    @Override
    public Exchange<RemoteFile> completeFile(String token, UUID fileId) {
        return exchange(
                token,
                request(FILES + "/" + fileId + "/complete").POST(HttpRequest.BodyPublishers.noBody()),
                this::remoteFile);
    }

    @Override
    public Exchange<RemoteFile> file(String token, UUID fileId) {
        return exchange(token, request(FILES + "/" + fileId).GET(), this::remoteFile);
    }

    private RemoteFile remoteFile(int status, InputStream body) throws IOException {
        try (JsonParser parser = json.createParser(body)) {
            return RemoteFileReader.read(parser);
        }
    }

    /** {@code 200} (all taken) and {@code 207} (some refused) carry the same per-item results. */
    private Exchange<IngestReceipt> ingest(String token, String path, List<JsonStep> body) {
        return exchange(token, post(path, body), (status, answer) -> {
            try (JsonParser parser = json.createParser(answer)) {
                return IngestReceiptReader.read(parser);
            }
        });
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(pathAndQuery))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (server.isCleartext()) {
            // No h2c upgrade dance on plain HTTP: a body-carrying upgrade is where proxies go wrong.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder;
    }

    private HttpRequest.Builder post(String path, List<JsonStep> body) {
        return request(path).header("Content-Type", "application/json").POST(new JsonBodyPublisher(json, body));
    }

    /** Reads a 2xx answer's body; {@code status} tells 200 from 201 or 207. */
    private interface AnswerReader<T> {
        T read(int status, InputStream body) throws IOException;
    }

    private <T> Exchange<T> exchange(String token, HttpRequest.Builder builder, AnswerReader<T> reader) {
        HttpRequest request = builder.header("Authorization", "Bearer " + token)
                .header("X-Request-Id", UUID.randomUUID().toString())
                .build();
        return send(request, reader);
    }

    private <T> Exchange<T> send(HttpRequest request, AnswerReader<T> reader) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = StalledBodyGuard.watch(response.body(), requestTimeout)) {
                int status = response.statusCode();
                if (status < 200 || status > 299) {
                    return Exchange.failed(httpError(response, body));
                }
                return Exchange.answered(reader.read(status, body));
            }
        } catch (MalformedAnswerException e) {
            return unreachable("malformed answer: expected " + e.getMessage());
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending text, which is health data: only say where.
            return unreachable("malformed JSON in the answer at "
                    + (e.getLocation() == null
                            ? "an unknown place"
                            : e.getLocation().offsetDescription()));
        } catch (HttpConnectTimeoutException e) {
            return unreachable("cannot connect: " + describe(e));
        } catch (HttpTimeoutException e) {
            return unreachable("no answer within " + requestTimeout);
        } catch (ConnectException e) {
            return unreachable("cannot connect: " + describe(e));
        } catch (InterruptedIOException e) {
            return unreachable(describe(e));
        } catch (IOException e) {
            return unreachable("connection failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted");
        }
    }

    /** The status decides what the failure means; a problem body cut off leaves only its problem untyped. */
    private TransportFailure httpError(HttpResponse<?> response, InputStream body) {
        int status = response.statusCode();
        byte[] problem;
        try {
            problem = body.readNBytes(ProblemReader.MAX_BYTES);
        } catch (IOException e) {
            problem = new byte[0];
        }
        Problem parsed = ProblemReader.read(json, response.headers().firstValue("Content-Type"), problem, status);
        return new TransportFailure.HttpError(
                status, RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant()), parsed);
    }

    private static <T> Exchange<T> unreachable(String reason) {
        return Exchange.failed(new TransportFailure.Unreachable(reason));
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    /** WatermelonDB's migration: {@code {"from", "tables", "columns": [{"table", "columns"}]}}. */
    private String migrationJson(SchemaMigration migration) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = json.createGenerator(text)) {
            out.writeStartObject();
            out.writeNumberField("from", migration.fromVersion());
            out.writeArrayFieldStart("tables");
            for (String table : migration.createdTables()) {
                out.writeString(table);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("columns");
            for (Map.Entry<String, List<String>> added :
                    migration.addedColumns().entrySet()) {
                out.writeStartObject();
                out.writeStringField("table", added.getKey());
                out.writeArrayFieldStart("columns");
                for (String column : added.getValue()) {
                    out.writeString(column);
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}

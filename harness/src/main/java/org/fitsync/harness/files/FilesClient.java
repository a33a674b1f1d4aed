package org.fitsync.harness.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fitsync.harness.bench.PlainHttpClient;

/**
 * One user's client of the files and imports API (docs/api.md, "Activity files" and "Imports") on one
 * keep-alive connection: the upload flow a phone runs (declare, PUT to the signed URL, complete) and the
 * waiting for a file or an import to finish.
 */
final class FilesClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILE_UNDERWAY = Set.of("awaiting_upload", "processing");
    private static final Set<String> IMPORT_UNDERWAY = Set.of("queued", "running", "waiting_rate_limit");

    private final PlainHttpClient http;
    private final int port;
    private final String token;

    FilesClient(int port, String token) throws IOException {
        this.http = new PlainHttpClient(port);
        this.port = port;
        this.token = token;
    }

    /** Declares the file, puts its bytes at the signed URL and completes it: the file is then processing. */
    void upload(UUID id, String filename, byte[] bytes) throws IOException {
        Map<String, Object> declaration =
                Map.of("id", id.toString(), "filename", filename, "size", bytes.length, "sha256", sha256(bytes));
        JsonNode declared = expect(201, send("POST", "/api/v1/files", token, JSON.writeValueAsBytes(declaration)));
        URI url = URI.create(declared.path("upload").path("url").asText());
        // The URL names the server as FITSYNC_PUBLIC_URL says; this connection reaches the same server.
        String target = url.getRawPath() + "?" + url.getRawQuery();
        expect(200, http.send(PlainHttpClient.request("PUT", port, target, null, "application/octet-stream", bytes)));
        expect(202, send("POST", "/api/v1/files/" + id + "/complete", token, new byte[0]));
    }

    /**
     * Reads the file after each of the user's change events (or every {@code fallback} without one) until
     * it left awaiting_upload and processing; answers the file.
     */
    JsonNode awaitFile(UUID id, ChangeSignal changes, Duration fallback) throws IOException, InterruptedException {
        byte[] get = PlainHttpClient.request("GET", port, "/api/v1/files/" + id, token, "", new byte[0]);
        while (true) {
            long seen = changes.count();
            JsonNode file = expect(200, http.send(get));
            if (!FILE_UNDERWAY.contains(file.path("state").asText())) {
                return file;
            }
            changes.awaitBeyond(seen, fallback);
        }
    }

    /** Starts a Strava archive import of an uploaded ZIP; answers the import's id. */
    String startArchiveImport(UUID fileId) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("provider", "strava_archive", "file_id", fileId.toString()));
        return expect(202, send("POST", "/api/v1/imports", token, body))
                .path("id")
                .asText();
    }

    /** Polls the import every {@code every} until it finished; its rate is taken from its own timestamps. */
    JsonNode awaitImport(String id, Duration every) throws IOException, InterruptedException {
        byte[] get = PlainHttpClient.request("GET", port, "/api/v1/imports/" + id, token, "", new byte[0]);
        while (true) {
            JsonNode job = expect(200, http.send(get));
            if (!IMPORT_UNDERWAY.contains(job.path("state").asText())) {
                return job;
            }
            Thread.sleep(every.toMillis());
        }
    }

    private PlainHttpClient.Response send(String method, String path, String bearer, byte[] body) throws IOException {
        return http.send(PlainHttpClient.request(method, port, path, bearer, "application/json", body));
    }

    private static JsonNode expect(int status, PlainHttpClient.Response response) throws IOException {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.status() != status) {
            throw new IOException("expected " + status + ", got " + response.status() + ": " + body);
        }
        return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}

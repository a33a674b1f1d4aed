package org.fitsync.harness.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * bench/fit-decode.mjs as a child process: Garmin's JavaScript FIT SDK decoding the same files as the Java
 * side, one round at a time when told over stdin. One process for the whole run, so its JIT warms once,
 * as the Java side's does.
 */
final class NodeFitDecoder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Map<String, Integer> records = new HashMap<>();
    private final String version;

    private NodeFitDecoder(Process process, String version) throws IOException {
        this.process = process;
        this.version = version;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        for (JsonNode file : line().path("files")) {
            records.put(file.path("name").asText(), file.path("records").asInt());
        }
    }

    static NodeFitDecoder start(String node, Path script, Path dir) throws IOException, InterruptedException {
        Path modules = script.toAbsolutePath().getParent().resolve("node_modules/@garmin/fitsdk");
        if (!Files.isDirectory(modules)) {
            throw new IllegalStateException(modules + " is missing: run npm ci in "
                    + modules.getParent().getParent().getParent());
        }
        String version = run(node, "--version");
        Process process = new ProcessBuilder(
                        node,
                        script.toAbsolutePath().toString(),
                        dir.toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new NodeFitDecoder(process, version);
    }

    String version() {
        return version;
    }

    /** The records fitsdk found in the file named {@code name}, as listed when the process started. */
    int records(String name) {
        Integer count = records.get(name);
        if (count == null) {
            throw new IllegalStateException("fit-decode.mjs did not list " + name);
        }
        return count;
    }

    Rate round(double seconds) throws IOException {
        in.write(String.format(Locale.ROOT, "round %.3f%n", seconds));
        in.flush();
        JsonNode r = line();
        return new Rate(
                r.path("decodes").asLong(),
                r.path("bytes").asLong(),
                r.path("seconds").asDouble(),
                r.path("records").asLong());
    }

    private JsonNode line() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("fit-decode.mjs ended early (its errors are above)");
        }
        return JSON.readTree(line);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return text;
    }

    @Override
    public void close() throws IOException {
        in.close(); // end of stdin ends the script's loop
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

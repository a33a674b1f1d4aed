package org.fitsync.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged {@code fitsync.jar}, run as a process of its own as it is deployed: the harnesses' clients
 * then share neither the server's heap, garbage collector nor JIT compiler, and its CPU time is its own.
 * Every process sees only the {@code FITSYNC_*} settings its harness gives, never those of the caller's shell
 * (a stray {@code FITSYNC_DATABASE_URL} would point a harness at a real database).
 */
public final class FitSyncJar {

    private final Path jar;

    private FitSyncJar(Path jar) {
        this.jar = jar;
    }

    /** The jar at the path in system property {@code property}, {@code app/target/fitsync.jar} if unset. */
    public static FitSyncJar fromProperty(String property) {
        return at(Path.of(System.getProperty(property, "app/target/fitsync.jar")));
    }

    public static FitSyncJar at(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar.toAbsolutePath() + " is missing: build it with ./mvnw -B -q -DskipTests package");
        }
        return new FitSyncJar(jar.toAbsolutePath());
    }

    public Path path() {
        return jar;
    }

    /**
     * Starts {@code serve} on a free port with these JVM options and settings ({@code FITSYNC_PORT} is the
     * launcher's), its output in {@code log}. It does not wait: see {@link ServerProcess#awaitReady}.
     */
    public ServerProcess serve(List<String> jvmArgs, Map<String, String> env, Path log) {
        return serve(jvmArgs, env, log, freePort());
    }

    /** As {@link #serve(List, Map, Path)} on a given port: a server restarted where its clients expect it. */
    public ServerProcess serve(List<String> jvmArgs, Map<String, String> env, Path log, int port) {
        ProcessBuilder builder = builder(jvmArgs, env, List.of("serve"));
        builder.environment().put("FITSYNC_PORT", Integer.toString(port));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return new ServerProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    /** Runs a one-shot command of the jar (e.g. {@code token --user u}) and returns its standard output. */
    public String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = builder(List.of(), env, List.of(command));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(
                    "java -jar " + jar.getFileName() + " " + String.join(" ", command) + " exited with " + exit);
        }
        return out;
    }

    private ProcessBuilder builder(List<String> jvmArgs, Map<String, String> env, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("FITSYNC_"));
        builder.environment().putAll(env);
        return builder;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.fitsync.harness.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The packaged command-line phone ({@code phone-cli/target/fitsync-phone.jar}) as a process of its own: one
 * command at a time, or a long one whose output lines are collected while it runs (and which may be killed).
 */
public final class PhoneJar {

    /** What a finished command printed and how it exited. */
    public record Result(int exit, List<String> out, String err) {
        public String outText() {
            return String.join("\n", out);
        }
    }

    private final Path jar;

    private PhoneJar(Path jar) {
        this.jar = jar;
    }

    /** The jar at the path in system property {@code property}, {@code phone-cli/target/fitsync-phone.jar} if unset. */
    public static PhoneJar fromProperty(String property) {
        Path jar = Path.of(System.getProperty(property, "phone-cli/target/fitsync-phone.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar.toAbsolutePath() + " is missing: build it with ./mvnw -B -q -DskipTests package");
        }
        return new PhoneJar(jar.toAbsolutePath());
    }

    /** Runs a command to its end. */
    public Result run(Map<String, String> env, List<String> jvmArgs, String... args) {
        Running running = start(env, jvmArgs, args);
        try {
            int exit = running.process.waitFor();
            running.reader.join();
            running.errors.join();
            return new Result(exit, List.copyOf(running.lines), running.err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.kill();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts a command; its standard output lines are collected as they come. */
    public Running start(Map<String, String> env, List<String> jvmArgs, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("FITSYNC_"));
        builder.environment().putAll(env);
        try {
            return new Running(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    /** A phone command that is running. */
    public static final class Running {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private final Thread errors;
        private volatile String err = "";

        Running(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "phone-out-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            // stderr is read too, so a chatty process never blocks on a full pipe.
            this.errors = new Thread(
                    () -> {
                        try {
                            err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            // the process died
                        }
                    },
                    "phone-err-" + process.pid());
            errors.setDaemon(true);
            errors.start();
        }

        private void read() {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    synchronized (this) {
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was killed mid-line: what was read is kept
            }
        }

        /**
         * Waits until a line starting with {@code prefix} has been printed (woken by each line read, not by
         * a timer); false if the process ends or {@code timeoutMs} passes first.
         */
        public synchronized boolean awaitLine(String prefix, long timeoutMs) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !reader.isAlive()) {
                    return lines.stream().anyMatch(l -> l.startsWith(prefix));
                }
                wait(Math.min(left, 1_000)); // also re-checks once a second whether the output ended
            }
            return true;
        }

        public List<String> lines() {
            return List.copyOf(lines);
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /**
         * SIGKILL, then waits for the process and for its output to be read to the end. Through the process
         * handle, not {@link Process#destroyForcibly()}: that one also closes the output pipe, so lines the
         * process printed just before the kill but not yet read here would be lost.
         */
        public void kill() {
            process.toHandle().destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
                reader.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the end; returns the exit code, or empty after {@code millis}. */
        public java.util.OptionalInt awaitExit(long millis) throws InterruptedException {
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return java.util.OptionalInt.empty();
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
            return java.util.OptionalInt.of(process.exitValue());
        }
    }
}

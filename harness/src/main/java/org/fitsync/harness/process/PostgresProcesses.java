package org.fitsync.harness.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL processes of one data directory, found by its {@code postmaster.pid} (they are
 * not the JVM's descendants: {@code pg_ctl} detaches the postmaster).
 */
public final class PostgresProcesses {

    private final Path pgData;

    public PostgresProcesses(Path pgData) {
        this.pgData = pgData;
    }

    /** The live postmaster of this data directory, if any. */
    public Optional<ProcessHandle> postmaster() {
        Path pidFile = pgData.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info()
                            .commandLine()
                            .map(c -> c.contains(pgData.toString()))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            // A pid file being written or removed right now: no postmaster to speak of.
            return Optional.empty();
        }
    }

    /** The postmaster and all its children (backends and auxiliary processes), empty if none runs. */
    public List<ProcessHandle> all() {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return List.of();
        }
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster.get());
        postmaster.get().descendants().forEach(all::add);
        return all;
    }

    /** CPU time of the postmaster and its live children so far, where the OS tells it; zero if none runs. */
    public Duration cpu() {
        return all().stream()
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** SIGKILLs the postmaster and all its children; returns how many processes were killed. */
    public int killAll() {
        return kill(all());
    }

    /** SIGKILLs the given processes and waits until they are gone. */
    public static int kill(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + p.pid() + " did not die", e);
            }
        }
        return processes.size();
    }
}

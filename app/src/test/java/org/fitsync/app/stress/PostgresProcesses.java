package org.fitsync.app.stress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL processes of one data directory, found by its {@code postmaster.pid} (they are
 * not the JVM's descendants: {@code pg_ctl} detaches the postmaster).
 */
final class PostgresProcesses {

    private final Path pgData;

    PostgresProcesses(Path pgData) {
        this.pgData = pgData;
    }

    /** The live postmaster of this data directory, if any. */
    Optional<ProcessHandle> postmaster() {
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
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(pgData.toString())).orElse(false));
        } catch (IOException | NumberFormatException e) {
            // A pid file being written or removed right now: no postmaster to speak of.
            return Optional.empty();
        }
    }

    /** SIGKILLs the postmaster and all its children at once; returns how many processes were killed. */
    int killAll() {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return 0;
        }
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster.get());
        postmaster.get().descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL process " + p.pid() + " did not die", e);
            }
        }
        return all.size();
    }
}

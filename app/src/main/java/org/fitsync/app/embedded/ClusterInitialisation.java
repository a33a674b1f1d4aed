package org.fitsync.app.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the embedded database cluster on the very first start so that a kill during it cannot leave
 * a half-initialised one. The embedding library runs {@code initdb} in place and afterwards takes any
 * directory with a {@code postgresql.conf} for a finished cluster, so a first start killed mid-way
 * would leave a data directory that never starts again. Instead the cluster is initialised (and
 * started once, so initialisation is complete, then stopped) in a staging directory beside it and
 * moved into place in one rename; a staging directory found at start is a killed attempt and is
 * thrown away.
 */
final class ClusterInitialisation {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterInitialisation.class);

    private ClusterInitialisation() {}

    static void ensure(Path pgData, Duration leftoverStopTimeout) throws IOException {
        if (Files.exists(pgData.resolve("postgresql.conf"))) {
            return;
        }
        Path staging = pgData.resolveSibling(pgData.getFileName() + ".initialising");
        if (Files.exists(staging)) {
            LOG.warn("Discarding {}, left by a first start that did not finish", staging);
            LeftoverPostmaster.clear(staging, leftoverStopTimeout);
            killProcessesUsing(staging);
            deleteRecursively(staging);
        }
        if (Files.exists(pgData) && !isEmpty(pgData)) {
            // Not a cluster and not ours to delete: let PostgreSQL say what is wrong with it.
            return;
        }
        LOG.info("Initialising the embedded PostgreSQL cluster in {}", staging);
        try (EmbeddedPostgres first = EmbeddedDatabase.builder(staging).start()) {
            LOG.info("Embedded PostgreSQL cluster initialised (first start on port {})", first.getPort());
        }
        if (Files.exists(staging.resolve("postmaster.pid"))) {
            throw new IllegalStateException(
                    "the first start of the embedded PostgreSQL in " + staging + " did not stop");
        }
        Files.deleteIfExists(pgData);
        Files.move(staging, pgData, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * {@code initdb} and the processes it runs are children of the JVM but not killed with it: an
     * {@code initdb} of a killed first start may still be writing into the staging directory.
     */
    private static void killProcessesUsing(Path staging) {
        String marker = staging.toString();
        List<ProcessHandle> using = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
        for (ProcessHandle process : using) {
            LOG.warn("Killing process {} still working on {}", process.pid(), staging);
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            process.onExit().join();
            children.forEach(child -> child.onExit().join());
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + path, e);
                }
            });
        }
    }
}

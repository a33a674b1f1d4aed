package org.fitsync.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.fitsync.adapter.postgres.DatabaseSettings;

/**
 * CPU time spent by the FitSync server's JVM (its own process, or this one) and by the PostgreSQL
 * server listening on one port, so a benchmark phase can say where its cost went (on a machine of
 * few cores, they compete). Read from Linux's /proc: the JVM's process and its threads by name
 * (JIT compiler, garbage collector); the postmaster started with {@code -p <port>} and its
 * children, including those it has already reaped ({@code cutime}/{@code cstime}). Elsewhere it
 * reads as zero.
 */
public final class CpuMeter {

    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on every Linux we run on

    /** CPU nanoseconds: the server's whole JVM, of which its JIT compiler and garbage collector threads, and PostgreSQL. */
    public record Reading(long jvmNanos, long jitNanos, long gcNanos, long postgresNanos) {
        static final Reading ZERO = new Reading(0, 0, 0, 0);

        public Reading minus(Reading before) {
            return new Reading(
                    jvmNanos - before.jvmNanos,
                    jitNanos - before.jitNanos,
                    gcNanos - before.gcNanos,
                    postgresNanos - before.postgresNanos);
        }

        Reading plus(Reading other) {
            return new Reading(
                    jvmNanos + other.jvmNanos,
                    jitNanos + other.jitNanos,
                    gcNanos + other.gcNanos,
                    postgresNanos + other.postgresNanos);
        }
    }

    private final int port;
    private final long serverPid;

    public CpuMeter(int postgresPort, long serverPid) {
        this.port = postgresPort;
        this.serverPid = serverPid;
    }

    /** The port of the PostgreSQL server behind {@code db}, whose processes are counted. */
    public static int postgresPort(DatabaseSettings db) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("//[^:/]+:(\\d+)/").matcher(db.jdbcUrl());
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }

    public Reading now() {
        long[] jitAndGc = jitAndGcNanos();
        return new Reading(jvmNanos(), jitAndGc[0], jitAndGc[1], postgresNanos());
    }

    /**
     * Waits until the server's JIT compiler threads use under a tenth of a core over a quarter of a
     * second (their queue is worked off), or {@code limit} passes; returns the milliseconds waited.
     */
    public long awaitCompilerIdle(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long window = 250_000_000L;
        long before = jitAndGcNanos()[0];
        while (System.nanoTime() < deadline) {
            Thread.sleep(window / 1_000_000);
            long now = jitAndGcNanos()[0];
            if (now - before < window / 10) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The JVM's own threads by their Linux names: "C1/C2 CompilerThre…", "GC Thread#…", "G1 …". */
    private long[] jitAndGcNanos() {
        long jit = 0;
        long gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(serverPid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String line = Files.readString(task.resolve("stat"));
                    String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                    String[] after = line.substring(line.lastIndexOf(')') + 2).split(" ", -1);
                    long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
                    if (name.contains("CompilerThre")) {
                        jit += ticks;
                    } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                        gc += ticks;
                    }
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
        return new long[] {(long) (jit * TICK_NANOS), (long) (gc * TICK_NANOS)};
    }

    private long jvmNanos() {
        return stat(Path.of("/proc", Long.toString(serverPid)))
                .map(fields -> (long) ((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS))
                .orElse(0L);
    }

    private long postgresNanos() {
        try {
            List<Path> processes;
            try (Stream<Path> all = Files.list(Path.of("/proc"))) {
                processes = all.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                        .toList();
            }
            Optional<String> postmaster = processes.stream()
                    .filter(this::isOurPostmaster)
                    .map(p -> p.getFileName().toString())
                    .findFirst();
            if (postmaster.isEmpty()) {
                return 0;
            }
            long ticks = 0;
            for (Path process : processes) {
                Optional<String[]> stat = stat(process);
                if (stat.isPresent()
                        && (stat.get()[0].equals(postmaster.get()) || stat.get()[1].equals(postmaster.get()))) {
                    ticks += Long.parseLong(stat.get()[11])
                            + Long.parseLong(stat.get()[12])
                            + Long.parseLong(stat.get()[13])
                            + Long.parseLong(stat.get()[14]);
                }
            }
            return (long) (ticks * TICK_NANOS);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private boolean isOurPostmaster(Path process) {
        try {
            List<String> args =
                    List.of(Files.readString(process.resolve("cmdline")).split("\0"));
            int p = args.indexOf("-p");
            return !args.isEmpty()
                    && args.get(0).endsWith("/postgres")
                    && p > 0
                    && p + 1 < args.size()
                    && args.get(p + 1).equals(Integer.toString(port));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The fields of /proc/N/stat after the command name, preceded by pid and parent pid: [0] pid,
     * [1] ppid, then utime, stime, cutime, cstime at [11]..[14]; empty for a process that is gone.
     */
    private static Optional<String[]> stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            int close = line.lastIndexOf(')');
            String[] after = line.substring(close + 2).split(" ", -1); // state, ppid, pgrp, ... (fields 3..)
            String[] fields = new String[15];
            fields[0] = process.getFileName().toString();
            fields[1] = after[1];
            for (int i = 11; i <= 14; i++) {
                fields[i] = after[i];
            }
            return Optional.of(fields);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

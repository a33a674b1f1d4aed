package org.fitsync.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a FitSync process that died without stopping its embedded PostgreSQL (SIGKILL, OOM kill, a
 * crash) leaves in the data directory, and how the next start deals with it.
 *
 * <p>{@code pg_ctl} detaches the postmaster, so it outlives the JVM that started it and keeps
 * {@code postmaster.pid}; the next start would fail after waiting a minute, because PostgreSQL refuses a
 * second postmaster on one data directory. The leftover is stopped, not reused: it runs with the old
 * process's port and settings, and the embedded database library can only start a postmaster, not adopt
 * one. Its clients died with the old JVM, so a smart shutdown (SIGTERM) finishes at once and writes a
 * checkpoint; if it does not within the timeout, the postmaster and its children are killed and the
 * next start runs PostgreSQL's crash recovery, which is what recovery is for.
 *
 * <p>Only ever called while holding the data directory's lock ({@link DataDirectoryLock}): then no live
 * FitSync owns this postmaster.
 */
final class LeftoverPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {}

    /** Stops a postmaster left running on {@code pgData}, or removes a pid file that names another process. */
    static void clear(Path pgData, Duration timeout) {
        Path pidFile = pgData.resolve("postmaster.pid");
        Optional<Long> pid = pid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            // A dead postmaster's pid file: PostgreSQL itself recognises it as stale and recovers.
            return;
        }
        if (!isPostmasterOf(process.get(), pgData)) {
            // The pid was reused by an unrelated process; PostgreSQL would take it for a running server.
            LOG.warn("Removing stale {}: process {} is not a PostgreSQL of this data directory", pidFile, pid.get());
            delete(pidFile);
            return;
        }
        LOG.warn(
                "Stopping the embedded PostgreSQL (pid {}) a previous FitSync process left running in {}",
                pid.get(),
                pgData);
        stop(process.get(), timeout);
    }

    private static void stop(ProcessHandle postmaster, Duration timeout) {
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroy();
        if (!awaitExit(postmaster, timeout)) {
            LOG.warn(
                    "PostgreSQL (pid {}) did not stop within {}; killing it, recovery runs on start",
                    postmaster.pid(),
                    timeout);
            postmaster.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            awaitExit(postmaster, timeout);
        }
        // Backends that outlive the postmaster keep its shared memory in use and block a new one.
        for (ProcessHandle child : children) {
            if (!awaitExit(child, timeout)) {
                child.destroyForcibly();
                awaitExit(child, timeout);
            }
        }
    }

    static boolean isPostmasterOf(ProcessHandle process, Path pgData) {
        ProcessHandle.Info info = process.info();
        if (info.commandLine().isPresent()) {
            // "-D <dir> ": the directory itself, not another one whose name merely starts with it.
            return (info.commandLine().get() + " ").contains(" " + pgData + " ");
        }
        // Some systems do not show another process's arguments; its executable's name has to do.
        return info.command()
                .map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                .orElse(false);
    }

    static Optional<Long> pid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }
}

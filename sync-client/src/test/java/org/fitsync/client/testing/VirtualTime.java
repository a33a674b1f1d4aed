package org.fitsync.client.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fitsync.client.schedule.Scheduler;

/**
 * A clock and a scheduler on the same virtual time, for tests: nothing runs until the test moves time
 * ({@link #advance}) or runs what is due ({@link #runDue}), so every schedule can be asserted exactly.
 */
public final class VirtualTime extends Clock implements Scheduler {

    private static final class Task {
        final long dueMs;
        final long order;
        final Runnable work;
        volatile boolean cancelled;

        Task(long dueMs, long order, Runnable work) {
            this.dueMs = dueMs;
            this.order = order;
            this.work = work;
        }

        long dueMs() {
            return dueMs;
        }

        long order() {
            return order;
        }
    }

    private Instant now;
    private long order;
    private final List<Task> tasks = new ArrayList<>();

    public VirtualTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(new Task(now.toEpochMilli(), order++, task));
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(now.toEpochMilli() + delay.toMillis(), order++, task);
        tasks.add(scheduled);
        return () -> scheduled.cancelled = true;
    }

    /** Runs every task due now, including those the tasks themselves submit for now. */
    public void runDue() {
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.cancelled);
                next = tasks.stream()
                        .filter(t -> t.dueMs() <= now.toEpochMilli())
                        .min(Comparator.comparingLong(Task::dueMs).thenComparingLong(Task::order))
                        .orElse(null);
                if (next == null) {
                    return;
                }
                tasks.remove(next);
            }
            next.work.run();
        }
    }

    /** Moves time forward step by step to each due task, running them in order. */
    public void advance(Duration duration) {
        Instant end = now.plus(duration);
        while (true) {
            runDue();
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.cancelled);
                next = tasks.stream()
                        .min(Comparator.comparingLong(Task::dueMs))
                        .filter(t -> t.dueMs() <= end.toEpochMilli())
                        .orElse(null);
                if (next == null) {
                    now = end;
                    break;
                }
                now = Instant.ofEpochMilli(next.dueMs());
            }
        }
        runDue();
    }

    /** Delays of the scheduled tasks from now, soonest first (cancelled ones left out). */
    public synchronized List<Duration> pendingDelays() {
        return tasks.stream()
                .filter(t -> !t.cancelled)
                .map(t -> Duration.ofMillis(t.dueMs() - now.toEpochMilli()))
                .sorted()
                .toList();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("virtual time is UTC");
    }
}

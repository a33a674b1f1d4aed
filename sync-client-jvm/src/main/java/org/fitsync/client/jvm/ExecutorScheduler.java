package org.fitsync.client.jvm;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.fitsync.client.schedule.Scheduler;

/**
 * The client's sync work on one daemon thread, {@code fitsync-sync}: tasks run one at a time, in the order
 * they were submitted or fell due. A task that throws is reported and the thread carries on with the next
 * one. After {@link #close()} nothing more runs, and whatever is submitted is dropped, so a client closing
 * behind it never meets an exception from its scheduler.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    public static final String THREAD_NAME = "fitsync-sync";

    private static final System.Logger LOG = System.getLogger(ExecutorScheduler.class.getName());

    private final ScheduledThreadPoolExecutor executor;
    private final Consumer<Throwable> onTaskFailure;
    private volatile Thread worker;

    /**
     * Reports a failing task to the {@code System.Logger} with its exception classes and stack traces only:
     * an exception's message may quote a record's values, which are health data.
     */
    public ExecutorScheduler() {
        this(failure -> LOG.log(System.Logger.Level.WARNING, "a sync task failed", withoutMessages(failure)));
    }

    public ExecutorScheduler(Consumer<Throwable> onTaskFailure) {
        this.onTaskFailure = Objects.requireNonNull(onTaskFailure, "onTaskFailure");
        this.executor = new ScheduledThreadPoolExecutor(
                1,
                task -> {
                    Thread thread = new Thread(task, THREAD_NAME);
                    thread.setDaemon(true);
                    worker = thread;
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
        ScheduledFuture<?> future = executor.schedule(guarded(task), nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /**
     * Stops the thread: delayed tasks are dropped, a running task may finish (up to five seconds are
     * waited for it, unless {@code close} is called from that very task).
     */
    @Override
    public void close() {
        executor.shutdown();
        if (Thread.currentThread() == worker) {
            return;
        }
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // The sync thread serves every later trigger: one task's bug must not end it.
                try {
                    onTaskFailure.accept(e);
                } catch (RuntimeException ignored) {
                    // A failing failure handler has nothing left to tell.
                }
            }
        };
    }

    /** The same chain of exceptions and stack traces, each message replaced by its exception's class name. */
    static Throwable withoutMessages(Throwable failure) {
        return withoutMessages(failure, 0);
    }

    private static Throwable withoutMessages(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        Redacted copy = new Redacted(
                failure.getClass().getName(),
                cause != null && cause != failure && depth < 16 ? withoutMessages(cause, depth + 1) : null);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** Prints as the class it stands for, without the message. */
    private static final class Redacted extends Throwable {
        private static final long serialVersionUID = 1L;

        Redacted(String className, Throwable cause) {
            super(className, cause, false, true);
        }

        // It stands in for the original exception, so it prints as that class, not as Redacted: the message.
        @SuppressWarnings("OverrideThrowableToString")
        @Override
        public String toString() {
            return getMessage();
        }
    }

    private static long saturatedNanos(Duration delay) {
        try {
            return delay.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}

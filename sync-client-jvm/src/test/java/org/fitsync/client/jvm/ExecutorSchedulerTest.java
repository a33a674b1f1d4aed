package org.fitsync.client.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fitsync.client.schedule.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final ExecutorScheduler scheduler = new ExecutorScheduler(failures::add);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void tasksRunInTheOrderTheyFallDue() {
        Duration step = Duration.ofMillis(300);
        scheduler.schedule(step.multipliedBy(3), () -> ran.add("third"));
        scheduler.schedule(step, () -> ran.add("first"));
        scheduler.schedule(step.multipliedBy(2), () -> ran.add("second"));
        scheduler.execute(() -> ran.add("now"));

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 4);
        assertThat(ran).containsExactly("now", "first", "second", "third");
    }

    @Test
    void tasksRunOneAtATimeOnTheSyncThread() {
        AtomicInteger running = new AtomicInteger();
        List<Integer> overlaps = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            scheduler.execute(() -> {
                overlaps.add(running.incrementAndGet());
                threads.add(Thread.currentThread());
                running.decrementAndGet();
            });
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() == 20);
        assertThat(overlaps).containsOnly(1);
        assertThat(threads).allSatisfy(thread -> {
            assertThat(thread.getName()).isEqualTo(ExecutorScheduler.THREAD_NAME);
            assertThat(thread.isDaemon()).isTrue();
        });
        assertThat(threads.stream().distinct()).hasSize(1);
    }

    @Test
    void aThrowingTaskIsReportedAndTheNextOneStillRuns() {
        scheduler.execute(() -> {
            throw new IllegalStateException("a bug in a task");
        });
        scheduler.schedule(Duration.ofMillis(10), () -> {
            throw new IllegalArgumentException("a bug in a timer");
        });
        scheduler.schedule(Duration.ofMillis(20), () -> ran.add("after"));

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("after") && failures.size() == 2);
        assertThat(failures).extracting(Throwable::getMessage).containsExactly("a bug in a task", "a bug in a timer");
    }

    @Test
    void aCancelledTaskDoesNotRun() throws InterruptedException {
        // The sync thread is kept busy until the cancel, so the task cannot have run before it.
        CountDownLatch busy = new CountDownLatch(1);
        scheduler.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Scheduler.Cancellable cancelled = scheduler.schedule(Duration.ZERO, () -> ran.add("cancelled"));
        scheduler.schedule(Duration.ofMillis(1), () -> ran.add("kept"));

        cancelled.cancel();
        busy.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("kept"));
        assertThat(ran).containsExactly("kept");
    }

    @Test
    void afterCloseNothingRunsAndSubmittingIsHarmless() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        scheduler.execute(started::countDown);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        scheduler.schedule(Duration.ofHours(1), () -> ran.add("delayed"));

        // Closing drops the pending timer rather than waiting for it to fall due.
        assertTimeoutPreemptively(Duration.ofSeconds(3), scheduler::close);

        assertThatCode(() -> {
                    scheduler.execute(() -> ran.add("late"));
                    scheduler
                            .schedule(Duration.ZERO, () -> ran.add("late timer"))
                            .cancel();
                })
                .doesNotThrowAnyException();
        assertThat(ran).isEmpty();
    }

    @Test
    void aTaskMayCloseItsOwnScheduler() {
        scheduler.execute(() -> {
            scheduler.close();
            ran.add("closed from inside");
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("closed from inside"));
    }

    @Test
    void theDefaultReportKeepsClassesAndStacksButNoMessages() {
        IllegalStateException failure = new IllegalStateException(
                "workouts.notes cannot hold a secret note", new IllegalArgumentException("72.35 kg"));

        Throwable reported = ExecutorScheduler.withoutMessages(failure);

        assertThat(reported.toString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(reported.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(reported.getCause()).hasToString("java.lang.IllegalArgumentException");
        StringWriter printed = new StringWriter();
        reported.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).doesNotContain("secret", "72.35");
    }
}

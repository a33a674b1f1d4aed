package org.fitsync.client.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

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
        scheduler.schedule(Duration.ofMillis(300), () -> ran.add("300 ms"));
        scheduler.schedule(Duration.ofMillis(100), () -> ran.add("100 ms, first"));
        scheduler.schedule(Duration.ofMillis(200), () -> ran.add("200 ms"));
        scheduler.schedule(Duration.ofMillis(100), () -> ran.add("100 ms, second"));
        scheduler.execute(() -> ran.add("now"));

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 5);
        assertThat(ran).containsExactly("now", "100 ms, first", "100 ms, second", "200 ms", "300 ms");
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
        scheduler.schedule(Duration.ofMillis(50), () -> ran.add("after"));

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("after"));
        assertThat(failures).extracting(Throwable::getMessage).containsExactly("a bug in a task", "a bug in a timer");
    }

    @Test
    void aCancelledTaskDoesNotRun() {
        Scheduler.Cancellable cancelled = scheduler.schedule(Duration.ofMillis(50), () -> ran.add("cancelled"));
        scheduler.schedule(Duration.ofMillis(150), () -> ran.add("kept"));

        cancelled.cancel();

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("kept"));
        assertThat(ran).containsExactly("kept");
    }

    @Test
    void afterCloseNothingRunsAndSubmittingIsHarmless() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        scheduler.execute(started::countDown);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        scheduler.schedule(Duration.ofMillis(20), () -> ran.add("delayed"));

        scheduler.close();

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
}

package org.fitsync.client.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.fitsync.client.status.StatusBoard;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.status.SyncStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusPublisherTest {

    private final StatusBoard board = new StatusBoard(SyncStatus.initial(0, 0, Optional.empty()));
    private final ExecutorService delivery = Executors.newSingleThreadExecutor();
    private final StatusPublisher publisher = new StatusPublisher(board::subscribe, delivery);

    @AfterEach
    void stop() {
        delivery.shutdownNow();
    }

    /** Records what it is told; asks for statuses only when the test says so. */
    private static final class Subscriber implements Flow.Subscriber<SyncStatus> {
        final List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        volatile boolean completed;
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(SyncStatus status) {
            statuses.add(status);
        }

        @Override
        public void onError(Throwable error) {
            errors.add(error);
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    @Test
    void aSubscriberGetsTheCurrentStatusThenEveryChange() {
        Subscriber subscriber = subscribe();
        subscriber.subscription.request(Long.MAX_VALUE);
        await().until(() -> subscriber.statuses.size() == 1);

        board.update(s -> s.inState(SyncState.SYNCING));
        await().until(() -> subscriber.statuses.size() == 2);
        board.update(s -> s.withCounts(3, 1));
        await().until(() -> subscriber.statuses.size() == 3);

        assertThat(subscriber.statuses)
                .extracting(SyncStatus::state)
                .containsExactly(SyncState.IDLE, SyncState.SYNCING, SyncState.SYNCING);
        assertThat(subscriber.statuses.get(2).pendingCount()).isEqualTo(3);
    }

    @Test
    void aSlowSubscriberGetsTheNewestStatusNotABacklog() {
        Subscriber subscriber = subscribe();
        subscriber.subscription.request(1);
        await().until(() -> subscriber.statuses.size() == 1);

        board.update(s -> s.inState(SyncState.SYNCING));
        board.update(s -> s.withCounts(5, 0));
        board.update(s -> s.inState(SyncState.OFFLINE));
        subscriber.subscription.request(5);

        await().until(() -> subscriber.statuses.size() == 2);
        assertThat(subscriber.statuses.get(1).state()).isEqualTo(SyncState.OFFLINE);
        assertThat(subscriber.statuses.get(1).pendingCount()).isEqualTo(5);
    }

    @Test
    void theStreamCompletesWhenTheClientStops() {
        Subscriber subscriber = subscribe();
        subscriber.subscription.request(Long.MAX_VALUE);

        board.update(s -> s.inState(SyncState.STOPPED));

        await().until(() -> subscriber.completed);
        assertThat(subscriber.statuses).last().extracting(SyncStatus::state).isEqualTo(SyncState.STOPPED);
    }

    @Test
    void aCancelledSubscriberIsToldNothingMore() {
        Subscriber cancelled = subscribe();
        Subscriber other = subscribe();
        cancelled.subscription.request(Long.MAX_VALUE);
        other.subscription.request(Long.MAX_VALUE);
        await().until(() -> cancelled.statuses.size() == 1 && other.statuses.size() == 1);

        cancelled.subscription.cancel();
        board.update(s -> s.inState(SyncState.SYNCING));

        await().until(() -> other.statuses.size() == 2);
        // cancel() removed its listener before the change: the board never told it.
        assertThat(cancelled.statuses).hasSize(1);
    }

    @Test
    void askingForNothingIsAnError() {
        Subscriber subscriber = subscribe();

        subscriber.subscription.request(0);

        await().until(() -> !subscriber.errors.isEmpty());
        assertThat(subscriber.errors.get(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private Subscriber subscribe() {
        Subscriber subscriber = new Subscriber();
        publisher.subscribe(subscriber);
        return subscriber;
    }
}

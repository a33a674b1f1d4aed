package org.fitsync.client.jvm;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.status.SyncStatus;
import org.fitsync.client.status.SyncStatusListener;

/**
 * A client's sync status as a {@link Flow.Publisher}, for JVM apps built on reactive streams. Each
 * subscriber first gets the current status, then every change, delivered on {@code executor}, never on
 * the sync thread. A status is a state, not an event: a subscriber slower than the changes gets the
 * newest status when it asks for the next, the ones in between are skipped (nothing buffers up, and the
 * last status it sees is always the current one). The stream completes after {@code STOPPED}.
 */
public final class StatusPublisher implements Flow.Publisher<SyncStatus> {

    /** Where statuses come from: {@code FitSyncClient::addStatusListener}, which returns the removal. */
    @FunctionalInterface
    public interface StatusSource {
        Runnable addStatusListener(SyncStatusListener listener);
    }

    private final StatusSource source;
    private final Executor executor;

    public StatusPublisher(FitSyncClient client) {
        this(client::addStatusListener, ForkJoinPool.commonPool());
    }

    public StatusPublisher(StatusSource source, Executor executor) {
        this.source = Objects.requireNonNull(source, "source");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super SyncStatus> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Delivery delivery = new Delivery(subscriber);
        subscriber.onSubscribe(delivery);
        delivery.listen();
    }

    /** One subscriber's subscription: the newest undelivered status, the demand, and a serial drain. */
    private final class Delivery implements Flow.Subscription, SyncStatusListener {
        private final Flow.Subscriber<? super SyncStatus> subscriber;
        private final AtomicReference<SyncStatus> newest = new AtomicReference<>();
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger drains = new AtomicInteger();
        private final AtomicReference<Runnable> removal = new AtomicReference<>();
        private volatile boolean done;
        private volatile Throwable badRequest;

        Delivery(Flow.Subscriber<? super SyncStatus> subscriber) {
            this.subscriber = subscriber;
        }

        void listen() {
            Runnable remove = source.addStatusListener(this);
            if (!removal.compareAndSet(null, remove) || done) {
                remove.run(); // cancelled while subscribing
            }
        }

        @Override
        public void onStatus(SyncStatus status) {
            if (!done) {
                newest.set(status);
                schedule();
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("demand must be positive: " + n);
            } else {
                demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            }
            schedule();
        }

        @Override
        public void cancel() {
            done = true;
            stopListening();
        }

        private void stopListening() {
            Runnable remove = removal.getAndSet(() -> {});
            if (remove != null) {
                remove.run();
            }
        }

        private void schedule() {
            if (drains.getAndIncrement() == 0) {
                executor.execute(this::drain);
            }
        }

        private void drain() {
            int missed = 1;
            do {
                if (!done && badRequest != null) {
                    done = true;
                    stopListening();
                    subscriber.onError(badRequest);
                }
                while (!done && demand.get() > 0) {
                    SyncStatus next = newest.getAndSet(null);
                    if (next == null) {
                        break;
                    }
                    demand.decrementAndGet();
                    try {
                        subscriber.onNext(next);
                        if (next.state() == SyncState.STOPPED && !done) {
                            done = true;
                            stopListening();
                            subscriber.onComplete();
                        }
                    } catch (RuntimeException e) {
                        // A subscriber that throws broke the protocol (§2.13): it gets nothing more.
                        cancel();
                    }
                }
                missed = drains.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}

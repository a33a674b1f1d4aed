package org.fitsync.adapter.http.admission;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The places of each request class, and the database places of pulls. A request waits at most the
 * settings' {@code maxWait} in all (first come, first served) and is refused after it.
 */
final class AdmissionGates {

    private final AdmissionSettings settings;
    private final Map<RequestClass, Semaphore> places = new EnumMap<>(RequestClass.class);
    private final Semaphore pullQueries;

    AdmissionGates(AdmissionSettings settings) {
        this.settings = settings;
        for (RequestClass requestClass : RequestClass.values()) {
            places.put(requestClass, new Semaphore(settings.limit(requestClass), true));
        }
        this.pullQueries = new Semaphore(settings.pullQueries(), true);
    }

    /**
     * A place for a request of {@code requestClass}, and for a pull also a database place, or empty
     * when none came free within the wait.
     */
    Optional<Ticket> enter(RequestClass requestClass) throws InterruptedException {
        return enter(requestClass, requestClass == RequestClass.PULL);
    }

    /**
     * A place for a request of {@code requestClass}, and a database place of pulls too when
     * {@code databasePlace}, or empty when none came free within the wait.
     */
    Optional<Ticket> enter(RequestClass requestClass, boolean databasePlace) throws InterruptedException {
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        Semaphore place = places.get(requestClass);
        if (!acquire(place, deadline)) {
            return Optional.empty();
        }
        if (!databasePlace) {
            return Optional.of(new Ticket(requestClass, place, null));
        }
        boolean queryPlace = false;
        try {
            queryPlace = acquire(pullQueries, deadline);
        } finally {
            if (!queryPlace) {
                place.release();
            }
        }
        return queryPlace ? Optional.of(new Ticket(requestClass, place, pullQueries)) : Optional.empty();
    }

    private static boolean acquire(Semaphore semaphore, long deadline) throws InterruptedException {
        // The timed form keeps the semaphore's fairness: a newcomer never overtakes a request already waiting.
        return semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Requests of the class holding a place now. */
    int inFlight(RequestClass requestClass) {
        return settings.limit(requestClass) - places.get(requestClass).availablePermits();
    }

    /** Pulls holding a database place now. */
    int pullQueriesInFlight() {
        return settings.pullQueries() - pullQueries.availablePermits();
    }

    /** The places one admitted request holds; each is given back once, however often it is released. */
    static final class Ticket {
        private final RequestClass requestClass;
        private final Semaphore place;
        private final Semaphore databasePlace;
        private final AtomicBoolean placeHeld = new AtomicBoolean(true);
        private final AtomicBoolean databasePlaceHeld;

        private Ticket(RequestClass requestClass, Semaphore place, Semaphore databasePlace) {
            this.requestClass = requestClass;
            this.place = place;
            this.databasePlace = databasePlace;
            this.databasePlaceHeld = new AtomicBoolean(databasePlace != null);
        }

        RequestClass requestClass() {
            return requestClass;
        }

        /** A pull's database read is over: its database place goes to the next pull. */
        void endDatabasePhase() {
            if (databasePlaceHeld.compareAndSet(true, false)) {
                databasePlace.release();
            }
        }

        /** The request is over. */
        void release() {
            endDatabasePhase();
            if (placeHeld.compareAndSet(true, false)) {
                place.release();
            }
        }
    }
}

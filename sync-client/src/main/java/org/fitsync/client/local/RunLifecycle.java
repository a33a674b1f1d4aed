package org.fitsync.client.local;

import java.util.Objects;
import java.util.Optional;

/** A recorded run's way to the server: {@code LOCAL_ONLY} → {@code SYNCING} → {@code SYNCED} | {@code FAILED}. */
public record RunLifecycle(State state, Optional<ItemFailure> failure) {

    public enum State {
        LOCAL_ONLY,
        SYNCING,
        SYNCED,
        FAILED
    }

    public RunLifecycle {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(failure, "failure");
        if ((state == State.FAILED) != failure.isPresent()) {
            throw new IllegalArgumentException("a failed run, and only a failed run, has a failure");
        }
    }

    public static RunLifecycle of(State state) {
        return new RunLifecycle(state, Optional.empty());
    }

    public static RunLifecycle failed(ItemFailure failure) {
        return new RunLifecycle(State.FAILED, Optional.of(failure));
    }
}

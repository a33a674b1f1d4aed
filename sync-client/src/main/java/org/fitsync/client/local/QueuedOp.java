package org.fitsync.client.local;

import java.util.Objects;
import java.util.Optional;

/** An {@link OutboxOp} in the queue: its order, its transient failures so far, and its failure if it has one. */
public record QueuedOp(long sequence, OutboxOp op, int attempts, Optional<ItemFailure> failure) {

    public QueuedOp {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(failure, "failure");
    }

    public String key() {
        return op.key();
    }

    public boolean isFailed() {
        return failure.isPresent();
    }

    public QueuedOp withAttempts(int newAttempts, Optional<ItemFailure> newFailure) {
        return new QueuedOp(sequence, op, newAttempts, newFailure);
    }
}

package org.fitsync.client.engine;

import java.util.Objects;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.retry.FailureClass;

/** How a step of a sync ended: done, or stopped by a failure that ends the whole sync. */
public sealed interface Outcome {

    Outcome DONE = new Done();

    record Done() implements Outcome {}

    record Stopped(TransportFailure failure, FailureClass kind) implements Outcome {
        public Stopped {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(kind, "kind");
        }
    }

    static Outcome stopped(TransportFailure failure) {
        return new Stopped(failure, FailureClass.of(failure));
    }
}

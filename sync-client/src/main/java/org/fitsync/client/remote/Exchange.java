package org.fitsync.client.remote;

import java.util.Objects;

/** What a request to the server came to: its answer, or why there is none. */
public sealed interface Exchange<T> {

    record Answered<T>(T value) implements Exchange<T> {
        public Answered {
            Objects.requireNonNull(value, "value");
        }
    }

    record Failed<T>(TransportFailure failure) implements Exchange<T> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static <T> Exchange<T> answered(T value) {
        return new Answered<>(value);
    }

    static <T> Exchange<T> failed(TransportFailure failure) {
        return new Failed<>(failure);
    }
}

package org.fitsync.client.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Why a request got no usable answer. The client core decides what each means (see {@code FailureClass}). */
public sealed interface TransportFailure {

    String describe();

    /** No HTTP answer at all: no network, refused connection, timeout, or a connection cut mid-answer. */
    record Unreachable(String reason) implements TransportFailure {
        public Unreachable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return "server unreachable: " + reason;
        }
    }

    /** An HTTP error status, with {@code Retry-After} when the server sent one. */
    record HttpError(int status, Optional<Duration> retryAfter, Problem problem) implements TransportFailure {
        public HttpError {
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public String describe() {
            return status + " " + problem.title() + (problem.detail().isEmpty() ? "" : ": " + problem.detail());
        }
    }
}

package org.fitsync.ports.in.coach;

import java.util.Objects;

/** The answer to a coach's request about a client: the result, or no link to that client. */
public sealed interface CoachAccess<T> {

    record Granted<T>(T value) implements CoachAccess<T> {
        public Granted {
            Objects.requireNonNull(value, "value");
        }
    }

    record NotLinked<T>() implements CoachAccess<T> {}
}

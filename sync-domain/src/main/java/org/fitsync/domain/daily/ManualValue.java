package org.fitsync.domain.daily;

import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;

/**
 * A value a person entered. {@code correctedBy} names the coach when the value is a coach's
 * correction; empty when the user entered it themselves.
 */
public record ManualValue<T>(T value, Optional<UserId> correctedBy) {

    public ManualValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(correctedBy, "correctedBy");
    }
}

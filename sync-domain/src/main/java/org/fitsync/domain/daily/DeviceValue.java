package org.fitsync.domain.daily;

import java.util.Objects;

/** A value a device platform delivered. */
public record DeviceValue<T>(T value, DeviceSource source) {

    public DeviceValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}

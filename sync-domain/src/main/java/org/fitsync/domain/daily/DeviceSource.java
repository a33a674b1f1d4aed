package org.fitsync.domain.daily;

import java.util.Arrays;
import java.util.Optional;

/** A device platform that delivers steps and sleep in batches. */
public enum DeviceSource {
    HEALTHKIT("healthkit"),
    HEALTH_CONNECT("health_connect"),
    GARMIN("garmin");

    private final String wireName;

    DeviceSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<DeviceSource> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}

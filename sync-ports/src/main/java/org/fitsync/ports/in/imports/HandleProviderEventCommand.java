package org.fitsync.ports.in.imports;

import java.util.Objects;

/**
 * Strava's webhook event: {@code objectType} {@code activity} or {@code athlete}; {@code aspect}
 * {@code create}, {@code update} or {@code delete}; {@code deauthorized} for an athlete's
 * {@code authorized: "false"} update.
 */
public record HandleProviderEventCommand(
        String objectType, long objectId, String aspect, long ownerId, boolean deauthorized) {
    public HandleProviderEventCommand {
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(aspect, "aspect");
    }
}

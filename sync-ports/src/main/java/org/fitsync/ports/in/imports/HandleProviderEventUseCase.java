package org.fitsync.ports.in.imports;

import java.util.Objects;

/** A webhook event from the provider, processed asynchronously. */
public interface HandleProviderEventUseCase {

    /** Accepts the event for processing and returns at once. */
    void accept(ProviderEvent event);

    /**
     * Strava's event: {@code objectType} {@code activity} or {@code athlete}; {@code aspect}
     * {@code create}, {@code update} or {@code delete}; {@code deauthorized} for an athlete's
     * {@code authorized: "false"} update.
     */
    record ProviderEvent(String objectType, long objectId, String aspect, long ownerId, boolean deauthorized) {
        public ProviderEvent {
            Objects.requireNonNull(objectType, "objectType");
            Objects.requireNonNull(aspect, "aspect");
        }
    }
}

package org.fitsync.ports.in.imports;

/** A webhook event from the provider, processed asynchronously. */
public interface HandleProviderEventUseCase {
    /** Accepts the event for processing and returns at once. */
    void accept(HandleProviderEventCommand event);
}

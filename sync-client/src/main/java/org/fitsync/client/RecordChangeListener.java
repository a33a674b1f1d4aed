package org.fitsync.client;

/** Told after records changed (after the transaction committed), so a screen can re-query. */
@FunctionalInterface
public interface RecordChangeListener {

    void onChange(RecordChanges changes);
}

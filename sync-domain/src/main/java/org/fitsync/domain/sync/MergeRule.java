package org.fitsync.domain.sync;

/**
 * A collection's own merge of a pushed record into the stored one. It returns the record to
 * store; returning {@code stored} unchanged keeps the stored record (a server win).
 */
@FunctionalInterface
public interface MergeRule {

    SyncRecord merge(SyncRecord stored, SyncRecord pushed);
}

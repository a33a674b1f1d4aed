package org.fitsync.client.local;

/**
 * Opens the store of one user. Each user gets a store of their own (for example a database file per
 * user), so switching users cannot mix their records.
 */
public interface LocalStores {

    LocalStore open(String userId);
}

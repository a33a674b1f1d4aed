package org.fitsync.client.local;

import java.util.function.Function;

/**
 * One signed-in user's local database. {@link #write} is durable: when it returns, the transaction's
 * changes survive a kill of the process and of the device's power. Implementations serialise writers.
 */
public interface LocalStore extends AutoCloseable {

    /** The user whose data this store holds; a store never holds another user's records. */
    String userId();

    <T> T write(Function<LocalTransaction, T> work);

    <T> T read(Function<LocalTransaction, T> work);

    @Override
    void close();
}

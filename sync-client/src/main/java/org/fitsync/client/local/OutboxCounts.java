package org.fitsync.client.local;

/** How many local changes and queued requests wait to be sent, and how many failed. */
public record OutboxCounts(int pending, int failed) {

    public static final OutboxCounts EMPTY = new OutboxCounts(0, 0);
}

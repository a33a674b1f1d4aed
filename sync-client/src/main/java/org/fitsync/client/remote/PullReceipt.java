package org.fitsync.client.remote;

/** The end of a pulled page: the cursor to pass next, whether more pages follow, and whether it was a replacement. */
public record PullReceipt(long timestamp, boolean hasMore, boolean replacement) {}

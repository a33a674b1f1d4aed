package org.fitsync.ports.in.sync;

/** How a pull relates to the client's cursor, which decides what the client does with it. */
public enum PullMode {
    /** Every live record, in {@code created}. */
    FIRST_SYNC,
    /** Changes after the cursor: live records in {@code updated}, tombstones in {@code deleted}. */
    INCREMENTAL,
    /** The full current data set in {@code updated}; the client drops what is not in it. */
    REPLACEMENT
}

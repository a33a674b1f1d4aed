package org.fitsync.domain.sync;

import java.util.Optional;

/**
 * Where a stored change sits in a user's change order: the version of the write that made it and
 * its sequence number within that write. The pull cursor is a position too, meaning "every change
 * before this position has been delivered"; it travels as one integer below 2^53 so that JavaScript
 * clients hold it exactly. A write may touch up to {@link #MAX_SEQ} rows, and a user may make up to
 * 2^30 - 1 writes.
 */
public record ChangePosition(long version, int seq) implements Comparable<ChangePosition> {

    public static final int SEQ_BITS = 23;
    public static final int MAX_SEQ = 1 << SEQ_BITS;
    public static final long MAX_VERSION = (1L << (53 - SEQ_BITS)) - 1;
    public static final ChangePosition START = new ChangePosition(0, 0);

    public ChangePosition {
        if (version < 0 || version > MAX_VERSION) {
            throw new IllegalArgumentException("version out of range: " + version);
        }
        if (seq < 0 || seq >= MAX_SEQ) {
            throw new IllegalArgumentException("seq out of range: " + seq);
        }
    }

    /** The cursor after every change of writes up to and including {@code version}. */
    public static ChangePosition afterVersion(long version) {
        return new ChangePosition(version + 1, 0);
    }

    /** Decodes a cursor a client sent back; empty when no server could have issued it. */
    public static Optional<ChangePosition> decode(long cursor) {
        if (cursor < 0 || cursor >= (1L << 53)) {
            return Optional.empty();
        }
        return Optional.of(new ChangePosition(cursor >>> SEQ_BITS, (int) (cursor & (MAX_SEQ - 1))));
    }

    public long encode() {
        return (version << SEQ_BITS) | seq;
    }

    /** The cursor just past this change. */
    public ChangePosition next() {
        return seq + 1 < MAX_SEQ ? new ChangePosition(version, seq + 1) : afterVersion(version);
    }

    @Override
    public int compareTo(ChangePosition other) {
        int byVersion = Long.compare(version, other.version);
        return byVersion != 0 ? byVersion : Integer.compare(seq, other.seq);
    }

    public boolean isBefore(ChangePosition other) {
        return compareTo(other) < 0;
    }
}

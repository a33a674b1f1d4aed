package org.fitsync.adapter.files.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code cap} bytes of an entry (its declared size, itself within the limits) and fails on
 * the next, remembering that it did: a reader may turn the failure into its own answer, the archive still
 * learns that the entry lied about its size.
 */
final class EntryCap extends FilterInputStream {

    private final long cap;
    private long passed;
    private boolean exceeded;

    EntryCap(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long allowed = cap - passed + 1;
        int n = super.read(buffer, offset, (int) Math.min(length, Math.max(allowed, 1)));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, cap - passed + 1));
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) throws IOException {
        passed += n;
        if (passed > cap) {
            exceeded = true;
            throw new IOException("archive entry larger than declared");
        }
    }
}

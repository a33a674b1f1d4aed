package org.fitsync.adapter.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code cap} bytes through and fails with {@link InputTooLargeException} on the next, so
 * that a decompression bomb is stopped after {@code cap} bytes of output, whatever it would expand to.
 */
final class CappedInputStream extends FilterInputStream {

    private final long cap;
    private long passed;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
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
        // Asks for one byte beyond the cap at most, so that the overflow is seen without reading on.
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

    private void count(long n) throws InputTooLargeException {
        passed += n;
        if (passed > cap) {
            throw new InputTooLargeException(cap);
        }
    }

    /** The content went past the cap; an IOException so that parsers pass it through unchanged. */
    static final class InputTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        InputTooLargeException(long cap) {
            super("content exceeds " + cap + " bytes");
        }
    }
}

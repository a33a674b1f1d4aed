package org.fitsync.ports.out.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;

/**
 * Keeps a file's bytes, verified: they are streamed aside while counted and hashed, and put in place
 * only when they match what was declared (and never past {@code maxBytes}); otherwise nothing is kept.
 * Storing the same bytes again is harmless.
 */
public interface StoreBlobPort {

    BlobWrite store(BlobKey key, InputStream bytes, Optional<BlobFacts> expected, long maxBytes) throws IOException;

    /** What became of a write. */
    sealed interface BlobWrite {
        /** Kept; these are its size and hash. */
        record Stored(BlobFacts facts) implements BlobWrite {}

        /** More than {@code maxBytes} arrived; nothing kept. */
        record TooLarge(long maxBytes) implements BlobWrite {}

        /** The bytes differ from what was declared; nothing kept. {@code detail} names size or hash. */
        record Mismatch(String detail) implements BlobWrite {}
    }
}

package org.fitsync.client.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.local.LocalFiles;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.Sha256;

/**
 * Takes an activity file into the client: checks its name by the server's rules, copies its bytes into
 * {@link LocalFiles} under a new file id while counting and hashing them, and says what to declare.
 */
public final class FileIntake {

    /** The server's limit on a file name (docs/api.md, "Activity files"). */
    static final int MAX_NAME_CHARS = 255;

    private final LocalFiles files;

    public FileIntake(LocalFiles files) {
        this.files = files;
    }

    /** The problems with a file name as the server sees them; empty when it is fine. */
    public static List<FieldError> checkName(String filename) {
        List<FieldError> errors = new ArrayList<>();
        if (filename.isEmpty() || filename.length() > MAX_NAME_CHARS) {
            errors.add(new FieldError("filename", "must be 1.." + MAX_NAME_CHARS + " characters"));
        } else if (filename.chars().anyMatch(c -> Character.isISOControl(c) || c == '/' || c == '\\')) {
            errors.add(new FieldError("filename", "must not contain control characters or path separators"));
        } else if (!FileFormat.ofFilename(filename).isPresent()) {
            errors.add(new FieldError("filename", "must end in .fit, .gpx, .tcx or .zip, optionally followed by .gz"));
        }
        return errors;
    }

    /**
     * Copies {@code bytes} (read to the end, not closed) into the user's local files under a new id;
     * empty, with nothing kept, when there were no bytes at all.
     */
    public Optional<FileDeclaration> copy(String userId, String filename, InputStream bytes) throws IOException {
        UUID id = UUID.randomUUID();
        MessageDigest sha256 = sha256();
        Counting counted = new Counting(new DigestInputStream(bytes, sha256));
        try {
            files.put(userId, id, counted);
        } catch (IOException | RuntimeException e) {
            try {
                files.delete(userId, id);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); // swept at the next sign-in
            }
            throw e;
        }
        if (counted.count == 0) {
            files.delete(userId, id);
            return Optional.empty();
        }
        return Optional.of(new FileDeclaration(id, filename, counted.count, Sha256.of(sha256.digest())));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Counts what was read; closing it leaves the app's stream open (it is the app's to close). */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would be neither hashed nor stored.
            throw new IOException("skipping is not supported");
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {}
    }
}

package org.fitsync.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets generated once and kept in the data directory (embedded mode), readable by the owner only. */
public final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {}

    /** Reads the secret in {@code file}, creating it with {@code bytes} random bytes if absent. */
    public static String readOrCreate(Path file, int bytes) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] raw = new byte[bytes];
            RANDOM.nextBytes(raw);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own permissions have to do.
            }
            Files.writeString(tmp, secret, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException e) {
                // Another process created it first; theirs is the one in use.
                Files.deleteIfExists(tmp);
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create secret " + file, e);
        }
    }
}

package org.fitsync.client.jvm.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.LocalStores;
import org.sqlite.SQLiteConfig;

/**
 * The users' stores in one directory, a SQLite file each. A file is named after the SHA-256 of its user's
 * id, so any id makes a safe file name and the directory listing does not show who signed in; the file
 * also holds the id itself and is refused to anyone else.
 */
public final class SqliteStores implements LocalStores {

    private final Path directory;
    private final SQLiteConfig.SynchronousMode synchronous;

    public SqliteStores(Path directory) {
        this(directory, SQLiteConfig.SynchronousMode.FULL);
    }

    /** For the write benchmark's comparison only: anything but FULL can lose the last commits on power loss. */
    SqliteStores(Path directory, SQLiteConfig.SynchronousMode synchronous) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
    }

    /**
     * Opens {@code userId}'s store, creating its file on first use.
     *
     * @throws IllegalStateException if the file under that name belongs to another user or is not a store
     * @throws SqliteStoreException if SQLite cannot open or prepare the file
     */
    @Override
    public LocalStore open(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (userId.isEmpty()) {
            throw new IllegalArgumentException("a user id must not be empty");
        }
        Path file = fileOf(userId);
        try {
            Files.createDirectories(directory);
            boolean created = !Files.exists(file);
            SqliteStore store = SqliteStore.open(file, userId, synchronous);
            if (created) {
                syncDirectory();
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store directory " + directory, e);
        }
    }

    /** The database file of {@code userId}'s store (SQLite keeps its {@code -wal} and {@code -shm} beside it). */
    public Path fileOf(String userId) {
        return directory.resolve("fitsync-" + sha256(userId) + ".db");
    }

    /** A new file's directory entry must reach the disk too, or a power cut could lose the whole file. */
    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; their file systems journal the entry instead.
        }
    }

    private static String sha256(String userId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

package org.fitsync.client.local;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * The client's own copies of the activity files it queued, one user's apart from another's, by file id.
 * The app may delete its file once {@code uploadActivityFile} returned: the outbox sends this copy and
 * deletes it when the server has the file. Plain storage, like {@link LocalStores}: the core decides what
 * is kept and for how long.
 */
public interface LocalFiles {

    /** For a client that never queues files: every call fails. */
    LocalFiles NONE = new LocalFiles() {
        @Override
        public void put(String userId, UUID fileId, InputStream bytes) throws IOException {
            throw new IOException("no local file storage is configured (ClientConfig.files)");
        }

        @Override
        public InputStream open(String userId, UUID fileId) throws IOException {
            throw new FileNotFoundException("no local file storage is configured");
        }

        @Override
        public void delete(String userId, UUID fileId) {}

        @Override
        public List<UUID> list(String userId) {
            return List.of();
        }
    };

    /**
     * Stores {@code bytes} (read to their end, not closed) as the file {@code fileId}, replacing any file of
     * that id. Durable when it returns: the file survives a kill of the process and of the power. When it
     * throws, no file of that id is left, or only one that {@link #list} shows and {@link #delete} removes.
     */
    void put(String userId, UUID fileId, InputStream bytes) throws IOException;

    /** The stored bytes; {@link FileNotFoundException} when there is no such file. */
    InputStream open(String userId, UUID fileId) throws IOException;

    /** Removes the file if it is there. */
    void delete(String userId, UUID fileId) throws IOException;

    /** The ids of the user's stored files (complete or not), to sweep copies no queued op refers to. */
    List<UUID> list(String userId) throws IOException;
}

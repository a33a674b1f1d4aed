package org.fitsync.client.testing;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fitsync.client.local.LocalFiles;

/** Local files in memory; a put whose source fails mid-copy leaves a partial file, as a kill would. */
public final class InMemoryFiles implements LocalFiles {

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private static String key(String userId, UUID id) {
        return userId + "/" + id;
    }

    @Override
    public synchronized void put(String userId, UUID fileId, InputStream bytes) throws IOException {
        files.put(key(userId, fileId), new byte[0]);
        files.put(key(userId, fileId), bytes.readAllBytes());
    }

    @Override
    public synchronized InputStream open(String userId, UUID fileId) throws IOException {
        byte[] bytes = files.get(key(userId, fileId));
        if (bytes == null) {
            throw new FileNotFoundException(fileId.toString());
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public synchronized void delete(String userId, UUID fileId) {
        files.remove(key(userId, fileId));
    }

    @Override
    public synchronized List<UUID> list(String userId) {
        List<UUID> ids = new ArrayList<>();
        files.keySet().stream()
                .filter(k -> k.startsWith(userId + "/"))
                .forEach(k -> ids.add(UUID.fromString(k.substring(userId.length() + 1))));
        return ids;
    }

    /** A copy put outside the client (what a kill between copying and queueing leaves). */
    public synchronized void leave(String userId, UUID fileId, byte[] bytes) {
        files.put(key(userId, fileId), bytes.clone());
    }

    public synchronized List<UUID> ids(String userId) {
        return list(userId);
    }
}

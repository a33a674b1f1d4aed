package org.fitsync.adapter.http.sync;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.ports.in.sync.PullMode;
import org.fitsync.ports.in.sync.PullSection;
import org.fitsync.ports.in.sync.PullSink;
import org.fitsync.ports.in.sync.PulledRecord;

/**
 * A full pull written to one file per collection, each a JSON array of the collection's live records
 * in their sync form, for an account export. The pull holds its snapshot while it streams, so it goes
 * to local files first (as a pull does to its spool, docs/adr/0024), never straight to a client.
 */
public final class SyncRecordFiles implements PullSink, AutoCloseable {

    private final Path directory;
    private final ObjectMapper mapper;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private String current;
    private JsonGenerator json;

    public SyncRecordFiles(Path directory, ObjectMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
    }

    /** The file of each collection that had a live record, in pull order. */
    public Map<String, Path> files() {
        return Map.copyOf(files);
    }

    @Override
    public void begin(PullMode mode) {}

    @Override
    public void record(String collection, PullSection section, PulledRecord record) {
        try {
            if (!collection.equals(current)) {
                finishCollection();
                Path file = Files.createTempFile(directory, "export-sync-", ".json");
                files.put(collection, file);
                json = mapper.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8);
                json.writeStartArray();
                current = collection;
            }
            if (record instanceof PulledRecord.Document document) {
                json.writeRawValue(document.encoded());
            } else {
                SyncRecordJson.write(json, ((PulledRecord.Fields) record).record());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A first pull has no deletions; a tombstone is not data to export. */
    @Override
    public void deleted(String collection, RecordId id) {}

    @Override
    public void end(long timestamp, boolean hasMore) {
        try {
            finishCollection();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finishCollection() throws IOException {
        if (json != null) {
            json.writeEndArray();
            json.close();
            json = null;
        }
        current = null;
    }

    @Override
    public void close() throws IOException {
        finishCollection();
        for (Path file : files.values()) {
            Files.deleteIfExists(file);
        }
    }
}

package org.fitsync.adapter.http.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.ports.in.sync.PullMode;
import org.fitsync.ports.in.sync.PullSection;
import org.fitsync.ports.in.sync.PullSink;
import org.fitsync.ports.in.sync.PulledRecord;

/**
 * Writes a pull as it streams in, into the pull's spool ({@link PullSpool}), never to the client:
 * the pull calls it inside its database snapshot. The body is {@code {"changes": {...}, "timestamp",
 * "has_more"}}. Each collection gets its three arrays {@code created}, {@code updated},
 * {@code deleted} (empty ones included, as WatermelonDB expects the full shape). A record's fields
 * are rendered as they come; a stored document is already in the wire form and is copied through
 * without being parsed.
 */
final class StreamingPullWriter implements PullSink {

    private enum Array {
        NONE(0),
        CREATED(1),
        UPDATED(2),
        DELETED(3);

        /** Where the array stands in a collection's object on the wire; NONE is before all of them. */
        private final int position;

        Array(int position) {
            this.position = position;
        }
    }

    private final GeneratorFactory body;
    private JsonGenerator json;
    private PullMode mode;
    private String collection;
    private Array open = Array.NONE;

    /** Opens the body; called on {@code begin}, so a refused pull writes nothing. */
    interface GeneratorFactory {
        JsonGenerator open() throws IOException;
    }

    StreamingPullWriter(GeneratorFactory open) {
        this.body = open;
    }

    /** Closes the body if the pull started writing it. */
    void close() throws IOException {
        if (json != null) {
            json.close();
        }
    }

    @Override
    public void begin(PullMode pullMode) {
        this.mode = pullMode;
        io(() -> {
            json = body.open();
            json.writeStartObject();
            json.writeObjectFieldStart("changes");
        });
    }

    @Override
    public void record(String name, PullSection section, PulledRecord record) {
        io(() -> {
            enter(name);
            moveTo(section == PullSection.CREATED ? Array.CREATED : Array.UPDATED);
            if (record instanceof PulledRecord.Document document) {
                json.writeRawValue(document.encoded());
            } else {
                SyncRecordJson.write(json, ((PulledRecord.Fields) record).record());
            }
        });
    }

    @Override
    public void deleted(String name, RecordId id) {
        io(() -> {
            enter(name);
            moveTo(Array.DELETED);
            json.writeString(id.value());
        });
    }

    @Override
    public void end(long timestamp, boolean hasMore) {
        io(() -> {
            leaveCollection();
            json.writeEndObject();
            json.writeNumberField("timestamp", timestamp);
            json.writeBooleanField("has_more", hasMore);
            if (mode == PullMode.REPLACEMENT) {
                json.writeStringField("experimentalStrategy", "replacement");
            }
            json.writeEndObject();
            json.flush();
        });
    }

    private void enter(String name) throws IOException {
        if (!name.equals(collection)) {
            leaveCollection();
            collection = name;
            json.writeObjectFieldStart(name);
        }
    }

    /** Opens {@code target}, closing the open array and writing the empty ones in between. */
    private void moveTo(Array target) throws IOException {
        if (open == target) {
            return;
        }
        if (open != Array.NONE) {
            json.writeEndArray();
        }
        for (Array skipped : Array.values()) {
            if (skipped.position > open.position && skipped.position < target.position) {
                writeEmpty(skipped);
            }
        }
        json.writeArrayFieldStart(fieldName(target));
        open = target;
    }

    private void leaveCollection() throws IOException {
        if (collection == null) {
            return;
        }
        if (open != Array.NONE) {
            json.writeEndArray();
        }
        for (Array rest : Array.values()) {
            if (rest != Array.NONE && rest.position > open.position) {
                writeEmpty(rest);
            }
        }
        json.writeEndObject();
        collection = null;
        open = Array.NONE;
    }

    private void writeEmpty(Array array) throws IOException {
        json.writeArrayFieldStart(fieldName(array));
        json.writeEndArray();
    }

    private static String fieldName(Array array) {
        return switch (array) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            case DELETED -> "deleted";
            case NONE -> throw new IllegalArgumentException("no array");
        };
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private static void io(IoStep step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.fitsync.ports.in.sync;

import java.util.Objects;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.SyncRecord;

/**
 * A live record as a pull serves it: its id, declared columns, {@code created_at} and
 * {@code updated_at}, in the form its store holds it. A sink renders both forms alike.
 */
public sealed interface PulledRecord {

    RecordId id();

    /** Columns as domain values: the tables the server computes on (runs, daily entries). */
    record Fields(SyncRecord record) implements PulledRecord {
        public Fields {
            Objects.requireNonNull(record, "record");
        }

        @Override
        public RecordId id() {
            return record.id();
        }
    }

    /**
     * The record as the generic store keeps it: one document holding the id, the declared columns
     * and the timestamps, already in the encoding the sync API serves records in (generic collections
     * are stored in their wire form, ARCHITECTURE.md decision 5). Nothing inside the hexagon reads
     * it; a sink copies it out as it is, so a large pull costs a copy per record, not a parse and a
     * re-encoding.
     */
    record Document(RecordId id, String encoded) implements PulledRecord {
        public Document {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(encoded, "encoded");
        }
    }
}

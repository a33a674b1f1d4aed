package org.fitsync.ports.in.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Violation;

/** A client pulls the changes committed after its cursor (WatermelonDB's {@code pullChanges}). */
public interface PullChanges {

    /**
     * Streams the pull into {@code sink} and returns {@link PullOutcome.Pulled}, or returns
     * {@link PullOutcome.Invalid} without calling the sink.
     */
    PullOutcome pull(PullCommand command, PullSink sink);

    /**
     * @param lastPulledAt empty (or 0) for a first sync
     * @param limit        records per page; without it the response holds everything
     */
    record PullCommand(UserId user, Optional<Long> lastPulledAt, Optional<Migration> migration, OptionalInt limit) {
        public PullCommand {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(lastPulledAt, "lastPulledAt");
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(limit, "limit");
            if (limit.isPresent() && limit.getAsInt() < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }
    }

    /** WatermelonDB's migration sync: tables and columns the client's schema added since {@code from}. */
    record Migration(int from, List<String> tables, Map<String, List<String>> columns) {
        public Migration {
            tables = List.copyOf(tables);
            columns = Map.copyOf(columns);
        }
    }

    enum PullMode {
        /** Every live record, in {@code created}. */
        FIRST_SYNC,
        /** Changes after the cursor: live records in {@code updated}, tombstones in {@code deleted}. */
        INCREMENTAL,
        /** The full current data set in {@code updated}; the client drops what is not in it. */
        REPLACEMENT
    }

    enum Section {
        CREATED,
        UPDATED
    }

    /**
     * Receives a pull as it streams: {@code begin}, then records grouped by collection (within one
     * collection, records before deleted ids; every id at most once), then {@code end}.
     */
    interface PullSink {
        void begin(PullMode mode);

        /** {@code json} is the record's wire form, a JSON object. */
        void record(String collection, Section section, String json);

        void deleted(String collection, RecordId id);

        void end(long timestamp, boolean hasMore);
    }

    sealed interface PullOutcome {
        record Pulled(PullMode mode, long timestamp, boolean hasMore) implements PullOutcome {}

        record Invalid(List<Violation> violations) implements PullOutcome {
            public Invalid {
                violations = List.copyOf(violations);
            }
        }
    }
}

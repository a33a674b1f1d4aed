package org.fitsync.domain.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A day that changed after a sync cursor: its current state, or its tombstone. The sync record id
 * of a day is its date ({@code 2026-11-20}): one entry per user and date, whichever client made it.
 */
public sealed interface DailyEntryChange {

    LocalDate date();

    long version();

    record Live(DailyEntry entry, long version, Instant createdAt, Instant updatedAt) implements DailyEntryChange {
        public Live {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }

        @Override
        public LocalDate date() {
            return entry.date();
        }
    }

    record Deleted(LocalDate date, long version) implements DailyEntryChange {
        public Deleted {
            Objects.requireNonNull(date, "date");
        }
    }
}

package org.fitsync.ports.in.daily;

import java.time.LocalDate;
import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.ManualEdit;

/**
 * A change a client pushed to one {@code daily_entries} record, to be stamped with the push's
 * already claimed {@code version}: the day's columns it changed, or the day deleted.
 */
public sealed interface PushedEntryChange {

    UserId user();

    LocalDate date();

    long version();

    /** Each changed column as a manual value ({@code SetTo} for a value, {@code Clear} for null). */
    record Edited(UserId user, LocalDate date, ManualEdit edit, long version) implements PushedEntryChange {
        public Edited {
            check(user, date, version);
            Objects.requireNonNull(edit, "edit");
        }
    }

    /** The day leaves every read and becomes a tombstone; a later ingest or manual value starts it afresh. */
    record Deleted(UserId user, LocalDate date, long version) implements PushedEntryChange {
        public Deleted {
            check(user, date, version);
        }
    }

    private static void check(UserId user, LocalDate date, long version) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(date, "date");
        if (version < 1) {
            throw new IllegalArgumentException("version must be a claimed sync version");
        }
    }
}

package org.fitsync.application.daily;

import java.time.LocalDate;
import java.util.Optional;
import org.fitsync.application.sync.ServerComputedStore;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyLimits;
import org.fitsync.domain.daily.FieldEdit;
import org.fitsync.domain.daily.ManualEdit;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;
import org.fitsync.ports.in.daily.ApplyPushedEntryUseCase;
import org.fitsync.ports.in.daily.PushedEntryChange;
import org.fitsync.ports.out.sync.RecordWrite;
import org.fitsync.ports.out.sync.ServerRecordsPort;

/**
 * The {@code daily_entries} collection in sync: a record per day, its id the date. Whatever a client
 * pushes is a person's edit, so each column it changed becomes a manual value (null clears the
 * manual value and the device's shows again); device data keeps arriving underneath and never
 * replaces it. A pushed delete makes the day a tombstone. A record whose id is not a date, or whose
 * values break the daily bounds (e.g. steps 1.5 or 300000), is refused (experimentalRejectedIds).
 */
public final class DailySyncStore extends ServerComputedStore {

    private final ApplyPushedEntryUseCase entries;

    public DailySyncStore(ServerRecordsPort records, ApplyPushedEntryUseCase entries) {
        super(records);
        this.entries = entries;
    }

    @Override
    public boolean accepts(Collection collection, SyncRecord record, boolean exists) {
        return DailyLimits.parseDate(record.id().value()).isPresent()
                && edit(Optional.empty(), record).isPresent();
    }

    @Override
    protected void apply(UserId user, Collection collection, RecordWrite write) {
        LocalDate date = DailyLimits.parseDate(write.id().value()).orElseThrow();
        long version = write.position().version();
        if (write instanceof RecordWrite.Upsert upsert) {
            Optional<SyncRecord> before = stored(user, collection, write.id())
                    .filter(s -> !s.deleted())
                    .map(StoredRecord::record);
            edit(before, upsert.record())
                    .ifPresent(edit -> entries.apply(new PushedEntryChange.Edited(user, date, edit, version)));
        } else if (write instanceof RecordWrite.Tombstone) {
            entries.apply(new PushedEntryChange.Deleted(user, date, version));
        }
    }

    /** The manual edit the pushed record makes over {@code before}; empty if a value is out of bounds. */
    private static Optional<ManualEdit> edit(Optional<SyncRecord> before, SyncRecord pushed) {
        Optional<FieldEdit<Integer>> steps = whole(before, pushed, "steps");
        Optional<FieldEdit<Integer>> sleepMin = whole(before, pushed, "sleep_min");
        Optional<FieldEdit<Integer>> quality = whole(before, pushed, "sleep_quality");
        FieldEdit<String> notes = text(before, pushed, "notes");
        if (steps.isEmpty()
                || sleepMin.isEmpty()
                || quality.isEmpty()
                || !ManualEdit.check(steps.get(), sleepMin.get(), quality.get(), notes)
                        .isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ManualEdit(steps.get(), sleepMin.get(), quality.get(), notes));
    }

    /** Keep when unchanged; empty when the value is not a whole number within int range. */
    private static Optional<FieldEdit<Integer>> whole(Optional<SyncRecord> before, SyncRecord pushed, String column) {
        Value value = pushed.field(column);
        if (before.map(b -> b.field(column).equals(value)).orElse(value instanceof Value.Null)) {
            return Optional.of(FieldEdit.keep());
        }
        if (value instanceof Value.Null) {
            return Optional.of(FieldEdit.clear());
        }
        if (value instanceof Value.Num n
                && n.value() == Math.rint(n.value())
                && Math.abs(n.value()) <= Integer.MAX_VALUE) {
            return Optional.of(FieldEdit.setTo((int) n.value()));
        }
        return Optional.empty();
    }

    private static FieldEdit<String> text(Optional<SyncRecord> before, SyncRecord pushed, String column) {
        Value value = pushed.field(column);
        if (before.map(b -> b.field(column).equals(value)).orElse(value instanceof Value.Null)) {
            return FieldEdit.keep();
        }
        return value instanceof Value.Text t ? FieldEdit.setTo(t.value()) : FieldEdit.clear();
    }
}

package org.fitsync.ports.in.daily;

import java.time.LocalDate;
import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyLimits;
import org.fitsync.domain.daily.ManualAuthor;
import org.fitsync.domain.daily.ManualEdit;

/** Manual values for {@code owner}'s day, entered by the owner or by a linked coach ({@code author}). */
public record RecordManualEntryCommand(UserId owner, LocalDate date, ManualEdit edit, ManualAuthor author) {

    public RecordManualEntryCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(edit, "edit");
        Objects.requireNonNull(author, "author");
        if (!DailyLimits.isInRange(date)) {
            throw new IllegalArgumentException("date out of range");
        }
    }
}

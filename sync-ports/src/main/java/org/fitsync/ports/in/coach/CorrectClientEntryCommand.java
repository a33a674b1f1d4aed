package org.fitsync.ports.in.coach;

import java.time.LocalDate;
import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyLimits;
import org.fitsync.domain.daily.ManualEdit;

/** Manual values a coach enters for a client's day. */
public record CorrectClientEntryCommand(UserId coach, UserId client, LocalDate date, ManualEdit edit) {
    public CorrectClientEntryCommand {
        Objects.requireNonNull(coach, "coach");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(edit, "edit");
        if (!DailyLimits.isInRange(date)) {
            throw new IllegalArgumentException("date out of range");
        }
    }
}

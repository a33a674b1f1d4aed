package org.fitsync.ports.in.daily;

import java.util.List;
import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyLimits;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.StepsReading;

/** The valid items of a steps batch from one device platform, in the order they were sent. */
public record IngestStepsCommand(UserId user, DeviceSource source, List<StepsReading> readings) {

    public IngestStepsCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(source, "source");
        readings = List.copyOf(readings);
        if (readings.size() > DailyLimits.MAX_BATCH_ITEMS) {
            throw new IllegalArgumentException("at most " + DailyLimits.MAX_BATCH_ITEMS + " items per batch");
        }
    }
}

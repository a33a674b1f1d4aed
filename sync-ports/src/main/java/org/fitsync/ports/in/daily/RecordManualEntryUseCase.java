package org.fitsync.ports.in.daily;

import org.fitsync.domain.daily.DailyEntry;

/** Someone enters or corrects a day's values by hand; they beat every device value from then on. */
public interface RecordManualEntryUseCase {

    /** The day as stored afterwards. */
    DailyEntry record(RecordManualEntryCommand command);
}

package org.fitsync.ports.out.run;

import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PersonalRecords;

/**
 * Reads a runner's records from their stored best efforts and figures. Only canonical runs count (not
 * deleted, not overlapping), so a delete, an overlap or a higher-priority source changes the records
 * the moment it changes the run's flags, with nothing to recompute.
 */
public interface LoadPersonalRecordsPort {

    PersonalRecords loadPersonalRecords(UserId user);
}

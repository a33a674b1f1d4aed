package org.fitsync.ports.in.run;

import org.fitsync.domain.run.PersonalRecords;

/** A runner's personal records: best efforts per standard distance, longest run, biggest climb. */
public interface GetPersonalRecordsUseCase {

    PersonalRecords records(PersonalRecordsQuery query);
}

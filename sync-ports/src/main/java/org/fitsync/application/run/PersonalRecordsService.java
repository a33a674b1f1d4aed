package org.fitsync.application.run;

import org.fitsync.domain.run.PersonalRecords;
import org.fitsync.ports.in.run.GetPersonalRecordsUseCase;
import org.fitsync.ports.in.run.PersonalRecordsQuery;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.run.LoadPersonalRecordsPort;

/** Personal records, read on one snapshot so every record sees the same runs. */
public final class PersonalRecordsService implements GetPersonalRecordsUseCase {

    private final TransactionPort transactions;
    private final LoadPersonalRecordsPort records;

    public PersonalRecordsService(TransactionPort transactions, LoadPersonalRecordsPort records) {
        this.transactions = transactions;
        this.records = records;
    }

    @Override
    public PersonalRecords records(PersonalRecordsQuery query) {
        return transactions.inUserSnapshot(query.user(), () -> records.loadPersonalRecords(query.user()));
    }
}

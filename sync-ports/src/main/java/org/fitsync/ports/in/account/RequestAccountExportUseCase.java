package org.fitsync.ports.in.account;

import org.fitsync.domain.UserId;
import org.fitsync.domain.account.AccountExport;

/**
 * A user asks for an export of everything stored about them (docs/api.md "Your data"): a job that a
 * worker turns into one zip. While one of theirs is queued or running, asking again gives that one.
 */
public interface RequestAccountExportUseCase {

    Requested request(UserId user);

    /** A new job, or the user's export already under way. */
    sealed interface Requested permits Requested.Started, Requested.AlreadyActive {
        AccountExport job();

        record Started(AccountExport job) implements Requested {}

        record AlreadyActive(AccountExport job) implements Requested {}
    }
}

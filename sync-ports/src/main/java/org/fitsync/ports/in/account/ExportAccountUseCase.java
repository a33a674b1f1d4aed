package org.fitsync.ports.in.account;

import org.fitsync.domain.UserId;

/**
 * Hands everything stored about a user to a sink, runs page by page, so an account of any size is
 * exported in bounded memory (docs/api.md "Your data").
 */
public interface ExportAccountUseCase {

    void export(UserId user, AccountExportSink sink);
}

package org.fitsync.ports.in.account;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.AccountExport;
import org.fitsync.domain.account.ExportId;

/** The user's export job, and once it is done a signed link to download it that expires. */
public interface GetAccountExportUseCase {

    /** Empty for an id that names no export of this user (another user's included). */
    Optional<ExportView> get(UserId user, ExportId id);

    record ExportView(AccountExport job, Optional<DownloadLink> download) {}

    /** A link good for this export alone until {@code expiresAt}, without a bearer token. */
    record DownloadLink(URI url, Instant expiresAt) {}
}

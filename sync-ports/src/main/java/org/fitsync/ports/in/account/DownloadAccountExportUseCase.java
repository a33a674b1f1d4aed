package org.fitsync.ports.in.account;

import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.ExportId;

/**
 * Someone holding a signed download link fetches the export it names. The link is the credential: a
 * wrong or expired signature, or an export that is not (or no longer) there, all look the same.
 */
public interface DownloadAccountExportUseCase {

    Optional<ExportDownload> download(Query query);

    record Query(ExportId id, UserId user, Instant expiresAt, String signature) {
        public Query {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** The zip's bytes (the caller closes the stream) and its size. */
    record ExportDownload(InputStream bytes, long sizeBytes) {}
}

package org.fitsync.ports.out.account;

import java.net.URI;
import java.time.Instant;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.ExportId;

/**
 * Download links for finished exports that need no bearer token: signed over the export, its user and
 * the expiry, so a link fetches that one export until it expires and nothing else.
 */
public interface SignExportLinkPort {

    URI link(ExportId id, UserId user, Instant expiresAt);

    /** Whether {@code signature} is the one {@link #link} put into a link for these values. */
    boolean verify(ExportId id, UserId user, Instant expiresAt, String signature);
}

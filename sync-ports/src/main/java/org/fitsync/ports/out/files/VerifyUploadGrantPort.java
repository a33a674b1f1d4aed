package org.fitsync.ports.out.files;

import java.time.Instant;
import org.fitsync.domain.files.BlobKey;

/**
 * Checks the signature of a URL {@link IssueUploadTargetPort} issued for FitSync's own upload
 * endpoint: that it was made for this key and this expiry with the node secret. Whether it expired is
 * the caller's question, asked of its clock.
 */
public interface VerifyUploadGrantPort {

    boolean verify(BlobKey key, Instant expiresAt, String signature);
}

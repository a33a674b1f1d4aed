package org.fitsync.ports.out.files;

import java.time.Instant;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.UploadTarget;

/**
 * A URL signed for putting one object's bytes until {@code expiresAt}, needing no other credential.
 * The filesystem store answers FitSync's own upload endpoint with an HMAC; an object store answers a
 * presigned {@code PUT} that binds {@code expected}'s length and checksum into the signature.
 */
public interface IssueUploadTargetPort {

    UploadTarget uploadTarget(BlobKey key, BlobFacts expected, Instant expiresAt);
}

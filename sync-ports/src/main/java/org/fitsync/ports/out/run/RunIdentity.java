package org.fitsync.ports.out.run;

import java.util.UUID;
import org.fitsync.domain.run.ContentFingerprint;

/** What the store remembers of a run id: the fingerprint of its submission and whether it was deleted. */
public record RunIdentity(UUID id, ContentFingerprint fingerprint, boolean deleted) {}

package org.fitsync.domain.run;

import java.util.Optional;

/**
 * What a submission with a client-chosen id means, given what is stored under that id: a new run,
 * a retry of the stored one (same content fingerprint), or a clash (different content, or an id
 * whose run the user deleted: a late retry must not resurrect it).
 */
public enum IdempotencyDecision {
    NEW,
    SAME_AGAIN,
    DIFFERENT_CONTENT,
    DELETED_BEFORE;

    public static IdempotencyDecision decide(
            ContentFingerprint submitted, Optional<ContentFingerprint> stored, boolean storedIsDeleted) {
        if (!stored.isPresent()) {
            return NEW;
        }
        if (storedIsDeleted) {
            return DELETED_BEFORE;
        }
        return stored.get().equals(submitted) ? SAME_AGAIN : DIFFERENT_CONTENT;
    }
}

package org.fitsync.ports.out.privacy;

import java.time.Instant;
import org.fitsync.domain.UserId;
import org.fitsync.domain.privacy.PrivacySettings;

/** A user's privacy settings, inside a transaction scoped to that user. */
public interface PrivacySettingsPort {

    /** What the user set; {@link PrivacySettings#NONE} when they never set anything. */
    PrivacySettings loadPrivacy(UserId user);

    /** Replaces the user's settings. */
    void savePrivacy(UserId user, PrivacySettings settings, Instant now);
}

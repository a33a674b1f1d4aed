package org.fitsync.ports.in.privacy;

import org.fitsync.domain.UserId;
import org.fitsync.domain.privacy.PrivacySettings;

/** A user reads and replaces their privacy settings; a change applies to everything served after it. */
public interface PrivacySettingsUseCase {

    PrivacySettings privacy(UserId user);

    void setPrivacy(UserId user, PrivacySettings settings);
}

package org.fitsync.ports.out.coach;

import java.time.Instant;
import org.fitsync.domain.UserId;

/** Stores a new code by its hash only; the clear text is never persisted. */
public interface SavePairingCodePort {

    void savePairingCode(UserId client, byte[] codeHash, Instant expiresAt, long version);
}

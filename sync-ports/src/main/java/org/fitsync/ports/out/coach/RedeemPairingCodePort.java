package org.fitsync.ports.out.coach;

import java.time.Instant;
import org.fitsync.domain.UserId;
import org.fitsync.domain.coach.PairingOutcome;

/**
 * Finds a code by its hash among all users' codes and uses it up at once, so two coaches racing
 * for one code cannot both win. Runs in the coach's transaction.
 */
public interface RedeemPairingCodePort {

    PairingOutcome redeemPairingCode(UserId coach, byte[] codeHash, Instant now);
}

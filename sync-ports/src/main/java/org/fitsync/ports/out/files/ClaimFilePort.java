package org.fitsync.ports.out.files;

import java.time.Duration;
import java.util.Optional;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.ProcessingOutcome;

/**
 * Files to process, claimed under a lease by any node (like import jobs): a file is claimable while it
 * is {@code processing} and nobody holds an unexpired lease on it.
 */
public interface ClaimFilePort {

    /** Claims one file for {@code node}, across users; runs outside any user transaction. */
    Optional<ActivityFile> claimNext(String node, Duration lease);

    /** Records the outcome, in the caller's user transaction; false unless {@code node} still holds the lease. */
    boolean finish(ActivityFile file, String node, ProcessingOutcome outcome);
}

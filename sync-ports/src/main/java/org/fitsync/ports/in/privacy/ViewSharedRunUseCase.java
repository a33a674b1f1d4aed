package org.fitsync.ports.in.privacy;

import java.util.Optional;
import org.fitsync.domain.privacy.ShareToken;

/** Anyone with a live link sees the run it names; a revoked or unknown link, or a deleted run, is empty. */
public interface ViewSharedRunUseCase {

    Optional<SharedRun> view(ShareToken token);
}

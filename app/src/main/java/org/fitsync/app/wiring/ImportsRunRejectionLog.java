package org.fitsync.app.wiring;

import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportedRun;
import org.fitsync.ports.out.imports.ImportedRunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs why an imported run was rejected: the import only counts it as {@code failed}, and an
 * operator asked about a missing run needs the rule it broke. The worker's log context names the
 * import and the user.
 */
final class ImportsRunRejectionLog implements ImportedRunStore {

    private static final Logger LOG = LoggerFactory.getLogger("org.fitsync.imports");

    private final ImportedRunStore store;

    ImportsRunRejectionLog(ImportedRunStore store) {
        this.store = store;
    }

    @Override
    public boolean hasStravaActivity(UserId user, String stravaId) {
        return store.hasStravaActivity(user, stravaId);
    }

    @Override
    public StoreOutcome store(UserId user, ImportedRun run) {
        StoreOutcome outcome = store.store(user, run);
        if (outcome instanceof StoreOutcome.Rejected rejected) {
            LOG.warn("Strava activity {} not stored: {}", run.stravaId(), rejected.reason());
        }
        return outcome;
    }

    @Override
    public int deleteStravaRuns(UserId user) {
        return store.deleteStravaRuns(user);
    }

    @Override
    public boolean deleteByStravaId(UserId user, String stravaId) {
        return store.deleteByStravaId(user, stravaId);
    }
}

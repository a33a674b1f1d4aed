package org.fitsync.application.sync;

import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.ports.in.sync.WatchSyncChangesQuery;
import org.fitsync.ports.in.sync.WatchSyncChangesUseCase;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.sync.WatchSyncChangesPort;

/**
 * Watches a user's changes: subscribes first and reads the cursor second, so a change committed in
 * between is announced rather than lost (at worst it is announced at or below the cursor, which a
 * watcher ignores). Versions become the cursors a pull returns ({@link ChangePosition#afterVersion}).
 */
public final class SyncChangeService implements WatchSyncChangesUseCase {

    private final TransactionPort transactions;
    private final SyncVersionPort versions;
    private final WatchSyncChangesPort changes;

    public SyncChangeService(TransactionPort transactions, SyncVersionPort versions, WatchSyncChangesPort changes) {
        this.transactions = transactions;
        this.versions = versions;
        this.changes = changes;
    }

    @Override
    public SyncWatch watch(WatchSyncChangesQuery query, ChangeObserver observer) {
        UserId user = query.user();
        WatchSyncChangesPort.Subscription subscription = changes.watch(user, new WatchSyncChangesPort.Listener() {
            @Override
            public void changed(long version) {
                observer.changed(cursorAfter(version));
            }

            @Override
            public void mayHaveMissed() {
                observer.changed(currentCursor(user));
            }
        });
        try {
            return new SyncWatch(currentCursor(user), subscription::close);
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
    }

    private long currentCursor(UserId user) {
        return cursorAfter(transactions.inUserSnapshot(user, () -> versions.currentVersion(user)));
    }

    private static long cursorAfter(long version) {
        return ChangePosition.afterVersion(version).encode();
    }
}

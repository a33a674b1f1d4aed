package org.fitsync.application.sync;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fitsync.domain.UserId;

/**
 * When a push also purges its user's expired tombstones: at most once per interval per user on this
 * node. Retention is counted in days, so purging on every push would only add a query to each one.
 * The schedule is a local cache: another node purging as well is harmless, and a restart only
 * means one early purge.
 */
final class PurgeSchedule {

    private static final int MAX_TRACKED_USERS = 100_000;

    private final long intervalMs;
    private final Map<UserId, Long> lastPurge = new ConcurrentHashMap<>();

    PurgeSchedule(Duration retention) {
        this.intervalMs = Math.max(1, Math.min(Duration.ofHours(1).toMillis(), retention.toMillis() / 10));
    }

    /** Whether a push at {@code nowMs} should purge; marks the purge as done if so. */
    boolean due(UserId user, long nowMs) {
        Long last = lastPurge.get(user);
        if (last != null && nowMs - last < intervalMs) {
            return false;
        }
        if (lastPurge.size() >= MAX_TRACKED_USERS) {
            lastPurge.clear(); // forgetting only makes some purges come early
        }
        lastPurge.put(user, nowMs);
        return true;
    }
}

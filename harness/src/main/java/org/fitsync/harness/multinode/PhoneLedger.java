package org.fitsync.harness.multinode;

import java.util.HashSet;
import java.util.Set;

/**
 * What one phone's user must find on the server at the end: the ids of every acknowledged write (workouts and
 * weigh-ins created or updated, runs submitted) and of acknowledged deletions. A write that got no
 * acknowledgement (a {@code 503} while PostgreSQL restarted, a response cut off by a kill) may or may not have
 * committed, so every id it touched is left out of the check from then on. Ids only, never content.
 */
final class PhoneLedger {

    final Set<String> liveWorkouts = new HashSet<>();
    final Set<String> deletedWorkouts = new HashSet<>();
    final Set<String> weighIns = new HashSet<>();
    final Set<String> runs = new HashSet<>();
    final Set<String> uncertain = new HashSet<>();

    void acknowledgedWorkout(String id) {
        if (!uncertain.contains(id)) {
            liveWorkouts.add(id);
        }
    }

    void acknowledgedDeletion(String id) {
        liveWorkouts.remove(id);
        if (!uncertain.contains(id)) {
            deletedWorkouts.add(id);
        }
    }

    void unacknowledged(String id) {
        uncertain.add(id);
        liveWorkouts.remove(id);
        deletedWorkouts.remove(id);
        weighIns.remove(id);
        runs.remove(id);
    }
}

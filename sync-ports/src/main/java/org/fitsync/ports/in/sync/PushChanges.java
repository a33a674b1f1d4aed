package org.fitsync.ports.in.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ConflictWinner;
import org.fitsync.domain.sync.RawChanges;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Violation;

/** A client pushes its local changes (WatermelonDB's {@code pushChanges}). */
public interface PushChanges {

    PushOutcome push(PushCommand command);

    /** {@code lastPulledAt} is the cursor of the client's last pull; empty (or 0) if it never pulled. */
    record PushCommand(UserId user, RawChanges changes, Optional<Long> lastPulledAt) {
        public PushCommand {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(changes, "changes");
            Objects.requireNonNull(lastPulledAt, "lastPulledAt");
        }
    }

    sealed interface PushOutcome {
        /** Applied: the cursor after this push, the conflicts it settled and the updates it refused. */
        record Pushed(long timestamp, List<Conflict> conflicts, Map<String, List<RecordId>> rejectedIds)
                implements PushOutcome {
            public Pushed {
                conflicts = List.copyOf(conflicts);
                rejectedIds = Map.copyOf(rejectedIds);
            }
        }

        /** Nothing applied: the push names an unknown collection, a malformed id or a bad cursor. */
        record Invalid(List<Violation> violations) implements PushOutcome {
            public Invalid {
                violations = List.copyOf(violations);
            }
        }
    }

    record Conflict(String table, RecordId id, ConflictWinner winner) {}
}

package org.fitsync.domain.sync;

import java.util.Objects;

/** How a pushed record meets the stored one (docs/api.md, "Push"). */
public sealed interface ConflictStrategy {

    ConflictStrategy LAST_WRITE_WINS = new LastWriteWins();
    ConflictStrategy SERVER_WINS = new ServerWins();
    ConflictStrategy CLIENT_WINS = new ClientWins();

    /** A register ordered by the clamped {@code updated_at}; on a tie the stored record stays. */
    record LastWriteWins() implements ConflictStrategy {
        @Override
        public String label() {
            return "last_write_wins";
        }
    }

    /** The stored record stays if it changed after the push's {@code last_pulled_at}. */
    record ServerWins() implements ConflictStrategy {
        @Override
        public String label() {
            return "server_wins";
        }
    }

    /** The client's change always applies. */
    record ClientWins() implements ConflictStrategy {
        @Override
        public String label() {
            return "client_wins";
        }
    }

    /**
     * A collection-specific merge (e.g. source priority for runs): the rule sees both records and
     * returns the record to store.
     */
    record Merge(String name, MergeRule rule) implements ConflictStrategy {
        public Merge {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public String label() {
            return name;
        }
    }

    /**
     * The name used in configuration files and documentation. Each record implements it: with a default
     * method here, initializing a record would initialize this interface (JLS 12.4.1), whose constants create
     * the records, a class-initialization deadlock between two threads.
     */
    String label();
}

package org.fitsync.domain.coach;

import java.util.Objects;
import org.fitsync.domain.UserId;

/** What presenting a pairing code led to. */
public sealed interface PairingOutcome {

    record Linked(UserId client) implements PairingOutcome {
        public Linked {
            Objects.requireNonNull(client, "client");
        }
    }

    /** No such code (mistyped or invented). */
    record Unknown() implements PairingOutcome {}

    record Expired() implements PairingOutcome {}

    record AlreadyUsed() implements PairingOutcome {}

    /** A coach cannot be their own client. */
    record OwnCode() implements PairingOutcome {}
}

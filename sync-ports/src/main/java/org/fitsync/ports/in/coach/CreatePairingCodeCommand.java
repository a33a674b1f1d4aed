package org.fitsync.ports.in.coach;

import java.util.Objects;
import org.fitsync.domain.UserId;

/** A client asks for a pairing code to hand to their coach. */
public record CreatePairingCodeCommand(UserId client) {
    public CreatePairingCodeCommand {
        Objects.requireNonNull(client, "client");
    }
}

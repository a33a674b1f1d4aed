package org.fitsync.ports.in.coach;

import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.coach.PairingCode;

public record LinkClientCommand(UserId coach, PairingCode code) {

    public LinkClientCommand {
        Objects.requireNonNull(coach, "coach");
        Objects.requireNonNull(code, "code");
    }
}

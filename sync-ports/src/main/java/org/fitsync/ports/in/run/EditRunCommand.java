package org.fitsync.ports.in.run;

import java.util.Objects;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.RunDetailsChange;

/** An edit that already passed {@link RunDetailsChange#errors()}. */
public record EditRunCommand(UserId user, UUID id, RunDetailsChange change) {

    public EditRunCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
        if (!change.errors().isEmpty()) {
            throw new IllegalArgumentException("invalid edit: " + change.errors());
        }
    }
}

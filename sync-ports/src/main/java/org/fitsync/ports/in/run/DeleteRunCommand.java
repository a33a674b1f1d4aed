package org.fitsync.ports.in.run;

import java.util.Objects;
import java.util.UUID;
import org.fitsync.domain.UserId;

/** The user deletes one of their runs. */
public record DeleteRunCommand(UserId user, UUID id) {
    public DeleteRunCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

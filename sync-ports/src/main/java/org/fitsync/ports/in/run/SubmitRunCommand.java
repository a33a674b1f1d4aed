package org.fitsync.ports.in.run;

import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.NewRun;

/** A validated run (see {@link org.fitsync.domain.run.RunValidation}) for one user. */
public record SubmitRunCommand(UserId user, NewRun run) {

    public SubmitRunCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(run, "run");
    }
}

package org.fitsync.ports.in.run;

import java.util.Objects;
import org.fitsync.domain.UserId;

/** The personal records of {@code user}'s own canonical runs. */
public record PersonalRecordsQuery(UserId user) {

    public PersonalRecordsQuery {
        Objects.requireNonNull(user, "user");
    }
}

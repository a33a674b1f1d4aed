package org.fitsync.domain.daily;

import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;

/** Who enters a manual value: the user themselves, or a linked coach correcting it. */
public record ManualAuthor(Optional<UserId> coach) {

    public ManualAuthor {
        Objects.requireNonNull(coach, "coach");
    }

    public static ManualAuthor owner() {
        return new ManualAuthor(Optional.empty());
    }

    public static ManualAuthor coach(UserId coach) {
        return new ManualAuthor(Optional.of(coach));
    }
}

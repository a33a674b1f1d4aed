package org.fitsync.ports.in.account;

import java.util.Objects;
import org.fitsync.domain.UserId;

/**
 * A user asks for their account to be erased, confirming by typing their own user id: {@code confirm}
 * is what they typed, checked by the use case (a mismatch is an answer, not an error).
 */
public record EraseAccountCommand(UserId user, String confirm) {

    public EraseAccountCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(confirm, "confirm");
    }

    /** Whether the user confirmed with exactly their own id. */
    public boolean confirmed() {
        return user.value().equals(confirm);
    }
}

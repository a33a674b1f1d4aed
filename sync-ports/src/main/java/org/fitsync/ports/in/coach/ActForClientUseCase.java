package org.fitsync.ports.in.coach;

import java.util.function.Function;
import org.fitsync.domain.UserId;

/**
 * Runs a coach's request about a client only when the two are linked. {@code work} receives the
 * client's id and must do its reading or writing through use cases that open their own transaction
 * scoped to that client (every user-facing use case does), never in the coach's scope. This is
 * how other features (runs) offer their reads to coaches without knowing about links.
 */
public interface ActForClientUseCase {

    <T> CoachAccess<T> actForClient(UserId coach, UserId client, Function<UserId, T> work);
}

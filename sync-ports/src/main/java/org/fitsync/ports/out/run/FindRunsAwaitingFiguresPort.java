package org.fitsync.ports.out.run;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;

/** The live runs whose figures and best efforts were never computed (stored before they existed). */
public interface FindRunsAwaitingFiguresPort {

    /**
     * Across users, outside any transaction: up to {@code limit} runs awaiting figures after {@code after}
     * (from the first when empty), in (user, run) order.
     */
    List<RunKey> findAwaitingFigures(Optional<RunKey> after, int limit);

    /**
     * In the user's transaction: those of {@code runIds} that still await figures (another node may have
     * computed some meanwhile), row-locked until the transaction ends so that nothing deletes them
     * before their figures are stored.
     */
    List<AwaitingRun> lockAwaitingFigures(UserId user, List<UUID> runIds);
}

package org.fitsync.ports.in.coach;

import java.util.List;
import org.fitsync.domain.coach.CoachLink;

/** A coach looks at who their clients are. */
public interface ListClientsUseCase {
    /** The coach's clients, earliest link first. */
    List<CoachLink> clients(ListClientsQuery query);
}

package org.fitsync.ports.in.coach;

import java.util.List;
import org.fitsync.domain.UserId;
import org.fitsync.domain.coach.CoachLink;

public interface ListClientsUseCase {

    /** The coach's clients, earliest link first. */
    List<CoachLink> clients(UserId coach);
}

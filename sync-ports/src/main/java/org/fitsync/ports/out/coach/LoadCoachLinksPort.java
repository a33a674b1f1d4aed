package org.fitsync.ports.out.coach;

import java.util.List;
import org.fitsync.domain.UserId;
import org.fitsync.domain.coach.CoachLink;

/** Reads a coach's links, inside a transaction scoped to the coach. */
public interface LoadCoachLinksPort {

    List<CoachLink> linksOf(UserId coach);

    boolean isLinked(UserId coach, UserId client);
}

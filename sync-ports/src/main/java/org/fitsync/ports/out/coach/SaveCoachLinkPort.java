package org.fitsync.ports.out.coach;

import org.fitsync.domain.coach.CoachLink;

/** Stores a link in the coach's data; linking an already linked client keeps the first link. */
public interface SaveCoachLinkPort {

    void saveLink(CoachLink link, long version);
}

package org.fitsync.ports.in.coach;

import org.fitsync.domain.coach.PairingOutcome;

/** A coach presents a client's code; a live code is used up and links the two. */
public interface LinkClientUseCase {

    PairingOutcome link(LinkClientCommand command);
}

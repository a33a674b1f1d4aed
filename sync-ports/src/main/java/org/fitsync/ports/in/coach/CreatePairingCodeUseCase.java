package org.fitsync.ports.in.coach;

import org.fitsync.domain.coach.IssuedPairingCode;

/** A client asks for a single-use code to hand to their coach. */
public interface CreatePairingCodeUseCase {
    IssuedPairingCode create(CreatePairingCodeCommand command);
}

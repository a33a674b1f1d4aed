package org.fitsync.ports.out.account;

import org.fitsync.domain.UserId;
import org.fitsync.ports.in.account.EraseAccountUseCase.ProviderRevocation;

/** Revokes FitSync's access to the user's provider account (Strava) at the provider. Leaves the stored connection. */
public interface RevokeProviderAccessPort {

    ProviderRevocation revoke(UserId user);
}

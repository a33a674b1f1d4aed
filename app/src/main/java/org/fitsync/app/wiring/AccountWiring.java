package org.fitsync.app.wiring;

import java.util.Map;
import java.util.TreeMap;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.account.AccountRoutes;
import org.fitsync.adapter.postgres.account.PostgresAccountErasure;
import org.fitsync.application.account.AccountErasureService;
import org.fitsync.ports.in.account.EraseAccountUseCase;
import org.fitsync.ports.in.account.EraseAccountUseCase.Outcome;
import org.fitsync.ports.in.account.EraseAccountUseCase.ProviderRevocation;
import org.fitsync.ports.out.account.RevokeProviderAccessPort;
import org.fitsync.ports.out.files.DeleteBlobPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's own data (docs/api.md "Your data"): erasing the account. The files feature hands over
 * its blob store, the imports feature (when on) its Strava revocation.
 */
final class AccountWiring {

    private static final Logger LOG = LoggerFactory.getLogger("org.fitsync.account");

    private final RouteModule routes;

    private AccountWiring(RouteModule routes) {
        this.routes = routes;
    }

    /** {@code revocation}: the imports feature's; without it, a stored connection cannot be revoked at Strava. */
    static AccountWiring wire(FeatureContext context, DeleteBlobPort blobs, RevokeProviderAccessPort revocation) {
        EraseAccountUseCase erase = new AccountErasureService(
                context.transactions(), new PostgresAccountErasure(), revocation, blobs, AccountWiring::logErasure);
        return new AccountWiring(new AccountRoutes(erase, context.jsonBody(), context.json()));
    }

    /** Without Strava: a connection stored while it was on is still erased, but cannot be revoked there. */
    static RevokeProviderAccessPort withoutStrava() {
        return user -> ProviderRevocation.NOT_CONFIGURED;
    }

    /** Counts only: the log says that an account went and how much of it, never whose. */
    private static void logErasure(Outcome.Erased erased) {
        Map<String, Long> rows = new TreeMap<>(erased.rows());
        rows.values().removeIf(count -> count == 0);
        LOG.info(
                "account erased: rows {}, files deleted {}, files not deleted {}, strava {}",
                rows,
                erased.blobsDeleted(),
                erased.blobsNotDeleted(),
                erased.provider());
    }

    RouteModule routes() {
        return routes;
    }
}

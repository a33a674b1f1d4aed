package org.fitsync.phone;

import java.util.concurrent.TimeUnit;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.status.SyncStatus;
import picocli.CommandLine.Command;

@Command(name = "retry-failed", description = "Make failed items pending again and sync.")
final class RetryFailedCommand extends PhoneCommand {

    @Override
    int run(FitSyncClient client) throws Exception {
        SyncStatus end = client.retryFailed().get(10, TimeUnit.MINUTES);
        out().println(Printer.status(end));
        return 0;
    }
}

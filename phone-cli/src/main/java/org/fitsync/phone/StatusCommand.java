package org.fitsync.phone;

import org.fitsync.client.FitSyncClient;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Print the outbox and the last sync, without touching the network.")
final class StatusCommand extends PhoneCommand {

    @Override
    int run(FitSyncClient client) {
        out().println(Printer.status(client.status()));
        return 0;
    }
}

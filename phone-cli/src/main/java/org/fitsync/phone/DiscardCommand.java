package org.fitsync.phone;

import org.fitsync.client.FitSyncClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "discard-local-changes",
        description = "Throw away every change not yet synced (pending and failed); the next sync downloads "
                + "everything again.")
final class DiscardCommand extends PhoneCommand {

    @Option(names = "--yes-discard", required = true, description = "Required: this loses the unsynced changes")
    boolean confirmed;

    @Override
    int run(FitSyncClient client) {
        client.discardLocalChanges();
        out().println(Printer.status(client.status()));
        return 0;
    }
}

package org.fitsync.phone;

import org.fitsync.client.FitSyncClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a record.")
final class DeleteCommand extends PhoneCommand {

    @Parameters(index = "0")
    String collection;

    @Parameters(index = "1")
    String id;

    @Override
    int run(FitSyncClient client) {
        boolean deleted = client.delete(collection, id);
        out().println(deleted ? "deleted" : "no such record");
        return deleted ? 0 : 1;
    }
}

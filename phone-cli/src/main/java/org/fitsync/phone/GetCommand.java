package org.fitsync.phone;

import org.fitsync.client.FitSyncClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Print a record as JSON.")
final class GetCommand extends PhoneCommand {

    @Parameters(index = "0")
    String collection;

    @Parameters(index = "1")
    String id;

    @Override
    int run(FitSyncClient client) {
        return client.get(collection, id)
                .map(r -> {
                    out().println(Printer.record(r));
                    return 0;
                })
                .orElseGet(() -> {
                    err().println("no such record");
                    return 1;
                });
    }
}

package org.fitsync.phone;

import org.fitsync.client.FitSyncClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "outbox", description = "List what waits to be sent (pending) or what failed (failed), with reasons.")
final class OutboxCommand extends PhoneCommand {

    enum Which {
        pending,
        failed
    }

    @Parameters(index = "0", defaultValue = "pending", description = "pending or failed")
    Which which;

    @Override
    int run(FitSyncClient client) {
        if (which == Which.pending) {
            client.pendingRecords(Integer.MAX_VALUE)
                    .forEach(r -> out().println(r.collection() + " " + Printer.record(r)));
            client.queuedOps(Integer.MAX_VALUE)
                    .forEach(op -> out().println(Printer.op(op) + " attempts=" + op.attempts()));
        } else {
            client.failedRecords(Integer.MAX_VALUE)
                    .forEach(r -> out().println(r.collection() + " " + Printer.record(r)));
            client.failedOps(Integer.MAX_VALUE)
                    .forEach(op -> out().println(Printer.op(op) + " "
                            + Printer.failure(op.failure().orElseThrow())));
        }
        return 0;
    }
}

package org.fitsync.phone;

import org.fitsync.client.FitSyncClient;
import org.fitsync.client.local.OutboxOp;
import picocli.CommandLine.Command;

@Command(
        name = "status",
        description =
                "Print the outbox and the last sync, and the files waiting to be sent, without touching the network.")
final class StatusCommand extends PhoneCommand {

    @Override
    int run(FitSyncClient client) {
        out().println(Printer.status(client.status()));
        client.queuedOps(Integer.MAX_VALUE).stream()
                .filter(op -> op.op() instanceof OutboxOp.UploadFile)
                .forEach(op -> out().println("queued " + Printer.op(op)));
        client.failedOps(Integer.MAX_VALUE).stream()
                .filter(op -> op.op() instanceof OutboxOp.UploadFile)
                .forEach(op -> out().println("failed " + Printer.op(op) + " "
                        + Printer.failure(op.failure().orElseThrow())));
        return 0;
    }
}

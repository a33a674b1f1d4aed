package org.fitsync.phone;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fitsync.client.FitSyncClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "watch",
        description = "Start the client as an app would (sync now, on connectivity, periodically) and print "
                + "every status change until interrupted.")
final class WatchCommand extends PhoneCommand {

    @Option(names = "--for", description = "Stop after this long (ISO-8601 duration, e.g. PT30S)")
    Duration duration;

    @Override
    int run(FitSyncClient client) throws Exception {
        client.addStatusListener(status -> {
            out().println(Printer.status(status));
            out().flush();
        });
        var started = client.start();
        CountDownLatch never = new CountDownLatch(1);
        if (duration == null) {
            never.await();
        } else if (!never.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            started.cancel(false);
        }
        return 0;
    }
}

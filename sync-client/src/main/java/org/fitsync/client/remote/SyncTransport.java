package org.fitsync.client.remote;

import java.util.List;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.run.NewRun;

/**
 * The FitSync HTTP API as the client core needs it. Implementations speak HTTP and JSON and report
 * every failure as a value; they never retry (the core decides when), and never log record contents.
 * {@code token} is the bearer token to send.
 */
public interface SyncTransport {

    /** One pulled page, handed to {@code sink} record by record as it is read. */
    Exchange<PullReceipt> pull(String token, PullRequest request, PullSink sink);

    Exchange<PushReceipt> push(String token, PushRequest request);

    Exchange<RunReceipt> submitRun(String token, NewRun run);

    Exchange<IngestReceipt> ingestSteps(String token, DeviceSource source, List<StepsReading> items);

    Exchange<IngestReceipt> ingestSleep(String token, DeviceSource source, List<SleepReading> items);
}

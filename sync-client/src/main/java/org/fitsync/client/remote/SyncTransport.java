package org.fitsync.client.remote;

import java.util.List;
import java.util.UUID;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.files.UploadTarget;
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

    /**
     * {@code POST /api/v1/files}: {@code 201} for a new file, {@code 200} for one declared before (with a
     * fresh upload target while it still awaits its bytes).
     */
    Exchange<RemoteFile> declareFile(String token, FileDeclaration file);

    /**
     * Puts the bytes at a declared file's signed URL with its headers, streamed from {@code bytes} as
     * {@code size} bytes. The URL is the credential: no bearer token is sent.
     */
    Exchange<UploadReceipt> uploadFile(UploadTarget target, long size, FileBytes bytes);

    /** {@code POST /api/v1/files/{id}/complete}: {@code 202} once the server has the bytes. */
    Exchange<RemoteFile> completeFile(String token, UUID fileId);

    /** {@code GET /api/v1/files/{id}}. */
    Exchange<RemoteFile> file(String token, UUID fileId);
}

package org.fitsync.client.status;

/** How far the running sync is: changes sent of those it is sending, and records received so far. */
public record SyncProgress(long uploaded, long toUpload, long downloaded) {

    public static final SyncProgress NONE = new SyncProgress(0, 0, 0);

    public SyncProgress uploading(long done, long total) {
        return new SyncProgress(done, total, downloaded);
    }

    public SyncProgress downloadedSoFar(long count) {
        return new SyncProgress(uploaded, toUpload, count);
    }
}

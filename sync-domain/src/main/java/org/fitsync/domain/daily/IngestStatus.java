package org.fitsync.domain.daily;

/** What an ingested item did to its day: its value now shows, or a manual value kept it hidden. */
public enum IngestStatus {
    STORED("stored"),
    KEPT_MANUAL("kept_manual");

    private final String wireName;

    IngestStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

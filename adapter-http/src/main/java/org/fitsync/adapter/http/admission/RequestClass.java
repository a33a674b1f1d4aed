package org.fitsync.adapter.http.admission;

/**
 * What a request mostly costs the node, which decides the limit it is admitted under (docs/adr/0024):
 * each class has its own, so no class can starve another.
 */
public enum RequestClass {
    /** {@code GET /api/v1/sync}: a database read that may be large, then a transfer that may be slow. */
    PULL("pull"),
    /** Every other read under {@code /api/}: short database reads. */
    READ("read"),
    /** {@code POST}, {@code PUT}, {@code PATCH} and {@code DELETE} under {@code /api/}. */
    WRITE("write"),
    /**
     * Event streams (Server-Sent Events: sync change events, import progress), served asynchronously:
     * an idle one holds no thread, only its connection and a little memory, so they are bounded apart
     * from the thread-bound classes.
     */
    EVENTS("events");

    private final String label;

    RequestClass(String label) {
        this.label = label;
    }

    /** The class's name in metrics and configuration. */
    public String label() {
        return label;
    }
}

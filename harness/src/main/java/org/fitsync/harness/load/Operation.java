package org.fitsync.harness.load;

/** What a simulated client does (the mix is {@link OperationMix}). */
public enum Operation {
    /** Incremental pull with the client's cursor: every app start and every few minutes in the foreground. */
    SYNC_PULL("sync pull"),
    /** First pull of a second device (or a reinstall): the user's whole data set. */
    SYNC_PULL_FIRST("sync pull (first)"),
    /** A small batch of local changes: a logged or edited workout, a setting, a weigh-in, a deletion. */
    SYNC_PUSH("sync push"),
    /** Background health-platform delivery of yesterday's and today's steps. */
    STEPS_INGEST("steps ingest"),
    /** A finished 1-hour run with its 3,600-point track; now and then re-sent after a lost response. */
    RUN_SUBMIT("run submit");

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

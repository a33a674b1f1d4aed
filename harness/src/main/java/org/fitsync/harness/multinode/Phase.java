package org.fitsync.harness.multinode;

/** The harness's phases; each request counts in the phase it started in. */
enum Phase {
    STEADY("steady"),
    ROLLING_RESTART("rolling restart"),
    POSTGRES_RESTART("PostgreSQL restart"),
    IMPORT_KILL("node killed mid-import"),
    SETTLE("after");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}

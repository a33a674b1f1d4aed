package org.fitsync.harness.multinode;

import java.nio.file.Path;

/**
 * The multi-node harness's knobs, from system properties: {@code -Dmultinode.phones=40} simulated phones
 * thinking {@code -Dmultinode.thinkMs=1000} on average, {@code -Dmultinode.steadySeconds=5} of load before the
 * first scenario, {@code -Dmultinode.outageSeconds=4} of PostgreSQL downtime, {@code -Dmultinode.grace=3s}
 * (the nodes' {@code FITSYNC_SHUTDOWN_GRACE}), {@code -Dmultinode.pgBin} and {@code -Dmultinode.haproxy} (the
 * binaries; default: Debian's), {@code -Dmultinode.jar} (the server jar), and {@code -Dmultinode.pgbouncer=true}:
 * the nodes' pools go through PgBouncer in transaction mode ({@code -Dmultinode.pgbouncer.bin}; default Debian's).
 */
record MultiNodeSettings(
        int nodes,
        int phones,
        int thinkMillis,
        int steadySeconds,
        int outageSeconds,
        String grace,
        Path jar,
        boolean pgbouncer) {

    MultiNodeSettings {
        if (nodes < 2 || phones < 1 || thinkMillis < 1 || steadySeconds < 0 || outageSeconds < 1) {
            throw new IllegalArgumentException("at least 2 nodes, 1 phone, 1 ms think time and 1 s of outage");
        }
    }

    static MultiNodeSettings fromSystemProperties() {
        return new MultiNodeSettings(
                Integer.getInteger("multinode.nodes", 3),
                Integer.getInteger("multinode.phones", 40),
                Integer.getInteger("multinode.thinkMs", 1000),
                Integer.getInteger("multinode.steadySeconds", 5),
                Integer.getInteger("multinode.outageSeconds", 4),
                System.getProperty("multinode.grace", "3s"),
                Path.of(System.getProperty("multinode.jar", "app/target/fitsync.jar")),
                Boolean.getBoolean("multinode.pgbouncer"));
    }
}

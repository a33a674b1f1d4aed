package org.fitsync.harness.crashkill;

/** How the server dies. */
enum KillKind {
    /** SIGKILL of the FitSync JVM only: the embedded PostgreSQL it started outlives it. */
    JVM,
    /** SIGKILL of the JVM and of every PostgreSQL process, as in a machine crash: WAL recovery on restart. */
    MACHINE,
    /** SIGKILL of the JVM while it is still starting (database start-up or migrations), before it is ready. */
    STARTUP
}

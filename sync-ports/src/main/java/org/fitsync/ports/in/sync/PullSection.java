package org.fitsync.ports.in.sync;

/** The array of a collection's pull that a live record goes to. */
public enum PullSection {
    CREATED,
    UPDATED
}

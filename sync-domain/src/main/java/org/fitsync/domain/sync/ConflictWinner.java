package org.fitsync.domain.sync;

/** Which side's record stands after a conflict the server could see. */
public enum ConflictWinner {
    SERVER,
    CLIENT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

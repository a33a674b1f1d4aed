package org.fitsync.domain.sync;

/**
 * Record ids the server keeps for records it computes itself inside a collection clients write too
 * (personal_records' best efforts). They begin {@value #PREFIX}, which no WatermelonDB id does (its
 * ids are letters and digits), so a client's records and the server's never share an id. A push
 * that creates, changes or deletes one is refused ({@link ConflictResolver}).
 */
public final class ServerRecordIds {

    public static final String PREFIX = "srv_";

    private ServerRecordIds() {}

    public static boolean isReserved(RecordId id) {
        return id.value().startsWith(PREFIX);
    }

    /** The server's id for {@code name}, e.g. {@code srv_best_effort_5k}. */
    public static RecordId of(String name) {
        return new RecordId(PREFIX + name);
    }
}

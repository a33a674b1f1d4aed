package org.fitsync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A client never creates, changes or deletes a record the server computes, whatever its strategy says. */
class ServerRecordIdsTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final Collection RECORDS =
            CollectionRegistry.defaults().find("personal_records").orElseThrow();
    private static final RecordId SERVERS = ServerRecordIds.of("best_effort_5k");
    private static final RecordId CLIENTS = new RecordId("pr1");

    private final ConflictResolver resolver = new ConflictResolver(RECORDS, Optional.of(new ChangePosition(5, 0)), NOW);

    @Test
    void onlyIdsWithTheServersPrefixAreReserved() {
        assertThat(ServerRecordIds.isReserved(SERVERS)).isTrue();
        assertThat(SERVERS.value()).isEqualTo("srv_best_effort_5k");
        assertThat(ServerRecordIds.isReserved(CLIENTS)).isFalse();
        assertThat(ServerRecordIds.isReserved(new RecordId("srvbest"))).isFalse();
    }

    @Test
    void aPushedCreateOfAReservedIdIsRefusedWithNothingToRestamp() {
        assertThat(resolver.upsert(Optional.empty(), pushed(SERVERS, 1)))
                .isEqualTo(new PushDecision.Rejected(SERVERS, false));
    }

    @Test
    void aPushedEditOfAServerRecordIsRefusedAndTheServersStateSentBack() {
        // Last-write-wins would let this newer edit win over a client's record; never over the server's.
        assertThat(resolver.upsert(Optional.of(stored(SERVERS, false)), pushed(SERVERS, NOW)))
                .isEqualTo(new PushDecision.Rejected(SERVERS, true));
    }

    @Test
    void aPushedDeleteOfAServerRecordIsRefusedAndTheRecordSentBack() {
        assertThat(resolver.delete(Optional.of(stored(SERVERS, false)), SERVERS))
                .isEqualTo(new PushDecision.Rejected(SERVERS, true));
        assertThat(resolver.delete(Optional.empty(), SERVERS)).isEqualTo(new PushDecision.Rejected(SERVERS, false));
    }

    @Test
    void aClientsOwnRecordsFollowTheCollectionsStrategy() {
        assertThat(resolver.upsert(Optional.empty(), pushed(CLIENTS, 1))).isInstanceOf(PushDecision.Store.class);
        assertThat(resolver.upsert(Optional.of(stored(CLIENTS, false)), pushed(CLIENTS, NOW)))
                .isInstanceOf(PushDecision.Store.class);
        assertThat(resolver.delete(Optional.of(stored(CLIENTS, false)), CLIENTS))
                .isEqualTo(new PushDecision.Delete(CLIENTS));
    }

    private static PushedRecord pushed(RecordId id, long updatedAt) {
        return new PushedRecord(id, Map.of("value", new Value.Num(99)), Optional.empty(), updatedAt, false);
    }

    private static StoredRecord stored(RecordId id, boolean deleted) {
        SyncRecord record = new SyncRecord(id, Map.of("value", new Value.Num(1)), 1, 2);
        return new StoredRecord(record, deleted, new ChangePosition(3, 0));
    }
}

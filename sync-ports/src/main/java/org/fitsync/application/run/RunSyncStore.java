package org.fitsync.application.run;

import java.util.UUID;
import org.fitsync.application.sync.ServerComputedStore;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.FieldChange;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.RunDetailsChange;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;
import org.fitsync.ports.out.run.DeleteRunPort;
import org.fitsync.ports.out.run.EditRunPort;
import org.fitsync.ports.out.run.FindOverlapsPort;
import org.fitsync.ports.out.run.MetadataFormatPort;
import org.fitsync.ports.out.run.ReviseRunPort;
import org.fitsync.ports.out.sync.RecordWrite;
import org.fitsync.ports.out.sync.ServerRecordsPort;

/**
 * The {@code runs} collection in sync. A run is created only through the runs API (it needs its
 * track), so a pushed record for an unknown id is refused (experimentalRejectedIds). A pushed change
 * to a known run applies its {@code notes} and {@code metadata} (client_wins; the other columns are
 * the server's), as {@code PATCH /api/v1/runs/{id}} would; a pushed delete soft-deletes the run and
 * re-evaluates the runs it overlapped, as {@code DELETE /api/v1/runs/{id}} does. Both run in the
 * push's transaction and version, and a delete brings the runner's records in sync up to date too.
 */
public final class RunSyncStore extends ServerComputedStore {

    private final EditRunPort edit;
    private final DeleteRunPort delete;
    private final OverlapReevaluation overlaps;
    private final MetadataFormatPort metadataFormat;
    private final PersonalRecordsPublisher personalRecords;

    public RunSyncStore(
            ServerRecordsPort records,
            EditRunPort edit,
            DeleteRunPort delete,
            FindOverlapsPort find,
            ReviseRunPort revise,
            MetadataFormatPort metadataFormat,
            OverlapPolicy policy,
            PersonalRecordsPublisher personalRecords) {
        super(records);
        this.personalRecords = personalRecords;
        this.edit = edit;
        this.metadataFormat = metadataFormat;
        this.delete = delete;
        this.overlaps = new OverlapReevaluation(policy, find, revise);
    }

    @Override
    public boolean accepts(Collection collection, SyncRecord record, boolean exists) {
        return exists
                && runId(record.id().value()) != null
                && details(record).errors().isEmpty()
                && metadataIsStorable(record.field("metadata"));
    }

    @Override
    protected void apply(UserId user, Collection collection, RecordWrite write) {
        UUID id = runId(write.id().value());
        long version = write.position().version();
        if (write instanceof RecordWrite.Upsert upsert) {
            edit.editRun(user, id, details(upsert.record()), version);
        } else if (write instanceof RecordWrite.Tombstone) {
            delete.deleteRun(user, id, version).ifPresent(run -> {
                overlaps.around(user, run.span(), version);
                personalRecords.republish(user, version);
            });
        }
    }

    private static RunDetailsChange details(SyncRecord record) {
        return new RunDetailsChange(change(record.field("notes")), change(record.field("metadata")));
    }

    private static FieldChange<String> change(Value value) {
        return value instanceof Value.Text text ? new FieldChange.SetTo<>(text.value()) : new FieldChange.Clear<>();
    }

    /** Metadata travels as JSON text; the runs table keeps it as a JSON object. */
    private boolean metadataIsStorable(Value metadata) {
        return !(metadata instanceof Value.Text text) || metadataFormat.isStorableObject(text.value());
    }

    private static UUID runId(String value) {
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equals(value) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package org.fitsync.application.files;

import java.util.UUID;
import java.util.stream.Collectors;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.ValidationResult;
import org.fitsync.ports.in.run.SubmitRunCommand;
import org.fitsync.ports.in.run.SubmitRunResult;
import org.fitsync.ports.in.run.SubmitRunUseCase;
import org.fitsync.ports.out.files.StoreFileRunPort;

/**
 * Stores a file's run through the runs feature's {@link SubmitRunUseCase} (ADR 0015): validation,
 * polyline, overlap flags and source priority as for {@code POST /api/v1/runs}. Submitting joins the
 * caller's transaction, so the run and the file's outcome commit together.
 */
public final class FileRunBridge implements StoreFileRunPort {

    private final SubmitRunUseCase submit;

    public FileRunBridge(SubmitRunUseCase submit) {
        this.submit = submit;
    }

    @Override
    public RunStore store(UserId user, RunDraft draft) {
        ValidationResult checked = RunValidation.validate(draft);
        if (checked instanceof ValidationResult.Invalid invalid) {
            return new RunStore.Rejected(invalid.errors().stream()
                    .limit(5)
                    .map(e -> e.field() + " " + e.message())
                    .collect(Collectors.joining("; ")));
        }
        SubmitRunResult result = submit.submit(new SubmitRunCommand(user, ((ValidationResult.Valid) checked).run()));
        if (result instanceof SubmitRunResult.Created created) {
            return new RunStore.Stored(created.run().id());
        }
        if (result instanceof SubmitRunResult.AlreadyStored stored) {
            return new RunStore.AlreadyStored(stored.run().id());
        }
        // Same id, other content: the same bytes read differently (a newer reader). It is still that run.
        if (result instanceof SubmitRunResult.ContentConflict conflict) {
            return new RunStore.AlreadyStored(conflict.id());
        }
        if (result instanceof SubmitRunResult.DeletedBefore deleted) {
            return new RunStore.Deleted(deleted.id());
        }
        UUID id = UUID.fromString(draft.id().orElseThrow());
        return new RunStore.Rejected("run " + id + " could not be stored");
    }
}

package org.fitsync.application.imports;

import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportedRun;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.ValidationResult;
import org.fitsync.ports.in.run.DeleteRunCommand;
import org.fitsync.ports.in.run.DeleteRunUseCase;
import org.fitsync.ports.in.run.ImportedRunsUseCase;
import org.fitsync.ports.in.run.SubmitRunCommand;
import org.fitsync.ports.in.run.SubmitRunResult;
import org.fitsync.ports.in.run.SubmitRunUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.imports.ImportedRunStore;

/**
 * Stores imported runs through the runs feature's use cases, so an import obeys exactly the rules of
 * {@code POST /api/v1/runs}: validation, polyline, overlap flags and source priority.
 *
 * <p>Every call runs in a user transaction; called inside the import's transaction it joins it, so a
 * run and the checkpoint past it commit together. The runs services claim the user's sync version
 * first (the per-user write lock), so two nodes storing the same activity are serialised and the
 * second sees the first's run: a repeated {@code strava_id} is answered with {@code Duplicate}.
 *
 * <p>Run ids: each stored import gets a fresh random UUID. The idempotency key of an import is the
 * {@code strava_id} (unique among a user's live runs), not the run id; a deterministic id would hit
 * the tombstone of the deleted run (409 {@code run-deleted}) when an activity is imported again after
 * a disconnect or replaced by a webhook update. A fresh id makes that re-import a new run, which sync
 * clients see as one deletion and one creation — what happened.
 */
public final class ImportedRunBridge implements ImportedRunStore {

    private final TransactionPort transactions;
    private final SubmitRunUseCase submit;
    private final ImportedRunsUseCase importedRuns;
    private final DeleteRunUseCase delete;

    public ImportedRunBridge(
            TransactionPort transactions,
            SubmitRunUseCase submit,
            ImportedRunsUseCase importedRuns,
            DeleteRunUseCase delete) {
        this.transactions = transactions;
        this.submit = submit;
        this.importedRuns = importedRuns;
        this.delete = delete;
    }

    @Override
    public boolean hasStravaActivity(UserId user, String stravaId) {
        return importedRuns.findByStravaId(user, stravaId).isPresent();
    }

    @Override
    public StoreOutcome store(UserId user, ImportedRun run) {
        ValidationResult checked = RunValidation.validate(ImportedRunDrafts.draft(UUID.randomUUID(), run));
        if (checked instanceof ValidationResult.Invalid invalid) {
            return new StoreOutcome.Rejected(
                    invalid.errors().stream().map(ImportedRunBridge::describe).collect(Collectors.joining("; ")));
        }
        SubmitRunCommand command = new SubmitRunCommand(user, ((ValidationResult.Valid) checked).run());
        // submit opens its own transaction or joins the caller's (the import's, with its checkpoint).
        return outcomeOf(submit.submit(command));
    }

    private static StoreOutcome outcomeOf(SubmitRunResult result) {
        if (result instanceof SubmitRunResult.Created created) {
            return new StoreOutcome.Stored(created.run().id().toString());
        }
        if (result instanceof SubmitRunResult.StravaIdTaken taken) {
            return new StoreOutcome.Duplicate(taken.existingRun().toString());
        }
        if (result instanceof SubmitRunResult.AlreadyStored stored) {
            return new StoreOutcome.Duplicate(stored.run().id().toString());
        }
        // A fresh random id collides with nothing; should it ever, the run is reported, not lost silently.
        if (result instanceof SubmitRunResult.ContentConflict conflict) {
            return new StoreOutcome.Rejected("run id " + conflict.id() + " is taken");
        }
        SubmitRunResult.DeletedBefore deleted = (SubmitRunResult.DeletedBefore) result;
        return new StoreOutcome.Rejected("run id " + deleted.id() + " was deleted");
    }

    @Override
    public int deleteStravaRuns(UserId user) {
        return importedRuns.deleteStravaRuns(user);
    }

    @Override
    public boolean deleteByStravaId(UserId user, String stravaId) {
        // One transaction, so the run found is the run deleted (or the outer import transaction's).
        return transactions.inUserTransaction(user, () -> {
            Optional<StoredRun> found = importedRuns.findByStravaId(user, stravaId);
            return found.isPresent()
                    && delete.delete(new DeleteRunCommand(user, found.get().id()));
        });
    }

    private static String describe(FieldError error) {
        return error.field() + " " + error.message();
    }
}

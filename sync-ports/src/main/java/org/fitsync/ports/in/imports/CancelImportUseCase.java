package org.fitsync.ports.in.imports;

import org.fitsync.domain.imports.ImportJob;

/** The user cancels an import; runs already imported stay. */
public interface CancelImportUseCase {

    CancelOutcome cancel(CancelImportCommand command);

    sealed interface CancelOutcome
            permits CancelOutcome.Cancelled, CancelOutcome.AlreadyFinished, CancelOutcome.NotFound {
        record Cancelled(ImportJob job) implements CancelOutcome {}

        record AlreadyFinished(ImportJob job) implements CancelOutcome {}

        record NotFound() implements CancelOutcome {}
    }
}

package org.fitsync.domain.files;

import java.util.Objects;
import java.util.UUID;

/** How processing a file ended: the finished states of {@link FileState} with what each carries. */
public sealed interface ProcessingOutcome {

    FileState state();

    /** The file became the run {@code runId}. */
    record Imported(UUID runId) implements ProcessingOutcome {
        @Override
        public FileState state() {
            return FileState.IMPORTED;
        }
    }

    /** The same bytes were made into the run {@code runId} before. */
    record Duplicate(UUID runId) implements ProcessingOutcome {
        @Override
        public FileState state() {
            return FileState.DUPLICATE;
        }
    }

    /** Read, but not something FitSync keeps (not a run). */
    record Skipped(String reason) implements ProcessingOutcome {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public FileState state() {
            return FileState.SKIPPED;
        }
    }

    /** Cannot be read, or its run breaks the run rules. */
    record Failed(FileError error) implements ProcessingOutcome {
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public FileState state() {
            return FileState.FAILED;
        }
    }
}

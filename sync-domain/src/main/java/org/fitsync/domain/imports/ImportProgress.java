package org.fitsync.domain.imports;

import java.util.OptionalInt;

/**
 * The counts an import reports. {@code fetched} counts activities listed from the provider; every
 * fetched activity ends up in exactly one of the other four counts once processed.
 */
public record ImportProgress(
        int fetched, int imported, int skippedDuplicate, int skippedNotRun, int failed, OptionalInt estimatedTotal) {

    public static final ImportProgress NONE = new ImportProgress(0, 0, 0, 0, 0, OptionalInt.empty());

    public ImportProgress {
        if (fetched < 0 || imported < 0 || skippedDuplicate < 0 || skippedNotRun < 0 || failed < 0) {
            throw new IllegalArgumentException("progress counts are never negative");
        }
    }

    public ImportProgress plusFetched(int count) {
        return new ImportProgress(fetched + count, imported, skippedDuplicate, skippedNotRun, failed, estimatedTotal);
    }

    public ImportProgress plus(ActivityOutcome outcome) {
        return switch (outcome) {
            case IMPORTED ->
                new ImportProgress(fetched, imported + 1, skippedDuplicate, skippedNotRun, failed, estimatedTotal);
            case DUPLICATE ->
                new ImportProgress(fetched, imported, skippedDuplicate + 1, skippedNotRun, failed, estimatedTotal);
            case NOT_A_RUN ->
                new ImportProgress(fetched, imported, skippedDuplicate, skippedNotRun + 1, failed, estimatedTotal);
            case FAILED ->
                new ImportProgress(fetched, imported, skippedDuplicate, skippedNotRun, failed + 1, estimatedTotal);
        };
    }

    /** Once the listing has ended, the number fetched is the total. */
    public ImportProgress withEstimatedTotal(int total) {
        return new ImportProgress(fetched, imported, skippedDuplicate, skippedNotRun, failed, OptionalInt.of(total));
    }

    public int processed() {
        return imported + skippedDuplicate + skippedNotRun + failed;
    }

    /** How one listed activity ended. */
    public enum ActivityOutcome {
        IMPORTED,
        DUPLICATE,
        NOT_A_RUN,
        FAILED
    }
}

package org.fitsync.domain.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Every processed activity lands in exactly one count. */
class ImportProgressProperties {

    @Property
    void processedIsTheSumOfTheOutcomes(@ForAll @Size(max = 500) List<ImportProgress.ActivityOutcome> outcomes) {
        ImportProgress progress = ImportProgress.NONE.plusFetched(outcomes.size());
        for (ImportProgress.ActivityOutcome outcome : outcomes) {
            progress = progress.plus(outcome);
        }
        assertThat(progress.processed()).isEqualTo(outcomes.size());
        assertThat(progress.fetched()).isEqualTo(outcomes.size());
        assertThat(progress.imported()).isEqualTo(count(outcomes, ImportProgress.ActivityOutcome.IMPORTED));
        assertThat(progress.skippedDuplicate()).isEqualTo(count(outcomes, ImportProgress.ActivityOutcome.DUPLICATE));
        assertThat(progress.skippedNotRun()).isEqualTo(count(outcomes, ImportProgress.ActivityOutcome.NOT_A_RUN));
        assertThat(progress.failed()).isEqualTo(count(outcomes, ImportProgress.ActivityOutcome.FAILED));
        assertThat(progress.estimatedTotal()).isEmpty();
        assertThat(progress.withEstimatedTotal(outcomes.size()).estimatedTotal())
                .hasValue(outcomes.size());
    }

    private static long count(List<ImportProgress.ActivityOutcome> outcomes, ImportProgress.ActivityOutcome wanted) {
        return outcomes.stream().filter(o -> o == wanted).count();
    }
}

package org.fitsync.domain.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DailyEntryProperties {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    record StepsIngest(DeviceSource source, int steps) {}

    @Property
    void noSequenceOfIngestsOverwritesAManualValue(
            @ForAll @IntRange(max = 200_000) int manual, @ForAll("ingests") @Size(max = 20) List<StepsIngest> ingests) {
        DailyEntry entry = DailyEntry.empty(DAY)
                .edit(
                        new ManualEdit(FieldEdit.setTo(manual), FieldEdit.keep(), FieldEdit.keep(), FieldEdit.keep()),
                        ManualAuthor.owner());
        for (StepsIngest ingest : ingests) {
            DailyEntry.Ingested result = entry.ingestSteps(ingest.source(), ingest.steps());
            assertThat(result.status()).isEqualTo(IngestStatus.KEPT_MANUAL);
            entry = result.entry();
        }
        assertThat(entry.steps().effective()).contains(manual);
        assertThat(entry.orderedDeviceSources())
                .containsExactlyInAnyOrderElementsOf(
                        ingests.stream().map(StepsIngest::source).distinct().toList());
    }

    @Property
    void ingestingIsIdempotent(@ForAll("ingests") @Size(max = 20) List<StepsIngest> ingests) {
        DailyEntry once = DailyEntry.empty(DAY);
        for (StepsIngest ingest : ingests) {
            once = once.ingestSteps(ingest.source(), ingest.steps()).entry();
        }
        DailyEntry twice = once;
        for (StepsIngest ingest : ingests) {
            twice = twice.ingestSteps(ingest.source(), ingest.steps()).entry();
        }
        assertThat(twice).isEqualTo(once);
    }

    @Provide
    Arbitrary<List<StepsIngest>> ingests() {
        Arbitrary<StepsIngest> one = Combinators.combine(
                        Arbitraries.of(DeviceSource.class),
                        Arbitraries.integers().between(0, 200_000))
                .as(StepsIngest::new);
        return one.list();
    }
}

package org.fitsync.app.wiring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.fitsync.domain.imports.ImportProgress;
import org.fitsync.domain.imports.ImportState;
import org.fitsync.ports.out.imports.ImportMetrics;

/** Import counters on /metrics: activities by outcome, finished imports by state, parkings by cause. */
final class ImportsMicrometerMetrics implements ImportMetrics {

    private final MeterRegistry registry;

    ImportsMicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void activity(ImportProgress.ActivityOutcome outcome) {
        Counter.builder("fitsync.import.activities")
                .description("Activities processed by imports, by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    @Override
    public void finished(ImportState state) {
        Counter.builder("fitsync.imports.finished")
                .description("Imports that reached a final state")
                .tag("state", state.wireName())
                .register(registry)
                .increment();
    }

    @Override
    public void parked(boolean rateLimited) {
        Counter.builder("fitsync.imports.parked")
                .description("Imports parked until a resume time")
                .tag("cause", rateLimited ? "rate_limit" : "provider_unavailable")
                .register(registry)
                .increment();
    }
}

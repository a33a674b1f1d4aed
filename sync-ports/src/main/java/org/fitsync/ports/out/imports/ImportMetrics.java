package org.fitsync.ports.out.imports;

import org.fitsync.domain.imports.ImportProgress;
import org.fitsync.domain.imports.ImportState;

/** Counts what imports do, for operators (Prometheus in the app). */
public interface ImportMetrics {

    ImportMetrics NONE = new ImportMetrics() {
        @Override
        public void activity(ImportProgress.ActivityOutcome outcome) {}

        @Override
        public void finished(ImportState state) {}

        @Override
        public void parked(boolean rateLimited) {}
    };

    void activity(ImportProgress.ActivityOutcome outcome);

    void finished(ImportState state);

    void parked(boolean rateLimited);
}

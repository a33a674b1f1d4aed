package org.fitsync.app;

import java.util.Optional;
import org.fitsync.ports.out.imports.ImportedRunStore;

/**
 * Parts a feature's wiring cannot build itself yet. {@code importedRuns} is how the Strava import
 * stores runs; it is implemented over the runs use case when the runs feature is wired in, and
 * until then only tests supply one (without it the Strava feature stays off).
 */
public record FeatureOverrides(Optional<ImportedRunStore> importedRuns) {

    public static final FeatureOverrides NONE = new FeatureOverrides(Optional.empty());
}

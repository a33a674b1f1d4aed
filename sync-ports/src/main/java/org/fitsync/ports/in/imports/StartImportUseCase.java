package org.fitsync.ports.in.imports;

import java.util.Set;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;

/** The user starts importing their history (or a range of it) from a provider. */
public interface StartImportUseCase {

    Set<String> PROVIDERS = Set.of("strava");

    StartOutcome start(StartImportCommand command);

    sealed interface StartOutcome permits StartOutcome.Started, StartOutcome.AlreadyActive, StartOutcome.NotConnected {
        record Started(ImportJob job) implements StartOutcome {}

        record AlreadyActive(ImportId active) implements StartOutcome {}

        record NotConnected(String provider) implements StartOutcome {}
    }
}

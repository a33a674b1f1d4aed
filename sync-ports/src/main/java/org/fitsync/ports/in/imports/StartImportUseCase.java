package org.fitsync.ports.in.imports;

import java.util.Set;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;

/** The user starts importing their history (or a range of it) from a provider. */
public interface StartImportUseCase {

    String STRAVA = "strava";

    /** A Strava account export (a ZIP uploaded as an activity file); needs no Strava connection. */
    String STRAVA_ARCHIVE = "strava_archive";

    Set<String> PROVIDERS = Set.of(STRAVA, STRAVA_ARCHIVE);

    StartOutcome start(StartImportCommand command);

    sealed interface StartOutcome
            permits StartOutcome.Started,
                    StartOutcome.AlreadyActive,
                    StartOutcome.NotConnected,
                    StartOutcome.FileNotUsable {
        record Started(ImportJob job) implements StartOutcome {}

        record AlreadyActive(ImportId active) implements StartOutcome {}

        record NotConnected(String provider) implements StartOutcome {}

        /** The archive file is absent, another user's, not a ZIP, or still awaiting its bytes. */
        record FileNotUsable(String detail) implements StartOutcome {}
    }
}

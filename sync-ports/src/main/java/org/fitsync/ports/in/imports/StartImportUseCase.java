package org.fitsync.ports.in.imports;

import java.util.Objects;
import java.util.Set;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportRange;

/** The user starts importing their history (or a range of it) from a provider. */
public interface StartImportUseCase {

    Set<String> PROVIDERS = Set.of("strava");

    StartOutcome start(StartImportCommand command);

    record StartImportCommand(UserId user, String provider, ImportRange range) {
        public StartImportCommand {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(range, "range");
            if (!PROVIDERS.contains(provider)) {
                throw new IllegalArgumentException("unknown provider: " + provider);
            }
        }
    }

    sealed interface StartOutcome permits StartOutcome.Started, StartOutcome.AlreadyActive, StartOutcome.NotConnected {
        record Started(ImportJob job) implements StartOutcome {}
        record AlreadyActive(ImportId active) implements StartOutcome {}
        record NotConnected(String provider) implements StartOutcome {}
    }
}

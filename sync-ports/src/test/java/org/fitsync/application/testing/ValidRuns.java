package org.fitsync.application.testing;

import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.ValidationResult;

/** Runs for tests, made the only way there is: a draft that passes {@link RunValidation}. */
public final class ValidRuns {

    private ValidRuns() {}

    public static NewRun of(
            UUID id,
            TimeSpan span,
            long durationS,
            double distanceM,
            Source source,
            Optional<String> notes,
            Optional<String> metadataJson,
            Track track,
            Optional<String> stravaId,
            Optional<String> weatherJson) {
        ValidationResult result = RunValidation.validate(new RunDraft(
                Optional.of(id.toString()),
                Optional.of(span.start().toString()),
                Optional.of(span.end().toString()),
                Optional.of(durationS),
                Optional.of(distanceM),
                Optional.of(source.wireName()),
                notes,
                metadataJson,
                Optional.of(track),
                stravaId,
                weatherJson));
        if (result instanceof ValidationResult.Valid valid) {
            return valid.run();
        }
        throw new IllegalArgumentException("not a valid run: " + result);
    }
}

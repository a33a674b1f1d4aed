package org.fitsync.application.imports;

import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.imports.ImportedRun;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.Track;

/**
 * Turns an imported run into the draft {@code POST /api/v1/runs} would build from a request body,
 * so {@link org.fitsync.domain.run.RunValidation} judges it by the same rules (docs/api.md, Strava
 * import mapping: name and {@code sport_type} in {@code metadata}).
 */
final class ImportedRunDrafts {

    private ImportedRunDrafts() {}

    static RunDraft draft(UUID id, ImportedRun run) {
        Track track = new Track(run.track());
        RunDraft draft = new RunDraft(
                Optional.of(id.toString()),
                Optional.of(run.startedAt().toString()),
                Optional.of(run.endedAt().toString()),
                Optional.of(run.durationS()),
                Optional.of(run.distanceM()),
                Optional.of(Source.STRAVA.wireName()),
                Optional.empty(),
                Optional.of(metadata(run)),
                Optional.of(track),
                Optional.of(run.stravaId()),
                run.weather());
        return run.samples().map(draft::withSamples).orElse(draft);
    }

    /**
     * The metadata object in the canonical form the HTTP adapter gives metadata (members sorted by
     * name, no whitespace), so an imported run reads back exactly like a submitted one.
     */
    static String metadata(ImportedRun run) {
        StringBuilder json = new StringBuilder("{");
        if (run.description().isPresent()) {
            json.append("\"description\":");
            string(json, run.description().get());
            json.append(',');
        }
        if (run.name() != null) {
            json.append("\"name\":");
            string(json, run.name());
            json.append(',');
        }
        json.append("\"sport_type\":");
        string(json, run.sportType() == null ? "" : run.sportType());
        return json.append('}').toString();
    }

    /**
     * A JSON string literal. NUL is dropped rather than escaped: PostgreSQL's jsonb refuses it, and a
     * stray NUL in an activity's name is no reason to lose the run.
     */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\0' -> {}
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}

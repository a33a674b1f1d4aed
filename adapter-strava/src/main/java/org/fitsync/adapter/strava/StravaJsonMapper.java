package org.fitsync.adapter.strava;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * This adapter's JSON setup, its own so that the HTTP API's configuration can change without
 * changing how Strava's answers are read. Only trees are read; the limits refuse answers no Strava
 * endpoint sends (its deepest shape, a stream of coordinate pairs, nests four levels).
 */
final class StravaJsonMapper {

    static final int MAX_NESTING_DEPTH = 64;

    private StravaJsonMapper() {}

    static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(100)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                // Two values for one key is ambiguous: such an answer is malformed, not guessed at.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}

package org.fitsync.adapter.weather;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * This adapter's JSON setup, its own so that the HTTP API's configuration can change without
 * changing how Open-Meteo's answers are read or the stored weather is written. Only trees are read
 * and written; the limits refuse answers no archive query returns (they nest three levels).
 */
final class OpenMeteoJsonMapper {

    static final int MAX_NESTING_DEPTH = 64;

    private OpenMeteoJsonMapper() {}

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

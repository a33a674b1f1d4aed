package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;

/**
 * Streams a JSON array of {@code [epoch_ms, lat, lon, elevation_m|null]} points into track points,
 * reporting each malformed point as {@code track[i]} (the first 50) and a track longer than the
 * limit as {@code track}, while still consuming the whole array so the rest of the body is read.
 */
final class TrackStreamReader {

    static final String POINT_SHAPE = "must be [epoch_ms, lat, lon, elevation_m|null]";
    private static final int MAX_REPORTED = 50;

    private TrackStreamReader() {}

    /** {@code parser} is on the array's START_ARRAY; returns on its END_ARRAY. */
    static Optional<Track> read(JsonParser parser, List<FieldError> errors) throws IOException {
        List<TrackPoint> points = new ArrayList<>(1024);
        int index = 0;
        int bad = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), index++) {
            Optional<TrackPoint> point = point(parser, token);
            if (point.isEmpty()) {
                if (++bad <= MAX_REPORTED) {
                    errors.add(new FieldError("track[" + index + "]", POINT_SHAPE));
                }
            } else if (index < Track.MAX_POINTS) {
                points.add(point.get());
            }
        }
        if (index > Track.MAX_POINTS) {
            errors.add(new FieldError("track", "must have at most " + Track.MAX_POINTS + " points"));
            return Optional.empty();
        }
        return bad == 0 ? Optional.of(new Track(points)) : Optional.empty();
    }

    /** Reads one element, leaving the parser on its last token; empty if it is not a well-formed point. */
    private static Optional<TrackPoint> point(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return Optional.empty();
        }
        long time = 0;
        double lat = 0;
        double lon = 0;
        OptionalDouble elevation = OptionalDouble.empty();
        boolean wellFormed = true;
        int position = 0;
        for (JsonToken token = parser.nextToken();
                token != JsonToken.END_ARRAY;
                token = parser.nextToken(), position++) {
            switch (position) {
                case 0 -> {
                    if (token == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        time = parser.getLongValue();
                    } else {
                        wellFormed = false;
                    }
                }
                case 1, 2 -> {
                    if (token.isNumeric()) {
                        if (position == 1) {
                            lat = parser.getDoubleValue();
                        } else {
                            lon = parser.getDoubleValue();
                        }
                    } else {
                        wellFormed = false;
                    }
                }
                case 3 -> {
                    if (token.isNumeric()) {
                        elevation = OptionalDouble.of(parser.getDoubleValue());
                    } else if (token != JsonToken.VALUE_NULL) {
                        wellFormed = false;
                    }
                }
                default -> wellFormed = false;
            }
            parser.skipChildren();
        }
        if (!wellFormed || position != 4) {
            return Optional.empty();
        }
        return Optional.of(new TrackPoint(time, lat, lon, elevation));
    }
}

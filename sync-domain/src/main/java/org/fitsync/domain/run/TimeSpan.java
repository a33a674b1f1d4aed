package org.fitsync.domain.run;

import java.time.Duration;
import java.time.Instant;

/** A half-open interval {@code [start, end)}: back-to-back runs share an instant but do not overlap. */
public record TimeSpan(Instant start, Instant end) {

    public TimeSpan {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a span must start before it ends");
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean overlaps(TimeSpan other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** How long both spans run at once; zero when they do not overlap. */
    public Duration overlapWith(TimeSpan other) {
        Instant from = start.isAfter(other.start) ? start : other.start;
        Instant to = end.isBefore(other.end) ? end : other.end;
        return from.isBefore(to) ? Duration.between(from, to) : Duration.ZERO;
    }

    public TimeSpan union(TimeSpan other) {
        return new TimeSpan(
                start.isBefore(other.start) ? start : other.start, end.isAfter(other.end) ? end : other.end);
    }
}

package org.fitsync.client.jvm.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code Retry-After} (RFC 9110 §10.2.3): a number of seconds, or an HTTP-date. */
final class RetryAfter {

    private RetryAfter() {}

    /** The wait the header asks for, counted from {@code now}; a date in the past is no wait. Garbage is ignored. */
    static Optional<Duration> parse(Optional<String> header, Instant now) {
        if (!header.isPresent()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // more digits than a long: not a wait anyone meant
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

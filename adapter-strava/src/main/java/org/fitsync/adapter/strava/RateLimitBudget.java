package org.fitsync.adapter.strava;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What is left of Strava's rate limits, as its last responses told us: an overall limit and a
 * stricter one for reads, each per short window (15 minutes, aligned to :00/:15/:30/:45) and per
 * UTC day. Requests are counted as they leave, so concurrent callers do not all spend the last
 * unit; the next response's headers correct the count.
 */
final class RateLimitBudget {

    /** One limit pair (short window, day) and its usage, as last seen. */
    private static final class Meter {
        long shortLimit = Long.MAX_VALUE;
        long dayLimit = Long.MAX_VALUE;
        long shortUsage;
        long dayUsage;
        long window = Long.MIN_VALUE;
        LocalDate day = LocalDate.MIN;

        void roll(long currentWindow, LocalDate today) {
            if (currentWindow != window) {
                window = currentWindow;
                shortUsage = 0;
            }
            if (!today.equals(day)) {
                day = today;
                dayUsage = 0;
            }
        }
    }

    private final Duration windowLength;
    private final Meter overall = new Meter();
    private final Meter reads = new Meter();

    RateLimitBudget(Duration windowLength) {
        this.windowLength = windowLength;
    }

    /** Reserves one request, or says when the next window opens if the limit is already spent. */
    synchronized Optional<Instant> reserve(boolean read, Instant now) {
        long window = windowOf(now);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        overall.roll(window, today);
        reads.roll(window, today);
        Optional<Instant> wait = exhausted(overall, window, today);
        if (wait.isEmpty() && read) {
            wait = exhausted(reads, window, today);
        }
        if (wait.isPresent()) {
            return wait;
        }
        overall.shortUsage++;
        overall.dayUsage++;
        if (read) {
            reads.shortUsage++;
            reads.dayUsage++;
        }
        return Optional.empty();
    }

    /** When the limit that a {@code 429} or the headers say is spent will next allow a request. */
    synchronized Instant nextOpening(Instant now) {
        long window = windowOf(now);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (overall.dayUsage >= overall.dayLimit || reads.dayUsage >= reads.dayLimit) {
            return today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(2);
        }
        return windowStart(window + 1);
    }

    /** Takes in the usage Strava reports; absent or malformed headers leave the estimate as it was. */
    synchronized void observe(HttpHeaders headers, Instant now) {
        long window = windowOf(now);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        overall.roll(window, today);
        reads.roll(window, today);
        apply(overall, headers, "X-RateLimit-Limit", "X-RateLimit-Usage");
        apply(reads, headers, "X-ReadRateLimit-Limit", "X-ReadRateLimit-Usage");
    }

    /** Whether a response's headers say a limit is spent (so a {@code 429} is a window, not a blip). */
    synchronized boolean spent(Instant now) {
        long window = windowOf(now);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return exhausted(overall, window, today).isPresent()
                || exhausted(reads, window, today).isPresent();
    }

    private Optional<Instant> exhausted(Meter meter, long window, LocalDate today) {
        if (meter.dayUsage >= meter.dayLimit) {
            return Optional.of(
                    today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(2));
        }
        if (meter.shortUsage >= meter.shortLimit) {
            return Optional.of(windowStart(window + 1));
        }
        return Optional.empty();
    }

    private static void apply(Meter meter, HttpHeaders headers, String limitHeader, String usageHeader) {
        Optional<long[]> limit = pair(headers.firstValue(limitHeader));
        Optional<long[]> usage = pair(headers.firstValue(usageHeader));
        if (limit.isEmpty() || usage.isEmpty()) {
            return;
        }
        meter.shortLimit = limit.get()[0];
        meter.dayLimit = limit.get()[1];
        // Other requests (other nodes, other threads) may have been counted since; never lower the count.
        meter.shortUsage = Math.max(meter.shortUsage, usage.get()[0]);
        meter.dayUsage = Math.max(meter.dayUsage, usage.get()[1]);
    }

    private static Optional<long[]> pair(Optional<String> raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = raw.get().split(",", -1);
        int count = parts.length;
        while (count > 0 && parts[count - 1].isEmpty()) {
            count--; // a trailing comma still leaves a pair, as it always has
        }
        if (count != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private long windowOf(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), windowLength.toSeconds());
    }

    /**
     * When to come back for {@code window}: its start plus a small margin, since Strava's clock and
     * ours differ a little, and arriving a second early would cost a whole window.
     */
    private Instant windowStart(long window) {
        long marginMs = Math.min(2000, windowLength.toMillis() / 10);
        return Instant.ofEpochSecond(window * windowLength.toSeconds()).plusMillis(marginMs);
    }
}

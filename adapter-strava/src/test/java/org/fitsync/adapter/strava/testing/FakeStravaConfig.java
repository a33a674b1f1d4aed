package org.fitsync.adapter.strava.testing;

import java.time.Duration;

/**
 * How the fake Strava behaves: token lifetime, rate-limit windows and limits (overall and read,
 * per short window and per day, as Strava's headers report them) and a latency for every answer.
 */
public record FakeStravaConfig(
        String clientId,
        String clientSecret,
        Duration accessTokenTtl,
        Duration rateWindow,
        int shortLimit,
        int dayLimit,
        int readShortLimit,
        int readDayLimit,
        Duration latency) {

    public static final String CLIENT_ID = "4242";
    public static final String CLIENT_SECRET = "fake-strava-client-secret";

    /** Strava's real limits (200/2,000 overall, 100/1,000 reads) and hour-long tokens. */
    public static FakeStravaConfig realistic() {
        return new FakeStravaConfig(
                CLIENT_ID,
                CLIENT_SECRET,
                Duration.ofHours(6),
                Duration.ofMinutes(15),
                200,
                2000,
                100,
                1000,
                Duration.ZERO);
    }

    /** Limits high enough that a test never meets them. */
    public static FakeStravaConfig generous() {
        return new FakeStravaConfig(
                CLIENT_ID,
                CLIENT_SECRET,
                Duration.ofHours(6),
                Duration.ofMinutes(15),
                100_000,
                1_000_000,
                100_000,
                1_000_000,
                Duration.ZERO);
    }

    public FakeStravaConfig withAccessTokenTtl(Duration ttl) {
        return new FakeStravaConfig(
                clientId, clientSecret, ttl, rateWindow, shortLimit, dayLimit, readShortLimit, readDayLimit, latency);
    }

    public FakeStravaConfig withRateLimits(Duration window, int readShort) {
        return new FakeStravaConfig(
                clientId,
                clientSecret,
                accessTokenTtl,
                window,
                readShort * 2,
                dayLimit,
                readShort,
                readDayLimit,
                latency);
    }

    public FakeStravaConfig withLatency(Duration delay) {
        return new FakeStravaConfig(
                clientId,
                clientSecret,
                accessTokenTtl,
                rateWindow,
                shortLimit,
                dayLimit,
                readShortLimit,
                readDayLimit,
                delay);
    }
}

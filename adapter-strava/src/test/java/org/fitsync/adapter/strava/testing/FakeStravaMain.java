package org.fitsync.adapter.strava.testing;

import java.time.Instant;

/**
 * Runs the fake Strava for a demo: {@code FakeStravaMain [port] [activities]} serves athlete 1 with
 * a generated history. Point FitSync at it with {@code FITSYNC_STRAVA_BASE_URL=http://127.0.0.1:<port>},
 * {@code FITSYNC_STRAVA_CLIENT_ID=4242}, {@code FITSYNC_STRAVA_CLIENT_SECRET=fake-strava-client-secret}.
 */
public final class FakeStravaMain {

    private FakeStravaMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7071;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 450;
        FakeStrava strava = FakeStrava.start(FakeStravaConfig.realistic(), port);
        strava.addActivities(1, FakeStrava.history(10_000_000L, count, Instant.now(), 42));
        System.out.println(
                "Fake Strava on " + strava.baseUrl() + " with " + count + " activities for athlete 1 (client id "
                        + FakeStravaConfig.CLIENT_ID + ", secret " + FakeStravaConfig.CLIENT_SECRET + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(strava::close));
        Thread.currentThread().join();
    }
}

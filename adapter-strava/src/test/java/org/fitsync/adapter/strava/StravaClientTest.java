package org.fitsync.adapter.strava;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.adapter.strava.testing.FakeActivity;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.adapter.strava.testing.FakeStravaConfig;
import org.fitsync.adapter.strava.testing.InMemoryCredentials;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderActivity;
import org.fitsync.domain.imports.ProviderConnection;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.ports.out.imports.ProviderResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Strava client against the fake Strava, over real HTTP. */
class StravaClientTest {

    private static final UserId ALICE = new UserId("alice");
    private static final long ATHLETE = 77;
    private static final Instant NEWEST = Instant.parse("2026-11-01T07:00:00Z");

    private FakeStrava strava;
    private final InMemoryCredentials credentials = new InMemoryCredentials();

    @AfterEach
    void stop() {
        strava.close();
    }

    private StravaClient connect(FakeStravaConfig config, int maxRetries, int breakerThreshold) {
        strava = FakeStrava.start(config);
        strava.addActivities(ATHLETE, FakeStrava.history(1000, 450, NEWEST, 7));
        StravaClientSettings settings = new StravaClientSettings(
                strava.baseUrl(),
                config.clientId(),
                config.clientSecret(),
                config.rateWindow(),
                Duration.ofSeconds(5),
                maxRetries,
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                breakerThreshold,
                Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        StravaClient client = new StravaClient(settings, credentials, Clock.systemUTC());
        ProviderResult<ProviderConnection> exchanged = client.exchange(
                strava.authorizationCode(ATHLETE, "read,activity:read_all"), Set.of("read", "activity:read_all"));
        assertThat(exchanged).isInstanceOf(ProviderResult.Ok.class);
        ProviderConnection connection = ((ProviderResult.Ok<ProviderConnection>) exchanged).value();
        assertThat(connection.athleteId()).isEqualTo(ATHLETE);
        credentials.put(ALICE, connection);
        return client;
    }

    private static <T> T ok(ProviderResult<T> result) {
        assertThat(result).isInstanceOf(ProviderResult.Ok.class);
        return ((ProviderResult.Ok<T>) result).value();
    }

    @Test
    void pagesThroughTheWholeHistoryByTheBeforeCursor() {
        StravaClient client = connect(FakeStravaConfig.generous(), 2, 5);
        List<ProviderActivity> all = new ArrayList<>();
        Optional<Instant> before = Optional.empty();
        while (true) {
            List<ProviderActivity> page = ok(client.listActivities(ALICE, before, Optional.empty(), 200));
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            before = Optional.of(page.get(page.size() - 1).startDate());
        }
        assertThat(all).hasSize(450);
        assertThat(all.stream().map(ProviderActivity::id).distinct()).hasSize(450);
        assertThat(strava.requests("activities")).isEqualTo(4);
        FakeActivity newest = strava.activities(ATHLETE).get(0);
        ProviderActivity first = all.stream()
                .filter(a -> a.id().equals(Long.toString(newest.id())))
                .findFirst()
                .orElseThrow();
        // start_date, not start_date_local (which the fake sets an hour off).
        assertThat(first.startDate()).isEqualTo(newest.startDate());
        assertThat(first.sportType()).isEqualTo(newest.sportType());
    }

    @Test
    void aRangeWithOnlyAnAfterBoundIsStillListedNewestFirst() {
        StravaClient client = connect(FakeStravaConfig.generous(), 2, 5);
        Instant after = NEWEST.minus(java.time.Duration.ofDays(300));
        List<ProviderActivity> all = new ArrayList<>();
        Optional<Instant> before = Optional.empty();
        while (true) {
            List<ProviderActivity> page = ok(client.listActivities(ALICE, before, Optional.of(after), 200));
            if (page.isEmpty()) {
                break;
            }
            assertThat(page.get(0).startDate())
                    .isAfter(page.get(page.size() - 1).startDate());
            all.addAll(page);
            before = Optional.of(page.get(page.size() - 1).startDate());
        }
        long expected = strava.activities(ATHLETE).stream()
                .filter(a -> a.startDate().isAfter(after))
                .count();
        assertThat(all).hasSize((int) expected);
        assertThat(expected).isGreaterThan(200);
    }

    @Test
    void theTrackComesFromTheTimeLatlngAndAltitudeStreams() {
        StravaClient client = connect(FakeStravaConfig.generous(), 2, 5);
        FakeActivity run = strava.activities(ATHLETE).stream()
                .filter(FakeActivity::storesTrack)
                .findFirst()
                .orElseThrow();
        ProviderActivity activity = ok(client.activity(ALICE, Long.toString(run.id())));
        List<TrackPoint> track = ok(client.track(ALICE, activity));
        assertThat(track).hasSize(run.elapsedSeconds() / 30);
        assertThat(track.get(0).epochMs()).isEqualTo(run.startDate().toEpochMilli());
        assertThat(track.get(track.size() - 1).epochMs())
                .isEqualTo(run.startDate().plusSeconds(run.elapsedSeconds()).toEpochMilli());
        assertThat(track.get(0).lat()).isEqualTo(run.startLat());
        assertThat(track.get(0).elevationM()).hasValue(34.0);
    }

    @Test
    void anExpiredTokenIsRefreshedOnceForConcurrentCallersAndNoRotatedOutTokenIsReused() throws Exception {
        StravaClient client = connect(FakeStravaConfig.generous(), 2, 5);
        for (int round = 0; round < 3; round++) {
            strava.expireAccessTokens();
            ProviderConnection stale = credentials.current(ALICE).orElseThrow();
            // The stored expiry still looks good: the client learns from Strava's 401 and refreshes.
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<ProviderResult<List<ProviderActivity>>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<ProviderResult<List<ProviderActivity>>> call =
                        () -> client.listActivities(ALICE, Optional.empty(), Optional.empty(), 5);
                calls.add(pool.submit(call));
            }
            for (Future<ProviderResult<List<ProviderActivity>>> call : calls) {
                assertThat(ok(call.get())).hasSize(5);
            }
            pool.shutdown();
            assertThat(credentials.current(ALICE).orElseThrow().refreshToken()).isNotEqualTo(stale.refreshToken());
        }
        assertThat(strava.staleRefreshUses()).isZero();
        assertThat(strava.refreshes())
                .as("one refresh per expiry, however many callers")
                .isEqualTo(3);
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeUse() {
        StravaClient client = connect(FakeStravaConfig.generous().withAccessTokenTtl(Duration.ofSeconds(30)), 2, 5);
        // 30 s left is inside the 60 s margin: refreshed before the request, no 401 on the way.
        ok(client.listActivities(ALICE, Optional.empty(), Optional.empty(), 1));
        assertThat(strava.refreshes()).isEqualTo(1);
        assertThat(strava.expiredAccessUses()).isZero();
    }

    @Test
    void transient503sAreRetried() {
        StravaClient client = connect(FakeStravaConfig.generous(), 4, 5);
        strava.failNext(3, 503);
        assertThat(ok(client.listActivities(ALICE, Optional.empty(), Optional.empty(), 10)))
                .hasSize(10);
        assertThat(strava.injectedFailures()).isEqualTo(3);
    }

    @Test
    void aProviderThatKeepsFailingOpensTheCircuitBreaker() {
        StravaClient client = connect(FakeStravaConfig.generous(), 1, 2);
        strava.failNext(1000, 502);
        assertThat(client.listActivities(ALICE, Optional.empty(), Optional.empty(), 10))
                .isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(client.listActivities(ALICE, Optional.empty(), Optional.empty(), 10))
                .isInstanceOf(ProviderResult.Unavailable.class);
        int sent = strava.apiRequests();
        ProviderResult<List<ProviderActivity>> open =
                client.listActivities(ALICE, Optional.empty(), Optional.empty(), 10);
        assertThat(open).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(((ProviderResult.Unavailable<?>) open).retryAt())
                .isAfter(Instant.now().plusSeconds(20));
        assertThat(strava.apiRequests())
                .as("no request while the breaker is open")
                .isEqualTo(sent);
    }

    @Test
    void theReadLimitFromTheHeadersStopsRequestsBeforeA429UntilTheNextWindow() {
        StravaClient client = connect(FakeStravaConfig.generous().withRateLimits(Duration.ofHours(1), 5), 2, 5);
        int ok = 0;
        ProviderResult<List<ProviderActivity>> result =
                client.listActivities(ALICE, Optional.empty(), Optional.empty(), 1);
        while (result instanceof ProviderResult.Ok) {
            ok++;
            result = client.listActivities(ALICE, Optional.empty(), Optional.empty(), 1);
        }
        assertThat(result).isInstanceOf(ProviderResult.RateLimited.class);
        long window = 3600;
        Instant expected = Instant.ofEpochSecond((Instant.now().getEpochSecond() / window + 1) * window)
                .plusSeconds(2);
        assertThat(((ProviderResult.RateLimited<?>) result).resumeAt()).isEqualTo(expected);
        assertThat(ok).isEqualTo(5);
        assertThat(strava.tooManyRequests()).isZero();
    }

    @Test
    void deauthorisationWorksWithAnExpiredAccessToken() {
        StravaClient client = connect(FakeStravaConfig.generous(), 1, 5);
        // The token has expired for Strava and, by its stored expiry, for FitSync too.
        strava.expireAccessTokens();
        ProviderConnection current = credentials.current(ALICE).orElseThrow();
        credentials.put(
                ALICE,
                current.withTokens(
                        current.accessToken(),
                        current.refreshToken(),
                        Instant.now().minusSeconds(1)));
        client.deauthorize(credentials.current(ALICE).orElseThrow());
        assertThat(strava.deauthorized(ATHLETE)).isTrue();
    }

    @Test
    void anUnknownCodeIsRejected() {
        StravaClient client = connect(FakeStravaConfig.generous(), 0, 5);
        assertThat(client.exchange("no-such-code", Set.of("activity:read")))
                .isInstanceOf(ProviderResult.Unauthorized.class);
        assertThat(client.authorizeUrl(URI.create("http://localhost/cb"), "s1").toString())
                .startsWith(strava.baseUrl() + "/oauth/authorize?client_id=4242")
                .contains("state=s1");
    }
}

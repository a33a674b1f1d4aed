package org.fitsync.app.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "Slow clients and overload": 16 phones on a bad network doing a large first sync, each
 * reading its response a kilobyte at a time, must not hold up anybody else. While they read, other
 * users' pushes, pulls and ingests each answer within 3 s and never with a 5xx. The pool is small
 * (4 connections), so that a pull holding its connection while its client reads would hold the
 * whole pool, as it did: everyone else then waited 10 s for a {@code 500}.
 */
class SlowClientsTest {

    private static final int SLOW_PHONES = 16;
    private static final int RECORDS_PER_USER = 20_000;
    private static final int OTHER_USERS = 4;
    private static final Duration MEASURED = Duration.ofSeconds(10);
    private static final Duration BOUND = Duration.ofSeconds(3);

    @Test
    void slowFirstSyncsHoldUpNobodyElse() throws Exception {
        try (TestServer server = TestServer.start(Map.of("FITSYNC_DATABASE_POOL_SIZE", "4"))) {
            List<String> slowUsers = IntStream.range(0, SLOW_PHONES)
                    .mapToObj(i -> "slow-phone-" + i)
                    .toList();
            LargeDataSets.seed(server.ownerDataSource(), slowUsers, RECORDS_PER_USER);
            List<OtherUser> others = IntStream.range(0, OTHER_USERS)
                    .mapToObj(i -> new OtherUser(server, "other-" + i))
                    .toList();
            others.forEach(OtherUser::firstSync);

            ExecutorService pool = Executors.newFixedThreadPool(SLOW_PHONES + OTHER_USERS);
            List<SlowPullReader> phones = new ArrayList<>();
            try {
                List<Future<Integer>> started = new ArrayList<>();
                for (String user : slowUsers) {
                    SlowPullReader phone = new SlowPullReader(
                            server.uri("/").getPort(), server.token(user), 1024, Duration.ofMillis(100));
                    phones.add(phone);
                    started.add(pool.submit(() -> phone.start(Duration.ofMinutes(2))));
                }
                for (Future<Integer> status : started) {
                    assertThat(status.get(3, TimeUnit.MINUTES)).isEqualTo(200);
                }
                // Every phone now sits in its response body, reading slowly: none holds a connection.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> Scrape.sum(server, "hikaricp_connections_active", "pool=\"fitsync\"") == 0);

                long until = System.nanoTime() + MEASURED.toNanos();
                List<Future<List<OtherUser.Call>>> working = new ArrayList<>();
                for (OtherUser other : others) {
                    working.add(pool.submit(() -> other.workUntil(until)));
                }
                List<OtherUser.Call> calls = new ArrayList<>();
                for (Future<List<OtherUser.Call>> user : working) {
                    calls.addAll(user.get(2, TimeUnit.MINUTES));
                }

                report(calls, phones);
                assertThat(calls).hasSizeGreaterThan(3 * OTHER_USERS);
                assertThat(calls)
                        .as("every other user's request succeeded")
                        .allSatisfy(call ->
                                assertThat(call.status()).as(call.toString()).isEqualTo(200));
                assertThat(calls)
                        .as("and answered within " + BOUND)
                        .allSatisfy(call ->
                                assertThat(call.took()).as(call.toString()).isLessThan(BOUND));
                assertThat(phones)
                        .as("the slow phones were still reading their first sync all along")
                        .allSatisfy(phone -> assertThat(phone.bodyRead())
                                .isLessThan(phone.contentLength().orElseThrow()));
            } finally {
                for (SlowPullReader phone : phones) {
                    phone.close();
                }
                pool.shutdownNow();
            }
            // A phone that drops its connection gives its pull place back.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Scrape.sum(server, "fitsync_admission_in_flight", "class=\"pull\"") == 0);
        }
    }

    private static void report(List<OtherUser.Call> calls, List<SlowPullReader> phones) {
        for (String operation : List.of("push", "pull", "ingest")) {
            List<Duration> took = calls.stream()
                    .filter(c -> c.operation().equals(operation))
                    .map(OtherUser.Call::took)
                    .sorted(Comparator.naturalOrder())
                    .toList();
            if (!took.isEmpty()) {
                System.out.printf(
                        "SLOW-CLIENTS %s: %d calls, p50 %d ms, p99 %d ms, max %d ms%n",
                        operation,
                        took.size(),
                        took.get(took.size() / 2).toMillis(),
                        took.get(Math.min(took.size() - 1, (int) Math.ceil(took.size() * 0.99) - 1))
                                .toMillis(),
                        took.get(took.size() - 1).toMillis());
            }
        }
        System.out.printf(
                "SLOW-CLIENTS phones: %d, refused before taken %d times in all, response %d bytes each, read %d–%d bytes%n",
                phones.size(),
                phones.stream().mapToInt(SlowPullReader::refusals).sum(),
                phones.get(0).contentLength().orElse(-1),
                phones.stream().mapToLong(SlowPullReader::bodyRead).min().orElse(0),
                phones.stream().mapToLong(SlowPullReader::bodyRead).max().orElse(0));
    }
}

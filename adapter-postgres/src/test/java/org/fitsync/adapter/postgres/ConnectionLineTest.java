package org.fitsync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectionLineTest {

    private static HikariDataSource pool;

    @BeforeAll
    static void start() {
        DatabaseSettings settings = PostgresTestDatabase.fresh();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.appUser());
        config.setPassword(settings.appPassword());
        config.setMaximumPoolSize(1);
        // Short, so a place handed out twice would show as the pool's own timeout, not the line's.
        config.setConnectionTimeout(2_000);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void waitingRequestsGetTheConnectionInTheOrderTheyAskedForIt() throws Exception {
        ConnectionLine line = new ConnectionLine(pool, 1, Duration.ofSeconds(30), null);
        List<String> served = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        try (Connection held = line.getConnection()) {
            for (String name : List.of("first", "second", "third")) {
                int ahead = line.waiting();
                new Thread(() -> {
                            try (Connection connection = line.getConnection()) {
                                served.add(name);
                                connection.createStatement().execute("SELECT 1");
                            } catch (Exception e) {
                                served.add(name + " failed: " + e);
                            } finally {
                                done.countDown();
                            }
                        })
                        .start();
                // The next one asks only once this one is in line.
                await().atMost(Duration.ofSeconds(10)).until(() -> line.waiting() == ahead + 1);
            }
            assertThat(held.isValid(1)).isTrue();
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(served).containsExactly("first", "second", "third");
    }

    @Test
    void noPlaceWithinTheTimeoutIsTheOverloadTheHttpAdapterAnswers503() throws Exception {
        ConnectionLine line = new ConnectionLine(pool, 1, Duration.ofMillis(250), null);
        try (Connection held = line.getConnection()) {
            assertThatThrownBy(line::getConnection)
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("250 ms");
            assertThat(held.isClosed()).isFalse();
        }
        try (Connection again = line.getConnection()) {
            assertThat(again.isValid(1))
                    .as("the place came back when the holder closed")
                    .isTrue();
        }
    }

    @Test
    void closingTwiceGivesThePlaceBackOnce() throws Exception {
        ConnectionLine line = new ConnectionLine(pool, 1, Duration.ofMillis(250), null);
        Connection connection = line.getConnection();
        connection.close();
        connection.close();

        try (Connection next = line.getConnection()) {
            assertThat(next.isValid(1)).isTrue();
            assertThatThrownBy(line::getConnection)
                    .as("one place only, not two after the double close")
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("within 250 ms");
        }
    }

    @Test
    void aRequestThatAsksAgainAtOnceQueuesBehindTheOneAlreadyWaiting() throws Exception {
        ConnectionLine line = new ConnectionLine(pool, 1, Duration.ofSeconds(30), null);
        List<String> served = new CopyOnWriteArrayList<>();
        Connection held = line.getConnection();
        Thread waiter = new Thread(() -> {
            try (Connection connection = line.getConnection()) {
                served.add(connection.isValid(1) ? "waiter" : "waiter with a broken connection");
            } catch (Exception e) {
                served.add("waiter failed: " + e);
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> line.waiting() == 1);

        // No overtaking: the place given back goes to the request already waiting.
        held.close();
        try (Connection again = line.getConnection()) {
            served.add(again.isValid(1) ? "newcomer" : "newcomer with a broken connection");
        }

        waiter.join(30_000);
        assertThat(served).containsExactly("waiter", "newcomer");
    }

    @Test
    void aConnectionFromTheLineIsEqualToItselfAndToNoOther() throws Exception {
        ConnectionLine line = new ConnectionLine(pool, 1, Duration.ofSeconds(5), null);
        Connection first = line.getConnection();
        first.close();
        try (Connection second = line.getConnection()) {
            Object kept = second;
            assertThat(second.equals(kept)).as("equal to itself").isTrue();
            assertThat(second.equals(first)).isFalse();
        }
    }
}

package org.fitsync.adapter.postgres;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connections, handed out first come, first served. HikariCP lets a thread that asks for a
 * connection take one just given back even while others have waited longer; on a saturated node that
 * decides who waits, and the unlucky requests wait several turns (docs/adr/0028). Here a request takes
 * a place in one fair line (as many places as the pool has connections) before it asks the pool, and
 * gives the place back when it closes the connection, so waits are shared out evenly. A request that
 * finds no place within the pool's own timeout fails as the pool would, with
 * {@link SQLTransientConnectionException}: overload, answered {@code 503}.
 */
final class ConnectionLine implements DataSource {

    private final DataSource pool;
    private final Semaphore places;
    private final long timeoutNanos;
    private final Timer waits;
    private final Counter timeouts;

    ConnectionLine(DataSource pool, int connections, Duration timeout, MeterRegistry metrics) {
        this.pool = pool;
        this.places = new Semaphore(connections, true);
        this.timeoutNanos = timeout.toNanos();
        MeterRegistry registry = metrics == null ? new SimpleMeterRegistry() : metrics;
        // The pool's own acquire time no longer shows the wait: it is spent here, in line.
        this.waits = Timer.builder("fitsync.database.connection.wait")
                .description("Time a request waited for a database connection, in line and from the pool")
                .register(registry);
        this.timeouts = Counter.builder("fitsync.database.connection.timeouts")
                .description("Requests that found no place in line within the pool's timeout")
                .register(registry);
        Gauge.builder("fitsync.database.connection.waiting", places, Semaphore::getQueueLength)
                .description("Requests waiting in line for a database connection")
                .register(registry);
    }

    @Override
    public Connection getConnection() throws SQLException {
        long started = System.nanoTime();
        try {
            return waitForConnection();
        } finally {
            waits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private Connection waitForConnection() throws SQLException {
        try {
            if (!places.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                timeouts.increment();
                throw new SQLTransientConnectionException("no database connection came free within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a database connection", e);
        }
        try {
            return placeHolding(pool.getConnection());
        } catch (SQLException | RuntimeException e) {
            places.release();
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool connects as its configured user");
    }

    /** The connection, which gives its place in line back (once) when it is closed. */
    private Connection placeHolding(Connection connection) {
        AtomicBoolean held = new AtomicBoolean(true);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    connection.close();
                } finally {
                    if (held.compareAndSet(true, false)) {
                        places.release();
                    }
                }
                return null;
            }
            // The proxy is its own identity, so it stays equal to itself wherever it is kept.
            if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            return invoke(connection, method, args);
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Connections waiting for a place now. */
    int waiting() {
        return places.getQueueLength();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return pool.isWrapperFor(type);
    }
}

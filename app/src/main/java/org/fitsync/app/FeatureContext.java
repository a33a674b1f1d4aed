package org.fitsync.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;

/** What every feature's wiring may use: configuration, the database, shared HTTP helpers. */
record FeatureContext(
        AppConfig config,
        Environment environment,
        Clock clock,
        PostgresDatabase database,
        PostgresTransactions transactions,
        PostgresSyncVersions versions,
        ObjectMapper json,
        JsonBody jsonBody,
        MeterRegistry metrics) {}

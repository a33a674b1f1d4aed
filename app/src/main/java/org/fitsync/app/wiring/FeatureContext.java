package org.fitsync.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;

/**
 * What every feature's wiring may use: the database, the clock, shared HTTP helpers and metrics. A
 * feature's configuration is handed to its wiring on its own, so no wiring reads another's.
 */
public record FeatureContext(
        Clock clock,
        PostgresDatabase database,
        PostgresTransactions transactions,
        PostgresSyncVersions versions,
        ObjectMapper json,
        JsonBody jsonBody,
        MeterRegistry metrics) {}

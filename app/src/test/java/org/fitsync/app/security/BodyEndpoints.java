package org.fitsync.app.security;

import java.util.List;
import java.util.Optional;

/**
 * Every FitSync endpoint that takes a body: the hostile-input corpus, the fuzz targets and the SQL
 * metacharacter test all iterate this table. Adding an endpoint is one line here.
 */
public final class BodyEndpoints {

    public static final List<BodyEndpoint> ALL = List.of(
            BodyEndpoint.user("ingest-steps", "POST", "/api/v1/ingest/steps",
                    "{\"source\":\"healthkit\",\"items\":[{\"date\":\"2026-11-20\",\"steps\":8123}]}"),
            BodyEndpoint.user("ingest-sleep", "POST", "/api/v1/ingest/sleep",
                    "{\"source\":\"garmin\",\"items\":[{\"date\":\"2026-11-20\",\"start\":\"2026-11-19T23:00:00Z\","
                            + "\"end\":\"2026-11-20T06:11:00Z\",\"total_min\":431,\"deep_min\":80,\"light_min\":250,"
                            + "\"rem_min\":90,\"awake_min\":11}]}"),
            BodyEndpoint.user("entry-put", "PUT", "/api/v1/entries/2026-11-20",
                    "{\"steps\":1200,\"sleep_min\":400,\"sleep_quality\":4,\"notes\":\"felt fine\"}"),
            BodyEndpoint.user("pairing-code", "POST", "/api/v1/pairing-codes", "{}"),
            BodyEndpoint.coach("coach-link", "POST", "/api/v1/coach/clients", "{\"code\":\"K7Q2-9XPA\"}"),
            BodyEndpoint.coach("coach-entry-put", "PUT", "/api/v1/coach/clients/{client}/entries/2026-11-21",
                    "{\"steps\":900,\"notes\":\"coach says hi\"}"));

    private BodyEndpoints() {}

    public static Optional<BodyEndpoint> named(String name) {
        return ALL.stream().filter(endpoint -> endpoint.name().equals(name)).findFirst();
    }
}

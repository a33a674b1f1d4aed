package org.fitsync.client.jvm.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.remote.CollectionChanges;
import org.fitsync.client.remote.Exchange;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.ValidationResult;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/** Builders and unwrapping for the transport's tests. */
final class Wire {

    private Wire() {}

    static WireRecord record(String id, long updatedAt, Map<String, Value> values) {
        return new WireRecord(new RecordId(id), values, updatedAt, updatedAt);
    }

    static CollectionChanges created(WireRecord... records) {
        return new CollectionChanges(List.of(records), List.of(), List.of());
    }

    static CollectionChanges updated(WireRecord... records) {
        return new CollectionChanges(List.of(), List.of(records), List.of());
    }

    static CollectionChanges deleted(String... ids) {
        return new CollectionChanges(
                List.of(), List.of(), List.of(ids).stream().map(RecordId::new).toList());
    }

    static <T> T answered(Exchange<T> exchange) {
        if (exchange instanceof Exchange.Answered<T> answered) {
            return answered.value();
        }
        throw new AssertionError("expected an answer, got " + exchange);
    }

    static TransportFailure.HttpError httpError(Exchange<?> exchange) {
        if (exchange instanceof Exchange.Failed<?> failed
                && failed.failure() instanceof TransportFailure.HttpError error) {
            return error;
        }
        throw new AssertionError("expected an HTTP error, got " + exchange);
    }

    static TransportFailure.Unreachable unreachable(Exchange<?> exchange) {
        if (exchange instanceof Exchange.Failed<?> failed
                && failed.failure() instanceof TransportFailure.Unreachable unreachable) {
            return unreachable;
        }
        throw new AssertionError("expected unreachable, got " + exchange);
    }

    /** A 45-minute run of {@code points} fixes with awkward doubles, valid by the server's rules. */
    static NewRun run(UUID id, double distanceM, int points) {
        Instant start = Instant.parse("2026-11-20T07:00:00Z");
        Instant end = start.plusSeconds(2710);
        Track.Builder track = Track.builder(points);
        for (int i = 0; i < points; i++) {
            long at = start.toEpochMilli() + i * 2_000L;
            double lat = 52.52001 + i * 0.000013;
            double lon = 13.40495 + i * 0.0000171;
            if (i % 3 == 0) {
                track.add(at, lat, lon);
            } else {
                track.add(at, lat, lon, 34.2 + i / 7.0);
            }
        }
        RunDraft draft = new RunDraft(
                Optional.of(id.toString()),
                Optional.of(start.toString()),
                Optional.of(end.toString()),
                Optional.of(2710L),
                Optional.of(distanceM),
                Optional.of("phone"),
                Optional.of("easy 10k \"négatif\" ✓"),
                Optional.of("{\"device\":\"Pixel 9\",\"laps\":[1,2.5]}"),
                Optional.of(track.build()),
                Optional.empty(),
                Optional.empty());
        ValidationResult result = RunValidation.validate(draft);
        if (result instanceof ValidationResult.Valid valid) {
            return valid.run();
        }
        throw new AssertionError("test run is invalid: " + result);
    }

    /** A URI on which nothing listens: a port that was free a moment ago. */
    static URI nothingListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}

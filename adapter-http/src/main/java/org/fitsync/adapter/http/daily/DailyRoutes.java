package org.fitsync.adapter.http.daily;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.IngestStatus;
import org.fitsync.domain.daily.ManualAuthor;
import org.fitsync.ports.in.daily.IngestSleepCommand;
import org.fitsync.ports.in.daily.IngestSleepUseCase;
import org.fitsync.ports.in.daily.IngestStepsCommand;
import org.fitsync.ports.in.daily.IngestStepsUseCase;
import org.fitsync.ports.in.daily.ListDailyEntriesQuery;
import org.fitsync.ports.in.daily.ListDailyEntriesUseCase;
import org.fitsync.ports.in.daily.RecordManualEntryCommand;
import org.fitsync.ports.in.daily.RecordManualEntryUseCase;

/** Steps and sleep ingestion, manual entries and the history of days. */
public final class DailyRoutes implements RouteModule {

    private final IngestStepsUseCase steps;
    private final IngestSleepUseCase sleep;
    private final RecordManualEntryUseCase manual;
    private final ListDailyEntriesUseCase history;
    private final JsonBody body;
    private final MeterRegistry metrics;

    public DailyRoutes(
            IngestStepsUseCase steps,
            IngestSleepUseCase sleep,
            RecordManualEntryUseCase manual,
            ListDailyEntriesUseCase history,
            JsonBody body,
            MeterRegistry metrics) {
        this.steps = steps;
        this.sleep = sleep;
        this.manual = manual;
        this.history = history;
        this.body = body;
        this.metrics = metrics;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/ingest/steps", this::ingestSteps);
        routes.post("/api/v1/ingest/sleep", this::ingestSleep);
        routes.put("/api/v1/entries/{date}", this::putEntry);
        routes.get("/api/v1/entries", this::listEntries);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/daily.json");
    }

    private void ingestSteps(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        var batch = BatchReader.read(body.readObject(ctx), ReadingReaders::steps);
        List<IngestStatus> statuses = steps.ingestSteps(new IngestStepsCommand(user, batch.source(), batch.readings()));
        respond(ctx, "steps", batch, statuses);
    }

    private void ingestSleep(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        var batch = BatchReader.read(body.readObject(ctx), ReadingReaders::sleep);
        List<IngestStatus> statuses = sleep.ingestSleep(new IngestSleepCommand(user, batch.source(), batch.readings()));
        respond(ctx, "sleep", batch, statuses);
    }

    /** 200 when every item was accepted, 207 with each item's result when some were not. */
    private <T> void respond(Context ctx, String kind, BatchReader.Batch<T> batch, List<IngestStatus> statuses) {
        Iterator<IngestStatus> stored = statuses.iterator();
        List<Map<String, Object>> results = new ArrayList<>();
        boolean allAccepted = true;
        for (BatchReader.Item<T> item : batch.items()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", item.index());
            if (item instanceof BatchReader.Item.Invalid<T> invalid) {
                allAccepted = false;
                result.put("status", "error");
                result.put("errors", invalid.errors());
            } else {
                result.put("status", stored.next().wireName());
            }
            results.add(result);
            count(kind, batch.source().wireName(), (String) result.get("status"));
        }
        ctx.status(allAccepted ? 200 : 207).json(Map.of("results", results));
    }

    /** Items by kind, platform and outcome: a rising error share points at a misbehaving client. */
    private void count(String kind, String source, String status) {
        metrics.counter("fitsync.daily.ingest.items", "kind", kind, "source", source, "status", status)
                .increment();
    }

    private void putEntry(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        var date = DateParams.pathDate(ctx);
        JsonNode json = body.readObject(ctx);
        var entry = manual.record(
                new RecordManualEntryCommand(user, date, ManualEditReader.read(json), ManualAuthor.owner()));
        ctx.json(EntryJson.entry(entry));
    }

    private void listEntries(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        DateParams.Range range = DateParams.range(ctx);
        ctx.json(EntryJson.items(history.list(new ListDailyEntriesQuery(user, range.from(), range.to()))));
    }
}

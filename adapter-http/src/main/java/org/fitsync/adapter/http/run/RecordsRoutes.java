package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.domain.run.BestEffort;
import org.fitsync.domain.run.PersonalRecords;
import org.fitsync.ports.in.run.GetPersonalRecordsUseCase;
import org.fitsync.ports.in.run.PersonalRecordsQuery;

/**
 * {@code GET /api/v1/records}: the caller's personal records (docs/api.md, Personal records). A
 * distance no canonical run covered is left out of {@code best_efforts}; a missing longest run or
 * climb is {@code null}.
 */
public final class RecordsRoutes implements RouteModule {

    private static final String RECORDS = "/api/v1/records";

    private final GetPersonalRecordsUseCase records;
    private final ObjectMapper mapper;

    public RecordsRoutes(GetPersonalRecordsUseCase records, ObjectMapper mapper) {
        this.records = records;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(RECORDS, this::records);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/records.json");
    }

    private void records(Context ctx) {
        PersonalRecords held = records.records(
                new PersonalRecordsQuery(Authentication.caller(ctx).user()));
        ObjectNode body = mapper.createObjectNode();
        ArrayNode efforts = body.putArray("best_efforts");
        for (PersonalRecords.Effort record : held.bestEfforts()) {
            BestEffort effort = record.effort();
            ObjectNode item = efforts.addObject();
            item.put("distance", effort.distance().wireName());
            item.put("distance_m", effort.distance().metres());
            item.put("time_s", effort.elapsedMs() / 1000.0);
            item.put("pace_s_per_km", Math.round(effort.paceSPerKm() * 10) / 10.0);
            item.put("run_id", record.runId().toString());
            item.put("run_started_at", record.runStartedAt().toString());
            item.put("started_at", effort.startedAt().toString());
            item.put(
                    "offset_s",
                    (effort.startedAt().toEpochMilli() - record.runStartedAt().toEpochMilli()) / 1000.0);
        }
        body.set("longest_run", mark(held.longestRun(), "distance_m"));
        body.set("biggest_climb", mark(held.biggestClimb(), "elevation_gain_m"));
        ctx.json(body);
    }

    private ObjectNode mark(Optional<PersonalRecords.RunMark> mark, String field) {
        if (!mark.isPresent()) {
            return null;
        }
        ObjectNode node = mapper.createObjectNode();
        node.put("run_id", mark.get().runId().toString());
        node.put("started_at", mark.get().startedAt().toString());
        node.put(field, mark.get().metres());
        return node;
    }
}

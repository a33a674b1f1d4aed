package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PeriodTotals;
import org.fitsync.domain.run.StatsPeriod;
import org.fitsync.ports.in.run.GetRunStatsUseCase;
import org.fitsync.ports.in.run.RunStatsQuery;

/**
 * {@code GET /api/v1/stats}: a runner's totals per week, month or year (docs/api.md, Statistics). A
 * bad parameter is a {@code 400} whose detail starts with the parameter's name, as on the history.
 */
public final class StatsRoutes implements RouteModule {

    private static final String STATS = "/api/v1/stats";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    /**
     * Region-based IANA names only: an offset such as {@code +02:00} means the opposite sign to
     * PostgreSQL's POSIX rules, and the database must read the zone as the JDK does.
     */
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final GetRunStatsUseCase stats;
    private final ObjectMapper mapper;

    public StatsRoutes(GetRunStatsUseCase stats, ObjectMapper mapper) {
        this.stats = stats;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(STATS, this::stats);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/stats.json");
    }

    private void stats(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        StatsPeriod period = period(ctx.queryParam("period"));
        ZoneId zone = zone(ctx.queryParam("tz"));
        Optional<LocalDate> from = date(ctx, "from");
        Optional<LocalDate> to = date(ctx, "to");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw ProblemException.badRequest("from must not be after to");
        }
        List<PeriodTotals> periods = stats.stats(new RunStatsQuery(user, period, zone, from, to));
        ObjectNode body = mapper.createObjectNode();
        body.put("period", period.wireName());
        body.put("tz", zone.getId());
        ArrayNode items = body.putArray("items");
        long count = 0;
        double distance = 0;
        long moving = 0;
        double gain = 0;
        Optional<PeriodTotals> longest = Optional.empty();
        for (PeriodTotals totals : periods) {
            ObjectNode item = items.addObject();
            item.put("start", totals.start().toString());
            item.put("end", end(totals.start(), period).toString());
            totalsInto(item, totals.count(), totals.distanceM(), totals.movingTimeS(), totals.elevationGainM());
            item.put("longest_run_m", totals.longestRunM());
            item.put("longest_run_id", totals.longestRunId().toString());
            count += totals.count();
            distance += totals.distanceM();
            moving += totals.movingTimeS();
            gain += totals.elevationGainM();
            if (longest.isEmpty() || totals.longestRunM() > longest.get().longestRunM()) {
                longest = Optional.of(totals);
            }
        }
        ObjectNode total = body.putObject("total");
        totalsInto(total, count, distance, moving, Math.round(gain * 10) / 10.0);
        total.put("longest_run_m", longest.map(PeriodTotals::longestRunM).orElse(0.0));
        total.put(
                "longest_run_id",
                longest.map(PeriodTotals::longestRunId).map(UUID::toString).orElse(null));
        ctx.json(body);
    }

    private static void totalsInto(ObjectNode node, long count, double distanceM, long movingTimeS, double gainM) {
        node.put("count", count);
        node.put("distance_m", distanceM);
        node.put("moving_time_s", movingTimeS);
        node.put("elevation_gain_m", gainM);
    }

    private static LocalDate end(LocalDate start, StatsPeriod period) {
        return switch (period) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
    }

    private static StatsPeriod period(String raw) {
        if (raw == null) {
            throw ProblemException.badRequest("period is required: week, month or year");
        }
        return StatsPeriod.fromWire(raw)
                .orElseThrow(() -> ProblemException.badRequest("period must be week, month or year"));
    }

    private static ZoneId zone(String raw) {
        if (raw == null) {
            return UTC;
        }
        if (!ZONES.contains(raw)) {
            throw ProblemException.badRequest("tz must be an IANA time zone name such as Europe/Berlin or UTC");
        }
        return ZoneId.of(raw);
    }

    private static Optional<LocalDate> date(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            if (DATE.matcher(raw).matches()) {
                LocalDate date = LocalDate.parse(raw);
                if (!date.isBefore(EARLIEST)) {
                    return Optional.of(date);
                }
            }
        } catch (DateTimeException e) {
            // reported below
        }
        throw ProblemException.badRequest(name + " must be a calendar date YYYY-MM-DD from 1970-01-01 to 9999-12-31");
    }
}

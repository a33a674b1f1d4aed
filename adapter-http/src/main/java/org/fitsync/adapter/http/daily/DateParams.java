package org.fitsync.adapter.http.daily;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.Optional;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.domain.daily.DailyLimits;

/** Dates in paths and query strings; a bad one is a {@code 400}. */
public final class DateParams {

    /** A {@code from}..{@code to} range, both inclusive, either open. */
    public record Range(Optional<LocalDate> from, Optional<LocalDate> to) {}

    private DateParams() {}

    public static LocalDate pathDate(Context ctx) {
        String text = ctx.pathParam("date");
        return DailyLimits.parseDate(text)
                .orElseThrow(() -> ProblemException.badRequest("date must be a calendar date YYYY-MM-DD"));
    }

    public static Range range(Context ctx) {
        Optional<LocalDate> from = query(ctx, "from");
        Optional<LocalDate> to = query(ctx, "to");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw ProblemException.badRequest("from must not be after to");
        }
        return new Range(from, to);
    }

    private static Optional<LocalDate> query(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(DailyLimits.parseDate(text)
                .orElseThrow(() -> ProblemException.badRequest(name + " must be a calendar date YYYY-MM-DD")));
    }
}

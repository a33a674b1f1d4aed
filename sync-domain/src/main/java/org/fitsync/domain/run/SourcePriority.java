package org.fitsync.domain.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The order in which sources win when two runs record the same activity: earlier in the list is
 * more trustworthy. Every source appears exactly once, so any two sources are comparable.
 */
public record SourcePriority(List<Source> order) {

    public static final SourcePriority DEFAULT =
            new SourcePriority(List.of(Source.GARMIN, Source.STRAVA, Source.PHONE, Source.HEALTHKIT, Source.MANUAL));

    public SourcePriority {
        order = List.copyOf(order);
        if (order.size() != Source.values().length || EnumSet.copyOf(order).size() != order.size()) {
            throw new IllegalArgumentException("the priority must name every source exactly once");
        }
    }

    /**
     * Parses a comma-separated list such as {@code garmin,strava,phone,healthkit,manual}; empty when
     * a name is unknown, repeated or missing.
     */
    public static Optional<SourcePriority> parse(String text) {
        List<Source> sources = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Optional<Source> source = Source.fromWire(part.trim());
            if (!source.isPresent() || sources.contains(source.get())) {
                return Optional.empty();
            }
            sources.add(source.get());
        }
        return sources.size() == Source.values().length ? Optional.of(new SourcePriority(sources)) : Optional.empty();
    }

    /** Positive when {@code a} outranks {@code b}, negative when {@code b} does, zero when equal. */
    public int compare(Source a, Source b) {
        return Integer.compare(order.indexOf(b), order.indexOf(a));
    }
}

package org.fitsync.domain.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which sources win when two runs record the same activity: earlier in the list is
 * more trustworthy. Every source appears exactly once, so any two sources are comparable.
 */
public record SourcePriority(List<Source> order) {

    /** Watches' own platforms first: they record the activity; Strava and the rest relay or estimate it. */
    public static final SourcePriority DEFAULT = new SourcePriority(List.of(
            Source.GARMIN,
            Source.COROS,
            Source.POLAR,
            Source.SUUNTO,
            Source.WAHOO,
            Source.STRAVA,
            Source.PHONE,
            Source.HEALTHKIT,
            Source.MANUAL));

    /**
     * Sources added after the first five: a configured list written before them, which names only the
     * first five, stays valid, and these take their default place right after {@code garmin}.
     */
    private static final List<Source> LATER_SOURCES = List.of(Source.COROS, Source.POLAR, Source.SUUNTO, Source.WAHOO);

    public SourcePriority {
        order = List.copyOf(order);
        if (order.size() != Source.values().length || EnumSet.copyOf(order).size() != order.size()) {
            throw new IllegalArgumentException("the priority must name every source exactly once");
        }
    }

    /**
     * Parses a comma-separated list such as {@code garmin,coros,polar,suunto,wahoo,strava,phone,healthkit,manual};
     * empty when a name is unknown, repeated or missing. A list naming none of {@code coros},
     * {@code polar}, {@code suunto} and {@code wahoo} (as every list did before they existed) gets
     * them right after {@code garmin}, in that order.
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
        Set<Source> named = EnumSet.copyOf(sources);
        if (sources.size() == Source.values().length - LATER_SOURCES.size()
                && LATER_SOURCES.stream().noneMatch(named::contains)) {
            sources.addAll(sources.indexOf(Source.GARMIN) + 1, LATER_SOURCES);
        }
        return sources.size() == Source.values().length ? Optional.of(new SourcePriority(sources)) : Optional.empty();
    }

    /** Positive when {@code a} outranks {@code b}, negative when {@code b} does, zero when equal. */
    public int compare(Source a, Source b) {
        return Integer.compare(order.indexOf(b), order.indexOf(a));
    }
}

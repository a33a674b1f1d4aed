package org.fitsync.domain.daily;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Minutes per sleep stage, each optional because not every device reports every stage. */
public record SleepStages(
        Optional<Integer> deepMin, Optional<Integer> lightMin, Optional<Integer> remMin, Optional<Integer> awakeMin) {

    public SleepStages {
        Objects.requireNonNull(deepMin, "deepMin");
        Objects.requireNonNull(lightMin, "lightMin");
        Objects.requireNonNull(remMin, "remMin");
        Objects.requireNonNull(awakeMin, "awakeMin");
    }

    public static SleepStages none() {
        return new SleepStages(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    int sum() {
        return Stream.of(deepMin, lightMin, remMin, awakeMin)
                .filter(Optional::isPresent)
                .mapToInt(Optional::get)
                .sum();
    }
}

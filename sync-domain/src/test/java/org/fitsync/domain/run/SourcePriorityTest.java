package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourcePriorityTest {

    @Test
    void watchPlatformsRankAfterGarminAndBeforeStravaByDefault() {
        assertThat(SourcePriority.DEFAULT.order())
                .containsExactly(
                        Source.GARMIN,
                        Source.COROS,
                        Source.POLAR,
                        Source.SUUNTO,
                        Source.WAHOO,
                        Source.STRAVA,
                        Source.PHONE,
                        Source.HEALTHKIT,
                        Source.MANUAL);
    }

    @Test
    void aListWrittenBeforeTheWatchPlatformsStaysValid() {
        assertThat(SourcePriority.parse("phone,garmin,strava,healthkit,manual")
                        .orElseThrow()
                        .order())
                .containsExactly(
                        Source.PHONE,
                        Source.GARMIN,
                        Source.COROS,
                        Source.POLAR,
                        Source.SUUNTO,
                        Source.WAHOO,
                        Source.STRAVA,
                        Source.HEALTHKIT,
                        Source.MANUAL);
    }

    @Test
    void aFullListIsTakenAsGivenAndAPartialOneRefused() {
        assertThat(SourcePriority.parse("wahoo,suunto,polar,coros,garmin,strava,phone,healthkit,manual")
                        .orElseThrow()
                        .compare(Source.WAHOO, Source.GARMIN))
                .isPositive();
        assertThat(SourcePriority.parse("garmin,coros,strava,phone,healthkit,manual"))
                .isEmpty();
        assertThat(SourcePriority.parse("garmin")).isEmpty();
        assertThat(SourcePriority.parse("garmin,strava,phone,healthkit,manual,fitbit"))
                .isEmpty();
    }
}

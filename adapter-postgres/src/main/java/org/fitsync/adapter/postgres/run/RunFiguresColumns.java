package org.fitsync.adapter.postgres.run;

import java.util.OptionalDouble;
import org.fitsync.domain.run.RunFigures;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A run's derived figures bound to the named parameters of the {@code runs} columns that hold them
 * (V96): {@code :movingTime}, {@code :elevationGain}, {@code :elevationLoss}, {@code :avgHeartRate},
 * {@code :maxHeartRate}, {@code :avgCadence}, {@code :avgPace}; an unknown figure is SQL {@code NULL}.
 * Ingest writes them with the run, the backfill afterwards.
 */
final class RunFiguresColumns {

    private RunFiguresColumns() {}

    static <S extends SqlStatement<S>> S bind(S statement, RunFigures figures) {
        return statement
                .bind("movingTime", figures.movingTimeS())
                .bind("elevationGain", nullable(figures.elevationGainM()))
                .bind("elevationLoss", nullable(figures.elevationLossM()))
                .bind("avgHeartRate", nullable(figures.avgHeartRate()))
                .bind(
                        "maxHeartRate",
                        figures.maxHeartRate().isPresent()
                                ? figures.maxHeartRate().getAsInt()
                                : null)
                .bind("avgCadence", nullable(figures.avgCadence()))
                .bind("avgPace", nullable(figures.avgPaceSPerKm()));
    }

    private static Double nullable(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}

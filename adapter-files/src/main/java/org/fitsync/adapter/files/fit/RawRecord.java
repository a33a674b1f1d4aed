package org.fitsync.adapter.files.fit;

import java.util.OptionalDouble;
import org.fitsync.domain.files.RecordedSample;

/**
 * A FIT record message's values in the file's units, NaN where absent; kept raw until the sport is known
 * (the session comes last), since a running cadence is converted and a cycling one is not.
 */
record RawRecord(
        long fitTime,
        double latSemicircles,
        double lonSemicircles,
        double altitude,
        double enhancedAltitude,
        double distance,
        double heartRate,
        double cadence,
        double fractionalCadence,
        double power,
        double temperature) {

    private static final double DEGREES_PER_SEMICIRCLE = 180.0 / 2147483648.0;

    static RawRecord of(FitActivityDecoder.MessageValues v, long fitTime) {
        return new RawRecord(
                fitTime,
                v.get(FitProfile.RECORD_POSITION_LAT),
                v.get(FitProfile.RECORD_POSITION_LONG),
                v.get(FitProfile.RECORD_ALTITUDE),
                v.get(FitProfile.RECORD_ENHANCED_ALTITUDE),
                v.get(FitProfile.RECORD_DISTANCE),
                v.get(FitProfile.RECORD_HEART_RATE),
                v.get(FitProfile.RECORD_CADENCE),
                v.get(FitProfile.RECORD_FRACTIONAL_CADENCE),
                v.get(FitProfile.RECORD_POWER),
                v.get(FitProfile.RECORD_TEMPERATURE));
    }

    RecordedSample toSample(boolean running) {
        double lat = latSemicircles * DEGREES_PER_SEMICIRCLE;
        double lon = lonSemicircles * DEGREES_PER_SEMICIRCLE;
        boolean positioned = Math.abs(lat) <= 90 && Math.abs(lon) <= 180; // false for NaN too
        double elevation = Double.isNaN(enhancedAltitude) ? altitude : enhancedAltitude;
        return new RecordedSample(
                (fitTime + FitProfile.FIT_EPOCH_S) * 1000,
                positioned ? OptionalDouble.of(lat) : OptionalDouble.empty(),
                positioned ? OptionalDouble.of(lon) : OptionalDouble.empty(),
                present(elevation / 5 - 500),
                present(heartRate),
                present(cadence(running)),
                present(power),
                present(temperature),
                present(distance / 100));
    }

    /**
     * FIT's running cadence counts strides of one foot a minute (with fractional_cadence in 1/128); FitSync
     * counts steps of both feet, so a run's cadence is doubled. Other sports keep theirs (rpm for cycling).
     */
    private double cadence(boolean running) {
        if (!running || Double.isNaN(cadence)) {
            return cadence;
        }
        double fraction = Double.isNaN(fractionalCadence) ? 0 : fractionalCadence / 128;
        return 2 * (cadence + fraction);
    }

    private static OptionalDouble present(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}

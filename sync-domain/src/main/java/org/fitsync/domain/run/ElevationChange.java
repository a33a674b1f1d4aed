package org.fitsync.domain.run;

/**
 * Elevation gain and loss with a hysteresis: a climb (or descent) counts, whole, only once it has
 * risen (fallen) at least {@code hysteresisM} from the last turning point, so GPS and barometer noise
 * smaller than that never adds up, however long the run. The final stretch counts if it got that far.
 * One pass, constant memory; feed elevations in recording order, then read {@link #gainM()} and
 * {@link #lossM()}.
 */
public final class ElevationChange {

    private enum Trend {
        UNKNOWN,
        UP,
        DOWN
    }

    private final double hysteresisM;
    private Trend trend = Trend.UNKNOWN;
    private boolean any;
    /** The last confirmed turning point (before a trend is known: unused). */
    private double anchor;
    /** The highest point of a climb, the lowest of a descent. */
    private double extreme;
    /** Before a trend is known: the lowest and highest elevation so far. */
    private double low;

    private double high;
    private double gain;
    private double loss;

    public ElevationChange(double hysteresisM) {
        if (!(hysteresisM > 0)) {
            throw new IllegalArgumentException("the hysteresis must be positive: " + hysteresisM);
        }
        this.hysteresisM = hysteresisM;
    }

    public void add(double elevationM) {
        if (!any) {
            any = true;
            low = elevationM;
            high = elevationM;
            return;
        }
        switch (trend) {
            case UNKNOWN -> {
                if (elevationM - low >= hysteresisM) {
                    startTrend(Trend.UP, low, elevationM);
                } else if (high - elevationM >= hysteresisM) {
                    startTrend(Trend.DOWN, high, elevationM);
                } else {
                    low = Math.min(low, elevationM);
                    high = Math.max(high, elevationM);
                }
            }
            case UP -> {
                if (elevationM > extreme) {
                    extreme = elevationM;
                } else if (extreme - elevationM >= hysteresisM) {
                    gain += extreme - anchor;
                    startTrend(Trend.DOWN, extreme, elevationM);
                }
            }
            case DOWN -> {
                if (elevationM < extreme) {
                    extreme = elevationM;
                } else if (elevationM - extreme >= hysteresisM) {
                    loss += anchor - extreme;
                    startTrend(Trend.UP, extreme, elevationM);
                }
            }
        }
    }

    private void startTrend(Trend next, double from, double now) {
        trend = next;
        anchor = from;
        extreme = now;
    }

    /** Whether any elevation was added. */
    public boolean any() {
        return any;
    }

    /** Metres climbed, the climb in progress included. */
    public double gainM() {
        return trend == Trend.UP ? gain + (extreme - anchor) : gain;
    }

    /** Metres descended, the descent in progress included. */
    public double lossM() {
        return trend == Trend.DOWN ? loss + (anchor - extreme) : loss;
    }
}

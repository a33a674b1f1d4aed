package org.fitsync.domain.privacy;

import java.util.ArrayList;
import java.util.List;
import org.fitsync.domain.FieldError;

/**
 * What a user hides of their runs from everyone else: up to {@value #MAX_ZONES} zones, and the first
 * and last {@code hideStartEndM} metres (0 to {@value #MAX_HIDE_START_END_M}) of every run.
 */
public record PrivacySettings(List<PrivacyZone> zones, int hideStartEndM) {

    public static final int MAX_ZONES = 10;
    public static final int MAX_HIDE_START_END_M = 1000;

    /** A user who has set nothing: every view shows the whole track. */
    public static final PrivacySettings NONE = new PrivacySettings(List.of(), 0);

    public PrivacySettings {
        zones = List.copyOf(zones);
        FieldError.requireNone(errors(zones.size(), hideStartEndM));
    }

    /** What is wrong with settings of this many zones and this hidden start and end (zones apart). */
    public static List<FieldError> errors(int zoneCount, long hideStartEndM) {
        List<FieldError> errors = new ArrayList<>();
        if (zoneCount > MAX_ZONES) {
            errors.add(new FieldError("zones", "must hold at most " + MAX_ZONES + " zones"));
        }
        if (hideStartEndM < 0 || hideStartEndM > MAX_HIDE_START_END_M) {
            errors.add(new FieldError(
                    "hide_start_end_m", "must be a whole number of metres from 0 to " + MAX_HIDE_START_END_M));
        }
        return errors;
    }

    /** Whether these settings hide nothing, so a served track is the raw one. */
    public boolean hidesNothing() {
        return zones.isEmpty() && hideStartEndM == 0;
    }
}
